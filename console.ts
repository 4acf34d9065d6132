/**
 * The Nakama console (admin) API client, for scripts and edge functions that manage a game: ban a cheater, fix a
 * wallet, export a leaderboard, erase a user on a GDPR request, inspect storage or seed a test server. It speaks to
 * the console port (7351 by default) with a console user's credentials, on the same transport as the Nakama client:
 * retry, AbortSignal, timeouts, typed errors (`service: "console"`), logger and injectable fetch.
 *
 * @example Find a user, ban them and export their account
 * ```ts
 * import { ConsoleClient } from "@nakama-ts/sdk/console";
 * const admin = new ConsoleClient({ host: "127.0.0.1", port: 7351 });
 * const session = await admin.authenticate("admin", "password", { reauthenticate: true });
 * const { users = [] } = await admin.listAccounts(session, { filter: "cheater42" });
 * const userId = users[0].id!;
 * await admin.banAccount(session, userId);
 * const data = await admin.exportAccount(session, userId);
 * console.log(JSON.stringify(data));
 * ```
 * @module
 */

export { ConsoleClient } from "./src/console/client.ts";
export { ConsoleSession } from "./src/console/session.ts";
export { MfaRequiredError, UnsupportedOperationError } from "./src/console/errors.ts";
export type {
  AddAccountNoteOptions,
  AddAclTemplateOptions,
  AddGroupUsersOptions,
  AddUserOptions,
  CallEndpointOptions,
  ConsoleAuthenticateOptions,
  ConsoleClientOptions,
  ConsoleCursorOptions,
  ConsoleListChannelMessagesOptions,
  ConsoleListGroupsOptions,
  ConsoleListMatchesOptions,
  ConsoleListNotificationsOptions,
  ConsoleListRecordsOptions,
  ConsolePageOptions,
  ConsoleUpdateAccountOptions,
  ConsoleUpdateGroupOptions,
  ConsoleWriteStorageObjectOptions,
  DeleteAccountOptions,
  DeleteChannelMessagesOptions,
  DeleteStorageObjectOptions,
  ImportAccountFullOptions,
  ListAccountsOptions,
  ListAuditLogsOptions,
  ListPurchasesOptions,
  ListSettingsOptions,
  ListStorageOptions,
  SatoriListTemplatesOptions,
  SatoriSendDirectMessageOptions,
  SendNotificationOptions,
  UpdateAclTemplateOptions,
  WalletLedgerOptions,
} from "./src/console/options.ts";
export type {
  ApiConsoleSession,
  ConsoleAccount,
  ConsoleAccountExport,
  ConsoleAccountList,
  ConsoleAccountNote,
  ConsoleAccountNoteList,
  ConsoleAcl,
  ConsoleAclTemplate,
  ConsoleAclTemplateList,
  ConsoleAddUserResponse,
  ConsoleApiEndpointDescriptor,
  ConsoleApiEndpointList,
  ConsoleAuditLog,
  ConsoleAuditLogList,
  ConsoleAuditLogUsersList,
  ConsoleCallApiEndpointResponse,
  ConsoleConfig,
  ConsoleConfigWarning,
  ConsoleDeleteChannelMessagesResponse,
  ConsoleExtensions,
  ConsoleGroupExport,
  ConsoleGroupList,
  ConsoleLeaderboard,
  ConsoleLeaderboardList,
  ConsoleMatch,
  ConsoleMatchList,
  ConsoleMatchState,
  ConsoleMfaSetupResponse,
  ConsoleModuleInfo,
  ConsoleNodeStatus,
  ConsoleNotification,
  ConsoleNotificationList,
  ConsolePermissions,
  ConsolePurchaseList,
  ConsoleResetUserResponse,
  ConsoleRuntimeInfo,
  ConsoleSatoriTemplate,
  ConsoleSatoriTemplateList,
  ConsoleSendDirectMessageResponse,
  ConsoleSetting,
  ConsoleSettingList,
  ConsoleStatusList,
  ConsoleStorageCollectionsList,
  ConsoleStorageList,
  ConsoleStorageListObject,
  ConsoleUser,
  ConsoleUserList,
  ConsoleWalletLedger,
  ConsoleWalletLedgerList,
} from "./src/console/types.ts";
export type {
  ApiAccount,
  ApiAccountDevice,
  ApiChannelMessage,
  ApiChannelMessageList,
  ApiFriend,
  ApiFriendList,
  ApiGroup,
  ApiGroupUser,
  ApiGroupUserList,
  ApiLeaderboardRecord,
  ApiLeaderboardRecordList,
  ApiMatch,
  ApiNotification,
  ApiStorageObject,
  ApiStorageObjectAck,
  ApiSubscriptionList,
  ApiUser,
  ApiUserGroup,
  ApiUserGroupList,
  ApiValidatedPurchase,
  ApiValidatedSubscription,
} from "./src/types.ts";
export type { UserPresence } from "./src/socket_types.ts";
export {
  grpcStatusName,
  InvalidResponseError,
  isNakamaError,
  NakamaError,
  NetworkError,
  TimeoutError,
} from "./src/errors.ts";
export type { NakamaErrorDetails, Service } from "./src/errors.ts";
export type { FetchLike, RequestOptions } from "./src/http.ts";
export type { Logger } from "./src/logger.ts";
export type { RetryAttempt, RetryConfiguration } from "./src/retry.ts";
