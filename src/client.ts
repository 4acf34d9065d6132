/**
 * The Nakama REST client: options, sessions (authenticate, refresh, logout) and every endpoint of the game API.
 * Each endpoint method is a thin description of its request; {@link HttpTransport} does the sending.
 * @module
 */

import { checkTimeout, type FetchLike, HttpTransport, path, type RequestOptions } from "./http.ts";
import { invalidArgument, NakamaError, SessionExpiredError } from "./errors.ts";
import { type Logger, silentLogger } from "./logger.ts";
import { resolveRetry, type RetryConfiguration } from "./retry.ts";
import { Session } from "./session.ts";
import type { ApiAccount, ApiSession } from "./types.ts";

/**
 * Options of {@link Client}. Every field is optional.
 *
 * @example A client for a hosted server
 * ```ts
 * import { Client } from "@nakama-ts/sdk";
 * const client = new Client({ host: "game.example.com", port: 443, useSSL: true, serverKey: "my-server-key" });
 * ```
 */
export interface ClientOptions {
  /** The server key, sent with authenticate and refresh calls. Default `"defaultkey"`. */
  serverKey?: string;
  /** Host name or address. Default `"127.0.0.1"`. */
  host?: string;
  /** Port. Default 7350. */
  port?: number;
  /** Use HTTPS (and WSS for sockets). Default false. */
  useSSL?: boolean;
  /** Per-attempt request timeout in ms; 0 turns it off. Default 10 000. */
  timeoutMs?: number;
  /** The retry configuration of every call; a call's own `retry` option overrides it. */
  retry?: RetryConfiguration;
  /** Refresh a session that is about to expire before using it. Default true. */
  autoRefreshSession?: boolean;
  /** How close to expiry (in ms) a session is refreshed before a call. Default 300 000 (5 minutes). */
  expiredTimespanMs?: number;
  /** Called with the session after every refresh, to persist the new tokens. */
  onSessionRefreshed?: (session: Session) => void;
  /** Diagnostics sink; silent by default. */
  logger?: Logger;
  /** The fetch to use; default `globalThis.fetch`, read at call time. */
  fetch?: FetchLike;
}

/** Options of the authenticate methods. */
export interface AuthenticateOptions extends RequestOptions {
  /** Create the account if it does not exist. Default true. */
  create?: boolean;
  /** The username of a new account. */
  username?: string;
  /** Session variables, copied into the token's `vrs` claim. */
  vars?: Record<string, string>;
}

/**
 * The Nakama game API client. Methods that need a session take it first; required arguments are positional and the
 * rest go in a last options object, which always accepts `signal`, `retry` and `timeoutMs`.
 *
 * @example Authenticate, then read the account
 * ```ts
 * import { Client } from "@nakama-ts/sdk";
 * const client = new Client({ serverKey: "defaultkey" });
 * const session = await client.authenticateDevice("device-id-0001", { create: true, username: "jörg" });
 * const account = await client.getAccount(session);
 * console.log(account.user?.username);
 * ```
 */
export class Client {
  /** The server key sent with authenticate and refresh calls. */
  readonly serverKey: string;
  /** Whether sessions are refreshed automatically before calls. */
  readonly autoRefreshSession: boolean;
  /** How close to expiry (ms) a session is refreshed before a call. */
  readonly expiredTimespanMs: number;
  readonly #http: HttpTransport;
  readonly #logger: Logger;
  readonly #onSessionRefreshed: ((session: Session) => void) | undefined;
  readonly #refreshes = new WeakMap<Session, Promise<Session>>();

