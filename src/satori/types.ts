/**
 * Satori wire types: one per JSON shape, field names exactly as on the wire (snake_case), int64 values as decimal
 * strings. Like every gRPC-gateway reply, zero values (`false`, `0`, `""`, empty lists and maps) may be absent.
 * Enums may arrive as numbers or as names, so both are typed.
 * @module
 */

/**
 * A string-to-string map, as Satori sends properties and metadata.
 *
 * @example Event metadata
 * ```ts
 * import type { StringMap } from "@nakama-ts/sdk/satori";
 * const metadata: StringMap = { item: "sword", price: "120" };
 * ```
 */
export type StringMap = Record<string, string>;

/**
 * An identity's properties.
 *
 * @example Reading a computed property
 * ```ts
 * import type { ApiProperties } from "@nakama-ts/sdk/satori";
 * const properties: ApiProperties = { custom: { level: "4" }, computed: { sessionCount: "3" } };
 * console.log(properties.computed?.sessionCount);
 * ```
 */
export interface ApiProperties {
  /** Properties Satori defines (`email`, `language`, push tokens...), set by the client. */
  default?: StringMap;
  /** Properties the game defines. */
  custom?: StringMap;
  /** Properties the server computes from events; read-only. */
  computed?: StringMap;
}

/**
 * The reply of authenticate, refresh and identify. The client turns it into a `Session`.
 *
 * @example The shape of a reply
 * ```ts
 * import type { ApiSatoriSession } from "@nakama-ts/sdk/satori";
 * const reply: ApiSatoriSession = { token: "eyJ...", refresh_token: "eyJ..." };
 * ```
 */
export interface ApiSatoriSession {
  /** The session JWT. */
  token?: string;
  /** The refresh JWT. */
  refresh_token?: string;
  /** The identity's current properties. */
  properties?: ApiProperties;
}

/**
 * One analytics event as sent to `/v1/event`.
 *
 * @example An event on the wire
 * ```ts
 * import type { ApiEvent } from "@nakama-ts/sdk/satori";
 * const event: ApiEvent = { name: "levelWon", timestamp: "2026-01-01T10:00:00.000Z", value: "7", id: "e-1" };
 * ```
 */
export interface ApiEvent {
  /** The event name. */
  name: string;
  /** When the event happened on the client, RFC 3339 UTC. */
  timestamp: string;
  /** An optional value. */
  value?: string;
  /** Optional metadata. */
  metadata?: StringMap;
  /** A client-assigned id, which lets the server discard a retransmitted copy. */
  id?: string;
}

/**
 * An experiment the identity takes part in.
 *
 * @example Parsing an experiment's value
 * ```ts
 * import type { ApiExperiment } from "@nakama-ts/sdk/satori";
 * const experiment: ApiExperiment = { name: "shop_layout", value: '{"columns":3}' };
 * console.log(JSON.parse(experiment.value ?? "{}").columns);
 * ```
 */
export interface ApiExperiment {
  /** The experiment name. */
  name?: string;
  /** Its configuration value, often JSON text. */
  value?: string;
  /** Its labels. */
  labels?: string[];
  /** The current phase. */
  phase_name?: string;
  /** The variant of that phase the identity is in. */
  phase_variant_name?: string;
}

/**
 * The reply of `getExperiments`.
 *
 * @example Listing experiment names
 * ```ts
 * import type { ApiExperimentList } from "@nakama-ts/sdk/satori";
 * const list: ApiExperimentList = { experiments: [{ name: "a" }] };
 * console.log((list.experiments ?? []).map((e) => e.name));
 * ```
 */
export interface ApiExperimentList {
  /** The experiments; absent when there are none. */
  experiments?: ApiExperiment[];
}

/**
 * Why a flag's value differs from its default: 0 UNKNOWN, 1 FLAG_VARIANT, 2 LIVE_EVENT, 3 EXPERIMENT.
 *
 * @example Checking the reason
 * ```ts
 * import type { FlagValueChangeReasonType } from "@nakama-ts/sdk/satori";
 * const type: FlagValueChangeReasonType = 3;
 * console.log(type === 3 || type === "EXPERIMENT");
 * ```
 */
export type FlagValueChangeReasonType =
  | 0
  | 1
  | 2
  | 3
  | "UNKNOWN"
  | "FLAG_VARIANT"
  | "LIVE_EVENT"
  | "EXPERIMENT";

