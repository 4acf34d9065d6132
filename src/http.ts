/**
 * The one HTTP request path shared by the Nakama, Satori and console clients: URL building, auth headers, a
 * per-attempt deadline, retries with backoff, JSON decoding and error mapping. Every endpoint method is a thin call
 * into {@link HttpTransport.request}.
 * @module
 */

import { deadline } from "./internal/deadline.ts";
import { delay } from "./internal/delay.ts";
import { utf8Encode } from "./internal/base64.ts";
import { bytesToBase64 } from "./internal/base64.ts";
import {
  invalidArgument,
  InvalidResponseError,
  NakamaError,
  NetworkError,
  type Service,
  TimeoutError,
} from "./errors.ts";
import type { Logger } from "./logger.ts";
import { isRetryable, parseRetryAfter, type ResolvedRetry, resolveRetry, retryDelay } from "./retry.ts";
import type { RetryConfiguration } from "./retry.ts";

/**
 * A fetch-compatible function: `globalThis.fetch`, or one a test or a runtime supplies.
 *
 * @example Counting requests
 * ```ts
 * import { Client, type FetchLike } from "@nakama-ts/sdk";
 * let sent = 0;
 * const counting: FetchLike = (input, init) => {
 *   sent++;
 *   return fetch(input, init);
 * };
 * const client = new Client({ fetch: counting });
 * ```
 */
export type FetchLike = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/**
 * Options every request method takes as its last argument.
 *
 * @example Cancelling a call
 * ```ts
 * import { Client } from "@nakama-ts/sdk";
 * const client = new Client();
 * const controller = new AbortController();
 * setTimeout(() => controller.abort(), 100);
 * await client.healthcheck({ signal: controller.signal }).catch((e) => console.log(e === controller.signal.reason));
 * ```
 */
export interface RequestOptions {
  /** Ends the call at once, even during a backoff wait; the call rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Overrides the client's retry configuration for this call. */
  retry?: RetryConfiguration;
  /** Overrides the client's per-attempt timeout for this call, in ms. */
  timeoutMs?: number;
}

/** How a request authenticates. */
export type Auth =
  | { readonly type: "basic"; readonly username: string; readonly password?: string }
  | { readonly type: "bearer"; readonly token: string }
  | { readonly type: "none" };

/** Query values: arrays repeat the key; undefined drops it. */
export type QueryValue = string | number | boolean | bigint | undefined | null | ReadonlyArray<string | number>;

/** One request, as the endpoint methods describe it. */
export interface RequestSpec {
  readonly method: "GET" | "POST" | "PUT" | "DELETE";
  /** The path, with every dynamic segment already encoded (see {@link path}). */
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  /** A value sent as JSON. */
  readonly body?: unknown;
  /** Text sent as it is, instead of `body`. */
  readonly rawBody?: string;
  readonly auth: Auth;
  /** Return the reply text as it is instead of parsing JSON. */
  readonly rawResponse?: boolean;
}

/** What a transport needs from its owner. */
export interface HttpTransportOptions {
  readonly baseUrl: string;
  readonly service: Service;
  readonly timeoutMs: number;
  readonly retry: ResolvedRetry;
  readonly logger: Logger;
  readonly fetch?: FetchLike;
}

/**
 * A tagged template that percent-encodes every interpolated value as one path segment, so an id holding `/`, `?`,
 * `#`, `%` or spaces can never change the route.
 * @throws {TypeError} for a segment of exactly "." or "..": URL parsers resolve those (even percent-encoded) into
 * another route, so no encoding can carry them.
 */
export function path(strings: TemplateStringsArray, ...values: ReadonlyArray<string | number>): string {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) {
    const value = String(values[i]);
    if (value === "." || value === "..") throw invalidArgument("path segment", 'other than "." or ".."');
    out += encodeURIComponent(value) + strings[i + 1];
  }
  return out;
}

/** The query string (without "?") of the defined values; arrays repeat the key. "" when nothing is left. */
function queryString(query: Readonly<Record<string, QueryValue>>): string {
  let params: URLSearchParams | undefined;
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    params ??= new URLSearchParams();
    if (Array.isArray(value)) {
      for (const item of value) params.append(key, String(item));
    } else {
      params.append(key, String(value));
    }
  }
  return params === undefined ? "" : params.toString();
}

function authorization(auth: Auth): string | undefined {
  switch (auth.type) {
    case "basic":
      return "Basic " + bytesToBase64(utf8Encode(`${auth.username}:${auth.password ?? ""}`));
    case "bearer":
      return "Bearer " + auth.token;
    default:
      return undefined;
  }
}

const PREVIEW = 200;

/**
 * The start of a reply body, kept in errors for diagnosis, with anything shaped like a JWT replaced: a body cut short
 * on an authenticate or refresh route would otherwise put part of a token into the error.
 */
