/**
 * Row 7, memory: 200 open, authenticated sockets in one Node process (`ws` as the WebSocket), against 200 raw `ws`
 * WebSockets to the same server with the same tokens. Measures `heapUsed + external` after a forced GC, before the
 * sockets open and once all are open and idle; reports bytes per socket. Run with `node --expose-gc`.
 *
 * Usage (by run.ts): `node --expose-gc memory.mjs '<ChildConfig JSON + {"sessionsFile": path}>'`
 * @module
 */

import { readFileSync } from "node:fs";
import process from "node:process";
import {
  type ChildConfig,
  childConfig,
  finish,
  hostPort,
  loadNakamaJs,
  loadOurs,
  realWebSocket,
  runtimeName,
  sleep,
} from "./common.ts";

interface MemoryConfig extends ChildConfig {
  /** A JSON file holding one `{token, refresh_token}` per socket (too long for a command-line argument). */
  sessionsFile: string;
}

const config = childConfig<MemoryConfig>();
const sessionList = JSON.parse(readFileSync(config.sessionsFile, "utf8")) as Array<
  { token: string; refresh_token: string }
>;
const gc = (globalThis as { gc?: () => void }).gc;
if (typeof gc !== "function") throw new Error("run with --expose-gc");
const WebSocket = await realWebSocket();

function measure(): number {
  // Several passes: one full GC can leave weak and finalization work for the next.
  for (let i = 0; i < 4; i++) gc!();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

const keep: unknown[] = [];
let open: () => Promise<void>;
let closeAll: () => Promise<void> | void;

if (config.subject === "ours") {
  const { Client, Session } = await loadOurs(config);
  const { host, port } = hostPort(config.url);
  const client = new Client({ host, port: Number(port), serverKey: config.serverKey });
  const sessions = sessionList.map((s) => Session.restore(s.token, s.refresh_token));
  // One socket of the same kind first, so code, JIT and `ws` are loaded before the baseline.
  const probe = client.createSocket({ WebSocket });
  await probe.connect(sessions[0]);
  await probe.close();
  const sockets: Array<{ close(): Promise<void> }> = [];
  open = async () => {
    for (const session of sessions) {
      const socket = client.createSocket({ WebSocket });
      await socket.connect(session);
      sockets.push(socket);
    }
  };
  closeAll = () => Promise.all(sockets.map((s) => s.close())).then(() => {});
  keep.push(sessions, client);
} else if (config.subject === "nakama-js") {
  const nakama = await loadNakamaJs(WebSocket);
  const { host, port } = hostPort(config.url);
  const client = new nakama.Client(config.serverKey, host, port, false);
  const sessions = sessionList.map((s) => nakama.Session.restore(s.token, s.refresh_token));
  const probe = client.createSocket(false, false);
  await probe.connect(sessions[0], false);
  probe.disconnect(false);
  await sleep(50);
  const sockets: Array<{ disconnect(fire: boolean): void }> = [];
  open = async () => {
    for (const session of sessions) {
      const socket = client.createSocket(false, false);
      await socket.connect(session, false);
      sockets.push(socket);
    }
  };
  closeAll = () => {
    for (const socket of sockets) socket.disconnect(false);
  };
  keep.push(sessions, client);
} else {
  const wsBase = `${config.url.replace(/^http/, "ws")}/ws?lang=en&status=false&token=`;
  const tokens = sessionList.map((s) => s.token);
  const connect = (token: string) =>
    new Promise<InstanceType<typeof WebSocket>>((resolve, reject) => {
      const ws = new WebSocket(wsBase + encodeURIComponent(token));
      ws.onopen = () => resolve(ws);
      ws.onerror = () => reject(new Error("raw WebSocket: could not connect"));
      // A real app reads frames; a listener keeps the comparison honest.
      ws.onmessage = () => {};
    });
  const probe = await connect(tokens[0]);
  probe.close();
  await sleep(50);
  const sockets: Array<InstanceType<typeof WebSocket>> = [];
  open = async () => {
    for (const token of tokens) sockets.push(await connect(token));
  };
  closeAll = () => {
    for (const ws of sockets) ws.close();
  };
  keep.push(tokens);
}

await sleep(100);
const before = measure();
await open();
await sleep(300); // let handshakes' buffers go
const after = measure();
const perSocket = (after - before) / sessionList.length;
await closeAll();
finish({
  runtime: runtimeName(),
  subject: config.subject,
  sockets: sessionList.length,
  bytesPerSocket: perSocket,
  kept: keep.length,
});
