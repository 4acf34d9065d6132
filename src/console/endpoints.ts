/**
 * The console API as data: one entry per operation of the console's swagger document (Nakama 3.40), with its route,
 * its positional arguments, the option fields it sends in the query or the body, and the first server version known
 * to have it. `ConsoleClient` methods name their entry; the login routes are written out in the client itself.
 * @module
 */

import { path } from "../http.ts";
import type { Rules } from "../internal/wire.ts";

/** One console operation, described as data. */
export interface ConsoleEndpoint {
  /** The swagger operation id. */
  readonly operation: string;
  readonly method: "GET" | "POST" | "PUT" | "DELETE";
  /** Builds the path from the checked path arguments (always through the `path` template). */
  readonly route: (...segments: string[]) => string;
  /** Names of the positional path arguments, in route order. */
  readonly params?: readonly string[];
  /** Positional arguments after the path ones: body fields, or query parameters with `argsInQuery`. */
  readonly args?: Rules;
  readonly argsInQuery?: boolean;
  /** Option fields sent as query parameters. */
  readonly query?: Rules;
  /** Option fields sent in the JSON body. */
  readonly body?: Rules;
  /** Wire names that are not the snake_case of the option name. */
  readonly rename?: Readonly<Record<string, string>>;
  /** The reply is `{}`: the method resolves with undefined. */
  readonly empty?: boolean;
  /** The first Nakama version known to have the operation (from the version notes); absent when older or unknown. */
  readonly since?: string;
}

const CURSOR: Rules = { cursor: "string" };
const PAGE: Rules = { limit: "int", cursor: "string" };
const PURCHASES: Rules = { userId: "string", ...PAGE, after: "time", before: "time", filter: "string" };
const CALL: Rules = { body: "json", userId: "string", sessionVars: "vars" };
const STORAGE_ID = ["collection", "key", "userId"] as const;

const get = (
  operation: string,
  route: (...segments: string[]) => string,
  extra: Partial<ConsoleEndpoint> = {},
): ConsoleEndpoint => ({
  operation,
  method: "GET",
  route,
  ...extra,
});

/** An account-scoped action (`/v2/console/account/{id}/…`) that takes no fields and answers `{}`. */
const accountAction = (operation: string, method: "POST" | "DELETE", suffix: string, since?: string) => ({
  operation,
  method,
  route: (id: string) => path`/v2/console/account/${id}` + suffix,
  params: ["userId"],
  empty: true,
  since,
} as const);

/** The unlink routes differ only by provider. */
const unlink = (operation: string, provider: string) => accountAction(operation, "POST", `/unlink/${provider}`);

/**
 * Every console operation except the login ones (Authenticate, AuthenticateLogout, AuthenticateMFASetup,
 * AuthenticatePasswordChange), keyed by method name. DeleteStorageObject and DeleteStorageObject2 share the
 * `deleteStorageObject` method, which picks the route by whether a version is given.
 */
