/**
 * Hardening (issue 7), security:
 * (a) injection: ids, names and options holding `/`, `?`, `#`, `%`, `..`, spaces and non-ASCII never change a
 *     Satori request's path, never add query parameters, and never change the socket's URL; a host option that would
 *     change the path, port or credentials of every request is refused. (The Nakama REST routes are covered by
 *     rest_paths_test.ts.) Checked on the raw URL the fake servers recorded.
 * (b) secrets: a broad run of REST, Satori and socket operations, failures included, with a logger at the most
 *     verbose level; no log line, error message, `String(error)`, stack or serialised error holds a token, a refresh
 *     token, a server key, an http key or an API key.
 * (c) hostile JSON: `__proto__`, `constructor` and `prototype` keys in REST replies, Satori replies, socket frames and
 *     token claims pollute no prototype.
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { Client, type FetchLike, type Logger, NakamaError, Session, type Socket, type SocketEventMap } from "../mod.ts";
import { SatoriClient } from "../satori.ts";
import { FakeNakama } from "./support/fake_nakama/mod.ts";
import { realtimeControl } from "./support/fake_nakama/realtime.ts";
import { FakeSatori } from "./support/fake_satori/mod.ts";
import { socketOptions } from "./support/websocket.ts";
import { startTcpProxy } from "./support/tcp_proxy.ts";
import { guarded, jwt, MemoryWebSocket, offlineToken } from "./support/hardening.ts";

const NASTY = [
  "a/b",
  "a?b=c",
  "x#y",
  "100%",
  "%2e%2e",
  "with space",
  "Jörg ✓ 🎮",
  "../v1/identity",
  "a/../../healthcheck",
  "?",
  "#",
  "/",
  "&names=injected",
];

// ------------------------------------------------------------------ (a) injection

describe("injection: Satori paths and queries", () => {
  let fake: FakeSatori;
  let client: SatoriClient;
  let session: Session;
  before(async () => {
    fake = await FakeSatori.start();
    client = new SatoriClient({ port: fake.port, retry: { maxRetries: 0 } });
    session = await client.authenticate(`security-${crypto.randomUUID()}`);
  });
  after(() => fake.close());

  /** Runs a call (the server may refuse it) and returns the one request it sent. */
  async function sent(call: () => Promise<unknown>) {
    const before = fake.requests.length;
    await call().catch((error) => {
      if (!(error instanceof NakamaError)) throw error;
    });
    assert.equal(fake.requests.length, before + 1, "exactly one request");
    return fake.requests[before];
  }

  const ROUTES: { name: string; method: string; shape: (string | null)[]; call: (v: string) => Promise<unknown> }[] = [
    {
      name: "joinLiveEvent",
      method: "POST",
      shape: ["v1", "live-event", null, "participation"],
      call: (v) => client.joinLiveEvent(session, v),
    },
    {
      name: "updateMessage",
      method: "PUT",
      shape: ["v1", "message", null],
      call: (v) => client.updateMessage(session, v, { readTime: 1 }),
    },
    {
      name: "deleteMessage",
      method: "DELETE",
      shape: ["v1", "message", null],
      call: (v) => client.deleteMessage(session, v),
    },
  ];

  for (const route of ROUTES) {
    it(`${route.name}() keeps every id in its one path segment, with no query`, async () => {
      for (const value of NASTY) {
        const request = await sent(() => route.call(value));
        assert.equal(request.method, route.method);
        const segments = request.path.split("/").slice(1);
        assert.equal(segments.length, route.shape.length, request.path);
        route.shape.forEach((literal, i) => {
          if (literal === null) assert.equal(decodeURIComponent(segments[i]), value, request.path);
          else assert.equal(segments[i], literal, request.path);
        });
        assert.deepEqual(request.query, {}, request.path);
      }
    });

    it(`${route.name}() refuses "." and ".." (which no encoding can carry) and sends nothing`, async () => {
      const before = fake.requests.length;
      for (const value of [".", ".."]) await assert.rejects(route.call(value), TypeError);
      assert.equal(fake.requests.length, before);
    });
  }

  it("name, label and cursor filters stay one value each and add no parameter", async () => {
    const evil = "v&names=x&labels=y#frag?z=1 ö+%";
    const checks: [() => Promise<unknown>, string, Record<string, string | string[]>][] = [
      [() => client.getFlags(session, { names: [evil, "b"], labels: [evil] }), "/v1/flag", {
        names: [evil, "b"],
        labels: evil,
      }],
      [() => client.getFlagsDefault({ names: [evil] }), "/v1/flag", { names: evil }],
      [() => client.getExperiments(session, { names: [evil] }), "/v1/experiment", { names: evil }],
      [() => client.getLiveEvents(session, { labels: [evil] }), "/v1/live-event", { labels: evil }],
      [() => client.getMessageList(session, { cursor: evil }), "/v1/message", {
        cursor: evil,
        limit: "100",
        forward: "true",
      }],
    ];
    for (const [call, path, query] of checks) {
      const request = await sent(call);
      assert.equal(request.path, path);
      assert.deepEqual(request.query, query);
    }
  });

  it("authenticate() and identify() keep a hostile identity id in the body, not the URL", async () => {
    const id = "evil/../id?x=1#y";
    for (const call of [() => client.authenticate(id), () => client.identify(session, id)]) {
      const request = await sent(call);
      assert.ok(request.path === "/v1/authenticate" || request.path === "/v1/identify", request.path);
      assert.deepEqual(request.query, {});
      assert.equal((request.body as { id: string }).id, id);
    }
  });
});

