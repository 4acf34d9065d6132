/**
 * A fake Nakama server for tests: runs in-process on 127.0.0.1 and an ephemeral port, speaks Nakama's REST wire
 * format (as recorded from Nakama 3.18, plus the routes added up to 3.40) and its realtime socket on `/ws`, and
 * keeps real state (accounts, friends, groups, storage, leaderboards, chat...). Game code can be tested against
 * it without Docker or a database, on Deno, Bun and Node.
 *
 * @example Authenticate against the fake with plain fetch
 * ```ts
 * import { FakeNakama } from "./tests/support/fake_nakama/mod.ts";
 *
 * const fake = await FakeNakama.start();
 * const response = await fetch(`${fake.url}/v2/account/authenticate/device?create=true`, {
 *   method: "POST",
 *   headers: { authorization: `Basic ${btoa("defaultkey:")}` },
 *   body: JSON.stringify({ id: "device-0000000001" }),
 * });
 * const { token } = await response.json();
 * await fake.close();
 * ```
 * @module
 */

import { type Listener, serve } from "../serve.ts";
import { type Fault, FaultQueue, faultResponse, truncateResponse } from "./faults.ts";
import { createRealtime, type Realtime } from "./realtime.ts";
import { Router } from "./router.ts";
import { allRoutes } from "./routes.ts";
import { consoleRoutes } from "./console_routes.ts";
import { FakeState, type FakeStateOptions, type RpcFunction } from "./state.ts";

export type { Fault, FaultMatch } from "./faults.ts";
export {
  type FakeChannelMessage,
  type FakeEvent,
  type FakeGroup,
  type FakeLeaderboard,
  type FakeMatchInfo,
  type FakeNotification,
  type FakePartyInfo,
  FakeState,
  type FakeStateOptions,
  type FakeUser,
  type PurchaseValidator,
  type RpcContext,
  RpcError,
  type RpcFunction,
  type StorageObject,
} from "./state.ts";
export { newLeaderboard, newTournament } from "./ranking.ts";

/** Options of {@link FakeNakama.start}; every field is optional (defaults match the capture server). */
export type FakeNakamaOptions = FakeStateOptions;

/** One HTTP request as the fake received it. */
export interface RecordedRequest {
  method: string;
  /** Path as sent (percent-encoding kept), without the query. */
  path: string;
  /** Path and query as sent. */
  rawUrl: string;
  query: URLSearchParams;
  headers: Headers;
  /** Body text ("" when none). */
  body: string;
}

/** Options of {@link FakeNakama.mintToken}. */
export interface MintTokenOptions {
  /** Lifetime from now in seconds; negative for an already expired token. Default: the server's setting. */
  expiresInSec?: number;
  /** Mint a refresh token instead of a session token. */
  refresh?: boolean;
  /** Session variables (`vrs` claim). */
  vars?: Record<string, string>;
}

const WS_PATH = "/ws";

/** What a running server is made of (built in {@link FakeNakama.start}). */
interface Parts {
  listener: Listener;
  state: FakeState;
  requests: RecordedRequest[];
  realtime: Realtime;
  faults: FaultQueue;
  /** Cancellers of delayed replies and fault timers, run on close. */
  pending: Set<() => void>;
}

/**
 * A running fake Nakama server. Start it with {@link FakeNakama.start}, point a client at {@link FakeNakama.url},
 * and {@link FakeNakama.close} it when done (every test closes what it opens).
 *
 * @example Seed state, register an RPC, inject a fault
 * ```ts
 * const fake = await FakeNakama.start({ serverKey: "secret" });
 * fake.registerRpc("greet", (ctx, payload) => JSON.stringify({ hello: ctx.username, payload }));
 * fake.injectFault({ match: "/v2/account", kind: "status", status: 503, times: 2 });
 * // ... exercise the client ...
 * await fake.close();
 * ```
 */
export class FakeNakama {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Always `127.0.0.1`. */
  readonly host: string = "127.0.0.1";
  /** The ephemeral port. */
  readonly port: number;
  /** All server data; read or change it freely. */
  readonly state: FakeState;
  /** Every HTTP request received, in order. */
  readonly requests: RecordedRequest[];

  readonly #listener: Listener;
  readonly #realtime: Realtime;
  readonly #faults: FaultQueue;
  readonly #pending: Set<() => void>;
  #closed?: Promise<void>;

  private constructor(parts: Parts) {
    this.#listener = parts.listener;
    this.state = parts.state;
    this.requests = parts.requests;
    this.#realtime = parts.realtime;
    this.#faults = parts.faults;
    this.#pending = parts.pending;
    this.port = parts.listener.port;
    this.url = parts.listener.url;
  }

