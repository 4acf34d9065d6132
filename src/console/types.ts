/**
 * Wire types of the console API that the game API does not already have. They mirror the console's JSON exactly:
 * snake_case names, int64 as decimal strings, enums as numbers. The console gateway also sends fields at their zero
 * value (`""`, `0`, `false`, `[]`, and `null` for an unset time), so unset times are typed `string | null`. Shapes
 * the game API shares (users, accounts, groups, storage objects, records...) are the game client's `Api…` types.
 * @module
 */

import type {
  ApiAccount,
  ApiChannelMessage,
  ApiFriend,
  ApiGroup,
  ApiGroupUser,
  ApiLeaderboardRecord,
  ApiMatch,
  ApiNotification,
  ApiStorageObject,
  ApiUser,
  ApiValidatedPurchase,
} from "../types.ts";
import type { UserPresence } from "../socket_types.ts";

/**
 * One account as the console shows it: the game account plus its ban time.
 *
 * @example Is the user banned?
 * ```ts
 * const { account, disable_time } = await admin.getAccount(session, userId);
 * console.log(account?.user?.username, disable_time ? `banned since ${disable_time}` : "active");
 * ```
 */
export interface ConsoleAccount {
  /** The game account (user, wallet, email, devices, custom id). */
  account?: ApiAccount;
  /** When the account was banned (RFC 3339), or null/absent when it is not. */
  disable_time?: string | null;
}

/**
 * A page of accounts.
 *
 * @example Walking every account
 * ```ts
 * let cursor: string | undefined;
 * do {
 *   const page = await admin.listAccounts(session, { cursor });
 *   for (const user of page.users ?? []) console.log(user.id, user.username);
 *   cursor = page.next_cursor || undefined;
 * } while (cursor);
 * ```
 */
export interface ConsoleAccountList {
  /** The users of this page. */
  users?: ApiUser[];
  /** Approximate number of accounts. */
  total_count?: number;
  /** The next page's cursor; empty on the last page. */
  next_cursor?: string;
}

/**
 * Everything stored about one account, as `exportAccount` returns it and `importAccount` takes it.
 *
 * @example Saving a GDPR export
 * ```ts
 * const data = await admin.exportAccount(session, userId);
 * await Bun.write(`${userId}.json`, JSON.stringify(data, null, 2));
 * ```
 */
export interface ConsoleAccountExport {
  /** The account. */
  account?: ApiAccount;
  /** The user's storage objects. */
  objects?: ApiStorageObject[];
  /** The user's friends. */
  friends?: ApiFriend[];
  /** The user's groups. */
  groups?: ApiGroup[];
  /** The user's chat messages. */
  messages?: ApiChannelMessage[];
  /** The user's leaderboard records. */
  leaderboard_records?: ApiLeaderboardRecord[];
  /** The user's notifications. */
  notifications?: ApiNotification[];
  /** The user's wallet ledger. */
  wallet_ledgers?: ConsoleWalletLedger[];
}

/**
 * A note console users left on an account (Nakama 3.33+).
 *
 * @example Reading the notes
 * ```ts
 * const { notes = [] } = await admin.listAccountNotes(session, userId);
 * for (const note of notes) console.log(note.create_username, note.note);
 * ```
 */
export interface ConsoleAccountNote {
  /** The note's id. */
  id?: string;
  /** The account it is about. */
  user_id?: string;
  /** The text. */
  note?: string;
  /** When it was written (RFC 3339). */
  create_time?: string | null;
  /** When it was last changed (RFC 3339). */
  update_time?: string | null;
  /** The console user who wrote it. */
  create_id?: string;
  /** Their username. */
  create_username?: string;
  /** The console user who last changed it. */
  update_id?: string;
  /** Their username. */
  update_username?: string;
}

/**
 * A page of account notes.
 *
 * @example The first page
 * ```ts
 * const page = await admin.listAccountNotes(session, userId, { limit: 10 });
 * console.log(page.notes?.length, page.cursor);
 * ```
 */
