/**
 * The Satori live-ops client: identities and properties, analytics events (sent one by one or through a batching
 * queue), experiments, feature flags, live events and the message inbox. It shares the Nakama client's transport,
 * retry policy, errors and {@link Session}, and runs on every runtime the Nakama client runs on.
 *
 * @example Authenticate, read a flag and queue events
 * ```ts
 * import { SatoriClient } from "@nakama-ts/sdk/satori";
 * const satori = new SatoriClient({ host: "127.0.0.1", port: 7450, apiKey: "defaultkey" });
 * const session = await satori.authenticate("player-0001");
 * const flag = await satori.getFlag(session, "max_lives", { defaultValue: "3" });
 * await using queue = satori.createEventQueue(session, { maxBatch: 50, flushIntervalMs: 10_000 });
 * queue.enqueue({ name: "gameStarted", metadata: { lives: flag.value ?? "3" } });
 * ```
 * @module
 */

export { SatoriClient } from "./src/satori/client.ts";
export type {
  DeletePropertiesOptions,
  GetFlagOptions,
  GetLiveEventsOptions,
  GetMessageListOptions,
  NameLabelFilter,
  PropertiesInput,
  SatoriAuthenticateOptions,
  SatoriClientOptions,
  UpdateMessageOptions,
  UpdatePropertiesOptions,
} from "./src/satori/client.ts";
export type { SatoriEvent } from "./src/satori/event.ts";
export { EventQueue } from "./src/satori/event_queue.ts";
export type { DroppedEvents, EventQueueOptions } from "./src/satori/event_queue.ts";
export { Session } from "./src/session.ts";
export {
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
export type * from "./src/satori/types.ts";
