/**
 * The socket's opt-in reconnect: the policy (plain data, checked once) and the single loop that waits with backoff
 * and jitter, then tries again. The loop talks to the socket through a tiny host interface, and its waits end at
 * once when the socket's abort signal fires, so `close()` stops it mid-wait.
 * @module
 */

import { delay, MAX_TIMER_MS } from "./internal/delay.ts";
import { fullJitter } from "./retry.ts";

/**
 * How a socket reconnects after the connection drops. Waits grow exponentially from `baseDelayMs` up to
 * `maxDelayMs`, with jitter; the session is refreshed first when it is about to expire.
 *
 * @example Reconnect patiently, forever
 * ```ts
 * const socket = client.createSocket({ reconnect: { maxAttempts: Infinity, baseDelayMs: 1000, maxDelayMs: 60_000 } });
 * ```
 */
export interface ReconnectOptions {
  /** Attempts before giving up (then `disconnect` is emitted). Default 10; `Infinity` never gives up. */
  maxAttempts?: number;
  /** The wait before the first attempt, doubled for each further one. Default 500. */
  baseDelayMs?: number;
  /** The longest wait, before jitter. Default 30 000. */
  maxDelayMs?: number;
  /** Maps the exponential wait to the wait used. Default: full jitter, a uniform draw in [0, backoffMs]. */
  jitter?: (backoffMs: number, attempt: number) => number;
}

/** A policy with every field set. */
export type ResolvedReconnect = Required<ReconnectOptions>;

function checkRange(name: string, value: unknown, min: number, integerOrInfinity = false): void {
  const ok = typeof value === "number" && !Number.isNaN(value) && value >= min &&
    (integerOrInfinity ? Number.isInteger(value) || value === Infinity : Number.isFinite(value));
  if (!ok) {
    const error = new RangeError(`"reconnect.${name}" must be a number >= ${min}, got ${String(value)}`);
    (error as RangeError & { code: string }).code = "ERR_INVALID_ARG_VALUE";
    throw error;
  }
}

/** The policy of `reconnect: true`, made once and shared by every socket: it is never changed. */
let defaultPolicy: ResolvedReconnect | undefined;

/**
 * The policy for a `reconnect` option: undefined when reconnecting is off (`false` or absent).
 * @throws {RangeError} naming a field that is out of range.
 */
export function resolveReconnect(option: boolean | ReconnectOptions | undefined): ResolvedReconnect | undefined {
  if (option === undefined || option === false) return undefined;
  if (option === true) return defaultPolicy ??= Object.freeze(resolveReconnect({})!);
  const given: ReconnectOptions = option;
  if (given === null || typeof given !== "object") {
    throw new TypeError(`"options.reconnect" must be a boolean or an object`);
  }
  const policy: ResolvedReconnect = {
    maxAttempts: given.maxAttempts ?? 10,
    baseDelayMs: given.baseDelayMs ?? 500,
    maxDelayMs: given.maxDelayMs ?? 30_000,
    jitter: given.jitter ?? fullJitter,
  };
  checkRange("maxAttempts", policy.maxAttempts, 1, true);
  checkRange("baseDelayMs", policy.baseDelayMs, 0);
  checkRange("maxDelayMs", policy.maxDelayMs, 0);
  if (typeof policy.jitter !== "function") throw new TypeError(`"reconnect.jitter" must be a function`);
  return policy;
}

/** The wait before attempt number `attempt` (1-based), clamped to what a timer can hold. */
export function reconnectDelay(policy: ResolvedReconnect, attempt: number): number {
  const backoffMs = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  const jittered = policy.jitter(backoffMs, attempt);
  return Number.isFinite(jittered) ? Math.min(Math.max(0, jittered), MAX_TIMER_MS) : backoffMs;
}

/** What the loop needs from its socket. */
export interface ReconnectHost {
  /** Told before each wait. */
  waiting(attempt: number, delayMs: number, lastError: Error | undefined): void;
  /** One attempt: resolves when connected again. */
  attempt(signal: AbortSignal): Promise<void>;
  /** True for a failure that no further attempt can fix (the session cannot be refreshed). */
  isFatal(error: unknown): boolean;
}

/**
 * Tries until an attempt succeeds (resolves with the number of attempts), the policy gives up or a fatal error
 * happens (rejects with the last error), or `signal` aborts (rejects with its reason).
 */
export async function reconnectLoop(
  host: ReconnectHost,
  policy: ResolvedReconnect,
  signal: AbortSignal,
): Promise<number> {
  let lastError: Error | undefined;
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    const delayMs = reconnectDelay(policy, attempt);
    host.waiting(attempt, delayMs, lastError);
    await delay(delayMs, signal);
    try {
      await host.attempt(signal);
      return attempt;
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (host.isFatal(error)) throw error;
      lastError = error instanceof Error ? error : new Error(String(error));
    }
  }
  throw lastError ?? new Error("Reconnecting gave up.");
}
