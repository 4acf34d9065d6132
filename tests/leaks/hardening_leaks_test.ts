/**
 * Deno-only leak suite for the hardening fault paths (issue 7): every REST, Satori and socket fault of
 * hardening_faults_test.ts and hardening_socket_test.ts, run with Deno's op and resource sanitizers on, so a timer
 * (deadline, backoff, heartbeat, reconnect, close wait), a pending fetch, a response body or a connection left open
 * by a fault path fails the test.
 */
import {
  Client,
  ConnectionClosedError,
  InvalidResponseError,
  NakamaError,
  NetworkError,
  Session,
  type Socket,
  TimeoutError,
} from "../../mod.ts";
import { SatoriClient } from "../../satori.ts";
import { FakeNakama, type Fault } from "../support/fake_nakama/mod.ts";
import { realtimeControl } from "../support/fake_nakama/realtime.ts";
import { FakeSatori } from "../support/fake_satori/mod.ts";
import { startTcpProxy, type TcpProxy } from "../support/tcp_proxy.ts";
import { MemoryWebSocket, offlineToken } from "../support/hardening.ts";

const strict = { sanitizeOps: true, sanitizeResources: true, sanitizeExit: true };
const fast = { baseDelayMs: 1, maxDelayMs: 2, maxRetries: 3, jitter: (ms: number) => ms };

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** A fake Nakama with a TCP proxy in front, both closed whatever happens. */
async function withServer(fn: (fake: FakeNakama, proxy: TcpProxy) => Promise<void>): Promise<void> {
  const fake = await FakeNakama.start();
  const proxy = await startTcpProxy(fake.port);
  try {
    await fn(fake, proxy);
  } finally {
    await proxy.close();
    await fake.close();
  }
}

// ------------------------------------------------------------------ REST

const REST_FAULTS: { name: string; fault: Fault; check(error: unknown): boolean }[] = [
  { name: "a 503 burst", fault: { kind: "status", status: 503, times: 10 }, check: (e) => e instanceof NakamaError },
  { name: "a reset mid-body", fault: { kind: "reset", times: 10 }, check: (e) => e instanceof NetworkError },
  { name: "a slow reply", fault: { kind: "delay", ms: 5_000 }, check: (e) => e instanceof TimeoutError },
  { name: "a truncated body", fault: { kind: "truncate" }, check: (e) => e instanceof InvalidResponseError },
  { name: "invalid JSON", fault: { kind: "invalid-json" }, check: (e) => e instanceof InvalidResponseError },
  { name: "an HTML page", fault: { kind: "html", times: 10 }, check: (e) => e instanceof NakamaError },
];

for (const { name, fault, check } of REST_FAULTS) {
  Deno.test(
    { name: `REST: ${name}, then a healthy call, leaves nothing behind`, ...strict },
    () =>
      withServer(async (fake, proxy) => {
        for (const port of [fake.port, proxy.port]) {
          const client = new Client({ port, retry: fast, timeoutMs: 50 });
          const session = await client.authenticateDevice(`leak-hardening-${crypto.randomUUID()}`);
          fake.injectFault({ ...fault, match: "/v2/account" } as Fault);
          const error = await client.getAccount(session).catch((e) => e);
          assert(check(error), `expected the fault's typed error, got ${error}`);
          fake.clearFaults();
          const account = await client.getAccount(session, { timeoutMs: 5_000 });
          assert(account.user?.id === session.userId, "the client works again");
        }
      }),
  );
}

Deno.test(
  { name: "REST: a retried burst of every fault kind ends in success and leaves nothing behind", ...strict },
  () =>
    withServer(async (fake) => {
      const client = new Client({ port: fake.port, retry: { ...fast, maxRetries: 6 } });
      const session = await client.authenticateDevice(`leak-hardening-${crypto.randomUUID()}`);
      for (const kind of ["reset", "html"] as const) fake.injectFault({ match: "/v2/account", kind });
      fake.injectFault({ match: "/v2/account", kind: "status", status: 503, times: 2 });
      fake.injectFault({ match: "/v2/account", kind: "status", status: 429, headers: { "retry-after": "0" } });
      const account = await client.getAccount(session);
      assert(account.user?.id === session.userId, "success after the retries");
    }),
);

