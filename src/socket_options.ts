/**
 * The options of the realtime socket and of each of its requests, as plain data.
 * @module
 */

import type { OverflowPolicy } from "./internal/async_queue.ts";
import type { Logger } from "./logger.ts";
import type { Session } from "./session.ts";
import type { ReconnectOptions } from "./socket_reconnect.ts";
import type { WebSocketConstructor } from "./socket_transport.ts";
import type { UserPresence } from "./socket_types.ts";

/**
 * Options of {@link Client.createSocket}. Every field is optional.
 *
 * @example A socket on Node 20, with a fast heartbeat and reconnect
 * ```ts
 * import { WebSocket } from "ws";
 * const socket = client.createSocket({
 *   WebSocket,
 *   heartbeatIntervalMs: 5000,
 *   heartbeatTimeoutMs: 3000,
 *   reconnect: { maxAttempts: 20 },
 * });
 * ```
 */
export interface SocketOptions {
  /**
   * The WebSocket constructor. Default `globalThis.WebSocket`, read when connecting. Node 20 has none: pass
   * `WebSocket` from the `ws` package. Nothing is ever installed globally.
   */
  WebSocket?: WebSocketConstructor;
  /** How long a request waits for its reply, in ms; 0 waits forever. A call's `timeoutMs` overrides it. Default 10 000. */
  sendTimeoutMs?: number;
  /** How long `connect()` waits for the connection, in ms; 0 waits forever. Default 30 000. */
  connectTimeoutMs?: number;
  /** Time between heartbeat pings, in ms; 0 turns the heartbeat off. Default 10 000. */
  heartbeatIntervalMs?: number;
  /**
   * How long a heartbeat ping waits for its pong before the connection is declared dead, in ms; 0 waits forever
   * (pings are still sent, which keeps idle connections open through proxies). Default 10 000.
   */
  heartbeatTimeoutMs?: number;
  /** Reconnect after the connection drops: `true` for the defaults, or a policy. Default off. */
  reconnect?: boolean | ReconnectOptions;
  /** Diagnostics sink; default the client's logger (silent unless set). */
  logger?: Logger;
  /**
   * Record where each request was made, so the error of a request that fails (timeout, refusal, lost connection)
   * has the stack of the app's call rather than of the socket's message handler. Default true. The record is an
   * `Error` made per request, and capturing its stack is most of the socket's own work per request on V8 (Node,
   * Deno, Chromium): several microseconds, more inside `await` chains, plus the garbage. Turn it off for sockets
   * that send many requests per second; errors then carry the stack of the place that rejected them.
   */
  asyncStackTraces?: boolean;
}

/**
 * What a socket needs from the client that creates it. {@link Client.createSocket} fills it in; build one yourself
 * only to use a socket without a client.
 *
 * @example A socket without a client
 * ```ts
 * import { Socket } from "@nakama-ts/sdk";
 * const socket = new Socket({ baseUrl: "http://127.0.0.1:7350" });
 * ```
 */
export interface SocketHost {
  /** The server's HTTP base URL; the socket uses `ws:`/`wss:` on the same host and port. */
  baseUrl: string;
  /** The default logger. */
  logger?: Logger;
  /** Refreshes the session in place when it is about to expire (called before every connect and reconnect). */
  prepareSession?: (session: Session, signal: AbortSignal | undefined) => Promise<void>;
}

/**
 * Options every socket request takes as its last argument.
 *
 * @example Giving up after 2 seconds, or on demand
 * ```ts
 * const controller = new AbortController();
 * const reply = await socket.rpc("echo", "hi", { timeoutMs: 2000, signal: controller.signal });
 * ```
 */
export interface SocketCallOptions {
  /** Ends the wait at once; the call rejects with the signal's reason. */
  signal?: AbortSignal;
  /** How long to wait for the reply, in ms (0 = forever). Default the socket's `sendTimeoutMs`. */
  timeoutMs?: number;
}

/**
 * Options of {@link Socket.connect}.
 *
 * @example Appear online in German
 * ```ts
 * await socket.connect(session, { appearOnline: true, langTag: "de" });
 * ```
 */
export interface SocketConnectOptions {
  /** Appear online to followers at once (status presence with an empty status). Default false. */
  appearOnline?: boolean;
  /** The session's language tag. Default `"en"`. */
  langTag?: string;
  /** Ends the attempt at once; `connect` rejects with the signal's reason. */
  signal?: AbortSignal;
  /** How long to wait for the connection, in ms. Default the socket's `connectTimeoutMs`. */
  timeoutMs?: number;
}

