// @ts-check
/**
 * A Node ESM script (Node 20+, no TypeScript needed): signs in with a device id, reads the account, calls an RPC
 * and prints one JSON line. `require("@nakama-ts/sdk")` works the same way from CommonJS.
 *
 * Run it with `node examples/node_esm.mjs` (after `npm install @nakama-ts/sdk`). It reads `NAKAMA_HOST`,
 * `NAKAMA_PORT`, `NAKAMA_SERVER_KEY`, `NAKAMA_DEVICE_ID` and `NAKAMA_USERNAME` from the environment.
 * @module
 */

import process from "node:process";
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
  // TODO(socket): Node 20 has no global WebSocket; when the realtime socket lands, pass the `ws` package's
  // WebSocket as the socket's factory here.
  console.log(JSON.stringify({ user_id: account.user?.id, username: account.user?.username, rpc: reply.payload }));
} catch (error) {
  // A server refusal carries the status and the server's message, never a token.
  console.error(isNakamaError(error) ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
}
