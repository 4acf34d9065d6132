/**
 * Hardening (issue 7), realtime socket: a connection that drops in the middle of a request, a server close with
 * each close code, a ping that never gets its pong, and 1,000 requests queued when the connection drops. After each,
 * every pending promise settles with a typed error (ConnectionClosedError, TimeoutError), nothing hangs (waits run
 * under AbortSignal guards), and the same socket object connects and works again once the server is healthy.
 *
 * Close codes the server side cannot send on every runtime (1005: an empty close frame; 1006: a TCP drop with no
 * close frame, which Deno's WebSocket server cannot do) come from a TCP proxy in front of the fake
 * (support/tcp_proxy.ts); the others are sent both by the fake's own `closeSockets` hook and through the proxy.
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  Client,
  ConnectionClosedError,
  NetworkError,
  Session,
  type Socket,
  type SocketEventMap,
  TimeoutError,
} from "../mod.ts";
import { FakeNakama } from "./support/fake_nakama/mod.ts";
import { realtimeControl } from "./support/fake_nakama/realtime.ts";
import { startTcpProxy, type TcpProxy } from "./support/tcp_proxy.ts";
import { socketOptions } from "./support/websocket.ts";
import { allSettledOrAbort, guarded, isTyped, until } from "./support/hardening.ts";

type SocketOptions = Parameters<Client["createSocket"]>[0];

let fake: FakeNakama;
let proxy: TcpProxy;
let release!: () => void;
before(async () => {
  fake = await FakeNakama.start();
  proxy = await startTcpProxy(fake.port);
  // "hold" answers only at the end of the file: requests queued behind it stay pending on the server (which handles
  // each socket's frames in order) for as long as a test needs.
  const held = new Promise<string>((resolve) => release = () => resolve("released"));
  fake.registerRpc("hold", () => held);
});
after(async () => {
  release();
  await proxy.close();
  await fake.close();
});

interface Player {
  client: Client;
  session: Session;
  socket: Socket;
}

/** A user with a connected socket, reaching the server directly or (via: "proxy") through the TCP proxy. */
async function player(via: "direct" | "proxy" = "direct", options: SocketOptions = {}): Promise<Player> {
  const client = new Client({ port: via === "proxy" ? proxy.port : fake.port });
  const session = await client.authenticateDevice(`hardening-socket-${crypto.randomUUID()}`);
  const socket = client.createSocket(await socketOptions({ heartbeatIntervalMs: 0, ...options }));
  await socket.connect(session);
  return { client, session, socket };
}

