/**
 * Row 2b, socket RPC bookkeeping with no network: sequential `rpc("echo", payload)` through a fake WebSocket that
 * answers every request on the next microtask with the reply a server would send. What is left is each client's own
 * work per round trip (checks, cid, pending entry, timer, call-site capture, JSON both ways, dispatch), which the
 * loopback rows cannot resolve on a shared machine. The floor sends `{cid, rpc}` and parses the reply itself.
 *
 * Usage (by run.ts): `<node|bun> rpc_stub.(ts|mjs) '<ChildConfig JSON>'`
 * @module
 */

import { childConfig, fakeJwt, FakeWebSocket, finish, loadNakamaJs, loadOurs, runtimeName } from "./common.ts";

const CALLS = 20_000;
const PASSES = 5;
const PAYLOAD = JSON.stringify({ hello: "world", n: 1 });

/** A fake WebSocket that echoes each `rpc` request (and answers pings) as a Nakama server would. */
class EchoWebSocket extends FakeWebSocket {
  override send(data: string): void {
    super.send(data);
    const request = JSON.parse(data);
    const reply = request.rpc
      ? JSON.stringify({ cid: request.cid, rpc: { id: request.rpc.id, payload: request.rpc.payload } })
      : JSON.stringify({ cid: request.cid, pong: {} });
    queueMicrotask(() => this.onmessage?.({ data: reply }));
  }
}

const config = childConfig();
const token = fakeJwt("fd0e6c38-5e89-4cc1-b7b4-a86edcb3ef20", "player_one");
let step: () => Promise<string | undefined>;

if (config.subject === "ours") {
  const { Client, Session } = await loadOurs(config);
  const socket = new Client().createSocket({ WebSocket: EchoWebSocket });
  await socket.connect(Session.restore(token));
  step = async () => (await socket.rpc("echo", PAYLOAD)).payload;
} else if (config.subject === "nakama-js") {
  const nakama = await loadNakamaJs(EchoWebSocket);
  const socket = new nakama.Client().createSocket(false, false);
  await socket.connect(nakama.Session.restore(token, ""), false);
  step = async () => (await socket.rpc("echo", PAYLOAD)).payload;
} else {
  const ws = new EchoWebSocket("ws://127.0.0.1:7350/ws");
  await new Promise((resolve) => ws.onopen = resolve);
  let waiting: ((value: string | undefined) => void) | undefined;
  let cid = 0;
  ws.onmessage = (event) => {
    const envelope = JSON.parse(event.data as string);
    const resolve = waiting;
    waiting = undefined;
    resolve?.(envelope.rpc?.payload);
  };
  step = () =>
    new Promise((resolve) => {
      waiting = resolve;
      ws.send(JSON.stringify({ cid: String(++cid), rpc: { id: "echo", payload: PAYLOAD } }));
    });
}

if (await step() !== PAYLOAD) throw new Error("the echo RPC did not echo");

async function pass(): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < CALLS; i++) await step();
  return (performance.now() - t0) * 1000 / CALLS;
}

await pass(); // warm-up
const costs: number[] = [];
for (let p = 0; p < PASSES; p++) costs.push(await pass());
costs.sort((a, b) => a - b);
finish({ runtime: runtimeName(), subject: config.subject, microsPerCall: costs[costs.length >> 1] });
