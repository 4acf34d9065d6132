/**
 * What the console client's methods accept: the client's own options, and one options object per method family,
 * with camelCase keys that the client maps to the console's snake_case wire names. Every one extends
 * `RequestOptions`, so each call also takes `signal`, `retry` and `timeoutMs`.
 * @module
 */

import type { FetchLike, RequestOptions } from "../http.ts";
import type { Logger } from "../logger.ts";
import type { RetryConfiguration } from "../retry.ts";
import type { ConsoleAcl } from "./types.ts";

/**
 * Options of `ConsoleClient`. Every field is optional.
 *
 * @example A console behind TLS
 * ```ts
 * import { ConsoleClient } from "@nakama-ts/sdk/console";
 * const admin = new ConsoleClient({ host: "console.example.com", port: 443, useSSL: true, timeoutMs: 5_000 });
 * ```
 */
export interface ConsoleClientOptions {
  /** Host name or address. Default `"127.0.0.1"`. */
  host?: string;
  /** Port. Default 7351, the console's default. */
  port?: number;
  /** Use HTTPS. Default false. */
  useSSL?: boolean;
  /** Per-attempt request timeout in ms; 0 turns it off. Default 10 000. */
  timeoutMs?: number;
  /** The retry configuration of every call; a call's own `retry` option overrides it. */
  retry?: RetryConfiguration;
  /**
   * How close to expiry (ms) a session that may re-authenticate logs in again before a call. Default 60 000.
   */
  expiredTimespanMs?: number;
  /** Diagnostics sink; silent by default. Credentials and tokens are never logged. */
  logger?: Logger;
  /** The fetch to use; default `globalThis.fetch`, read at call time. */
  fetch?: FetchLike;
}

/**
 * Options of `ConsoleClient.authenticate`.
 *
 * @example A long-running admin script with an authenticator app
 * ```ts
 * const session = await admin.authenticate("ana", password, {
 *   mfa: () => prompt("MFA code") ?? "",
 *   reauthenticate: true,
 * });
 * ```
 */
export interface ConsoleAuthenticateOptions extends RequestOptions {
  /**
   * The multi-factor code, for users with MFA set up. A function is asked for a fresh code at each login, including
   * automatic re-logins; a string is used for this login only (codes expire within a minute).
   */
  mfa?: string | (() => string | Promise<string>);
  /**
   * Keep the username and password (in memory, inside the client, never on the session object or in logs) and log in
   * again when the token is about to expire or is rejected. The console API has no refresh token. Default false.
   */
  reauthenticate?: boolean;
}

/**
 * A cursor for the next page.
 *
 * @example Next page of leaderboards
 * ```ts
 * const next = await admin.listLeaderboards(session, { cursor: page.cursor });
 * ```
 */
export interface ConsoleCursorOptions extends RequestOptions {
  /** A cursor from a previous page. */
  cursor?: string;
}

/**
 * A page size and cursor.
 *
 * @example Ten notes
 * ```ts
 * const page = await admin.listAccountNotes(session, userId, { limit: 10 });
 * ```
 */
export interface ConsolePageOptions extends ConsoleCursorOptions {
  /** The page size. */
  limit?: number;
}

/**
 * Options of `listAccounts`.
 *
 * @example Find users by name prefix
 * ```ts
 * const { users = [] } = await admin.listAccounts(session, { filter: "alice" });
 * ```
 */
export interface ListAccountsOptions extends ConsoleCursorOptions {
  /** A user id, or a username (exact, or a pattern with `%`). */
  filter?: string;
  /** List deleted accounts (tombstones) instead. */
  tombstones?: boolean;
}

/**
 * Options of `getWalletLedger`.
 *
 * @example The newest 20 changes
 * ```ts
 * const { items = [] } = await admin.getWalletLedger(session, userId, { limit: 20 });
 * ```
 */
export interface WalletLedgerOptions extends ConsolePageOptions {
  /** Page size, 1 to 100 (the server requires one; default 100). */
  limit?: number;
  /** Only changes after this point. */
  after?: string | Date;
  /** Only changes before this point. */
  before?: string | Date;
}

