/**
 * The realtime socket: every request of the Nakama realtime protocol as a method that returns its correlated reply,
 * every server push as a typed event, a heartbeat, and an opt-in reconnect that restores chat and status.
 *
 * Requests are correlated by `cid` in one map. Every entry leaves the map on its reply, its timeout, its abort, and
 * when the connection closes; the error of a failed request carries the stack of the call that made it.
 * @module
 */

import { disposeWithClose } from "./internal/dispose.ts";
import { Emitter, type ListenerErrorHandler } from "./internal/emitter.ts";
import { AsyncQueue } from "./internal/async_queue.ts";
import { type Deadline, deadline } from "./internal/deadline.ts";
import { MAX_TIMER_MS } from "./internal/delay.ts";
import {
  ConnectionClosedError,
  invalidArgument,
  InvalidResponseError,
  NakamaError,
  NetworkError,
  SessionExpiredError,
  TimeoutError,
} from "./errors.ts";
import { checkTimeout } from "./http.ts";
import { type Logger, silentLogger } from "./logger.ts";
import {
  chatContent,
  checkInteger,
  checkSignal,
  checkString,
  checkStrings,
  matchmakerBody,
  missingWebSocket,
  presenceToWire,
  stringMap,
} from "./socket_args.ts";
import type {
  FollowUsersOptions,
  JoinChatOptions,
  JoinMatchOptions,
  MatchmakerOptions,
  PartyOptions,
  SendMatchStateOptions,
  SocketCallOptions,
  SocketConnectOptions,
  SocketHost,
  SocketOptions,
  SocketState,
  SocketStats,
  StreamOptions,
} from "./socket_options.ts";
import { Session } from "./session.ts";
import { reconnectLoop, type ResolvedReconnect, resolveReconnect } from "./socket_reconnect.ts";
import { redact, type TransportSink, type WebSocketConstructor, WebSocketTransport } from "./socket_transport.ts";
import { type MatchPayload, opCodeToWire, payloadFromWire, payloadToWire } from "./socket_data.ts";
import type { ApiRpc, Int64Input } from "./types.ts";
import type { DisconnectEvent, ReconnectedEvent, SocketEventMap } from "./socket_events.ts";
import type {
  Channel,
  ChannelMessageAck,
  ChannelTypeValue,
  Match,
  MatchmakerTicket,
  Party,
  PartyJoinRequest,
  PartyMatchmakerTicket,
  Status,
  UserPresence,
} from "./socket_types.ts";

export type {
  FollowUsersOptions,
  JoinChatOptions,
  JoinMatchOptions,
  MatchmakerOptions,
  PartyOptions,
  SendMatchStateOptions,
  SocketCallOptions,
  SocketConnectOptions,
  SocketHost,
  SocketOptions,
  SocketState,
  SocketStats,
  StreamOptions,
};

// ------------------------------------------------------------------ internals

interface Pending {
  readonly key: string;
  /** Made at call time for the error's stack (`asyncStackTraces`). */
  readonly site: Error | undefined;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  /** When the request times out, on the {@link now} clock; Infinity for never. */
  readonly deadline: number;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/** What the transports and the emitter call back into: see `Socket.#Link`. */
interface Link extends TransportSink, ListenerErrorHandler {}

/** The mutable form of {@link SocketStats}. */
type Counters = { -readonly [K in keyof SocketStats]: SocketStats[K] };

function zeroCounters(): Counters {
  return { unmatchedReplies: 0, unknownMessages: 0, invalidFrames: 0, listenerErrors: 0 };
}

/** A connection attempt in progress; dropped as soon as it settles, so nothing of it outlives the connect. */
interface Opening {
  transport: WebSocketTransport | undefined;
  settled: boolean;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly deadline: Deadline;
  readonly onAbort: () => void;
}

/** Monotonic milliseconds for request deadlines and the heartbeat: a wall clock that jumps must not move them. */
function now(): number {
  return typeof performance === "undefined" ? Date.now() : performance.now();
}

interface ChatJoin {
  target: string;
  type: number;
  persistence?: boolean;
  hidden?: boolean;
}

/** How long `close()` waits for the closing handshake before it lets go of the WebSocket. */
const CLOSE_WAIT_MS = 3000;

/** Realtime error codes and the gRPC code with the same meaning (REST reports the same failures with these). */
const SOCKET_ERROR_NAMES = [
  "RUNTIME_EXCEPTION",
  "UNRECOGNIZED_PAYLOAD",
  "MISSING_PAYLOAD",
  "BAD_INPUT",
  "MATCH_NOT_FOUND",
  "MATCH_JOIN_REJECTED",
  "RUNTIME_FUNCTION_NOT_FOUND",
  "RUNTIME_FUNCTION_EXCEPTION",
];
const SOCKET_TO_GRPC = [13, 12, 3, 3, 5, 7, 5, 13];

/** Gives an error the stack of the call that started the request, so it points at the app's code. */
function withCallSite<E extends Error>(error: E, site: Error | undefined): E {
  const stack = site?.stack;
  if (typeof stack === "string") {
    const lines = stack.split("\n");
    if (/^\w*Error\b/.test(lines[0])) lines.shift();
    try {
      error.stack = `${error.name}: ${error.message}\n${lines.join("\n")}`;
    } catch { /* a frozen or accessor-only stack: keep the original */ }
  }
  return error;
}

/** The error a socket error envelope means. Realtime codes are mapped to gRPC codes; `data` keeps the original. */
function serverError(key: string, error: Record<string, unknown>, cid: string | undefined): NakamaError {
  const code = typeof error.code === "number" ? error.code : 0;
  const message = typeof error.message === "string" ? error.message : "";
  const name = SOCKET_ERROR_NAMES[code] ?? `code ${code}`;
  return new NakamaError(`${key}: ${message || "the server refused the request"} (${name})`, {
    grpcCode: SOCKET_TO_GRPC[code] ?? 2,
    cid,
    data: { ...error, code },
  });
}

// ------------------------------------------------------------------ the socket

/**
 * Whether `await using socket = …` works yet: the first socket attaches `Symbol.asyncDispose` to the prototype. A
 * call at the top of this module would keep the whole class in every bundle, and marked pure it is dropped, with
 * the method, by bundlers and by Bun's transpiler.
 */
let disposable = false;

/**
 * A realtime connection to Nakama. Create it with {@link Client.createSocket}, then `connect` with a session.
 * Every request method returns a promise of its reply and accepts `{ signal, timeoutMs }` last; every server push
 * is an event (see {@link SocketEventMap}) that `on()` subscribes to and `stream()` iterates.
 *
 * @example Chat in a room
 * ```ts
 * import { ChannelType, Client } from "@nakama-ts/sdk";
 * const client = new Client();
 * const session = await client.authenticateDevice("device-id-0001");
 * const socket = client.createSocket();
 * socket.on("channelMessage", (m) => console.log(`${m.username}: ${m.content}`));
 * await socket.connect(session, { appearOnline: true });
 * const channel = await socket.joinChat("lobby", ChannelType.Room);
 * await socket.writeChatMessage(channel.id, { text: "hello" });
 * await socket.close();
 * ```
 */
export class Socket {
  /**
   * The receiver of every transport's events and of what listeners throw: one small object per socket, whose
   * methods sit on this class's prototype and reach the socket's private members. Closures made for each socket
   * would cost it a context and a function per callback; made inside `#open`, they would also keep that call's
   * scope (the URL with the token, the deadline) alive for as long as the connection lasts.
   */
  static readonly #Link = class SocketLink implements Link {
    readonly socket: Socket;
    constructor(socket: Socket) {
      this.socket = socket;
    }
    open(transport: WebSocketTransport): void {
      this.socket.#transportOpened(transport);
    }
    message(text: string, transport: WebSocketTransport): void {
      const socket = this.socket;
      if (socket.#transport === transport) socket.#onFrame(text);
    }
    close(transport: WebSocketTransport, code: number, reason: string, error: string | undefined): void {
      this.socket.#transportClosed(transport, code, reason, error);
    }
    listenerThrew(error: unknown, name: string): void {
      this.socket.#listenerThrew(error, name);
    }
  };

