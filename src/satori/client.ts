/**
 * The Satori live-ops client: identities and their properties, events, experiments, feature flags, live events and
 * the message inbox. It shares the Nakama client's transport ({@link HttpTransport}), retry policy, errors, logger
 * and {@link Session}, so it behaves the same on every runtime.
 * @module
 */

import {
  checkTimeout,
  createTransport,
  type FetchLike,
  type HttpTransport,
  path,
  type RequestOptions,
} from "../http.ts";
import { invalidArgument, InvalidResponseError, NakamaError, TimeoutError } from "../errors.ts";
import { type Logger, silentLogger } from "../logger.ts";
import { isRetryable, type RetryConfiguration } from "../retry.ts";
import { Session } from "../session.ts";
import { SessionRefresher } from "../session_refresh.ts";
import { EventQueue, type EventQueueOptions } from "./event_queue.ts";
import { type SatoriEvent, toApiEvent } from "./event.ts";
import { checkCount, checkId, checkStringList, checkStringMap, unixSeconds } from "./check.ts";
import type {
  ApiEvent,
  ApiExperimentList,
  ApiFlag,
  ApiFlagList,
  ApiFlagOverrideList,
  ApiGetMessageListResponse,
  ApiLiveEventList,
  ApiProperties,
  ApiSatoriSession,
  StringMap,
} from "./types.ts";

/**
 * Options of {@link SatoriClient}. Every field is optional.
 *
 * @example A client for a hosted Satori
 * ```ts
 * import { SatoriClient } from "@nakama-ts/sdk/satori";
 * const satori = new SatoriClient({ host: "acme.satori.example", port: 443, useSSL: true, apiKey: "my-api-key" });
 * ```
 */
