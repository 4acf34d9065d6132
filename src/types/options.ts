/**
 * The option objects of the client's methods. Keys are camelCase; the client maps them to the wire's snake_case
 * names. Every one extends {@link RequestOptions}, so `signal`, `retry` and `timeoutMs` are always accepted.
 * @module
 */

import type { RequestOptions } from "../http.ts";

/**
 * An int64 input (score, subscore, expiry, timestamp): a number that is a safe integer, a bigint, or a decimal
 * string. It is sent exactly; an unsafe integer number throws a `RangeError`.
 *
 * @example A score beyond 2^53
 * ```ts
 * import type { Int64Input } from "@nakama-ts/sdk";
 * const score: Int64Input = 9_007_199_254_740_993n; // or "9007199254740993"
 * ```
 */
export type Int64Input = number | bigint | string;

/**
 * A score operator override: by name, or by its wire number (1 best, 2 set, 3 increment, 4 decrement; 0 none).
 *
 * @example Adding to a score
 * ```ts
 * await client.writeLeaderboardRecord(session, "coins", 10, { operator: "increment" });
 * ```
 */
export type ScoreOperator = "best" | "set" | "incr" | "increment" | "decr" | "decrement" | 0 | 1 | 2 | 3 | 4;

/**
 * Options of the authenticate methods.
 *
 * @example Sign in without creating an account
 * ```ts
 * const session = await client.authenticateEmail("ana@example.com", "password1234", { create: false });
 * ```
 */
export interface AuthenticateOptions extends RequestOptions {
  /** Create the account if it does not exist. The server's default is true. */
  create?: boolean;
  /** The username of a new account (of an existing one, for `authenticateEmail` with an empty email). */
  username?: string;
  /** Session variables, copied into the token's `vrs` claim. */
  vars?: Record<string, string>;
}

/**
 * Options of the Facebook and Steam authenticate methods.
 *
 * @example Import Steam friends while signing in
 * ```ts
 * const session = await client.authenticateSteam(ticket, { sync: true });
 * ```
 */
export interface AuthenticateSyncOptions extends AuthenticateOptions {
  /** Import the provider's friends (.NET's `import`). */
  sync?: boolean;
}

/**
 * The identity-verification data of Apple Game Center (from `fetchItems(forIdentityVerificationSignature:)`), for
 * `authenticateGameCenter`, `linkGameCenter` and `unlinkGameCenter`.
 *
 * @example Signing in with Game Center
 * ```ts
 * const session = await client.authenticateGameCenter({
 *   bundleId: "com.example.game",
 *   playerId: "G:1234567890",
 *   publicKeyUrl: "https://static.gc.apple.com/public-key/gc-prod-10.cer",
 *   salt: saltBase64,
 *   signature: signatureBase64,
 *   timestampSeconds: 1_700_000_000,
 * });
 * ```
 */
export interface GameCenterIdentity {
  /** The app's bundle id. */
  bundleId: string;
  /** The Game Center player id. */
  playerId: string;
  /** The URL of Apple's public key (on an apple.com host). */
  publicKeyUrl: string;
  /** The salt, base64. */
  salt: string;
  /** The signature, base64. */
  signature: string;
  /** The signature's timestamp, in Unix seconds. */
  timestampSeconds: Int64Input;
}

/**
 * Options of `sessionRefresh`.
 *
 * @example Replacing the session variables
 * ```ts
 * await client.sessionRefresh(session, { vars: { build: "43" } });
 * ```
 */
export interface SessionRefreshOptions extends RequestOptions {
  /** New session variables; without them the token's current ones are kept. */
  vars?: Record<string, string>;
}

/**
 * The fields `updateAccount` changes; a field left out is unchanged, and `""` clears it.
 *
 * @example Renaming
 * ```ts
 * await client.updateAccount(session, { displayName: "Ana", timezone: "Europe/Lisbon" });
 * ```
 */
