/**
 * The socket's life: creating, connecting (URL, session refresh, failures, timeout, abort), closing (idempotent,
 * reusable, `await using`), ping/RPC over the socket, events, iterators and diagnostics.
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  Client,
  ConnectionClosedError,
  isNakamaError,
  NakamaError,
  NetworkError,
  Session,
  Socket,
  type SocketEventMap,
  TimeoutError,
  type WebSocketLike,
} from "../mod.ts";
import { FakeNakama } from "./support/fake_nakama/mod.ts";
import { realtimeControl } from "./support/fake_nakama/realtime.ts";
import { closeAll, nextEvent, players, record, serverForgets, socketOptions } from "./support/websocket.ts";

let fake: FakeNakama;
before(async () => {
  fake = await FakeNakama.start();
});
after(() => fake.close());

/** A WebSocket stand-in that records its URL and never opens (until told to fail). */
class NeverOpens implements WebSocketLike {
  static urls: string[] = [];
  binaryType = "blob";
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  constructor(url: string) {
    NeverOpens.urls.push(url);
  }
  send(): void {}
  close(): void {
    this.readyState = 3;
    queueMicrotask(() => this.onclose?.({ code: 1006, reason: "" }));
  }
}

function logger(lines: string[]) {
  const log = (...args: unknown[]) =>
    void lines.push(args.map((a) => a instanceof Error ? a.message : String(a)).join(" "));
  return { debug: log, info: log, warn: log, error: log };
}

describe("Client.createSocket()", () => {
  it("creates a Socket that is idle until connect()", async () => {
    const [alice] = await players(fake, 1, { connect: false });
    assert.ok(alice.socket instanceof Socket);
    assert.equal(alice.socket.state, "idle");
    assert.equal(alice.socket.isConnected, false);
    await alice.socket.close();
  });

  it("checks its options at once, naming the option", async () => {
    const client = new Client({ port: fake.port });
    const base = await socketOptions();
    assert.throws(() => client.createSocket({ ...base, sendTimeoutMs: -1 }), /"options.sendTimeoutMs"/);
    assert.throws(
      () => client.createSocket({ ...base, heartbeatIntervalMs: Number.NaN }),
      /"options.heartbeatIntervalMs"/,
    );
    assert.throws(
      // deno-lint-ignore no-explicit-any
      () => client.createSocket({ ...base, WebSocket: "ws" as any }),
      (error: unknown) => error instanceof TypeError && /"options.WebSocket"/.test(error.message),
    );
    assert.throws(() => client.createSocket({ ...base, reconnect: { maxAttempts: 0 } }), RangeError);
    assert.throws(() => client.createSocket({ ...base, reconnect: { baseDelayMs: -5 } }), /"reconnect.baseDelayMs"/);
  });

  it("throws a TypeError naming options.WebSocket, with a ws example, when the runtime has none", () => {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, "WebSocket");
    Object.defineProperty(globalThis, "WebSocket", { value: undefined, configurable: true, writable: true });
    try {
      const client = new Client({ port: fake.port });
      assert.throws(() => client.createSocket(), (error: unknown) => {
        assert.ok(error instanceof TypeError);
        assert.match(error.message, /"options\.WebSocket"/);
        assert.match(error.message, /import \{ WebSocket \} from "ws"/);
        assert.equal((error as TypeError & { code?: string }).code, "ERR_INVALID_ARG_TYPE");
        return true;
      });
      // Passing a constructor is enough; nothing is installed globally.
      assert.ok(client.createSocket({ WebSocket: NeverOpens }) instanceof Socket);
      assert.equal(globalThis.WebSocket, undefined);
    } finally {
      if (descriptor) Object.defineProperty(globalThis, "WebSocket", descriptor);
      else delete (globalThis as { WebSocket?: unknown }).WebSocket;
    }
  });
});