/**
 * Options of `deleteAccount`.
 *
 * @example GDPR erasure, remembered so the id is never reused
 * ```ts
 * await admin.deleteAccount(session, userId, { recordDeletion: true });
 * ```
 */
export interface DeleteAccountOptions extends RequestOptions {
  /** Keep a tombstone of the deletion. */
  recordDeletion?: boolean;
}

/**
 * The fields `updateAccount` can change; only the given ones are sent.
 *
 * @example Fix a wallet and a name
 * ```ts
 * await admin.updateAccount(session, userId, { displayName: "Ana", wallet: { coins: 100 } });
 * ```
 */
export interface ConsoleUpdateAccountOptions extends RequestOptions {
  /** New username. */
  username?: string;
  /** New display name. */
  displayName?: string;
  /** New metadata: an object, or JSON text. */
  metadata?: string | Record<string, unknown>;
  /** New avatar URL. */
  avatarUrl?: string;
  /** New language tag. */
  langTag?: string;
  /** New location. */
  location?: string;
  /** New timezone. */
  timezone?: string;
  /** New custom id. */
  customId?: string;
  /** New email. */
  email?: string;
  /** New password. */
  password?: string;
  /** Device id changes: old id to new id (an empty new id removes it). */
  deviceIds?: Record<string, string>;
  /** The whole new wallet: an object, or JSON text. The console writes no ledger entry for it. */
  wallet?: string | Record<string, unknown>;
}

/**
 * Options of `addAccountNote`.
 *
 * @example Edit a note
 * ```ts
 * await admin.addAccountNote(session, userId, "Refunded.", { id: noteId });
 * ```
 */
export interface AddAccountNoteOptions extends RequestOptions {
  /** The id of a note to replace; absent adds a note. */
  id?: string;
}

/**
 * Options of `importAccountFull`.
 *
 * @example Overwrite an existing user
 * ```ts
 * await admin.importAccountFull(session, data, { id: userId });
 * ```
 */
export interface ImportAccountFullOptions extends RequestOptions {
  /** The user id to overwrite; absent creates a new account. */
  id?: string;
}

/**
 * Options of `addAclTemplate`.
 *
 * @example With a description
 * ```ts
 * await admin.addAclTemplate(session, "support", acl, { description: "Support staff" });
 * ```
 */
export interface AddAclTemplateOptions extends RequestOptions {
  /** The description. */
  description?: string;
}

/**
 * Options of `updateAclTemplate`: the fields to change.
 *
 * @example Rename
 * ```ts
 * await admin.updateAclTemplate(session, templateId, { name: "support-l2" });
 * ```
 */
export interface UpdateAclTemplateOptions extends AddAclTemplateOptions {
  /** The new name. */
  name?: string;
  /** The new permissions. */
  acl?: ConsoleAcl;
}

/**
 * Options of `callApiEndpoint` and `callRpcEndpoint`.
 *
 * @example Call as a user, with session variables
 * ```ts
 * await admin.callRpcEndpoint(session, "reward", { body: { coins: 5 }, userId, sessionVars: { platform: "ios" } });
 * ```
 */
export interface CallEndpointOptions extends RequestOptions {
  /** The request body: an object, or JSON text. */
  body?: string | Record<string, unknown>;
  /** Call as this user. */
  userId?: string;
  /** Session variables of the call. */
  sessionVars?: Record<string, string>;
}

/**
 * Options of `listAuditLogs`.
 *
 * @example Deletions by one console user
 * ```ts
 * await admin.listAuditLogs(session, { username: "ana", action: "DELETE", limit: 50 });
 * ```
 */
export interface ListAuditLogsOptions extends ConsolePageOptions {
  /** Only this console user's actions. */
  username?: string;
  /** Only this resource (an `AclResources` number). */
  resource?: number;
  /** Only this action (`"CREATE"`, `"UPDATE"`, `"DELETE"`...). */
  action?: string;
  /** Only entries after this time. */
  after?: string | Date;
  /** Only entries before this time. */
  before?: string | Date;
}

/**
 * Options of `listChannelMessages`.
 *
 * @example A group's chat
 * ```ts
 * await admin.listChannelMessages(session, { type: "GROUP", groupId });
 * ```
 */