  // Each open socket costs memory, and apps keep hundreds: what most sockets never use is made on first use
  // (collections, the emitter, counters), and nothing of a connect attempt is kept once it settles.
  readonly #host: SocketHost;
  readonly #WebSocket: WebSocketConstructor | undefined;
  readonly #sendTimeoutMs: number;
  readonly #connectTimeoutMs: number;
  readonly #heartbeatIntervalMs: number;
  readonly #heartbeatTimeoutMs: number;
  readonly #asyncStackTraces: boolean;
  readonly #reconnect: ResolvedReconnect | undefined;
  readonly #logger: Logger;
  /** `ws:`/`wss:` URL of the socket endpoint, without a query: the token is added per connection, never kept. */
  readonly #wsUrl: string;
  #emitter: Emitter<SocketEventMap> | undefined;
  /** Made on the first connect or listener, and shared by all of this socket's transports and its emitter. */
  #link: Link | undefined;
  #pending: Map<string, Pending> | undefined;
  #queues: Set<AsyncQueue<unknown>> | undefined;
  #draining: Set<Promise<void>> | undefined;
  #nextCid = 0;
  // The socket's one timer: it fires at (or before) the earliest request deadline or heartbeat ping, whichever is
  // first, and is re-armed from there. Requests that settle leave it alone, except the last when no ping is due.
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** When `#timer` fires, on the {@link now} clock; Infinity when it is not armed. */
  #timerAt = Infinity;
  /** When the next heartbeat ping is due; Infinity while none is (heartbeat off, not open, or a ping in flight). */
  #pingAt = Infinity;
  #state: SocketState = "idle";
  #transport: WebSocketTransport | undefined;
  #connecting: Promise<void> | undefined;
  #opening: Opening | undefined;
  #closing: Promise<void> | undefined;
  #reconnectAbort: AbortController | undefined;
  #session: Session | undefined;
  #appearOnline = false;
  #langTag = "en";
  /** The server told this socket it was replaced or banned: reconnecting would only fight that. */
  #kicked = false;
  // What reconnect restores, and what it reports as lost.
  #channels: Map<string, ChatJoin> | undefined;
  #followedIds: Set<string> | undefined;
  #followedNames: Map<string, string | undefined> | undefined;
  #statusSet = false;
  #status: string | undefined;
  #matches: Set<string> | undefined;
  #parties: Set<string> | undefined;
  #tickets: Set<string> | undefined;
  #stats: Counters | undefined;

  /**
   * Checks the options; nothing connects until {@link Socket.connect}. Apps call {@link Client.createSocket}.
   * @throws {TypeError} naming an option of the wrong type, or when no WebSocket constructor is available.
   * @throws {RangeError} naming a reconnect setting out of range.
   */
  constructor(host: SocketHost, options: SocketOptions = {}) {
    if (host === null || typeof host !== "object") throw invalidArgument("host", "a SocketHost");
    if (options === null || typeof options !== "object") throw invalidArgument("options", "an object");
    if (options.WebSocket !== undefined && typeof options.WebSocket !== "function") {
      throw invalidArgument("options.WebSocket", "a WebSocket constructor");
    }
    if (options.WebSocket === undefined && typeof globalThis.WebSocket !== "function") throw missingWebSocket();
    if (options.asyncStackTraces !== undefined && typeof options.asyncStackTraces !== "boolean") {
      throw invalidArgument("options.asyncStackTraces", "a boolean");
    }
    let base: URL;
    try {
      base = new URL(host.baseUrl);
    } catch {
      throw invalidArgument("host.baseUrl", "an http: or https: URL");
    }
    if (base.protocol !== "http:" && base.protocol !== "https:") {
      throw invalidArgument("host.baseUrl", "an http: or https: URL");
    }
    base.protocol = base.protocol === "https:" ? "wss:" : "ws:";
    base.pathname = base.pathname.replace(/\/$/, "") + "/ws";
    base.search = "";
    base.hash = "";
    this.#wsUrl = base.href;
    this.#host = host;
    this.#WebSocket = options.WebSocket;
    this.#sendTimeoutMs = checkTimeout("options.sendTimeoutMs", options.sendTimeoutMs ?? 10_000);
    this.#connectTimeoutMs = checkTimeout("options.connectTimeoutMs", options.connectTimeoutMs ?? 30_000);
    this.#heartbeatIntervalMs = checkTimeout("options.heartbeatIntervalMs", options.heartbeatIntervalMs ?? 10_000);
    this.#heartbeatTimeoutMs = checkTimeout("options.heartbeatTimeoutMs", options.heartbeatTimeoutMs ?? 10_000);
    this.#asyncStackTraces = options.asyncStackTraces ?? true;
    this.#reconnect = resolveReconnect(options.reconnect);
    this.#logger = options.logger ?? host.logger ?? silentLogger;
    if (!disposable) {
      disposable = true;
      disposeWithClose(Socket);
    }
  }

  /** Where the socket is in its life. */
  get state(): SocketState {
    return this.#state;
  }

  /** True while the connection is open and requests can be sent. */
  get isConnected(): boolean {
    return this.#state === "open";
  }

  /** Diagnostic counters. */
  get stats(): SocketStats {
    return { ...this.#stats ?? zeroCounters() };
  }

  /** The counters, made on the first event worth counting. */
  #counters(): Counters {
    return this.#stats ??= zeroCounters();
  }

  // ---------------------------------------------------------------- events