describe("injection: the socket URL and the host option", () => {
  let fake: FakeNakama;
  before(async () => {
    fake = await FakeNakama.start();
  });
  after(() => fake.close());

  it("a hostile langTag and a token holding '&', '#' and '?' stay one query value each", async () => {
    const client = new Client({ port: fake.port });
    const good = await client.authenticateDevice(`security-url-${crypto.randomUUID()}`);
    const socket: Socket = client.createSocket(await socketOptions({ heartbeatIntervalMs: 0 }));
    const langTag = "en&status=true&token=stolen#x?y=1 ö";
    await socket.connect(good, { langTag });
    const upgrade = fake.requests.filter((r) => r.path === "/ws").at(-1)!;
    assert.deepEqual([...upgrade.query.keys()].sort(), ["lang", "status", "token"]);
    assert.equal(upgrade.query.get("lang"), langTag);
    assert.equal(upgrade.query.get("status"), "false");
    assert.equal(upgrade.query.get("token"), good.token);
    await socket.close();

    // Only the server checks a signature, so a token's last part can hold anything; it must stay one value.
    const forged = Session.restore(jwt({ exp: 2e9, uid: good.userId }, "sig&status=true#frag?x=1"));
    const error = await guarded((signal) => socket.connect(forged, { signal })).catch((e) => e);
    assert.ok(error instanceof NakamaError, String(error)); // the server refuses it
    const refused = fake.requests.filter((r) => r.path === "/ws").at(-1)!;
    assert.deepEqual([...refused.query.keys()].sort(), ["lang", "status", "token"]);
    assert.equal(refused.query.get("token"), forged.token);
    assert.equal(refused.rawUrl.includes("#"), false);
  });

  it("a host that would change every request's path, port or credentials is refused", () => {
    for (const host of ["127.0.0.1/evil?x=1#", "evil.example@127.0.0.1", "127.0.0.1#frag", "127.0.0.1?q=1", "a/b"]) {
      assert.throws(() => new Client({ host }), TypeError, host);
      assert.throws(() => new SatoriClient({ host }), TypeError, host);
    }
    for (const host of ["127.0.0.1", "localhost", "::1", "[::1]", "nakama.example.com", "bücher.example"]) {
      assert.doesNotThrow(() => new Client({ host }), host);
    }
  });
});

// ------------------------------------------------------------------ (b) secrets