export interface UpdateAccountOptions extends RequestOptions {
  /** The new username (the session is refreshed afterwards, so its claims follow). */
  username?: string;
  /** The display name. */
  displayName?: string;
  /** The avatar URL. */
  avatarUrl?: string;
  /** The language tag. */
  langTag?: string;
  /** The location. */
  location?: string;
  /** The timezone. */
  timezone?: string;
}

/**
 * Options of `linkFacebook` and `linkSteam`.
 *
 * @example Linking and importing friends
 * ```ts
 * await client.linkFacebook(session, accessToken, { sync: true });
 * ```
 */
export interface SyncOptions extends RequestOptions {
  /** Import the provider's friends. */
  sync?: boolean;
}

/**
 * Options of the friend import methods.
 *
 * @example Replacing the imported friends
 * ```ts
 * await client.importSteamFriends(session, ticket, { reset: true });
 * ```
 */
export interface ImportFriendsOptions extends RequestOptions {
  /** Drop the friends imported before. */
  reset?: boolean;
}

/**
 * Which users `getUsers` looks up.
 *
 * @example By id and by name
 * ```ts
 * const { users } = await client.getUsers(session, { ids: [id], usernames: ["ana"] });
 * ```
 */
export interface GetUsersOptions extends RequestOptions {
  /** User ids. */
  ids?: readonly string[];
  /** Usernames. */
  usernames?: readonly string[];
  /** Facebook ids. */
  facebookIds?: readonly string[];
}

/**
 * Which users `blockFriends` and `deleteFriends` act on.
 *
 * @example Removing a friend by name
 * ```ts
 * await client.deleteFriends(session, { usernames: ["bob"] });
 * ```
 */
export interface FriendsOptions extends RequestOptions {
  /** User ids. */
  ids?: readonly string[];
  /** Usernames. */
  usernames?: readonly string[];
}

/**
 * Which users `addFriends` invites, and the edge's metadata.
 *
 * @example Inviting with a note
 * ```ts
 * await client.addFriends(session, { usernames: ["bob"], metadata: { source: "lobby" } });
 * ```
 */
export interface AddFriendsOptions extends FriendsOptions {
  /** Metadata stored on the friend edge: an object (sent as JSON text) or JSON text. */
  metadata?: string | object;
}

/**
 * A page request: its size and the cursor of the previous page's reply.
 *
 * @example The next page
 * ```ts
 * const next = await client.listSubscriptions(session, { limit: 10, cursor: page.cursor });
 * ```
 */
export interface PageOptions extends RequestOptions {
  /** The page size. */
  limit?: number;
  /** The cursor from the previous page's reply. */
  cursor?: string;
}

/**
 * A page request filtered by relationship or membership state (`listFriends`, `listGroupUsers`,
 * `listUserGroups`).
 *
 * @example Only the admins
 * ```ts
 * const admins = await client.listGroupUsers(session, groupId, { state: 1 });
 * ```
 */
export interface StatePageOptions extends PageOptions {
  /** Friends: 0 friend, 1 invite sent, 2 invite received, 3 blocked. Members: 0-3 roles, 4 banned. */
  state?: number;
}

/**
 * The optional fields of `createGroup`.
 *
 * @example A closed group
 * ```ts
 * const group = await client.createGroup(session, "Knights", { open: false, maxCount: 20, langTag: "en" });
 * ```
 */
export interface CreateGroupOptions extends RequestOptions {
  /** The description. */
  description?: string;
  /** The avatar URL. */
  avatarUrl?: string;
  /** The language tag. */
  langTag?: string;
  /** Whether anyone may join; closed groups take join requests. */
  open?: boolean;
  /** The most members (the server's default is 100). */
  maxCount?: number;
}

/**
 * The fields `updateGroup` changes; a field left out is unchanged.
 *
 * @example Closing a group
 * ```ts
 * await client.updateGroup(session, groupId, { open: false });
 * ```
 */
export interface UpdateGroupOptions extends RequestOptions {
  /** The new unique name. */
  name?: string;
  /** The description. */
  description?: string;
  /** The avatar URL. */
  avatarUrl?: string;
  /** The language tag. */
  langTag?: string;
  /** Whether anyone may join. */
  open?: boolean;
}

