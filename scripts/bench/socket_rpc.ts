/**
 * Row 2, socket RPC: sequential round trips per second of the `echo` RPC, and client CPU µs per round trip, for one
 * subject: this client, nakama-js, or the floor (a raw WebSocket sending `{cid, rpc}` and parsing the reply).
 * Node uses the `ws` package for all three (Node 20 has no WebSocket); Bun its global WebSocket.
 *
 * Usage (by run.ts): `<node|bun> socket_rpc.(ts|mjs) '<ChildConfig JSON>'`
 * @module
 */

import {
  childConfig,
  deviceId,
  finish,
  hostPort,
  loadNakamaJs,
  loadOurs,
  rate,
  rawAuthenticate,
  realWebSocket,
  runtimeName,
} from "./common.ts";

const config = childConfig();
const WebSocket = await realWebSocket();
const PAYLOAD = JSON.stringify({ hello: "world", n: 1 });
let step: () => Promise<string | undefined>;
let close: () => Promise<void> | void;

if (config.subject === "ours") {
  const { Client } = await loadOurs(config);
  const { host, port } = hostPort(config.url);
  const client = new Client({ host, port: Number(port), serverKey: config.serverKey });
  const session = await client.authenticateDevice(deviceId("rpc"), { create: true });
  const socket = client.createSocket({ WebSocket });
  await socket.connect(session);
  step = async () => (await socket.rpc("echo", PAYLOAD)).payload;
  close = () => socket.close();
} else if (config.subject === "nakama-js") {
  const nakama = await loadNakamaJs(WebSocket);
  const { host, port } = hostPort(config.url);
  const client = new nakama.Client(config.serverKey, host, port, false);
  const session = await client.authenticateDevice(deviceId("rpc"), true);
  const socket = client.createSocket(false, false);
  await socket.connect(session, false);
  step = async () => (await socket.rpc("echo", PAYLOAD)).payload;
  close = () => socket.disconnect(false);
} else {
  const token = await rawAuthenticate(config, deviceId("rpc"));
  const wsUrl = `${config.url.replace(/^http/, "ws")}/ws?lang=en&status=false&token=${encodeURIComponent(token)}`;
  const ws = new WebSocket(wsUrl);
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => resolve();
    ws.onerror = () => reject(new Error("raw WebSocket: could not connect"));
  });
  // One request in flight at a time: the reply resolves the one waiting promise.
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
  close = () => ws.close();
}

if (await step() !== PAYLOAD) throw new Error("the echo RPC did not echo");
const result = await rate(step, { warmupMs: config.warmupMs, windowMs: config.windowMs });
await close();

finish({
  runtime: runtimeName(),
  subject: config.subject,
  perSecond: result.perSecond,
  cpuMicros: result.cpuMicrosPerCall,
});
