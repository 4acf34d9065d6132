/**
 * Wire-level tests of the fake Nakama server with raw fetch: each area's success and error answers must look like
 * the Nakama 3.18 captures (status, `{code, message}`, key names, zero-value omission, int64 strings, jsonb
 * re-serialised JSON-in-string fields), and every fault kind must behave as documented.
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { FakeNakama, newTournament, RpcError } from "./support/fake_nakama/mod.ts";

const SERVER_KEY = "Basic " + btoa("defaultkey:");
const HTTP_KEY = "Basic " + btoa("defaulthttpkey:");

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  // deno-lint-ignore no-explicit-any
  body: any;
}

interface CallOptions {
  auth?: string;
  query?: Record<string, string | string[]>;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

async function call(fake: FakeNakama, method: string, path: string, options: CallOptions = {}): Promise<Reply> {
  const url = new URL(path, fake.url);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, v);
  }
  const headers: Record<string, string> = { ...options.headers };
  if (options.auth) headers.authorization = options.auth.startsWith("Basic ") ? options.auth : `Bearer ${options.auth}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch { /* not JSON */ }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

function claims(token: string): Record<string, unknown> {
  const part = token.split(".")[1].replaceAll("-", "+").replaceAll("_", "/");
  const binary = atob(part + "=".repeat((4 - (part.length % 4)) % 4));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
}

interface Player {
  id: string;
  username: string;
  token: string;
  refresh: string;
}

async function device(fake: FakeNakama, username: string): Promise<Player> {
  const reply = await call(fake, "POST", "/v2/account/authenticate/device", {
    auth: SERVER_KEY,
    query: { create: "true", username },
    body: { id: `dev-${username}-000000` },
  });
  assert.equal(reply.status, 200, reply.text);
  const c = claims(reply.body.token);
  return { id: c.uid as string, username, token: reply.body.token, refresh: reply.body.refresh_token };
}

const ERR = (code: number, message: string) => ({ code, message });

describe("FakeNakama routing and transport", () => {
  let fake: FakeNakama;
  before(async () => {
    fake = await FakeNakama.start();
  });
  after(() => fake.close());

  it("GET / answers 200 with an empty body and no content-type", async () => {
    const reply = await call(fake, "GET", "/");
    assert.equal(reply.status, 200);
    assert.equal(reply.text, "");
    assert.equal(reply.headers.get("content-type"), null);
  });

  it("GET /healthcheck answers {} as JSON with the gateway's cache headers", async () => {
    const reply = await call(fake, "GET", "/healthcheck");
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, {});
    assert.equal(reply.headers.get("content-type"), "application/json");
    assert.equal(reply.headers.get("cache-control"), "no-store, no-cache, must-revalidate");
    assert.equal(reply.headers.get("access-control-allow-origin"), "*");
  });

  it("answers unknown paths with 404 Not Found and wrong methods with 501", async () => {
    const unknown = await call(fake, "GET", "/v2/does/not/exist", { auth: "x" });
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.body, ERR(5, "Not Found"));
    const patch = await call(fake, "PATCH", "/v2/account", { body: {} });
    assert.equal(patch.status, 501);
    assert.deepEqual(patch.body, ERR(12, "Method Not Allowed"));
    const del = await call(fake, "DELETE", "/v2/storage");
    assert.deepEqual([del.status, del.body], [501, ERR(12, "Method Not Allowed")]);
  });

  it("decodes bodies like grpc-gateway: Go syntax errors, size limit, camelCase names", async () => {
    const decode = (rawBody: string) =>
      call(fake, "POST", "/v2/account/authenticate/custom", { auth: SERVER_KEY, rawBody });
    assert.deepEqual((await decode('{"id":')).body, ERR(3, "unexpected EOF"));
    assert.deepEqual((await decode('{"id" "x"}')).body, ERR(3, "invalid character '\"' after object key"));
    assert.deepEqual((await decode("[1,2")).body, ERR(3, "unexpected EOF"));
    assert.deepEqual(
      (await decode('{\n  "id": true}')).body,
      ERR(3, "proto: (line 2:9): invalid value for string type: true"),
    );
    const large = await decode(JSON.stringify({ id: "x".repeat(300_000) }));
    assert.deepEqual([large.status, large.body], [400, ERR(3, "http: request body too large")]);
    const player = await device(fake, "camel");
    const camel = await call(fake, "PUT", "/v2/account", { auth: player.token, rawBody: '{"displayName":"Camel"}' });
    assert.deepEqual(camel.body, {});
    assert.equal(fake.state.users.get(player.id)?.display_name, "Camel");
    const emptyId = await call(fake, "POST", "/v2/rpc/", { auth: HTTP_KEY, body: "" });
    assert.deepEqual(emptyId.body, { error: "RPC ID must be set", message: "RPC ID must be set", code: 3 });
  });

  it("answers CORS preflights", async () => {
    const reply = await call(fake, "OPTIONS", "/v2/account", { headers: { origin: "http://game.example" } });
    assert.equal(reply.status, 200);
    assert.match(reply.headers.get("access-control-allow-headers") ?? "", /Authorization/);
  });

  it("records every request with its raw path, query and body", async () => {
    const before = fake.requests.length;
    await call(fake, "GET", "/v2/channel/2...a%20b", { query: { limit: "2" }, auth: "garbage" });
    const recorded = fake.requests[before];
    assert.equal(recorded.method, "GET");
    assert.equal(recorded.path, "/v2/channel/2...a%20b");
    assert.equal(recorded.rawUrl, "/v2/channel/2...a%20b?limit=2");
    assert.equal(recorded.query.get("limit"), "2");
    assert.equal(recorded.headers.get("authorization"), "Bearer garbage");
    assert.equal(recorded.body, "");
  });
});