describe("Socket.connect()", () => {
  it("connects to /ws on the client's host and port with lang, status and token", async () => {
    NeverOpens.urls = [];
    const session = (await players(fake, 1, { connect: false }))[0].session;
    const client = new Client({ host: "game.example.com", port: 8443, useSSL: true });
    const socket = client.createSocket({ WebSocket: NeverOpens, connectTimeoutMs: 0 });
    const connecting = socket.connect(session, { appearOnline: true, langTag: "de" });
    for (let i = 0; i < 100 && NeverOpens.urls.length === 0; i++) await new Promise((r) => setTimeout(r, 1));
    const closed = socket.close();
    await assert.rejects(connecting, ConnectionClosedError);
    await closed;
    const url = new URL(NeverOpens.urls[0]);
    assert.equal(url.origin, "wss://game.example.com:8443");
    assert.equal(url.pathname, "/ws");
    assert.equal(url.searchParams.get("lang"), "de");
    assert.equal(url.searchParams.get("status"), "true");
    assert.equal(url.searchParams.get("token"), session.token);
  });

  it("opens the socket, emits connect with a URL that has no token, and answers ping", async () => {
    const [alice] = await players(fake, 1, { connect: false });
    const connected = nextEvent(alice.socket, "connect");
    assert.equal(alice.socket.state, "idle");
    const pending = alice.socket.connect(alice.session);
    assert.equal(alice.socket.state, "connecting");
    await pending;
    assert.equal(alice.socket.state, "open");
    assert.equal(alice.socket.isConnected, true);
    const event = await connected;
    assert.equal(event.url, `ws://127.0.0.1:${fake.port}/ws`);
    assert.ok(!event.url.includes(alice.session.token));
    await alice.socket.ping();
    assert.equal(realtimeControl(fake.state).sessions(alice.userId).length, 1);
    await alice.socket.close();
  });

  it("resolves at once when already open, and shares one attempt between concurrent calls", async () => {
    const [alice] = await players(fake, 1, { connect: false });
    const first = alice.socket.connect(alice.session);
    assert.equal(alice.socket.connect(alice.session), first);
    await first;
    await alice.socket.connect(alice.session);
    assert.equal(realtimeControl(fake.state).sessions(alice.userId).length, 1);
    await alice.socket.close();
  });

  it("with appearOnline the user's own status presence arrives at once", async () => {
    const [alice] = await players(fake, 1, { connect: false });
    const own = nextEvent(alice.socket, "statusPresence");
    await alice.socket.connect(alice.session, { appearOnline: true });
    const event = await own;
    assert.deepEqual(event.joins?.map((p) => [p.user_id, p.status]), [[alice.userId, ""]]);
    await alice.socket.close();
  });

  it("rejects with a NetworkError that never shows the token when the server refuses it", async () => {
    const [alice] = await players(fake, 1, { connect: false });
    const expired = await fake.mintToken(alice.userId, { expiresInSec: -60 });
    const lines: string[] = [];
    const socket = new Client({ port: fake.port, logger: logger(lines) }).createSocket(await socketOptions());
    await assert.rejects(socket.connect(Session.restore(expired)), (error: unknown) => {
      assert.ok(error instanceof NetworkError);
      assert.ok(isNakamaError(error));
      assert.match(error.message, /\/ws/);
      assert.ok(!error.message.includes(expired), "the token must not appear in the error");
      assert.ok(!String(error.stack).includes(expired));
      return true;
    });
    assert.equal(socket.state, "closed");
    assert.ok(lines.length > 0);
    assert.ok(lines.every((line) => !line.includes(expired)), "the token must not appear in logs");
    await socket.close();
  });

  it("refreshes a session that is about to expire before connecting", async () => {
    const [alice] = await players(fake, 1, { connect: false });
    const client = new Client({ port: fake.port, expiredTimespanMs: 7200 * 1000 });
    const socket = client.createSocket(await socketOptions({ heartbeatIntervalMs: 0 }));
    const refreshes = fake.requests.filter((r) => r.path === "/v2/account/session/refresh").length;
    await socket.connect(alice.session);
    assert.equal(fake.requests.filter((r) => r.path === "/v2/account/session/refresh").length, refreshes + 1);
    const ws = fake.requests.filter((r) => r.path === "/ws").at(-1)!;
    assert.equal(ws.query.get("token"), alice.session.token);
    await socket.close();
  });

  it("rejects with a TimeoutError when the connection does not open in time", async () => {
    const [alice] = await players(fake, 1, { connect: false });
    const socket = alice.client.createSocket({ WebSocket: NeverOpens });
    await assert.rejects(socket.connect(alice.session, { timeoutMs: 5 }), (error: unknown) => {
      assert.ok(error instanceof TimeoutError);
      assert.match(error.message, /5 ms/);
      return true;
    });
    assert.equal(socket.state, "closed");
    await socket.close();
  });

  it("rejects with the signal's reason when aborted, before or during the attempt", async () => {
    const [alice] = await players(fake, 1, { connect: false });
    const socket = alice.client.createSocket({ WebSocket: NeverOpens, connectTimeoutMs: 0 });
    const early = new AbortController();
    early.abort(new Error("not now"));
    await assert.rejects(socket.connect(alice.session, { signal: early.signal }), /not now/);
    const late = new AbortController();
    const pending = socket.connect(alice.session, { signal: late.signal });
    const reason = new Error("changed my mind");
    late.abort(reason);
    await assert.rejects(pending, (error) => error === reason);
    await socket.close();
  });

  it("throws a TypeError for a missing session", async () => {
    const [alice] = await players(fake, 1, { connect: false });
    // deno-lint-ignore no-explicit-any
    assert.throws(() => alice.socket.connect("token" as any), /"session"/);
    await alice.socket.close();
  });
});

