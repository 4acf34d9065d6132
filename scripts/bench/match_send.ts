/**
 * Row 4, sending match data with no network: the cost of `sendMatchState(matchId, opCode, 64 bytes)` from the call
 * to the text handed to a fake WebSocket's `send` (argument checks, int64 op code, base64, JSON). The floor is
 * `JSON.stringify` of the envelope with a standard base64 encode (`toBase64` where it exists, else `btoa`) and
 * `send`. Reports nanoseconds per message (median of passes after a warm-up pass).
 *
 * Usage (by run.ts): `<node|bun> match_send.(ts|mjs) '<ChildConfig JSON>'`
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
  standardBase64Encode,
} from "./common.ts";

const MESSAGES = 100_000;
const PASSES = 5;
const DISTINCT = 1024;
const MATCH_ID = "fb7cefd5-311d-4bb6-9e7c-9fc4c319f81f.";

const config = childConfig();

// Each payload owns its buffer: nakama-js encodes `payload.buffer`, so views into one big buffer would be unfair.
const payloads: Uint8Array[] = [];
for (let i = 0; i < DISTINCT; i++) {
  const payload = new Uint8Array(64);
  for (let j = 0; j < 64; j++) payload[j] = (i * 31 + j * 7) & 0xff;
  payloads.push(payload);
}

let send: (opCode: number, data: Uint8Array) => unknown;
let ws: FakeWebSocket;
let close: () => Promise<void> | void = () => {};

if (config.subject === "ours") {
  const { Client, Session } = await loadOurs(config);
  const socket = new Client().createSocket({ WebSocket: FakeWebSocket });
  await socket.connect(Session.restore(fakeJwt("fd0e6c38-5e89-4cc1-b7b4-a86edcb3ef20", "player_one")));
  ws = FakeWebSocket.last!;
  send = (opCode, data) => socket.sendMatchState(MATCH_ID, opCode, data);
  close = () => socket.close();
} else if (config.subject === "nakama-js") {
  const nakama = await loadNakamaJs(FakeWebSocket);
  const socket = new nakama.Client().createSocket(false, false);
  await socket.connect(nakama.Session.restore(fakeJwt("fd0e6c38-5e89-4cc1-b7b4-a86edcb3ef20", "player_one"), ""));
  ws = FakeWebSocket.last!;
  send = (opCode, data) => socket.sendMatchState(MATCH_ID, opCode, data);
} else {
  ws = new FakeWebSocket("ws://127.0.0.1/ws");
  await sleep(1);
  send = (opCode, data) =>
    ws.send(JSON.stringify({
      match_data_send: { match_id: MATCH_ID, op_code: String(opCode), data: standardBase64Encode(data) },
    }));
}

async function pass(): Promise<number> {
  const before = ws.sent;
  const t0 = performance.now();
  for (let i = 0; i < MESSAGES; i++) send(1 + (i & 7), payloads[i & (DISTINCT - 1)]);
  const ms = performance.now() - t0;
  if (ws.sent - before !== MESSAGES) throw new Error(`sent ${ws.sent - before} frames, expected ${MESSAGES}`);
  await sleep(0); // settle the returned promises outside the timed loop
  return ms;
}

await pass(); // warm-up
// Every subject must put the same payload on the wire.
const frame = JSON.parse(ws.lastSent).match_data_send;
if (
  frame.match_id !== MATCH_ID || frame.op_code !== "8" ||
  frame.data !== standardBase64Encode(payloads[(MESSAGES - 1) & (DISTINCT - 1)])
) {
  throw new Error(`unexpected frame ${ws.lastSent}`);
}
const costs: number[] = [];
for (let p = 0; p < PASSES; p++) costs.push((await pass()) * 1e6 / MESSAGES);
await close();
costs.sort((a, b) => a - b);

finish({
  runtime: runtimeName(),
  subject: config.subject,
  nsPerMessage: costs[costs.length >> 1],
  frameChars: ws.lastSent.length,
});