function preview(text: string): string {
  return text.slice(0, PREVIEW).replace(/eyJ[\w-]*(?:\.[\w-]*){0,2}/g, "<token>");
}

/** Checks a millisecond option: a finite number >= 0 (0 turns the timeout off). */
export function checkTimeout(name: string, value: unknown): number {
  if (typeof value !== "number" || Number.isNaN(value) || value < 0) {
    throw invalidArgument(name, "a number of milliseconds >= 0");
  }
  return value;
}

/** The connection options every client (Nakama, Satori, console) takes. */
export interface ConnectionOptions {
  readonly host?: string;
  readonly port?: number;
  readonly useSSL?: boolean;
  readonly timeoutMs?: number;
  readonly retry?: RetryConfiguration;
  readonly logger?: Logger;
  readonly fetch?: FetchLike;
}

/**
 * Checks a client's connection options (naming the bad one) and builds its transport, so that the three clients
 * accept and refuse exactly the same values.
 */
export function createTransport(
  options: ConnectionOptions,
  service: Service,
  defaultPort: number,
  logger: Logger,
): HttpTransport {
  const { host = "127.0.0.1", port = defaultPort, useSSL = false } = options;
  if (typeof host !== "string" || host === "") throw invalidArgument("options.host", "a non-empty string");
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw invalidArgument("options.port", "an integer from 1 to 65535");
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw invalidArgument("options.fetch", "a function");
  }
  const hostPart = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  return new HttpTransport({
    baseUrl: `${useSSL ? "https" : "http"}://${hostPart}:${port}`,
    service,
    timeoutMs: checkTimeout("options.timeoutMs", options.timeoutMs ?? 10_000),
    retry: resolveRetry(options.retry),
    logger,
    fetch: options.fetch,
  });
}

/** Sends requests for one client. */
export class HttpTransport {
  readonly #options: HttpTransportOptions;
  readonly #base: URL;
  /** The base URL without query, fragment or trailing slash: every request URL is this plus its route. */
  readonly #prefix: string;

  /** Checks the base URL once; every request then resolves its path against it. */
  constructor(options: HttpTransportOptions) {
    this.#options = options;
    try {
      this.#base = new URL(options.baseUrl);
    } catch {
      throw invalidArgument("host", "a host name or address that forms a valid URL");
    }
    // A host holding "/", "?", "#" or "@" parses, but moves every request to another path, port or user.
    if (this.#base.pathname !== "/" || this.#base.search || this.#base.hash || this.#base.username) {
      throw invalidArgument("host", "a host name or address that forms a valid URL");
    }
    // Built once: parsing a URL per request costs more than the rest of the request's bookkeeping.
    const prefix = new URL(this.#base.href);
    prefix.search = "";
    prefix.hash = "";
    this.#prefix = prefix.href.replace(/\/$/, "");
  }

  /** The base URL, such as `http://127.0.0.1:7350`. */
  get baseUrl(): string {
    return this.#base.href.replace(/\/$/, "");
  }

  /**
   * Sends one request with retries, and returns the decoded JSON (or text with `rawResponse`).
   * Rejects with the caller's abort reason, a {@link TimeoutError}, a {@link NetworkError}, an
   * {@link InvalidResponseError} or a {@link NakamaError}.
   */
  async request<T>(spec: RequestSpec, options: RequestOptions = {}): Promise<T> {
    const signal = options.signal;
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      throw invalidArgument("options.signal", "an AbortSignal");
    }
    signal?.throwIfAborted();
    const retry = options.retry === undefined ? this.#options.retry : resolveRetry(options.retry, this.#options.retry);
    const timeoutMs = options.timeoutMs === undefined
      ? this.#options.timeoutMs
      : checkTimeout("options.timeoutMs", options.timeoutMs);
    for (let attempt = 1;; attempt++) {
      try {
        return await this.#attempt<T>(spec, timeoutMs, signal);
      } catch (error) {
        if (signal?.aborted || attempt > retry.maxRetries || !isRetryable(error)) throw error;
        const retryAfter = (error as { retryAfterMs?: number }).retryAfterMs;
        if (retryAfter !== undefined && retryAfter > retry.maxRetryAfterMs) throw error;
        const { backoffMs, delayMs } = retryDelay(retry, attempt, retryAfter);
        this.#options.logger.info(
          `${spec.method} ${spec.path}: retry ${attempt} of ${retry.maxRetries} in ${delayMs} ms`,
        );
        try {
          retry.listener?.({ attempt, backoffMs, delayMs, error });
        } catch (listenerError) {
          this.#options.logger.warn("The retry listener threw; retrying anyway.", listenerError);
        }
        await delay(delayMs, signal);
      }
    }
  }

  async #attempt<T>(spec: RequestSpec, timeoutMs: number, signal: AbortSignal | undefined): Promise<T> {
    const { method, path: route } = spec;
    const service = this.#options.service;
    const where = `${method} ${route}`;
    const query = spec.query === undefined ? "" : queryString(spec.query);
    const url = query === "" ? this.#prefix + route : `${this.#prefix}${route}?${query}`;
    const headers: Record<string, string> = { Accept: "application/json" };
    const auth = authorization(spec.auth);
    if (auth !== undefined) headers.Authorization = auth;
    let body: string | undefined;
    if (spec.rawBody !== undefined) {
      body = spec.rawBody;
      headers["Content-Type"] = "application/json";
    } else if (spec.body !== undefined) {
      body = JSON.stringify(spec.body);
      headers["Content-Type"] = "application/json";
    }
    const timer = deadline(
      timeoutMs,
      signal,
      () => new TimeoutError(`${where}: no reply within ${timeoutMs} ms`, { method, path: route, service }),
    );
    const logger = this.#options.logger;
    logger.debug(`${where}: sending`);
    try {
      const fetchFn = this.#options.fetch ?? globalThis.fetch;
      let response: Response;
      try {
        response = await fetchFn(url, { method, headers, body, signal: timer.signal });
      } catch (cause) {
        throw this.#failure(cause, timer.signal, where, query, { method, path: route, service });
      }
      let text: string;
      try {
        text = await response.text();
      } catch (cause) {
        const details = { method, path: route, service, status: response.status };
        throw this.#failure(cause, timer.signal, where, query, details);
      }
      logger.debug(`${where}: ${response.status}`);
      if (!response.ok) {
        throw errorFromReply(response, text, { method, path: route, service });
      }
      if (spec.rawResponse) return text as T;
      if (text === "") return {} as T;
      try {
        return JSON.parse(text) as T;
      } catch (cause) {
        throw new InvalidResponseError(`${where}: the ${response.status} reply is not valid JSON`, {
          status: response.status,
          method,
          path: route,
          service,
          data: preview(text),
          cause,
        });
      }
    } finally {
      timer.dispose();
    }
  }

  #failure(
    cause: unknown,
    combined: AbortSignal,
    where: string,
    query: string,
    details: { method: string; path: string; service: Service; status?: number },
  ): unknown {
    // The combined signal aborts with the caller's reason or with our TimeoutError; either is what the caller sees.
    if (combined.aborted) return combined.reason;
    scrubQuery(cause, query);
    const error = new NetworkError(`${where}: network failure (${describe(cause)})`, { ...details, cause });
    return error;
  }
}

