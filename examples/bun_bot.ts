/**
 * A Bun bot: signs in with its own device id, reads its account, calls an RPC, then opens a realtime socket (Bun has
 * a global WebSocket), says hello in a chat room, and prints one JSON line.
 *
 * Run it with `bun examples/bun_bot.ts` (after `bun add @nakama-ts/sdk`). It reads `NAKAMA_HOST`, `NAKAMA_PORT`,
 * `NAKAMA_SERVER_KEY`, `NAKAMA_DEVICE_ID` and `NAKAMA_USERNAME` from the environment.
 * @module
 */

import process from "node:process";
import { ChannelType, Client } from "@nakama-ts/sdk";

const client = new Client({
  host: process.env.NAKAMA_HOST ?? "127.0.0.1",
  port: Number(process.env.NAKAMA_PORT ?? "7350"),
  serverKey: process.env.NAKAMA_SERVER_KEY ?? "defaultkey",
});

const deviceId = process.env.NAKAMA_DEVICE_ID ?? `bun-bot-${crypto.randomUUID()}`;
const session = await client.authenticateDevice(deviceId, { create: true, username: process.env.NAKAMA_USERNAME });
const account = await client.getAccount(session);
const reply = await client.rpc(session, "echo", { bot: "bun", device: deviceId });

const socket = client.createSocket();
await socket.connect(session);
const room = await socket.joinChat("bots", ChannelType.Room);
const ack = await socket.writeChatMessage(room.id, { text: `hello from ${deviceId}` });
await socket.close();

console.log(JSON.stringify({
  user_id: account.user?.id,
  username: account.user?.username,
  rpc: reply.payload,
  chat_message_id: ack.message_id,
}));