export interface SatoriClientOptions {
  /** The API key, sent with authenticate and refresh calls and with default-flag lookups. Default `"defaultkey"`. */
  apiKey?: string;
  /** Host name or address. Default `"127.0.0.1"`. */
  host?: string;
  /** Port. Default 7450. */
  port?: number;
  /** Use HTTPS. Default false. */
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

/**
 * Identity properties to set, as accepted by `authenticate`, `identify` and `updateProperties`.
 *
 * @example Default and custom properties
 * ```ts
 * import type { PropertiesInput } from "@nakama-ts/sdk/satori";
 * const properties: PropertiesInput = { defaultProperties: { language: "de" }, customProperties: { level: "7" } };
 * ```
 */
export interface PropertiesInput {
  /** Satori's default properties (`email`, `language`, push tokens...). */
  defaultProperties?: StringMap;
  /** The game's custom properties. */
  customProperties?: StringMap;
}

/**
 * Options of {@link SatoriClient.authenticate} and {@link SatoriClient.identify}.
 *
 * @example Authenticate with a deadline
 * ```ts
 * import { SatoriClient, type SatoriAuthenticateOptions } from "@nakama-ts/sdk/satori";
 * const options: SatoriAuthenticateOptions = { customProperties: { platform: "web" }, timeoutMs: 3_000 };
 * const session = await new SatoriClient().authenticate("player-0001", options);
 * ```
 */
export interface SatoriAuthenticateOptions extends RequestOptions, PropertiesInput {}

/**
 * Options of {@link SatoriClient.updateProperties}.
 *
 * @example Set a property and recompute audiences
 * ```ts
 * import type { UpdatePropertiesOptions } from "@nakama-ts/sdk/satori";
 * const options: UpdatePropertiesOptions = { customProperties: { vip: "true" }, recompute: true };
 * ```
 */
export interface UpdatePropertiesOptions extends RequestOptions, PropertiesInput {
  /** Ask the server to recompute audience membership now. Default false. */
  recompute?: boolean;
}

/**
 * Options of {@link SatoriClient.deleteProperties}: the names to remove.
 *
 * @example Remove two custom properties
 * ```ts
 * import type { DeletePropertiesOptions } from "@nakama-ts/sdk/satori";
 * const options: DeletePropertiesOptions = { customProperties: ["tutorialStep", "lastScreen"] };
 * ```
 */
export interface DeletePropertiesOptions extends RequestOptions {
  /** Names of default properties to remove. */
  defaultProperties?: readonly string[];
  /** Names of custom properties to remove. */
  customProperties?: readonly string[];
  /** Ask the server to recompute audience membership now. Default false. */
  recompute?: boolean;
}

/**
 * Filters of the experiment, flag and live-event lookups; absent filters mean "all".
 *
 * @example Only the flags labelled "startup"
 * ```ts
 * import type { NameLabelFilter } from "@nakama-ts/sdk/satori";
 * const filter: NameLabelFilter = { labels: ["startup"] };
 * ```
 */
export interface NameLabelFilter extends RequestOptions {
  /** Only these names. */
  names?: readonly string[];
  /** Only configurations with these labels. */
  labels?: readonly string[];
}

/**
 * Options of {@link SatoriClient.getFlag} and {@link SatoriClient.getFlagDefault}.
 *
 * @example A fallback value
 * ```ts
 * import type { GetFlagOptions } from "@nakama-ts/sdk/satori";
 * const options: GetFlagOptions = { defaultValue: "3", timeoutMs: 2_000 };
 * ```
 */
export interface GetFlagOptions extends RequestOptions {
  /**
   * The value to return when the flag does not exist or Satori cannot be reached (network failure, timeout, 5xx or
   * 429 after the retries). Without it, those cases reject.
   */
  defaultValue?: string;
}

/**
 * Options of {@link SatoriClient.getLiveEvents}.
 *
 * @example The next run of each event
 * ```ts
 * import type { GetLiveEventsOptions } from "@nakama-ts/sdk/satori";
 * const options: GetLiveEventsOptions = { futureRunCount: 1, labels: ["weekend"] };
 * ```
 */
export interface GetLiveEventsOptions extends NameLabelFilter {
  /** How many past runs of each event to include. */
  pastRunCount?: number;
  /** How many future runs of each event to include. */
  futureRunCount?: number;
  /** Start of the time window, Unix seconds. */
  startTimeSec?: number;
  /** End of the time window, Unix seconds. */
  endTimeSec?: number;
}

/**
 * Options of {@link SatoriClient.getMessageList}.
 *
 * @example Newest messages first
 * ```ts
 * import type { GetMessageListOptions } from "@nakama-ts/sdk/satori";
 * const options: GetMessageListOptions = { limit: 10, forward: false };
 * ```
 */
export interface GetMessageListOptions extends RequestOptions {
  /** Page size, 1 to 100. Default 100. */
  limit?: number;
  /** True lists oldest to newest. Default true. */
  forward?: boolean;
  /** A cursor from a previous page. */
  cursor?: string;
  /** Only these message ids. */
  messageIds?: readonly string[];
}

/**
 * Options of {@link SatoriClient.updateMessage}. Times are Unix seconds.
 *
 * @example Read now
 * ```ts
 * import type { UpdateMessageOptions } from "@nakama-ts/sdk/satori";
 * const options: UpdateMessageOptions = { readTime: Math.floor(Date.now() / 1000) };
 * ```
 */
export interface UpdateMessageOptions extends RequestOptions {
  /** When the message was read. */
  readTime?: number | string;
  /** When the message was consumed. */
  consumeTime?: number | string;
}

const DEFAULT_PORT = 7450;

/** True when a flag lookup with a default should answer with the default instead of failing. */
function isUnreachable(error: unknown): boolean {
  return isRetryable(error) || error instanceof TimeoutError;
}

/**
 * The Satori client. Methods that need a session take it first; required arguments are positional and the rest go
 * in a last options object, which always accepts `signal`, `retry` and `timeoutMs`.
 *
 * @example Authenticate, read a flag, send an event
 * ```ts
 * import { SatoriClient } from "@nakama-ts/sdk/satori";
 * const satori = new SatoriClient({ apiKey: "defaultkey" });
 * const session = await satori.authenticate("player-0001", { customProperties: { level: "3" } });
 * const lives = await satori.getFlag(session, "max_lives", { defaultValue: "3" });
 * await satori.event(session, { name: "gameStarted" });
 * console.log(lives.value);
 * ```
 */
export class SatoriClient {
  /** The API key sent with authenticate and refresh calls and with default-flag lookups. */
  readonly apiKey: string;
  /** Whether sessions are refreshed automatically before calls. */
  readonly autoRefreshSession: boolean;
  /** How close to expiry (ms) a session is refreshed before a call. */
  readonly expiredTimespanMs: number;
  readonly #http: HttpTransport;
  readonly #logger: Logger;
  readonly #refresher: SessionRefresher;