/**
 * Runtimes quote the request URL in their network errors (Deno in a nested cause's message, Bun in `path`), and a
 * query may hold a key (`rpcHttpKey` sends the http key there): the query is cut out of every text of the cause chain.
 */
function scrubQuery(error: unknown, query: string, depth = 0): void {
  if (query === "" || depth > 4 || error === null || typeof error !== "object") return;
  const record = error as Record<string, unknown>;
  for (const key of new Set([...Object.keys(record), "message", "stack"])) {
    const value = record[key];
    if (typeof value !== "string" || !value.includes(query)) continue;
    try {
      record[key] = value.split(query).join("<query>");
    } catch { /* a read-only property: left as it is */ }
  }
  scrubQuery(record.cause, query, depth + 1);
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/**
 * Turns a non-2xx reply into a {@link NakamaError}, reading `{code, message}` (and the RPC route's `error` key)
 * when the body is JSON, and keeping the start of the text otherwise.
 */
export function errorFromReply(
  response: Response,
  text: string,
  details: { method: string; path: string; service: Service },
): NakamaError {
  let data: unknown = preview(text);
  let grpcCode: number | undefined;
  let serverMessage: string | undefined;
  try {
    const parsed = JSON.parse(text);
    data = parsed;
    if (parsed !== null && typeof parsed === "object") {
      if (typeof parsed.code === "number") grpcCode = parsed.code;
      if (typeof parsed.message === "string") serverMessage = parsed.message;
      else if (typeof parsed.error === "string") serverMessage = parsed.error;
    }
  } catch {
    // Not JSON (an HTML page from a proxy, say): the status alone describes it.
  }
  const where = `${details.method} ${details.path}`;
  const message = serverMessage !== undefined
    ? `${where}: ${response.status} ${serverMessage}`
    : `${where}: ${response.status} ${response.statusText || "error"}`;
  const error = new NakamaError(message, { ...details, status: response.status, grpcCode, data });
  const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
  if (retryAfterMs !== undefined) {
    Object.defineProperty(error, "retryAfterMs", { value: retryAfterMs, enumerable: false });
  }
  return error;
}