  /**
   * Starts a fake server on 127.0.0.1 and an ephemeral port.
   * @example Start with a short session lifetime and a controllable clock
   * ```ts
   * let now = Date.now();
   * const fake = await FakeNakama.start({ tokenExpirySec: 60, clock: () => now });
   * now += 61_000; // every session token is now expired
   * await fake.close();
   * ```
   */
  static async start(options: FakeNakamaOptions = {}): Promise<FakeNakama> {
    const state = new FakeState(options);
    const realtime = createRealtime(state);
    const faults = new FaultQueue();
    const pending = new Set<() => void>();
    // The console API (`/v2/console/...`) is served on the same port, over the same state.
    const router = new Router([...allRoutes(), ...consoleRoutes()]);
    const requests: RecordedRequest[] = [];
    const record = (request: Request, url: URL, body: string) =>
      requests.push({
        method: request.method,
        path: url.pathname,
        rawUrl: url.pathname + url.search,
        query: new URLSearchParams(url.search),
        headers: new Headers(request.headers),
        body,
      });
    const listener = await serve({
      upgrade(request) {
        const url = new URL(request.url);
        if (url.pathname !== WS_PATH) return undefined;
        record(request, url, "");
        return realtime.accept(request, url);
      },
      async fetch(request) {
        const url = new URL(request.url);
        const body = await request.text();
        record(request, url, body);
        const fault = faults.take(request, url);
        if (fault) {
          const replaced = faultResponse(fault, pending);
          if (replaced) return replaced;
          if (fault.kind === "delay") {
            const elapsed = await cancellableDelay(fault.ms, pending);
            if (!elapsed) return new Response(null, { status: 503 });
          }
        }
        const response = await router.handle(state, request, url, body);
        return fault?.kind === "truncate" ? await truncateResponse(response) : response;
      },
    });
    return new FakeNakama({ listener, state, requests, realtime, faults, pending });
  }

  /**
   * Registers (or replaces) an RPC function, callable over REST and the socket; ids match case-insensitively.
   * Throw an `RpcError` to answer with a gRPC code; a plain Error answers like a Lua `error()` (code 13).
   * @example Register
   * ```ts
   * fake.registerRpc("add", (_ctx, payload) => {
   *   const { a, b } = JSON.parse(payload);
   *   return JSON.stringify({ sum: a + b });
   * });
   * ```
   */
  registerRpc(id: string, fn: RpcFunction): void {
    this.state.rpcs.set(id.toLowerCase(), fn);
  }

  /**
   * Queues a fault; matching requests consume it (`times`, default 1) before normal handling.
   * @example Two 503s, then normal answers
   * ```ts
   * fake.injectFault({ match: "/v2/account", kind: "status", status: 503, times: 2 });
   * ```
   */
  injectFault(fault: Fault): void {
    this.#faults.add(fault);
  }

  /**
   * Drops every fault that has not been consumed yet.
   * @example Reset between steps
   * ```ts
   * fake.clearFaults();
   * ```
   */
  clearFaults(): void {
    this.#faults.clear();
  }

  /**
   * Signs a session (or refresh) token for a user with the server's keys, e.g. an already expired one.
   * @example An expired session token
   * ```ts
   * const expired = await fake.mintToken(userId, { expiresInSec: -60 });
   * ```
   */
  async mintToken(userId: string, options: MintTokenOptions = {}): Promise<string> {
    const nowSec = Math.floor(this.state.now() / 1000);
    const lifetime = options.expiresInSec ??
      (options.refresh ? this.state.refreshTokenExpirySec : this.state.tokenExpirySec);
    return await this.state.signToken({
      tid: crypto.randomUUID(),
      uid: userId,
      usn: this.state.users.get(userId)?.username ?? "",
      vrs: options.vars,
      exp: nowSec + lifetime,
      iat: nowSec,
    }, options.refresh ?? false);
  }

  /**
   * Stops the server: cancels delayed replies, closes sockets and timers of the realtime side, and releases the
   * listener. Idempotent.
   * @example Close
   * ```ts
   * await fake.close();
   * ```
   */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      this.#faults.clear();
      for (const cancel of [...this.#pending]) cancel();
      this.#realtime.close();
      await this.#listener.close();
    })();
    return this.#closed;
  }

  /** Same as {@link FakeNakama.close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/**
 * Waits `ms`; resolves false early when the server closes. Never leaves a timer. (The request's own signal is not
 * used: Deno aborts it after every successful response and warns about listeners on it.)
 */
function cancellableDelay(ms: number, pending: Set<() => void>): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const finish = (elapsed: boolean) => {
      clearTimeout(timer);
      pending.delete(cancel);
      resolve(elapsed);
    };
    const cancel = () => finish(false);
    const timer = setTimeout(() => finish(true), ms);
    pending.add(cancel);
  });
}
