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

// ---------------------------------------------------------------- realtime socket
export { Socket } from "./src/socket.ts";
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
} from "./src/socket_options.ts";
export { ChannelType } from "./src/socket_types.ts";
export type * from "./src/socket_types.ts";
export type * from "./src/socket_events.ts";
export { decodeJson, decodeText } from "./src/socket_data.ts";
export type { MatchPayload } from "./src/socket_data.ts";
export type { ReconnectOptions } from "./src/socket_reconnect.ts";
export type { WebSocketConstructor, WebSocketLike } from "./src/socket_transport.ts";
export type { OverflowPolicy } from "./src/internal/async_queue.ts";