  /**
   * Checks the options and builds a client. No request is sent.
   * @throws {TypeError} naming an option of the wrong type.
   */
  constructor(options: ClientOptions = {}) {
    if (options === null || typeof options !== "object") throw invalidArgument("options", "an object");
    const { host = "127.0.0.1", port = 7350, useSSL = false, serverKey = "defaultkey" } = options;
    if (typeof serverKey !== "string") throw invalidArgument("options.serverKey", "a string");
    if (typeof host !== "string" || host === "") throw invalidArgument("options.host", "a non-empty string");
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw invalidArgument("options.port", "an integer from 1 to 65535");
    }
    if (options.fetch !== undefined && typeof options.fetch !== "function") {
      throw invalidArgument("options.fetch", "a function");
    }
    this.serverKey = serverKey;
    this.autoRefreshSession = options.autoRefreshSession ?? true;
    this.expiredTimespanMs = checkTimeout("options.expiredTimespanMs", options.expiredTimespanMs ?? 300_000);
    this.#logger = options.logger ?? silentLogger;
    this.#onSessionRefreshed = options.onSessionRefreshed;
    const hostPart = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
    this.#http = new HttpTransport({
      baseUrl: `${useSSL ? "https" : "http"}://${hostPart}:${port}`,
      service: "nakama",
      timeoutMs: checkTimeout("options.timeoutMs", options.timeoutMs ?? 10_000),
      retry: resolveRetry(options.retry),
      logger: this.#logger,
      fetch: options.fetch,
    });
  }

  /** The server's base URL, such as `http://127.0.0.1:7350`. */
  get baseUrl(): string {
    return this.#http.baseUrl;
  }

  // ---------------------------------------------------------------- sessions

  #serverKeyAuth() {
    return { type: "basic", username: this.serverKey } as const;
  }

  /** A Bearer auth for the session, refreshing it first when it is about to expire. */
  async #bearer(session: Session, options?: RequestOptions) {
    if (!(session instanceof Session)) throw invalidArgument("session", "a Session");
    if (
      this.autoRefreshSession && session.refreshToken !== "" &&
      session.isExpired((Date.now() + this.expiredTimespanMs) / 1000)
    ) {
      await this.sessionRefresh(session, { signal: options?.signal, retry: options?.retry });
    }
    return { type: "bearer", token: session.token } as const;
  }

  #toSession(reply: ApiSession, where: string): Session {
    if (typeof reply?.token !== "string") {
      throw new NakamaError(`${where}: the reply has no session token`, { data: undefined });
    }
    return new Session(reply.token, reply.refresh_token ?? "", reply.created === true);
  }

  async #authenticate(
    route: string,
    account: Record<string, unknown>,
    options: AuthenticateOptions,
    query: Record<string, string | boolean | undefined> = {},
  ): Promise<Session> {
    const reply = await this.#http.request<ApiSession>({
      method: "POST",
      path: route,
      query: { create: options.create ?? true, username: options.username, ...query },
      body: options.vars ? { ...account, vars: options.vars } : account,
      auth: this.#serverKeyAuth(),
    }, options);
    return this.#toSession(reply, `POST ${route}`);
  }

  /**
   * Authenticates with a device id (6 to 128 bytes).
   *
   * @example Sign in a device
   * ```ts
   * const session = await client.authenticateDevice(crypto.randomUUID(), { create: true });
   * ```
   */
  authenticateDevice(id: string, options: AuthenticateOptions = {}): Promise<Session> {
    if (typeof id !== "string") throw invalidArgument("id", "a string");
    return this.#authenticate("/v2/account/authenticate/device", { id }, options);
  }

  /**
   * Refreshes the session in place with its refresh token, and returns it. Concurrent calls for the same session
   * share one request.
   * @throws {SessionExpiredError} when the refresh token has expired or the server rejects it.
   *
   * @example Refresh before a long operation
   * ```ts
   * await client.sessionRefresh(session);
   * console.log(new Date(session.expiresAt * 1000));
   * ```
   */
  sessionRefresh(
    session: Session,
    options: RequestOptions & { vars?: Record<string, string> } = {},
  ): Promise<Session> {
    if (!(session instanceof Session)) throw invalidArgument("session", "a Session");
    const pending = this.#refreshes.get(session);
    if (pending) return pending;
    const refresh = this.#refresh(session, options).finally(() => this.#refreshes.delete(session));
    this.#refreshes.set(session, refresh);
    return refresh;
  }

  async #refresh(session: Session, options: RequestOptions & { vars?: Record<string, string> }): Promise<Session> {
    if (session.refreshToken === "") {
      throw new SessionExpiredError("The session has no refresh token; authenticate again.");
    }
    if (session.isRefreshExpired()) {
      throw new SessionExpiredError("The refresh token has expired; authenticate again.");
    }
    let reply: ApiSession;
    try {
      reply = await this.#http.request<ApiSession>({
        method: "POST",
        path: "/v2/account/session/refresh",
        body: { token: session.refreshToken, vars: options.vars },
        auth: this.#serverKeyAuth(),
      }, options);
    } catch (error) {
      if (error instanceof NakamaError && error.status === 401 && error.grpcCode === 16) {
        throw new SessionExpiredError(`The server rejected the refresh token; authenticate again. (${error.message})`, {
          status: error.status,
          grpcCode: error.grpcCode,
          method: error.method,
          path: error.path,
          data: error.data,
          cause: error,
        });
      }
      throw error;
    }
    if (typeof reply?.token !== "string") {
      throw new NakamaError("POST /v2/account/session/refresh: the reply has no session token");
    }
    session.update(reply.token, reply.refresh_token ?? "");
    this.#logger.info("Session refreshed.");
    try {
      this.#onSessionRefreshed?.(session);
    } catch (error) {
      this.#logger.warn("onSessionRefreshed threw.", error);
    }
    return session;
  }

  // ---------------------------------------------------------------- account

  /**
   * Reads the session user's account.
   *
   * @example Show the wallet
   * ```ts
   * const account = await client.getAccount(session);
   * console.log(JSON.parse(account.wallet ?? "{}"));
   * ```
   */
  async getAccount(session: Session, options: RequestOptions = {}): Promise<ApiAccount> {
    return this.#http.request({ method: "GET", path: "/v2/account", auth: await this.#bearer(session, options) }, options);
  }

  // ---------------------------------------------------------------- rpc

  /**
   * Calls a server function. An object payload is sent as JSON; a string is sent as it is.
   *
   * @example Call an RPC
   * ```ts
   * const reply = await client.rpc(session, "echo", { hello: "world" });
   * console.log(reply.payload);
   * ```
   */
  async rpc(session: Session, id: string, payload?: unknown, options: RequestOptions = {}) {
    if (typeof id !== "string" || id === "") throw invalidArgument("id", "a non-empty string");
    const text = payload === undefined ? undefined : typeof payload === "string" ? payload : JSON.stringify(payload);
    const auth = await this.#bearer(session, options);
    return this.#http.request<{ id?: string; payload?: string }>({
      method: text === undefined ? "GET" : "POST",
      path: path`/v2/rpc/${id}`,
      body: text,
      auth,
    }, options);
  }

  /**
   * Checks that the server is up.
   *
   * @example Wait for a server
   * ```ts
   * await client.healthcheck({ timeoutMs: 1000 });
   * ```
   */
  async healthcheck(options: RequestOptions = {}): Promise<void> {
    await this.#http.request({ method: "GET", path: "/healthcheck", auth: { type: "none" } }, options);
  }
}