Deno.test(
  { name: "REST: 200 concurrent calls under mixed faults leave nothing behind", ...strict },
  () =>
    withServer(async (fake) => {
      const client = new Client({ port: fake.port, retry: { ...fast, maxRetries: 2 }, timeoutMs: 100 });
      const session = await client.authenticateDevice(`leak-hardening-${crypto.randomUUID()}`);
      for (const { fault } of REST_FAULTS) fake.injectFault({ ...fault, match: "/v2/account", times: 8 } as Fault);
      const results = await Promise.allSettled(Array.from({ length: 200 }, () => client.getAccount(session)));
      for (const result of results) {
        assert(result.status === "fulfilled" || result.reason instanceof NakamaError, `untyped: ${result}`);
      }
    }),
);

Deno.test(
  { name: "REST: a 401 for an expired token and the refresh after it leave nothing behind", ...strict },
  async () => {
    let now = Date.now();
    const fake = await FakeNakama.start({ clock: () => now, tokenExpirySec: 60 });
    try {
      const client = new Client({ port: fake.port, retry: fast, expiredTimespanMs: 0 });
      const session = await client.authenticateDevice(`leak-hardening-${crypto.randomUUID()}`);
      now += 61_000;
      const error = await client.getAccount(session).catch((e) => e);
      assert(error instanceof NakamaError && error.status === 401, `expected a 401, got ${error}`);
      await client.sessionRefresh(session);
      await client.getAccount(session);
    } finally {
      await fake.close();
    }
  },
);

Deno.test(
  { name: "REST: aborts during a slow reply and during a backoff leave nothing behind", ...strict },
  () =>
    withServer(async (fake) => {
      const client = new Client({ port: fake.port, retry: { baseDelayMs: 60_000, maxRetries: 3 } });
      const session = await client.authenticateDevice(`leak-hardening-${crypto.randomUUID()}`);
      for (const fault of [{ kind: "delay", ms: 5_000 }, { kind: "status", status: 503, times: 4 }] as const) {
        fake.injectFault({ match: "/v2/account", ...fault });
        const controller = new AbortController();
        const before = fake.requests.length;
        const call = client.getAccount(session, { signal: controller.signal });
        while (fake.requests.length === before) await new Promise((resolve) => setTimeout(resolve, 1));
        const reason = new Error("stop");
        controller.abort(reason);
        assert(await call.catch((e) => e) === reason, "rejects with the reason");
        fake.clearFaults();
      }
    }),
);

// ------------------------------------------------------------------ Satori