  /**
   * Calls `listener` for every event `name`, and returns a function that stops it. A listener that throws does not
   * disturb the socket or the other listeners: its error is emitted as `error`.
   *
   * @example Match data, until unsubscribed
   * ```ts
   * const off = socket.on("matchData", (m) => console.log(m.op_code, m.data.length));
   * off();
   * ```
   */
  on<K extends keyof SocketEventMap>(name: K, listener: (event: SocketEventMap[K]) => void): () => void {
    if (typeof name !== "string") throw invalidArgument("name", "an event name");
    if (typeof listener !== "function") throw invalidArgument("listener", "a function");
    return (this.#emitter ??= this.#newEmitter()).on(name, listener);
  }

  /**
   * Iterates over the events `name` as they arrive. The loop ends when the app closes the socket, throws a
   * `ConnectionClosedError` when the connection is lost for good, and stops (unsubscribing) on `break` or when
   * `signal` aborts (the loop then throws the signal's reason). Each iterator serves one loop; its buffer is bounded
   * (see {@link StreamOptions}).
   *
   * @example Reading match data in a loop
   * ```ts
   * for await (const m of socket.stream("matchData")) {
   *   if (m.op_code === "99") break;
   * }
   * ```
   */
  stream<K extends keyof SocketEventMap>(
    name: K,
    options: StreamOptions = {},
  ): AsyncIterableIterator<SocketEventMap[K]> & { readonly dropped: number } {
    if (typeof name !== "string") throw invalidArgument("name", "an event name");
    checkSignal(options.signal);
    const capacity = options.bufferSize ?? 1024;
    checkInteger("options.bufferSize", capacity, 1);
    const overflow = options.overflow ?? "dropOldest";
    if (overflow !== "dropOldest" && overflow !== "error") {
      throw invalidArgument("options.overflow", `"dropOldest" or "error"`);
    }
    options.signal?.throwIfAborted();
    // Events arrive only from frames, never synchronously here, so the queue exists before the first push.
    const off = (this.#emitter ??= this.#newEmitter()).on(name, (event) => queue.push(event));
    const queue: AsyncQueue<SocketEventMap[K]> = new AsyncQueue<SocketEventMap[K]>({
      capacity,
      overflow,
      signal: options.signal,
      onDone: () => {
        off();
        this.#queues?.delete(queue as AsyncQueue<unknown>);
      },
    });
    (this.#queues ??= new Set()).add(queue as AsyncQueue<unknown>);
    return queue;
  }

  #newEmitter(): Emitter<SocketEventMap> {
    return new Emitter(this.#link ??= new Socket.#Link(this));
  }

  #emit<K extends keyof SocketEventMap>(name: K, event: SocketEventMap[K]): void {
    this.#emitter?.emit(name, event);
  }

  #listenerThrew(error: unknown, name: string): void {
    this.#counters().listenerErrors++;
    this.#logger.warn(`A "${name}" listener threw.`, error);
    // An error listener that throws is only logged: emitting again could loop forever.
    if (name !== "error") {
      this.#emit("error", error instanceof Error ? error : new Error(`A "${name}" listener threw`, { cause: error }));
    }
  }

  #reportError(error: Error): void {
    if (this.#emitter?.has("error") !== true) this.#logger.warn(error.message);
    this.#emit("error", error);
  }

  // ---------------------------------------------------------------- connecting and closing

  /**
   * Connects with a session (refreshed first when it is about to expire, for a socket made by a client). Resolves
   * once the connection is open; at once if it already is.
   * @throws {TypeError} for a missing session or a bad option.
   * Rejects with a {@link TimeoutError}, a {@link NetworkError} (the upgrade failed: a refused or expired token,
   * a wrong port), a {@link ConnectionClosedError} when `close()` interrupts it, or the signal's reason.
   *
   * @example Connect and appear online
   * ```ts
   * await socket.connect(session, { appearOnline: true });
   * ```
   */
  connect(session: Session, options: SocketConnectOptions = {}): Promise<void> {
    if (!(session instanceof Session)) throw invalidArgument("session", "a Session");
    if (options === null || typeof options !== "object") throw invalidArgument("options", "an object");
    checkSignal(options.signal);
    const langTag = options.langTag ?? "en";
    checkString("options.langTag", langTag);
    const timeoutMs = checkTimeout("options.timeoutMs", options.timeoutMs ?? this.#connectTimeoutMs);
    if (options.signal?.aborted) return Promise.reject(options.signal.reason);
    if (this.#state === "open") return Promise.resolve();
    if (this.#connecting) return this.#connecting;
    if (this.#state === "reconnecting") this.#reconnectAbort?.abort(new ConnectionClosedError("connect() took over"));
    // A close still finishing (waiting for the closing handshake) completes before the new connection starts.
    const previousClose = this.#closing ?? Promise.resolve();
    this.#closing = undefined;
    this.#session = session;
    this.#appearOnline = options.appearOnline === true;
    this.#langTag = langTag;
    this.#kicked = false;
    this.#state = "connecting";
    const connecting = previousClose.then(() => this.#open(options.signal, timeoutMs)).then(
      () => {
        this.#connecting = undefined;
        this.#logger.info(`Socket connected to ${this.#wsUrl}.`);
        this.#emit("connect", { url: this.#wsUrl });
      },
      (error) => {
        this.#connecting = undefined;
        if (this.#state === "connecting") this.#state = "closed";
        throw error;
      },
    );
    this.#connecting = connecting;
    return connecting;
  }

  /** One connection attempt; on success the transport is current and the heartbeat runs. */
  async #open(signal: AbortSignal | undefined, timeoutMs: number): Promise<void> {
    const WebSocket = this.#WebSocket ?? globalThis.WebSocket as unknown as WebSocketConstructor | undefined;
    if (typeof WebSocket !== "function") throw missingWebSocket();
    const session = this.#session!;
    if (this.#host.prepareSession) await this.#host.prepareSession(session, signal);
    signal?.throwIfAborted();
    if (this.#closing) throw new ConnectionClosedError("The socket was closed while it was connecting.");
    const token = session.token;
    // URLSearchParams encodes as the URL parser would keep it, so this is the `href` a URL object would give.
    const query = new URLSearchParams({ lang: this.#langTag, status: String(this.#appearOnline), token });
    const url = `${this.#wsUrl}?${query}`;
    const where = this.#wsUrl;
    this.#logger.debug(`Socket connecting to ${where}.`);
    const sink = this.#link ??= new Socket.#Link(this);
    return new Promise<void>((resolve, reject) => {
      const timer = deadline(
        timeoutMs,
        signal,
        () => new TimeoutError(`Connecting to ${where} took longer than ${timeoutMs} ms.`),
      );
      const opening: Opening = {
        transport: undefined,
        settled: false,
        resolve,
        reject,
        deadline: timer,
        onAbort: () => this.#failOpen(opening, timer.signal.reason),
      };
      this.#opening = opening;
      timer.signal.addEventListener("abort", opening.onAbort, { once: true });
      if (timer.signal.aborted) {
        opening.onAbort();
        return;
      }
      try {
        opening.transport = new WebSocketTransport(WebSocket, url, sink, token);
      } catch (error) {
        // Constructor errors quote the URL, and so the token: keep only a scrubbed message.
        const text = error instanceof Error ? redact(error.message, token) : "invalid URL";
        this.#failOpen(opening, new NetworkError(`Could not connect to ${where}: ${text}`));
      }
    });
  }

  #transportOpened(transport: WebSocketTransport): void {
    const opening = this.#opening;
    if (opening === undefined || opening.transport !== transport || opening.settled) return;
    this.#settleOpen(opening);
    this.#transport = transport;
    this.#state = "open";
    this.#startHeartbeat();
    opening.resolve();
  }

  #transportClosed(transport: WebSocketTransport, code: number, reason: string, error: string | undefined): void {
    const opening = this.#opening;
    if (opening !== undefined && opening.transport === transport) {
      const why = error ?? `the connection closed (code ${code})`;
      this.#failOpen(opening, new NetworkError(`Could not connect to ${this.#wsUrl}: ${why}.`));
    } else if (this.#transport === transport) {
      this.#lost(code, reason);
    }
  }

  #settleOpen(opening: Opening): void {
    opening.settled = true;
    if (this.#opening === opening) this.#opening = undefined;
    opening.deadline.dispose();
    opening.deadline.signal.removeEventListener("abort", opening.onAbort);
  }

  /** Ends a connection attempt that has not settled yet with `error`, closing its transport. */
  #failOpen(opening: Opening, error: Error): void {
    if (opening.settled) return;
    this.#settleOpen(opening);
    const transport = opening.transport;
    if (transport) {
      transport.close();
      this.#drain(transport);
    }
    opening.reject(error);
  }

  /** Waits (bounded) for a transport that is closing, so `close()` returns only when nothing is left open. */
  #drain(transport: WebSocketTransport): void {
    const done: Promise<void> = transport.waitClosed(CLOSE_WAIT_MS).finally(() => this.#draining?.delete(done));
    (this.#draining ??= new Set()).add(done);
  }

  /** The current connection ended without the app asking. */
  #lost(code: number, reason: string): void {
    this.#transport = undefined;
    this.#pingAt = Infinity;
    this.#logger.info(`Socket connection lost (code ${code}${reason ? `: ${reason}` : ""}).`);
    this.#rejectAll(`the connection closed (code ${code}${reason ? `: ${reason}` : ""})`);
    if (this.#reconnect && !this.#kicked && !this.#closing) {
      this.#state = "reconnecting";
      this.#startReconnect(this.#reconnect, code, reason);
      return;
    }
    this.#state = "closed";
    this.#finish({ code, reason, byApp: false });
  }

  /** The socket is closed for good: tell listeners, then end the iterators. */
  #finish(event: DisconnectEvent): void {
    this.#channels = undefined;
    this.#followedIds = undefined;
    this.#followedNames = undefined;
    this.#statusSet = false;
    this.#status = undefined;
    this.#matches = undefined;
    this.#parties = undefined;
    this.#tickets = undefined;
    this.#emit("disconnect", event);
    const error = event.byApp
      ? undefined
      : new ConnectionClosedError(`The socket closed (code ${event.code}${event.reason ? `: ${event.reason}` : ""}).`, {
        cause: event.error,
      });
    this.#endQueues(error);
  }

  /** Ends every iterator: cleanly, or by throwing `error` into its loop. */
  #endQueues(error: Error | undefined): void {
    const queues = this.#queues;
    if (queues === undefined) return;
    this.#queues = undefined;
    for (const queue of queues) error ? queue.fail(error) : queue.end();
  }

  /** Rejects every pending request (the connection is gone) and stops the timer: nothing is left to wait for. */
  #rejectAll(why: string): void {
    const pending = this.#pending;
    if (pending !== undefined) {
      for (const [cid, entry] of pending) {
        this.#settle(cid, entry);
        entry.reject(
          withCallSite(
            new ConnectionClosedError(`${entry.key}: ${why} before the reply arrived.`, { cid }),
            entry.site,
          ),
        );
      }
    }
    this.#stopTimer();
  }

  #heartbeatTimedOut(): void {
    const transport = this.#transport;
    if (!transport) return;
    this.#logger.warn(`Socket heartbeat: no pong within ${this.#heartbeatTimeoutMs} ms; closing the connection.`);
    this.#emit("heartbeatTimeout", { timeoutMs: this.#heartbeatTimeoutMs });
    if (this.#transport !== transport) return;
    this.#drain(transport);
    transport.abandon(4000, `heartbeat timeout: no pong within ${this.#heartbeatTimeoutMs} ms`);
  }

  #startReconnect(policy: ResolvedReconnect, code: number, reason: string): void {
    const controller = new AbortController();
    this.#reconnectAbort = controller;
    // The server forgot matches, parties and tickets with the old connection; report them once reconnected.
    const lost = {
      matchIds: [...this.#matches ?? []],
      partyIds: [...this.#parties ?? []],
      matchmakerTickets: [...this.#tickets ?? []],
    };
    this.#matches = undefined;
    this.#parties = undefined;
    this.#tickets = undefined;
    reconnectLoop(
      {
        waiting: (attempt, delayMs, error) => {
          this.#logger.info(`Socket reconnect attempt ${attempt} in ${delayMs} ms.`);
          this.#emit("reconnecting", { attempt, delayMs, code, reason, error });
        },
        attempt: (signal) => this.#open(signal, this.#connectTimeoutMs),
        isFatal: (error) => error instanceof SessionExpiredError || error instanceof TypeError,
      },
      policy,
      controller.signal,
    ).then(
      (attempts) => {
        if (this.#reconnectAbort === controller) this.#reconnectAbort = undefined;
        return this.#restore(attempts, lost);
      },
      (error) => {
        if (this.#reconnectAbort === controller) this.#reconnectAbort = undefined;
        // Aborted: close() or connect() took over and reports for itself.
        if (controller.signal.aborted) return;
        this.#logger.error("Socket reconnect gave up.", error);
        this.#state = "closed";
        this.#finish({ code, reason, byApp: false, error: error instanceof Error ? error : new Error(String(error)) });
      },
    ).catch((error) => this.#reportError(error instanceof Error ? error : new Error(String(error))));
  }

  /** Rejoins chat channels, follows statuses again and restores the status, then emits `reconnected`. */
  async #restore(attempts: number, lost: ReconnectedEvent["lost"]): Promise<void> {
    const transport = this.#transport;
    const event: ReconnectedEvent = { attempts, channels: [], followedUserIds: [], lost, failures: [] };
    const gone = () => this.#transport !== transport;
    for (const [id, join] of [...this.#channels ?? []]) {
      try {
        event.channels.push(
          await this.joinChat(join.target, join.type, { persistence: join.persistence, hidden: join.hidden }),
        );
      } catch (error) {
        if (gone()) return;
        this.#channels?.delete(id);
        event.failures.push({ kind: "channel", id, error: error as Error });
      }
    }
    const ids = [...this.#followedIds ?? []];
    const names = [...this.#followedNames?.keys() ?? []];
    if (ids.length > 0 || names.length > 0) {
      try {
        event.status = await this.followUsers(ids, { usernames: names.length > 0 ? names : undefined });
        event.followedUserIds = [...this.#followedIds ?? []];
      } catch (error) {
        if (gone()) return;
        event.failures.push({ kind: "follow", id: ids.join(","), error: error as Error });
      }
    }
    if (this.#statusSet) {
      try {
        await this.updateStatus(this.#status);
      } catch (error) {
        if (gone()) return;
        event.failures.push({ kind: "status", id: this.#status ?? "", error: error as Error });
      }
    }
    if (gone()) return;
    this.#logger.info(`Socket reconnected after ${attempts} attempt(s).`);
    this.#emit("reconnected", event);
  }

  /**
   * Closes the socket: pending requests reject at once with {@link ConnectionClosedError}, reconnecting stops, the
   * heartbeat stops, iterators end, and `disconnect` is emitted. Resolves once the WebSocket has closed. Calling it
   * again returns the same promise; `connect()` may open the socket again afterwards.
   * @throws {RangeError} for a close code other than 1000 or 3000-4999.
   *
   * @example Closing at the end of a scope
   * ```ts
   * try {
   *   await socket.connect(session);
   * } finally {
   *   await socket.close();
   * }
   * ```
   */
  close(code = 1000, reason = ""): Promise<void> {
    if (code !== 1000 && !(Number.isInteger(code) && code >= 3000 && code <= 4999)) {
      const error = new RangeError(`"code" must be 1000 or an integer from 3000 to 4999, got ${String(code)}`);
      (error as RangeError & { code: string }).code = "ERR_INVALID_ARG_VALUE";
      throw error;
    }
    checkString("reason", reason, true);
    if (new TextEncoder().encode(reason).length > 123) {
      // The WebSocket API throws for a longer reason, and the socket would then never close.
      const error = new RangeError(`"reason" must be at most 123 bytes of UTF-8`);
      (error as RangeError & { code: string }).code = "ERR_INVALID_ARG_VALUE";
      throw error;
    }
    if (this.#closing) return this.#closing;
    this.#closing = this.#close(code, reason);
    return this.#closing;
  }

  async #close(code: number, reason: string): Promise<void> {
    const before = this.#state;
    this.#state = "closed";
    this.#pingAt = Infinity;
    this.#reconnectAbort?.abort(new ConnectionClosedError("The socket was closed by the app."));
    this.#reconnectAbort = undefined;
    if (this.#opening) {
      this.#failOpen(this.#opening, new ConnectionClosedError("The socket was closed before it connected."));
    }
    this.#rejectAll("the app closed the socket");
    const transport = this.#transport;
    this.#transport = undefined;
    if (transport) {
      transport.close(code, reason);
      this.#drain(transport);
    }
    while (this.#draining !== undefined && this.#draining.size > 0) await Promise.all([...this.#draining]);
    if (before === "open" || before === "reconnecting") {
      this.#logger.info("Socket closed by the app.");
      this.#finish({ code, reason, byApp: true });
    } else {
      this.#endQueues(undefined);
    }
  }

  // ---------------------------------------------------------------- frames

  #onFrame(text: string): void {
    let envelope: Record<string, unknown>;
    try {
      envelope = JSON.parse(text);
    } catch (cause) {
      this.#invalidFrame("a frame that is not JSON", text, cause);
      return;
    }
    if (envelope === null || typeof envelope !== "object" || Array.isArray(envelope)) {
      this.#invalidFrame("a frame that is not a JSON object", text);
      return;
    }
    let key: string | undefined;
    for (const name in envelope) {
      if (name !== "cid") {
        key = name;
        break;
      }
    }
    const cid = envelope.cid;
    if (typeof cid === "string" && cid !== "") {
      this.#reply(cid, key, envelope);
      return;
    }
    try {
      this.#dispatch(key, envelope);
    } catch (cause) {
      this.#invalidFrame(`a ${key} message that cannot be decoded`, text, cause);
    }
  }

  #invalidFrame(what: string, text: string, cause?: unknown): void {
    this.#counters().invalidFrames++;
    this.#reportError(new InvalidResponseError(`The server sent ${what}.`, { data: text.slice(0, 200), cause }));
  }

  #reply(cid: string, key: string | undefined, envelope: Record<string, unknown>): void {
    const pending = this.#pending?.get(cid);
    if (!pending) {
      this.#counters().unmatchedReplies++;
      this.#logger.warn(`Socket: a reply for cid ${cid} arrived after its request ended.`);
      this.#emit("unknown", envelope);
      return;
    }
    this.#settle(cid, pending);
    this.#idle();
    if (key === "error") {
      const error = envelope.error as Record<string, unknown>;
      pending.reject(withCallSite(serverError(pending.key, error ?? {}, cid), pending.site));
    } else {
      pending.resolve(key === undefined ? undefined : envelope[key]);
    }
  }

  #dispatch(key: string | undefined, envelope: Record<string, unknown>): void {
    // deno-lint-ignore no-explicit-any
    const m = (key === undefined ? undefined : envelope[key]) as any;
    switch (key) {
      case "match_data":
        if (this.#emitter?.has("matchData")) {
          // The parsed envelope belongs to this frame alone: filling it in place spares a copy per message. A
          // payload that is not an object cannot take the fields, and is reported as an undecodable frame.
          const data = payloadFromWire(m.data);
          m.op_code = String(m.op_code ?? "0");
          m.data = data;
          this.#emit("matchData", m);
        }
        return;
      case "match_presence_event":
        return this.#emit("matchPresence", m);
      case "channel_message":
        return this.#emit("channelMessage", m);
      case "channel_presence_event":
        return this.#emit("channelPresence", m);
      case "matchmaker_matched":
        return this.#emit("matchmakerMatched", m);
      case "matchmaker_ticket":
        return this.#emit("matchmakerTicket", m);
      case "notifications":
        for (const notification of m?.notifications ?? []) {
          // -7: a newer socket replaced this one; -8: banned. The close that follows must not be fought.
          if (notification?.code === -7 || notification?.code === -8) this.#kicked = true;
          this.#emit("notification", notification);
        }
        return;
      case "status_presence_event":
        return this.#emit("statusPresence", m);
      case "stream_data":
        return this.#emit("streamData", m);
      case "stream_presence_event":
        return this.#emit("streamPresence", m);
      case "party":
        if (typeof m?.party_id === "string") (this.#parties ??= new Set()).add(m.party_id);
        return this.#emit("party", m);
      case "party_close":
        if (typeof m?.party_id === "string") this.#parties?.delete(m.party_id);
        return this.#emit("partyClose", m);
      case "party_data":
        if (this.#emitter?.has("partyData")) {
          // The parsed envelope belongs to this frame alone: filling it in place spares a copy per message. A
          // payload that is not an object cannot take the fields, and is reported as an undecodable frame.
          const data = payloadFromWire(m.data);
          m.op_code = String(m.op_code ?? "0");
          m.data = data;
          this.#emit("partyData", m);
        }
        return;
      case "party_join_request":
        return this.#emit("partyJoinRequest", m);
      case "party_leader":
        return this.#emit("partyLeader", m);
      case "party_matchmaker_ticket":
        return this.#emit("partyMatchmakerTicket", m);
      case "party_presence_event":
        return this.#emit("partyPresence", m);
      case "party_update":
        return this.#emit("partyUpdate", m);
      case "error":
        return this.#reportError(serverError("The server", m ?? {}, undefined));
      default:
        this.#counters().unknownMessages++;
        this.#logger.debug(`Socket: an envelope of unknown kind ${key ?? "(empty)"} arrived.`);
        return this.#emit("unknown", envelope);
    }
  }

  // ---------------------------------------------------------------- requests

  /** Removes a request from the map, with its abort listener; the timer is left to `#idle()` and `#onTimer()`. */
  #settle(cid: string, pending: Pending): void {
    this.#pending!.delete(cid);
    if (pending.onAbort) pending.signal!.removeEventListener("abort", pending.onAbort);
  }

  /** After a request settled: with nothing pending and no ping due, the timer has nothing left to do. */
  #idle(): void {
    if (this.#pingAt === Infinity && this.#pending!.size === 0) this.#stopTimer();
  }

  /**
   * Sends `{cid, [key]: body}` and resolves with the reply's message (undefined for an empty reply). `internal`
   * requests (the heartbeat's pings) have no app call to point at, so they record no call site.
   */
  #request<T>(
    key: string,
    body: Record<string, unknown>,
    options: SocketCallOptions | undefined,
    internal = false,
  ): Promise<T> {
    if (options !== undefined && (options === null || typeof options !== "object")) {
      throw invalidArgument("options", "an object");
    }
    const signal = options?.signal;
    checkSignal(signal);
    const timeoutMs = options?.timeoutMs === undefined
      ? this.#sendTimeoutMs
      : checkTimeout("options.timeoutMs", options.timeoutMs);
    // Made now, so a failure's stack shows the app's call instead of the socket's message handler.
    const site = this.#asyncStackTraces && !internal ? new Error() : undefined;
    return new Promise<T>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const transport = this.#transport;
      if (!transport || this.#state !== "open") {
        const why = this.#state === "reconnecting" ? "the socket is reconnecting" : "the socket is not connected";
        reject(withCallSite(new ConnectionClosedError(`${key}: ${why}.`), site));
        return;
      }
      const cid = String(++this.#nextCid);
      const deadline = timeoutMs > 0 && Number.isFinite(timeoutMs)
        ? now() + Math.min(timeoutMs, MAX_TIMER_MS)
        : Infinity;
      const pending: Pending = {
        key,
        site,
        resolve: resolve as (value: unknown) => void,
        reject,
        deadline,
        timeoutMs,
        signal,
        onAbort: undefined,
      };
      if (signal) {
        pending.onAbort = () => {
          this.#settle(cid, pending);
          this.#idle();
          reject(signal.reason);
        };
        signal.addEventListener("abort", pending.onAbort, { once: true });
      }
      (this.#pending ??= new Map()).set(cid, pending);
      if (deadline < this.#timerAt) this.#wakeAt(deadline);
      try {
        // The key is one of this file's message names and the cid is digits: neither needs escaping.
        transport.send(`{"cid":"${cid}","${key}":${JSON.stringify(body)}}`);
      } catch (cause) {
        this.#settle(cid, pending);
        this.#idle();
        reject(withCallSite(new ConnectionClosedError(`${key}: the frame could not be sent.`, { cid, cause }), site));
      }
    });
  }

  // ---------------------------------------------------------------- the timer and the heartbeat

  /** Arms the timer to fire at `at` (on the {@link now} clock), replacing a later one. */
  #wakeAt(at: number): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    const from = now();
    const delayMs = Math.min(Math.max(0, at - from), MAX_TIMER_MS);
    this.#timerAt = from + delayMs;
    this.#timer = setTimeout(() => this.#onTimer(), delayMs);
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Infinity;
  }

  /**
   * Times out every request whose deadline has passed, sends the heartbeat's ping when it is due, and re-arms for
   * what comes next. The timer may fire early (a request it was armed for has settled since): it then only re-arms.
   */
  #onTimer(): void {
    // The timer's own clock and `now()` may differ by a millisecond: what it was armed for counts as reached.
    const reached = Math.max(now(), this.#timerAt);
    this.#timer = undefined;
    this.#timerAt = Infinity;
    let next = Infinity;
    const pending = this.#pending;
    if (pending !== undefined) {
      for (const [cid, entry] of pending) {
        if (entry.deadline > reached) {
          if (entry.deadline < next) next = entry.deadline;
          continue;
        }
        this.#settle(cid, entry);
        entry.reject(
          withCallSite(new TimeoutError(`${entry.key}: no reply within ${entry.timeoutMs} ms.`, { cid }), entry.site),
        );
      }
    }
    if (this.#pingAt <= reached) this.#ping();
    next = Math.min(next, this.#pingAt);
    if (next < this.#timerAt) this.#wakeAt(next);
  }

  /** (Re)starts the heartbeat on a connection that just opened: the first ping goes out one interval from now. */
  #startHeartbeat(): void {
    if (this.#heartbeatIntervalMs <= 0) return;
    this.#pingAt = now() + Math.min(this.#heartbeatIntervalMs, MAX_TIMER_MS);
    if (this.#pingAt < this.#timerAt) this.#wakeAt(this.#pingAt);
  }

  /** Sends the heartbeat's ping; its pong schedules the next one, and no pong in time means a dead connection. */
  #ping(): void {
    this.#pingAt = Infinity;
    const transport = this.#transport;
    if (transport === undefined) return;
    this.#request<void>("ping", {}, { timeoutMs: this.#heartbeatTimeoutMs }, true).then(
      () => {
        if (this.#transport === transport && this.#state === "open") this.#startHeartbeat();
      },
      (error) => {
        // A ping that failed because the connection closed is not a heartbeat failure: the close is handled.
        if (this.#transport === transport && error instanceof TimeoutError) this.#heartbeatTimedOut();
      },
    );
  }

  /** Sends a message that has no reply. */
  #send(key: string, body: Record<string, unknown>, signal: AbortSignal | undefined): Promise<void> {
    checkSignal(signal);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const transport = this.#transport;
    if (!transport || this.#state !== "open") {
      return Promise.reject(new ConnectionClosedError(`${key}: the socket is not connected.`));
    }
    try {
      transport.send(JSON.stringify({ [key]: body }));
    } catch (cause) {
      return Promise.reject(new ConnectionClosedError(`${key}: the frame could not be sent.`, { cause }));
    }
    return Promise.resolve();
  }

  // ---------------------------------------------------------------- chat

  /**
   * Joins a chat channel: a room by name, a direct message by the other user's id, or a group by its id.
   *
   * @example Open a direct message
   * ```ts
   * const dm = await socket.joinChat(friendId, ChannelType.DirectMessage, { persistence: true });
   * ```
   */
  joinChat(target: string, type: ChannelTypeValue | number, options: JoinChatOptions = {}): Promise<Channel> {
    checkString("target", target);
    checkInteger("type", type, 0);
    const join: ChatJoin = { target, type, persistence: options?.persistence, hidden: options?.hidden };
    return this.#request<Channel>("channel_join", { ...join }, options).then((channel) => {
      if (typeof channel?.id === "string") (this.#channels ??= new Map()).set(channel.id, join);
      return channel;
    });
  }

  /**
   * Leaves a chat channel.
   *
   * @example Leave
   * ```ts
   * await socket.leaveChat(channel.id);
   * ```
   */
  leaveChat(channelId: string, options: SocketCallOptions = {}): Promise<void> {
    checkString("channelId", channelId);
    return this.#request<void>("channel_leave", { channel_id: channelId }, options).then(() => {
      this.#channels?.delete(channelId);
    });
  }

  /**
   * Sends a chat message. `content` is an object (sent as JSON) or JSON object text; everyone in the channel,
   * including this socket, receives it as `channelMessage`.
   *
   * @example Say hello
   * ```ts
   * const ack = await socket.writeChatMessage(channel.id, { text: "hello" });
   * ```
   */
  writeChatMessage(
    channelId: string,
    content: object | string,
    options: SocketCallOptions = {},
  ): Promise<ChannelMessageAck> {
    checkString("channelId", channelId);
    return this.#request("channel_message_send", { channel_id: channelId, content: chatContent(content) }, options);
  }

  /**
   * Edits one of this user's messages; the channel receives it again with `code` 1.
   *
   * @example Fix a typo
   * ```ts
   * await socket.updateChatMessage(channel.id, ack.message_id, { text: "hello!" });
   * ```
   */
  updateChatMessage(
    channelId: string,
    messageId: string,
    content: object | string,
    options: SocketCallOptions = {},
  ): Promise<ChannelMessageAck> {
    checkString("channelId", channelId);
    checkString("messageId", messageId);
    return this.#request(
      "channel_message_update",
      { channel_id: channelId, message_id: messageId, content: chatContent(content) },
      options,
    );
  }

  /**
   * Deletes one of this user's messages; the channel receives it again with `code` 2.
   *
   * @example Remove
   * ```ts
   * await socket.removeChatMessage(channel.id, ack.message_id);
   * ```
   */
  removeChatMessage(channelId: string, messageId: string, options: SocketCallOptions = {}): Promise<ChannelMessageAck> {
    checkString("channelId", channelId);
    checkString("messageId", messageId);
    return this.#request("channel_message_remove", { channel_id: channelId, message_id: messageId }, options);
  }

  // ---------------------------------------------------------------- matches

  /**
   * Creates a relayed match, or joins the one with this `name` (everyone creating the same name meets there).
   *
   * @example A private match to share by id
   * ```ts
   * const match = await socket.createMatch();
   * console.log("invite code:", match.match_id);
   * ```
   */
  createMatch(name?: string, options: SocketCallOptions = {}): Promise<Match> {
    if (name !== undefined) checkString("name", name);
    return this.#request<Match>("match_create", name === undefined ? {} : { name }, options).then((match) => {
      if (typeof match?.match_id === "string") (this.#matches ??= new Set()).add(match.match_id);
      return match;
    });
  }

  /**
   * Joins a match by id, or from a matchmaker result (`matchmakerMatched` event) or its token.
   *
   * @example From the matchmaker
   * ```ts
   * socket.on("matchmakerMatched", (matched) => socket.joinMatch(matched));
   * ```
   */
  joinMatch(target: string | { match_id?: string; token?: string }, options: JoinMatchOptions = {}): Promise<Match> {
    const body: Record<string, unknown> = {};
    if (typeof target === "string") {
      checkString("target", target);
      body.match_id = target;
    } else if (target !== null && typeof target === "object" && (target.token || target.match_id)) {
      if (target.token) {
        checkString("target.token", target.token);
        body.token = target.token;
      } else {
        checkString("target.match_id", target.match_id);
        body.match_id = target.match_id;
      }
    } else {
      throw invalidArgument("target", "a match id, or an object with a token or a match_id");
    }
    const metadata = stringMap("options.metadata", options?.metadata);
    if (metadata) body.metadata = metadata;
    return this.#request<Match>("match_join", body, options).then((match) => {
      if (typeof match?.match_id === "string") (this.#matches ??= new Set()).add(match.match_id);
      return match;
    });
  }

  /**
   * Leaves a match.
   *
   * @example Leave
   * ```ts
   * await socket.leaveMatch(match.match_id);
   * ```
   */
  leaveMatch(matchId: string, options: SocketCallOptions = {}): Promise<void> {
    checkString("matchId", matchId);
    return this.#request<void>("match_leave", { match_id: matchId }, options).then(() => {
      this.#matches?.delete(matchId);
    });
  }

  /**
   * Sends data to a match. There is no reply: the promise resolves once the frame is handed to the WebSocket, and
   * rejects only if the socket is not connected. Op codes are int64 (number, bigint or decimal string); `data` is
   * bytes (exactly the bytes the view covers) or text (sent as UTF-8).
   * @throws {TypeError} for a bad op code or payload.
   * @throws {RangeError} for an op code outside int64.
   *
   * @example Send a position
   * ```ts
   * await socket.sendMatchState(match.match_id, 1, JSON.stringify({ x: 3, y: 4 }));
   * ```
   */
  sendMatchState(
    matchId: string,
    opCode: Int64Input,
    data?: MatchPayload,
    options: SendMatchStateOptions = {},
  ): Promise<void> {
    checkString("matchId", matchId);
    const body: Record<string, unknown> = { match_id: matchId, op_code: opCodeToWire(opCode) };
    const encoded = payloadToWire(data);
    if (encoded !== undefined) body.data = encoded;
    if (options?.presences !== undefined) {
      if (!Array.isArray(options.presences)) throw invalidArgument("options.presences", "an array of UserPresence");
      body.presences = options.presences.map((p, i) => presenceToWire(p, `options.presences[${i}]`));
    }
    if (options?.reliable === true) body.reliable = true;
    return this.#send("match_data_send", body, options?.signal);
  }

  // ---------------------------------------------------------------- matchmaker

  /**
   * Starts matchmaking. Results arrive as `matchmakerMatched` events; join with `joinMatch(matched)`.
   *
   * @example Two to four players
   * ```ts
   * const { ticket } = await socket.addMatchmaker("*", 2, 4, { numericProperties: { skill: 12 } });
   * ```
   */
  addMatchmaker(
    query: string,
    minCount: number,
    maxCount: number,
    options: MatchmakerOptions = {},
  ): Promise<MatchmakerTicket> {
    const body = matchmakerBody(query, minCount, maxCount, options);
    return this.#request<MatchmakerTicket>("matchmaker_add", body, options).then((ticket) => {
      if (typeof ticket?.ticket === "string") (this.#tickets ??= new Set()).add(ticket.ticket);
      return ticket;
    });
  }

  /**
   * Cancels a matchmaker ticket.
   *
   * @example Stop searching
   * ```ts
   * await socket.removeMatchmaker(ticket);
   * ```
   */
  removeMatchmaker(ticket: string, options: SocketCallOptions = {}): Promise<void> {
    checkString("ticket", ticket);
    return this.#request<void>("matchmaker_remove", { ticket }, options).then(() => {
      this.#tickets?.delete(ticket);
    });
  }

  /**
   * Starts matchmaking for a whole party (leader only). The other members receive the ticket as an event.
   *
   * @example Matchmake the party
   * ```ts
   * const { ticket } = await socket.addMatchmakerParty(party.party_id, "*", 4, 8);
   * ```
   */
  addMatchmakerParty(
    partyId: string,
    query: string,
    minCount: number,
    maxCount: number,
    options: MatchmakerOptions = {},
  ): Promise<PartyMatchmakerTicket> {
    checkString("partyId", partyId);
    const body = { party_id: partyId, ...matchmakerBody(query, minCount, maxCount, options) };
    return this.#request("party_matchmaker_add", body, options);
  }

  /**
   * Cancels a party's matchmaker ticket (leader only).
   *
   * @example Stop the party's search
   * ```ts
   * await socket.removeMatchmakerParty(party.party_id, ticket);
   * ```
   */
  removeMatchmakerParty(partyId: string, ticket: string, options: SocketCallOptions = {}): Promise<void> {
    checkString("partyId", partyId);
    checkString("ticket", ticket);
    return this.#request<void>("party_matchmaker_remove", { party_id: partyId, ticket }, options);
  }

  // ---------------------------------------------------------------- status

  /**
   * Follows users' online status; changes arrive as `statusPresence` events. Resolves with the current status of
   * those who are online.
   *
   * @example Follow friends
   * ```ts
   * const status = await socket.followUsers(friendIds);
   * ```
   */
  followUsers(userIds: string[], options: FollowUsersOptions = {}): Promise<Status> {
    checkStrings("userIds", userIds);
    const usernames = options?.usernames;
    if (usernames !== undefined) checkStrings("options.usernames", usernames);
    const body: Record<string, unknown> = {};
    if (userIds.length > 0) body.user_ids = [...userIds];
    if (usernames !== undefined && usernames.length > 0) body.usernames = [...usernames];
    const ids = [...userIds];
    const names = usernames === undefined ? [] : [...usernames];
    return this.#request<Status | undefined>("status_follow", body, options).then((reply) => {
      const status = reply ?? {};
      for (const id of ids) (this.#followedIds ??= new Set()).add(id);
      for (const name of names) {
        const followedNames = this.#followedNames ??= new Map();
        followedNames.set(name, followedNames.get(name));
      }
      const followedNames = this.#followedNames;
      // Read defensively: a reply of the wrong shape must not turn a successful follow into a TypeError.
      const presences = Array.isArray(status?.presences) ? status.presences : [];
      for (const presence of presences) {
        if (typeof presence?.username !== "string" || followedNames === undefined) continue;
        // Remember which id a username stands for, so unfollowing by id also forgets the username.
        for (const name of followedNames.keys()) {
          if (name.toLowerCase() === presence.username.toLowerCase()) followedNames.set(name, presence.user_id);
        }
      }
      return status;
    });
  }

  /**
   * Stops following users' status.
   *
   * @example Unfollow
   * ```ts
   * await socket.unfollowUsers([userId]);
   * ```
   */
  unfollowUsers(userIds: string[], options: SocketCallOptions = {}): Promise<void> {
    checkStrings("userIds", userIds);
    const ids = [...userIds];
    return this.#request<void>("status_unfollow", { user_ids: ids }, options).then(() => {
      for (const id of ids) {
        this.#followedIds?.delete(id);
        const followedNames = this.#followedNames ?? [];
        for (const [name, knownId] of followedNames) if (knownId === id) this.#followedNames?.delete(name);
      }
    });
  }