export interface ConsoleAccountNoteList {
  /** The notes. */
  notes?: ConsoleAccountNote[];
  /** The next page's cursor, if any. */
  cursor?: string;
}

/**
 * One wallet change.
 *
 * @example Printing changes
 * ```ts
 * const { items = [] } = await admin.getWalletLedger(session, userId);
 * for (const item of items) console.log(item.create_time, item.changeset);
 * ```
 */
export interface ConsoleWalletLedger {
  /** The change's id. */
  id?: string;
  /** The owner. */
  user_id?: string;
  /** The changeset, as JSON text. */
  changeset?: string;
  /** Its metadata, as JSON text. */
  metadata?: string;
  /** When it was made (RFC 3339). */
  create_time?: string | null;
  /** When it was last updated (RFC 3339). */
  update_time?: string | null;
}

/**
 * A page of wallet changes, newest first.
 *
 * @example Older changes
 * ```ts
 * const page = await admin.getWalletLedger(session, userId, { limit: 50 });
 * const older = await admin.getWalletLedger(session, userId, { limit: 50, cursor: page.next_cursor });
 * ```
 */
export interface ConsoleWalletLedgerList {
  /** The changes. */
  items?: ConsoleWalletLedger[];
  /** The cursor of the next (older) page. */
  next_cursor?: string;
  /** The cursor of the previous (newer) page. */
  prev_cursor?: string;
}

/**
 * Rights on one console resource.
 *
 * @example Read-only
 * ```ts
 * import type { ConsolePermissions } from "@nakama-ts/sdk/console";
 * const readOnly: ConsolePermissions = { read: true, write: false, delete: false };
 * ```
 */
export interface ConsolePermissions {
  /** Read the resource. */
  read?: boolean;
  /** Create or change it. */
  write?: boolean;
  /** Delete it. */
  delete?: boolean;
}

/**
 * A console access list (Nakama 3.33+): permissions per resource name (`"ACCOUNT"`, `"STORAGE_DATA"`...).
 *
 * @example Support staff
 * ```ts
 * import type { ConsoleAcl } from "@nakama-ts/sdk/console";
 * const support: ConsoleAcl = { ACCOUNT: { read: true, write: true }, ACCOUNT_NOTES: { read: true, write: true } };
 * ```
 */
export type ConsoleAcl = Record<string, ConsolePermissions>;

/**
 * A named access list to give console users.
 *
 * @example Listing templates
 * ```ts
 * const { templates = [] } = await admin.listAclTemplates(session);
 * console.log(templates.map((t) => t.name));
 * ```
 */
export interface ConsoleAclTemplate {
  /** The template's id. */
  id?: string;
  /** Its name. */
  name?: string;
  /** Its description. */
  description?: string;
  /** Its permissions. */
  acl?: ConsoleAcl;
  /** When it was created (RFC 3339). */
  create_time?: string | null;
  /** When it was last changed (RFC 3339). */
  update_time?: string | null;
}

/**
 * The ACL templates.
 *
 * @example Count them
 * ```ts
 * console.log((await admin.listAclTemplates(session)).templates?.length ?? 0);
 * ```
 */
export interface ConsoleAclTemplateList {
  /** The templates. */
  templates?: ConsoleAclTemplate[];
}

/**
 * One endpoint of the API explorer.
 *
 * @example Listing RPCs
 * ```ts
 * const { rpc_endpoints = [] } = await admin.listApiEndpoints(session);
 * console.log(rpc_endpoints.map((e) => e.method));
 * ```
 */
export interface ConsoleApiEndpointDescriptor {
  /** The method (RPC id or API method name). */
  method?: string;
  /** A JSON template of its request body. */
  body_template?: string;
}