export const CONSOLE_ENDPOINTS = {
  // ---------------------------------------------------------------- accounts
  listAccounts: get("ListAccounts", () => "/v2/console/account", {
    query: { filter: "string", tombstones: "bool", ...CURSOR },
  }),
  deleteAccounts: { operation: "DeleteAccounts", method: "DELETE", route: () => "/v2/console/account", empty: true },
  importAccountFull: {
    operation: "ImportAccountFull",
    method: "POST",
    route: () => "/v2/console/account",
    args: { data: "object!" },
    body: { id: "string" },
    since: "3.33",
  },
  listAccountNotes: get("ListAccountNotes", (id) => path`/v2/console/account/${id}/note`, {
    params: ["accountId"],
    query: PAGE,
    since: "3.33",
  }),
  addAccountNote: {
    operation: "AddAccountNote",
    method: "POST",
    route: (id) => path`/v2/console/account/${id}/note`,
    params: ["accountId"],
    args: { note: "string!" },
    body: { id: "string" },
    since: "3.33",
  },
  deleteAccountNote: {
    operation: "DeleteAccountNote",
    method: "DELETE",
    route: (id, note) => path`/v2/console/account/${id}/note/${note}`,
    params: ["accountId", "noteId"],
    empty: true,
    since: "3.33",
  },
  getWalletLedger: get("GetWalletLedger", (id) => path`/v2/console/account/${id}/wallet`, {
    params: ["userId"],
    query: { ...PAGE, after: "time", before: "time" },
  }),
  getAccount: get("GetAccount", (id) => path`/v2/console/account/${id}`, { params: ["userId"] }),
  deleteAccount: {
    operation: "DeleteAccount",
    method: "DELETE",
    route: (id) => path`/v2/console/account/${id}`,
    params: ["userId"],
    query: { recordDeletion: "bool" },
    empty: true,
  },
  updateAccount: {
    operation: "UpdateAccount",
    method: "POST",
    route: (id) => path`/v2/console/account/${id}`,
    params: ["userId"],
    body: {
      username: "string",
      displayName: "string",
      metadata: "json",
      avatarUrl: "string",
      langTag: "string",
      location: "string",
      timezone: "string",
      customId: "string",
      email: "string",
      password: "string",
      deviceIds: "vars",
      wallet: "json",
    },
    empty: true,
  },
  banAccount: accountAction("BanAccount", "POST", "/ban"),
  unbanAccount: accountAction("UnbanAccount", "POST", "/unban"),
  exportAccount: get("ExportAccount", (id) => path`/v2/console/account/${id}/export`, {
    params: ["userId"],
  }),
  getFriends: get("GetFriends", (id) => path`/v2/console/account/${id}/friend`, { params: ["userId"] }),
  deleteFriend: {
    operation: "DeleteFriend",
    method: "DELETE",
    route: (id, friend) => path`/v2/console/account/${id}/friend/${friend}`,
    params: ["userId", "friendId"],
    empty: true,
  },
  getGroups: get("GetGroups", (id) => path`/v2/console/account/${id}/group`, { params: ["userId"] }),
  deleteGroupUser: {
    operation: "DeleteGroupUser",
    method: "DELETE",
    route: (id, group) => path`/v2/console/account/${id}/group/${group}`,
    params: ["userId", "groupId"],
    empty: true,
  },
  importAccount: {
    operation: "ImportAccount",
    method: "PUT",
    route: (id) => path`/v2/console/account/${id}/import`,
    params: ["userId"],
    args: { data: "object!" },
    empty: true,
    since: "3.33",
  },
  unlinkApple: unlink("UnlinkApple", "apple"),
  unlinkCustom: unlink("UnlinkCustom", "custom"),
  unlinkDevice: { ...unlink("UnlinkDevice", "device"), args: { deviceId: "string!" } },
  unlinkEmail: unlink("UnlinkEmail", "email"),
  unlinkFacebook: unlink("UnlinkFacebook", "facebook"),
  unlinkFacebookInstantGame: unlink("UnlinkFacebookInstantGame", "facebookinstantgame"),
  unlinkGameCenter: unlink("UnlinkGameCenter", "gamecenter"),
  unlinkGoogle: unlink("UnlinkGoogle", "google"),
  unlinkSteam: unlink("UnlinkSteam", "steam"),
  deleteWalletLedger: {
    operation: "DeleteWalletLedger",
    method: "DELETE",
    route: (id, item) => path`/v2/console/account/${id}/wallet/${item}`,
    params: ["userId", "walletLedgerId"],
    empty: true,
  },

  // ---------------------------------------------------------------- ACL templates, API explorer, audit log
  listAclTemplates: get("ListAclTemplates", () => "/v2/console/acl/template", { since: "3.33" }),
  addAclTemplate: {
    operation: "AddAclTemplate",
    method: "POST",
    route: () => "/v2/console/acl/template",
    args: { name: "string!", acl: "object!" },
    body: { description: "string" },
    since: "3.33",
  },
  deleteAclTemplate: {
    operation: "DeleteAclTemplate",
    method: "DELETE",
    route: (id) => path`/v2/console/acl/template/${id}`,
    params: ["templateId"],
    empty: true,
    since: "3.33",
  },
  updateAclTemplate: {
    operation: "UpdateAclTemplate",
    method: "PUT",
    route: (id) => path`/v2/console/acl/template/${id}`,
    params: ["templateId"],
    body: { name: "string", description: "string", acl: "object" },
    since: "3.33",
  },
  deleteAllData: { operation: "DeleteAllData", method: "DELETE", route: () => "/v2/console/all", empty: true },
  listApiEndpoints: get("ListApiEndpoints", () => "/v2/console/api/endpoints"),
  callRpcEndpoint: {
    operation: "CallRpcEndpoint",
    method: "POST",
    route: (method) => path`/v2/console/api/endpoints/rpc/${method}`,
    params: ["rpcId"],
    body: CALL,
  },
  callApiEndpoint: {
    operation: "CallApiEndpoint",
    method: "POST",
    route: (method) => path`/v2/console/api/endpoints/${method}`,
    params: ["method"],
    body: CALL,
  },
  listAuditLogs: get("ListAuditLogs", () => "/v2/console/audit/log", {
    query: {
      limit: "int",
      username: "string",
      resource: "int",
      action: "string",
      after: "time",
      before: "time",
      ...CURSOR,
    },
    since: "3.33",
  }),
  listAuditLogsUsers: get("ListAuditLogsUsers", () => "/v2/console/audit/log/users", { since: "3.33" }),

  // ---------------------------------------------------------------- chat, config, extensions
  listChannelMessages: get("ListChannelMessages", () => "/v2/console/channel", {
    query: { type: "string", label: "string", groupId: "string", userIdOne: "string", userIdTwo: "string", ...CURSOR },
  }),
  getConfig: get("GetConfig", () => "/v2/console/config"),
  registeredExtensions: get("RegisteredExtensions", () => "/v2/console/extensions"),

  // ---------------------------------------------------------------- groups
  listGroups: get("ListGroups", () => "/v2/console/group", { query: { filter: "string", ...CURSOR } }),
  demoteGroupMember: {
    operation: "DemoteGroupMember",
    method: "POST",
    route: (group, id) => path`/v2/console/group/${group}/account/${id}/demote`,
    params: ["groupId", "userId"],
    empty: true,
  },
  promoteGroupMember: {
    operation: "PromoteGroupMember",
    method: "POST",
    route: (group, id) => path`/v2/console/group/${group}/account/${id}/promote`,
    params: ["groupId", "userId"],
    empty: true,
  },
  addGroupUsers: {
    operation: "AddGroupUsers",
    method: "POST",
    route: (group) => path`/v2/console/group/${group}/add`,
    params: ["groupId"],
    // The wire takes the ids as one comma-separated string; the method joins them.
    args: { ids: "string!" },
    body: { joinRequest: "bool" },
    empty: true,
  },
  getGroup: get("GetGroup", (id) => path`/v2/console/group/${id}`, { params: ["groupId"] }),
  deleteGroup: {
    operation: "DeleteGroup",
    method: "DELETE",
    route: (id) => path`/v2/console/group/${id}`,
    params: ["groupId"],
    empty: true,
  },
  updateGroup: {
    operation: "UpdateGroup",
    method: "POST",
    route: (id) => path`/v2/console/group/${id}`,
    params: ["groupId"],
    body: {
      name: "string",
      description: "string",
      langTag: "string",
      metadata: "json",
      avatarUrl: "string",
      open: "bool",
      maxCount: "int",
    },
    empty: true,
  },
  exportGroup: get("ExportGroup", (id) => path`/v2/console/group/${id}/export`, { params: ["groupId"] }),
  getMembers: get("GetMembers", (id) => path`/v2/console/group/${id}/member`, { params: ["groupId"] }),

  // ---------------------------------------------------------------- purchases and subscriptions
  getPurchase: get("GetPurchase", (id) => path`/v2/console/iap/purchase/${id}`, {
    params: ["transactionId"],
    since: "3.23",
  }),
  getSubscription: get("GetSubscription", (id) => path`/v2/console/iap/subscription/${id}`, {
    params: ["originalTransactionId"],
    since: "3.23",
  }),
  listPurchases: get("ListPurchases", () => "/v2/console/purchase", { query: PURCHASES }),
  listSubscriptions: get("ListSubscriptions", () => "/v2/console/subscription", { query: PURCHASES }),

  // ---------------------------------------------------------------- leaderboards
  listLeaderboards: get("ListLeaderboards", () => "/v2/console/leaderboard", { query: CURSOR }),
  getLeaderboard: get("GetLeaderboard", (id) => path`/v2/console/leaderboard/${id}`, {
    params: ["leaderboardId"],
  }),
  deleteLeaderboard: {
    operation: "DeleteLeaderboard",
    method: "DELETE",
    route: (id) => path`/v2/console/leaderboard/${id}`,
    params: ["leaderboardId"],
    empty: true,
  },
  deleteLeaderboardRecord: {
    operation: "DeleteLeaderboardRecord",
    method: "DELETE",
    route: (id, owner) => path`/v2/console/leaderboard/${id}/owner/${owner}`,
    params: ["leaderboardId", "ownerId"],
    empty: true,
  },
  listLeaderboardRecords: get("ListLeaderboardRecords", (id) => path`/v2/console/leaderboard/${id}/records`, {
    params: ["leaderboardId"],
    query: { ownerIds: "strings", ...PAGE, expiry: "int64" },
  }),

  // ---------------------------------------------------------------- matches, messages, notifications
  listMatches: get("ListMatches", () => "/v2/console/match", {
    query: {
      limit: "int",
      authoritative: "bool",
      label: "string",
      minSize: "int",
      maxSize: "int",
      matchId: "string",
      query: "string",
      node: "string",
    },
  }),
  getMatchState: get("GetMatchState", (id) => path`/v2/console/match/${id}/state`, {
    params: ["matchId"],
  }),
  deleteChannelMessages: {
    operation: "DeleteChannelMessages",
    method: "DELETE",
    route: () => "/v2/console/message",
    query: { before: "time", ids: "strings" },
  },
  listNotifications: get("ListNotifications", () => "/v2/console/notification", {
    query: { userId: "string", ...PAGE },
    since: "3.25",
  }),
  sendNotification: {
    operation: "SendNotification",
    method: "POST",
    route: () => "/v2/console/notification",
    args: { subject: "string!", content: "object!" },
    body: { userIds: "strings", code: "int", persistent: "bool", senderId: "string" },
    empty: true,
    since: "3.33",
  },
  getNotification: get("GetNotification", (id) => path`/v2/console/notification/${id}`, {
    params: ["notificationId"],
    since: "3.25",
  }),
  deleteNotification: {
    operation: "DeleteNotification",
    method: "DELETE",
    route: (id) => path`/v2/console/notification/${id}`,
    params: ["notificationId"],
    empty: true,
    since: "3.25",
  },

  // ---------------------------------------------------------------- runtime, Satori, settings, status
  getRuntime: get("GetRuntime", () => "/v2/console/runtime"),
  satoriSendDirectMessage: {
    operation: "SatoriSendDirectMessage",
    method: "POST",
    route: () => "/v2/console/satori/direct-message",
    args: { identityIds: "strings!" },
    body: {
      templateId: "string",
      integrations: "strings",
      persist: "bool",
      channels: "object",
      templateOverride: "object",
    },
  },
  satoriListTemplates: get("SatoriListTemplates", () => "/v2/console/satori/template", {
    query: {
      nameOr: "strings",
      nameExact: "string",
      nameLike: "string",
      labelNameOr: "strings",
      labelNameAnd: "strings",
      limit: "int",
      cursor: "string",
    },
    rename: {
      name_or: "search.name.or",
      name_exact: "search.name.exact",
      name_like: "search.name.like",
      label_name_or: "search.label_name.or",
      label_name_and: "search.label_name.and",
      limit: "pagination.limit",
      cursor: "pagination.cursor",
    },
  }),
  listSettings: get("ListSettings", () => "/v2/console/setting", { query: { names: "strings" }, since: "3.30" }),
  getSetting: get("GetSetting", (name) => path`/v2/console/setting/${name}`, {
    params: ["name"],
    since: "3.30",
  }),
  updateSetting: {
    operation: "UpdateSetting",
    method: "POST",
    route: (name) => path`/v2/console/setting/${name}`,
    params: ["name"],
    args: { value: "string!" },
    since: "3.30",
  },
  getStatus: get("GetStatus", () => "/v2/console/status"),

  // ---------------------------------------------------------------- storage
  listStorage: get("ListStorage", () => "/v2/console/storage", {
    query: { userId: "string", key: "string", collection: "string", ...CURSOR },
  }),
  deleteStorage: { operation: "DeleteStorage", method: "DELETE", route: () => "/v2/console/storage", empty: true },
  listStorageCollections: get("ListStorageCollections", () => "/v2/console/storage/collections"),
  getStorage: get("GetStorage", (c, k, u) => path`/v2/console/storage/${c}/${k}/${u}`, {
    params: STORAGE_ID,
  }),
  deleteStorageObject: {
    operation: "DeleteStorageObject",
    method: "DELETE",
    route: (c, k, u) => path`/v2/console/storage/${c}/${k}/${u}`,
    params: STORAGE_ID,
    empty: true,
  },
  deleteStorageObject2: {
    operation: "DeleteStorageObject2",
    method: "DELETE",
    route: (c, k, u, v) => path`/v2/console/storage/${c}/${k}/${u}/${v}`,
    params: [...STORAGE_ID, "version"],
    empty: true,
  },
  writeStorageObject: {
    operation: "WriteStorageObject",
    method: "PUT",
    route: (c, k, u) => path`/v2/console/storage/${c}/${k}/${u}`,
    params: STORAGE_ID,
    args: { value: "json!" },
    body: { version: "string", permissionRead: "int", permissionWrite: "int" },
  },

  // ---------------------------------------------------------------- console users
  listUsers: get("ListUsers", () => "/v2/console/user"),
  deleteUser: {
    operation: "DeleteUser",
    method: "DELETE",
    route: () => "/v2/console/user",
    args: { username: "string!" },
    argsInQuery: true,
    empty: true,
  },
  addUser: {
    operation: "AddUser",
    method: "POST",
    route: () => "/v2/console/user",
    args: { username: "string!", email: "string!" },
    body: { acl: "object", mfaRequired: "bool", newsletterSubscription: "bool", password: "string", role: "int" },
  },
  getUser: get("GetUser", (name) => path`/v2/console/user/${name}`, {
    params: ["username"],
    since: "3.33",
  }),
  updateUser: {
    operation: "UpdateUser",
    method: "PUT",
    route: (name) => path`/v2/console/user/${name}`,
    params: ["username"],
    args: { acl: "object!" },
  },
  requireUserMfa: {
    operation: "RequireUserMfa",
    method: "POST",
    route: (name) => path`/v2/console/user/${name}/mfa/require`,
    params: ["username"],
    args: { required: "bool!" },
    empty: true,
    since: "3.24",
  },
  resetUserMfa: {
    operation: "ResetUserMfa",
    method: "POST",
    route: (name) => path`/v2/console/user/${name}/mfa/reset`,
    params: ["username"],
    empty: true,
    since: "3.24",
  },
  resetUserPassword: {
    operation: "ResetUserPassword",
    method: "POST",
    route: (name) => path`/v2/console/user/${name}/reset/password`,
    params: ["username"],
  },
} as const satisfies Record<string, ConsoleEndpoint>;

/** The name of a described operation. */
export type ConsoleEndpointName = keyof typeof CONSOLE_ENDPOINTS;

/**
 * The login operations, written out in the client; listed here so that the operation table (and the count of
 * operations against the swagger) lives in one file.
 */
export const LOGIN_OPERATIONS = {
  authenticate: { operation: "Authenticate", method: "POST", path: "/v2/console/authenticate" },
  authenticateLogout: { operation: "AuthenticateLogout", method: "POST", path: "/v2/console/authenticate/logout" },
  authenticateMfaSetup: {
    operation: "AuthenticateMFASetup",
    method: "POST",
    path: "/v2/console/authenticate/mfa",
    since: "3.24",
  },
  authenticatePasswordChange: {
    operation: "AuthenticatePasswordChange",
    method: "POST",
    path: "/v2/console/authenticate/password_change",
    since: "3.36",
  },
} as const;