/**
 * Options of {@link Socket.joinChat}.
 *
 * @example A hidden, unrecorded room
 * ```ts
 * await socket.joinChat("spectators", ChannelType.Room, { persistence: false, hidden: true });
 * ```
 */
export interface JoinChatOptions extends SocketCallOptions {
  /** Store this session's messages in the channel history. The server's default is true. */
  persistence?: boolean;
  /** Stay out of presence lists and events. Default false. */
  hidden?: boolean;
}

/**
 * Options of {@link Socket.joinMatch}.
 *
 * @example Passing join metadata to an authoritative match
 * ```ts
 * await socket.joinMatch(matchId, { metadata: { team: "red" } });
 * ```
 */
export interface JoinMatchOptions extends SocketCallOptions {
  /** Strings given to an authoritative match's join-attempt handler. */
  metadata?: Record<string, string>;
}

/**
 * Options of {@link Socket.sendMatchState}.
 *
 * @example Sending to one player only
 * ```ts
 * await socket.sendMatchState(matchId, 3, "psst", { presences: [opponent], reliable: true });
 * ```
 */
export interface SendMatchStateOptions {
  /** Only these sessions receive the data (relayed matches). Default: everyone but the sender. */
  presences?: UserPresence[];
  /** Ask for reliable delivery (forwarded to receivers). */
  reliable?: boolean;
  /** Checked before sending. */
  signal?: AbortSignal;
}

/**
 * Options of {@link Socket.addMatchmaker} and {@link Socket.addMatchmakerParty}.
 *
 * @example Matching players of one region
 * ```ts
 * await socket.addMatchmaker("+properties.region:eu", 2, 4, { stringProperties: { region: "eu" } });
 * ```
 */
export interface MatchmakerOptions extends SocketCallOptions {
  /** This ticket's string properties, searchable by other tickets' queries. */
  stringProperties?: Record<string, string>;
  /** This ticket's numeric properties. */
  numericProperties?: Record<string, number>;
  /** The match size must be a multiple of this. */
  countMultiple?: number;
}

/**
 * Options of {@link Socket.followUsers}.
 *
 * @example Following by username
 * ```ts
 * await socket.followUsers([], { usernames: ["alice"] });
 * ```
 */
export interface FollowUsersOptions extends SocketCallOptions {
  /** Users to follow by username, besides the ids. */
  usernames?: string[];
}

/**
 * Options of {@link Socket.createParty} and {@link Socket.updateParty}.
 *
 * @example A labelled, hidden party
 * ```ts
 * await socket.createParty(true, 4, { label: JSON.stringify({ mode: "duo" }), hidden: true });
 * ```
 */
export interface PartyOptions extends SocketCallOptions {
  /** JSON object text used by party listing. */
  label?: string;
  /** Keep the party out of listings. */
  hidden?: boolean;
}

/**
 * Options of {@link Socket.stream}.
 *
 * @example A bounded stream that stops with a signal
 * ```ts
 * const controller = new AbortController();
 * for await (const m of socket.stream("matchData", { signal: controller.signal, bufferSize: 64 })) {
 *   console.log(m.op_code);
 * }
 * ```
 */
export interface StreamOptions {
  /** Ends the loop: the pending iteration rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Most events kept while the loop is busy. Default 1024. */
  bufferSize?: number;
  /** What a full buffer does: drop the oldest event (default) or end the loop with a `RangeError`. */
  overflow?: OverflowPolicy;
}

/**
 * Where a socket is in its life.
 *
 * @example Sending only when open
 * ```ts
 * if (socket.state === "open") await socket.sendMatchState(matchId, 1, "tick");
 * ```
 */
export type SocketState = "idle" | "connecting" | "open" | "reconnecting" | "closed";

/**
 * Counters for diagnostics.
 *
 * @example Watching for late replies
 * ```ts
 * console.log(socket.stats.unmatchedReplies);
 * ```
 */
export interface SocketStats {
  /** Replies whose request had already ended (timed out or aborted). */
  readonly unmatchedReplies: number;
  /** Envelopes of kinds this SDK does not know (emitted as `unknown`). */
  readonly unknownMessages: number;
  /** Frames that could not be decoded (emitted as `error`). */
  readonly invalidFrames: number;
  /** Exceptions thrown by listeners (emitted as `error`). */
  readonly listenerErrors: number;
}