/** The next `name` event, or a HungError through the guard's signal. */
function next<K extends keyof SocketEventMap>(
  socket: Socket,
  name: K,
  signal: AbortSignal,
): Promise<SocketEventMap[K]> {
  return new Promise((resolve, reject) => {
    const off = socket.on(name, (event) => {
      signal.removeEventListener("abort", onAbort);
      off();
      resolve(event);
    });
    const onAbort = () => {
      off();
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Requests held by the server until the connection goes: an RPC and a chat join queued behind it. */
async function pendingRequests(p: Player, count = 2): Promise<Promise<unknown>[]> {
  const received = () => realtimeControl(fake.state).received(p.session.userId).length;
  const before = received();
  const pending: Promise<unknown>[] = [p.socket.rpc("hold", "x")];
  for (let i = 1; i < count; i++) {
    pending.push(i % 2 === 0 ? p.socket.rpc("hold", String(i)) : p.socket.joinChat(`held-room-${i}`, 1));
  }
  for (const promise of pending) promise.catch(() => {});
  await until(() => received() - before >= count, "the server received the requests");
  return pending;
}

/** After a fault: every pending request rejected with a ConnectionClosedError naming the close code. */
async function assertClosed(pending: Promise<unknown>[], code: number, signal: AbortSignal): Promise<void> {
  const results = await allSettledOrAbort(pending, signal);
  for (const result of results) {
    assert.equal(result.status, "rejected");
    const error = (result as PromiseRejectedResult).reason;
    assert.ok(error instanceof ConnectionClosedError && isTyped(error), String(error));
    assert.match(error.message, new RegExp(`closed \\(code ${code}[:)]`));
  }
}

/** The same socket connects again and works: a round trip and an RPC. */
async function assertWorksAgain(p: Player): Promise<void> {
  await guarded(async (signal) => {
    await p.socket.connect(p.session, { signal });
    await p.socket.ping({ signal });
    assert.equal((await p.socket.rpc("echo", "again", { signal })).payload, "again");
  });
  await p.socket.close();
}

describe("Socket hardening: the connection drops in the middle of a request", () => {
  it("a TCP drop with no close frame (1006) rejects every pending request; the socket then reconnects", async () => {
    const p = await player("proxy");
    const pending = await pendingRequests(p, 3);
    await guarded(async (signal) => {
      const disconnected = next(p.socket, "disconnect", signal);
      assert.equal(proxy.dropWebSockets(), 1);
      await assertClosed(pending, 1006, signal);
      assert.deepEqual(await disconnected, { code: 1006, reason: "", byApp: false });
    });
    assert.equal(p.socket.state, "closed");
    await assert.rejects(p.socket.ping(), ConnectionClosedError);
    await assertWorksAgain(p);
  });

  it("the fake's own drop rejects every pending request; the socket then reconnects", async () => {
    const p = await player();
    const pending = await pendingRequests(p, 3);
    await guarded(async (signal) => {
      const disconnected = next(p.socket, "disconnect", signal);
      realtimeControl(fake.state).drop(p.session.userId);
      const event = await disconnected;
      await assertClosed(pending, event.code, signal);
    });
    await assertWorksAgain(p);
  });

  it("with reconnect on, pending requests reject at the drop and new ones work after the reconnect", async () => {
    const p = await player("proxy", { reconnect: { baseDelayMs: 1, maxDelayMs: 2 } });
    const pending = await pendingRequests(p, 2);
    await guarded(async (signal) => {
      const reconnected = next(p.socket, "reconnected", signal);
      proxy.dropWebSockets();
      await assertClosed(pending, 1006, signal);
      await reconnected;
      await p.socket.ping({ signal });
      assert.equal((await p.socket.rpc("echo", "after", { signal })).payload, "after");
    });
    await p.socket.close();
  });
});

/** Every close code of the issue, with how a client sees it. */
const CODES = [1000, 1001, 1005, 1006, 1008, 1009, 1011, 4000];

describe("Socket hardening: a server close with each close code", () => {
  for (const code of CODES) {
    it(`close code ${code} (through the proxy) rejects pending requests and reaches disconnect`, async () => {
      const p = await player("proxy");
      const pending = await pendingRequests(p);
      await guarded(async (signal) => {
        const disconnected = next(p.socket, "disconnect", signal);
        if (code === 1006) proxy.dropWebSockets();
        else proxy.closeWebSockets(code === 1005 ? undefined : code, code === 1005 ? "" : `bye ${code}`);
        await assertClosed(pending, code, signal);
        const reason = code === 1005 || code === 1006 ? "" : `bye ${code}`;
        assert.deepEqual(await disconnected, { code, reason, byApp: false });
      });
      await assertWorksAgain(p);
    });
  }

  for (const code of CODES.filter((c) => c !== 1005 && c !== 1006)) {
    it(`close code ${code} sent by the fake server itself`, async () => {
      const p = await player();
      const pending = await pendingRequests(p);
      await guarded(async (signal) => {
        const disconnected = next(p.socket, "disconnect", signal);
        realtimeControl(fake.state).closeSockets(code, "server says no", p.session.userId);
        await assertClosed(pending, code, signal);
        assert.deepEqual(await disconnected, { code, reason: "server says no", byApp: false });
      });
      await assertWorksAgain(p);
    });
  }

  it("a frame over the server's 4096-byte limit is closed with 1009, as Nakama does; the request rejects", async () => {
    const p = await player();
    await guarded(async (signal) => {
      const disconnected = next(p.socket, "disconnect", signal);
      await assert.rejects(p.socket.rpc("echo", "x".repeat(5000), { signal }), (error: unknown) => {
        assert.ok(error instanceof ConnectionClosedError, String(error));
        assert.match(error.message, /code 1009/);
        return true;
      });
      assert.equal((await disconnected).code, 1009);
    });
    await assertWorksAgain(p);
  });

  it("with reconnect on, a 1011 close is followed by a reconnect and working requests", async () => {
    const p = await player("proxy", { reconnect: { baseDelayMs: 1, maxDelayMs: 2 } });
    const pending = await pendingRequests(p);
    await guarded(async (signal) => {
      const reconnected = next(p.socket, "reconnected", signal);
      proxy.closeWebSockets(1011, "internal error");
      await assertClosed(pending, 1011, signal);
      await reconnected;
      await p.socket.ping({ signal });
    });
    await p.socket.close();
  });
});

describe("Socket hardening: a ping that never gets its pong", () => {
  it("the heartbeat declares the connection dead (4000) and rejects pending requests; it works again after", async () => {
    const p = await player("direct", { heartbeatIntervalMs: 5, heartbeatTimeoutMs: 25 });
    const control = realtimeControl(fake.state);
    control.answerPings(false, p.session.userId);
    const held = p.socket.rpc("hold", "y");
    held.catch(() => {});
    await guarded(async (signal) => {
      const timedOut = next(p.socket, "heartbeatTimeout", signal);
      const disconnected = next(p.socket, "disconnect", signal);
      assert.deepEqual(await timedOut, { timeoutMs: 25 });
      const event = await disconnected;
      assert.equal(event.code, 4000);
      assert.match(event.reason, /no pong within 25 ms/);
      await assertClosed([held], 4000, signal);
    });
    control.answerPings(true);
    await assertWorksAgain(p);
  });

  it("ping() with no pong rejects with TimeoutError, and the connection stays usable", async () => {
    const p = await player();
    const control = realtimeControl(fake.state);
    control.answerPings(false, p.session.userId);
    await assert.rejects(p.socket.ping({ timeoutMs: 20 }), (error: unknown) => {
      assert.ok(error instanceof TimeoutError && isTyped(error), String(error));
      return true;
    });
    assert.equal(p.socket.state, "open");
    control.answerPings(true, p.session.userId);
    await guarded((signal) => p.socket.ping({ signal }));
    assert.equal((await p.socket.rpc("echo", "still here")).payload, "still here");
    await p.socket.close();
  });

  it("with reconnect on, a heartbeat timeout is followed by a reconnect and a live heartbeat", async () => {
    const p = await player("direct", {
      heartbeatIntervalMs: 5,
      heartbeatTimeoutMs: 25,
      reconnect: { baseDelayMs: 1, maxDelayMs: 2 },
    });
    const control = realtimeControl(fake.state);
    // Pongs resume as soon as the dead connection is declared, so the new connection is healthy.
    const off = p.socket.on("heartbeatTimeout", () => control.answerPings(true));
    control.answerPings(false, p.session.userId);
    await guarded(async (signal) => {
      await next(p.socket, "reconnected", signal);
      await p.socket.ping({ signal });
    });
    off();
    assert.equal(p.socket.state, "open");
    await p.socket.close();
  });
});

describe("Socket hardening: 1,000 requests queued when the connection drops", () => {
  for (const how of ["a TCP drop (proxy)", "the fake's drop", "a 1011 close", "the app's close()"] as const) {
    it(`all 1,000 reject with ConnectionClosedError at once on ${how}; the socket then works`, async () => {
      const p = await player(how === "a TCP drop (proxy)" || how === "a 1011 close" ? "proxy" : "direct");
      const received = () => realtimeControl(fake.state).received(p.session.userId).length;
      const before = received();
      const errors: unknown[] = [];
      const pending = Array.from({ length: 1000 }, (_, i) => {
        const promise = p.socket.rpc("hold", String(i), { timeoutMs: 0 });
        promise.catch((error) => errors.push(error));
        return promise;
      });
      await until(() => received() - before >= 1000, "the server received 1,000 requests");
      assert.equal(errors.length, 0, "nothing settled before the drop");
      await guarded(async (signal) => {
        if (how === "the app's close()") {
          const closing = p.socket.close();
          // close() rejects them synchronously; the rejections are observed on the next microtasks.
          await Promise.resolve();
          assert.equal(errors.length, 1000, "every request rejected at once");
          await closing;
        } else {
          const disconnected = next(p.socket, "disconnect", signal);
          if (how === "a TCP drop (proxy)") proxy.dropWebSockets();
          else if (how === "a 1011 close") proxy.closeWebSockets(1011, "overloaded");
          else realtimeControl(fake.state).drop(p.session.userId);
          await disconnected;
          // The requests were rejected before `disconnect` was emitted, in the same turn: no timer, no waiting.
          assert.equal(errors.length, 1000, "every request rejected by the time disconnect is emitted");
        }
        const results = await allSettledOrAbort(pending, signal);
        assert.equal(results.filter((r) => r.status === "rejected").length, 1000);
      });
      assert.ok(errors.every((e) => e instanceof ConnectionClosedError && isTyped(e)));
      const cids = new Set(errors.map((e) => (e as ConnectionClosedError).cid));
      assert.equal(cids.size, 1000, "each request its own cid");
      await assertWorksAgain(p);
    });
  }
});

describe("Socket hardening: connecting to an unhealthy server", () => {
  it("a refused upgrade (expired token) is a NetworkError without the token; a fresh session then connects", async () => {
    const p = await player();
    await p.socket.close();
    const expired = Session.restore(await fake.mintToken(p.session.userId, { expiresInSec: -60 }));
    const error = await guarded((signal) => p.socket.connect(expired, { signal })).catch((e) => e);
    assert.ok(error instanceof NetworkError && isTyped(error), String(error));
    assert.ok(!error.message.includes(expired.token));
    assert.equal(p.socket.state, "closed");
    await assertWorksAgain(p);
  });
});
