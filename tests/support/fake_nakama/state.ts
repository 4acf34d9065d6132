/**
 * The fake Nakama server's state, shared by the REST side and the realtime side: sessions, users, friends, groups,
 * storage, leaderboards and tournaments, notifications, chat history, matches, parties, RPC functions. Everything
 * lives in memory and is owned by one {@link FakeState}; nothing here touches the network or a timer.
 * @module
 */

import { signJwt, type TokenClaims, verifyJwt } from "./jwt.ts";
import { md5Hex } from "./md5.ts";
import { builtinLeaderboards, builtinRpcs } from "./builtins.ts";

// ------------------------------------------------------------------ options and small helpers

/** Options of a fake server (all optional). */
export interface FakeStateOptions {
  /** Server key for Basic auth on authenticate/refresh. Default `"defaultkey"`. */
  serverKey?: string;
  /** Runtime HTTP key for server-to-server RPC calls. Default `"defaulthttpkey"`. */
  httpKey?: string;
  /** HS256 secret of session tokens. Default `"defaultencryptionkey"`. */
  encryptionKey?: string;
  /** HS256 secret of refresh tokens. Default `"defaultrefreshencryptionkey"`. */
  refreshEncryptionKey?: string;
  /** Session token lifetime in seconds. Default 7200 (the capture server's setting). */
  tokenExpirySec?: number;
  /** Refresh token lifetime in seconds. Default 86400. */
  refreshTokenExpirySec?: number;
  /** Current time in milliseconds; inject one to test expiry without waiting. Default `Date.now`. */
  clock?: () => number;
}

/** The claims of a verified token, in the fake's own words. */
export interface VerifiedToken {
  userId: string;
  username: string;
  vars: Record<string, string>;
  tokenId: string;
  /** Expiry, Unix seconds. */
  expiresAt: number;
  /** Issue time of the original authentication, Unix seconds. */
  issuedAt?: number;
}