describe("FakeNakama authentication", () => {
  let fake: FakeNakama;
  before(async () => {
    fake = await FakeNakama.start();
  });
  after(() => fake.close());

  it("authenticate/device creates an account once, with Nakama's token claims", async () => {
    const first = await call(fake, "POST", "/v2/account/authenticate/device", {
      auth: SERVER_KEY,
      query: { create: "true", username: "alice" },
      body: { id: "dev-alice-0000" },
    });
    assert.equal(first.status, 200);
    assert.deepEqual(Object.keys(first.body), ["created", "token", "refresh_token"]);
    assert.equal(first.body.created, true);
    const session = claims(first.body.token);
    assert.deepEqual(Object.keys(session), ["tid", "uid", "usn", "exp", "iat"]);
    assert.equal(session.usn, "alice");
    assert.equal(session.exp, (session.iat as number) + 7200);
    const refresh = claims(first.body.refresh_token);
    assert.equal(refresh.tid, session.tid);
    assert.equal(refresh.exp, (session.iat as number) + 86400);

    const again = await call(fake, "POST", "/v2/account/authenticate/device", {
      auth: SERVER_KEY,
      body: { id: "dev-alice-0000", vars: { platform: "web", build: "42" }, bogus_field: 1 },
    });
    assert.equal(again.status, 200);
    assert.equal(again.body.created, undefined);
    assert.equal(claims(again.body.token).uid, session.uid);
    assert.deepEqual(claims(again.body.token).vrs, { build: "42", platform: "web" });
    assert.deepEqual(Object.keys(claims(again.body.token)), ["tid", "uid", "usn", "vrs", "exp", "iat"]);
  });

  it("authenticate/device refuses like the captures", async () => {
    const cases: [CallOptions & { path?: string }, number, unknown][] = [
      [{ query: { create: "false" }, body: { id: "dev-nobody-0000" } }, 404, ERR(5, "User account not found.")],
      [
        { query: { create: "true", username: "alice" }, body: { id: "dev-other-00000" } },
        409,
        ERR(6, "Username is already in use."),
      ],
      [{ body: { id: "short" } }, 400, ERR(3, "Device ID invalid, must be 10-128 bytes.")],
      [{ rawBody: "not json" }, 400, ERR(3, "invalid character 'o' in literal null (expecting 'u')")],
      [{ body: { id: 7 } }, 400, ERR(3, "proto: (line 1:7): invalid value for string type: 7")],
    ];
    for (const [options, status, body] of cases) {
      const reply = await call(fake, "POST", "/v2/account/authenticate/device", { auth: SERVER_KEY, ...options });
      assert.deepEqual([reply.status, reply.body], [status, body]);
    }
    const keyCases: [string | undefined, string][] = [
      [undefined, "Server key required"],
      ["Basic " + btoa("wrongkey:"), "Server key invalid"],
      ["some-session-token", "Server key invalid"],
    ];
    for (const [auth, message] of keyCases) {
      const reply = await call(fake, "POST", "/v2/account/authenticate/device", {
        auth,
        body: { id: "dev-alice-0000" },
      });
      assert.deepEqual([reply.status, reply.body], [401, ERR(16, message)]);
    }
  });

  it("authenticate/custom accepts spaces in usernames but not control characters", async () => {
    const ok = await call(fake, "POST", "/v2/account/authenticate/custom", {
      auth: SERVER_KEY,
      query: { create: "true", username: "has space" },
      body: { id: "custom-space" },
    });
    assert.equal(ok.status, 200);
    const tab = await call(fake, "POST", "/v2/account/authenticate/custom", {
      auth: SERVER_KEY,
      query: { create: "true", username: "has\ttab" },
      body: { id: "custom-tab" },
    });
    assert.deepEqual(tab.body, ERR(3, "Username invalid, no spaces or control characters allowed."));
    const short = await call(fake, "POST", "/v2/account/authenticate/custom", {
      auth: SERVER_KEY,
      body: { id: "abc" },
    });
    assert.deepEqual(short.body, ERR(3, "Custom ID invalid, must be 6-128 bytes."));
  });

  it("authenticate/email logs in by email or by username in the query", async () => {
    const created = await call(fake, "POST", "/v2/account/authenticate/email", {
      auth: SERVER_KEY,
      query: { create: "true", username: "bob" },
      body: { email: "Bob@Example.com", password: "password1234" },
    });
    assert.equal(created.body.created, true);
    const byName = await call(fake, "POST", "/v2/account/authenticate/email", {
      auth: SERVER_KEY,
      query: { create: "false", username: "bob" },
      body: { password: "password1234" },
    });
    assert.equal(byName.status, 200);
    const cases: [unknown, Record<string, string>, number, unknown][] = [
      [
        { username: "bob", password: "password1234" },
        {},
        400,
        ERR(3, "Username is required when email address is not supplied."),
      ],
      [{ email: "bob@example.com", password: "wrongpassword" }, {}, 401, ERR(16, "Invalid credentials.")],
      [{ email: "not-an-email", password: "password1234" }, {}, 400, ERR(3, "Invalid email address format.")],
      [
        { email: "short@example.com", password: "short" },
        {},
        400,
        ERR(3, "Password must be at least 8 characters long."),
      ],
    ];
    for (const [body, query, status, expected] of cases) {
      const reply = await call(fake, "POST", "/v2/account/authenticate/email", { auth: SERVER_KEY, body, query });
      assert.deepEqual([reply.status, reply.body], [status, expected]);
    }
  });

  it("social authenticate routes fail like an unconfigured server, and succeed with a verifier", async () => {
    const apple = await call(fake, "POST", "/v2/account/authenticate/apple", {
      auth: SERVER_KEY,
      body: { token: "a.b.c" },
    });
    assert.deepEqual([apple.status, apple.body], [400, ERR(9, "Apple authentication is not configured.")]);
    const fbig = await call(fake, "POST", "/v2/account/authenticate/facebookinstantgame", {
      auth: SERVER_KEY,
      body: { signed_player_info: "garbage" },
    });
    assert.deepEqual([fbig.status, fbig.body.code], [500, 15]);
    const google = await call(fake, "POST", "/v2/account/authenticate/google", {
      auth: SERVER_KEY,
      body: { token: "" },
    });
    assert.deepEqual(google.body, ERR(3, "Google access token is required."));
    fake.state.socialVerifier = (provider, account) => provider === "google" ? `g-${account.token}` : undefined;
    const ok = await call(fake, "POST", "/v2/account/authenticate/google", { auth: SERVER_KEY, body: { token: "t1" } });
    assert.equal(ok.body.created, true);
    assert.equal(fake.state.users.get(claims(ok.body.token).uid as string)?.google_id, "g-t1");
    fake.state.socialVerifier = undefined;
  });

  it("session/refresh issues a new pair with the same tid and new vars; logout invalidates both", async () => {
    const player = await device(fake, "carol");
    const refreshed = await call(fake, "POST", "/v2/account/session/refresh", {
      auth: SERVER_KEY,
      body: { token: player.refresh, vars: { level: "7" } },
    });
    assert.equal(refreshed.status, 200);
    assert.deepEqual(Object.keys(refreshed.body), ["token", "refresh_token"]);
    assert.equal(claims(refreshed.body.token).tid, claims(player.token).tid);
    assert.deepEqual(claims(refreshed.body.refresh_token).vrs, { level: "7" });
    const refreshErrors: [unknown, number, unknown][] = [
      [{ token: "not.a.jwt" }, 401, ERR(16, "Refresh token invalid or expired.")],
      [{ token: player.token }, 401, ERR(16, "Refresh token invalid or expired.")],
      [{}, 400, ERR(3, "Refresh token is required.")],
    ];
    for (const [body, status, expected] of refreshErrors) {
      const reply = await call(fake, "POST", "/v2/account/session/refresh", { auth: SERVER_KEY, body });
      assert.deepEqual([reply.status, reply.body], [status, expected]);
    }
    const logout = await call(fake, "POST", "/v2/session/logout", {
      auth: refreshed.body.token,
      body: { token: refreshed.body.token, refresh_token: refreshed.body.refresh_token },
    });
    assert.deepEqual([logout.status, logout.body], [200, {}]);
    const account = await call(fake, "GET", "/v2/account", { auth: refreshed.body.token });
    assert.deepEqual([account.status, account.body], [401, ERR(16, "Auth token invalid")]);
    const again = await call(fake, "POST", "/v2/account/session/refresh", {
      auth: SERVER_KEY,
      body: { token: refreshed.body.refresh_token },
    });
    assert.deepEqual(again.body, ERR(16, "Refresh token invalid or expired."));
    // The socket accepts logged-out tokens (3.18), so verifyToken checks only signature and expiry.
    assert.ok(await fake.state.verifyToken(refreshed.body.token));
    assert.equal(fake.state.isRevoked(claims(refreshed.body.token).tid as string), true);
  });
});

describe("FakeNakama session expiry with an injected clock", () => {
  it("rejects a session token once the clock passes its exp, and mintToken makes expired tokens", async () => {
    let now = Date.UTC(2030, 0, 1);
    const fake = await FakeNakama.start({ tokenExpirySec: 60, clock: () => now });
    try {
      const player = await device(fake, "dave");
      assert.equal(claims(player.token).exp, now / 1000 + 60);
      assert.equal((await call(fake, "GET", "/v2/account", { auth: player.token })).status, 200);
      now += 61_000;
      const expired = await call(fake, "GET", "/v2/account", { auth: player.token });
      assert.deepEqual([expired.status, expired.body], [401, ERR(16, "Auth token invalid")]);
      const refreshed = await call(fake, "POST", "/v2/account/session/refresh", {
        auth: SERVER_KEY,
        body: { token: player.refresh },
      });
      assert.equal(refreshed.status, 200);
      const minted = await fake.mintToken(player.id, { expiresInSec: -1 });
      assert.equal((await call(fake, "GET", "/v2/account", { auth: minted })).status, 401);
      const fresh = await fake.mintToken(player.id);
      assert.equal((await call(fake, "GET", "/v2/account", { auth: fresh })).status, 200);
    } finally {
      await fake.close();
    }
  });
});