  /**
   * Sets this user's status text, shown to followers; with no status (undefined) the user appears offline.
   *
   * @example Appear busy, then offline
   * ```ts
   * await socket.updateStatus("In a match");
   * await socket.updateStatus();
   * ```
   */
  updateStatus(status?: string, options: SocketCallOptions = {}): Promise<void> {
    if (status !== undefined) checkString("status", status, true);
    return this.#request<void>("status_update", status === undefined ? {} : { status }, options).then(() => {
      this.#statusSet = true;
      this.#status = status;
    });
  }

  // ---------------------------------------------------------------- parties

  /**
   * Creates a party with this socket as its leader.
   *
   * @example An open party of four
   * ```ts
   * const party = await socket.createParty(true, 4);
   * ```
   */
  createParty(open: boolean, maxSize: number, options: PartyOptions = {}): Promise<Party> {
    if (typeof open !== "boolean") throw invalidArgument("open", "a boolean");
    checkInteger("maxSize", maxSize, 0);
    const body: Record<string, unknown> = { open, max_size: maxSize };
    if (options?.label !== undefined) {
      checkString("options.label", options.label, true);
      body.label = options.label;
    }
    if (options?.hidden !== undefined) body.hidden = options.hidden === true;
    return this.#request<Party>("party_create", body, options).then((party) => {
      if (typeof party?.party_id === "string") (this.#parties ??= new Set()).add(party.party_id);
      return party;
    });
  }

  /**
   * Joins an open party (a `party` event follows), or asks the leader of a closed one.
   *
   * @example Join by id
   * ```ts
   * await socket.joinParty(partyId);
   * ```
   */
  joinParty(partyId: string, options: SocketCallOptions = {}): Promise<void> {
    checkString("partyId", partyId);
    return this.#request<void>("party_join", { party_id: partyId }, options);
  }

  /**
   * Leaves a party.
   *
   * @example Leave
   * ```ts
   * await socket.leaveParty(party.party_id);
   * ```
   */
  leaveParty(partyId: string, options: SocketCallOptions = {}): Promise<void> {
    checkString("partyId", partyId);
    return this.#request<void>("party_leave", { party_id: partyId }, options).then(() => {
      this.#parties?.delete(partyId);
    });
  }

  /**
   * Makes another member the leader (leader only); everyone receives `partyLeader`.
   *
   * @example Hand over
   * ```ts
   * await socket.promotePartyMember(party.party_id, member);
   * ```
   */
  promotePartyMember(partyId: string, presence: UserPresence, options: SocketCallOptions = {}): Promise<void> {
    checkString("partyId", partyId);
    const body = { party_id: partyId, presence: presenceToWire(presence, "presence") };
    return this.#request<void>("party_promote", body, options);
  }

  /**
   * Kicks a member, or rejects a join request (leader only).
   *
   * @example Kick
   * ```ts
   * await socket.removePartyMember(party.party_id, member);
   * ```
   */
  removePartyMember(partyId: string, presence: UserPresence, options: SocketCallOptions = {}): Promise<void> {
    checkString("partyId", partyId);
    const body = { party_id: partyId, presence: presenceToWire(presence, "presence") };
    return this.#request<void>("party_remove", body, options);
  }

  /**
   * Accepts a request to join a closed party (leader only); the requester receives `party`.
   *
   * @example Accept
   * ```ts
   * await socket.acceptPartyMember(party.party_id, requester);
   * ```
   */
  acceptPartyMember(partyId: string, presence: UserPresence, options: SocketCallOptions = {}): Promise<void> {
    checkString("partyId", partyId);
    const body = { party_id: partyId, presence: presenceToWire(presence, "presence") };
    return this.#request<void>("party_accept", body, options);
  }

  /**
   * Lists pending requests to join a closed party (leader only).
   *
   * @example Who is waiting
   * ```ts
   * const { presences } = await socket.listPartyJoinRequests(party.party_id);
   * ```
   */
  listPartyJoinRequests(partyId: string, options: SocketCallOptions = {}): Promise<PartyJoinRequest> {
    checkString("partyId", partyId);
    return this.#request<PartyJoinRequest | undefined>("party_join_request_list", { party_id: partyId }, options)
      .then((reply) => reply ?? { party_id: partyId });
  }

  /**
   * Sends data to the other party members. Unlike match data, the server confirms it, so this resolves on that
   * reply and rejects with the server's error (a closed party, for example).
   *
   * @example Share a loadout
   * ```ts
   * await socket.sendPartyData(party.party_id, 2, JSON.stringify({ weapon: "bow" }));
   * ```
   */
  sendPartyData(
    partyId: string,
    opCode: Int64Input,
    data?: MatchPayload,
    options: SocketCallOptions = {},
  ): Promise<void> {
    checkString("partyId", partyId);
    const body: Record<string, unknown> = { party_id: partyId, op_code: opCodeToWire(opCode) };
    const encoded = payloadToWire(data);
    if (encoded !== undefined) body.data = encoded;
    return this.#request<void>("party_data_send", body, options);
  }

  /**
   * Closes a party (leader only); every member receives `partyClose`.
   *
   * @example Disband
   * ```ts
   * await socket.closeParty(party.party_id);
   * ```
   */
  closeParty(partyId: string, options: SocketCallOptions = {}): Promise<void> {
    checkString("partyId", partyId);
    return this.#request<void>("party_close", { party_id: partyId }, options).then(() => {
      this.#parties?.delete(partyId);
    });
  }

  /**
   * Changes a party's settings (leader only); members receive `partyUpdate`. Needs a server newer than 3.18, which
   * does not know this message and closes the connection instead.
   *
   * @example Close the doors
   * ```ts
   * await socket.updateParty(party.party_id, false);
   * ```
   */
  updateParty(partyId: string, open: boolean, options: PartyOptions = {}): Promise<void> {
    checkString("partyId", partyId);
    if (typeof open !== "boolean") throw invalidArgument("open", "a boolean");
    const body: Record<string, unknown> = { party_id: partyId, open };
    if (options?.label !== undefined) {
      checkString("options.label", options.label, true);
      body.label = options.label;
    }
    if (options?.hidden !== undefined) body.hidden = options.hidden === true;
    return this.#request<void>("party_update", body, options);
  }

  // ---------------------------------------------------------------- rpc and ping

  /**
   * Calls a server function over the socket. A string payload is sent as it is; anything else as JSON.
   *
   * @example Echo
   * ```ts
   * const reply = await socket.rpc("echo", { hello: "world" });
   * console.log(reply.payload);
   * ```
   */
  rpc(id: string, payload?: unknown, options: SocketCallOptions = {}): Promise<ApiRpc> {
    checkString("id", id);
    const body: Record<string, unknown> = { id };
    if (payload !== undefined) body.payload = typeof payload === "string" ? payload : JSON.stringify(payload);
    return this.#request("rpc", body, options);
  }

  /**
   * Sends an application ping and resolves on its pong (the heartbeat does this on its own).
   *
   * @example Measure a round trip
   * ```ts
   * const start = performance.now();
   * await socket.ping();
   * console.log(performance.now() - start, "ms");
   * ```
   */
  ping(options: SocketCallOptions = {}): Promise<void> {
    return this.#request<void>("ping", {}, options).then(() => {});
  }
}
