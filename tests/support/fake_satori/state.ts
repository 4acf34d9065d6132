/**
 * The fake Satori's state: identities with their properties, inbox and live-event joins; the flags, overrides,
 * experiments and live events the tests configure; every event received; and revoked sessions.
 * @module
 */

/** Who a configuration applies to: listed identities, or identities whose custom properties all match. */
export interface Audience {
  identityIds?: string[];
  custom?: Record<string, string>;
}

/** A feature flag and its default value. */
export interface FlagSeed {
  name: string;
  value: string;
  labels?: string[];
}

/**
 * A configuration overriding a flag for an audience. `type` is the wire's FlagOverrideType: 1 FLAG_VARIANT,
 * 2 LIVE_EVENT_FLAG, 3 LIVE_EVENT_FLAG_VARIANT, 4 EXPERIMENT_PHASE_VARIANT_FLAG.
 */
export interface FlagOverrideSeed {
  flag: string;
  name: string;
  type: 1 | 2 | 3 | 4;
  value: string;
  variantName?: string;
  createTimeSec?: number;
  audience: Audience;
}

/** An experiment; identities outside its audience do not see it. */
export interface ExperimentSeed {
  name: string;
  value: string;
  labels?: string[];
  phaseName?: string;
  phaseVariantName?: string;
  audience?: Audience;
}

/** A live event. Without `endTimeSec` it never ends; `explicitJoin` events apply only after a join. */
export interface LiveEventSeed {
  id: string;
  name: string;
  description?: string;
  value?: string;
  labels?: string[];
  startTimeSec: number;
  endTimeSec?: number;
  durationSec?: number;
  resetCron?: string;
  explicitJoin?: boolean;
  audience?: Audience;
}

/** A message in an inbox, in wire form (times are Unix seconds as strings). */
export interface StoredMessage {
  id: string;
  schedule_id?: string;
  title?: string;
  text?: string;
  image_url?: string;
  metadata?: Record<string, string>;
  send_time: string;
  create_time: string;
  update_time: string;
  read_time?: string;
  consume_time?: string;
}

/** An identity and everything the fake keeps for it. */
export interface Identity {
  id: string;
  default: Record<string, string>;
  custom: Record<string, string>;
  createTimeSec: number;
  joinedLiveEvents: Set<string>;
  messages: StoredMessage[];
}

/** An event as the fake recorded it, once per (identity, id). */
export interface ReceivedEvent {
  identity_id: string;
  name: string;
  id: string;
  timestamp: string;
  value?: string;
  metadata?: Record<string, string>;
}

/** Options of `FakeSatori.start`. */
export interface FakeSatoriOptions {
  /** The API key clients must send as the Basic username. Default `"defaultkey"`. */
  apiKey?: string;
  /** HS256 key of session tokens. */
  signingKey?: string;
  /** HS256 key of refresh tokens. */
  refreshSigningKey?: string;
  /** Session token lifetime. Default 3600 s. */
  tokenExpirySec?: number;
  /** Refresh token lifetime. Default 86 400 s. */
  refreshTokenExpirySec?: number;
  flags?: FlagSeed[];
  flagOverrides?: FlagOverrideSeed[];
  experiments?: ExperimentSeed[];
  liveEvents?: LiveEventSeed[];
  /** The clock, in ms. Default `Date.now`. */
  now?: () => number;
}

const MAP_KEYS = new Set(["default", "custom", "computed", "metadata"]);

/**
 * Drops zero values the way the gRPC gateway does (`""`, `false`, `0`, empty lists and objects, undefined), but
 * keeps the entries of string maps as they are.
 */
export function compact(value: unknown, isMap = false): unknown {
  if (Array.isArray(value)) return value.map((item) => compact(item));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (isMap) {
      out[key] = item;
      continue;
    }
    const kept = compact(item, MAP_KEYS.has(key));
    if (kept === undefined || kept === "" || kept === false || kept === 0) continue;
    if (Array.isArray(kept) && kept.length === 0) continue;
    if (kept !== null && typeof kept === "object" && !Array.isArray(kept) && Object.keys(kept).length === 0) continue;
    out[key] = kept;
  }
  return out;
}

