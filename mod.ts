/**
 * A zero-dependency TypeScript client for the Nakama game server, built only on web standards, so it runs unchanged
 * on Deno, Bun, Node, Cloudflare Workers and browsers.
 *
 * @example Authenticate and read the account
 * ```ts
 * import { Client } from "@nakama-ts/sdk";
 * const client = new Client();
 * const session = await client.authenticateDevice("device-id-0001");
 * console.log((await client.getAccount(session)).user?.username);
 * ```
 * @module
 */

export { Client } from "./src/client.ts";
export type { AuthenticateOptions, ClientOptions } from "./src/client.ts";
export { Session } from "./src/session.ts";
export {
  ConnectionClosedError,
  grpcStatusName,
  InvalidResponseError,
  isNakamaError,
  NakamaError,
  NetworkError,
  SessionExpiredError,
  TimeoutError,
} from "./src/errors.ts";
export type { NakamaErrorDetails, Service } from "./src/errors.ts";
export type { FetchLike, RequestOptions } from "./src/http.ts";
export type { Logger } from "./src/logger.ts";
export type { RetryAttempt, RetryConfiguration } from "./src/retry.ts";
export type * from "./src/types.ts";