/** A loopback port nothing listens on (a connection to it is refused). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("secrets: nothing secret in any log line or error", () => {
  const SERVER_KEY = "srvkey-8d1e5f3a9c7b4e21";
  const WRONG_SERVER_KEY = "srvkey-WRONG-5a4b3c2d1e0f";
  const HTTP_KEY = "httpkey-2c9e7a5b3d1f8e64";
  const WRONG_HTTP_KEY = "httpkey-WRONG-0f1e2d3c4b5a";
  const API_KEY = "satorikey-6b4d2f0e8c6a4e2c";
  const WRONG_API_KEY = "satorikey-WRONG-9e8d7c6b";

  let nakama: FakeNakama;
  let satori: FakeSatori;
  before(async () => {
    nakama = await FakeNakama.start({ serverKey: SERVER_KEY, httpKey: HTTP_KEY });
    satori = await FakeSatori.start({ apiKey: API_KEY, flags: [{ name: "lives", value: "3" }] });
  });
  after(async () => {
    await nakama.close();
    await satori.close();
  });

  it("a run of REST, Satori and socket operations, failures included, leaks no token or key", async () => {
    const lines: string[] = [];
    const texts: string[] = [];
    const render = (value: unknown): string => {
      if (value instanceof Error) return describeError(value);
      try {
        return `${String(value)} ${JSON.stringify(value)}`;
      } catch {
        return String(value);
      }
    };
    const describeError = (error: unknown): string => {
      if (!(error instanceof Error)) return render(error);
      let own = "";
      try {
        own = JSON.stringify(error);
      } catch { /* circular: the other forms still count */ }
      const cause = error.cause === undefined ? "" : ` cause: ${describeError(error.cause)}`;
      return `${error.message}\n${String(error)}\n${error.stack}\n${own}${cause}`;
    };
    const record = (level: string) => (message: string, ...data: unknown[]) =>
      void lines.push(`${level} ${message} ${data.map(render).join(" ")}`);
    const logger: Logger = {
      debug: record("debug"),
      info: record("info"),
      warn: record("warn"),
      error: record("error"),
    };
    const errors: unknown[] = [];
    const sessions: Session[] = [];
    const secrets = new Set<string>();
    /** Every token any session ever held: sessions are refreshed in place, so they are read after each step. */
    const snapshot = () => {
      for (const session of sessions) {
        for (const token of [session.token, session.refreshToken]) if (token) secrets.add(token);
      }
    };
    const remember = (session: Session) => {
      sessions.push(session);
      snapshot();
    };
    /** Runs an operation that may fail; its error is kept for inspection. */
    const attempt = async <T>(run: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await run();
      } catch (error) {
        errors.push(error);
        return undefined;
      } finally {
        snapshot();
      }
    };
    const fast = { baseDelayMs: 1, maxRetries: 2, jitter: (ms: number) => ms };

    // ---- REST
    const client = new Client({ port: nakama.port, serverKey: SERVER_KEY, logger, retry: fast, timeoutMs: 200 });
    const session = (await attempt(() => client.authenticateDevice(`security-${crypto.randomUUID()}`)))!;
    remember(session);
    await attempt(() => client.getAccount(session));
    await attempt(() => client.rpc(session, "echo", { secret: "payload" }));
    await attempt(() => client.rpcHttpKey(HTTP_KEY, "echo", "x"));
    await attempt(() => client.rpcHttpKey(WRONG_HTTP_KEY, "echo", "x"));
    await attempt(() => client.sessionRefresh(session));
    await attempt(() => client.updateAccount(session, { username: `renamed_${Date.now()}` }));
    await attempt(() =>
      new Client({ port: nakama.port, serverKey: WRONG_SERVER_KEY, logger }).authenticateDevice("dev-wrong-key-01")
    );
    for (const kind of ["truncate", "invalid-json", "reset", "html"] as const) {
      for (const path of ["/v2/account/authenticate/device", "/v2/account/session/refresh", "/v2/rpc/echo"]) {
        nakama.injectFault({ match: path, kind, times: 3 });
        await attempt(() => client.authenticateDevice(`security-${crypto.randomUUID()}`).then((s) => remember(s)));
        await attempt(() => client.sessionRefresh(session));
        await attempt(() => client.rpcHttpKey(HTTP_KEY, "echo", "y"));
        nakama.clearFaults();
      }
    }
    // Nothing listens, or the network drops every connection: runtimes quote the URL (and its query, which holds
    // the http key) in their own errors, which the SDK keeps as the cause.
    const dead = await startTcpProxy(nakama.port);
    dead.refuse(true);
    const closedPort = await freePort();
    for (const port of [closedPort, dead.port]) {
      const offline = new Client({ port, serverKey: SERVER_KEY, logger, retry: { maxRetries: 1, baseDelayMs: 1 } });
      await attempt(() => offline.rpcHttpKey(HTTP_KEY, "echo", "x"));
      await attempt(() => offline.sessionRefresh(session));
      await attempt(() => offline.authenticateDevice("dev-offline-0001"));
      const offlineSocket = offline.createSocket(await socketOptions({ heartbeatIntervalMs: 0, logger }));
      await attempt(() => offlineSocket.connect(session, { timeoutMs: 2_000 }));
      await offlineSocket.close();
    }
    await dead.close();
    nakama.injectFault({ match: "/v2/account", kind: "status", status: 503, times: 5 });
    await attempt(() => client.getAccount(session));
    nakama.injectFault({ match: "/v2/account", kind: "delay", ms: 2_000 });
    await attempt(() => client.getAccount(session));
    nakama.clearFaults();
    const expired = Session.restore(
      await nakama.mintToken(session.userId, { expiresInSec: -60 }),
      await nakama.mintToken(session.userId, { refresh: true, expiresInSec: -30 }),
    );
    remember(expired);
    await attempt(() => client.getAccount(expired));
    const revoked = Session.restore(session.token, session.refreshToken);
    remember(revoked);
    await attempt(() => client.sessionLogout(session));
    await attempt(() => client.getAccount(revoked));
    await attempt(() => client.sessionRefresh(revoked));

    // ---- socket
    const fresh = (await attempt(() => client.authenticateDevice(`security-socket-${crypto.randomUUID()}`)))!;
    remember(fresh);
    const socket = client.createSocket(
      await socketOptions({
        heartbeatIntervalMs: 5,
        heartbeatTimeoutMs: 20,
        reconnect: { baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 2 },
        logger,
      }),
    );
    const socketErrors: Error[] = [];
    socket.on("error", (error) => void socketErrors.push(error));
    await attempt(() => socket.connect(fresh, { appearOnline: true }));
    await attempt(() => socket.rpc("echo", "hello"));
    await attempt(() => socket.rpc("no_such_function"));
    await attempt(() => socket.joinMatch("not-a-match"));
    const server = () => realtimeControl(nakama.state).sessions(fresh.userId)[0]?.socket;
    server()?.send("not json at all");
    server()?.send(JSON.stringify({ cid: "999999", rpc: { id: "late" } }));
    await attempt(() => socket.ping({ timeoutMs: 1 }).catch(() => socket.ping()));
    const reconnected = new Promise((resolve) => socket.on("reconnected", resolve));
    realtimeControl(nakama.state).drop(fresh.userId);
    await guarded(() => reconnected);
    const timedOut = new Promise((resolve) => socket.on("heartbeatTimeout", resolve));
    realtimeControl(nakama.state).answerPings(false, fresh.userId);
    await guarded(() => timedOut);
    realtimeControl(nakama.state).answerPings(true);
    await attempt(() => socket.close());
    const refused = client.createSocket(await socketOptions({ heartbeatIntervalMs: 0, logger }));
    await attempt(() => refused.connect(expired));
    await attempt(() => refused.connect(revoked));
    await refused.close();

    // ---- Satori
    const sat = new SatoriClient({ port: satori.port, apiKey: API_KEY, logger, retry: fast, timeoutMs: 200 });
    const identity = (await attempt(() => sat.authenticate(`security-${crypto.randomUUID()}`)))!;
    remember(identity);
    await attempt(() => sat.getFlag(identity, "lives"));
    await attempt(() => sat.getFlagDefault("lives", { defaultValue: "1" }));
    await attempt(() => sat.sessionRefresh(identity));
    await attempt(() =>
      new SatoriClient({ port: satori.port, apiKey: WRONG_API_KEY, logger }).authenticate("wrong-key-id")
    );
    satori.injectFault({ match: "/v1/event", kind: "status", status: 503, times: 50 });
    const queue = sat.createEventQueue(identity, { flushIntervalMs: 5, logger });
    queue.enqueue({ name: "secret-test" });
    await attempt(() => queue.flush());
    await attempt(() => queue.close());
    satori.clearFaults();
    satori.injectFault({ match: "/v1/authenticate/refresh", kind: "reset", times: 5 });
    await attempt(() => sat.sessionRefresh(identity));
    satori.clearFaults();
    await attempt(() => sat.authenticateLogout(identity));
    await attempt(() => sat.getFlags(identity));

    // ---- the search
    for (const error of [...errors, ...socketErrors]) texts.push(describeError(error));
    texts.push(...lines);
    assert.ok(errors.length >= 20, `the run produced failures to inspect (${errors.length})`);
    assert.ok(lines.length >= 50, `the logger saw the run (${lines.length} lines)`);
    assert.ok(lines.some((line) => line.startsWith("debug")), "debug level was on");
    const needles = new Map<string, string>();
    for (const token of secrets) {
      needles.set(token, "a token");
      needles.set(encodeURIComponent(token), "a URL-encoded token");
      const signature = token.split(".")[2];
      if (signature && signature.length >= 16) needles.set(signature, "a token signature");
      // Not even a fragment: the payload's first 24 characters are unique to the token (its id comes first).
      needles.set(token.split(".")[1].slice(0, 24), "a fragment of a token");
    }
    for (
      const [key, what] of [
        [SERVER_KEY, "the server key"],
        [WRONG_SERVER_KEY, "a wrong server key"],
        [HTTP_KEY, "the http key"],
        [WRONG_HTTP_KEY, "a wrong http key"],
        [API_KEY, "the Satori API key"],
        [WRONG_API_KEY, "a wrong Satori API key"],
      ]
    ) {
      needles.set(key, what);
      needles.set(btoa(`${key}:`), `${what} as a Basic credential`);
    }
    assert.ok(secrets.size >= 6, `tokens to look for (${secrets.size})`);
    console.log(
      `hardening_security: ${errors.length + socketErrors.length} errors and ${lines.length} log lines searched for ` +
        `${needles.size} secret strings (${secrets.size} tokens, 6 keys)`,
    );
    for (const text of texts) {
      for (const [needle, what] of needles) {
        assert.ok(!text.includes(needle), `${what} leaked into: ${text.slice(0, 300)}`);
      }
    }
  });
});

