/**
 * TEMPORARY stand-in for `tests/support/fake_nakama/mod.ts` while it is being written: just enough of Nakama
 * (device authenticate, account, `echo` RPC, CORS for any origin) to develop the runtime launchers.
 * Delete it once the real fake server lands, and point `fake.ts` at the real one.
 * @module
 */

import { serve } from "../support/serve.ts";
import { signJwt } from "../support/fake_nakama/jwt.ts";

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "authorization, content-type",
  "access-control-allow-methods": "GET, POST, PUT, DELETE, OPTIONS",
};

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...CORS } });
}

/** The stand-in server. */
export interface FakeNakama {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Starts the stand-in on an ephemeral loopback port. */
export const FakeNakama = {
  async start(): Promise<FakeNakama> {
    const users = new Map<string, { id: string; username: string }>();
    const listener = await serve({
      async fetch(request) {
        const url = new URL(request.url);
        if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS });
        if (url.pathname === "/v2/account/authenticate/device") {
          if (request.headers.get("authorization") !== `Basic ${btoa("defaultkey:")}`) {
            return json({ code: 16, message: "Server key invalid" }, 401);
          }
          const { id } = await request.json();
          const user = users.get(id) ?? { id: crypto.randomUUID(), username: url.searchParams.get("username") ?? "u" };
          users.set(id, user);
          const exp = Math.floor(Date.now() / 1000) + 3600;
          const claims = { tid: crypto.randomUUID(), uid: user.id, usn: user.username, exp };
          return json({ token: await signJwt(claims, "k"), refresh_token: await signJwt(claims, "r") });
        }
        const auth = request.headers.get("authorization") ?? "";
        const payload = auth.startsWith("Bearer ") ? JSON.parse(atob(auth.split(".")[1])) : undefined;
        if (!payload) return json({ code: 16, message: "Auth token invalid" }, 401);
        if (url.pathname === "/v2/account") {
          return json({ user: { id: payload.uid, username: payload.usn }, wallet: "{}" });
        }
        if (url.pathname === "/v2/rpc/echo") return json({ id: "echo", payload: JSON.parse(await request.text()) });
        return json({ code: 5, message: "Not found" }, 404);
      },
    });
    return { url: listener.url, port: listener.port, close: () => listener.close() };
  },
};
