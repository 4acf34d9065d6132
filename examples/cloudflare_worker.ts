/**
 * A Cloudflare Worker that signs a device in to Nakama, reads its account, calls an RPC and answers with JSON.
 *
 * Configure it with the Worker's variables (`[vars]` in wrangler.toml, or the dashboard): `NAKAMA_HOST`,
 * `NAKAMA_PORT`, `NAKAMA_USE_SSL` (`"true"` for HTTPS) and the secret `NAKAMA_SERVER_KEY`. Then
 * `GET /?device=<id>&username=<name>` answers `{ "user_id", "username", "rpc" }`.
 *
 * The client is built per request: a Worker keeps nothing running between requests, and the SDK starts no
 * background timers, so there is nothing to clean up.
 *
 * The workerd smoke test (`tests/runtimes/workerd/`) bundles this file with the npm build and runs it.
 * @module
 */

import { Client, isNakamaError } from "@nakama-ts/sdk";

/** The Worker's bindings. */
export interface Env {
  NAKAMA_HOST?: string;
  NAKAMA_PORT?: string;
  NAKAMA_USE_SSL?: string;
  NAKAMA_SERVER_KEY?: string;
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
      // TODO(socket): when the realtime socket lands, open one here (`?socket=1`), send a ping or an RPC over it,
      // close it, and add the result to the answer; tests/runtimes/workerd/workerd_smoke.ts has the matching todo.
      return Response.json({ user_id: account.user?.id, username: account.user?.username, rpc: reply.payload });
    } catch (error) {
      // The server said no (wrong key, bad id): report it without the stack, and never with a token.
      if (isNakamaError(error)) {
        return Response.json({ error: error.name, status: error.status, message: error.message }, { status: 502 });
      }
      throw error;
    }
  },
};
