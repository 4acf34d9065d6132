/**
 * The console (admin) API client: login (with the multi-factor step and optional automatic re-login) and one method
 * per console operation. It shares the Nakama client's transport ({@link HttpTransport}): retry, AbortSignal,
 * per-attempt timeouts, typed errors (`service: "console"`), logger and injectable fetch.
 * @module
 */

import {
  checkTimeout,
  createTransport,
  type HttpTransport,
  type QueryValue,
  type RequestOptions,
  type RequestSpec,
} from "../http.ts";
import { invalidArgument, InvalidResponseError, NakamaError } from "../errors.ts";
import { type Logger, silentLogger } from "../logger.ts";
import { outOfRange, positional, segment, wire } from "../internal/wire.ts";
import type {
  ApiChannelMessageList,
  ApiFriendList,
  ApiGroup,
  ApiGroupUserList,
  ApiLeaderboardRecordList,
  ApiStorageObject,
  ApiStorageObjectAck,
  ApiSubscriptionList,
  ApiUserGroupList,
  ApiValidatedPurchase,
  ApiValidatedSubscription,
} from "../types.ts";
import { CONSOLE_ENDPOINTS, type ConsoleEndpoint, type ConsoleEndpointName, LOGIN_OPERATIONS } from "./endpoints.ts";
import { MfaRequiredError, UnsupportedOperationError } from "./errors.ts";
import { ConsoleSession } from "./session.ts";
import type {
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
} from "./options.ts";
import type {
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
  ConsoleApiEndpointList,
  ConsoleAuditLogList,
  ConsoleAuditLogUsersList,
  ConsoleCallApiEndpointResponse,
  ConsoleConfig,
  ConsoleDeleteChannelMessagesResponse,
  ConsoleExtensions,
  ConsoleGroupExport,
  ConsoleGroupList,
  ConsoleLeaderboard,
  ConsoleLeaderboardList,
  ConsoleMatchList,
  ConsoleMatchState,
  ConsoleMfaSetupResponse,
  ConsoleNotification,
  ConsoleNotificationList,
  ConsolePurchaseList,
  ConsoleResetUserResponse,
  ConsoleRuntimeInfo,
  ConsoleSatoriTemplateList,
  ConsoleSendDirectMessageResponse,
  ConsoleSetting,
  ConsoleSettingList,
  ConsoleStatusList,
  ConsoleStorageCollectionsList,
  ConsoleStorageList,
  ConsoleUser,
  ConsoleUserList,
  ConsoleWalletLedgerList,
} from "./types.ts";

type Query = Readonly<Record<string, QueryValue>>;
type MfaSource = string | (() => string | Promise<string>);

/** What a re-authenticating session logs in with; held only in the client's WeakMap, never on the session. */
interface Credentials {
  readonly username: string;
  readonly password: string;
  /** Only a function: a code string is single-use. */
  readonly mfa: (() => string | Promise<string>) | undefined;
}

const ignore = (): void => undefined;

function checkSession(session: unknown): asserts session is ConsoleSession {
  if (!(session instanceof ConsoleSession)) throw invalidArgument("session", "a ConsoleSession");
}

function checkOptions(options: unknown): void {
  if (options === null || typeof options !== "object") throw invalidArgument("options", "an object");
}

function checkText(name: string, value: unknown): string {
  if (typeof value !== "string" || value === "") throw invalidArgument(name, "a non-empty string");
  return value;
}

/**
 * The gateway's answers for a route the server does not have: 404 with exactly `Not Found` (a missing record says
 * more, such as `Account not found.`), a 404 that is not JSON, or 501 (`Method Not Allowed`, unimplemented).
 */
function isMissingRoute(error: NakamaError): boolean {
  if (error.status === 501) return true;
  if (error.status !== 404) return false;
  const data = error.data as { message?: unknown } | string | undefined;
  return typeof data === "string" || data?.message === "Not Found";
}

/** Turns a missing-route answer into an {@link UnsupportedOperationError}; anything else is returned unchanged. */
function unsupported(entry: { operation: string; since?: string }, error: unknown): unknown {
  if (!(error instanceof NakamaError) || error.constructor !== NakamaError || !isMissingRoute(error)) return error;
  const since = entry.since === undefined ? "" : `; it was added in Nakama ${entry.since}`;
  return new UnsupportedOperationError(
    `${error.method} ${error.path}: ${entry.operation} is not supported by this server (${error.status}${since})`,
    {
      status: error.status,
      grpcCode: error.grpcCode,
      method: error.method,
      path: error.path,
      data: error.data,
      cause: error,
      operation: entry.operation,
      since: entry.since,
    },
  );
}

/**
 * The Nakama console (admin) API client, for scripts and edge functions that manage a game: accounts, storage,
 * leaderboards, groups, matches, chat, notifications, purchases, runtime, settings and console users. Log in with
 * {@link ConsoleClient.authenticate}, then pass the session first to every method; required arguments are positional,
 * the rest go in a last options object that always accepts `signal`, `retry` and `timeoutMs`. A wrong argument
 * throws a `TypeError` (or `RangeError`) at once, naming the parameter. An operation the server's version lacks
 * rejects with {@link UnsupportedOperationError}.
 *
 * @example Ban a cheater and export their account
 * ```ts
 * import { ConsoleClient } from "@nakama-ts/sdk/console";
 * const admin = new ConsoleClient({ host: "127.0.0.1", port: 7351 });
 * const session = await admin.authenticate("admin", "password");
 * const { users = [] } = await admin.listAccounts(session, { filter: "cheater42" });
 * await admin.banAccount(session, users[0].id!);
 * const data = await admin.exportAccount(session, users[0].id!);
 * ```
 */
export class ConsoleClient {
  /** How close to expiry (ms) a re-authenticating session logs in again before a call. */
  readonly expiredTimespanMs: number;
  readonly #http: HttpTransport;
  readonly #logger: Logger;
  readonly #credentials = new WeakMap<ConsoleSession, Credentials>();
  readonly #logins = new WeakMap<ConsoleSession, Promise<void>>();

  /**
   * Checks the options and builds a client. No request is sent.
   * @throws {TypeError} naming an option of the wrong type.
   */
  constructor(options: ConsoleClientOptions = {}) {
    checkOptions(options);
    this.expiredTimespanMs = checkTimeout("options.expiredTimespanMs", options.expiredTimespanMs ?? 60_000);
    this.#logger = options.logger ?? silentLogger;
    this.#http = createTransport(options, "console", 7351, this.#logger);
  }

  /** The console's base URL, such as `http://127.0.0.1:7351`. */
  get baseUrl(): string {
    return this.#http.baseUrl;
  }