/**
 * The configuration that changed a flag's value.
 *
 * @example A value set by an experiment
 * ```ts
 * import type { ApiFlagValueChangeReason } from "@nakama-ts/sdk/satori";
 * const reason: ApiFlagValueChangeReason = { name: "shop_layout", type: 3, variant_name: "B" };
 * ```
 */
export interface ApiFlagValueChangeReason {
  /** The name of the overriding configuration. */
  name?: string;
  /** Its kind. */
  type?: FlagValueChangeReasonType;
  /** The variant that applied. */
  variant_name?: string;
}

/**
 * A feature flag's value for the identity (or its default).
 *
 * @example Reading a flag
 * ```ts
 * import type { ApiFlag } from "@nakama-ts/sdk/satori";
 * const flag: ApiFlag = { name: "max_lives", value: "5" };
 * console.log(Number(flag.value));
 * ```
 */
export interface ApiFlag {
  /** The flag name. */
  name?: string;
  /** The value, often JSON text. */
  value?: string;
  /** True when targeting changed the value from its default. */
  condition_changed?: boolean;
  /** Its labels. */
  labels?: string[];
  /** Why the value changed; absent for a default value. */
  change_reason?: ApiFlagValueChangeReason;
}

/**
 * The reply of `getFlags` and `getFlagsDefault`.
 *
 * @example Turning flags into a map
 * ```ts
 * import type { ApiFlagList } from "@nakama-ts/sdk/satori";
 * const list: ApiFlagList = { flags: [{ name: "a", value: "1" }] };
 * const values = Object.fromEntries((list.flags ?? []).map((f) => [f.name, f.value]));
 * ```
 */
export interface ApiFlagList {
  /** The flags; absent when there are none. */
  flags?: ApiFlag[];
}

/**
 * What overrides a flag: 0 FLAG, 1 FLAG_VARIANT, 2 LIVE_EVENT_FLAG, 3 LIVE_EVENT_FLAG_VARIANT,
 * 4 EXPERIMENT_PHASE_VARIANT_FLAG.
 *
 * @example Checking the kind
 * ```ts
 * import type { FlagOverrideType } from "@nakama-ts/sdk/satori";
 * const type: FlagOverrideType = 1;
 * ```
 */
export type FlagOverrideType =
  | 0
  | 1
  | 2
  | 3
  | 4
  | "FLAG"
  | "FLAG_VARIANT"
  | "LIVE_EVENT_FLAG"
  | "LIVE_EVENT_FLAG_VARIANT"
  | "EXPERIMENT_PHASE_VARIANT_FLAG";

/**
 * One configuration that overrides a flag.
 *
 * @example A variant override
 * ```ts
 * import type { ApiFlagOverrideValue } from "@nakama-ts/sdk/satori";
 * const value: ApiFlagOverrideValue = { name: "vip", type: 1, value: "9", create_time_sec: "1767225600" };
 * ```
 */
export interface ApiFlagOverrideValue {
  /** The configuration name. */
  name?: string;
  /** Its kind. */
  type?: FlagOverrideType;
  /** The value it sets. */
  value?: string;
  /** The variant name. */
  variant_name?: string;
  /** When it was created, int64 Unix seconds as a decimal string. */
  create_time_sec?: string;
}

/**
 * A flag with the configurations that override it.
 *
 * @example Counting overrides
 * ```ts
 * import type { ApiFlagOverride } from "@nakama-ts/sdk/satori";
 * const flag: ApiFlagOverride = { flag_name: "max_lives", overrides: [{ name: "vip", value: "9" }] };
 * console.log(flag.overrides?.length ?? 0);
 * ```
 */
export interface ApiFlagOverride {
  /** The flag name. */
  flag_name?: string;
  /** Its labels. */
  labels?: string[];
  /** The overriding configurations; absent when there are none. */
  overrides?: ApiFlagOverrideValue[];
}

/**
 * The reply of `getFlagOverrides`.
 *
 * @example Listing flag names
 * ```ts
 * import type { ApiFlagOverrideList } from "@nakama-ts/sdk/satori";
 * const list: ApiFlagOverrideList = { flags: [{ flag_name: "a" }] };
 * console.log((list.flags ?? []).map((f) => f.flag_name));
 * ```
 */