  /**
   * Checks the options and builds a client. No request is sent.
   * @throws {TypeError} naming an option of the wrong type.
   */
  constructor(options: SatoriClientOptions = {}) {
    if (options === null || typeof options !== "object") throw invalidArgument("options", "an object");
    const { apiKey = "defaultkey" } = options;
    if (typeof apiKey !== "string") throw invalidArgument("options.apiKey", "a string");
    if (options.onSessionRefreshed !== undefined && typeof options.onSessionRefreshed !== "function") {
      throw invalidArgument("options.onSessionRefreshed", "a function");
    }
    this.apiKey = apiKey;
    this.autoRefreshSession = options.autoRefreshSession ?? true;
    this.expiredTimespanMs = checkTimeout("options.expiredTimespanMs", options.expiredTimespanMs ?? 300_000);
    this.#logger = options.logger ?? silentLogger;
    this.#http = createTransport(options, "satori", DEFAULT_PORT, this.#logger);
    this.#refresher = new SessionRefresher({
      service: "satori",
      logger: this.#logger,
      autoRefresh: this.autoRefreshSession,
      expiredTimespanMs: this.expiredTimespanMs,
      onSessionRefreshed: options.onSessionRefreshed,
    });
  }

  /** The server's base URL, such as `http://127.0.0.1:7450`. */
  get baseUrl(): string {
    return this.#http.baseUrl;
  }

  // ---------------------------------------------------------------- sessions

  #apiKeyAuth() {
    return { type: "basic", username: this.apiKey } as const;
  }

  /** A Bearer auth for the session, refreshing it first when it is about to expire. */
  async #bearer(session: Session, options?: RequestOptions) {
    if (!(session instanceof Session)) throw invalidArgument("session", "a Session");
    if (this.#refresher.isDue(session)) {
      await this.sessionRefresh(session, { signal: options?.signal, retry: options?.retry });
    }
    return { type: "bearer", token: session.token } as const;
  }

  #sessionFrom(reply: ApiSatoriSession, where: string): Session {
    if (typeof reply?.token !== "string") {
      throw new NakamaError(`${where}: the reply has no session token`, { service: "satori" });
    }
    return new Session(reply.token, reply.refresh_token ?? "");
  }

  /**
   * Authenticates an identity, creating it when it does not exist yet. Satori identity ids are chosen by the
   * client: 8 to 128 characters of `A-Z a-z 0-9 _ -`. Properties given here are set on the identity.
   *
   * @example Sign in with the Nakama user id
   * ```ts
   * import { SatoriClient } from "@nakama-ts/sdk/satori";
   * const satori = new SatoriClient();
   * const session = await satori.authenticate("3f0c6a4e-user-id", { defaultProperties: { language: "de" } });
   * console.log(session.identityId);
   * ```
   */
  async authenticate(id: string, options: SatoriAuthenticateOptions = {}): Promise<Session> {
    checkId("id", id);
    const body = {
      id,
      default: checkStringMap("options.defaultProperties", options.defaultProperties),
      custom: checkStringMap("options.customProperties", options.customProperties),
    };
    const reply = await this.#http.request<ApiSatoriSession>({
      method: "POST",
      path: "/v1/authenticate",
      body,
      auth: this.#apiKeyAuth(),
    }, options);
    return this.#sessionFrom(reply, "POST /v1/authenticate");
  }

  /**
   * Refreshes the session in place with its refresh token, and returns it. Concurrent calls for the same session
   * share one request.
   * @throws {SessionExpiredError} when the refresh token has expired or the server rejects it.
   *
   * @example Refresh before a long operation
   * ```ts
   * import { SatoriClient } from "@nakama-ts/sdk/satori";
   * const satori = new SatoriClient();
   * const session = await satori.authenticate("player-0001");
   * await satori.sessionRefresh(session);
   * console.log(new Date(session.expiresAt * 1000));
   * ```
   */
  sessionRefresh(session: Session, options: RequestOptions = {}): Promise<Session> {
    if (!(session instanceof Session)) throw invalidArgument("session", "a Session");
    return this.#refresher.refresh(session, (refreshToken) =>
      this.#http.request<ApiSatoriSession>({
        method: "POST",
        path: "/v1/authenticate/refresh",
        body: { refresh_token: refreshToken },
        auth: this.#apiKeyAuth(),
      }, options));
  }

  /**
   * Invalidates the session's token and refresh token on the server. The session is never refreshed first.
   *
   * @example Sign out
   * ```ts
   * import { SatoriClient } from "@nakama-ts/sdk/satori";
   * const satori = new SatoriClient();
   * const session = await satori.authenticate("player-0001");
   * await satori.authenticateLogout(session);
   * ```
   */
  async authenticateLogout(session: Session, options: RequestOptions = {}): Promise<void> {
    if (!(session instanceof Session)) throw invalidArgument("session", "a Session");
    await this.#http.request({
      method: "POST",
      path: "/v1/authenticate/logout",
      body: { token: session.token, refresh_token: session.refreshToken },
      auth: { type: "bearer", token: session.token },
    }, options);
  }

  /**
   * Moves the session to another identity (an anonymous device identity becoming an account, say). The server
   * issues new tokens and the old ones stop working, so the session is updated in place and returned.
   * `onSessionRefreshed` is not called: the caller holds the session and can persist it.
   *
   * @example Identify after sign-in
   * ```ts
   * import { SatoriClient } from "@nakama-ts/sdk/satori";
   * const satori = new SatoriClient();
   * const session = await satori.authenticate("anonymous-device-0001");
   * await satori.identify(session, "account-0001", { customProperties: { linked: "true" } });
   * console.log(session.identityId); // "account-0001"
   * ```
   */
  async identify(session: Session, id: string, options: SatoriAuthenticateOptions = {}): Promise<Session> {
    checkId("id", id);
    const body = {
      id,
      default: checkStringMap("options.defaultProperties", options.defaultProperties),
      custom: checkStringMap("options.customProperties", options.customProperties),
    };
    const reply = await this.#http.request<ApiSatoriSession>({
      method: "PUT",
      path: "/v1/identify",
      body,
      auth: await this.#bearer(session, options),
    }, options);
    if (typeof reply?.token !== "string") {
      throw new NakamaError("PUT /v1/identify: the reply has no session token", { service: "satori" });
    }
    session.update(reply.token, reply.refresh_token ?? "");
    return session;
  }

  /**
   * Deletes the session's identity and all its data.
   *
   * @example Erase a player on request
   * ```ts
   * import { SatoriClient } from "@nakama-ts/sdk/satori";
   * const satori = new SatoriClient();
   * const session = await satori.authenticate("player-0001");
   * await satori.deleteIdentity(session);
   * ```
   */
  async deleteIdentity(session: Session, options: RequestOptions = {}): Promise<void> {
    const auth = await this.#bearer(session, options);
    await this.#http.request({ method: "DELETE", path: "/v1/identity", auth }, options);
  }

  // ---------------------------------------------------------------- properties

  /**
   * Reads the identity's default, custom and computed properties.
   *
   * @example Read a custom property
   * ```ts
   * import { SatoriClient } from "@nakama-ts/sdk/satori";
   * const satori = new SatoriClient();
   * const session = await satori.authenticate("player-0001");
   * const properties = await satori.listProperties(session);
   * console.log(properties.custom?.level);
   * ```
   */
  async listProperties(session: Session, options: RequestOptions = {}): Promise<ApiProperties> {
    const auth = await this.#bearer(session, options);
    return await this.#http.request<ApiProperties>({ method: "GET", path: "/v1/properties", auth }, options);
  }

  /**
   * Sets default and custom properties; properties not named are left as they are.
   *
   * @example Record the player's level
   * ```ts
   * import { SatoriClient } from "@nakama-ts/sdk/satori";
   * const satori = new SatoriClient();
   * const session = await satori.authenticate("player-0001");
   * await satori.updateProperties(session, { customProperties: { level: "5" }, recompute: true });
   * ```
   */
  async updateProperties(session: Session, options: UpdatePropertiesOptions = {}): Promise<void> {
    const body = {
      default: checkStringMap("options.defaultProperties", options.defaultProperties),
      custom: checkStringMap("options.customProperties", options.customProperties),
      recompute: options.recompute === true,
    };
    const auth = await this.#bearer(session, options);
    await this.#http.request({ method: "PUT", path: "/v1/properties", body, auth }, options);
  }

  /**
   * Removes default and custom properties by name. Satori's API documents no delete route, so this is an update
   * that sets each named property to an empty value.
   *
   * @example Forget a custom property
   * ```ts
   * import { SatoriClient } from "@nakama-ts/sdk/satori";
   * const satori = new SatoriClient();
   * const session = await satori.authenticate("player-0001");
   * await satori.deleteProperties(session, { customProperties: ["tutorialStep"] });
   * ```
   */
  async deleteProperties(session: Session, options: DeletePropertiesOptions = {}): Promise<void> {
    const blank = (name: string, names: readonly string[] | undefined) =>
      names === undefined ? undefined : Object.fromEntries(checkStringList(name, names)!.map((key) => [key, ""]));
    await this.updateProperties(session, {
      ...options,
      defaultProperties: blank("options.defaultProperties", options.defaultProperties),
      customProperties: blank("options.customProperties", options.customProperties),
    });
  }

  // ---------------------------------------------------------------- events

  /**
   * Publishes one event now. Use {@link SatoriClient.createEventQueue} to batch events instead.
   *
   * @example Send an event
   * ```ts
   * import { SatoriClient } from "@nakama-ts/sdk/satori";
   * const satori = new SatoriClient();
   * const session = await satori.authenticate("player-0001");
   * await satori.event(session, { name: "levelCompleted", value: "12" });
   * ```
   */
  event(session: Session, event: SatoriEvent, options: RequestOptions = {}): Promise<void> {
    return this.#sendEvents(session, [toApiEvent(event)], options);
  }

  /**
   * Publishes several events in one request.
   *
   * @example Send a batch
   * ```ts
   * import { SatoriClient } from "@nakama-ts/sdk/satori";
   * const satori = new SatoriClient();
   * const session = await satori.authenticate("player-0001");
   * await satori.events(session, [{ name: "adStarted" }, { name: "adFinished", value: "30" }]);
   * ```
   */
  events(session: Session, events: readonly SatoriEvent[], options: RequestOptions = {}): Promise<void> {
    if (!Array.isArray(events)) throw invalidArgument("events", "an array of events");
    return this.#sendEvents(session, events.map((event, i) => toApiEvent(event, `events[${i}]`)), options);
  }

  async #sendEvents(session: Session, events: readonly ApiEvent[], options: RequestOptions): Promise<void> {
    const auth = await this.#bearer(session, options);
    await this.#http.request({ method: "POST", path: "/v1/event", body: { events }, auth }, options);
  }

  /**
   * Starts a queue that sends events in batches: when `maxBatch` events are waiting, every `flushIntervalMs`, and
   * on `flush()`. Close it (or `await using` it) to send what is left and stop its timer.
   *
   * @example Batch events and flush before exit
   * ```ts
   * import { SatoriClient } from "@nakama-ts/sdk/satori";
   * const satori = new SatoriClient();
   * const session = await satori.authenticate("player-0001");
   * const queue = satori.createEventQueue(session, {
   *   maxBatch: 50,
   *   flushIntervalMs: 5_000,
   *   onDropped: ({ events, error }) => console.warn(`${events.length} events rejected`, error),
   * });
   * queue.enqueue({ name: "screenViewed", metadata: { screen: "shop" } });
   * await queue.close();
   * ```
   */
  createEventQueue(session: Session, options: EventQueueOptions = {}): EventQueue {
    return new EventQueue(this, session, { ...options, logger: options.logger ?? this.#logger });
  }

  // ---------------------------------------------------------------- experiments

  /**
   * Lists the experiments the identity takes part in, optionally only some names or labels.
   *
   * @example Read one experiment
   * ```ts
   * import { SatoriClient } from "@nakama-ts/sdk/satori";
   * const satori = new SatoriClient();
   * const session = await satori.authenticate("player-0001");
   * const { experiments } = await satori.getExperiments(session, { names: ["shop_layout"] });
   * console.log(experiments?.[0]?.phase_variant_name);
   * ```
   */
  async getExperiments(session: Session, options: NameLabelFilter = {}): Promise<ApiExperimentList> {
    const query = this.#filter(options);
    const auth = await this.#bearer(session, options);
    return await this.#http.request<ApiExperimentList>({ method: "GET", path: "/v1/experiment", query, auth }, options);
  }

  /**
   * Lists every experiment the identity takes part in.
   *
   * @example All experiments
   * ```ts
   * import { SatoriClient } from "@nakama-ts/sdk/satori";
   * const satori = new SatoriClient();
   * const session = await satori.authenticate("player-0001");
   * const { experiments = [] } = await satori.getAllExperiments(session);
   * console.log(experiments.map((e) => e.name));
   * ```
   */
  getAllExperiments(session: Session, options: RequestOptions = {}): Promise<ApiExperimentList> {
    return this.getExperiments(session, { signal: options.signal, retry: options.retry, timeoutMs: options.timeoutMs });
  }

  // ---------------------------------------------------------------- flags

  #filter(options: NameLabelFilter) {
    return {
      names: checkStringList("options.names", options.names),
      labels: checkStringList("options.labels", options.labels),
    };
  }

  /**
   * Lists the identity's flag values (audience targeting applied), optionally only some names or labels.
   *
   * @example Read all flags into a map
   * ```ts
   * import { SatoriClient } from "@nakama-ts/sdk/satori";
   * const satori = new SatoriClient();
   * const session = await satori.authenticate("player-0001");
   * const { flags = [] } = await satori.getFlags(session);
   * const values = Object.fromEntries(flags.map((f) => [f.name, f.value]));
   * ```
   */
  async getFlags(session: Session, options: NameLabelFilter = {}): Promise<ApiFlagList> {
    const query = this.#filter(options);
    const auth = await this.#bearer(session, options);
    return await this.#http.request<ApiFlagList>({ method: "GET", path: "/v1/flag", query, auth }, options);
  }

  /**
   * Reads one flag's value for the identity. With `defaultValue`, a missing flag or an unreachable server gives
   * `{ name, value: defaultValue, condition_changed: false }`; without it, a missing flag rejects with a
   * {@link NakamaError} whose `grpcStatus` is `"NOT_FOUND"`.
   *
   * @example A flag with a fallback
   * ```ts
   * import { SatoriClient } from "@nakama-ts/sdk/satori";
   * const satori = new SatoriClient();
   * const session = await satori.authenticate("player-0001");
   * const flag = await satori.getFlag(session, "max_lives", { defaultValue: "3" });
   * console.log(Number(flag.value));
   * ```
   */
  getFlag(session: Session, name: string, options: GetFlagOptions = {}): Promise<ApiFlag> {
    checkId("name", name);
    return this.#oneFlag(name, options, (filter) => this.getFlags(session, filter));
  }

  /**
   * Lists flags' default values, with the API key and no session (before sign-in, say).
   *
   * @example Defaults before sign-in
   * ```ts
   * import { SatoriClient } from "@nakama-ts/sdk/satori";
   * const satori = new SatoriClient();
   * const { flags = [] } = await satori.getFlagsDefault({ labels: ["startup"] });
   * console.log(flags.length);
   * ```
   */
  async getFlagsDefault(options: NameLabelFilter = {}): Promise<ApiFlagList> {
    const query = this.#filter(options);
    return await this.#http.request<ApiFlagList>({
      method: "GET",
      path: "/v1/flag",
      query,
      auth: this.#apiKeyAuth(),
    }, options);
  }

  /**
   * Reads one flag's default value with the API key and no session; `defaultValue` works as in
   * {@link SatoriClient.getFlag}.
   *
   * @example A default flag with a fallback
   * ```ts
   * import { SatoriClient } from "@nakama-ts/sdk/satori";
   * const satori = new SatoriClient();
   * const flag = await satori.getFlagDefault("min_version", { defaultValue: "1.0.0" });
   * console.log(flag.value);
   * ```
   */
  getFlagDefault(name: string, options: GetFlagOptions = {}): Promise<ApiFlag> {
    checkId("name", name);
    return this.#oneFlag(name, options, (filter) => this.getFlagsDefault(filter));
  }

  async #oneFlag(
    name: string,
    options: GetFlagOptions,
    list: (filter: NameLabelFilter) => Promise<ApiFlagList>,
  ): Promise<ApiFlag> {
    const { defaultValue } = options;
    if (defaultValue !== undefined && typeof defaultValue !== "string") {
      throw invalidArgument("options.defaultValue", "a string");
    }
    const fallback = (): ApiFlag => ({ name, value: defaultValue, condition_changed: false });
    let reply: ApiFlagList;
    try {
      reply = await list({ names: [name], signal: options.signal, retry: options.retry, timeoutMs: options.timeoutMs });
    } catch (error) {
      // The caller's own abort is never turned into a default.
      if (defaultValue !== undefined && !options.signal?.aborted && isUnreachable(error)) {
        this.#logger.warn(`Flag "${name}": Satori is unreachable; using the default value.`, error);
        return fallback();
      }
      throw error;
    }
    // Read defensively: a reply of the wrong shape must end as a typed error, never as a TypeError.
    const flags: unknown = reply !== null && typeof reply === "object" ? reply.flags : undefined;
    if ((reply === null || typeof reply !== "object") || (flags !== undefined && !Array.isArray(flags))) {
      throw new InvalidResponseError(`GET /v1/flag: the reply is not a flag list`, {
        method: "GET",
        path: "/v1/flag",
        service: "satori",
        data: reply,
      });
    }
    const flag = (flags as unknown[] | undefined)?.find((item): item is ApiFlag =>
      item !== null && typeof item === "object" && (item as ApiFlag).name === name
    );
    if (flag) return flag;
    if (defaultValue !== undefined) return fallback();
    throw new NakamaError(`GET /v1/flag: flag "${name}" not found`, {
      method: "GET",
      path: "/v1/flag",
      grpcCode: 5,
      service: "satori",
      data: reply,
    });
  }

  /**
   * Lists flags with every configuration (variants, live events, experiments) that overrides them for the identity.
   *
   * @example Why a flag has its value
   * ```ts
   * import { SatoriClient } from "@nakama-ts/sdk/satori";
   * const satori = new SatoriClient();
   * const session = await satori.authenticate("player-0001");
   * const { flags = [] } = await satori.getFlagOverrides(session, { names: ["max_lives"] });
   * console.log(flags[0]?.overrides?.map((o) => o.name));
   * ```
   */
  async getFlagOverrides(session: Session, options: NameLabelFilter = {}): Promise<ApiFlagOverrideList> {
    const query = this.#filter(options);
    const auth = await this.#bearer(session, options);
    return await this.#http.request<ApiFlagOverrideList>({
      method: "GET",
      path: "/v1/flag/override",
      query,
      auth,
    }, options);
  }

  // ---------------------------------------------------------------- live events

  /**
   * Lists the live events visible to the identity: `live_events` apply now, `explicit_join_live_events` apply only
   * after {@link SatoriClient.joinLiveEvent}.
   *
   * @example Live events of the coming week
   * ```ts
   * import { SatoriClient } from "@nakama-ts/sdk/satori";
   * const satori = new SatoriClient();
   * const session = await satori.authenticate("player-0001");
   * const now = Math.floor(Date.now() / 1000);
   * const list = await satori.getLiveEvents(session, { startTimeSec: now, endTimeSec: now + 7 * 86_400 });
   * console.log(list.live_events?.map((e) => e.name));
   * ```
   */
  async getLiveEvents(session: Session, options: GetLiveEventsOptions = {}): Promise<ApiLiveEventList> {
    const query = {
      ...this.#filter(options),
      past_run_count: checkCount("options.pastRunCount", options.pastRunCount, 0),
      future_run_count: checkCount("options.futureRunCount", options.futureRunCount, 0),
      start_time_sec: unixSeconds("options.startTimeSec", options.startTimeSec),
      end_time_sec: unixSeconds("options.endTimeSec", options.endTimeSec),
    };
    const auth = await this.#bearer(session, options);
    return await this.#http.request<ApiLiveEventList>({ method: "GET", path: "/v1/live-event", query, auth }, options);
  }

  /**
   * Joins a live event that needs an explicit join.
   *
   * @example Join the first event that needs it
   * ```ts
   * import { SatoriClient } from "@nakama-ts/sdk/satori";
   * const satori = new SatoriClient();
   * const session = await satori.authenticate("player-0001");
   * const list = await satori.getLiveEvents(session);
   * const event = list.explicit_join_live_events?.[0];
   * if (event?.id) await satori.joinLiveEvent(session, event.id);
   * ```
   */
  async joinLiveEvent(session: Session, id: string, options: RequestOptions = {}): Promise<void> {
    checkId("id", id);
    const auth = await this.#bearer(session, options);
    await this.#http.request({ method: "POST", path: path`/v1/live-event/${id}/participation`, auth }, options);
  }

  // ---------------------------------------------------------------- messages

  /**
   * Lists one page of the identity's inbox. `limit` (default 100) and `forward` (default true) are always sent.
   *
   * @example Read every page
   * ```ts
   * import { SatoriClient } from "@nakama-ts/sdk/satori";
   * const satori = new SatoriClient();
   * const session = await satori.authenticate("player-0001");
   * let cursor: string | undefined;
   * do {
   *   const page = await satori.getMessageList(session, { limit: 20, cursor });
   *   for (const message of page.messages ?? []) console.log(message.title);
   *   cursor = page.next_cursor;
   * } while (cursor);
   * ```
   */
  async getMessageList(session: Session, options: GetMessageListOptions = {}): Promise<ApiGetMessageListResponse> {
    if (options.forward !== undefined && typeof options.forward !== "boolean") {
      throw invalidArgument("options.forward", "a boolean");
    }
    if (options.cursor !== undefined && typeof options.cursor !== "string") {
      throw invalidArgument("options.cursor", "a string");
    }
    const query = {
      limit: checkCount("options.limit", options.limit, 1, 100) ?? 100,
      forward: options.forward ?? true,
      cursor: options.cursor || undefined,
      message_ids: checkStringList("options.messageIds", options.messageIds),
    };
    const auth = await this.#bearer(session, options);
    return await this.#http.request<ApiGetMessageListResponse>({
      method: "GET",
      path: "/v1/message",
      query,
      auth,
    }, options);
  }

  /**
   * Marks a message read and/or consumed.
   *
   * @example Mark a message read now
   * ```ts
   * import { SatoriClient } from "@nakama-ts/sdk/satori";
   * const satori = new SatoriClient();
   * const session = await satori.authenticate("player-0001");
   * const { messages = [] } = await satori.getMessageList(session);
   * const now = Math.floor(Date.now() / 1000);
   * if (messages[0]?.id) await satori.updateMessage(session, messages[0].id, { readTime: now });
   * ```
   */
  async updateMessage(session: Session, id: string, options: UpdateMessageOptions = {}): Promise<void> {
    checkId("id", id);
    const body = {
      read_time: unixSeconds("options.readTime", options.readTime),
      consume_time: unixSeconds("options.consumeTime", options.consumeTime),
    };
    const auth = await this.#bearer(session, options);
    await this.#http.request({ method: "PUT", path: path`/v1/message/${id}`, body, auth }, options);
  }

  /**
   * Deletes a message from the inbox.
   *
   * @example Delete a message
   * ```ts
   * import { SatoriClient } from "@nakama-ts/sdk/satori";
   * const satori = new SatoriClient();
   * const session = await satori.authenticate("player-0001");
   * const { messages = [] } = await satori.getMessageList(session);
   * if (messages[0]?.id) await satori.deleteMessage(session, messages[0].id);
   * ```
   */
  async deleteMessage(session: Session, id: string, options: RequestOptions = {}): Promise<void> {
    checkId("id", id);
    const auth = await this.#bearer(session, options);
    await this.#http.request({ method: "DELETE", path: path`/v1/message/${id}`, auth }, options);
  }

  // ---------------------------------------------------------------- server

  /**
   * Checks that the server is up.
   *
   * @example Wait for a server
   * ```ts
   * import { SatoriClient } from "@nakama-ts/sdk/satori";
   * await new SatoriClient().healthcheck({ timeoutMs: 1000 });
   * ```
   */
  async healthcheck(options: RequestOptions = {}): Promise<void> {
    await this.#http.request({ method: "GET", path: "/healthcheck", auth: { type: "none" } }, options);
  }

  /**
   * Checks that the server is ready to serve requests.
   *
   * @example Wait until ready
   * ```ts
   * import { SatoriClient } from "@nakama-ts/sdk/satori";
   * await new SatoriClient().readycheck({ timeoutMs: 1000 });
   * ```
   */
  async readycheck(options: RequestOptions = {}): Promise<void> {
    await this.#http.request({ method: "GET", path: "/readycheck", auth: { type: "none" } }, options);
  }
}
