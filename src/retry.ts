/**
 * The retry policy: plain data, checked once, with exponential backoff and full jitter by default, like the .NET
 * client's `RetryConfiguration`. Which failures are worth another attempt is decided here and nowhere else.
 * @module
 */

import { MAX_TIMER_MS } from "./internal/delay.ts";
import { NakamaError, NetworkError } from "./errors.ts";

/**
 * One scheduled retry, as reported to {@link RetryConfiguration.listener}.
 *
 * @example Logging retries
 * ```ts
 * import { Client, type RetryAttempt } from "@nakama-ts/sdk";
 * const listener = (retry: RetryAttempt) => console.log(`retry ${retry.attempt} after ${retry.delayMs} ms`);
 * const client = new Client({ retry: { listener } });
 * ```
 */
export interface RetryAttempt {
  /** 1 for the first retry, 2 for the second... */
  readonly attempt: number;
  /** The exponential delay before jitter, in ms. */
  readonly backoffMs: number;
  /** The delay actually waited, in ms. */
  readonly delayMs: number;
  /** The failure that caused the retry. */
  readonly error: unknown;
}

/**
 * How failed requests are retried. Network failures, 5xx replies and 429 are retried; 4xx replies, timeouts and the
 * caller's aborts never are.
 *
 * @example A patient configuration with a listener
 * ```ts
 * import { Client, type RetryConfiguration } from "@nakama-ts/sdk";
 * const retry: RetryConfiguration = {
 *   baseDelayMs: 250,
 *   maxRetries: 6,
 *   listener: ({ attempt, delayMs }) => console.log(`retry ${attempt} in ${delayMs} ms`),
 * };
 * const client = new Client({ retry });
 * ```
 */
export interface RetryConfiguration {
  /** The delay before the first retry, doubled for each further one. Default 500. */
  readonly baseDelayMs?: number;
  /** Retries after the first attempt; 0 turns retrying off. Default 4. */
  readonly maxRetries?: number;
  /** The longest backoff, before jitter. Default 30 000. */
  readonly maxDelayMs?: number;
  /**
   * Maps the exponential delay to the delay to wait. Default: full jitter, a uniform draw in [0, backoffMs].
   */
  readonly jitter?: (backoffMs: number, attempt: number) => number;
  /** Called before each retry's wait. A listener that throws does not stop the retry. */
  readonly listener?: (retry: RetryAttempt) => void;
  /** The longest `Retry-After` a 429 or 503 may ask for; longer ones are not waited for. Default 60 000. */
  readonly maxRetryAfterMs?: number;
}

/** A configuration with every field set. */
export type ResolvedRetry = Required<Omit<RetryConfiguration, "listener">> & Pick<RetryConfiguration, "listener">;

/** Full jitter: a uniform draw in [0, backoffMs]. */
export function fullJitter(backoffMs: number): number {
  return Math.round(backoffMs * Math.random());
}

/** The defaults, the same as the .NET client's (500 ms, 4 retries, full jitter). */
export const DEFAULT_RETRY: ResolvedRetry = /* @__PURE__ */ Object.freeze({
  baseDelayMs: 500,
  maxRetries: 4,
  maxDelayMs: 30_000,
  jitter: fullJitter,
  maxRetryAfterMs: 60_000,
  listener: undefined,
});

function checkNumber(name: string, value: unknown, min: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min) {
    const error = new RangeError(`"retry.${name}" must be a finite number >= ${min}, got ${String(value)}`);
    (error as RangeError & { code: string }).code = "ERR_INVALID_ARG_VALUE";
    throw error;
  }
}

/**
 * Fills in the defaults and checks every field.
 * @throws {RangeError} naming the field that is out of range.
 */
export function resolveRetry(
  config: RetryConfiguration | undefined,
  base: ResolvedRetry = DEFAULT_RETRY,
): ResolvedRetry {
  if (config === undefined) return base;
  const resolved = { ...base, ...config } as ResolvedRetry;
  checkNumber("baseDelayMs", resolved.baseDelayMs, 0);
  checkNumber("maxRetries", resolved.maxRetries, 0);
  checkNumber("maxDelayMs", resolved.maxDelayMs, 0);
  checkNumber("maxRetryAfterMs", resolved.maxRetryAfterMs, 0);
  if (!Number.isInteger(resolved.maxRetries)) checkNumber("maxRetries", NaN, 0);
  if (typeof resolved.jitter !== "function") {
    throw new TypeError(`"retry.jitter" must be a function`);
  }
  if (resolved.listener !== undefined && typeof resolved.listener !== "function") {
    throw new TypeError(`"retry.listener" must be a function`);
  }
  return resolved;
}

/**
 * True for the failures worth another attempt: no reply at all, 5xx, or 429. 501 is left out: it means the server
 * has no such route or method (an older server version), which no retry can change.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  if (error?.constructor !== NakamaError) return false;
  const status = (error as NakamaError).status;
  return status !== undefined && (status === 429 || (status >= 500 && status <= 599 && status !== 501));
}

/**
 * Milliseconds asked for by a `Retry-After` header (seconds or an HTTP date), or undefined when absent or invalid.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The wait before retry number `attempt` (1-based). A server's `Retry-After` wins and gets no jitter.
 */
export function retryDelay(config: ResolvedRetry, attempt: number, retryAfterMs?: number): {
  backoffMs: number;
  delayMs: number;
} {
  if (retryAfterMs !== undefined) {
    return { backoffMs: retryAfterMs, delayMs: Math.min(retryAfterMs, MAX_TIMER_MS) };
  }
  const backoffMs = Math.min(config.baseDelayMs * 2 ** (attempt - 1), config.maxDelayMs);
  const jittered = config.jitter(backoffMs, attempt);
  const delayMs = Number.isFinite(jittered) ? Math.min(Math.max(0, jittered), MAX_TIMER_MS) : backoffMs;
  return { backoffMs, delayMs };
}