  // ---------------------------------------------------------------- request plumbing

  /** Logs in and returns the token; the multi-factor answers become {@link MfaRequiredError}. */
  async #login(username: string, password: string, mfa: MfaSource | undefined, options: RequestOptions) {
    const code = typeof mfa === "function" ? await mfa() : mfa;
    if (code !== undefined && typeof code !== "string") throw invalidArgument("options.mfa", "a string");
    const { method, path } = LOGIN_OPERATIONS.authenticate;
    let reply: ApiConsoleSession;
    try {
      reply = await this.#http.request<ApiConsoleSession>({
        method,
        path,
        body: { username, password, mfa: code || undefined },
        auth: { type: "none" },
      }, options);
    } catch (error) {
      if (error instanceof NakamaError && error.status === 403 && /mfa/i.test(error.message)) {
        throw new MfaRequiredError(`${method} ${path}: a multi-factor code is required; pass options.mfa`, {
          status: error.status,
          grpcCode: error.grpcCode,
          method,
          path,
          data: error.data,
          cause: error,
        });
      }
      throw unsupported(LOGIN_OPERATIONS.authenticate, error);
    }
    if (typeof reply?.token === "string" && reply.token !== "") return reply.token;
    if (typeof reply?.mfa_code === "string" && reply.mfa_code !== "") {
      throw new MfaRequiredError(
        `${method} ${path}: this console user must set up multi-factor authentication first (authenticateMfaSetup)`,
        { status: 200, method, path, setupToken: reply.mfa_code },
      );
    }
    throw new InvalidResponseError(`${method} ${path}: the reply has no token`, { method, path, service: "console" });
  }

  /**
   * Logs the session in again with its kept credentials, once for all concurrent callers. `staleToken` is the token
   * the caller saw: if another call has already replaced it, there is nothing to do.
   */
  #relogin(session: ConsoleSession, staleToken: string, options: RequestOptions): Promise<void> {
    const pending = this.#logins.get(session);
    if (pending) return pending;
    const credentials = this.#credentials.get(session);
    if (!credentials || session.token !== staleToken) return Promise.resolve();
    const { signal, retry, timeoutMs } = options;
    const login = this.#login(credentials.username, credentials.password, credentials.mfa, { signal, retry, timeoutMs })
      .then((token) => {
        session.update(token);
        this.#logger.info("Console session re-authenticated.");
      })
      .finally(() => this.#logins.delete(session));
    this.#logins.set(session, login);
    return login;
  }

  /** The session's Bearer auth, logging in again first when a re-authenticating session is about to expire. */
  async #bearer(session: ConsoleSession, options: RequestOptions) {
    const pending = this.#logins.get(session);
    if (pending) await pending;
    if (this.#credentials.has(session) && session.isExpired((Date.now() + this.expiredTimespanMs) / 1000)) {
      await this.#relogin(session, session.token, options);
    }
    return { type: "bearer", token: session.token } as const;
  }

  /** Sends with the session's token; a re-authenticating session that gets a 401 logs in again and retries once. */
  async #send<T>(
    entry: { operation: string; since?: string },
    session: ConsoleSession,
    request: Omit<RequestSpec, "auth">,
    options: RequestOptions,
  ): Promise<T> {
    const auth = await this.#bearer(session, options);
    try {
      return await this.#http.request<T>({ ...request, auth }, options);
    } catch (error) {
      const rejected = error instanceof NakamaError && error.status === 401;
      if (!rejected || !this.#credentials.has(session) || options.signal?.aborted) throw unsupported(entry, error);
      this.#logger.info(`${request.method} ${request.path}: the console token was rejected; logging in again.`);
    }
    await this.#relogin(session, auth.token, options);
    try {
      return await this.#http.request<T>({ ...request, auth: { type: "bearer", token: session.token } }, options);
    } catch (error) {
      throw unsupported(entry, error);
    }
  }

  /**
   * Sends one described operation. Every argument is checked before this returns, so a wrong one throws at once
   * rather than rejecting.
   */
  #endpoint<T>(
    name: ConsoleEndpointName,
    session: ConsoleSession,
    values: readonly unknown[],
    options: RequestOptions,
  ): Promise<T> {
    const spec: ConsoleEndpoint = CONSOLE_ENDPOINTS[name];
    checkSession(session);
    checkOptions(options);
    const params = spec.params ?? [];
    const segments = params.map((param, index) => segment(param, values[index]));
    const args = spec.args ? wire(positional(spec.args, values.slice(params.length)), spec.args, "") : undefined;
    const query: Record<string, unknown> = {
      ...(spec.argsInQuery ? args : undefined),
      ...wire(options, spec.query ?? {}, "options"),
    };
    for (const [from, to] of Object.entries(spec.rename ?? {})) {
      if (from in query) {
        query[to] = query[from];
        delete query[from];
      }
    }
    // Always a JSON body on POST and PUT: a body that is not JSON can be routed to another operation on the same path.
    const body = spec.method === "POST" || spec.method === "PUT"
      ? { ...(spec.argsInQuery ? undefined : args), ...wire(options, spec.body ?? {}, "options") }
      : undefined;
    const request = { method: spec.method, path: spec.route(...segments), query: query as Query, body };
    const reply = this.#send<T>(spec, session, request, options);
    return spec.empty ? reply.then(ignore as () => T) : reply;
  }

  // ---------------------------------------------------------------- login

  /**
   * Logs a console user in. Users with multi-factor authentication pass `mfa` (a code, or a function that returns a
   * fresh one). With `reauthenticate: true` the client keeps the credentials in memory and logs in again, once for all
   * concurrent calls, when the token is about to expire or is rejected (the console API has no refresh token).
   * @throws {MfaRequiredError} when a code is needed, or when MFA must be set up first (`setupToken`).
   *
   * @example Log in for a long-running job
   * ```ts
   * const session = await admin.authenticate("admin", process.env.CONSOLE_PASSWORD!, { reauthenticate: true });
   * ```
   */
  authenticate(username: string, password: string, options: ConsoleAuthenticateOptions = {}): Promise<ConsoleSession> {
    checkText("username", username);
    checkText("password", password);
    checkOptions(options);
    const { mfa, reauthenticate = false } = options;
    if (mfa !== undefined && typeof mfa !== "string" && typeof mfa !== "function") {
      throw invalidArgument("options.mfa", "a string or a function that returns one");
    }
    if (typeof reauthenticate !== "boolean") throw invalidArgument("options.reauthenticate", "a boolean");
    return this.#login(username, password, mfa, options).then((token) => {
      const session = new ConsoleSession(token);
      if (reauthenticate) {
        this.#credentials.set(session, { username, password, mfa: typeof mfa === "function" ? mfa : undefined });
      }
      return session;
    });
  }

  /**
   * Logs the session out: the server stops accepting its token, and the client forgets its credentials.
   *
   * @example Log out at the end of a script
   * ```ts
   * await admin.authenticateLogout(session);
   * ```
   */
  authenticateLogout(session: ConsoleSession, options: RequestOptions = {}): Promise<void> {
    checkSession(session);
    checkOptions(options);
    this.#credentials.delete(session);
    const entry = LOGIN_OPERATIONS.authenticateLogout;
    return this.#http.request({
      method: entry.method,
      path: entry.path,
      body: { token: session.token },
      auth: { type: "bearer", token: session.token },
    }, options).then(ignore, (error) => Promise.reject(unsupported(entry, error)));
  }

  /**
   * Finishes setting multi-factor authentication up: the `setupToken` of a {@link MfaRequiredError} and a code from
   * the authenticator app. Returns one-time recovery codes; log in again with `mfa` afterwards. (Nakama 3.24+.)
   *
   * @example Set MFA up on first login
   * ```ts
   * const { recovery_codes } = await admin.authenticateMfaSetup(error.setupToken!, "123456");
   * ```
   */
  authenticateMfaSetup(
    setupToken: string,
    code: string,
    options: RequestOptions = {},
  ): Promise<ConsoleMfaSetupResponse> {
    checkText("setupToken", setupToken);
    checkText("code", code);
    checkOptions(options);
    const entry = LOGIN_OPERATIONS.authenticateMfaSetup;
    return this.#http.request<ConsoleMfaSetupResponse>({
      method: entry.method,
      path: entry.path,
      body: { mfa: setupToken, code },
      auth: { type: "none" },
    }, options).catch((error) => Promise.reject(unsupported(entry, error)));
  }

  /**
   * Sets a new password with a one-time code (from `resetUserPassword`, `addUser` or an email). (Nakama 3.36+.)
   *
   * @example Choose a password after an invitation
   * ```ts
   * await admin.authenticatePasswordChange(invitationCode, "a-long-new-password");
   * ```
   */
  authenticatePasswordChange(code: string, password: string, options: RequestOptions = {}): Promise<void> {
    checkText("code", code);
    checkText("password", password);
    checkOptions(options);
    const entry = LOGIN_OPERATIONS.authenticatePasswordChange;
    return this.#http.request({
      method: entry.method,
      path: entry.path,
      body: { code, password },
      auth: { type: "none" },
    }, options).then(ignore, (error) => Promise.reject(unsupported(entry, error)));
  }

  // ---------------------------------------------------------------- accounts

  /**
   * Lists accounts, optionally filtered by user id or username (`%` matches any text).
   *
   * @example Find a user by name
   * ```ts
   * const { users = [] } = await admin.listAccounts(session, { filter: "alice" });
   * ```
   */
  listAccounts(session: ConsoleSession, options: ListAccountsOptions = {}): Promise<ConsoleAccountList> {
    return this.#endpoint("listAccounts", session, [], options);
  }

  /**
   * Deletes every user account (without tombstones). Irreversible.
   *
   * @example Reset a test server
   * ```ts
   * await admin.deleteAccounts(session);
   * ```
   */
  deleteAccounts(session: ConsoleSession, options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("deleteAccounts", session, [], options);
  }

  /**
   * Imports an account export as a new account (or over `options.id`). (Nakama 3.33+.)
   *
   * @example Copy an account between servers
   * ```ts
   * const created = await target.importAccountFull(targetSession, await source.exportAccount(sourceSession, userId));
   * ```
   */
  importAccountFull(
    session: ConsoleSession,
    data: ConsoleAccountExport,
    options: ImportAccountFullOptions = {},
  ): Promise<ConsoleAccount> {
    return this.#endpoint("importAccountFull", session, [data], options);
  }

  /**
   * Lists the notes console users left on an account. (Nakama 3.33+.)
   *
   * @example Read the notes
   * ```ts
   * const { notes = [] } = await admin.listAccountNotes(session, userId);
   * ```
   */
  listAccountNotes(
    session: ConsoleSession,
    accountId: string,
    options: ConsolePageOptions = {},
  ): Promise<ConsoleAccountNoteList> {
    return this.#endpoint("listAccountNotes", session, [accountId], options);
  }

  /**
   * Adds a note to an account, or replaces the note `options.id`. (Nakama 3.33+.)
   *
   * @example Record why
   * ```ts
   * await admin.addAccountNote(session, userId, "Banned: speed hack, ticket #4411.");
   * ```
   */
  addAccountNote(
    session: ConsoleSession,
    accountId: string,
    note: string,
    options: AddAccountNoteOptions = {},
  ): Promise<ConsoleAccountNote> {
    return this.#endpoint("addAccountNote", session, [accountId, note], options);
  }

  /**
   * Deletes an account note. (Nakama 3.33+.)
   *
   * @example Remove a note
   * ```ts
   * await admin.deleteAccountNote(session, userId, noteId);
   * ```
   */
  deleteAccountNote(
    session: ConsoleSession,
    accountId: string,
    noteId: string,
    options: RequestOptions = {},
  ): Promise<void> {
    return this.#endpoint("deleteAccountNote", session, [accountId, noteId], options);
  }

  /**
   * Lists a user's wallet changes, newest first. The server needs a page size from 1 to 100; it defaults to 100.
   * Wallet edits made through the console write no ledger entry.
   * @throws {RangeError} when `options.limit` is outside 1..100.
   *
   * @example The last ten changes
   * ```ts
   * const { items = [] } = await admin.getWalletLedger(session, userId, { limit: 10 });
   * ```
   */
  getWalletLedger(
    session: ConsoleSession,
    userId: string,
    options: WalletLedgerOptions = {},
  ): Promise<ConsoleWalletLedgerList> {
    checkOptions(options);
    const limit = options.limit ?? 100;
    if (Number.isInteger(limit) && (limit < 1 || limit > 100)) throw outOfRange("options.limit", "from 1 to 100");
    const withLimit: WalletLedgerOptions = { ...options, limit };
    return this.#endpoint("getWalletLedger", session, [userId], withLimit);
  }

  /**
   * Reads one account, with its ban time.
   *
   * @example Read an account
   * ```ts
   * const { account, disable_time } = await admin.getAccount(session, userId);
   * ```
   */
  getAccount(session: ConsoleSession, userId: string, options: RequestOptions = {}): Promise<ConsoleAccount> {
    return this.#endpoint("getAccount", session, [userId], options);
  }

  /**
   * Deletes an account and everything stored for it (a GDPR erasure). `recordDeletion` keeps a tombstone.
   *
   * @example Erase a user
   * ```ts
   * await admin.deleteAccount(session, userId, { recordDeletion: true });
   * ```
   */
  deleteAccount(session: ConsoleSession, userId: string, options: DeleteAccountOptions = {}): Promise<void> {
    return this.#endpoint("deleteAccount", session, [userId], options);
  }

  /**
   * Changes the given fields of an account (profile, identities, password, metadata or the whole wallet).
   *
   * @example Fix a wallet
   * ```ts
   * await admin.updateAccount(session, userId, { wallet: { coins: 100, gems: 5 } });
   * ```
   */
  updateAccount(session: ConsoleSession, userId: string, options: ConsoleUpdateAccountOptions = {}): Promise<void> {
    return this.#endpoint("updateAccount", session, [userId], options);
  }

  /**
   * Bans a user: their sessions end and they cannot log in until unbanned. (Sessions issued in the same second as
   * the ban may survive it.)
   *
   * @example Ban
   * ```ts
   * await admin.banAccount(session, userId);
   * ```
   */
  banAccount(session: ConsoleSession, userId: string, options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("banAccount", session, [userId], options);
  }

  /**
   * Lifts a ban.
   *
   * @example Unban
   * ```ts
   * await admin.unbanAccount(session, userId);
   * ```
   */
  unbanAccount(session: ConsoleSession, userId: string, options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("unbanAccount", session, [userId], options);
  }

  /**
   * Exports everything stored about an account (a GDPR export).
   *
   * @example Save an export
   * ```ts
   * const data = await admin.exportAccount(session, userId);
   * console.log(JSON.stringify(data));
   * ```
   */
  exportAccount(session: ConsoleSession, userId: string, options: RequestOptions = {}): Promise<ConsoleAccountExport> {
    return this.#endpoint("exportAccount", session, [userId], options);
  }

  /**
   * Lists a user's friend relationships.
   *
   * @example Friends of a user
   * ```ts
   * const { friends = [] } = await admin.getFriends(session, userId);
   * ```
   */
  getFriends(session: ConsoleSession, userId: string, options: RequestOptions = {}): Promise<ApiFriendList> {
    return this.#endpoint("getFriends", session, [userId], options);
  }

  /**
   * Removes the relationship between two users.
   *
   * @example Unfriend
   * ```ts
   * await admin.deleteFriend(session, userId, friendId);
   * ```
   */
  deleteFriend(session: ConsoleSession, userId: string, friendId: string, options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("deleteFriend", session, [userId, friendId], options);
  }

  /**
   * Lists the groups a user belongs to, with their state in each.
   *
   * @example A user's groups
   * ```ts
   * const { user_groups = [] } = await admin.getGroups(session, userId);
   * ```
   */
  getGroups(session: ConsoleSession, userId: string, options: RequestOptions = {}): Promise<ApiUserGroupList> {
    return this.#endpoint("getGroups", session, [userId], options);
  }

  /**
   * Removes a user from a group.
   *
   * @example Kick
   * ```ts
   * await admin.deleteGroupUser(session, userId, groupId);
   * ```
   */
  deleteGroupUser(
    session: ConsoleSession,
    userId: string,
    groupId: string,
    options: RequestOptions = {},
  ): Promise<void> {
    return this.#endpoint("deleteGroupUser", session, [userId, groupId], options);
  }

  /**
   * Overwrites an existing account with export data. (Nakama 3.33+.)
   *
   * @example Restore a backup
   * ```ts
   * await admin.importAccount(session, userId, backup);
   * ```
   */
  importAccount(
    session: ConsoleSession,
    userId: string,
    data: ConsoleAccountExport,
    options: RequestOptions = {},
  ): Promise<void> {
    return this.#endpoint("importAccount", session, [userId, data], options);
  }

  /**
   * Unlinks the Apple id from an account.
   *
   * @example Unlink
   * ```ts
   * await admin.unlinkApple(session, userId);
   * ```
   */
  unlinkApple(session: ConsoleSession, userId: string, options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("unlinkApple", session, [userId], options);
  }

  /**
   * Unlinks the custom id from an account.
   *
   * @example Unlink
   * ```ts
   * await admin.unlinkCustom(session, userId);
   * ```
   */
  unlinkCustom(session: ConsoleSession, userId: string, options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("unlinkCustom", session, [userId], options);
  }

  /**
   * Unlinks one device id from an account.
   *
   * @example Unlink a lost phone
   * ```ts
   * await admin.unlinkDevice(session, userId, "device-id-0001");
   * ```
   */
  unlinkDevice(session: ConsoleSession, userId: string, deviceId: string, options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("unlinkDevice", session, [userId, deviceId], options);
  }

  /**
   * Unlinks the email (and password) from an account.
   *
   * @example Unlink
   * ```ts
   * await admin.unlinkEmail(session, userId);
   * ```
   */
  unlinkEmail(session: ConsoleSession, userId: string, options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("unlinkEmail", session, [userId], options);
  }

  /**
   * Unlinks the Facebook id from an account.
   *
   * @example Unlink
   * ```ts
   * await admin.unlinkFacebook(session, userId);
   * ```
   */
  unlinkFacebook(session: ConsoleSession, userId: string, options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("unlinkFacebook", session, [userId], options);
  }

  /**
   * Unlinks the Facebook Instant Games id from an account.
   *
   * @example Unlink
   * ```ts
   * await admin.unlinkFacebookInstantGame(session, userId);
   * ```
   */
  unlinkFacebookInstantGame(session: ConsoleSession, userId: string, options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("unlinkFacebookInstantGame", session, [userId], options);
  }

  /**
   * Unlinks the Game Center id from an account.
   *
   * @example Unlink
   * ```ts
   * await admin.unlinkGameCenter(session, userId);
   * ```
   */
  unlinkGameCenter(session: ConsoleSession, userId: string, options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("unlinkGameCenter", session, [userId], options);
  }

  /**
   * Unlinks the Google id from an account.
   *
   * @example Unlink
   * ```ts
   * await admin.unlinkGoogle(session, userId);
   * ```
   */
  unlinkGoogle(session: ConsoleSession, userId: string, options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("unlinkGoogle", session, [userId], options);
  }

  /**
   * Unlinks the Steam id from an account.
   *
   * @example Unlink
   * ```ts
   * await admin.unlinkSteam(session, userId);
   * ```
   */
  unlinkSteam(session: ConsoleSession, userId: string, options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("unlinkSteam", session, [userId], options);
  }

  /**
   * Deletes one wallet ledger item.
   *
   * @example Remove a bogus entry
   * ```ts
   * await admin.deleteWalletLedger(session, userId, ledgerItemId);
   * ```
   */
  deleteWalletLedger(
    session: ConsoleSession,
    userId: string,
    walletLedgerId: string,
    options: RequestOptions = {},
  ): Promise<void> {
    return this.#endpoint("deleteWalletLedger", session, [userId, walletLedgerId], options);
  }

  // ---------------------------------------------------------------- ACL templates

  /**
   * Lists the ACL templates. (Nakama 3.33+.)
   *
   * @example Names
   * ```ts
   * const { templates = [] } = await admin.listAclTemplates(session);
   * ```
   */
  listAclTemplates(session: ConsoleSession, options: RequestOptions = {}): Promise<ConsoleAclTemplateList> {
    return this.#endpoint("listAclTemplates", session, [], options);
  }

  /**
   * Adds an ACL template. (Nakama 3.33+.)
   *
   * @example A support role
   * ```ts
   * await admin.addAclTemplate(session, "support", { ACCOUNT: { read: true, write: true } });
   * ```
   */
  addAclTemplate(
    session: ConsoleSession,
    name: string,
    acl: ConsoleAcl,
    options: AddAclTemplateOptions = {},
  ): Promise<ConsoleAclTemplate> {
    return this.#endpoint("addAclTemplate", session, [name, acl], options);
  }

  /**
   * Deletes an ACL template. (Nakama 3.33+.)
   *
   * @example Delete
   * ```ts
   * await admin.deleteAclTemplate(session, templateId);
   * ```
   */
  deleteAclTemplate(session: ConsoleSession, templateId: string, options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("deleteAclTemplate", session, [templateId], options);
  }

  /**
   * Changes an ACL template's name, description or permissions. (Nakama 3.33+.)
   *
   * @example Grant more
   * ```ts
   * await admin.updateAclTemplate(session, templateId, { acl: { ACCOUNT: { read: true, write: true, delete: true } } });
   * ```
   */
  updateAclTemplate(
    session: ConsoleSession,
    templateId: string,
    options: UpdateAclTemplateOptions = {},
  ): Promise<ConsoleAclTemplate> {
    return this.#endpoint("updateAclTemplate", session, [templateId], options);
  }

  // ---------------------------------------------------------------- all data, API explorer, audit log

  /**
   * Deletes all data: accounts, storage, leaderboards, groups, chat... Irreversible; for test servers.
   *
   * @example Wipe a test server
   * ```ts
   * await admin.deleteAllData(session);
   * ```
   */
  deleteAllData(session: ConsoleSession, options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("deleteAllData", session, [], options);
  }

  /**
   * Lists the API explorer's endpoints and RPC functions.
   *
   * @example The RPC ids
   * ```ts
   * const { rpc_endpoints = [] } = await admin.listApiEndpoints(session);
   * ```
   */
  listApiEndpoints(session: ConsoleSession, options: RequestOptions = {}): Promise<ConsoleApiEndpointList> {
    return this.#endpoint("listApiEndpoints", session, [], options);
  }

  /**
   * Calls an RPC function through the API explorer, optionally as a user.
   *
   * @example Grant a reward as a user
   * ```ts
   * const reply = await admin.callRpcEndpoint(session, "grant_reward", { body: { coins: 5 }, userId });
   * ```
   */
  callRpcEndpoint(
    session: ConsoleSession,
    rpcId: string,
    options: CallEndpointOptions = {},
  ): Promise<ConsoleCallApiEndpointResponse> {
    return this.#endpoint("callRpcEndpoint", session, [rpcId], options);
  }

  /**
   * Calls a game API method (such as `"GetAccount"`) through the API explorer as a user.
   *
   * @example Read an account as its user
   * ```ts
   * const reply = await admin.callApiEndpoint(session, "GetAccount", { userId });
   * ```
   */
  callApiEndpoint(
    session: ConsoleSession,
    method: string,
    options: CallEndpointOptions = {},
  ): Promise<ConsoleCallApiEndpointResponse> {
    return this.#endpoint("callApiEndpoint", session, [method], options);
  }

  /**
   * Lists audit-log entries. (Nakama 3.33+.)
   *
   * @example Today's deletions
   * ```ts
   * await admin.listAuditLogs(session, { action: "DELETE", after: new Date(Date.now() - 86_400_000) });
   * ```
   */
  listAuditLogs(session: ConsoleSession, options: ListAuditLogsOptions = {}): Promise<ConsoleAuditLogList> {
    return this.#endpoint("listAuditLogs", session, [], options);
  }

  /**
   * Lists the console usernames found in the audit log. (Nakama 3.33+.)
   *
   * @example Usernames
   * ```ts
   * const { usernames = [] } = await admin.listAuditLogsUsers(session);
   * ```
   */
  listAuditLogsUsers(session: ConsoleSession, options: RequestOptions = {}): Promise<ConsoleAuditLogUsersList> {
    return this.#endpoint("listAuditLogsUsers", session, [], options);
  }

  // ---------------------------------------------------------------- chat, config, extensions

  /**
   * Lists chat messages of a room, a group or a direct chat.
   *
   * @example A room's messages
   * ```ts
   * const { messages = [] } = await admin.listChannelMessages(session, { type: "ROOM", label: "lobby" });
   * ```
   */
  listChannelMessages(
    session: ConsoleSession,
    options: ConsoleListChannelMessagesOptions = {},
  ): Promise<ApiChannelMessageList> {
    return this.#endpoint("listChannelMessages", session, [], options);
  }

  /**
   * Reads the server's active configuration, its warnings and the server version.
   *
   * @example The server version
   * ```ts
   * const { server_version } = await admin.getConfig(session);
   * ```
   */
  getConfig(session: ConsoleSession, options: RequestOptions = {}): Promise<ConsoleConfig> {
    return this.#endpoint("getConfig", session, [], options);
  }

  /**
   * Tells which extensions (Hiro, Satori) the server has registered.
   *
   * @example Is Satori configured?
   * ```ts
   * const { satori } = await admin.registeredExtensions(session);
   * ```
   */
  registeredExtensions(session: ConsoleSession, options: RequestOptions = {}): Promise<ConsoleExtensions> {
    return this.#endpoint("registeredExtensions", session, [], options);
  }

  // ---------------------------------------------------------------- groups

  /**
   * Lists groups, optionally filtered by id or name.
   *
   * @example Find a group
   * ```ts
   * const { groups = [] } = await admin.listGroups(session, { filter: "Knights" });
   * ```
   */
  listGroups(session: ConsoleSession, options: ConsoleListGroupsOptions = {}): Promise<ConsoleGroupList> {
    return this.#endpoint("listGroups", session, [], options);
  }

  /**
   * Demotes a group member by one rank.
   *
   * @example Demote
   * ```ts
   * await admin.demoteGroupMember(session, groupId, userId);
   * ```
   */
  demoteGroupMember(
    session: ConsoleSession,
    groupId: string,
    userId: string,
    options: RequestOptions = {},
  ): Promise<void> {
    return this.#endpoint("demoteGroupMember", session, [groupId, userId], options);
  }

  /**
   * Promotes a group member by one rank.
   *
   * @example Promote
   * ```ts
   * await admin.promoteGroupMember(session, groupId, userId);
   * ```
   */
  promoteGroupMember(
    session: ConsoleSession,
    groupId: string,
    userId: string,
    options: RequestOptions = {},
  ): Promise<void> {
    return this.#endpoint("promoteGroupMember", session, [groupId, userId], options);
  }

  /**
   * Adds users to a group (or, with `joinRequest`, files join requests for them).
   *
   * @example Add two users
   * ```ts
   * await admin.addGroupUsers(session, groupId, [alice, bob]);
   * ```
   */
  addGroupUsers(
    session: ConsoleSession,
    groupId: string,
    userIds: readonly string[],
    options: AddGroupUsersOptions = {},
  ): Promise<void> {
    if (!Array.isArray(userIds) || !userIds.every((id) => typeof id === "string" && id !== "" && !id.includes(","))) {
      throw invalidArgument("userIds", "an array of non-empty strings without commas");
    }
    return this.#endpoint("addGroupUsers", session, [groupId, userIds.join(",")], options);
  }

  /**
   * Reads a group.
   *
   * @example Read
   * ```ts
   * const group = await admin.getGroup(session, groupId);
   * ```
   */
  getGroup(session: ConsoleSession, groupId: string, options: RequestOptions = {}): Promise<ApiGroup> {
    return this.#endpoint("getGroup", session, [groupId], options);
  }

  /**
   * Deletes a group.
   *
   * @example Delete
   * ```ts
   * await admin.deleteGroup(session, groupId);
   * ```
   */
  deleteGroup(session: ConsoleSession, groupId: string, options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("deleteGroup", session, [groupId], options);
  }

  /**
   * Changes the given fields of a group.
   *
   * @example Rename
   * ```ts
   * await admin.updateGroup(session, groupId, { name: "Knights of Ni" });
   * ```
   */
  updateGroup(session: ConsoleSession, groupId: string, options: ConsoleUpdateGroupOptions = {}): Promise<void> {
    return this.#endpoint("updateGroup", session, [groupId], options);
  }

  /**
   * Exports a group and its members.
   *
   * @example Export
   * ```ts
   * const { group, members } = await admin.exportGroup(session, groupId);
   * ```
   */
  exportGroup(session: ConsoleSession, groupId: string, options: RequestOptions = {}): Promise<ConsoleGroupExport> {
    return this.#endpoint("exportGroup", session, [groupId], options);
  }

  /**
   * Lists a group's members with their states.
   *
   * @example Members
   * ```ts
   * const { group_users = [] } = await admin.getMembers(session, groupId);
   * ```
   */
  getMembers(session: ConsoleSession, groupId: string, options: RequestOptions = {}): Promise<ApiGroupUserList> {
    return this.#endpoint("getMembers", session, [groupId], options);
  }

  // ---------------------------------------------------------------- purchases and subscriptions

  /**
   * Reads a validated purchase by its transaction id. (Nakama 3.23+.)
   *
   * @example Look a receipt up
   * ```ts
   * const purchase = await admin.getPurchase(session, "1000000000000001");
   * ```
   */
  getPurchase(
    session: ConsoleSession,
    transactionId: string,
    options: RequestOptions = {},
  ): Promise<ApiValidatedPurchase> {
    return this.#endpoint("getPurchase", session, [transactionId], options);
  }

  /**
   * Reads a validated subscription by its original transaction id. (Nakama 3.23+.)
   *
   * @example Look a subscription up
   * ```ts
   * const subscription = await admin.getSubscription(session, originalTransactionId);
   * ```
   */
  getSubscription(
    session: ConsoleSession,
    originalTransactionId: string,
    options: RequestOptions = {},
  ): Promise<ApiValidatedSubscription> {
    return this.#endpoint("getSubscription", session, [originalTransactionId], options);
  }

  /**
   * Lists validated purchases.
   *
   * @example A user's purchases
   * ```ts
   * const { validated_purchases = [] } = await admin.listPurchases(session, { userId });
   * ```
   */
  listPurchases(session: ConsoleSession, options: ListPurchasesOptions = {}): Promise<ConsolePurchaseList> {
    return this.#endpoint("listPurchases", session, [], options);
  }

  /**
   * Lists validated subscriptions.
   *
   * @example A user's subscriptions
   * ```ts
   * const { validated_subscriptions = [] } = await admin.listSubscriptions(session, { userId });
   * ```
   */
  listSubscriptions(session: ConsoleSession, options: ListPurchasesOptions = {}): Promise<ApiSubscriptionList> {
    return this.#endpoint("listSubscriptions", session, [], options);
  }

  // ---------------------------------------------------------------- leaderboards

  /**
   * Lists leaderboards and tournaments.
   *
   * @example All boards
   * ```ts
   * const { leaderboards = [] } = await admin.listLeaderboards(session);
   * ```
   */
  listLeaderboards(session: ConsoleSession, options: ConsoleCursorOptions = {}): Promise<ConsoleLeaderboardList> {
    return this.#endpoint("listLeaderboards", session, [], options);
  }

  /**
   * Reads a leaderboard or tournament.
   *
   * @example Read
   * ```ts
   * const board = await admin.getLeaderboard(session, "weekly");
   * ```
   */
  getLeaderboard(
    session: ConsoleSession,
    leaderboardId: string,
    options: RequestOptions = {},
  ): Promise<ConsoleLeaderboard> {
    return this.#endpoint("getLeaderboard", session, [leaderboardId], options);
  }

  /**
   * Deletes a leaderboard or tournament and its records.
   *
   * @example Delete
   * ```ts
   * await admin.deleteLeaderboard(session, "old_season");
   * ```
   */
  deleteLeaderboard(session: ConsoleSession, leaderboardId: string, options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("deleteLeaderboard", session, [leaderboardId], options);
  }

  /**
   * Deletes one owner's record from a leaderboard.
   *
   * @example Remove a cheater's score
   * ```ts
   * await admin.deleteLeaderboardRecord(session, "weekly", userId);
   * ```
   */
  deleteLeaderboardRecord(
    session: ConsoleSession,
    leaderboardId: string,
    ownerId: string,
    options: RequestOptions = {},
  ): Promise<void> {
    return this.#endpoint("deleteLeaderboardRecord", session, [leaderboardId, ownerId], options);
  }

  /**
   * Lists a leaderboard's records, best first.
   *
   * @example Export the top 100
   * ```ts
   * const { records = [] } = await admin.listLeaderboardRecords(session, "weekly", { limit: 100 });
   * ```
   */
  listLeaderboardRecords(
    session: ConsoleSession,
    leaderboardId: string,
    options: ConsoleListRecordsOptions = {},
  ): Promise<ApiLeaderboardRecordList> {
    return this.#endpoint("listLeaderboardRecords", session, [leaderboardId], options);
  }

  // ---------------------------------------------------------------- matches, messages, notifications

  /**
   * Lists running matches.
   *
   * @example Authoritative matches
   * ```ts
   * const { matches = [] } = await admin.listMatches(session, { authoritative: true });
   * ```
   */
  listMatches(session: ConsoleSession, options: ConsoleListMatchesOptions = {}): Promise<ConsoleMatchList> {
    return this.#endpoint("listMatches", session, [], options);
  }

  /**
   * Reads a running authoritative match's state and presences.
   *
   * @example Inspect a match
   * ```ts
   * const { state, tick } = await admin.getMatchState(session, matchId);
   * ```
   */
  getMatchState(session: ConsoleSession, matchId: string, options: RequestOptions = {}): Promise<ConsoleMatchState> {
    return this.#endpoint("getMatchState", session, [matchId], options);
  }

  /**
   * Deletes chat messages: older than `before`, or by id.
   *
   * @example Purge last year's messages
   * ```ts
   * const { total } = await admin.deleteChannelMessages(session, { before: new Date("2025-01-01") });
   * ```
   */
  deleteChannelMessages(
    session: ConsoleSession,
    options: DeleteChannelMessagesOptions = {},
  ): Promise<ConsoleDeleteChannelMessagesResponse> {
    return this.#endpoint("deleteChannelMessages", session, [], options);
  }

  /**
   * Lists notifications. (Nakama 3.25+.)
   *
   * @example A user's notifications
   * ```ts
   * const { notifications = [] } = await admin.listNotifications(session, { userId });
   * ```
   */
  listNotifications(
    session: ConsoleSession,
    options: ConsoleListNotificationsOptions = {},
  ): Promise<ConsoleNotificationList> {
    return this.#endpoint("listNotifications", session, [], options);
  }

  /**
   * Sends a notification to the given users, or to every user when `userIds` is absent. (Nakama 3.33+.)
   *
   * @example Tell two players
   * ```ts
   * await admin.sendNotification(session, "Compensation", { gems: 10 }, { userIds: [a, b], persistent: true });
   * ```
   */
  sendNotification(
    session: ConsoleSession,
    subject: string,
    content: Record<string, unknown>,
    options: SendNotificationOptions = {},
  ): Promise<void> {
    return this.#endpoint("sendNotification", session, [subject, content], options);
  }

  /**
   * Reads one notification. (Nakama 3.25+.)
   *
   * @example Read
   * ```ts
   * const notification = await admin.getNotification(session, notificationId);
   * ```
   */
  getNotification(
    session: ConsoleSession,
    notificationId: string,
    options: RequestOptions = {},
  ): Promise<ConsoleNotification> {
    return this.#endpoint("getNotification", session, [notificationId], options);
  }

  /**
   * Deletes one notification. (Nakama 3.25+.)
   *
   * @example Delete
   * ```ts
   * await admin.deleteNotification(session, notificationId);
   * ```
   */
  deleteNotification(session: ConsoleSession, notificationId: string, options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("deleteNotification", session, [notificationId], options);
  }

  // ---------------------------------------------------------------- runtime, Satori, settings, status

  /**
   * Lists the runtime's modules and RPC functions.
   *
   * @example The Go RPCs
   * ```ts
   * const { go_rpc_functions = [] } = await admin.getRuntime(session);
   * ```
   */
  getRuntime(session: ConsoleSession, options: RequestOptions = {}): Promise<ConsoleRuntimeInfo> {
    return this.#endpoint("getRuntime", session, [], options);
  }

  /**
   * Sends a Satori direct message to identities (needs Satori configured on the server).
   *
   * @example From a template
   * ```ts
   * await admin.satoriSendDirectMessage(session, [identityId], { templateId, persist: true });
   * ```
   */
  satoriSendDirectMessage(
    session: ConsoleSession,
    identityIds: readonly string[],
    options: SatoriSendDirectMessageOptions = {},
  ): Promise<ConsoleSendDirectMessageResponse> {
    return this.#endpoint("satoriSendDirectMessage", session, [identityIds], options);
  }

  /**
   * Lists Satori message templates (needs Satori configured on the server).
   *
   * @example By name pattern
   * ```ts
   * const { templates = [] } = await admin.satoriListTemplates(session, { nameLike: "promo%" });
   * ```
   */
  satoriListTemplates(
    session: ConsoleSession,
    options: SatoriListTemplatesOptions = {},
  ): Promise<ConsoleSatoriTemplateList> {
    return this.#endpoint("satoriListTemplates", session, [], options);
  }

  /**
   * Lists console settings. (Nakama 3.30+.)
   *
   * @example All settings
   * ```ts
   * const { settings = [] } = await admin.listSettings(session);
   * ```
   */
  listSettings(session: ConsoleSession, options: ListSettingsOptions = {}): Promise<ConsoleSettingList> {
    return this.#endpoint("listSettings", session, [], options);
  }

  /**
   * Reads one console setting. (Nakama 3.30+.)
   *
   * @example Read
   * ```ts
   * const { value } = await admin.getSetting(session, "utc_toggle");
   * ```
   */
  getSetting(session: ConsoleSession, name: string, options: RequestOptions = {}): Promise<ConsoleSetting> {
    return this.#endpoint("getSetting", session, [name], options);
  }

  /**
   * Changes one console setting. (Nakama 3.30+.)
   *
   * @example Write
   * ```ts
   * await admin.updateSetting(session, "utc_toggle", "true");
   * ```
   */
  updateSetting(
    session: ConsoleSession,
    name: string,
    value: string,
    options: RequestOptions = {},
  ): Promise<ConsoleSetting> {
    return this.#endpoint("updateSetting", session, [name, value], options);
  }

  /**
   * Reads every node's health and load.
   *
   * @example Sessions per node
   * ```ts
   * const { nodes = [] } = await admin.getStatus(session);
   * ```
   */
  getStatus(session: ConsoleSession, options: RequestOptions = {}): Promise<ConsoleStatusList> {
    return this.#endpoint("getStatus", session, [], options);
  }

  // ---------------------------------------------------------------- storage

  /**
   * Lists storage objects, optionally by owner, collection and key. Nakama 3.18 includes the values; later versions
   * leave them out.
   *
   * @example A user's objects
   * ```ts
   * const { objects = [] } = await admin.listStorage(session, { userId });
   * ```
   */
  listStorage(session: ConsoleSession, options: ListStorageOptions = {}): Promise<ConsoleStorageList> {
    return this.#endpoint("listStorage", session, [], options);
  }

  /**
   * Deletes every storage object. Irreversible.
   *
   * @example Wipe storage on a test server
   * ```ts
   * await admin.deleteStorage(session);
   * ```
   */
  deleteStorage(session: ConsoleSession, options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("deleteStorage", session, [], options);
  }

  /**
   * Lists the storage collections. The server answers from a cache, so a new collection can be missing for a while.
   *
   * @example Collections
   * ```ts
   * const { collections = [] } = await admin.listStorageCollections(session);
   * ```
   */
  listStorageCollections(
    session: ConsoleSession,
    options: RequestOptions = {},
  ): Promise<ConsoleStorageCollectionsList> {
    return this.#endpoint("listStorageCollections", session, [], options);
  }

  /**
   * Reads one storage object (with its value).
   *
   * @example Read a save
   * ```ts
   * const object = await admin.getStorage(session, "saves", "slot1", userId);
   * console.log(JSON.parse(object.value ?? "{}"));
   * ```
   */
  getStorage(
    session: ConsoleSession,
    collection: string,
    key: string,
    userId: string,
    options: RequestOptions = {},
  ): Promise<ApiStorageObject> {
    return this.#endpoint("getStorage", session, [collection, key, userId], options);
  }

  /**
   * Deletes one storage object; with `version`, only if it still has that version (operations DeleteStorageObject
   * and DeleteStorageObject2).
   *
   * @example Delete a save
   * ```ts
   * await admin.deleteStorageObject(session, "saves", "slot1", userId);
   * ```
   */
  deleteStorageObject(
    session: ConsoleSession,
    collection: string,
    key: string,
    userId: string,
    options: DeleteStorageObjectOptions = {},
  ): Promise<void> {
    checkOptions(options);
    const { version, ...rest } = options;
    if (version === undefined) return this.#endpoint("deleteStorageObject", session, [collection, key, userId], rest);
    return this.#endpoint("deleteStorageObject2", session, [collection, key, userId, version], rest);
  }

  /**
   * Writes (creates or replaces) one storage object for a user; the value is an object or JSON text.
   *
   * @example Grant an item
   * ```ts
   * await admin.writeStorageObject(session, "inventory", "sword", userId, { damage: 12 }, { permissionRead: 1 });
   * ```
   */
  writeStorageObject(
    session: ConsoleSession,
    collection: string,
    key: string,
    userId: string,
    value: string | Record<string, unknown>,
    options: ConsoleWriteStorageObjectOptions = {},
  ): Promise<ApiStorageObjectAck> {
    return this.#endpoint("writeStorageObject", session, [collection, key, userId, value], options);
  }

  // ---------------------------------------------------------------- console users

  /**
   * Lists the console users.
   *
   * @example Usernames
   * ```ts
   * const { users = [] } = await admin.listUsers(session);
   * ```
   */
  listUsers(session: ConsoleSession, options: RequestOptions = {}): Promise<ConsoleUserList> {
    return this.#endpoint("listUsers", session, [], options);
  }

  /**
   * Deletes a console user.
   *
   * @example Remove an ex-employee
   * ```ts
   * await admin.deleteUser(session, "former-admin");
   * ```
   */
  deleteUser(session: ConsoleSession, username: string, options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("deleteUser", session, [username], options);
  }

  /**
   * Adds a console user. Nakama 3.40 takes `acl` and returns an invitation token; 3.28 takes `password` and `role`.
   *
   * @example A read-only user
   * ```ts
   * await admin.addUser(session, "viewer", "viewer@example.com", { acl: { ACCOUNT: { read: true } } });
   * ```
   */
  addUser(
    session: ConsoleSession,
    username: string,
    email: string,
    options: AddUserOptions = {},
  ): Promise<ConsoleAddUserResponse> {
    return this.#endpoint("addUser", session, [username, email], options);
  }

  /**
   * Reads one console user. (Nakama 3.33+.)
   *
   * @example Read
   * ```ts
   * const user = await admin.getUser(session, "ana");
   * ```
   */
  getUser(session: ConsoleSession, username: string, options: RequestOptions = {}): Promise<ConsoleUser> {
    return this.#endpoint("getUser", session, [username], options);
  }

  /**
   * Replaces a console user's permissions.
   *
   * @example Grant storage access
   * ```ts
   * await admin.updateUser(session, "ana", { STORAGE_DATA: { read: true, write: true } });
   * ```
   */
  updateUser(
    session: ConsoleSession,
    username: string,
    acl: ConsoleAcl,
    options: RequestOptions = {},
  ): Promise<ConsoleUser> {
    return this.#endpoint("updateUser", session, [username, acl], options);
  }

  /**
   * Makes multi-factor authentication required (or not) for a console user. (Nakama 3.24+.)
   *
   * @example Require MFA
   * ```ts
   * await admin.requireUserMfa(session, "ana", true);
   * ```
   */
  requireUserMfa(
    session: ConsoleSession,
    username: string,
    required: boolean,
    options: RequestOptions = {},
  ): Promise<void> {
    return this.#endpoint("requireUserMfa", session, [username, required], options);
  }

  /**
   * Resets a console user's multi-factor authentication; they set it up again at their next login. (Nakama 3.24+.)
   *
   * @example Lost phone
   * ```ts
   * await admin.resetUserMfa(session, "ana");
   * ```
   */
  resetUserMfa(session: ConsoleSession, username: string, options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("resetUserMfa", session, [username], options);
  }

  /**
   * Resets a console user's password and returns a one-time code to set a new one with.
   *
   * @example Reset
   * ```ts
   * const { code } = await admin.resetUserPassword(session, "ana");
   * ```
   */
  resetUserPassword(
    session: ConsoleSession,
    username: string,
    options: RequestOptions = {},
  ): Promise<ConsoleResetUserResponse> {
    return this.#endpoint("resetUserPassword", session, [username], options);
  }
}