/**
 * The filters of `listGroups`. A `name` filter (a trailing `%` is a wildcard) cannot be combined with the others.
 *
 * @example Open English groups with room
 * ```ts
 * const page = await client.listGroups(session, { langTag: "en", open: true, members: 40, limit: 20 });
 * ```
 */
export interface ListGroupsOptions extends PageOptions {
  /** The name, or a prefix ending in `%`. */
  name?: string;
  /** The language tag. */
  langTag?: string;
  /** The most members a listed group may have. */
  members?: number;
  /** Only open (true) or only closed (false) groups. */
  open?: boolean;
}

/**
 * Options of `listStorageObjects`.
 *
 * @example Another user's public objects
 * ```ts
 * const page = await client.listStorageObjects(session, "saves", { userId: friendId, limit: 10 });
 * ```
 */
export interface ListStorageObjectsOptions extends PageOptions {
  /** The owner; without it, every object the session user may read in the collection. */
  userId?: string;
}

/**
 * One object to read.
 *
 * @example Reading my own object
 * ```ts
 * await client.readStorageObjects(session, [{ collection: "saves", key: "slot1", userId: session.userId }]);
 * ```
 */
export interface StorageObjectId {
  /** The collection. */
  collection: string;
  /** The key. */
  key: string;
  /** The owner; leave it out for objects the server owns. */
  userId?: string;
}

/**
 * One object to write.
 *
 * @example A public, conditional write
 * ```ts
 * await client.writeStorageObjects(session, [
 *   { collection: "saves", key: "slot1", value: { level: 3 }, version: "*", permissionRead: 2 },
 * ]);
 * ```
 */
export interface WriteStorageObject {
  /** The collection. */
  collection: string;
  /** The key. */
  key: string;
  /** The value: an object (sent as JSON text) or JSON text sent as it is. The server wants a JSON object. */
  value: string | object;
  /** `"*"` writes only if the object does not exist; a version hash writes only if it still matches. */
  version?: string;
  /** 0 no read, 1 owner read, 2 public read (server default 1). */
  permissionRead?: number;
  /** 0 no write, 1 owner write (server default 1). */
  permissionWrite?: number;
}

/**
 * One object to delete.
 *
 * @example Deleting only an unchanged object
 * ```ts
 * await client.deleteStorageObjects(session, [{ collection: "saves", key: "slot1", version: ack.version }]);
 * ```
 */
export interface DeleteStorageObjectId {
  /** The collection. */
  collection: string;
  /** The key. */
  key: string;
  /** Delete only if the object still has this version. */
  version?: string;
}

/**
 * The optional fields of a leaderboard or tournament write.
 *
 * @example A score with metadata
 * ```ts
 * await client.writeLeaderboardRecord(session, "weekly", 1200, { subscore: 3, metadata: { weapon: "bow" } });
 * ```
 */
export interface WriteRecordOptions extends RequestOptions {
  /** The subscore, which breaks ties. */
  subscore?: Int64Input;
  /** Metadata: an object (sent as JSON text) or JSON text. */
  metadata?: string | object;
  /** Overrides the leaderboard's operator for this write. */
  operator?: ScoreOperator;
}

/**
 * Options of `writeTournamentRecord`.
 *
 * @example Writing through a proxy that refuses PUT
 * ```ts
 * await client.writeTournamentRecord(session, "cup", 300, { method: "POST" });
 * ```
 */
export interface WriteTournamentRecordOptions extends WriteRecordOptions {
  /** The HTTP method: the server binds both; PUT (the default) is what the official clients send. */
  method?: "PUT" | "POST";
}

/**
 * Options of `listLeaderboardRecordsAroundOwner` and `listTournamentRecordsAroundOwner`.
 *
 * @example Last period's neighbourhood
 * ```ts
 * await client.listLeaderboardRecordsAroundOwner(session, "weekly", session.userId, { expiry: lastReset });
 * ```
 */