/**
 * The API explorer's endpoints.
 *
 * @example Listing both kinds
 * ```ts
 * const list = await admin.listApiEndpoints(session);
 * console.log(list.endpoints?.length, list.rpc_endpoints?.length);
 * ```
 */
export interface ConsoleApiEndpointList {
  /** The game API's methods. */
  endpoints?: ConsoleApiEndpointDescriptor[];
  /** The registered RPC functions. */
  rpc_endpoints?: ConsoleApiEndpointDescriptor[];
}

/**
 * What an API-explorer call answered.
 *
 * @example Calling an RPC as a user
 * ```ts
 * const reply = await admin.callRpcEndpoint(session, "echo", { body: "{}", userId });
 * console.log(reply.error_message || reply.body);
 * ```
 */
export interface ConsoleCallApiEndpointResponse {
  /** The reply body text. */
  body?: string;
  /** The error, when the call failed. */
  error_message?: string;
}

/**
 * One audit-log entry (Nakama 3.33+).
 *
 * @example Who deleted what
 * ```ts
 * const { entries = [] } = await admin.listAuditLogs(session, { action: "DELETE" });
 * for (const entry of entries) console.log(entry.timestamp, entry.username, entry.message);
 * ```
 */
export interface ConsoleAuditLog {
  /** The entry's id. */
  id?: string;
  /** When the action happened (RFC 3339). */
  timestamp?: string | null;
  /** The console user's id. */
  user_id?: string;
  /** The console user's username. */
  username?: string;
  /** The console user's email. */
  email?: string;
  /** The resource (an `AclResources` number). */
  resource?: number;
  /** The action: 0 unknown, 1 create, 2 update, 3 delete, 4 invoke, 5 import, 6 export. */
  action?: number;
  /** The log message. */
  message?: string;
  /** More details, as JSON text. */
  metadata?: string;
}

/**
 * A page of audit-log entries.
 *
 * @example The next page
 * ```ts
 * const page = await admin.listAuditLogs(session, { limit: 50 });
 * const next = await admin.listAuditLogs(session, { limit: 50, cursor: page.next_cursor });
 * ```
 */
export interface ConsoleAuditLogList {
  /** The entries. */
  entries?: ConsoleAuditLog[];
  /** The next page's cursor. */
  next_cursor?: string;
  /** The previous page's cursor. */
  prev_cursor?: string;
}

/**
 * The console usernames that appear in the audit log.
 *
 * @example Filter choices
 * ```ts
 * const { usernames = [] } = await admin.listAuditLogsUsers(session);
 * ```
 */
export interface ConsoleAuditLogUsersList {
  /** The usernames. */
  usernames?: string[];
}

/**
 * The raw reply of the console login: a token, or only `mfa_code` when MFA must be set up first.
 * `authenticate` turns it into a `ConsoleSession` or a `MfaRequiredError`.
 *
 * @example Shape
 * ```ts
 * import type { ApiConsoleSession } from "@nakama-ts/sdk/console";
 * const reply: ApiConsoleSession = { token: "eyJ…" };
 * ```
 */
export interface ApiConsoleSession {
  /** The console JWT. */
  token?: string;
  /** A one-time token to set MFA up with, when the user must do that first. */
  mfa_code?: string | null;
}

/**
 * The reply of `authenticateMfaSetup`: one-time recovery codes to store safely.
 *
 * @example Show them once
 * ```ts
 * const { recovery_codes = [] } = await admin.authenticateMfaSetup(setupToken, "123456");
 * console.log(recovery_codes.join("\n"));
 * ```
 */
export interface ConsoleMfaSetupResponse {
  /** The recovery codes. */
  recovery_codes?: string[];
}

/**
 * The server's active configuration.
 *
 * @example The version and warnings
 * ```ts
 * const config = await admin.getConfig(session);
 * console.log(config.server_version, config.warnings?.map((w) => w.message));
 * const parsed = JSON.parse(config.config ?? "{}");
 * ```
 */