/** Everything the fake Satori knows; tests read it and seed it. */
export class FakeSatoriState {
  readonly apiKey: string;
  readonly signingKey: string;
  readonly refreshSigningKey: string;
  tokenExpirySec: number;
  refreshTokenExpirySec: number;
  readonly identities = new Map<string, Identity>();
  /** Session ids (`sid`) whose tokens were logged out or replaced by identify. */
  readonly revokedSessions = new Set<string>();
  readonly flags: FlagSeed[];
  readonly flagOverrides: FlagOverrideSeed[];
  readonly experiments: ExperimentSeed[];
  readonly liveEvents: LiveEventSeed[];
  /** Every event accepted, in arrival order, each (identity, id) once. */
  readonly events: ReceivedEvent[] = [];
  readonly #now: () => number;
  #messageSeq = 0;

  constructor(options: FakeSatoriOptions = {}) {
    this.apiKey = options.apiKey ?? "defaultkey";
    this.signingKey = options.signingKey ?? "fake-satori-signing-key";
    this.refreshSigningKey = options.refreshSigningKey ?? "fake-satori-refresh-key";
    this.tokenExpirySec = options.tokenExpirySec ?? 3600;
    this.refreshTokenExpirySec = options.refreshTokenExpirySec ?? 86_400;
    this.flags = [...(options.flags ?? [])];
    this.flagOverrides = [...(options.flagOverrides ?? [])];
    this.experiments = [...(options.experiments ?? [])];
    this.liveEvents = [...(options.liveEvents ?? [])];
    this.#now = options.now ?? Date.now;
  }

  /** The clock, in ms. */
  now(): number {
    return this.#now();
  }

  /** The clock, in whole Unix seconds. */
  nowSec(): number {
    return Math.floor(this.#now() / 1000);
  }

  /** The identity, created (with `firstOpen`) when it does not exist. */
  identity(id: string): Identity {
    let identity = this.identities.get(id);
    if (!identity) {
      const createTimeSec = this.nowSec();
      identity = {
        id,
        default: { apiKeyName: "default", firstOpen: String(createTimeSec) },
        custom: {},
        createTimeSec,
        joinedLiveEvents: new Set(),
        messages: [],
      };
      this.identities.set(id, identity);
    }
    return identity;
  }

  /** Puts a message in an identity's inbox, as a message schedule would. */
  sendMessage(identityId: string, message: Partial<StoredMessage> = {}): StoredMessage {
    const identity = this.identities.get(identityId);
    if (!identity) throw new Error(`fake satori: no identity ${identityId}`);
    const now = String(this.nowSec());
    const stored: StoredMessage = {
      id: message.id ?? `msg-${++this.#messageSeq}-${crypto.randomUUID()}`,
      send_time: now,
      create_time: now,
      update_time: now,
      ...message,
    };
    identity.messages.push(stored);
    return stored;
  }

  /** The events received for one identity. */
  eventsOf(identityId: string): ReceivedEvent[] {
    return this.events.filter((event) => event.identity_id === identityId);
  }

  /** True when the identity belongs to the audience (no audience: everyone). */
  inAudience(audience: Audience | undefined, identity: Identity): boolean {
    if (!audience) return true;
    if (audience.identityIds?.includes(identity.id)) return true;
    const custom = audience.custom;
    if (!custom) return false;
    return Object.entries(custom).every(([key, value]) => identity.custom[key] === value);
  }

  /** Properties the server derives from events: `<name>Count`, `<name>SeenFirst` and `<name>SeenLast`. */
  computed(identity: Identity): Record<string, string> {
    const out: Record<string, string> = {};
    for (const event of this.eventsOf(identity.id)) {
      const seconds = String(Math.floor(Date.parse(event.timestamp) / 1000));
      out[`${event.name}Count`] = String(Number(out[`${event.name}Count`] ?? 0) + 1);
      out[`${event.name}SeenFirst`] ??= seconds;
      out[`${event.name}SeenLast`] = seconds;
    }
    return out;
  }
}