export interface ListRecordsAroundOwnerOptions extends PageOptions {
  /** Unix seconds that pick the reset period to read (default: the current one). */
  expiry?: Int64Input;
}

/**
 * Options of `listLeaderboardRecords` and `listTournamentRecords`.
 *
 * @example The top ten and my own record
 * ```ts
 * await client.listLeaderboardRecords(session, "weekly", { limit: 10, ownerIds: [session.userId] });
 * ```
 */
export interface ListRecordsOptions extends ListRecordsAroundOwnerOptions {
  /** Owners whose records come back in `owner_records`, whatever the page. */
  ownerIds?: readonly string[];
}

/**
 * The filters of `listTournaments`. Without times, only active and future tournaments are listed.
 *
 * @example Category 1 only
 * ```ts
 * const page = await client.listTournaments(session, { categoryStart: 1, categoryEnd: 1 });
 * ```
 */
export interface ListTournamentsOptions extends PageOptions {
  /** The lowest category. */
  categoryStart?: number;
  /** The highest category. */
  categoryEnd?: number;
  /** The earliest start (Unix seconds). */
  startTime?: number;
  /** The latest end (Unix seconds; 0 lists tournaments that never end). */
  endTime?: number;
}

/**
 * Options of `listNotifications`.
 *
 * @example Only what is new since last time
 * ```ts
 * const page = await client.listNotifications(session, { limit: 100, cacheableCursor: saved });
 * ```
 */
export interface ListNotificationsOptions extends RequestOptions {
  /** The page size. */
  limit?: number;
  /** The `cacheable_cursor` of an earlier reply. */
  cacheableCursor?: string;
}

/**
 * Options of `listChannelMessages`.
 *
 * @example The newest messages first
 * ```ts
 * const page = await client.listChannelMessages(session, channelId, { limit: 20, forward: false });
 * ```
 */
export interface ListChannelMessagesOptions extends PageOptions {
  /** true: oldest first (the server's default); false: newest first. */
  forward?: boolean;
}

/**
 * The filters of `listMatches`. `label` and `query` apply to authoritative matches; `query` wins over `label`.
 *
 * @example Authoritative matches with room
 * ```ts
 * const { matches } = await client.listMatches(session, { authoritative: true, maxSize: 7, query: "+label.mode:ctf" });
 * ```
 */
export interface ListMatchesOptions extends RequestOptions {
  /** The most matches to list. */
  limit?: number;
  /** true: only authoritative matches; false: only relayed ones; left out: both. */
  authoritative?: boolean;
  /** An exact label. */
  label?: string;
  /** The fewest presences. */
  minSize?: number;
  /** The most presences. */
  maxSize?: number;
  /** A search query over labels. */
  query?: string;
}

/**
 * The filters of `listParties`.
 *
 * @example Open parties
 * ```ts
 * const page = await client.listParties(session, { open: true, limit: 10 });
 * ```
 */
export interface ListPartiesOptions extends PageOptions {
  /** Only open (true) or only closed (false) parties. */
  open?: boolean;
  /** A search query over labels. */
  query?: string;
}

/**
 * Options of `emitEvent`.
 *
 * @example An event with its own time
 * ```ts
 * await client.emitEvent(session, "level_complete", { level: "3" }, { timestamp: new Date() });
 * ```
 */
export interface EmitEventOptions extends RequestOptions {
  /** When the event happened: a `Date` or RFC 3339 text, passed to the handler as it is. */
  timestamp?: Date | string;
  /** Mark the event as external (the server sets this for every event it receives over HTTP). */
  external?: boolean;
}

/**
 * Options of the purchase and subscription validations.
 *
 * @example Validating without storing
 * ```ts
 * await client.validatePurchaseApple(session, receipt, { persist: false });
 * ```
 */
export interface PersistOptions extends RequestOptions {
  /** Store the validated purchase (the server's default is true). */
  persist?: boolean;
}