export interface ConsoleConfig {
  /** The configuration, as JSON text. */
  config?: string;
  /** Warnings about it. */
  warnings?: ConsoleConfigWarning[];
  /** The server's version, such as `"3.40.0+…"`. */
  server_version?: string;
}

/**
 * A configuration warning.
 *
 * @example Print
 * ```ts
 * for (const w of (await admin.getConfig(session)).warnings ?? []) console.log(w.field, w.message);
 * ```
 */
export interface ConsoleConfigWarning {
  /** The field, as a JSON pointer. */
  field?: string;
  /** The warning. */
  message?: string;
}

/**
 * Which extensions the server has registered.
 *
 * @example Is Hiro there?
 * ```ts
 * const { hiro, satori } = await admin.registeredExtensions(session);
 * ```
 */
export interface ConsoleExtensions {
  /** Hiro is registered. */
  hiro?: boolean;
  /** Hiro's registered systems. */
  hiro_systems?: {
    economy_system?: boolean;
    inventory_system?: boolean;
    progression_system?: boolean;
    stats_system?: boolean;
    energy_system?: boolean;
  } | null;
  /** Satori is registered. */
  satori?: boolean;
}

/**
 * A page of groups.
 *
 * @example Find a group by name
 * ```ts
 * const { groups = [] } = await admin.listGroups(session, { filter: "Guild%" });
 * ```
 */
export interface ConsoleGroupList {
  /** The groups. */
  groups?: ApiGroup[];
  /** Approximate number of groups. */
  total_count?: number;
  /** The next page's cursor. */
  next_cursor?: string;
}

/**
 * Everything stored about a group.
 *
 * @example Export
 * ```ts
 * const { group, members = [] } = await admin.exportGroup(session, groupId);
 * ```
 */
export interface ConsoleGroupExport {
  /** The group. */
  group?: ApiGroup;
  /** Its members with their states. */
  members?: ApiGroupUser[];
}

/**
 * A leaderboard or tournament as the console shows it. int64 fields are decimal strings.
 *
 * @example Print the boards
 * ```ts
 * const { leaderboards = [] } = await admin.listLeaderboards(session);
 * for (const b of leaderboards) console.log(b.id, b.tournament ? "tournament" : "leaderboard", b.size);
 * ```
 */
export interface ConsoleLeaderboard {
  /** The id. */
  id?: string;
  /** The title (tournaments). */
  title?: string;
  /** The description. */
  description?: string;
  /** The category. */
  category?: string;
  /** 0 ascending, 1 descending. */
  sort_order?: string;
  /** The number of records. */
  size?: string;
  /** The maximum number of records. */
  max_size?: string;
  /** The maximum number of submissions per owner. */
  max_num_score?: string;
  /** The score operator: 0 best, 1 set, 2 increment, 3 decrement. */
  operator?: string;
  /** When the current period stops being active (Unix seconds). */
  end_active?: string;
  /** The reset schedule (cron). */
  reset_schedule?: string;
  /** Metadata, as JSON text. */
  metadata?: string;
  /** When it was created (RFC 3339). */
  create_time?: string | null;
  /** When it starts (RFC 3339). */
  start_time?: string | null;
  /** When it ends (RFC 3339). */
  end_time?: string | null;
  /** The duration of each period, in seconds. */
  duration?: string;
  /** When the current period started being active (Unix seconds). */
  start_active?: string;
  /** Players must join before submitting. */
  join_required?: boolean;
  /** Only the server may submit. */
  authoritative?: boolean;
  /** It is a tournament. */
  tournament?: boolean;
  /** The last reset (Unix seconds). */
  prev_reset?: string;
  /** The next reset (Unix seconds). */
  next_reset?: string;
}

/**
 * A page of leaderboards and tournaments.
 *
 * @example Count
 * ```ts
 * const { total } = await admin.listLeaderboards(session);
 * ```
 */