describe("Socket.close()", () => {
  it("emits disconnect once, is idempotent, and the socket can connect again", async () => {
    const [alice] = await players(fake, 1);
    const disconnects = record(alice.socket, "disconnect");
    const first = alice.socket.close();
    assert.equal(alice.socket.close(), first);
    await first;
    assert.equal(alice.socket.state, "closed");
    assert.deepEqual(disconnects.events, [{ code: 1000, reason: "", byApp: true }]);
    await alice.socket.close();
    assert.equal(disconnects.events.length, 1);
    await assert.rejects(alice.socket.ping(), ConnectionClosedError);

    await alice.socket.connect(alice.session);
    await alice.socket.ping();
    await alice.socket.close(4000, "bye");
    assert.deepEqual(disconnects.events.at(-1), { code: 4000, reason: "bye", byApp: true });
    disconnects.stop();
  });

  it("refuses close codes the WebSocket API refuses", async () => {
    const [alice] = await players(fake, 1);
    assert.throws(() => alice.socket.close(1006), RangeError);
    await alice.socket.close();
  });

  it("the server sees the socket go away", async () => {
    const [alice] = await players(fake, 1);
    assert.equal(realtimeControl(fake.state).sessions(alice.userId).length, 1);
    await alice.socket.close();
    await serverForgets(fake, alice.userId);
  });

  it("Symbol.asyncDispose closes the socket", async () => {
    const [alice] = await players(fake, 1);
    const dispose = (alice.socket as unknown as Record<symbol, () => Promise<void>>)[Symbol.asyncDispose];
    assert.equal(typeof dispose, "function");
    await dispose.call(alice.socket);
    assert.equal(alice.socket.state, "closed");
  });
});

describe("Socket.rpc()", () => {
  it("calls a server function: string payloads as they are, objects as JSON, Unicode intact", async () => {
    const [alice] = await players(fake, 1);
    assert.deepEqual(await alice.socket.rpc("echo", "plain text, not JSON"), {
      id: "echo",
      payload: "plain text, not JSON",
    });
    assert.deepEqual(await alice.socket.rpc("echo", { hello: "wörld ✓ 😀" }), {
      id: "echo",
      payload: '{"hello":"wörld ✓ 😀"}',
    });
    assert.deepEqual(await alice.socket.rpc("clientrpc.rpc_get"), {
      id: "clientrpc.rpc_get",
      payload: '{"message":"PONG"}',
    });
    assert.deepEqual(await alice.socket.rpc("ECHO", "x"), { id: "ECHO", payload: "x" });
    assert.deepEqual(await alice.socket.rpc("echo"), { id: "echo" });
    await alice.socket.close();
  });

  it("gives RPC functions the caller's identity", async () => {
    const [alice] = await players(fake, 1);
    fake.registerRpc("whoami", (ctx) => JSON.stringify({ id: ctx.userId, name: ctx.username }));
    const reply = await alice.socket.rpc("whoami");
    assert.deepEqual(JSON.parse(reply.payload!), { id: alice.userId, name: alice.username });
    await alice.socket.close();
  });

  it("rejects with a NakamaError carrying the server's message, code and cid", async () => {
    const [alice] = await players(fake, 1);
    const failures: Array<[string, unknown[]]> = [
      ["clientrpc.rpc_error", [13, "RUNTIME_FUNCTION_EXCEPTION", 7, "Some error occured."]],
      ["does_not_exist", [5, "RUNTIME_FUNCTION_NOT_FOUND", 6, "RPC function not found"]],
    ];
    for (const [id, [grpc, name, code, message]] of failures) {
      await assert.rejects(alice.socket.rpc(id, "{}"), (error: unknown) => {
        assert.ok(error instanceof NakamaError);
        assert.equal(error.name, "NakamaError");
        assert.equal(error.grpcCode, grpc);
        assert.equal(error.message, `rpc: ${message} (${name})`);
        assert.deepEqual(error.data, { code, message });
        assert.match(error.cid ?? "", /^\d+$/);
        return true;
      });
    }
    await alice.socket.ping();
    await alice.socket.close();
  });

  it("checks its arguments at once", async () => {
    const [alice] = await players(fake, 1);
    assert.throws(() => alice.socket.rpc(""), /"id"/);
    // deno-lint-ignore no-explicit-any
    assert.throws(() => alice.socket.rpc("echo", "x", { timeoutMs: -1 } as any), /"options.timeoutMs"/);
    // deno-lint-ignore no-explicit-any
    assert.throws(() => alice.socket.rpc("echo", "x", { signal: "no" } as any), /"options.signal"/);
    await alice.socket.close();
  });
});