/** A session pair as the authenticate routes return it. */
export interface TokenPair {
  token: string;
  refresh_token: string;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether text is a UUID in its canonical form (what Nakama's `uuid.FromString` accepts for ids).
 * @example Check an id
 * ```ts
 * isUuid("00000000-0000-4000-8000-000000000000"); // true
 * ```
 */
export function isUuid(text: unknown): text is string {
  return typeof text === "string" && UUID_RE.test(text);
}

/**
 * The all-zero UUID Nakama uses for the system user (owner of server-created groups, notifications, objects).
 * @example A system-owned storage object
 * ```ts
 * state.putStorageObject({ collection: "config", key: "motd", user_id: SYSTEM_USER_ID, value: "{}", permission_read: 2, permission_write: 0 });
 * ```
 */
export const SYSTEM_USER_ID = "00000000-0000-0000-0000-000000000000";

// ------------------------------------------------------------------ users

/** A user account. Field names follow the wire, times are epoch milliseconds. */
export interface FakeUser {
  id: string;
  username: string;
  display_name: string;
  avatar_url: string;
  lang_tag: string;
  location: string;
  timezone: string;
  /** JSON object text as stored. */
  metadata: string;
  /** JSON object text as stored. */
  wallet: string;
  devices: string[];
  custom_id: string;
  email: string;
  /** Plain text: this is a test double, not a credential store. */
  password: string;
  facebook_id: string;
  google_id: string;
  gamecenter_id: string;
  steam_id: string;
  apple_id: string;
  facebook_instant_game_id: string;
  create_time: number;
  update_time: number;
  verify_time: number;
  disable_time: number;
  /** Set by the realtime side while the user has a socket with status presence. */
  online: boolean;
}

/** Identity providers a user can be found by. */
export type IdentityKind =
  | "device"
  | "custom"
  | "email"
  | "facebook"
  | "google"
  | "gamecenter"
  | "steam"
  | "apple"
  | "facebookinstantgame";

// ------------------------------------------------------------------ friends and groups

/** Friend edge states: 0 mutual, 1 invite sent, 2 invite received, 3 blocked. */
export type FriendState = 0 | 1 | 2 | 3;

/** One directed friend edge as seen by its source user. */
export interface FriendEdge {
  state: FriendState;
  update_time: number;
  /** JSON text given to AddFriends (3.40 `metadata`), "" when none. */
  metadata?: string;
  /** Insertion order, for stable listing and cursors. */
  position: number;
}

/** A group. Times are epoch milliseconds. */
export interface FakeGroup {
  id: string;
  creator_id: string;
  name: string;
  description: string;
  lang_tag: string;
  /** JSON object text as stored. */
  metadata: string;
  avatar_url: string;
  open: boolean;
  max_count: number;
  create_time: number;
  update_time: number;
}

/** Group membership states: 0 superadmin, 1 admin, 2 member, 3 join request, 4 banned. */
export type GroupState = 0 | 1 | 2 | 3 | 4;

/** One membership (or join request, or ban) of a user in a group. */
export interface GroupMembership {
  state: GroupState;
  update_time: number;
  position: number;
}

// ------------------------------------------------------------------ storage

/** A stored object. `value` is the text as written; readers re-serialise it like jsonb. */
export interface StorageObject {
  collection: string;
  key: string;
  /** Owner; {@link SYSTEM_USER_ID} for system objects. */
  user_id: string;
  value: string;
  version: string;
  permission_read: number;
  permission_write: number;
  /** Epoch microseconds, because write acks show microseconds. */
  create_time_us: number;
  update_time_us: number;
}

// ------------------------------------------------------------------ leaderboards

/** Score operator of a leaderboard: 0 best, 1 set, 2 incr, 3 decr (Nakama's internal numbering). */
export type LeaderboardOperator = 0 | 1 | 2 | 3;

/** A leaderboard or a tournament (a tournament has `tournament` set). */
export interface FakeLeaderboard {
  id: string;
  authoritative: boolean;
  /** 0 ascending, 1 descending. */
  sort_order: 0 | 1;
  operator: LeaderboardOperator;
  /** Cron expression, "" for none. */
  reset_schedule: string;
  /** JSON text. */
  metadata: string;
  create_time: number;
  tournament?: TournamentSettings;
  /** Records keyed by `ownerId` (or `ownerId\u0000expiry` per tournament period, see leaderboards.ts). */
  records: Map<string, LeaderboardRecordData>;
}

/** The tournament-only settings of a leaderboard. Times are Unix seconds. */
export interface TournamentSettings {
  title: string;
  description: string;
  category: number;
  /** Seconds a tournament period stays active after each reset. */
  duration: number;
  start_time: number;
  /** 0 = never ends. */
  end_time: number;
  max_size: number;
  max_num_score: number;
  join_required: boolean;
  /** Users who joined, per period start (Unix seconds). */
  joined: Set<string>;
}

/** One stored leaderboard or tournament record. */
export interface LeaderboardRecordData {
  owner_id: string;
  username: string;
  score: bigint;
  subscore: bigint;
  num_score: number;
  /** JSON text as written. */
  metadata: string;
  create_time: number;
  update_time: number;
  /** Unix seconds; 0 = never. */
  expiry_time: number;
}

// ------------------------------------------------------------------ notifications, chat, matches, parties

/** A notification. `content` is the JSON text as produced; REST listings re-serialise it like jsonb. */
export interface FakeNotification {
  id: string;
  subject: string;
  content: string;
  code: number;
  sender_id: string;
  create_time: number;
  persistent: boolean;
}

/** A chat message as stored (the realtime side appends them; REST lists them). Times are epoch ms. */
export interface FakeChannelMessage {
  channel_id: string;
  message_id: string;
  code: number;
  sender_id: string;
  username: string;
  /** Text as sent; REST listings re-serialise it like jsonb. */
  content: string;
  create_time: number;
  update_time: number;
  persistent: boolean;
  room_name?: string;
  group_id?: string;
  user_id_one?: string;
  user_id_two?: string;
}

/** A match as REST `ListMatches` sees it; the realtime side creates, updates and removes these. */
export interface FakeMatchInfo {
  match_id: string;
  authoritative: boolean;
  label: string;
  size: number;
  tick_rate: number;
  handler_name: string;
  /** Epoch ms; authoritative labels become searchable about 1 s after this (label index refresh). */
  create_time?: number;
}

/** A party as REST `ListParties` sees it; the realtime side creates, updates and removes these. */
export interface FakePartyInfo {
  party_id: string;
  open: boolean;
  hidden: boolean;
  max_size: number;
  label: string;
}

/** An analytics event received by `POST /v2/event`. */
export interface FakeEvent {
  user_id: string;
  name: string;
  timestamp: string;
  external: boolean;
  properties: Record<string, string>;
}

/** A purchase or subscription validated by a seeded validator. */
export interface ValidatedPurchase {
  user_id?: string;
  product_id: string;
  transaction_id: string;
  store: number;
  purchase_time?: string;
  create_time?: string;
  update_time?: string;
  refund_time?: string;
  provider_response?: string;
  environment?: number;
  seen_before?: boolean;
}

/** A validated subscription. */
export interface ValidatedSubscription {
  user_id?: string;
  product_id: string;
  original_transaction_id: string;
  store: number;
  purchase_time?: string;
  create_time?: string;
  update_time?: string;
  environment?: number;
  expiry_time?: string;
  refund_time?: string;
  provider_response?: string;
  provider_notification?: string;
  active?: boolean;
}

/**
 * A store validator seeded by a test: given the store ("apple", "google", "huawei", "facebookinstant", "samsung"),
 * the kind and the request body, returns purchases / a subscription, or throws an {@link RpcError}-like
 * `FakeError` to refuse. Without one, validation fails like the capture server's (store not configured).
 */
export type PurchaseValidator = (
  request: { store: string; kind: "purchase" | "subscription"; userId: string; body: Record<string, unknown> },
) =>
  | { purchases?: ValidatedPurchase[]; subscription?: ValidatedSubscription }
  | Promise<{ purchases?: ValidatedPurchase[]; subscription?: ValidatedSubscription }>;

// ------------------------------------------------------------------ RPC

/** What an RPC function sees of its caller. */
export interface RpcContext {
  /** Caller's user id; `""` when called with the HTTP key. */
  userId: string;
  /** Caller's username; `""` when called with the HTTP key. */
  username: string;
  /** Session variables of the caller's token. */
  vars: Record<string, string>;
  /** Query parameters of the HTTP call (empty over the socket). */
  query: URLSearchParams;
  /** Headers of the HTTP call (empty over the socket). */
  headers: Headers;
  /** The server's state, to read or change. */
  state: FakeState;
}

/** An RPC function: gets the payload text, returns the reply text (or nothing for an empty payload). */
export type RpcFunction = (ctx: RpcContext, payload: string) => string | void | Promise<string | void>;

/**
 * An error an RPC function (or a validator) throws to answer with a gRPC code: HTTP maps it like the gateway,
 * the socket sends it as an `error` envelope. A plain `Error` behaves like a Lua `error()`: code 13.
 * @example Refuse a call
 * ```ts
 * fake.registerRpc("buy", () => {
 *   throw new RpcError("Not enough coins.", 9);
 * });
 * ```
 */
export class RpcError extends Error {
  /** gRPC status code. */
  readonly code: number;
  constructor(message: string, code = 13) {
    super(message);
    this.name = "RpcError";
    this.code = code;
  }
}

// ------------------------------------------------------------------ the state

/**
 * All of one fake server's data. Tests may read and change it directly (seed users, inspect storage);
 * the REST and realtime sides go through the same object.
 * @example Seed a user and a token
 * ```ts
 * const fake = await FakeNakama.start();
 * const user = fake.state.createUser({ username: "alice" });
 * const token = await fake.mintToken(user.id);
 * await fake.close();
 * ```
 */
export class FakeState {
  readonly serverKey: string;
  readonly httpKey: string;
  readonly encryptionKey: string;
  readonly refreshEncryptionKey: string;
  readonly tokenExpirySec: number;
  readonly refreshTokenExpirySec: number;
  readonly #clock: () => number;

  /** Users by id. */
  readonly users: Map<string, FakeUser> = new Map();
  /** Friend edges: `friends.get(a).get(b)` is a's view of b. */
  readonly friends: Map<string, Map<string, FriendEdge>> = new Map();
  /** Groups by id. */
  readonly groups: Map<string, FakeGroup> = new Map();
  /** Memberships: `groupUsers.get(groupId).get(userId)`. */
  readonly groupUsers: Map<string, Map<string, GroupMembership>> = new Map();
  /** Storage objects keyed by {@link storageKey}. */
  readonly storage: Map<string, StorageObject> = new Map();
  /** Leaderboards and tournaments by id. */
  readonly leaderboards: Map<string, FakeLeaderboard> = new Map();
  /** Persistent notifications per user, oldest first. */
  readonly notifications: Map<string, FakeNotification[]> = new Map();
  /** Chat history per channel id, in insertion order. */
  readonly channelMessages: Map<string, FakeChannelMessage[]> = new Map();
  /** Live matches by id (maintained by the realtime side). */
  readonly matches: Map<string, FakeMatchInfo> = new Map();
  /** Live parties by id (maintained by the realtime side). */
  readonly parties: Map<string, FakePartyInfo> = new Map();
  /** Events received by `POST /v2/event`, in order. */
  readonly events: FakeEvent[] = [];
  /** RPC functions by lower-cased id, shared by REST and the socket. */
  readonly rpcs: Map<string, RpcFunction> = new Map();
  /** Validated purchases (only with a seeded validator). */
  readonly purchases: ValidatedPurchase[] = [];
  /** Validated subscriptions (only with a seeded validator). */
  readonly subscriptions: ValidatedSubscription[] = [];
  /** Store validation hook; unset means "not configured" like the capture server. */
  purchaseValidator?: PurchaseValidator;
  /**
   * Social login hook: given a provider (`"google"`, `"steam"`, ...) and the account message of the request,
   * returns the provider's user id to accept it, or undefined to refuse. Unset means no provider is configured,
   * and social calls fail like the capture server's. Friend imports call `socialFriends` for the friends' ids.
   */
  socialVerifier?: (
    provider: string,
    account: Record<string, unknown>,
  ) => string | undefined | Promise<string | undefined>;
  /** Social friend-import hook: the provider ids of the caller's friends (imported as mutual friends). */
  socialFriends?: (provider: string, account: Record<string, unknown>) => string[] | Promise<string[]>;

  /** Set by the realtime side: creates a `test_match` authoritative match and returns its id. */
  createAuthoritativeMatch?: (label: string | undefined, handler?: string) => string | Promise<string>;
  /** Set by the realtime side: what `GET /v2/matchmaker/stats` reports (empty stats without it). */
  matchmakerStats?: () => {
    ticket_count?: number;
    oldest_ticket_create_time?: string;
    completions?: { create_time: string; complete_time: string }[];
  };
  /** Set by the realtime side: sends `payload` to the user's sockets as `stream_data` on the test stream. */
  sendStreamData?: (userId: string, payload: string) => void | Promise<void>;

  readonly #revoked = new Set<string>();
  readonly #tokensByUser = new Map<string, Set<string>>();
  readonly #notificationListeners = new Set<(userId: string, notification: FakeNotification) => void>();
  readonly #channelListeners = new Set<(message: FakeChannelMessage) => void>();
  #position = 0;

  constructor(options: FakeStateOptions = {}) {
    this.serverKey = options.serverKey ?? "defaultkey";
    this.httpKey = options.httpKey ?? "defaulthttpkey";
    this.encryptionKey = options.encryptionKey ?? "defaultencryptionkey";
    this.refreshEncryptionKey = options.refreshEncryptionKey ?? "defaultrefreshencryptionkey";
    this.tokenExpirySec = options.tokenExpirySec ?? 7200;
    this.refreshTokenExpirySec = options.refreshTokenExpirySec ?? 86400;
    this.#clock = options.clock ?? Date.now;
    for (const [id, fn] of builtinRpcs()) this.rpcs.set(id, fn);
    for (const board of builtinLeaderboards(this.now())) this.leaderboards.set(board.id, board);
  }

  /** Current time, epoch milliseconds (the injected clock). */
  now(): number {
    return this.#clock();
  }

  /** A monotonically increasing number for stable orderings. */
  nextPosition(): number {
    return ++this.#position;
  }

  // ---------------------------------------------------------------- sessions

  /**
   * Issues a session token and refresh token for a user (same `tid`), as authenticate and refresh do.
   * `tokenId` keeps an existing id (refresh); `issuedAt` keeps the original authentication time.
   */
  async issueSession(
    user: FakeUser,
    vars: Record<string, string> = {},
    keep: { tokenId?: string; issuedAt?: number } = {},
  ): Promise<TokenPair> {
    const nowSec = Math.floor(this.now() / 1000);
    const tid = keep.tokenId ?? crypto.randomUUID();
    const base = { tid, uid: user.id, usn: user.username, vrs: vars, iat: keep.issuedAt ?? nowSec };
    this.#rememberToken(user.id, tid);
    return {
      token: await signJwt({ ...base, exp: nowSec + this.tokenExpirySec }, this.encryptionKey),
      refresh_token: await signJwt({ ...base, exp: nowSec + this.refreshTokenExpirySec }, this.refreshEncryptionKey),
    };
  }

  /** Signs one token with chosen claims (tests: expired tokens, other users' tokens). */
  async signToken(claims: TokenClaims, refresh = false): Promise<string> {
    this.#rememberToken(claims.uid, claims.tid);
    return await signJwt(claims, refresh ? this.refreshEncryptionKey : this.encryptionKey);
  }

  #rememberToken(userId: string, tid: string): void {
    let set = this.#tokensByUser.get(userId);
    if (!set) this.#tokensByUser.set(userId, set = new Set());
    set.add(tid);
  }

  /**
   * Checks a session token's signature and expiry only (the socket accepts logged-out tokens, as 3.18 does);
   * REST additionally checks {@link isRevoked} and that the user still exists.
   */
  async verifyToken(token: string): Promise<VerifiedToken | undefined> {
    return toVerified(await verifyJwt(token, this.encryptionKey, this.now() / 1000));
  }

  /** Checks a refresh token's signature and expiry. */
  async verifyRefreshToken(token: string): Promise<VerifiedToken | undefined> {
    return toVerified(await verifyJwt(token, this.refreshEncryptionKey, this.now() / 1000));
  }

  /** Whether a token id was invalidated by logout (or account deletion). */
  isRevoked(tokenId: string): boolean {
    return this.#revoked.has(tokenId);
  }

  /** Invalidates one token id (both tokens of the pair share it). */
  revokeToken(tokenId: string): void {
    this.#revoked.add(tokenId);
  }

  /** Invalidates every token issued to a user so far. */
  revokeUserTokens(userId: string): void {
    for (const tid of this.#tokensByUser.get(userId) ?? []) this.#revoked.add(tid);
  }

  // ---------------------------------------------------------------- users

  /** Creates a user; every field is optional (a fresh id and a random username by default). */
  createUser(fields: Partial<FakeUser> = {}): FakeUser {
    const now = this.now();
    const user: FakeUser = {
      id: crypto.randomUUID(),
      username: randomUsername(),
      display_name: "",
      avatar_url: "",
      lang_tag: "en",
      location: "",
      timezone: "",
      metadata: "{}",
      wallet: "{}",
      devices: [],
      custom_id: "",
      email: "",
      password: "",
      facebook_id: "",
      google_id: "",
      gamecenter_id: "",
      steam_id: "",
      apple_id: "",
      facebook_instant_game_id: "",
      create_time: now,
      update_time: now,
      verify_time: 0,
      disable_time: 0,
      online: false,
      ...fields,
    };
    user.devices = [...user.devices];
    this.users.set(user.id, user);
    return user;
  }

  /** Finds a user by username (case-insensitive, like Nakama's unique index on lower(username)). */
  userByUsername(username: string): FakeUser | undefined {
    const wanted = username.toLowerCase();
    for (const user of this.users.values()) if (user.username.toLowerCase() === wanted) return user;
    return undefined;
  }

  /** Finds a user by one of its identities. */
  userByIdentity(kind: IdentityKind, id: string): FakeUser | undefined {
    if (!id) return undefined;
    for (const user of this.users.values()) {
      if (kind === "device" ? user.devices.includes(id) : identityOf(user, kind) === id) return user;
    }
    return undefined;
  }

  /** Finds a user by device id. */
  userByDevice(deviceId: string): FakeUser | undefined {
    return this.userByIdentity("device", deviceId);
  }

  /** Finds a user by custom id. */
  userByCustomId(customId: string): FakeUser | undefined {
    return this.userByIdentity("custom", customId);
  }

  /** Finds a user by email (case-insensitive). */
  userByEmail(email: string): FakeUser | undefined {
    const wanted = email.toLowerCase();
    for (const user of this.users.values()) if (user.email && user.email.toLowerCase() === wanted) return user;
    return undefined;
  }

  /** Number of identities a user has (devices count one each); unlinking the last one is refused. */
  identityCount(user: FakeUser): number {
    let n = user.devices.length + (user.email ? 1 : 0);
    for (
      const kind of ["custom", "facebook", "google", "gamecenter", "steam", "apple", "facebookinstantgame"] as const
    ) {
      if (identityOf(user, kind)) n++;
    }
    return n;
  }

  /** Deletes a user and everything that hangs off it (tokens, friends, memberships, storage, records). */
  deleteUser(userId: string): void {
    this.users.delete(userId);
    this.revokeUserTokens(userId);
    this.friends.delete(userId);
    for (const edges of this.friends.values()) edges.delete(userId);
    for (const [groupId, members] of this.groupUsers) {
      members.delete(userId);
      if (members.size === 0) {
        this.groupUsers.delete(groupId);
        this.groups.delete(groupId);
      }
    }
    for (const [key, object] of this.storage) if (object.user_id === userId) this.storage.delete(key);
    for (const board of this.leaderboards.values()) {
      for (const [key, record] of board.records) if (record.owner_id === userId) board.records.delete(key);
    }
    this.notifications.delete(userId);
  }

  /** Number of friend edges of a user (any state), as `edge_count` shows it. */
  friendEdgeCount(userId: string): number {
    return this.friends.get(userId)?.size ?? 0;
  }

  /** Sets or clears a user's `online` flag (the realtime side calls this as status sockets come and go). */
  setOnline(userId: string, online: boolean): void {
    const user = this.users.get(userId);
    if (user) user.online = online;
  }

  // ---------------------------------------------------------------- friends

  /** a's edge to b, if any. */
  friendEdge(a: string, b: string): FriendEdge | undefined {
    return this.friends.get(a)?.get(b);
  }

  /** Sets a's edge to b. */
  setFriendEdge(a: string, b: string, state: FriendState, metadata?: string): void {
    let edges = this.friends.get(a);
    if (!edges) this.friends.set(a, edges = new Map());
    const existing = edges.get(b);
    edges.set(b, {
      state,
      update_time: this.now(),
      metadata: metadata ?? existing?.metadata,
      position: existing?.position ?? this.nextPosition(),
    });
  }

  /** Removes a's edge to b. */
  removeFriendEdge(a: string, b: string): void {
    this.friends.get(a)?.delete(b);
  }

  // ---------------------------------------------------------------- groups

  /** Membership of a user in a group (any state, including join requests and bans). */
  groupMembership(groupId: string, userId: string): GroupMembership | undefined {
    return this.groupUsers.get(groupId)?.get(userId);
  }

  /** Whether a user is a member (superadmin, admin or member) of a group. */
  isGroupMember(groupId: string, userId: string): boolean {
    const state = this.groupMembership(groupId, userId)?.state;
    return state !== undefined && state <= 2;
  }

  /** Sets a user's membership state in a group. */
  setGroupState(groupId: string, userId: string, state: GroupState): void {
    let members = this.groupUsers.get(groupId);
    if (!members) this.groupUsers.set(groupId, members = new Map());
    const existing = members.get(userId);
    members.set(userId, { state, update_time: this.now(), position: existing?.position ?? this.nextPosition() });
  }

  /** Removes a user's membership, join request or ban. */
  removeGroupUser(groupId: string, userId: string): void {
    this.groupUsers.get(groupId)?.delete(userId);
  }

  /** Number of members (states 0-2), as `edge_count` of a group shows it. */
  groupEdgeCount(groupId: string): number {
    let n = 0;
    for (const m of this.groupUsers.get(groupId)?.values() ?? []) if (m.state <= 2) n++;
    return n;
  }

  /** Creates a group; the creator (if a user) becomes its superadmin. */
  createGroup(fields: Partial<FakeGroup> & { name: string }): FakeGroup {
    const now = this.now();
    const group: FakeGroup = {
      id: crypto.randomUUID(),
      creator_id: SYSTEM_USER_ID,
      description: "",
      lang_tag: "en",
      metadata: "{}",
      avatar_url: "",
      open: false,
      max_count: 100,
      create_time: now,
      update_time: now,
      ...fields,
    };
    this.groups.set(group.id, group);
    if (this.users.has(group.creator_id)) this.setGroupState(group.id, group.creator_id, 0);
    return group;
  }

  // ---------------------------------------------------------------- storage

  /** Writes a storage object as the server would (no permission or version checks: do those first). */
  putStorageObject(
    object: Omit<StorageObject, "version" | "create_time_us" | "update_time_us">,
  ): StorageObject {
    const key = storageKey(object.collection, object.key, object.user_id);
    const existing = this.storage.get(key);
    const nowUs = this.now() * 1000 + Math.floor(Math.random() * 1000);
    const stored: StorageObject = {
      ...object,
      version: md5Hex(object.value),
      create_time_us: existing?.create_time_us ?? nowUs,
      update_time_us: nowUs,
    };
    this.storage.set(key, stored);
    return stored;
  }

  /** Reads a storage object by its identity. */
  getStorageObject(collection: string, key: string, userId: string): StorageObject | undefined {
    return this.storage.get(storageKey(collection, key, userId));
  }

  // ---------------------------------------------------------------- notifications

  /**
   * Sends a notification: persistent ones are stored for REST listing, and every listener (the realtime side)
   * gets it to push live. Missing fields get defaults (fresh id, now, system sender, `"{}"` content).
   */
  notify(
    userId: string,
    notification: Partial<FakeNotification> & { subject: string; code: number },
  ): FakeNotification {
    const full: FakeNotification = {
      id: crypto.randomUUID(),
      content: "{}",
      sender_id: "",
      create_time: this.now(),
      persistent: false,
      ...notification,
    };
    if (full.persistent) {
      let list = this.notifications.get(userId);
      if (!list) this.notifications.set(userId, list = []);
      list.push(full);
    }
    for (const listener of [...this.#notificationListeners]) listener(userId, full);
    return full;
  }

  /** Adds a listener for every notification sent; returns its remover. */
  onNotification(listener: (userId: string, notification: FakeNotification) => void): () => void {
    this.#notificationListeners.add(listener);
    return () => this.#notificationListeners.delete(listener);
  }

  // ---------------------------------------------------------------- chat

  /**
   * Stores a chat message (persistent ones only) and tells every channel listener, which is how group system
   * messages produced by REST group calls reach joined sockets. Missing fields get defaults.
   */
  appendChannelMessage(
    message: Partial<FakeChannelMessage> & { channel_id: string; sender_id: string; content: string },
  ): FakeChannelMessage {
    const now = this.now();
    const full: FakeChannelMessage = {
      message_id: crypto.randomUUID(),
      code: 0,
      username: this.users.get(message.sender_id)?.username ?? "",
      create_time: now,
      update_time: now,
      persistent: true,
      ...parseChannelId(message.channel_id),
      ...message,
    };
    if (full.persistent) {
      let list = this.channelMessages.get(full.channel_id);
      if (!list) this.channelMessages.set(full.channel_id, list = []);
      list.push(full);
    }
    for (const listener of [...this.#channelListeners]) listener(full);
    return full;
  }

  /** Finds a stored chat message. */
  channelMessage(channelId: string, messageId: string): FakeChannelMessage | undefined {
    return this.channelMessages.get(channelId)?.find((m) => m.message_id === messageId);
  }

  /** Lists a channel's stored messages, oldest first (ties broken by id, as the server sorts). */
  listChannelMessages(channelId: string): FakeChannelMessage[] {
    return [...(this.channelMessages.get(channelId) ?? [])].sort(compareMessages);
  }

  /** Adds a listener for every appended chat message; returns its remover. */
  onChannelMessage(listener: (message: FakeChannelMessage) => void): () => void {
    this.#channelListeners.add(listener);
    return () => this.#channelListeners.delete(listener);
  }
}

// ------------------------------------------------------------------ module helpers

function toVerified(claims: TokenClaims | undefined): VerifiedToken | undefined {
  if (!claims) return undefined;
  return {
    userId: claims.uid,
    username: claims.usn ?? "",
    vars: claims.vrs ?? {},
    tokenId: claims.tid,
    expiresAt: claims.exp,
    issuedAt: claims.iat,
  };
}

/**
 * The storage map key of an object.
 * @example Key
 * ```ts
 * storageKey("saves", "slot1", userId);
 * ```
 */
export function storageKey(collection: string, key: string, userId: string): string {
  return `${collection}\u0000${key}\u0000${userId}`;
}

/**
 * The identity field of a user for a provider (devices are a list and are not covered).
 * @example Read an identity
 * ```ts
 * identityOf(user, "custom"); // user.custom_id
 * ```
 */
export function identityOf(user: FakeUser, kind: Exclude<IdentityKind, "device">): string {
  switch (kind) {
    case "custom":
      return user.custom_id;
    case "email":
      return user.email;
    case "facebook":
      return user.facebook_id;
    case "google":
      return user.google_id;
    case "gamecenter":
      return user.gamecenter_id;
    case "steam":
      return user.steam_id;
    case "apple":
      return user.apple_id;
    case "facebookinstantgame":
      return user.facebook_instant_game_id;
  }
}

function randomUsername(): string {
  const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return Array.from(bytes, (b) => letters[b % letters.length]).join("");
}

/**
 * Splits a chat channel id (`2...room`, `3.<group>..`, `4.<uid1>.<uid2>.`) into the target fields a message
 * carries; an empty object for anything else.
 * @example Parse a room id
 * ```ts
 * parseChannelId("2...lobby"); // { room_name: "lobby" }
 * ```
 */
export function parseChannelId(
  channelId: string,
): { room_name?: string; group_id?: string; user_id_one?: string; user_id_two?: string } {
  const parts = channelId.split(".");
  if (parts.length < 4) return {};
  const [mode, subject, subcontext] = parts;
  const label = parts.slice(3).join(".");
  if (mode === "2" && !subject && !subcontext && label) return { room_name: label };
  if (mode === "3" && isUuid(subject) && !subcontext && !label) return { group_id: subject };
  if (mode === "4" && isUuid(subject) && isUuid(subcontext) && !label) {
    return { user_id_one: subject, user_id_two: subcontext };
  }
  return {};
}

function compareMessages(a: FakeChannelMessage, b: FakeChannelMessage): number {
  const ta = Math.floor(a.create_time / 1000), tb = Math.floor(b.create_time / 1000);
  if (ta !== tb) return ta - tb;
  return a.message_id < b.message_id ? -1 : a.message_id > b.message_id ? 1 : 0;
}
