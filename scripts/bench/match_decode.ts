/**
 * Row 3, decoding incoming match data with no network: 100,000 `match_data` envelopes (64-byte payloads, shaped
 * like the frames Nakama 3.18 sends) pushed into a fake WebSocket's `onmessage`, so each client runs its whole public
 * receive path: frame → JSON → envelope dispatch → base64 → the app's listener. The floor is `JSON.parse` plus a
 * standard base64 decode (`Uint8Array.fromBase64` where it exists, else `atob`) and nothing else.
 *
 * Reports messages per second over `passes` passes of the 100,000 frames after one warm-up pass (median).
 *
 * Usage (by run.ts): `<node|bun> match_decode.(ts|mjs) '<ChildConfig JSON>'`
 * @module
 */

import {
  childConfig,
  fakeJwt,
  FakeWebSocket,
  finish,
  loadNakamaJs,
  loadOurs,
  runtimeName,
  sleep,
  standardBase64Decode,
} from "./common.ts";

const MESSAGES = 100_000;
const PASSES = 5;
const DISTINCT = 1024;

const config = childConfig();

// Distinct frames (payload bytes and op codes vary), built before anything is measured.
const frames: string[] = [];
for (let i = 0; i < DISTINCT; i++) {
  const payload = new Uint8Array(64);
  for (let j = 0; j < 64; j++) payload[j] = (i * 31 + j * 7) & 0xff;
  frames.push(JSON.stringify({
    match_data: {
      match_id: "fb7cefd5-311d-4bb6-9e7c-9fc4c319f81f.",
      presence: {
        user_id: "fd0e6c38-5e89-4cc1-b7b4-a86edcb3ef20",
        session_id: "36c84d57-e7c3-11f1-b649-658a6aa0a2e5",
        username: "player_one",
      },
      op_code: String(1 + (i % 8)),
      data: btoa(String.fromCharCode(...payload)),
    },
  }));
}

let received = 0;
let checksum = 0;
let deliver: (frame: string) => void;
let close: () => Promise<void> | void = () => {};

if (config.subject === "ours") {
  const { Client, Session } = await loadOurs(config);
  const client = new Client();
  const socket = client.createSocket({ WebSocket: FakeWebSocket });
  socket.on("matchData", (message) => {
    received++;
    checksum += message.data[5];
  });
  await socket.connect(Session.restore(fakeJwt("fd0e6c38-5e89-4cc1-b7b4-a86edcb3ef20", "player_one")));
  const ws = FakeWebSocket.last!;
  deliver = (frame) => ws.onmessage!({ data: frame });
  close = () => socket.close();
} else if (config.subject === "nakama-js") {
  const nakama = await loadNakamaJs(FakeWebSocket);
  const client = new nakama.Client();
  const socket = client.createSocket(false, false);
  socket.onmatchdata = (message) => {
    received++;
    checksum += message.data[5];
  };
  const connected = socket.connect(
    nakama.Session.restore(fakeJwt("fd0e6c38-5e89-4cc1-b7b4-a86edcb3ef20", "player_one"), ""),
    false,
  );
  await connected;
  const ws = FakeWebSocket.last!;
  deliver = (frame) => ws.onmessage!({ data: frame });
} else {
  deliver = (frame) => {
    const envelope = JSON.parse(frame);
    const bytes = standardBase64Decode(envelope.match_data.data);
    received++;
    checksum += bytes[5];
  };
}

function pass(): number {
  const t0 = performance.now();
  for (let i = 0; i < MESSAGES; i++) deliver(frames[i & (DISTINCT - 1)]);
  return performance.now() - t0;
}

pass(); // warm-up
const rates: number[] = [];
for (let p = 0; p < PASSES; p++) {
  rates.push(MESSAGES / (pass() / 1000));
  await sleep(0); // let timers (heartbeats) run between passes, as an app's event loop would
}
if (received !== MESSAGES * (PASSES + 1)) throw new Error(`delivered ${received}, expected ${MESSAGES * (PASSES + 1)}`);
await close();
rates.sort((a, b) => a - b);

finish({ runtime: runtimeName(), subject: config.subject, perSecond: rates[rates.length >> 1], checksum });