describe("Socket.on()", () => {
  it("returns an unsubscribe function, idempotent", async () => {
    const [alice] = await players(fake, 1);
    const seen: string[] = [];
    const off = alice.socket.on("notification", (n) => void seen.push(n.subject ?? ""));
    const next = nextEvent(alice.socket, "notification");
    fake.state.notify(alice.userId, { subject: "one", code: 1 });
    await next;
    off();
    off();
    const again = nextEvent(alice.socket, "notification");
    fake.state.notify(alice.userId, { subject: "two", code: 1 });
    await again;
    assert.deepEqual(seen, ["one"]);
    await alice.socket.close();
  });

  it("a listener that throws does not stop the others, and its error is emitted as error", async () => {
    const [alice] = await players(fake, 1);
    const boom = new Error("listener bug");
    alice.socket.on("notification", () => {
      throw boom;
    });
    const errors = nextEvent(alice.socket, "error");
    const delivered = nextEvent(alice.socket, "notification");
    fake.state.notify(alice.userId, { subject: "still delivered", code: 1 });
    assert.equal((await delivered).subject, "still delivered");
    assert.equal(await errors, boom);
    assert.equal(alice.socket.stats.listenerErrors, 1);
    await alice.socket.ping();
    await alice.socket.close();
  });

  it("notifications pushed by REST actions arrive one event each, content as JSON text", async () => {
    const [alice, bob] = await players(fake, 2);
    const request = nextEvent(bob.socket, "notification");
    await alice.client.addFriends(alice.session, { ids: [bob.userId] });
    const n = await request;
    assert.equal(n.code, -2);
    assert.equal(n.sender_id, alice.userId);
    assert.equal(n.persistent, true);
    assert.deepEqual(JSON.parse(n.content!), { username: alice.username });
    const accepted = nextEvent(alice.socket, "notification");
    await bob.client.addFriends(bob.session, { ids: [alice.userId] });
    assert.equal((await accepted).code, -3);
    const viaRpc = nextEvent(bob.socket, "notification");
    await alice.socket.rpc("clientrpc.send_notification", { user_id: bob.userId });
    const rewarded = await viaRpc;
    assert.equal(rewarded.code, 1);
    assert.equal(rewarded.content, '{"reward_coins":1000}');
    await closeAll(alice, bob);
  });
});

describe("Socket.stream()", () => {
  it("iterates events and unsubscribes on break", async () => {
    const [alice] = await players(fake, 1);
    const subjects: string[] = [];
    const loop = (async () => {
      for await (const n of alice.socket.stream("notification")) {
        subjects.push(n.subject ?? "");
        if (subjects.length === 3) break;
      }
    })();
    for (const subject of ["a", "b", "c", "d"]) fake.state.notify(alice.userId, { subject, code: 1 });
    await loop;
    assert.deepEqual(subjects, ["a", "b", "c"]);
    await alice.socket.close();
  });

  it("ends cleanly when the app closes the socket", async () => {
    const [alice] = await players(fake, 1);
    const events: SocketEventMap["matchData"][] = [];
    const loop = (async () => {
      for await (const m of alice.socket.stream("matchData")) events.push(m);
      return "ended";
    })();
    await alice.socket.close();
    assert.equal(await loop, "ended");
    assert.equal(events.length, 0);
  });

  it("stops with the signal's reason when aborted", async () => {
    const [alice] = await players(fake, 1);
    const controller = new AbortController();
    const iterator = alice.socket.stream("notification", { signal: controller.signal });
    const next = iterator.next();
    const reason = new Error("stop");
    controller.abort(reason);
    await assert.rejects(next, (error) => error === reason);
    assert.deepEqual(await iterator.next(), { value: undefined, done: true });
    await alice.socket.close();
  });

  it("keeps a bounded buffer: dropOldest drops and counts, error ends the loop with a RangeError", async () => {
    const [alice] = await players(fake, 1);
    const dropping = alice.socket.stream("notification", { bufferSize: 2 });
    const strict = alice.socket.stream("notification", { bufferSize: 2, overflow: "error" });
    const last = nextEvent(alice.socket, "notification", (n) => n.subject === "4");
    for (const subject of ["1", "2", "3", "4"]) fake.state.notify(alice.userId, { subject, code: 1 });
    await last;
    assert.equal(dropping.dropped, 2);
    assert.deepEqual([(await dropping.next()).value?.subject, (await dropping.next()).value?.subject], ["3", "4"]);
    assert.equal((await strict.next()).value?.subject, "1");
    assert.equal((await strict.next()).value?.subject, "2");
    await assert.rejects(strict.next(), RangeError);
    await dropping.return!();
    await alice.socket.close();
  });

  it("refuses a second loop over the same iterator", async () => {
    const [alice] = await players(fake, 1);
    const iterator = alice.socket.stream("party");
    iterator[Symbol.asyncIterator]();
    assert.throws(() => iterator[Symbol.asyncIterator](), TypeError);
    await alice.socket.close();
  });
});