export interface ConsoleListChannelMessagesOptions extends ConsoleCursorOptions {
  /** The channel type. */
  type?: "ROOM" | "GROUP" | "DIRECT";
  /** The room name (rooms). */
  label?: string;
  /** The group (groups). */
  groupId?: string;
  /** One user (direct chats). */
  userIdOne?: string;
  /** The other user (direct chats). */
  userIdTwo?: string;
}

/**
 * Options of `listGroups`.
 *
 * @example By name
 * ```ts
 * await admin.listGroups(session, { filter: "Knights" });
 * ```
 */
export interface ConsoleListGroupsOptions extends ConsoleCursorOptions {
  /** A group id, or a name (exact, or a pattern with `%`). */
  filter?: string;
}

/**
 * Options of `addGroupUsers`.
 *
 * @example Add as join requests
 * ```ts
 * await admin.addGroupUsers(session, groupId, [userId], { joinRequest: true });
 * ```
 */
export interface AddGroupUsersOptions extends RequestOptions {
  /** Add them as join requests rather than members. */
  joinRequest?: boolean;
}

/**
 * The fields `updateGroup` can change; only the given ones are sent.
 *
 * @example Close a group
 * ```ts
 * await admin.updateGroup(session, groupId, { open: false, maxCount: 50 });
 * ```
 */
export interface ConsoleUpdateGroupOptions extends RequestOptions {
  /** New name. */
  name?: string;
  /** New description. */
  description?: string;
  /** New language tag. */
  langTag?: string;
  /** New metadata: an object, or JSON text. */
  metadata?: string | Record<string, unknown>;
  /** New avatar URL. */
  avatarUrl?: string;
  /** Open or closed. */
  open?: boolean;
  /** New member limit. */
  maxCount?: number;
}

/**
 * Options of `listLeaderboardRecords`.
 *
 * @example Two owners' records
 * ```ts
 * await admin.listLeaderboardRecords(session, "weekly", { ownerIds: [a, b] });
 * ```
 */
export interface ConsoleListRecordsOptions extends ConsolePageOptions {
  /** Also return these owners' records (in `owner_records`). */
  ownerIds?: readonly string[];
  /** A past period's expiry (Unix seconds) of a resetting board. */
  expiry?: number | bigint | string;
}

/**
 * Options of `listMatches`.
 *
 * @example Authoritative matches on one node
 * ```ts
 * await admin.listMatches(session, { authoritative: true, node: "nakama1" });
 * ```
 */
export interface ConsoleListMatchesOptions extends RequestOptions {
  /** How many. */
  limit?: number;
  /** Only (non-)authoritative matches. */
  authoritative?: boolean;
  /** Only matches with this label. */
  label?: string;
  /** Smallest size. */
  minSize?: number;
  /** Largest size. */
  maxSize?: number;
  /** One match by id. */
  matchId?: string;
  /** A label query. */
  query?: string;
  /** Only this node's matches. */
  node?: string;
}

/**
 * Options of `deleteChannelMessages`.
 *
 * @example Purge old messages
 * ```ts
 * await admin.deleteChannelMessages(session, { before: new Date(Date.now() - 90 * 86_400_000) });
 * ```
 */
export interface DeleteChannelMessagesOptions extends RequestOptions {
  /** Delete every message older than this. */
  before?: string | Date;
  /** Delete these message ids. */
  ids?: readonly string[];
}

/**
 * Options of `listNotifications`.
 *
 * @example A user's notifications
 * ```ts
 * await admin.listNotifications(session, { userId, limit: 20 });
 * ```
 */
export interface ConsoleListNotificationsOptions extends ConsolePageOptions {
  /** Only this user's notifications. */
  userId?: string;
}

/**
 * Options of `sendNotification`.
 *
 * @example A persistent notification to two users
 * ```ts
 * await admin.sendNotification(session, "Maintenance", { at: "02:00" }, { userIds: [a, b], persistent: true });
 * ```
 */
export interface SendNotificationOptions extends RequestOptions {
  /** The recipients; absent sends to every user. */
  userIds?: readonly string[];
  /** The category code. */
  code?: number;
  /** Store the notification. */
  persistent?: boolean;
  /** The sender's user id. */
  senderId?: string;
}