export interface ConsoleLeaderboardList {
  /** The boards. */
  leaderboards?: ConsoleLeaderboard[];
  /** How many there are. */
  total?: number;
  /** The next page's cursor. */
  cursor?: string;
}

/**
 * A running match and its node.
 *
 * @example Print
 * ```ts
 * const { matches = [] } = await admin.listMatches(session);
 * for (const m of matches) console.log(m.api_match?.match_id, m.node);
 * ```
 */
export interface ConsoleMatch {
  /** The match. */
  api_match?: ApiMatch;
  /** The node that runs it. */
  node?: string;
}

/**
 * The running matches.
 *
 * @example Count
 * ```ts
 * console.log((await admin.listMatches(session)).matches?.length ?? 0);
 * ```
 */
export interface ConsoleMatchList {
  /** The matches. */
  matches?: ConsoleMatch[];
}

/**
 * A running match's state.
 *
 * @example Inspect
 * ```ts
 * const { tick, state, presences = [] } = await admin.getMatchState(session, matchId);
 * ```
 */
export interface ConsoleMatchState {
  /** Who is in the match. */
  presences?: UserPresence[];
  /** The current tick. */
  tick?: string;
  /** The state, as the match handler renders it. */
  state?: string;
}

/**
 * How many messages `deleteChannelMessages` removed.
 *
 * @example Purge
 * ```ts
 * const { total } = await admin.deleteChannelMessages(session, { before: new Date("2024-01-01") });
 * ```
 */
export interface ConsoleDeleteChannelMessagesResponse {
  /** The count, an int64 string. */
  total?: string;
}

/**
 * A notification and its recipient.
 *
 * @example Print
 * ```ts
 * const n = await admin.getNotification(session, notificationId);
 * console.log(n.user_id, n.subject);
 * ```
 */
export interface ConsoleNotification extends ApiNotification {
  /** The recipient. */
  user_id?: string;
}

/**
 * A page of notifications.
 *
 * @example A user's notifications
 * ```ts
 * const { notifications = [] } = await admin.listNotifications(session, { userId });
 * ```
 */
export interface ConsoleNotificationList {
  /** The notifications. */
  notifications?: ConsoleNotification[];
  /** The next page's cursor. */
  next_cursor?: string;
  /** The previous page's cursor. */
  prev_cursor?: string;
}

/**
 * A page of validated purchases.
 *
 * @example A user's purchases
 * ```ts
 * const { validated_purchases = [] } = await admin.listPurchases(session, { userId });
 * ```
 */
export interface ConsolePurchaseList {
  /** The purchases. */
  validated_purchases?: ApiValidatedPurchase[];
  /** The next page's cursor. */
  cursor?: string;
  /** The previous page's cursor. */
  prev_cursor?: string;
}

/**
 * A loaded runtime module.
 *
 * @example Print
 * ```ts
 * for (const m of (await admin.getRuntime(session)).js_modules ?? []) console.log(m.path, m.mod_time);
 * ```
 */
export interface ConsoleModuleInfo {
  /** The module's path. */
  path?: string;
  /** When it was last modified (RFC 3339). */
  mod_time?: string | null;
}

/**
 * The server runtime's modules and RPC functions.
 *
 * @example The RPCs
 * ```ts
 * const info = await admin.getRuntime(session);
 * console.log([...info.go_rpc_functions ?? [], ...info.lua_rpc_functions ?? [], ...info.js_rpc_functions ?? []]);
 * ```
 */
export interface ConsoleRuntimeInfo {
  /** Lua RPC ids. */
  lua_rpc_functions?: string[];
  /** Go RPC ids. */
  go_rpc_functions?: string[];
  /** JavaScript RPC ids. */
  js_rpc_functions?: string[];
  /** Go modules. */
  go_modules?: ConsoleModuleInfo[];
  /** Lua modules. */
  lua_modules?: ConsoleModuleInfo[];
  /** JavaScript modules. */
  js_modules?: ConsoleModuleInfo[];
}

