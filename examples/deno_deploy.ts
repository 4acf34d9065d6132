/**
 * A Deno Deploy edge function that signs players in while keeping the Nakama server key secret: the browser posts
 * its device id, the edge authenticates with the key and hands back only the session tokens.
 *
 * Add the package with `deno add jsr:@nakama-ts/sdk`, run it locally with `deno serve -A examples/deno_deploy.ts`; on Deno Deploy set the environment variables
 * `NAKAMA_HOST`, `NAKAMA_PORT`, `NAKAMA_USE_SSL` and `NAKAMA_SERVER_KEY`.
 *
 * `POST /login` with `{"device_id": "…"}` answers `{ "token", "refresh_token", "user_id", "username" }`;
 * `GET /health` answers 204 when the game server is up.
 * @module
 */

import { Client, isNakamaError } from "@nakama-ts/sdk";

// One client per isolate: it holds no connection and no timer, so sharing it between requests costs nothing.
const client = new Client({
  host: Deno.env.get("NAKAMA_HOST") ?? "127.0.0.1",
  port: Number(Deno.env.get("NAKAMA_PORT") ?? "7350"),
  useSSL: Deno.env.get("NAKAMA_USE_SSL") === "true",
  serverKey: Deno.env.get("NAKAMA_SERVER_KEY") ?? "defaultkey",
  timeoutMs: 5_000,
});

async function login(request: Request): Promise<Response> {
  const body = await request.json().catch(() => undefined) as { device_id?: unknown } | undefined;
  if (typeof body?.device_id !== "string") return Response.json({ error: "device_id is required" }, { status: 400 });
  const session = await client.authenticateDevice(body.device_id, { create: true, signal: request.signal });
  return Response.json({
    token: session.token,
    refresh_token: session.refreshToken,
    user_id: session.userId,
    username: session.username,
  });
}

/** The edge function, in the `deno serve` shape that Deno Deploy runs. */
export default {
  async fetch(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    try {
      if (request.method === "POST" && pathname === "/login") return await login(request);
      if (request.method === "GET" && pathname === "/health") {
        await client.healthcheck({ signal: request.signal, timeoutMs: 2_000 });
        return new Response(null, { status: 204 });
      }
      return Response.json({ error: "not found" }, { status: 404 });
    } catch (error) {
      if (isNakamaError(error)) {
        return Response.json({ error: error.name, status: error.status, message: error.message }, { status: 502 });
      }
      throw error;
    }
  },
} satisfies Deno.ServeDefaultExport;
