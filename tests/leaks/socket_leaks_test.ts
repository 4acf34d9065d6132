/**
 * Deno-only leak suite for the realtime socket: each test runs with Deno's op and resource sanitizers on, so a timer
 * (request timeout, heartbeat, reconnect backoff, close wait), a listener or a WebSocket left behind by a close,
 * drop, timeout, abort or failure path fails the test.
 */
import { Client, ConnectionClosedError, NetworkError, Session, type Socket, TimeoutError } from "../../mod.ts";
import { FakeNakama } from "../support/fake_nakama/mod.ts";
import { realtimeControl } from "../support/fake_nakama/realtime.ts";

const strict = { sanitizeOps: true, sanitizeResources: true, sanitizeExit: true };

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function once<T>(socket: Socket, name: "disconnect" | "reconnecting" | "reconnected" | "heartbeatTimeout"): Promise<T> {
  return new Promise((resolve) => {
    const off = socket.on(name, (event) => {
      off();
      resolve(event as T);
    });
  });
}

/** An RPC that answers only when released; `reached` resolves once the server is running it. */
function hold(fake: FakeNakama, id: string): { reached: Promise<void>; release(): void } {
  let release!: () => void;
  let reach!: () => void;
  const reached = new Promise<void>((resolve) => reach = resolve);
  const answer = new Promise<string>((resolve) => release = () => resolve("late"));
  fake.registerRpc(id, () => {
    reach();
    return answer;
  });
  return { reached, release };
}

type SocketOptions = Parameters<Client["createSocket"]>[0];
type Body = (socket: Socket, fake: FakeNakama, session: Session) => Promise<void>;

async function withSocket(options: SocketOptions, fn: Body): Promise<void> {
  const fake = await FakeNakama.start();
  try {
    const client = new Client({ port: fake.port });
    const session = await client.authenticateDevice(`leak-socket-${crypto.randomUUID()}`);
    const socket = client.createSocket({ heartbeatIntervalMs: 0, ...options });
    try {
      await fn(socket, fake, session);
    } finally {
      await socket.close();
    }
  } finally {
    await fake.close();
  }
}

function connected(options: SocketOptions, fn: Body): Promise<void> {
  return withSocket(options, async (socket, fake, session) => {
    await socket.connect(session);
    await fn(socket, fake, session);
  });
}

Deno.test(
  { name: "socket: connect, requests and close leave nothing behind", ...strict },
  () =>
    connected({}, async (socket) => {
      await socket.ping();
      await socket.rpc("echo", "x");
      await socket.joinChat("leak-room", 1);
    }),
);

Deno.test(
  { name: "socket: a running heartbeat is stopped by close()", ...strict },
  () =>
    connected({ heartbeatIntervalMs: 1, heartbeatTimeoutMs: 1000 }, async (socket) => {
      await socket.ping();
    }),
);

Deno.test(
  { name: "socket: a request timeout clears its timer and its cid entry", ...strict },
  () =>
    connected({}, async (socket, fake) => {
      const held = hold(fake, "leak_held");
      const error = await socket.rpc("leak_held", "", { timeoutMs: 5 }).catch((e) => e);
      assert(error instanceof TimeoutError, `expected TimeoutError, got ${error}`);
      await held.reached;
      held.release();
      await socket.ping();
    }),
);

Deno.test(
  { name: "socket: an aborted request removes its abort listener and timer", ...strict },
  () =>
    connected({}, async (socket, fake) => {
      const held = hold(fake, "leak_abort");
      const controller = new AbortController();
      const pending = socket.rpc("leak_abort", "", { signal: controller.signal });
      await held.reached;
      controller.abort(new Error("stop"));
      const error = await pending.catch((e) => e);
      assert(error instanceof Error && error.message === "stop", `expected the abort reason, got ${error}`);
      held.release();
    }),
);

Deno.test(
  { name: "socket: a server drop rejects pending requests and leaves nothing behind", ...strict },
  () =>
    connected({}, async (socket, fake, { userId }) => {
      const held = hold(fake, "leak_drop");
      const pending = socket.rpc("leak_drop");
      await held.reached;
      const closed = once(socket, "disconnect");
      realtimeControl(fake.state).drop(userId);
      const error = await pending.catch((e) => e);
      assert(error instanceof ConnectionClosedError, `expected ConnectionClosedError, got ${error}`);
      await closed;
      held.release();
    }),
);

Deno.test(
  { name: "socket: a heartbeat timeout closes the dead connection without leaks", ...strict },
  () =>
    connected({ heartbeatIntervalMs: 1, heartbeatTimeoutMs: 10 }, async (socket, fake, { userId }) => {
      realtimeControl(fake.state).answerPings(false, userId);
      await once(socket, "disconnect");
    }),
);

Deno.test(
  { name: "socket: close() during a reconnect wait clears the backoff timer", ...strict },
  () =>
    connected({ reconnect: { baseDelayMs: 60_000, maxDelayMs: 60_000 } }, async (socket, fake, { userId }) => {
      const waiting = once(socket, "reconnecting");
      realtimeControl(fake.state).drop(userId);
      await waiting;
    }),
);

Deno.test(
  { name: "socket: a completed reconnect leaves nothing behind", ...strict },
  () =>
    connected({ reconnect: { baseDelayMs: 1, maxDelayMs: 1 } }, async (socket, fake, { userId }) => {
      await socket.joinChat("leak-reconnect-room", 1);
      const reconnected = once(socket, "reconnected");
      realtimeControl(fake.state).drop(userId);
      await reconnected;
      await socket.ping();
    }),
);

Deno.test(
  { name: "socket: a refused connect leaves nothing behind", ...strict },
  () =>
    withSocket({}, async (socket, fake, { userId }) => {
      const expired = await fake.mintToken(userId, { expiresInSec: -60 });
      const error = await socket.connect(Session.restore(expired)).catch((e) => e);
      assert(error instanceof NetworkError, `expected NetworkError, got ${error}`);
    }),
);

Deno.test(
  { name: "socket: iterators are released by abort and by close", ...strict },
  () =>
    connected({}, async (socket) => {
      const controller = new AbortController();
      const aborted = socket.stream("matchData", { signal: controller.signal });
      const pending = aborted.next();
      controller.abort(new Error("done"));
      await pending.catch(() => {});
      const open = socket.stream("notification");
      const next = open.next();
      await socket.close();
      const result = await next;
      assert(result.done === true, "close() ends the loop");
    }),
);