/**
 * The reply of a Satori direct message: one result per recipient. Kept loose: its nested shapes follow Satori.
 *
 * @example Failed deliveries
 * ```ts
 * const { delivery_results = [] } = await admin.satoriSendDirectMessage(session, ["identity-1"], { templateId });
 * ```
 */
export interface ConsoleSendDirectMessageResponse {
  /** Per recipient: `recipient_id` and `integration_results`. */
  delivery_results?: Array<{
    recipient_id?: string;
    integration_results?: Array<
      { integration_type?: number; success?: boolean; error_message?: string; channel_type?: number }
    >;
  }>;
}

/**
 * A Satori message template.
 *
 * @example Names
 * ```ts
 * const { templates = [] } = await admin.satoriListTemplates(session);
 * console.log(templates.map((t) => t.name));
 * ```
 */
export interface ConsoleSatoriTemplate {
  /** The id. */
  id?: string;
  /** The display name. */
  name?: string;
  /** Created, Unix seconds as an int64 string. */
  create_time_sec?: string;
  /** Updated, Unix seconds as an int64 string. */
  update_time_sec?: string;
  /** The content template. */
  value?: string;
  /** The title template. */
  title?: string;
  /** The image URL. */
  image_url?: string;
  /** The content's value type. */
  value_type?: string;
  /** JSON metadata. */
  json_metadata?: string;
  /** Its categories. */
  categories?: Array<{ id?: string; name?: string; color?: string }>;
}

/**
 * A page of Satori message templates.
 *
 * @example Next page
 * ```ts
 * const page = await admin.satoriListTemplates(session, { limit: 20 });
 * const next = await admin.satoriListTemplates(session, { limit: 20, cursor: page.page_options?.next_cursor });
 * ```
 */
export interface ConsoleSatoriTemplateList {
  /** The templates. */
  templates?: ConsoleSatoriTemplate[];
  /** The cursors, when there are more pages. */
  page_options?: { prev_cursor?: string; next_cursor?: string } | null;
}

/**
 * A console setting (Nakama 3.30+).
 *
 * @example Read one
 * ```ts
 * const setting = await admin.getSetting(session, "utc_toggle");
 * console.log(setting.value);
 * ```
 */
export interface ConsoleSetting {
  /** Its name. */
  name?: string;
  /** Its value. */
  value?: string;
  /** Updated, Unix seconds as an int64 string. */
  update_time_sec?: string;
}

/**
 * The console settings.
 *
 * @example All of them
 * ```ts
 * const { settings = [] } = await admin.listSettings(session);
 * ```
 */
export interface ConsoleSettingList {
  /** The settings. */
  settings?: ConsoleSetting[];
  /** The ACL resource names (present only so the server's schema lists them). */
  acl_resources?: Array<number | string>;
}

/**
 * One node's health and load.
 *
 * @example Print
 * ```ts
 * for (const n of (await admin.getStatus(session)).nodes ?? []) console.log(n.name, n.health, n.session_count);
 * ```
 */
export interface ConsoleNodeStatus {
  /** The node's name. */
  name?: string;
  /** 0 ok, 1 error, 2 connecting, 3 disconnecting. */
  health?: number;
  /** Connected sessions. */
  session_count?: number;
  /** Tracked presences. */
  presence_count?: number;
  /** Authoritative matches. */
  match_count?: number;
  /** Goroutines. */
  goroutine_count?: number;
  /** Average latency, ms. */
  avg_latency_ms?: number;
  /** Average requests per second. */
  avg_rate_sec?: number;
  /** Average input, kB/s. */
  avg_input_kbs?: number;
  /** Average output, kB/s. */
  avg_output_kbs?: number;
  /** Active parties. */
  party_count?: number;
  /** When the node started (RFC 3339). */
  create_time?: string | null;
}

/**
 * The status of every node.
 *
 * @example Healthy?
 * ```ts
 * const ok = ((await admin.getStatus(session)).nodes ?? []).every((n) => !n.health);
 * ```
 */