Deno.test(
  { name: "Satori: the event queue across 5xx bursts and a dropped network leaves nothing behind", ...strict },
  async () => {
    const satori = await FakeSatori.start();
    const proxy = await startTcpProxy(satori.port);
    try {
      const client = new SatoriClient({ port: proxy.port, retry: fast });
      const identity = `leak-hardening-${crypto.randomUUID()}`;
      const session = await client.authenticate(identity);
      const queue = client.createEventQueue(session, { maxBatch: 10, flushIntervalMs: 2, timeoutMs: 100 });
      satori.injectFault({ match: "/v1/event", kind: "status", status: 503, times: 6 });
      satori.injectFault({ match: "/v1/event", kind: "reset", stage: "after", times: 2 });
      satori.injectFault({ match: "/v1/event", kind: "delay", ms: 300 });
      for (let i = 0; i < 50; i++) queue.enqueue({ name: "leak", value: String(i) });
      proxy.refuse(true);
      proxy.dropAll();
      for (let i = 50; i < 100; i++) queue.enqueue({ name: "leak", value: String(i) });
      while (proxy.refused === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      proxy.refuse(false);
      for (;;) {
        try {
          await queue.flush();
          break;
        } catch { /* still failing: the events stay queued */ }
      }
      await queue.close();
      assert(satori.state.eventsOf(identity).length === 100, "every event delivered once");
    } finally {
      satori.clearFaults();
      await proxy.close();
      await satori.close();
    }
  },
);

// ------------------------------------------------------------------ sockets

async function connectedSocket(
  port: number,
  options: Parameters<Client["createSocket"]>[0] = {},
): Promise<{ socket: Socket; session: Session }> {
  const client = new Client({ port });
  const session = await client.authenticateDevice(`leak-hardening-${crypto.randomUUID()}`);
  const socket = client.createSocket({ heartbeatIntervalMs: 0, ...options });
  await socket.connect(session);
  return { socket, session };
}

function once(socket: Socket, name: "disconnect" | "reconnected" | "heartbeatTimeout"): Promise<unknown> {
  return new Promise((resolve) => {
    const off = socket.on(name, (event) => {
      off();
      resolve(event);
    });
  });
}

/** Registers "hold", which answers only when released. */
function hold(fake: FakeNakama): () => void {
  let release!: () => void;
  const held = new Promise<string>((resolve) => release = () => resolve("late"));
  fake.registerRpc("hold", () => held);
  return release;
}

for (const code of [1000, 1001, 1005, 1006, 1008, 1009, 1011, 4000]) {
  Deno.test({
    name: `socket: close code ${code} with a pending request, then a reconnect, leaves nothing behind`,
    ...strict,
  }, () =>
    withServer(async (fake, proxy) => {
      const release = hold(fake);
      const { socket, session } = await connectedSocket(proxy.port);
      try {
        const pending = socket.rpc("hold");
        while (realtimeControl(fake.state).received(session.userId).length === 0) {
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        const closed = once(socket, "disconnect");
        if (code === 1006) proxy.dropWebSockets();
        else proxy.closeWebSockets(code === 1005 ? undefined : code, "bye");
        const error = await pending.catch((e) => e);
        assert(error instanceof ConnectionClosedError, `expected ConnectionClosedError, got ${error}`);
        const event = await closed as { code: number };
        assert(event.code === code, `expected code ${code}, got ${event.code}`);
        await socket.connect(session);
        await socket.ping();
      } finally {
        release();
        await socket.close();
      }
    }));
}

Deno.test(
  { name: "socket: 1,000 requests queued at a drop reject at once and leave nothing behind", ...strict },
  () =>
    withServer(async (fake, proxy) => {
      const release = hold(fake);
      const { socket, session } = await connectedSocket(proxy.port, { sendTimeoutMs: 60_000 });
      try {
        const pending = Array.from({ length: 1000 }, (_, i) => socket.rpc("hold", String(i)));
        while (realtimeControl(fake.state).received(session.userId).length < 1000) {
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        proxy.dropWebSockets();
        const results = await Promise.allSettled(pending);
        assert(
          results.every((r) => r.status === "rejected" && r.reason instanceof ConnectionClosedError),
          "all rejected with ConnectionClosedError",
        );
        await socket.connect(session);
        await socket.ping();
      } finally {
        release();
        await socket.close();
      }
    }),
);

Deno.test(
  { name: "socket: a drop with reconnect on, mid-request, leaves nothing behind", ...strict },
  () =>
    withServer(async (fake, proxy) => {
      const release = hold(fake);
      const { socket } = await connectedSocket(proxy.port, { reconnect: { baseDelayMs: 1, maxDelayMs: 2 } });
      try {
        const pending = socket.rpc("hold").catch((e) => e);
        await new Promise((resolve) => setTimeout(resolve, 5));
        const reconnected = once(socket, "reconnected");
        proxy.dropWebSockets();
        assert(await pending instanceof ConnectionClosedError, "the pending request rejected");
        await reconnected;
        await socket.rpc("echo", "x");
      } finally {
        release();
        await socket.close();
      }
    }),
);

Deno.test(
  { name: "socket: a ping with no pong (heartbeat, then reconnect) leaves nothing behind", ...strict },
  () =>
    withServer(async (fake) => {
      const { socket, session } = await connectedSocket(fake.port, {
        heartbeatIntervalMs: 2,
        heartbeatTimeoutMs: 15,
        reconnect: { baseDelayMs: 1, maxDelayMs: 2 },
      });
      try {
        const control = realtimeControl(fake.state);
        const off = socket.on("heartbeatTimeout", () => control.answerPings(true));
        control.answerPings(false, session.userId);
        await once(socket, "reconnected");
        off();
        control.answerPings(false, session.userId);
        const error = await socket.ping({ timeoutMs: 10 }).catch((e) => e);
        assert(error instanceof TimeoutError, `expected TimeoutError, got ${error}`);
        control.answerPings(true);
      } finally {
        await socket.close();
      }
    }),
);

Deno.test({ name: "socket: fuzzed frames over an in-memory WebSocket leave nothing behind", ...strict }, async () => {
  const client = new Client({ fetch: () => Promise.reject(new TypeError("offline")) });
  const socket = client.createSocket({ WebSocket: MemoryWebSocket, heartbeatIntervalMs: 0, sendTimeoutMs: 50 });
  const token = offlineToken();
  await socket.connect(Session.restore(token, token));
  const ws = MemoryWebSocket.last;
  socket.on("error", () => {});
  const pending = socket.rpc("x").catch((e) => e);
  for (const frame of ["{", "[]", '{"match_data":{"data":"!!"}}', '{"cid":"1","error":{"code":"x"}}', "\u0000"]) {
    ws.receive(frame);
  }
  assert(await pending instanceof NakamaError, "the request settled typed");
  const timedOut = await socket.rpc("y").catch((e) => e);
  assert(timedOut instanceof TimeoutError, "a request with no reply times out and clears its timer");
  await socket.close();
});
