/**
 * A Cloudflare Worker that signs a device in to Nakama, reads its account, calls an RPC and answers with JSON.
 *
 * Configure it with the Worker's variables (`[vars]` in wrangler.toml, or the dashboard): `NAKAMA_HOST`,
 * `NAKAMA_PORT`, `NAKAMA_USE_SSL` (`"true"` for HTTPS) and the secret `NAKAMA_SERVER_KEY`. Then
 * `GET /?device=<id>&username=<name>` answers `{ "user_id", "username", "rpc" }`; with `&socket=1` it also opens a
 * realtime socket, calls the same RPC over it and adds `"socket_rpc"`.
 *
 * The client is built per request: a Worker keeps nothing running between requests, and the SDK starts no
 * background timers, so there is nothing to clean up. A socket is different: it holds a connection and a heartbeat
 * timer, so it is closed before the response is returned. Workers have a global `WebSocket` constructor that
 * connects out (`new WebSocket("wss://…")`), which is what the SDK uses: no adapter is needed.
 *
 * The workerd smoke test (`tests/runtimes/workerd/`) bundles this file with the npm build and runs it.
 * @module
 */

import { Client, isNakamaError, type Session } from "@nakama-ts/sdk";

/** The Worker's bindings. */
export interface Env {
  NAKAMA_HOST?: string;
  NAKAMA_PORT?: string;
  NAKAMA_USE_SSL?: string;
  NAKAMA_SERVER_KEY?: string;
}

/** Calls `echo` over a realtime socket that lives only as long as this request. */
async function socketRpc(client: Client, session: Session, device: string): Promise<string | undefined> {
  const socket = client.createSocket({ sendTimeoutMs: 5_000 });
  try {
    await socket.connect(session, { timeoutMs: 5_000 });
    const reply = await socket.rpc("echo", { from: "cloudflare-worker-socket", device });
    return reply.payload;
  } finally {
    // The Worker's I/O ends with the request: never leave the connection (or its heartbeat) behind.
    await socket.close();
  }
}

/** The Worker: one `fetch` handler. */
export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const device = url.searchParams.get("device");
    if (!device) return Response.json({ error: "pass ?device=<id>" }, { status: 400 });
    const client = new Client({
      host: env.NAKAMA_HOST ?? "127.0.0.1",
      port: Number(env.NAKAMA_PORT ?? "7350"),
      useSSL: env.NAKAMA_USE_SSL === "true",
      serverKey: env.NAKAMA_SERVER_KEY ?? "defaultkey",
      timeoutMs: 5_000,
    });
    try {
      const username = url.searchParams.get("username") ?? undefined;
      const session = await client.authenticateDevice(device, { create: true, username });
      const account = await client.getAccount(session);
      const reply = await client.rpc(session, "echo", { from: "cloudflare-worker", device });
      const answer: Record<string, unknown> = {
        user_id: account.user?.id,
        username: account.user?.username,
        rpc: reply.payload,
      };
      if (url.searchParams.get("socket") === "1") answer.socket_rpc = await socketRpc(client, session, device);
      return Response.json(answer);
    } catch (error) {
      // The server said no (wrong key, bad id): report it without the stack, and never with a token.
      if (isNakamaError(error)) {
        return Response.json({ error: error.name, status: error.status, message: error.message }, { status: 502 });
      }
      throw error;
    }
  },
};