export interface ApiFlagOverrideList {
  /** The flags; absent when there are none. */
  flags?: ApiFlagOverride[];
}

/**
 * A live event's state: 0 UNKNOWN, 1 ACTIVE, 2 UPCOMING, 3 TERMINATED.
 *
 * @example Checking for an active event
 * ```ts
 * import type { LiveEventStatus } from "@nakama-ts/sdk/satori";
 * const status: LiveEventStatus = 1;
 * console.log(status === 1 || status === "ACTIVE");
 * ```
 */
export type LiveEventStatus = 0 | 1 | 2 | 3 | "UNKNOWN" | "ACTIVE" | "UPCOMING" | "TERMINATED";

/**
 * A live event. Times are int64 Unix seconds as decimal strings.
 *
 * @example Seconds left in the current run
 * ```ts
 * import type { ApiLiveEvent } from "@nakama-ts/sdk/satori";
 * const event: ApiLiveEvent = { id: "e1", name: "double_xp", active_end_time_sec: "1767229200" };
 * console.log(Number(event.active_end_time_sec ?? 0) - Math.floor(Date.now() / 1000));
 * ```
 */
export interface ApiLiveEvent {
  /** The live event id, used to join it. */
  id?: string;
  /** Its name. */
  name?: string;
  /** Its description. */
  description?: string;
  /** Its configuration value, often JSON text. */
  value?: string;
  /** Its labels. */
  labels?: string[];
  /** The overall start. */
  start_time_sec?: string;
  /** The overall end; absent or "0" when it repeats forever. */
  end_time_sec?: string;
  /** The start of the current (or selected) run. */
  active_start_time_sec?: string;
  /** The end of the current (or selected) run. */
  active_end_time_sec?: string;
  /** The length of a run. */
  duration_sec?: string;
  /** The CRON schedule of runs, if any. */
  reset_cron?: string;
  /** Its state. */
  status?: LiveEventStatus;
}

/**
 * The reply of `getLiveEvents`.
 *
 * @example Events waiting for a join
 * ```ts
 * import type { ApiLiveEventList } from "@nakama-ts/sdk/satori";
 * const list: ApiLiveEventList = { explicit_join_live_events: [{ id: "e1" }] };
 * console.log((list.explicit_join_live_events ?? []).map((e) => e.id));
 * ```
 */
export interface ApiLiveEventList {
  /** Live events that apply to the identity. */
  live_events?: ApiLiveEvent[];
  /** Live events that apply only after `joinLiveEvent`. */
  explicit_join_live_events?: ApiLiveEvent[];
}

/**
 * A message in the identity's inbox. Times are strings as the server sends them (Unix seconds).
 *
 * @example Showing unread messages
 * ```ts
 * import type { ApiMessage } from "@nakama-ts/sdk/satori";
 * const message: ApiMessage = { id: "m1", title: "Welcome", text: "Hello!" };
 * if (!message.read_time) console.log(message.title);
 * ```
 */
export interface ApiMessage {
  /** The message id. */
  id?: string;
  /** The schedule that produced it. */
  schedule_id?: string;
  /** Its title. */
  title?: string;
  /** Its body text. */
  text?: string;
  /** An image URL. */
  image_url?: string;
  /** Its metadata. */
  metadata?: StringMap;
  /** When it was sent. */
  send_time?: string;
  /** When it was created. */
  create_time?: string;
  /** When it was last updated. */
  update_time?: string;
  /** When it was read; absent while unread. */
  read_time?: string;
  /** When it was consumed; absent until then. */
  consume_time?: string;
}

/**
 * The reply of `getMessageList`: one page and its cursors.
 *
 * @example Paging through the inbox
 * ```ts
 * import type { ApiGetMessageListResponse } from "@nakama-ts/sdk/satori";
 * const page: ApiGetMessageListResponse = { messages: [{ id: "m1" }], next_cursor: "abc" };
 * console.log(page.next_cursor !== undefined);
 * ```
 */
export interface ApiGetMessageListResponse {
  /** The messages of this page. */
  messages?: ApiMessage[];
  /** The cursor of the next page; absent on the last one. */
  next_cursor?: string;
  /** The cursor of the previous page. */
  prev_cursor?: string;
  /** A cursor to store, to fetch only newer messages later. */
  cacheable_cursor?: string;
}
