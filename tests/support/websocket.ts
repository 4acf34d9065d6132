/**
 * Sockets in tests: the WebSocket constructor option (the `ws` package's on Node 20, which has no global one), a
 * helper that signs up and connects players against a fake server, and event waiters that fail loudly instead of
 * hanging.
 * @module
 */

import { Client, type Session, type Socket, type SocketEventMap, type SocketOptions } from "../../mod.ts";
import type { FakeNakama } from "./fake_nakama/mod.ts";
import { realtimeControl } from "./fake_nakama/realtime.ts";

/**
 * Socket options for this runtime: `options` plus, where there is no global WebSocket (Node 20), the `ws` package's.
 * @example Options with a fast heartbeat
 * ```ts
 * const socket = client.createSocket(await socketOptions({ heartbeatIntervalMs: 20 }));
 * ```
 */
export async function socketOptions(options: SocketOptions = {}): Promise<SocketOptions> {
  if (options.WebSocket !== undefined || typeof globalThis.WebSocket === "function") return options;
  const ws = await import("ws");
  return { ...options, WebSocket: ws.WebSocket as unknown as SocketOptions["WebSocket"] };
}

/** A signed-up user with a client, a session and a socket. */
export interface Player {
  client: Client;
  session: Session;
  socket: Socket;
  userId: string;
  username: string;
}

let counter = 0;

/**
 * Signs up `count` users on the fake (over REST) and gives each a socket; connects them unless `connect` is false.
 * The heartbeat is off unless the options turn it on, so tests see only the frames they cause.
 * @example Two connected players
 * ```ts
 * const [alice, bob] = await players(fake, 2);
 * ```
 */
export async function players(
  fake: FakeNakama,
  count: number,
  options: SocketOptions & { connect?: boolean; appearOnline?: boolean; names?: string[] } = {},
): Promise<Player[]> {
  const { connect = true, appearOnline = false, names, ...rest } = options;
  const out: Player[] = [];
  for (let i = 0; i < count; i++) {
    const client = new Client({ port: fake.port });
    const n = ++counter;
    const username = names?.[i] ?? `player${n}_${Math.random().toString(36).slice(2, 8)}`;
    const session = await client.authenticateDevice(`socket-test-device-${n}-${Date.now()}`, {
      create: true,
      username,
    });
    const socket = client.createSocket(await socketOptions({ heartbeatIntervalMs: 0, ...rest }));
    if (connect) await socket.connect(session, { appearOnline });
    out.push({ client, session, socket, userId: session.userId, username });
  }
  return out;
}

/**
 * Closes every player's socket (what each test must do before it ends).
 * @example Clean up
 * ```ts
 * await closeAll(alice, bob);
 * ```
 */
export async function closeAll(...list: Array<Player | Socket>): Promise<void> {
  await Promise.all(list.map((p) => ("socket" in p ? p.socket : p).close()));
}

/** How long a waiter waits before failing the test, instead of hanging it. Never reached by a passing test. */
const GUARD_MS = 5000;

/**
 * The next event `name` that satisfies `filter`. Rejects after a guard time so a missing event fails the test.
 * @example Wait for a chat message
 * ```ts
 * const message = await nextEvent(bob.socket, "channelMessage", (m) => m.sender_id === alice.userId);
 * ```
 */
export function nextEvent<K extends keyof SocketEventMap>(
  socket: Socket,
  name: K,
  filter: (event: SocketEventMap[K]) => boolean = () => true,
): Promise<SocketEventMap[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`No "${name}" event arrived within ${GUARD_MS} ms`));
    }, GUARD_MS);
    const off = socket.on(name, (event) => {
      if (!filter(event)) return;
      clearTimeout(timer);
      off();
      resolve(event);
    });
  });
}

/**
 * Records every event `name` from now on; `stop()` unsubscribes.
 * @example Collect presence events
 * ```ts
 * const seen = record(alice.socket, "matchPresence");
 * // ...
 * seen.stop();
 * ```
 */
export function record<K extends keyof SocketEventMap>(
  socket: Socket,
  name: K,
): { events: SocketEventMap[K][]; stop(): void } {
  const events: SocketEventMap[K][] = [];
  const stop = socket.on(name, (event) => void events.push(event));
  return { events, stop };
}

/**
 * Resolves once the fake has noticed that a user's sockets closed (its close handling can trail the client's by a
 * moment). Polls every millisecond, for at most the guard time.
 * @example After closing a socket
 * ```ts
 * await alice.socket.close();
 * await serverForgets(fake, alice.userId);
 * ```
 */
export async function serverForgets(fake: FakeNakama, userId: string): Promise<void> {
  for (let waited = 0; realtimeControl(fake.state).sessions(userId).length > 0; waited++) {
    if (waited > GUARD_MS) throw new Error(`The fake still has a socket of ${userId} after ${GUARD_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
