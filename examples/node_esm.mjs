// @ts-check
/**
 * A Node ESM script (Node 20+, no TypeScript needed): signs in with a device id, reads the account, calls an RPC
 * and prints one JSON line. `require("@nakama-ts/sdk")` works the same way from CommonJS.
 *
 * The realtime socket needs a WebSocket constructor: Node 20 has no global one, so the script passes the `ws`
 * package's (`npm install ws`). Node 22+ (and every other runtime) needs no option. Nothing is installed globally.
 *
 * Run it with `node examples/node_esm.mjs` (after `npm install @nakama-ts/sdk`). It reads `NAKAMA_HOST`,
 * `NAKAMA_PORT`, `NAKAMA_SERVER_KEY`, `NAKAMA_DEVICE_ID` and `NAKAMA_USERNAME` from the environment.
 * @module
 */

import process from "node:process";
import { WebSocket } from "ws";
import { Client, isNakamaError } from "@nakama-ts/sdk";

const client = new Client({
  host: process.env.NAKAMA_HOST ?? "127.0.0.1",
  port: Number(process.env.NAKAMA_PORT ?? "7350"),
  serverKey: process.env.NAKAMA_SERVER_KEY ?? "defaultkey",
});

try {
  const deviceId = process.env.NAKAMA_DEVICE_ID ?? `node-script-${crypto.randomUUID()}`;
  const session = await client.authenticateDevice(deviceId, { create: true, username: process.env.NAKAMA_USERNAME });
  const account = await client.getAccount(session);
  const reply = await client.rpc(session, "echo", { script: "node", device: deviceId });
  const socket = client.createSocket({ WebSocket: globalThis.WebSocket ?? WebSocket });
  await socket.connect(session);
  const socketReply = await socket.rpc("echo", "over the socket");
  await socket.close();
  console.log(JSON.stringify({
    user_id: account.user?.id,
    username: account.user?.username,
    rpc: reply.payload,
    socket_rpc: socketReply.payload,
  }));
} catch (error) {
  // A server refusal carries the status and the server's message, never a token.
  console.error(isNakamaError(error) ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
}