export interface ConsoleStatusList {
  /** The nodes. */
  nodes?: ConsoleNodeStatus[];
  /** When the status was taken (RFC 3339). */
  timestamp?: string | null;
}

/**
 * A storage object in a console listing. Nakama 3.18 includes `value`; later versions leave it out (read the object
 * with `getStorage`).
 *
 * @example Print
 * ```ts
 * for (const o of (await admin.listStorage(session, { collection: "saves" })).objects ?? []) console.log(o.key);
 * ```
 */
export interface ConsoleStorageListObject {
  /** The collection. */
  collection?: string;
  /** The key. */
  key?: string;
  /** The owner. */
  user_id?: string;
  /** The value, as JSON text (3.18 only). */
  value?: string;
  /** The version hash. */
  version?: string;
  /** 0 no read, 1 owner read, 2 public read. */
  permission_read?: number;
  /** 0 no write, 1 owner write. */
  permission_write?: number;
  /** When it was created (RFC 3339). */
  create_time?: string | null;
  /** When it was last changed (RFC 3339). */
  update_time?: string | null;
}

/**
 * A page of storage objects.
 *
 * @example Next page
 * ```ts
 * const page = await admin.listStorage(session, { userId });
 * const next = await admin.listStorage(session, { userId, cursor: page.next_cursor });
 * ```
 */
export interface ConsoleStorageList {
  /** The objects. */
  objects?: ConsoleStorageListObject[];
  /** Approximate number of objects. */
  total_count?: number;
  /** The next page's cursor. */
  next_cursor?: string;
}

/**
 * The storage collections (answered from a cache that refreshes about once a minute).
 *
 * @example Print
 * ```ts
 * console.log((await admin.listStorageCollections(session)).collections);
 * ```
 */
export interface ConsoleStorageCollectionsList {
  /** The collection names, sorted. */
  collections?: string[];
}

/**
 * A console user.
 *
 * @example Who has MFA?
 * ```ts
 * const { users = [] } = await admin.listUsers(session);
 * console.log(users.filter((u) => u.mfa_enabled).map((u) => u.username));
 * ```
 */
export interface ConsoleUser {
  /** The id. */
  id?: string;
  /** The username. */
  username?: string;
  /** The email. */
  email?: string;
  /** The permissions (3.33+). */
  acl?: ConsoleAcl;
  /** MFA must be set up. */
  mfa_required?: boolean;
  /** MFA is set up. */
  mfa_enabled?: boolean;
  /** When the user was created (RFC 3339). */
  create_time?: string | null;
  /** When the user was last changed (RFC 3339). */
  update_time?: string | null;
  /** The role before 3.33: 1 admin, 2 developer, 3 maintainer, 4 read-only. */
  role?: number;
}

/**
 * The console users.
 *
 * @example Print
 * ```ts
 * console.log((await admin.listUsers(session)).users?.map((u) => u.username));
 * ```
 */
export interface ConsoleUserList {
  /** The users. */
  users?: ConsoleUser[];
}

/**
 * The reply of `addUser`: the new user and a one-time token to set its password with (3.40).
 *
 * @example Invite
 * ```ts
 * const { user, token } = await admin.addUser(session, "ana", "ana@example.com", { acl });
 * ```
 */
export interface ConsoleAddUserResponse {
  /** The new user. */
  user?: ConsoleUser;
  /** A one-time token for `authenticatePasswordChange`. */
  token?: string;
}

/**
 * The reply of `resetUserPassword`: a one-time code to set a new password with.
 *
 * @example Reset
 * ```ts
 * const { code } = await admin.resetUserPassword(session, "ana");
 * await admin.authenticatePasswordChange(code!, "a-new-long-password");
 * ```
 */
export interface ConsoleResetUserResponse {
  /** The one-time code. */
  code?: string;
}