// ------------------------------------------------------------------ (c) hostile JSON

const HOSTILE = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"user":{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}},"__proto__":[1]}',
  '[{"__proto__":{"polluted":"yes"}},{"prototype":{"polluted":"yes"}}]',
];

/** Asserts that no built-in prototype gained a property. */
function assertUnpolluted(where: string): void {
  const probe = {} as Record<string, unknown>;
  assert.equal(probe.polluted, undefined, `${where}: Object.prototype`);
  assert.equal(([] as unknown as Record<string, unknown>).polluted, undefined, `${where}: Array.prototype`);
  assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined, where);
  assert.equal((Function.prototype as unknown as Record<string, unknown>).polluted, undefined, where);
  assert.equal(("" as unknown as Record<string, unknown>).polluted, undefined, `${where}: String.prototype`);
  assert.equal(Object.getOwnPropertyNames(Object.prototype).includes("polluted"), false, where);
}

describe("hostile JSON pollutes no prototype", () => {
  const token = offlineToken();
  const replying = (text: string, status = 200): FetchLike => () =>
    Promise.resolve(new Response(text, { status, headers: { "content-type": "application/json" } }));

  it("REST replies (success and error bodies) with __proto__, constructor and prototype keys", async () => {
    for (const text of HOSTILE) {
      for (const status of [200, 400, 500]) {
        const client = new Client({ fetch: replying(text, status), retry: { maxRetries: 0 } });
        const session = Session.restore(token, token);
        for (
          const call of [
            () => client.getAccount(session),
            () => client.listGroups(session),
            () => client.rpc(session, "echo", "x"),
            () => client.readStorageObjects(session, [{ collection: "c", key: "k" }]),
          ]
        ) {
          const result = await call().catch((error) => {
            assert.ok(error instanceof NakamaError, String(error));
            return error.data;
          });
          assertUnpolluted(`REST ${status} ${text}`);
          if (result !== null && typeof result === "object" && !Array.isArray(result)) {
            assert.equal(Object.getPrototypeOf(result), Object.prototype, "the result's own prototype is unchanged");
          }
        }
      }
    }
  });

  it("authenticate replies and token claims with hostile keys", async () => {
    const claims = jwt({ exp: 2e9, uid: "u", vrs: JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":"x"}') });
    const text = JSON.stringify({ token: claims, refresh_token: claims }).replace(
      "{",
      '{"__proto__":{"polluted":"yes"},',
    );
    const session = await new Client({ fetch: replying(text) }).authenticateDevice("hostile-device-01");
    assertUnpolluted("authenticate");
    const vars = session.vars;
    assert.equal(Object.getPrototypeOf(vars), Object.prototype);
    assert.equal(Object.hasOwn(vars, "__proto__"), true, "kept as an ordinary key");
    assert.equal(vars.constructor, "x");
    assert.equal(typeof JSON.stringify(session), "string");
    assertUnpolluted("session vars");
  });

  it("Satori replies (flags, properties, live events) with hostile keys", async () => {
    const flags = '{"flags":[{"__proto__":{"polluted":"yes"},"name":"f","value":"1"},{"constructor":{"prototype":' +
      '{"polluted":"yes"}},"name":"g"}],"__proto__":{"polluted":"yes"}}';
    for (const text of [...HOSTILE, flags]) {
      const client = new SatoriClient({ fetch: replying(text), retry: { maxRetries: 0 } });
      const session = Session.restore(token, token);
      for (
        const call of [
          () => client.getFlags(session),
          () => client.getFlag(session, "f", { defaultValue: "d" }),
          () => client.listProperties(session),
          () => client.getLiveEvents(session),
        ]
      ) {
        await call().catch((error) => assert.ok(error instanceof NakamaError, String(error)));
        assertUnpolluted(`Satori ${text}`);
      }
    }
  });

  it("socket frames (pushes, replies, errors, match data) with hostile keys", async () => {
    const client = new Client({ fetch: replying("{}") });
    const socket = client.createSocket({ WebSocket: MemoryWebSocket, heartbeatIntervalMs: 0, sendTimeoutMs: 0 });
    await socket.connect(Session.restore(token, token));
    const ws = MemoryWebSocket.last;
    const events: unknown[] = [];
    const names: (keyof SocketEventMap)[] = [
      "matchData",
      "notification",
      "channelMessage",
      "unknown",
      "error",
      "party",
    ];
    const offs = names.map((name) => socket.on(name, (event) => void events.push(event)));
    const P = '"__proto__":{"polluted":"yes"}';
    const C = '"constructor":{"prototype":{"polluted":"yes"}}';
    const frames = [
      `{${P}}`,
      `{${C}}`,
      `{"match_data":{${P},${C},"match_id":"m.","op_code":"1","data":"AAE="}}`,
      `{"notifications":{"notifications":[{${P},"code":1},{${C}}]}}`,
      `{"channel_message":{${P},"channel_id":"c"}}`,
      `{"party":{${P},"party_id":"p"}}`,
      `{"error":{${P},"code":3,"message":"bad"}}`,
      `{${P},"match_data":{"match_id":"m."}}`,
    ];
    for (const frame of frames) ws.receive(frame);
    for (
      const [reply, call] of [
        [`{"cid":"CID",${P},"rpc":{${P},"id":"x","payload":"y"}}`, () => socket.rpc("x")],
        [`{"cid":"CID","channel":{${P},${C},"id":"c"}}`, () => socket.joinChat("room", 1)],
        [
          `{"cid":"CID","status":{"presences":[{${P},"user_id":"u","username":"n"}]}}`,
          () => socket.followUsers(["u"], { usernames: ["n"] }),
        ],
        [`{"cid":"CID","error":{${P},${C},"code":4,"message":"no"}}`, () => socket.joinMatch("m.")],
      ] as [string, () => Promise<unknown>][]
    ) {
      const pending = call();
      const { cid } = JSON.parse(ws.sent.at(-1)!) as { cid: string };
      ws.receive(reply.replace("CID", cid));
      const result = await pending.catch((error: unknown) => {
        assert.ok(error instanceof NakamaError, String(error));
        return undefined;
      });
      if (result !== null && typeof result === "object") assert.equal(Object.getPrototypeOf(result), Object.prototype);
      assertUnpolluted(`socket reply ${reply}`);
    }
    assert.ok(events.length >= frames.length, `events were dispatched (${events.length})`);
    for (const event of events) {
      if (event !== null && typeof event === "object" && !(event instanceof Error)) {
        assert.equal(Object.getPrototypeOf(event), Object.prototype);
      }
    }
    assertUnpolluted("socket frames");
    for (const off of offs) off();
    await socket.close();
  });
});