/**
 * Options of `listPurchases` and `listSubscriptions`.
 *
 * @example A user's purchases this month
 * ```ts
 * await admin.listPurchases(session, { userId, after: new Date("2025-06-01") });
 * ```
 */
export interface ListPurchasesOptions extends ConsolePageOptions {
  /** Only this user's. */
  userId?: string;
  /** Only after this time. */
  after?: string | Date;
  /** Only before this time. */
  before?: string | Date;
  /** A product or transaction id filter. */
  filter?: string;
}

/**
 * Options of `satoriSendDirectMessage`.
 *
 * @example From a template
 * ```ts
 * await admin.satoriSendDirectMessage(session, [identityId], { templateId, persist: true });
 * ```
 */
export interface SatoriSendDirectMessageOptions extends RequestOptions {
  /** The template to render. */
  templateId?: string;
  /** The integrations to deliver through (`"FCM"`, `"APNS"`...). */
  integrations?: readonly string[];
  /** Store the message in the recipients' inbox. */
  persist?: boolean;
  /** Channels per integration, as Satori takes them. */
  channels?: Record<string, unknown>;
  /** A template to use instead of `templateId`, as Satori takes it. */
  templateOverride?: Record<string, unknown>;
}

/**
 * Options of `satoriListTemplates`.
 *
 * @example By label
 * ```ts
 * await admin.satoriListTemplates(session, { labelNameOr: ["promo"], limit: 20 });
 * ```
 */
export interface SatoriListTemplatesOptions extends ConsolePageOptions {
  /** Names matching one of these. */
  nameOr?: readonly string[];
  /** This exact name. */
  nameExact?: string;
  /** Names matching this pattern. */
  nameLike?: string;
  /** Labels matching one of these. */
  labelNameOr?: readonly string[];
  /** Labels matching all of these. */
  labelNameAnd?: readonly string[];
}

/**
 * Options of `listSettings`.
 *
 * @example Two settings
 * ```ts
 * await admin.listSettings(session, { names: ["utc_toggle", "theme"] });
 * ```
 */
export interface ListSettingsOptions extends RequestOptions {
  /** Only these settings. */
  names?: readonly string[];
}

/**
 * Options of `listStorage`.
 *
 * @example One user's saves
 * ```ts
 * await admin.listStorage(session, { collection: "saves", userId });
 * ```
 */
export interface ListStorageOptions extends ConsoleCursorOptions {
  /** Only this owner's objects. */
  userId?: string;
  /** Only this key (with a collection). */
  key?: string;
  /** Only this collection. */
  collection?: string;
}

/**
 * Options of `deleteStorageObject`.
 *
 * @example Only if unchanged
 * ```ts
 * await admin.deleteStorageObject(session, "saves", "slot1", userId, { version: object.version });
 * ```
 */
export interface DeleteStorageObjectOptions extends RequestOptions {
  /** Delete only if the object still has this version. */
  version?: string;
}

/**
 * Options of `writeStorageObject`.
 *
 * @example Public read, owner write
 * ```ts
 * await admin.writeStorageObject(session, "saves", "slot1", userId, { level: 3 }, { permissionRead: 2 });
 * ```
 */
export interface ConsoleWriteStorageObjectOptions extends RequestOptions {
  /** Write only if the object has this version (`"*"`: only if it does not exist). */
  version?: string;
  /** 0 no read, 1 owner read, 2 public read. */
  permissionRead?: number;
  /** 0 no write, 1 owner write. */
  permissionWrite?: number;
}

/**
 * Options of `addUser`. Nakama 3.40 takes `acl` and sends an invitation; 3.28 and earlier take `password` and `role`.
 *
 * @example A read-only user on 3.40
 * ```ts
 * await admin.addUser(session, "viewer", "viewer@example.com", { acl: { ACCOUNT: { read: true } } });
 * ```
 */
export interface AddUserOptions extends RequestOptions {
  /** The permissions (3.33+). */
  acl?: ConsoleAcl;
  /** Require MFA. */
  mfaRequired?: boolean;
  /** Subscribe the user to newsletters. */
  newsletterSubscription?: boolean;
  /** The password (3.32 and earlier). */
  password?: string;
  /** The role (3.32 and earlier): 1 admin, 2 developer, 3 maintainer, 4 read-only. */
  role?: number;
}
