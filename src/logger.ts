/**
 * The logger seam. Nothing is logged unless the app passes a logger, and what is logged never holds a token, a
 * refresh token, a password or a key: request bodies and query strings are not logged at all.
 * @module
 */

/**
 * Where the SDK writes its diagnostics. `console` fits as it is.
 *
 * @example Logging to the console
 * ```ts
 * import { Client } from "@nakama-ts/sdk";
 * const client = new Client({ logger: console });
 * ```
 */
export interface Logger {
  /** Each request and reply, each socket frame's kind. */
  debug(message: string, ...data: unknown[]): void;
  /** Retries, refreshes, reconnects. */
  info(message: string, ...data: unknown[]): void;
  /** Recoverable trouble: a reply to an unknown cid, a listener that threw. */
  warn(message: string, ...data: unknown[]): void;
  /** Failures that reach the app. */
  error(message: string, ...data: unknown[]): void;
}

const noop = () => {};

/** The default: discards everything. */
export const silentLogger: Logger = /* @__PURE__ */ Object.freeze({ debug: noop, info: noop, warn: noop, error: noop });