describe("FakeNakama account and users", () => {
  let fake: FakeNakama;
  let alice: Player, bob: Player;
  before(async () => {
    fake = await FakeNakama.start();
    alice = await device(fake, "alice");
    bob = await device(fake, "bob");
  });
  after(() => fake.close());

  it("GET /v2/account answers the account with zero values omitted", async () => {
    const reply = await call(fake, "GET", "/v2/account", { auth: alice.token });
    assert.equal(reply.status, 200);
    assert.deepEqual(Object.keys(reply.body), ["user", "wallet", "devices"]);
    assert.deepEqual(Object.keys(reply.body.user), [
      "id",
      "username",
      "lang_tag",
      "metadata",
      "create_time",
      "update_time",
    ]);
    assert.equal(reply.body.wallet, "{}");
    assert.match(reply.body.user.create_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.deepEqual(reply.body.devices, [{ id: "dev-alice-000000" }]);
  });

  it("Bearer routes answer the captured 401s", async () => {
    const cases: [string | undefined, string][] = [
      [undefined, "Auth token required"],
      ["garbage", "Auth token invalid"],
      [alice.refresh, "Auth token invalid"],
      [SERVER_KEY, "Auth token invalid"],
    ];
    for (const [auth, message] of cases) {
      const reply = await call(fake, "GET", "/v2/account", { auth });
      assert.deepEqual([reply.status, reply.body], [401, ERR(16, message)]);
    }
  });

  it("PUT /v2/account updates fields; a taken username is 400 and an empty body is refused", async () => {
    const ok = await call(fake, "PUT", "/v2/account", {
      auth: alice.token,
      body: { display_name: "Alice ✓", location: "London", timezone: "Europe/London", lang_tag: "en-GB" },
    });
    assert.deepEqual([ok.status, ok.body], [200, {}]);
    const account = await call(fake, "GET", "/v2/account", { auth: alice.token });
    assert.equal(account.body.user.display_name, "Alice ✓");
    const taken = await call(fake, "PUT", "/v2/account", { auth: alice.token, body: { username: "bob" } });
    assert.deepEqual([taken.status, taken.body], [400, ERR(3, "Username is already in use.")]);
    const empty = await call(fake, "PUT", "/v2/account", { auth: alice.token, body: {} });
    assert.deepEqual(empty.body, ERR(3, "No fields to update."));
    const blank = await call(fake, "PUT", "/v2/account", { auth: alice.token, body: { username: "" } });
    assert.deepEqual(blank.body, ERR(3, "Username invalid, must be 1-128 bytes."));
  });

  it("link and unlink identities, refusing conflicts and the last identity", async () => {
    const link = await call(fake, "POST", "/v2/account/link/custom", {
      auth: alice.token,
      body: { id: "custom-alice" },
    });
    assert.deepEqual(link.body, {});
    const conflict = await call(fake, "POST", "/v2/account/link/device", {
      auth: bob.token,
      body: { id: "dev-alice-000000" },
    });
    assert.deepEqual([conflict.status, conflict.body], [409, ERR(6, "Device ID already in use.")]);
    const unlinkApple = await call(fake, "POST", "/v2/account/unlink/apple", { auth: bob.token, body: {} });
    assert.deepEqual([unlinkApple.status, unlinkApple.body], [200, {}]);
    const last = await call(fake, "POST", "/v2/account/unlink/device", {
      auth: bob.token,
      body: { id: "dev-bob-000000" },
    });
    assert.deepEqual([last.status, last.body], [
      403,
      ERR(7, "Cannot unlink last account identifier. Check profile exists and is not last link."),
    ]);
    const unlink = await call(fake, "POST", "/v2/account/unlink/custom", {
      auth: alice.token,
      body: { id: "custom-alice" },
    });
    assert.deepEqual(unlink.body, {});
  });

  it("GET /v2/user finds users by repeated ids and usernames", async () => {
    const reply = await call(fake, "GET", "/v2/user", {
      auth: alice.token,
      query: { ids: [bob.id], usernames: ["alice"] },
    });
    assert.deepEqual(reply.body.users.map((u: { username: string }) => u.username), ["bob", "alice"]);
    const none = await call(fake, "GET", "/v2/user", { auth: alice.token });
    assert.deepEqual(none.body, {});
    const bad = await call(fake, "GET", "/v2/user", { auth: alice.token, query: { ids: "not-a-uuid" } });
    assert.deepEqual([bad.status, bad.body], [400, ERR(3, "ID 'not-a-uuid' is not a valid system ID.")]);
  });

  it("DELETE /v2/account removes the account and invalidates its token", async () => {
    const frank = await device(fake, "frank");
    assert.deepEqual((await call(fake, "DELETE", "/v2/account", { auth: frank.token })).body, {});
    const again = await call(fake, "DELETE", "/v2/account", { auth: frank.token });
    assert.deepEqual([again.status, again.body], [401, ERR(16, "Auth token invalid")]);
  });
});

describe("FakeNakama friends and notifications", () => {
  let fake: FakeNakama;
  let alice: Player, bob: Player, carol: Player;
  before(async () => {
    fake = await FakeNakama.start();
    [alice, bob, carol] = [await device(fake, "alice"), await device(fake, "bob"), await device(fake, "carol")];
  });
  after(() => fake.close());

  it("add, accept, list by state with cursors, and the -2/-3 notifications", async () => {
    const pushed: number[] = [];
    const remove = fake.state.onNotification((_user, n) => pushed.push(n.code));
    await call(fake, "POST", "/v2/friend", { auth: alice.token, query: { ids: bob.id } });
    await call(fake, "POST", "/v2/friend", { auth: alice.token, query: { usernames: "carol" } });
    await call(fake, "POST", "/v2/friend", { auth: bob.token, query: { ids: alice.id } });
    remove();
    assert.deepEqual(pushed, [-2, -2, -3]);

    const all = await call(fake, "GET", "/v2/friend", { auth: alice.token });
    assert.deepEqual(all.body.friends.map((f: { state: number }) => f.state), [0, 1]);
    assert.deepEqual(Object.keys(all.body.friends[0]), ["user", "state", "update_time"]);
    const page1 = await call(fake, "GET", "/v2/friend", { auth: alice.token, query: { limit: "1" } });
    assert.equal(page1.body.friends.length, 1);
    assert.equal(typeof page1.body.cursor, "string");
    const page2 = await call(fake, "GET", "/v2/friend", {
      auth: alice.token,
      query: { limit: "1", cursor: page1.body.cursor },
    });
    assert.equal(page2.body.friends[0].user.username, "carol");
    assert.equal(page2.body.cursor, undefined);
    const received = await call(fake, "GET", "/v2/friend", { auth: carol.token, query: { state: "2" } });
    assert.equal(received.body.friends[0].state, 2);

    const notes = await call(fake, "GET", "/v2/notification", { auth: alice.token, query: { limit: "10" } });
    assert.equal(notes.body.notifications.length, 1);
    assert.deepEqual(notes.body.notifications[0], {
      id: notes.body.notifications[0].id,
      subject: "bob accepted your friend request",
      content: '{"username": "bob"}',
      code: -3,
      sender_id: bob.id,
      create_time: notes.body.notifications[0].create_time,
      persistent: true,
    });
    const none = await call(fake, "GET", "/v2/notification", {
      auth: alice.token,
      query: { limit: "100", cacheable_cursor: notes.body.cacheable_cursor },
    });
    assert.deepEqual(none.body, { cacheable_cursor: notes.body.cacheable_cursor });
    const deleted = await call(fake, "DELETE", "/v2/notification", {
      auth: alice.token,
      query: { ids: [notes.body.notifications[0].id] },
    });
    assert.deepEqual(deleted.body, {});
    assert.deepEqual((await call(fake, "GET", "/v2/notification", { auth: alice.token })).body, {});
    const bad = await call(fake, "DELETE", "/v2/notification", { auth: alice.token, query: { ids: "abc" } });
    assert.deepEqual([bad.status, bad.body], [500, ERR(13, "Error while deleting notifications.")]);
  });

  it("friend errors, block and delete", async () => {
    const cases: [string, string, Record<string, string>, number, unknown][] = [
      ["POST", "/v2/friend", { ids: alice.id }, 400, ERR(3, "Cannot add self as friend.")],
      ["POST", "/v2/friend", { ids: "not-a-uuid" }, 400, ERR(3, "Invalid user ID 'not-a-uuid'.")],
      ["POST", "/v2/friend", {}, 200, {}],
      ["POST", "/v2/friend/block", { ids: alice.id }, 400, ERR(3, "Cannot block self.")],
      ["DELETE", "/v2/friend", { ids: alice.id }, 400, ERR(3, "Cannot delete self.")],
      ["GET", "/v2/friend", { state: "7" }, 400, ERR(3, "Invalid state - state must be between 0 and 3.")],
      ["GET", "/v2/friend", { limit: "5000" }, 400, ERR(3, "Invalid limit - limit must be between 1 and 1000.")],
      ["GET", "/v2/friend", { cursor: "bogus" }, 400, ERR(3, "Cursor is invalid.")],
    ];
    for (const [method, path, query, status, body] of cases) {
      const reply = await call(fake, method, path, { auth: alice.token, query });
      assert.deepEqual([reply.status, reply.body], [status, body], `${method} ${path} ${JSON.stringify(query)}`);
    }
    await call(fake, "POST", "/v2/friend/block", { auth: alice.token, query: { ids: carol.id } });
    const blocked = await call(fake, "GET", "/v2/friend", { auth: alice.token, query: { state: "3" } });
    assert.equal(blocked.body.friends[0].user.id, carol.id);
    await call(fake, "POST", "/v2/friend", { auth: carol.token, query: { ids: alice.id } });
    assert.equal(fake.state.friendEdge(carol.id, alice.id), undefined);
    await call(fake, "DELETE", "/v2/friend", { auth: alice.token, query: { ids: carol.id } });
    assert.deepEqual((await call(fake, "GET", "/v2/friend", { auth: alice.token, query: { state: "3" } })).body, {});
  });
});

describe("FakeNakama groups and chat history", () => {
  let fake: FakeNakama;
  let alice: Player, bob: Player, carol: Player;
  before(async () => {
    fake = await FakeNakama.start();
    [alice, bob, carol] = [await device(fake, "alice"), await device(fake, "bob"), await device(fake, "carol")];
  });
  after(() => fake.close());

  it("create, join requests, add, promote, list, leave and delete like the captures", async () => {
    const created = await call(fake, "POST", "/v2/group", {
      auth: alice.token,
      body: { name: "closed", lang_tag: "fr" },
    });
    assert.deepEqual(Object.keys(created.body), [
      "id",
      "creator_id",
      "name",
      "lang_tag",
      "metadata",
      "open",
      "edge_count",
      "max_count",
      "create_time",
      "update_time",
    ]);
    assert.equal(created.body.open, false);
    assert.equal(created.body.max_count, 100);
    const groupId = created.body.id;
    const dup = await call(fake, "POST", "/v2/group", { auth: bob.token, body: { name: "closed" } });
    assert.deepEqual([dup.status, dup.body], [409, ERR(6, "Group name is in use.")]);
    const noName = await call(fake, "POST", "/v2/group", { auth: bob.token, body: { description: "x" } });
    assert.deepEqual(noName.body, ERR(3, "Group name must be set."));

    await call(fake, "POST", `/v2/group/${groupId}/join`, { auth: carol.token });
    const requests = await call(fake, "GET", `/v2/group/${groupId}/user`, { auth: alice.token, query: { state: "3" } });
    assert.deepEqual(requests.body.group_users.map((u: { state: number }) => u.state), [3]);
    const note = await call(fake, "GET", "/v2/notification", { auth: alice.token });
    assert.equal(note.body.notifications[0].code, -5);
    assert.equal(note.body.notifications[0].content, `{"group_id": "${groupId}", "username": "carol"}`);

    await call(fake, "POST", `/v2/group/${groupId}/add`, {
      auth: alice.token,
      query: { user_ids: [carol.id, bob.id] },
    });
    await call(fake, "POST", `/v2/group/${groupId}/promote`, { auth: alice.token, query: { user_ids: carol.id } });
    const members = await call(fake, "GET", `/v2/group/${groupId}/user`, { auth: alice.token });
    assert.deepEqual(
      members.body.group_users.map((u: { user: { username: string }; state: number }) => [u.user.username, u.state]),
      [["alice", 0], ["carol", 1], ["bob", 2]],
    );
    const denied = await call(fake, "POST", `/v2/group/${groupId}/add`, {
      auth: bob.token,
      query: { user_ids: carol.id },
    });
    assert.deepEqual([denied.status, denied.body], [404, ERR(5, "Group not found or permission denied.")]);
    const demoteNone = await call(fake, "POST", `/v2/group/${groupId}/demote`, { auth: alice.token });
    assert.deepEqual(demoteNone.body, ERR(3, "User IDs must be set."));

    const mine = await call(fake, "GET", `/v2/user/${bob.id}/group`, { auth: alice.token });
    assert.deepEqual(mine.body.user_groups.map((g: { state: number }) => g.state), [2]);
    assert.equal(mine.body.user_groups[0].group.edge_count, 3);
    const badUser = await call(fake, "GET", "/v2/user/abc/group", { auth: alice.token });
    assert.deepEqual(badUser.body, ERR(3, "Group ID must be a valid ID."));

    const history = await call(fake, "GET", `/v2/channel/3.${groupId}..`, { auth: bob.token, query: { limit: "20" } });
    assert.deepEqual(history.body.messages.map((m: { code: number }) => m.code).sort(), [4, 4, 7]);
    assert.deepEqual(Object.keys(history.body.messages[0]), [
      "channel_id",
      "message_id",
      "code",
      "sender_id",
      "username",
      "content",
      "create_time",
      "update_time",
      "persistent",
      "group_id",
    ]);
    const outsider = await device(fake, "outsider");
    const hidden = await call(fake, "GET", `/v2/channel/3.${groupId}..`, { auth: outsider.token });
    assert.deepEqual([hidden.status, hidden.body], [400, ERR(3, "Group not found.")]);

    const last = await call(fake, "POST", `/v2/group/${groupId}/leave`, { auth: alice.token });
    assert.deepEqual(last.body, ERR(3, "Cannot leave group when you are the last superadmin."));
    const notAllowed = await call(fake, "DELETE", `/v2/group/${groupId}`, { auth: bob.token });
    assert.deepEqual(notAllowed.body, ERR(3, "Group not found or you're not allowed to delete."));
    assert.deepEqual((await call(fake, "DELETE", `/v2/group/${groupId}`, { auth: alice.token })).body, {});
  });

  it("lists groups by name wildcard and refuses combined filters", async () => {
    await call(fake, "POST", "/v2/group", { auth: alice.token, body: { name: "cap-one", open: true } });
    await call(fake, "POST", "/v2/group", { auth: alice.token, body: { name: "cap-two", open: true } });
    const page = await call(fake, "GET", "/v2/group", { auth: alice.token, query: { name: "cap-%" } });
    assert.equal(page.body.groups.length, 1);
    const next = await call(fake, "GET", "/v2/group", {
      auth: alice.token,
      query: { name: "cap-%", cursor: page.body.cursor },
    });
    assert.equal(next.body.groups[0].name, "cap-two");
    const combined = await call(fake, "GET", "/v2/group", {
      auth: alice.token,
      query: { name: "cap-one", open: "true" },
    });
    assert.deepEqual(combined.body, ERR(3, "name filter cannot be combined with any other filter"));
    const none = await call(fake, "GET", "/v2/group", { auth: alice.token, query: { name: "nomatch" } });
    assert.deepEqual(none.body, {});
  });

  it("pages room history both ways with cursors", async () => {
    for (let i = 1; i <= 5; i++) {
      fake.state.appendChannelMessage({
        channel_id: "2...lobby",
        sender_id: alice.id,
        content: `{"text":"hello #${i}","n":${i}}`,
        create_time: Date.UTC(2030, 0, 1, 0, 0, i),
      });
    }
    const first = await call(fake, "GET", "/v2/channel/2...lobby", { auth: bob.token });
    assert.equal(first.body.messages[0].content, '{"n": 1, "text": "hello #1"}');
    assert.equal(first.body.messages[0].room_name, "lobby");
    assert.equal(first.body.next_cursor, first.body.cacheable_cursor);
    const newest = await call(fake, "GET", "/v2/channel/2...lobby", {
      auth: bob.token,
      query: { limit: "2", forward: "false" },
    });
    const texts = (r: Reply) => r.body.messages.map((m: { content: string }) => JSON.parse(m.content).n);
    assert.deepEqual(texts(newest), [5, 4]);
    assert.ok(newest.body.cacheable_cursor && !newest.body.prev_cursor);
    const older = await call(fake, "GET", "/v2/channel/2...lobby", {
      auth: bob.token,
      query: { limit: "2", forward: "false", cursor: newest.body.next_cursor },
    });
    assert.deepEqual(texts(older), [3, 2]);
    assert.ok(older.body.prev_cursor && older.body.next_cursor && older.body.cacheable_cursor);
    const back = await call(fake, "GET", "/v2/channel/2...lobby", {
      auth: bob.token,
      query: { limit: "2", forward: "false", cursor: older.body.prev_cursor },
    });
    assert.deepEqual(texts(back), [5, 4]);
    const bad = await call(fake, "GET", "/v2/channel/not-a-channel", { auth: bob.token });
    assert.deepEqual(bad.body, ERR(3, "Invalid channel ID."));
    const dm = `4.${alice.id}.${bob.id}.`;
    const third = await call(fake, "GET", `/v2/channel/${encodeURIComponent(dm)}`, { auth: carol.token });
    assert.deepEqual(third.body, ERR(3, "Channel not found."));
  });
});

describe("FakeNakama storage", () => {
  let fake: FakeNakama;
  let alice: Player, bob: Player;
  before(async () => {
    fake = await FakeNakama.start();
    [alice, bob] = [await device(fake, "alice"), await device(fake, "bob")];
  });
  after(() => fake.close());

  it("writes with MD5 versions and microsecond acks, and enforces versions and permissions", async () => {
    const write = await call(fake, "PUT", "/v2/storage", {
      auth: alice.token,
      body: {
        objects: [
          { collection: "saves", key: "profile", value: '{"level":3,"name":"Alice"}', permission_read: 2 },
          { collection: "saves", key: "secret", value: '{"hp":99}', permission_read: 1, permission_write: 0 },
        ],
      },
    });
    assert.equal(write.status, 200);
    assert.deepEqual(Object.keys(write.body.acks[0]), [
      "collection",
      "key",
      "version",
      "user_id",
      "create_time",
      "update_time",
    ]);
    assert.equal(write.body.acks[0].version, "8b45455d92ec442133c8866639aa1501");
    assert.match(write.body.acks[0].create_time, /\.\d{6}Z$/);
    const rejected = "Storage write rejected - version check failed.";
    const cases: [unknown, unknown][] = [
      [{ collection: "saves", key: "profile", value: "{}", version: "*" }, ERR(3, rejected)],
      [{ collection: "saves", key: "profile", value: "{}", version: "deadbeef" }, ERR(3, rejected)],
      [{ collection: "saves", key: "secret", value: "{}" }, ERR(3, "Storage write rejected - permission denied.")],
      [{ collection: "saves", key: "bad", value: "[1,2,3]" }, ERR(3, "Value must be a JSON object.")],
      [
        { collection: "saves", key: "bad", value: "{}", permission_read: 5 },
        ERR(3, "Invalid Read permission supplied. It must be either 0, 1 or 2."),
      ],
    ];
    for (const [object, expected] of cases) {
      const reply = await call(fake, "PUT", "/v2/storage", { auth: alice.token, body: { objects: [object] } });
      assert.deepEqual([reply.status, reply.body], [400, expected]);
    }
    const matched = await call(fake, "PUT", "/v2/storage", {
      auth: alice.token,
      body: {
        objects: [{
          collection: "saves",
          key: "profile",
          value: '{"level":4,"name":"Alice"}',
          version: "8b45455d92ec442133c8866639aa1501",
          permission_read: 2,
        }],
      },
    });
    assert.equal(matched.body.acks[0].version, "70d5dd0567a3052210bfdbd6ab709431");
    assert.deepEqual((await call(fake, "PUT", "/v2/storage", { auth: alice.token, body: { objects: [] } })).body, {});
  });

  it("reads re-serialise values like jsonb and hide others' private objects", async () => {
    const ids = [
      { collection: "saves", key: "profile", user_id: alice.id },
      { collection: "saves", key: "secret", user_id: alice.id },
    ];
    const own = await call(fake, "POST", "/v2/storage", { auth: alice.token, body: { object_ids: ids } });
    assert.deepEqual(own.body.objects.map((o: { key: string }) => o.key), ["secret", "profile"]);
    assert.deepEqual(own.body.objects[1], {
      collection: "saves",
      key: "profile",
      user_id: alice.id,
      value: '{"name": "Alice", "level": 4}',
      version: "70d5dd0567a3052210bfdbd6ab709431",
      permission_read: 2,
      permission_write: 1,
      create_time: own.body.objects[1].create_time,
      update_time: own.body.objects[1].update_time,
    });
    assert.equal(own.body.objects[0].permission_write, undefined);
    const other = await call(fake, "POST", "/v2/storage", { auth: bob.token, body: { object_ids: ids } });
    assert.deepEqual(other.body.objects.map((o: { key: string }) => o.key), ["profile"]);
    const bad = await call(fake, "POST", "/v2/storage", {
      auth: bob.token,
      body: { object_ids: [{ collection: "saves", key: "x", user_id: "abc" }] },
    });
    assert.deepEqual(bad.body, ERR(3, "Invalid user ID - make sure user ID is a valid UUID."));
  });

  it("lists with a cursor and deletes with version checks", async () => {
    const page = await call(fake, "GET", "/v2/storage/saves", {
      auth: alice.token,
      query: { user_id: alice.id, limit: "1" },
    });
    assert.equal(page.body.objects[0].key, "secret");
    const rest = await call(fake, "GET", `/v2/storage/saves/${alice.id}`, {
      auth: alice.token,
      query: { limit: "1", cursor: page.body.cursor },
    });
    assert.equal(rest.body.objects[0].key, "profile");
    assert.equal(rest.body.cursor, undefined);
    const publicOnly = await call(fake, "GET", `/v2/storage/saves/${alice.id}`, {
      auth: bob.token,
      query: { limit: "10" },
    });
    assert.deepEqual(publicOnly.body.objects.map((o: { key: string }) => o.key), ["profile"]);
    const badCursor = await call(fake, "GET", "/v2/storage/saves", { auth: alice.token, query: { cursor: "bogus" } });
    assert.deepEqual(badCursor.body, ERR(3, "Malformed cursor was used."));
    const rejected = "Storage delete rejected - not found, version check failed, or permission denied.";
    for (
      const id of [{ key: "profile", version: "8b45455d92ec442133c8866639aa1501" }, { key: "never" }, { key: "secret" }]
    ) {
      const reply = await call(fake, "PUT", "/v2/storage/delete", {
        auth: alice.token,
        body: { object_ids: [{ collection: "saves", ...id }] },
      });
      assert.deepEqual([reply.status, reply.body], [400, ERR(3, rejected)]);
    }
    const ok = await call(fake, "PUT", "/v2/storage/delete", {
      auth: alice.token,
      body: { object_ids: [{ collection: "saves", key: "profile", version: "70d5dd0567a3052210bfdbd6ab709431" }] },
    });
    assert.deepEqual(ok.body, {});
  });
});

describe("FakeNakama leaderboards and tournaments", () => {
  let fake: FakeNakama;
  let alice: Player, bob: Player, carol: Player;
  before(async () => {
    fake = await FakeNakama.start();
    [alice, bob, carol] = [await device(fake, "alice"), await device(fake, "bob"), await device(fake, "carol")];
  });
  after(() => fake.close());

  it("writes with the board's operator and per-write overrides", async () => {
    const write = (player: Player, body: unknown) =>
      call(fake, "POST", "/v2/leaderboard/test_leaderboard", { auth: player.token, body });
    const first = await write(alice, { score: "100", subscore: "10", metadata: '{"weapon":"bow"}' });
    assert.deepEqual(Object.keys(first.body), [
      "leaderboard_id",
      "owner_id",
      "username",
      "score",
      "subscore",
      "num_score",
      "metadata",
      "create_time",
      "update_time",
      "rank",
      "max_num_score",
    ]);
    assert.deepEqual([first.body.score, first.body.rank, first.body.metadata], ["100", "1", '{"weapon": "bow"}']);
    const lower = await write(alice, { score: 50 });
    assert.deepEqual([lower.body.score, lower.body.num_score], ["100", 1]);
    const set = await write(alice, { score: "90", operator: 2 });
    assert.deepEqual([set.body.score, set.body.num_score], ["90", 2]);
    const incr = await write(alice, { score: "15", operator: "INCREMENT" });
    assert.equal(incr.body.score, "105");
    const best = await write(alice, { score: "95", operator: "BEST" });
    assert.equal(best.body.score, "105");
    await write(bob, { score: 200, subscore: 5 });
    const zero = await write(carol, { score: "0" });
    assert.equal(zero.body.score, undefined);
    assert.equal(zero.body.rank, "3");
    const big = await call(fake, "POST", "/v2/leaderboard/test_leaderboard", {
      auth: carol.token,
      body: { score: "9007199254740993", operator: 2 },
    });
    assert.equal(big.body.score, "9007199254740993");
    const errors: [unknown, number, unknown][] = [
      [{ score: "abc" }, 400, ERR(3, 'proto: (line 1:10): invalid value for int64 type: "abc"')],
      [{ score: "1", operator: "MAX" }, 400, ERR(3, 'proto: (line 1:25): invalid value for enum type: "MAX"')],
      [{ score: "1", metadata: "[1]" }, 400, ERR(3, "Metadata value must be JSON, if provided.")],
    ];
    for (const [body, status, expected] of errors) {
      const reply = await write(alice, body);
      assert.deepEqual([reply.status, reply.body], [status, expected]);
    }
    const missing = await call(fake, "POST", "/v2/leaderboard/nope", { auth: alice.token, body: { score: "1" } });
    assert.deepEqual([missing.status, missing.body], [404, ERR(5, "Leaderboard not found.")]);
  });

  it("lists pages, owner records and records around an owner", async () => {
    const list = (query: Record<string, string | string[]>) =>
      call(fake, "GET", "/v2/leaderboard/test_leaderboard", { auth: alice.token, query });
    const top = await list({});
    assert.deepEqual(top.body.records.map((r: { username: string }) => r.username), ["carol"]);
    assert.equal(top.body.rank_count, "3");
    const page2 = await list({ limit: "1", cursor: top.body.next_cursor });
    assert.equal(page2.body.records[0].rank, "2");
    assert.ok(page2.body.prev_cursor);
    const owners = await list({ owner_ids: [alice.id, bob.id] });
    assert.deepEqual(Object.keys(owners.body), ["owner_records", "rank_count"]);
    const both = await list({ owner_ids: alice.id, limit: "1" });
    assert.deepEqual(Object.keys(both.body), ["records", "owner_records", "next_cursor", "rank_count"]);
    assert.deepEqual((await list({ owner_ids: "abc" })).body, ERR(3, "One or more owner IDs are invalid."));
    assert.deepEqual((await list({ cursor: "bogus" })).body, ERR(3, "Cursor is invalid or expired."));
    const around = await call(fake, "GET", `/v2/leaderboard/test_leaderboard/owner/${bob.id}`, {
      auth: alice.token,
      query: { limit: "3" },
    });
    assert.deepEqual(around.body.records.map((r: { rank: string }) => r.rank), ["1", "2", "3"]);
    const stranger = await device(fake, "stranger");
    const none = await call(fake, "GET", `/v2/leaderboard/test_leaderboard/owner/${stranger.id}`, {
      auth: alice.token,
    });
    assert.deepEqual(none.body, {});
    assert.deepEqual((await call(fake, "DELETE", "/v2/leaderboard/test_leaderboard", { auth: alice.token })).body, {});
    assert.deepEqual((await call(fake, "DELETE", "/v2/leaderboard/test_leaderboard", { auth: alice.token })).body, {});
  });

  it("lists test_tournament with its schedule and accepts records until the period ends", async () => {
    const listed = await call(fake, "GET", "/v2/tournament", {
      auth: alice.token,
      query: { category_start: "1", category_end: "1" },
    });
    const t = listed.body.tournaments[0];
    assert.equal(t.id, "test_tournament");
    assert.deepEqual(
      [t.category, t.sort_order, t.operator, t.max_size, t.max_num_score, t.can_enter, t.duration],
      [1, 1, 1, 2147483647, 1000000, true, 86400],
    );
    const nextMidnight = Math.ceil((Date.now() / 1000 + 1) / 86400) * 86400;
    assert.equal(t.next_reset, nextMidnight);
    assert.equal(t.end_active, nextMidnight);
    assert.equal(t.prev_reset, nextMidnight - 86400);
    assert.equal(t.metadata, '{"rig": true}');
    const written = await call(fake, "PUT", "/v2/tournament/test_tournament", {
      auth: alice.token,
      body: { score: "300", metadata: '{"stage":1}' },
    });
    assert.equal(written.body.expiry_time, new Date(nextMidnight * 1000).toISOString().replace(".000Z", "Z"));
    const bad = await call(fake, "GET", "/v2/tournament", {
      auth: alice.token,
      query: { category_start: "300", category_end: "1" },
    });
    assert.deepEqual(bad.body, ERR(3, "Tournament category end must be greater than category start."));
    assert.deepEqual(
      (await call(fake, "DELETE", "/v2/tournament/test_tournament", { auth: alice.token })).body,
      {},
    );
    const again = await call(fake, "DELETE", "/v2/tournament/test_tournament", { auth: alice.token });
    assert.deepEqual([again.status, again.body], [500, ERR(13, "Error deleting score from tournament.")]);
  });

  it("enforces join_required, max_size and max_num_score", async () => {
    const created = await call(fake, "POST", "/v2/rpc/clientrpc.create_tournament", {
      query: { http_key: "defaulthttpkey" },
      body: JSON.stringify({
        sort_order: "desc",
        operator: "incr",
        duration: 3600,
        category: 2,
        max_size: 2,
        max_num_score: 2,
        join_required: true,
      }),
    });
    const id = JSON.parse(created.body.payload).tournament_id;
    const notJoined = await call(fake, "POST", `/v2/tournament/${id}`, { auth: alice.token, body: { score: "1" } });
    assert.deepEqual([notJoined.status, notJoined.body], [
      400,
      ERR(9, "Must join tournament before attempting to write value."),
    ]);
    for (const p of [alice, bob]) {
      assert.deepEqual((await call(fake, "POST", `/v2/tournament/${id}/join`, { auth: p.token })).body, {});
    }
    const full = await call(fake, "POST", `/v2/tournament/${id}/join`, { auth: carol.token });
    assert.deepEqual(full.body, ERR(3, "Tournament cannot be joined as it has reached its max size."));
    for (const score of ["5", "7", "1"]) {
      await call(fake, "POST", `/v2/tournament/${id}`, { auth: alice.token, body: { score } });
    }
    const records = await call(fake, "GET", `/v2/tournament/${id}`, { auth: alice.token });
    assert.deepEqual(
      records.body.records.map((r: { score?: string; num_score?: number }) => [r.score, r.num_score]),
      [["12", 2], [undefined, undefined]],
    );
    fake.state.leaderboards.set(
      "future",
      newTournament({ id: "future", duration: 600, startTime: Date.now() / 1000 + 3600, createTime: Date.now() }),
    );
    const early = await call(fake, "POST", "/v2/tournament/future", { auth: alice.token, body: { score: "1" } });
    assert.deepEqual(early.body, ERR(9, "Tournament is not active and cannot accept new scores."));
    const unknown = await call(fake, "PUT", "/v2/tournament/nope", { auth: alice.token, body: { score: "1" } });
    assert.deepEqual([unknown.status, unknown.body], [404, ERR(5, "Tournament not found.")]);
  });
});

describe("FakeNakama RPC", () => {
  let fake: FakeNakama;
  let alice: Player;
  before(async () => {
    fake = await FakeNakama.start();
    alice = await device(fake, "alice");
  });
  after(() => fake.close());

  it("takes a JSON string body, or the raw body with ?unwrap", async () => {
    const echo = await call(fake, "POST", "/v2/rpc/echo", { auth: alice.token, body: '{"hello":"world","n":1}' });
    assert.deepEqual(echo.body, { payload: '{"hello":"world","n":1}' });
    const object = await call(fake, "POST", "/v2/rpc/echo", { auth: alice.token, body: { hello: "world" } });
    const unmarshal = "json: cannot unmarshal object into Go value of type string";
    assert.deepEqual([object.status, object.text], [
      400,
      JSON.stringify({ error: unmarshal, message: unmarshal, code: 3 }),
    ]);
    const unwrapped = await call(fake, "POST", "/v2/rpc/echo", {
      auth: alice.token,
      query: { unwrap: "" },
      rawBody: "plain text payload",
      headers: { "content-type": "text/plain" },
    });
    assert.deepEqual([unwrapped.text, unwrapped.headers.get("content-type")], ["plain text payload", "text/plain"]);
    const noBody = await call(fake, "POST", "/v2/rpc/echo", { auth: alice.token });
    assert.equal(noBody.status, 400);
    const get = await call(fake, "GET", "/v2/rpc/clientrpc.rpc_get", {
      auth: alice.token,
      query: { payload: "ignored" },
    });
    assert.deepEqual(get.body, { payload: '{"message":"PONG"}' });
    const upper = await call(fake, "POST", "/v2/rpc/ECHO", { auth: alice.token, body: "upper" });
    assert.deepEqual(upper.body, { payload: "upper" });
  });

  it("authenticates with the HTTP key in the query or as Basic, with its own error body", async () => {
    const viaQuery = await call(fake, "GET", "/v2/rpc/clientrpc.rpc_get", {
      query: { http_key: "defaulthttpkey", unwrap: "" },
    });
    assert.deepEqual([viaQuery.text, viaQuery.headers.get("content-type")], ['{"message":"PONG"}', "text/plain"]);
    const viaBasic = await call(fake, "POST", "/v2/rpc/echo", { auth: HTTP_KEY, body: "basic" });
    assert.deepEqual(viaBasic.body, { payload: "basic" });
    const errors: [CallOptions, number, string, number][] = [
      [{ query: { http_key: "wrong" }, body: "" }, 401, "HTTP key invalid", 16],
      [{ body: "" }, 401, "Auth token or HTTP key required", 16],
      [{ auth: "garbage", body: "" }, 401, "Auth token invalid", 16],
    ];
    for (const [options, status, message, code] of errors) {
      const reply = await call(fake, "POST", "/v2/rpc/echo", options);
      assert.deepEqual([reply.status, reply.text], [status, JSON.stringify({ error: message, message, code })]);
    }
    const missing = await call(fake, "POST", "/v2/rpc/does_not_exist", { auth: alice.token, body: "" });
    assert.deepEqual([missing.status, missing.body], [404, {
      error: "RPC function not found",
      message: "RPC function not found",
      code: 5,
    }]);
    const failing = await call(fake, "POST", "/v2/rpc/clientrpc.rpc_error", { auth: alice.token, body: "{}" });
    assert.deepEqual([failing.status, failing.text], [500, '{"code":13,"error":{},"message":"Some error occured."}']);
  });

  it("registerRpc functions see the caller and can answer with a gRPC code", async () => {
    fake.registerRpc(
      "Whoami",
      (ctx, payload) => JSON.stringify({ user: ctx.username, payload, q: ctx.query.get("x") }),
    );
    const who = await call(fake, "POST", "/v2/rpc/whoami", { auth: alice.token, query: { x: "1" }, body: "p" });
    assert.deepEqual(JSON.parse(who.body.payload), { user: "alice", payload: "p", q: "1" });
    fake.registerRpc("refuse", () => {
      throw new RpcError("Not enough coins.", 9);
    });
    const refused = await call(fake, "POST", "/v2/rpc/refuse", { auth: alice.token, body: "" });
    assert.deepEqual([refused.status, refused.body], [400, { code: 9, error: {}, message: "Not enough coins." }]);
    const match = await call(fake, "POST", "/v2/rpc/create_authoritative_match", {
      auth: alice.token,
      body: JSON.stringify({ label: '{"mode":"ctf","skill":50}' }),
    });
    const matchId = JSON.parse(match.body.payload).match_id;
    assert.match(matchId, /^[0-9a-f-]{36}\.nakama-rig$/);
  });
});

describe("FakeNakama matches, parties, events and purchases", () => {
  let fake: FakeNakama;
  let alice: Player;
  before(async () => {
    fake = await FakeNakama.start();
    alice = await device(fake, "alice");
    const add = (id: string, authoritative: boolean, label: string, size: number) =>
      fake.state.matches.set(id, {
        match_id: id,
        authoritative,
        label,
        size,
        tick_rate: authoritative ? 10 : 0,
        handler_name: authoritative ? "test_match" : "",
      });
    add("m1.nakama-rig", true, '{"mode":"ctf","skill":50,"region":"eu"}', 2);
    add("m2.nakama-rig", true, '{"mode":"dm","skill":80,"region":"us"}', 1);
    add("r1.", false, "", 2);
  });
  after(() => fake.close());

  it("lists matches with authoritative, label, query and size filters", async () => {
    const list = (query: Record<string, string>) => call(fake, "GET", "/v2/match", { auth: alice.token, query });
    const ids = (r: Reply) => (r.body.matches ?? []).map((m: { match_id: string }) => m.match_id);
    assert.deepEqual((await list({ authoritative: "false" })).body, { matches: [{ match_id: "r1.", size: 2 }] });
    assert.deepEqual(ids(await list({ label: '{"mode":"ctf","skill":50,"region":"eu"}' })), ["m1.nakama-rig"]);
    assert.deepEqual(ids(await list({ query: "+label.skill:>=60" })), ["m2.nakama-rig"]);
    assert.deepEqual(ids(await list({ label: "x", query: "+label.mode:dm" })), ["m2.nakama-rig"]);
    assert.deepEqual(ids(await list({ min_size: "2", max_size: "2" })).sort(), ["m1.nakama-rig", "r1."]);
    const match = (await list({ query: "+label.mode:ctf" })).body.matches[0];
    assert.deepEqual(Object.keys(match), ["match_id", "authoritative", "label", "size", "tick_rate", "handler_name"]);
    assert.deepEqual(
      (await list({ min_size: "5", max_size: "2" })).body,
      ERR(
        3,
        "Maximum size must be greater than or equal to minimum size when both are specified.",
      ),
    );
    assert.deepEqual((await list({ limit: "1000" })).body, ERR(3, "Invalid limit - limit must be between 1 and 100."));
  });

  it("lists visible parties and reports matchmaker stats", async () => {
    fake.state.parties.set("p1.nakama-rig", {
      party_id: "p1.nakama-rig",
      open: true,
      hidden: false,
      max_size: 4,
      label: "",
    });
    fake.state.parties.set("p2.nakama-rig", {
      party_id: "p2.nakama-rig",
      open: true,
      hidden: true,
      max_size: 4,
      label: "",
    });
    const parties = await call(fake, "GET", "/v2/party", { auth: alice.token });
    assert.deepEqual(parties.body, { parties: [{ party_id: "p1.nakama-rig", open: true, max_size: 4 }] });
    assert.deepEqual((await call(fake, "GET", "/v2/matchmaker/stats", { auth: alice.token })).body, {});
  });

  it("records events with external forced true", async () => {
    const reply = await call(fake, "POST", "/v2/event", {
      auth: alice.token,
      body: { name: "level_complete", properties: { level: "3" } },
    });
    assert.deepEqual(reply.body, {});
    assert.deepEqual(fake.state.events.at(-1), {
      user_id: alice.id,
      name: "level_complete",
      timestamp: "",
      external: true,
      properties: { level: "3" },
    });
  });

  it("fails purchases like an unconfigured server unless a validator is seeded", async () => {
    const apple = await call(fake, "POST", "/v2/iap/purchase/apple", { auth: alice.token, body: { receipt: "r" } });
    assert.deepEqual([apple.status, apple.body], [400, ERR(9, "Apple IAP is not configured.")]);
    const empty = await call(fake, "POST", "/v2/iap/purchase/google", { auth: alice.token, body: {} });
    assert.deepEqual(empty.body, ERR(3, "Purchase cannot be empty."));
    assert.deepEqual(
      (await call(fake, "POST", "/v2/iap/subscription", { auth: alice.token, body: { limit: 10 } })).body,
      {},
    );
    const missing = await call(fake, "GET", "/v2/iap/subscription/monthly", { auth: alice.token });
    assert.deepEqual([missing.status, missing.body], [404, ERR(5, "subscription not found")]);
    fake.state.purchaseValidator = ({ store }) => ({
      purchases: [{ product_id: "gems", transaction_id: "t1", store: store === "apple" ? 0 : 1 }],
    });
    const ok = await call(fake, "POST", "/v2/iap/purchase/apple", { auth: alice.token, body: { receipt: "r" } });
    assert.deepEqual(ok.body, {
      validated_purchases: [{ user_id: alice.id, product_id: "gems", transaction_id: "t1" }],
    });
    const replay = await call(fake, "POST", "/v2/iap/purchase/apple", { auth: alice.token, body: { receipt: "r" } });
    assert.equal(replay.body.validated_purchases[0].seen_before, true);
  });
});

describe("FakeNakama faults", () => {
  let fake: FakeNakama;
  before(async () => {
    fake = await FakeNakama.start();
  });
  after(() => fake.close());

  it("status faults answer a burst, then normal replies resume", async () => {
    fake.injectFault({ match: "/healthcheck", kind: "status", status: 503, times: 2 });
    fake.injectFault({ match: /^\/v2\/account$/, kind: "status", status: 429, headers: { "retry-after": "1" } });
    const first = await call(fake, "GET", "/healthcheck");
    assert.deepEqual([first.status, first.body], [503, { code: 14, message: "Service Unavailable" }]);
    assert.equal((await call(fake, "GET", "/healthcheck")).status, 503);
    assert.equal((await call(fake, "GET", "/healthcheck")).status, 200);
    const limited = await call(fake, "GET", "/v2/account");
    assert.deepEqual([limited.status, limited.headers.get("retry-after")], [429, "1"]);
  });

  it("html, invalid-json and truncate break the body in the documented ways", async () => {
    fake.injectFault({ kind: "html" });
    const html = await call(fake, "GET", "/healthcheck");
    assert.equal(html.status, 502);
    assert.match(html.headers.get("content-type") ?? "", /^text\/html/);
    assert.match(html.text, /<h1>502 Bad Gateway<\/h1>/);
    fake.injectFault({ match: (r) => new URL(r.url).pathname === "/healthcheck", kind: "invalid-json" });
    const garbage = await call(fake, "GET", "/healthcheck");
    assert.equal(garbage.status, 200);
    assert.equal(garbage.body, undefined);
    fake.injectFault({ match: "/v2/account/authenticate/device", kind: "truncate" });
    const cut = await call(fake, "POST", "/v2/account/authenticate/device", {
      auth: SERVER_KEY,
      body: { id: "dev-truncated-0000" },
    });
    assert.equal(cut.status, 200);
    assert.throws(() => JSON.parse(cut.text));
    assert.ok(fake.state.userByDevice("dev-truncated-0000"), "the request was still handled");
  });

  it("reset drops the connection in the middle of the body", async () => {
    fake.injectFault({ match: "/healthcheck", kind: "reset" });
    await assert.rejects(async () => {
      const response = await fetch(`${fake.url}/healthcheck`);
      await response.text();
    });
    assert.equal((await call(fake, "GET", "/healthcheck")).status, 200);
  });

  it("delay answers normally afterwards, and clearFaults drops pending faults", async () => {
    fake.injectFault({ match: "/healthcheck", kind: "delay", ms: 5 });
    const delayed = await call(fake, "GET", "/healthcheck");
    assert.deepEqual([delayed.status, delayed.body], [200, {}]);
    fake.injectFault({ kind: "status", status: 500, times: 3 });
    fake.clearFaults();
    assert.equal((await call(fake, "GET", "/healthcheck")).status, 200);
  });

  it("close() cancels a pending delay so nothing is left running", async () => {
    const local = await FakeNakama.start();
    local.injectFault({ match: "/healthcheck", kind: "delay", ms: 60_000 });
    const pending = fetch(`${local.url}/healthcheck`).then((r) => r.text()).then(() => "answered", () => "failed");
    // Wait until the request has reached the server and is being delayed.
    while (local.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    await local.close();
    assert.ok(["answered", "failed"].includes(await pending));
  });
});
