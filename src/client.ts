/**
 * The Nakama REST client: options, sessions (authenticate, refresh, logout) and every endpoint of the game API.
 * Each endpoint method is a thin description of its request; {@link HttpTransport} does the sending.
 * @module
 */

import {
  checkTimeout,
  createTransport,
  type FetchLike,
  type HttpTransport,
  path,
  type QueryValue,
  type RequestOptions,
  type RequestSpec,
} from "./http.ts";
import { invalidArgument, NakamaError } from "./errors.ts";
import { positional, type Rules, segment, wire } from "./internal/wire.ts";
import { type Logger, silentLogger } from "./logger.ts";
import type { RetryConfiguration } from "./retry.ts";
import { Session } from "./session.ts";
import { SessionRefresher } from "./session_refresh.ts";
import { Socket, type SocketOptions } from "./socket.ts";
import type {
  AddFriendsOptions,
  ApiAccount,
  ApiChannelMessageList,
  ApiFriendList,
  ApiFriendsOfFriendsList,
  ApiGroup,
  ApiGroupList,
  ApiGroupUserList,
  ApiLeaderboardRecord,
  ApiLeaderboardRecordList,
  ApiMatchList,
  ApiMatchmakerStats,
  ApiNotificationList,
  ApiPartyList,
  ApiRpc,
  ApiSession,
  ApiStorageObjectAcks,
  ApiStorageObjectList,
  ApiStorageObjects,
  ApiSubscriptionList,
  ApiTournamentList,
  ApiTournamentRecordList,
  ApiUserGroupList,
  ApiUsers,
  ApiValidatedSubscription,
  ApiValidatePurchaseResponse,
  ApiValidateSubscriptionResponse,
  AuthenticateOptions,
  AuthenticateSyncOptions,
  CreateGroupOptions,
  DeleteStorageObjectId,
  EmitEventOptions,
  FriendsOptions,
  GameCenterIdentity,
  GetUsersOptions,
  ImportFriendsOptions,
  Int64Input,
  ListChannelMessagesOptions,
  ListGroupsOptions,
  ListMatchesOptions,
  ListNotificationsOptions,
  ListPartiesOptions,
  ListRecordsAroundOwnerOptions,
  ListRecordsOptions,
  ListStorageObjectsOptions,
  ListTournamentsOptions,
  PageOptions,
  PersistOptions,
  SessionRefreshOptions,
  StatePageOptions,
  StorageObjectId,
  SyncOptions,
  UpdateAccountOptions,
  UpdateGroupOptions,
  WriteRecordOptions,
  WriteStorageObject,
  WriteTournamentRecordOptions,
} from "./types.ts";

export type { AuthenticateOptions } from "./types.ts";

/**
 * Options of {@link Client}. Every field is optional.
 *
 * @example A client for a hosted server
 * ```ts
 * import { Client } from "@nakama-ts/sdk";
 * const client = new Client({ host: "game.example.com", port: 443, useSSL: true, serverKey: "my-server-key" });
 * ```
 */
export interface ClientOptions {
  /** The server key, sent with authenticate and refresh calls. Default `"defaultkey"`. */
  serverKey?: string;
  /** Host name or address. Default `"127.0.0.1"`. */
  host?: string;
  /** Port. Default 7350. */
  port?: number;
  /** Use HTTPS (and WSS for sockets). Default false. */
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

// ------------------------------------------------------------------ argument checks and wire encoding

function checkSession(session: unknown): asserts session is Session {
  if (!(session instanceof Session)) throw invalidArgument("session", "a Session");
}

function checkOptions(options: unknown): void {
  if (options === null || typeof options !== "object") throw invalidArgument("options", "an object");
}

/** The RPC route wants the payload text JSON-encoded once more; the transport does that to a string body. */
function rpcPayload(payload: unknown): string | undefined {
  if (payload === undefined || typeof payload === "string") return payload;
  const text = JSON.stringify(payload);
  if (text === undefined) throw invalidArgument("payload", "a string or a JSON-serialisable value");
  return text;
}

const ignore = (): void => undefined;

// ------------------------------------------------------------------ the endpoint table

/** The fields of each identity's account message (the body of authenticate, link and unlink). */
const IDENTITIES = {
  apple: { token: "string!" },
  custom: { id: "string!" },
  device: { id: "string!" },
  email: { email: "email!", password: "string!" },
  facebook: { token: "string!" },
  facebookinstantgame: { signedPlayerInfo: "string!" },
  gamecenter: {
    bundleId: "string!",
    playerId: "string!",
    publicKeyUrl: "string!",
    salt: "string!",
    signature: "string!",
    timestampSeconds: "int64!",
  },
  google: { token: "string!" },
  steam: { token: "string!" },
} as const satisfies Record<string, Rules>;

type Provider = keyof typeof IDENTITIES;

/** Rule sets merged into one; a call esbuild may drop when unused, where an object spread would stay. */
function rules(...parts: Rules[]): Rules {
  return Object.assign({}, ...parts);
}

const AUTHENTICATE: Rules = { create: "bool", username: "string", vars: "vars" };
const AUTHENTICATE_SYNC: Rules = /* @__PURE__ */ rules(AUTHENTICATE, { sync: "bool" });
const SYNC: Rules = { sync: "bool" };
const PAGE: Rules = { limit: "int", cursor: "string" };
const STATE_PAGE: Rules = /* @__PURE__ */ rules({ state: "int" }, PAGE);
const FRIENDS: Rules = { ids: "strings", usernames: "strings" };
const USER_IDS: Rules = { userIds: "strings!" };
const GROUP_FIELDS: Rules = { description: "string", avatarUrl: "string", langTag: "string", open: "bool" };
const AROUND_OWNER: Rules = /* @__PURE__ */ rules({ expiry: "int64" }, PAGE);
const RECORDS: Rules = /* @__PURE__ */ rules({ ownerIds: "strings" }, AROUND_OWNER);
const SCORE: Rules = { score: "int64!" };
const RECORD_WRITE: Rules = { subscore: "int64", metadata: "json", operator: "operator" };
const PERSIST: Rules = { persist: "bool" };
const READ_ID: Rules = { collection: "string!", key: "string!", userId: "string" };
const DELETE_ID: Rules = { collection: "string!", key: "string!", version: "string" };
const WRITE_OBJECT: Rules = {
  collection: "string!",
  key: "string!",
  value: "json!",
  version: "string",
  permissionRead: "int",
  permissionWrite: "int",
};

/** One route of the API, described as data. */
interface Endpoint {
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
  /** The reply is `{}`: the method resolves with undefined. */
  readonly empty?: boolean;
}

/** Every group membership action has the same shape: POST with the users as repeated `user_ids`. */
const groupUsers = (action: "add" | "ban" | "kick" | "promote" | "demote"): Endpoint => ({
  method: "POST",
  route: (id) => path`/v2/group/${id}/${action}`,
  params: ["groupId"],
  args: USER_IDS,
  argsInQuery: true,
  empty: true,
});

/**
 * Every route that follows the common shape (Bearer auth, path, query, body), one entry each; the methods below
 * name their entry. The authenticate/link/unlink, session, RPC and health routes have their own helpers. Built on
 * first use: building it at import would add its closures to every process's start-up.
 */
const buildEndpoints = () =>
  ({
    getAccount: { method: "GET", route: () => "/v2/account" },
    updateAccount: {
      method: "PUT",
      route: () => "/v2/account",
      body: {
        username: "string",
        displayName: "string",
        avatarUrl: "string",
        langTag: "string",
        location: "string",
        timezone: "string",
      },
      empty: true,
    },
    deleteAccount: { method: "DELETE", route: () => "/v2/account", empty: true },
    getUsers: {
      method: "GET",
      route: () => "/v2/user",
      query: /* @__PURE__ */ rules(FRIENDS, { facebookIds: "strings" }),
    },
    addFriends: {
      method: "POST",
      route: () => "/v2/friend",
      query: /* @__PURE__ */ rules(FRIENDS, { metadata: "json" }),
      empty: true,
    },
    blockFriends: { method: "POST", route: () => "/v2/friend/block", query: FRIENDS, empty: true },
    deleteFriends: { method: "DELETE", route: () => "/v2/friend", query: FRIENDS, empty: true },
    listFriends: { method: "GET", route: () => "/v2/friend", query: STATE_PAGE },
    listFriendsOfFriends: { method: "GET", route: () => "/v2/friend/friends", query: PAGE },
    importFacebookFriends: {
      method: "POST",
      route: () => "/v2/friend/facebook",
      args: { token: "string!" },
      query: { reset: "bool" },
      empty: true,
    },
    importSteamFriends: {
      method: "POST",
      route: () => "/v2/friend/steam",
      args: { token: "string!" },
      query: { reset: "bool" },
      empty: true,
    },
    createGroup: {
      method: "POST",
      route: () => "/v2/group",
      args: { name: "string!" },
      body: /* @__PURE__ */ rules(GROUP_FIELDS, { maxCount: "int" }),
    },
    updateGroup: {
      method: "PUT",
      route: (id) => path`/v2/group/${id}`,
      params: ["groupId"],
      body: /* @__PURE__ */ rules({ name: "string" }, GROUP_FIELDS),
      empty: true,
    },
    deleteGroup: { method: "DELETE", route: (id) => path`/v2/group/${id}`, params: ["groupId"], empty: true },
    joinGroup: { method: "POST", route: (id) => path`/v2/group/${id}/join`, params: ["groupId"], empty: true },
    leaveGroup: { method: "POST", route: (id) => path`/v2/group/${id}/leave`, params: ["groupId"], empty: true },
    addGroupUsers: /* @__PURE__ */ groupUsers("add"),
    banGroupUsers: /* @__PURE__ */ groupUsers("ban"),
    kickGroupUsers: /* @__PURE__ */ groupUsers("kick"),
    promoteGroupUsers: /* @__PURE__ */ groupUsers("promote"),
    demoteGroupUsers: /* @__PURE__ */ groupUsers("demote"),
    listGroups: {
      method: "GET",
      route: () => "/v2/group",
      query: /* @__PURE__ */ rules({ name: "string", langTag: "string", members: "int", open: "bool" }, PAGE),
    },
    listGroupUsers: {
      method: "GET",
      route: (id) => path`/v2/group/${id}/user`,
      params: ["groupId"],
      query: STATE_PAGE,
    },
    listUserGroups: { method: "GET", route: (id) => path`/v2/user/${id}/group`, params: ["userId"], query: STATE_PAGE },
    readStorageObjects: { method: "POST", route: () => "/v2/storage", args: { objectIds: [READ_ID] } },
    writeStorageObjects: { method: "PUT", route: () => "/v2/storage", args: { objects: [WRITE_OBJECT] } },
    deleteStorageObjects: {
      method: "PUT",
      route: () => "/v2/storage/delete",
      args: { objectIds: [DELETE_ID] },
      empty: true,
    },
    listStorageObjects: {
      method: "GET",
      route: (collection) => path`/v2/storage/${collection}`,
      params: ["collection"],
      query: /* @__PURE__ */ rules({ userId: "string" }, PAGE),
    },
    listUsersStorageObjects: {
      method: "GET",
      route: (collection, userId) => path`/v2/storage/${collection}/${userId}`,
      params: ["collection", "userId"],
      query: PAGE,
    },
    listLeaderboardRecords: {
      method: "GET",
      route: (id) => path`/v2/leaderboard/${id}`,
      params: ["leaderboardId"],
      query: RECORDS,
    },
    listLeaderboardRecordsAroundOwner: {
      method: "GET",
      route: (id, owner) => path`/v2/leaderboard/${id}/owner/${owner}`,
      params: ["leaderboardId", "ownerId"],
      query: AROUND_OWNER,
    },
    writeLeaderboardRecord: {
      method: "POST",
      route: (id) => path`/v2/leaderboard/${id}`,
      params: ["leaderboardId"],
      args: SCORE,
      body: RECORD_WRITE,
    },
    deleteLeaderboardRecord: {
      method: "DELETE",
      route: (id) => path`/v2/leaderboard/${id}`,
      params: ["leaderboardId"],
      empty: true,
    },
    listTournaments: {
      method: "GET",
      route: () => "/v2/tournament",
      query: /* @__PURE__ */ rules(
        { categoryStart: "int", categoryEnd: "int", startTime: "int", endTime: "int" },
        PAGE,
      ),
    },
    joinTournament: {
      method: "POST",
      route: (id) => path`/v2/tournament/${id}/join`,
      params: ["tournamentId"],
      empty: true,
    },
    listTournamentRecords: {
      method: "GET",
      route: (id) => path`/v2/tournament/${id}`,
      params: ["tournamentId"],
      query: RECORDS,
    },
    listTournamentRecordsAroundOwner: {
      method: "GET",
      route: (id, owner) => path`/v2/tournament/${id}/owner/${owner}`,
      params: ["tournamentId", "ownerId"],
      query: AROUND_OWNER,
    },
    writeTournamentRecord: {
      method: "PUT",
      route: (id) => path`/v2/tournament/${id}`,
      params: ["tournamentId"],
      args: SCORE,
      body: RECORD_WRITE,
    },
    writeTournamentRecordPost: {
      method: "POST",
      route: (id) => path`/v2/tournament/${id}`,
      params: ["tournamentId"],
      args: SCORE,
      body: RECORD_WRITE,
    },
    deleteTournamentRecord: {
      method: "DELETE",
      route: (id) => path`/v2/tournament/${id}`,
      params: ["tournamentId"],
      empty: true,
    },
    listNotifications: {
      method: "GET",
      route: () => "/v2/notification",
      query: { limit: "int", cacheableCursor: "string" },
    },
    deleteNotifications: {
      method: "DELETE",
      route: () => "/v2/notification",
      args: { ids: "strings!" },
      argsInQuery: true,
      empty: true,
    },
    listChannelMessages: {
      method: "GET",
      route: (id) => path`/v2/channel/${id}`,
      params: ["channelId"],
      query: { limit: "int", forward: "bool", cursor: "string" },
    },
    listMatches: {
      method: "GET",
      route: () => "/v2/match",
      query: { limit: "int", authoritative: "bool", label: "string", minSize: "int", maxSize: "int", query: "string" },
    },
    getMatchmakerStats: { method: "GET", route: () => "/v2/matchmaker/stats" },
    listParties: {
      method: "GET",
      route: () => "/v2/party",
      query: { limit: "int", open: "bool", query: "string", cursor: "string" },
    },
    emitEvent: {
      method: "POST",
      route: () => "/v2/event",
      args: { name: "string!", properties: "vars" },
      body: { timestamp: "time", external: "bool" },
      empty: true,
    },
    getSubscription: {
      method: "GET",
      route: (productId) => path`/v2/iap/subscription/${productId}`,
      params: ["productId"],
    },
    listSubscriptions: { method: "POST", route: () => "/v2/iap/subscription", body: PAGE },
    validatePurchaseApple: {
      method: "POST",
      route: () => "/v2/iap/purchase/apple",
      args: { receipt: "string!" },
      body: PERSIST,
    },
    validateSubscriptionApple: {
      method: "POST",
      route: () => "/v2/iap/subscription/apple",
      args: { receipt: "string!" },
      body: PERSIST,
    },
    validatePurchaseGoogle: {
      method: "POST",
      route: () => "/v2/iap/purchase/google",
      args: { purchase: "string!" },
      body: PERSIST,
    },
    validateSubscriptionGoogle: {
      method: "POST",
      route: () => "/v2/iap/subscription/google",
      args: { receipt: "string!" },
      body: PERSIST,
    },
    validatePurchaseHuawei: {
      method: "POST",
      route: () => "/v2/iap/purchase/huawei",
      args: { purchase: "string!", signature: "string!" },
      body: PERSIST,
    },
    validatePurchaseFacebookInstant: {
      method: "POST",
      route: () => "/v2/iap/purchase/facebookinstant",
      args: { signedRequest: "string!" },
      body: PERSIST,
    },
    validatePurchaseSamsung: {
      method: "POST",
      route: () => "/v2/iap/purchase/samsung",
      args: { purchaseId: "string!" },
      body: PERSIST,
    },
  }) as const satisfies Record<string, Endpoint>;

type Endpoints = ReturnType<typeof buildEndpoints>;
type EndpointName = keyof Endpoints;
let endpoints: Endpoints | undefined;

// ------------------------------------------------------------------ the client

/**
 * The Nakama game API client: one method per REST endpoint. Methods that need a session take it first; required
 * arguments are positional and the rest go in a last options object, which always accepts `signal`, `retry` and
 * `timeoutMs`. A wrong argument throws a `TypeError` (or `RangeError`) at once, naming the parameter.
 *
 * @example Authenticate, then read the account
 * ```ts
 * import { Client } from "@nakama-ts/sdk";
 * const client = new Client({ serverKey: "defaultkey" });
 * const session = await client.authenticateDevice("device-id-0001", { create: true, username: "jörg" });
 * const account = await client.getAccount(session);
 * console.log(account.user?.username);
 * ```
 */
export class Client {
  /** The server key sent with authenticate and refresh calls. */
  readonly serverKey: string;
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
  constructor(options: ClientOptions = {}) {
    if (options === null || typeof options !== "object") throw invalidArgument("options", "an object");
    const { serverKey = "defaultkey" } = options;
    if (typeof serverKey !== "string") throw invalidArgument("options.serverKey", "a string");
    this.serverKey = serverKey;
    this.autoRefreshSession = options.autoRefreshSession ?? true;
    this.expiredTimespanMs = checkTimeout("options.expiredTimespanMs", options.expiredTimespanMs ?? 300_000);
    this.#logger = options.logger ?? silentLogger;
    this.#http = createTransport(options, "nakama", 7350, this.#logger);
    this.#refresher = new SessionRefresher({
      service: "nakama",
      logger: this.#logger,
      autoRefresh: this.autoRefreshSession,
      expiredTimespanMs: this.expiredTimespanMs,
      onSessionRefreshed: options.onSessionRefreshed,
    });
  }

  /** The server's base URL, such as `http://127.0.0.1:7350`. */
  get baseUrl(): string {
    return this.#http.baseUrl;
  }

  // ---------------------------------------------------------------- request plumbing

  #serverKeyAuth() {
    return { type: "basic", username: this.serverKey } as const;
  }

  /** A Bearer auth for the session, refreshing it first when it is about to expire. */
  async #bearer(session: Session, options?: RequestOptions) {
    checkSession(session);
    if (this.#refresher.isDue(session)) {
      await this.sessionRefresh(session, { signal: options?.signal, retry: options?.retry });
    }
    return { type: "bearer", token: session.token } as const;
  }

  /** Sends a request with the session's Bearer token (refreshing the session first when needed). */
  #withSession<T>(session: Session, request: Omit<RequestSpec, "auth">, options: RequestOptions): Promise<T> {
    checkSession(session);
    // The common case (no refresh due) skips the extra promise hop of #bearer: this is every call's hot path.
    if (!this.#refresher.isDue(session)) {
      return this.#http.request<T>({ ...request, auth: { type: "bearer", token: session.token } }, options);
    }
    return this.#bearer(session, options).then((auth) => this.#http.request<T>({ ...request, auth }, options));
  }

  /**
   * Sends one described route with the session's Bearer token. Every argument is checked before this returns, so
   * a wrong one throws at once rather than rejecting.
   */
  #endpoint<T>(name: EndpointName, session: Session, values: readonly unknown[], options: RequestOptions): Promise<T> {
    const spec: Endpoint = (endpoints ??= buildEndpoints())[name];
    const params = spec.params ?? [];
    const segments = params.map((param, index) => segment(param, values[index]));
    const args = spec.args ? wire(positional(spec.args, values.slice(params.length)), spec.args, "") : undefined;
    const query = { ...(spec.argsInQuery ? args : undefined), ...wire(options, spec.query ?? {}, "options") };
    const hasBody = spec.body !== undefined || (args !== undefined && !spec.argsInQuery);
    const body = hasBody
      ? { ...(spec.argsInQuery ? undefined : args), ...wire(options, spec.body ?? {}, "options") }
      : undefined;
    const request = { method: spec.method, path: spec.route(...segments), query: query as Query, body };
    const reply = this.#withSession<T>(session, request, options);
    return spec.empty ? reply.then(ignore as () => T) : reply;
  }

  #toSession(reply: ApiSession, where: string): Session {
    if (typeof reply?.token !== "string") {
      throw new NakamaError(`${where}: the reply has no session token`, { data: undefined });
    }
    return new Session(reply.token, reply.refresh_token ?? "", reply.created === true);
  }

  #authenticate(provider: Provider, identity: unknown, options: AuthenticateSyncOptions, where = ""): Promise<Session> {
    const account = wire(identity, IDENTITIES[provider], where);
    const syncs = provider === "facebook" || provider === "steam";
    // `create` is sent only when given: the server's default is true, like the official clients'.
    const { vars, ...query } = wire(options, syncs ? AUTHENTICATE_SYNC : AUTHENTICATE, "options");
    const route = path`/v2/account/authenticate/${provider}`;
    return this.#http.request<ApiSession>({
      method: "POST",
      path: route,
      query: query as Query,
      body: vars === undefined ? account : { ...account, vars },
      auth: this.#serverKeyAuth(),
    }, options).then((reply) => this.#toSession(reply, `POST ${route}`));
  }

  #identity(
    action: "link" | "unlink",
    provider: Provider,
    session: Session,
    identity: unknown,
    options: SyncOptions,
    where = "",
  ): Promise<void> {
    let account = wire(identity, IDENTITIES[provider], where);
    // An empty token makes the server unlink without asking the provider; the field is then left out.
    if (action === "unlink") account = Object.fromEntries(Object.entries(account).filter(([, value]) => value !== ""));
    const syncable = action === "link" && (provider === "facebook" || provider === "steam");
    const sync = wire(options, syncable ? SYNC : {}, "options");
    // Facebook takes `sync` in the query; Steam's route binds the whole LinkSteamRequest as the body.
    const steam = action === "link" && provider === "steam";
    const route = path`/v2/account/${action}/${provider}`;
    const request = {
      method: "POST",
      path: route,
      query: steam ? undefined : sync as Query,
      body: steam ? { account, ...sync } : account,
    } as const;
    return this.#withSession(session, request, options).then(ignore);
  }

  // ---------------------------------------------------------------- authenticate

  /**
   * Authenticates with an Apple Sign-In identity token.
   *
   * @example Sign in with Apple
   * ```ts
   * const session = await client.authenticateApple(identityToken, { username: "ana" });
   * ```
   */
  authenticateApple(token: string, options: AuthenticateOptions = {}): Promise<Session> {
    return this.#authenticate("apple", { token }, options);
  }

  /**
   * Authenticates with a custom id (6 to 128 bytes) from your own identity system.
   *
   * @example Sign in with a custom id
   * ```ts
   * const session = await client.authenticateCustom("user-0042", { create: true });
   * ```
   */
  authenticateCustom(id: string, options: AuthenticateOptions = {}): Promise<Session> {
    return this.#authenticate("custom", { id }, options);
  }

  /**
   * Authenticates with a device id (10 to 128 bytes).
   *
   * @example Sign in a device
   * ```ts
   * const session = await client.authenticateDevice(crypto.randomUUID(), { create: true });
   * ```
   */
  authenticateDevice(id: string, options: AuthenticateOptions = {}): Promise<Session> {
    return this.#authenticate("device", { id }, options);
  }

  /**
   * Authenticates with an email address and password. With an empty email, `options.username` and the password
   * sign in an existing account.
   *
   * @example Sign in with email
   * ```ts
   * const session = await client.authenticateEmail("ana@example.com", "password1234", { username: "ana" });
   * ```
   */
  authenticateEmail(email: string, password: string, options: AuthenticateOptions = {}): Promise<Session> {
    return this.#authenticate("email", { email, password }, options);
  }

  /**
   * Authenticates with a Facebook access token; `sync: true` imports the user's Facebook friends.
   *
   * @example Sign in with Facebook
   * ```ts
   * const session = await client.authenticateFacebook(accessToken, { sync: true });
   * ```
   */
  authenticateFacebook(token: string, options: AuthenticateSyncOptions = {}): Promise<Session> {
    return this.#authenticate("facebook", { token }, options);
  }

  /**
   * Authenticates with the signed player info of the Facebook Instant Games SDK.
   *
   * @example Sign in inside Facebook Instant Games
   * ```ts
   * const session = await client.authenticateFacebookInstantGame(await FBInstant.player.getSignedPlayerInfoAsync());
   * ```
   */
  authenticateFacebookInstantGame(signedPlayerInfo: string, options: AuthenticateOptions = {}): Promise<Session> {
    return this.#authenticate("facebookinstantgame", { signedPlayerInfo }, options);
  }

  /**
   * Authenticates with Apple Game Center identity-verification data.
   *
   * @example Sign in with Game Center
   * ```ts
   * const identity = { bundleId, playerId, publicKeyUrl, salt, signature, timestampSeconds };
   * const session = await client.authenticateGameCenter(identity, { create: true });
   * ```
   */
  authenticateGameCenter(account: GameCenterIdentity, options: AuthenticateOptions = {}): Promise<Session> {
    return this.#authenticate("gamecenter", account, options, "account");
  }

  /**
   * Authenticates with a Google ID token.
   *
   * @example Sign in with Google
   * ```ts
   * const session = await client.authenticateGoogle(idToken);
   * ```
   */
  authenticateGoogle(token: string, options: AuthenticateOptions = {}): Promise<Session> {
    return this.#authenticate("google", { token }, options);
  }

  /**
   * Authenticates with a Steam session ticket; `sync: true` imports the user's Steam friends.
   *
   * @example Sign in with Steam
   * ```ts
   * const session = await client.authenticateSteam(ticket, { sync: true });
   * ```
   */
  authenticateSteam(token: string, options: AuthenticateSyncOptions = {}): Promise<Session> {
    return this.#authenticate("steam", { token }, options);
  }

  // ---------------------------------------------------------------- sessions

  /**
   * Refreshes the session in place with its refresh token, and returns it. Concurrent calls for the same session
   * share one request.
   * @throws {SessionExpiredError} when the refresh token has expired or the server rejects it.
   *
   * @example Refresh before a long operation
   * ```ts
   * await client.sessionRefresh(session);
   * console.log(new Date(session.expiresAt * 1000));
   * ```
   */
  sessionRefresh(session: Session, options: SessionRefreshOptions = {}): Promise<Session> {
    checkSession(session);
    const { vars } = wire(options, { vars: "vars" }, "options");
    return this.#refresher.refresh(session, (token) =>
      this.#http.request<ApiSession>({
        method: "POST",
        path: "/v2/account/session/refresh",
        body: { token, vars },
        auth: this.#serverKeyAuth(),
      }, options));
  }

  /**
   * Invalidates the session's token and refresh token on the server. Like the official clients, it never refreshes
   * the session first.
   *
   * @example Sign out
   * ```ts
   * await client.sessionLogout(session);
   * ```
   */
  sessionLogout(session: Session, options: RequestOptions = {}): Promise<void> {
    checkSession(session);
    checkOptions(options);
    return this.#http.request({
      method: "POST",
      path: "/v2/session/logout",
      body: { token: session.token, refresh_token: session.refreshToken || undefined },
      auth: { type: "bearer", token: session.token },
    }, options).then(ignore);
  }

  // ---------------------------------------------------------------- account

  /**
   * Reads the session user's account.
   *
   * @example Show the wallet
   * ```ts
   * const account = await client.getAccount(session);
   * console.log(JSON.parse(account.wallet ?? "{}"));
   * ```
   */
  getAccount(session: Session, options: RequestOptions = {}): Promise<ApiAccount> {
    return this.#endpoint("getAccount", session, [], options);
  }

  /**
   * Changes the given profile fields of the session user. After a username change the session is refreshed, so its
   * `username` follows (a failed refresh is only logged: the update itself succeeded).
   *
   * @example Set a display name
   * ```ts
   * await client.updateAccount(session, { displayName: "Ana ✓", langTag: "pt" });
   * ```
   */
  updateAccount(session: Session, options: UpdateAccountOptions = {}): Promise<void> {
    const update = this.#endpoint<void>("updateAccount", session, [], options);
    return update.then(() => this.#followRename(session, options));
  }

  async #followRename(session: Session, options: UpdateAccountOptions): Promise<void> {
    const username = options.username;
    if (username === undefined || username === session.username || session.refreshToken === "") return;
    try {
      await this.sessionRefresh(session, {
        signal: options.signal,
        retry: options.retry,
        timeoutMs: options.timeoutMs,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      this.#logger.warn("updateAccount: the refresh after a rename failed; the token keeps the old username.", error);
    }
  }

  /**
   * Deletes the session user's account; its sessions stop working.
   *
   * @example Delete my account
   * ```ts
   * await client.deleteAccount(session);
   * ```
   */
  deleteAccount(session: Session, options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("deleteAccount", session, [], options);
  }

  // ---------------------------------------------------------------- link and unlink

  /**
   * Links an Apple identity to the session user.
   *
   * @example Link Apple
   * ```ts
   * await client.linkApple(session, identityToken);
   * ```
   */
  linkApple(session: Session, token: string, options: RequestOptions = {}): Promise<void> {
    return this.#identity("link", "apple", session, { token }, options);
  }

  /**
   * Links a custom id to the session user.
   *
   * @example Link a custom id
   * ```ts
   * await client.linkCustom(session, "user-0042");
   * ```
   */
  linkCustom(session: Session, id: string, options: RequestOptions = {}): Promise<void> {
    return this.#identity("link", "custom", session, { id }, options);
  }

  /**
   * Links a device id to the session user.
   *
   * @example Link a second device
   * ```ts
   * await client.linkDevice(session, "tablet-device-0001");
   * ```
   */
  linkDevice(session: Session, id: string, options: RequestOptions = {}): Promise<void> {
    return this.#identity("link", "device", session, { id }, options);
  }

  /**
   * Links an email address and password to the session user.
   *
   * @example Add email sign-in
   * ```ts
   * await client.linkEmail(session, "ana@example.com", "password1234");
   * ```
   */
  linkEmail(session: Session, email: string, password: string, options: RequestOptions = {}): Promise<void> {
    return this.#identity("link", "email", session, { email, password }, options);
  }

  /**
   * Links a Facebook account; `sync: true` imports the user's Facebook friends.
   *
   * @example Link Facebook
   * ```ts
   * await client.linkFacebook(session, accessToken, { sync: true });
   * ```
   */
  linkFacebook(session: Session, token: string, options: SyncOptions = {}): Promise<void> {
    return this.#identity("link", "facebook", session, { token }, options);
  }

  /**
   * Links a Facebook Instant Games player.
   *
   * @example Link Facebook Instant Games
   * ```ts
   * await client.linkFacebookInstantGame(session, signedPlayerInfo);
   * ```
   */
  linkFacebookInstantGame(session: Session, signedPlayerInfo: string, options: RequestOptions = {}): Promise<void> {
    return this.#identity("link", "facebookinstantgame", session, { signedPlayerInfo }, options);
  }

  /**
   * Links a Game Center player.
   *
   * @example Link Game Center
   * ```ts
   * await client.linkGameCenter(session, { bundleId, playerId, publicKeyUrl, salt, signature, timestampSeconds });
   * ```
   */
  linkGameCenter(session: Session, account: GameCenterIdentity, options: RequestOptions = {}): Promise<void> {
    return this.#identity("link", "gamecenter", session, account, options, "account");
  }

  /**
   * Links a Google account.
   *
   * @example Link Google
   * ```ts
   * await client.linkGoogle(session, idToken);
   * ```
   */
  linkGoogle(session: Session, token: string, options: RequestOptions = {}): Promise<void> {
    return this.#identity("link", "google", session, { token }, options);
  }

  /**
   * Links a Steam account; `sync: true` imports the user's Steam friends.
   *
   * @example Link Steam
   * ```ts
   * await client.linkSteam(session, ticket, { sync: true });
   * ```
   */
  linkSteam(session: Session, token: string, options: SyncOptions = {}): Promise<void> {
    return this.#identity("link", "steam", session, { token }, options);
  }

  /**
   * Unlinks the Apple identity. With `""` as the token, the server unlinks without asking Apple.
   *
   * @example Unlink Apple
   * ```ts
   * await client.unlinkApple(session, identityToken);
   * ```
   */
  unlinkApple(session: Session, token: string, options: RequestOptions = {}): Promise<void> {
    return this.#identity("unlink", "apple", session, { token }, options);
  }

  /**
   * Unlinks a custom id. The last identity of an account cannot be unlinked.
   *
   * @example Unlink a custom id
   * ```ts
   * await client.unlinkCustom(session, "user-0042");
   * ```
   */
  unlinkCustom(session: Session, id: string, options: RequestOptions = {}): Promise<void> {
    return this.#identity("unlink", "custom", session, { id }, options);
  }

  /**
   * Unlinks a device id. The last identity of an account cannot be unlinked.
   *
   * @example Forget a device
   * ```ts
   * await client.unlinkDevice(session, "tablet-device-0001");
   * ```
   */
  unlinkDevice(session: Session, id: string, options: RequestOptions = {}): Promise<void> {
    return this.#identity("unlink", "device", session, { id }, options);
  }

  /**
   * Unlinks the email address (the password is not checked).
   *
   * @example Remove email sign-in
   * ```ts
   * await client.unlinkEmail(session, "ana@example.com", "");
   * ```
   */
  unlinkEmail(session: Session, email: string, password: string, options: RequestOptions = {}): Promise<void> {
    return this.#identity("unlink", "email", session, { email, password }, options);
  }

  /**
   * Unlinks the Facebook account. With `""` as the token, the server unlinks without asking Facebook.
   *
   * @example Unlink Facebook
   * ```ts
   * await client.unlinkFacebook(session, "");
   * ```
   */
  unlinkFacebook(session: Session, token: string, options: RequestOptions = {}): Promise<void> {
    return this.#identity("unlink", "facebook", session, { token }, options);
  }

  /**
   * Unlinks the Facebook Instant Games player.
   *
   * @example Unlink Facebook Instant Games
   * ```ts
   * await client.unlinkFacebookInstantGame(session, signedPlayerInfo);
   * ```
   */
  unlinkFacebookInstantGame(session: Session, signedPlayerInfo: string, options: RequestOptions = {}): Promise<void> {
    return this.#identity("unlink", "facebookinstantgame", session, { signedPlayerInfo }, options);
  }

  /**
   * Unlinks the Game Center player (the server verifies the signature again).
   *
   * @example Unlink Game Center
   * ```ts
   * await client.unlinkGameCenter(session, gameCenterIdentity);
   * ```
   */
  unlinkGameCenter(session: Session, account: GameCenterIdentity, options: RequestOptions = {}): Promise<void> {
    return this.#identity("unlink", "gamecenter", session, account, options, "account");
  }

  /**
   * Unlinks the Google account. With `""` as the token, the server unlinks without asking Google.
   *
   * @example Unlink Google
   * ```ts
   * await client.unlinkGoogle(session, idToken);
   * ```
   */
  unlinkGoogle(session: Session, token: string, options: RequestOptions = {}): Promise<void> {
    return this.#identity("unlink", "google", session, { token }, options);
  }

  /**
   * Unlinks the Steam account. With `""` as the token, the server unlinks without asking Steam.
   *
   * @example Unlink Steam
   * ```ts
   * await client.unlinkSteam(session, "");
   * ```
   */
  unlinkSteam(session: Session, token: string, options: RequestOptions = {}): Promise<void> {
    return this.#identity("unlink", "steam", session, { token }, options);
  }

  // ---------------------------------------------------------------- users and friends

  /**
   * Looks users up by id, username or Facebook id; unknown ones are simply missing from the reply.
   *
   * @example Fetch two profiles
   * ```ts
   * const { users = [] } = await client.getUsers(session, { ids: [id], usernames: ["bob"] });
   * ```
   */
  getUsers(session: Session, options: GetUsersOptions = {}): Promise<ApiUsers> {
    return this.#endpoint("getUsers", session, [], options);
  }

  /**
   * Sends friend invites (or accepts pending ones) by id or username.
   *
   * @example Invite by username
   * ```ts
   * await client.addFriends(session, { usernames: ["bob"] });
   * ```
   */
  addFriends(session: Session, options: AddFriendsOptions = {}): Promise<void> {
    return this.#endpoint("addFriends", session, [], options);
  }

  /**
   * Blocks users by id or username.
   *
   * @example Block a user
   * ```ts
   * await client.blockFriends(session, { ids: [userId] });
   * ```
   */
  blockFriends(session: Session, options: FriendsOptions = {}): Promise<void> {
    return this.#endpoint("blockFriends", session, [], options);
  }

  /**
   * Removes friends, cancels or rejects invites, or unblocks, by id or username.
   *
   * @example Remove a friend
   * ```ts
   * await client.deleteFriends(session, { usernames: ["bob"] });
   * ```
   */
  deleteFriends(session: Session, options: FriendsOptions = {}): Promise<void> {
    return this.#endpoint("deleteFriends", session, [], options);
  }

  /**
   * Lists the session user's relationships, optionally of one state.
   *
   * @example Mutual friends only
   * ```ts
   * const { friends = [] } = await client.listFriends(session, { state: 0, limit: 100 });
   * ```
   */
  listFriends(session: Session, options: StatePageOptions = {}): Promise<ApiFriendList> {
    return this.#endpoint("listFriends", session, [], options);
  }

  /**
   * Lists users who are friends of the session user's friends.
   *
   * @example Friend suggestions
   * ```ts
   * const page = await client.listFriendsOfFriends(session, { limit: 20 });
   * ```
   */
  listFriendsOfFriends(session: Session, options: PageOptions = {}): Promise<ApiFriendsOfFriendsList> {
    return this.#endpoint("listFriendsOfFriends", session, [], options);
  }

  /**
   * Imports the session user's Facebook friends.
   *
   * @example Import Facebook friends
   * ```ts
   * await client.importFacebookFriends(session, accessToken, { reset: false });
   * ```
   */
  importFacebookFriends(session: Session, token: string, options: ImportFriendsOptions = {}): Promise<void> {
    return this.#endpoint("importFacebookFriends", session, [token], options);
  }

  /**
   * Imports the session user's Steam friends.
   *
   * @example Import Steam friends
   * ```ts
   * await client.importSteamFriends(session, ticket, { reset: true });
   * ```
   */
  importSteamFriends(session: Session, token: string, options: ImportFriendsOptions = {}): Promise<void> {
    return this.#endpoint("importSteamFriends", session, [token], options);
  }

  // ---------------------------------------------------------------- groups

  /**
   * Creates a group; the session user becomes its superadmin.
   *
   * @example Create an open group
   * ```ts
   * const group = await client.createGroup(session, "Knights", { description: "Brave ones", open: true });
   * ```
   */
  createGroup(session: Session, name: string, options: CreateGroupOptions = {}): Promise<ApiGroup> {
    return this.#endpoint("createGroup", session, [name], options);
  }

  /**
   * Changes the given fields of a group (admins only).
   *
   * @example Rename a group
   * ```ts
   * await client.updateGroup(session, groupId, { name: "Knights of Ni" });
   * ```
   */
  updateGroup(session: Session, groupId: string, options: UpdateGroupOptions = {}): Promise<void> {
    return this.#endpoint("updateGroup", session, [groupId], options);
  }

  /**
   * Deletes a group (superadmins only).
   *
   * @example Delete a group
   * ```ts
   * await client.deleteGroup(session, groupId);
   * ```
   */
  deleteGroup(session: Session, groupId: string, options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("deleteGroup", session, [groupId], options);
  }

  /**
   * Joins an open group, or asks to join a closed one.
   *
   * @example Join a group
   * ```ts
   * await client.joinGroup(session, groupId);
   * ```
   */
  joinGroup(session: Session, groupId: string, options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("joinGroup", session, [groupId], options);
  }

  /**
   * Leaves a group (the last superadmin cannot).
   *
   * @example Leave a group
   * ```ts
   * await client.leaveGroup(session, groupId);
   * ```
   */
  leaveGroup(session: Session, groupId: string, options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("leaveGroup", session, [groupId], options);
  }

  /**
   * Adds users to a group, or accepts their join requests (admins only).
   *
   * @example Accept a join request
   * ```ts
   * await client.addGroupUsers(session, groupId, [userId]);
   * ```
   */
  addGroupUsers(
    session: Session,
    groupId: string,
    userIds: readonly string[],
    options: RequestOptions = {},
  ): Promise<void> {
    return this.#endpoint("addGroupUsers", session, [groupId, userIds], options);
  }

  /**
   * Bans users from a group (admins only).
   *
   * @example Ban a member
   * ```ts
   * await client.banGroupUsers(session, groupId, [userId]);
   * ```
   */
  banGroupUsers(
    session: Session,
    groupId: string,
    userIds: readonly string[],
    options: RequestOptions = {},
  ): Promise<void> {
    return this.#endpoint("banGroupUsers", session, [groupId, userIds], options);
  }

  /**
   * Kicks users out of a group, or declines their join requests (admins only).
   *
   * @example Decline a join request
   * ```ts
   * await client.kickGroupUsers(session, groupId, [userId]);
   * ```
   */
  kickGroupUsers(
    session: Session,
    groupId: string,
    userIds: readonly string[],
    options: RequestOptions = {},
  ): Promise<void> {
    return this.#endpoint("kickGroupUsers", session, [groupId, userIds], options);
  }

  /**
   * Promotes members one role up (admins only).
   *
   * @example Make a member an admin
   * ```ts
   * await client.promoteGroupUsers(session, groupId, [userId]);
   * ```
   */
  promoteGroupUsers(
    session: Session,
    groupId: string,
    userIds: readonly string[],
    options: RequestOptions = {},
  ): Promise<void> {
    return this.#endpoint("promoteGroupUsers", session, [groupId, userIds], options);
  }

  /**
   * Demotes members one role down (admins only).
   *
   * @example Make an admin a member again
   * ```ts
   * await client.demoteGroupUsers(session, groupId, [userId]);
   * ```
   */
  demoteGroupUsers(
    session: Session,
    groupId: string,
    userIds: readonly string[],
    options: RequestOptions = {},
  ): Promise<void> {
    return this.#endpoint("demoteGroupUsers", session, [groupId, userIds], options);
  }

  /**
   * Lists groups by name (a trailing `%` is a wildcard), or by language, size and openness.
   *
   * @example Groups whose name starts with "knights"
   * ```ts
   * const { groups = [] } = await client.listGroups(session, { name: "knights%", limit: 20 });
   * ```
   */
  listGroups(session: Session, options: ListGroupsOptions = {}): Promise<ApiGroupList> {
    return this.#endpoint("listGroups", session, [], options);
  }

  /**
   * Lists a group's members with their roles.
   *
   * @example Pending join requests
   * ```ts
   * const page = await client.listGroupUsers(session, groupId, { state: 3 });
   * ```
   */
  listGroupUsers(session: Session, groupId: string, options: StatePageOptions = {}): Promise<ApiGroupUserList> {
    return this.#endpoint("listGroupUsers", session, [groupId], options);
  }

  /**
   * Lists the session user's groups with their role in each.
   *
   * @example My groups
   * ```ts
   * const { user_groups = [] } = await client.listUserGroups(session);
   * ```
   */
  listUserGroups(session: Session, options?: StatePageOptions): Promise<ApiUserGroupList>;
  /**
   * Lists another user's groups with their role in each.
   *
   * @example Where a friend is admin
   * ```ts
   * const page = await client.listUserGroups(session, friendId, { state: 1 });
   * ```
   */
  listUserGroups(session: Session, userId: string, options?: StatePageOptions): Promise<ApiUserGroupList>;
  listUserGroups(
    session: Session,
    userIdOrOptions?: string | StatePageOptions,
    options: StatePageOptions = {},
  ): Promise<ApiUserGroupList> {
    checkSession(session);
    if (typeof userIdOrOptions === "string") {
      return this.#endpoint("listUserGroups", session, [userIdOrOptions], options);
    }
    return this.#endpoint("listUserGroups", session, [session.userId], userIdOrOptions ?? options);
  }

  // ---------------------------------------------------------------- storage

  /**
   * Reads storage objects; missing and unreadable ones are left out of the reply.
   *
   * @example Read my save
   * ```ts
   * const { objects = [] } = await client.readStorageObjects(session, [
   *   { collection: "saves", key: "slot1", userId: session.userId },
   * ]);
   * ```
   */
  readStorageObjects(
    session: Session,
    objectIds: readonly StorageObjectId[],
    options: RequestOptions = {},
  ): Promise<ApiStorageObjects> {
    return this.#endpoint("readStorageObjects", session, [objectIds], options);
  }

  /**
   * Writes storage objects owned by the session user, all or none. An object `value` is sent as JSON text; a string
   * is sent as it is.
   *
   * @example Save only if nothing is there yet
   * ```ts
   * const { acks = [] } = await client.writeStorageObjects(session, [
   *   { collection: "saves", key: "slot1", value: { level: 3 }, version: "*", permissionRead: 1 },
   * ]);
   * ```
   */
  writeStorageObjects(
    session: Session,
    objects: readonly WriteStorageObject[],
    options: RequestOptions = {},
  ): Promise<ApiStorageObjectAcks> {
    return this.#endpoint("writeStorageObjects", session, [objects], options);
  }

  /**
   * Deletes storage objects owned by the session user, optionally only at a given version.
   *
   * @example Delete a save
   * ```ts
   * await client.deleteStorageObjects(session, [{ collection: "saves", key: "slot1" }]);
   * ```
   */
  deleteStorageObjects(
    session: Session,
    objectIds: readonly DeleteStorageObjectId[],
    options: RequestOptions = {},
  ): Promise<void> {
    return this.#endpoint("deleteStorageObjects", session, [objectIds], options);
  }

  /**
   * Lists a collection's objects that the session user may read, optionally of one owner (`userId`, sent as a query
   * parameter).
   *
   * @example My saves
   * ```ts
   * const page = await client.listStorageObjects(session, "saves", { userId: session.userId, limit: 10 });
   * ```
   */
  listStorageObjects(
    session: Session,
    collection: string,
    options: ListStorageObjectsOptions = {},
  ): Promise<ApiStorageObjectList> {
    return this.#endpoint("listStorageObjects", session, [collection], options);
  }

  /**
   * Lists one owner's objects in a collection that the session user may read (the route with the owner in the path).
   *
   * @example A friend's public objects
   * ```ts
   * const page = await client.listUsersStorageObjects(session, "trophies", friendId, { limit: 20 });
   * ```
   */
  listUsersStorageObjects(
    session: Session,
    collection: string,
    userId: string,
    options: PageOptions = {},
  ): Promise<ApiStorageObjectList> {
    return this.#endpoint("listUsersStorageObjects", session, [collection, userId], options);
  }

  // ---------------------------------------------------------------- leaderboards

  /**
   * Submits a score. int64 values may be a safe-integer number, a bigint or a decimal string.
   *
   * @example Submit a score with metadata
   * ```ts
   * const record = await client.writeLeaderboardRecord(session, "weekly", 1200, { metadata: { map: "dust" } });
   * ```
   */
  writeLeaderboardRecord(
    session: Session,
    leaderboardId: string,
    score: Int64Input,
    options: WriteRecordOptions = {},
  ): Promise<ApiLeaderboardRecord> {
    return this.#endpoint("writeLeaderboardRecord", session, [leaderboardId, score], options);
  }

  /**
   * Deletes the session user's record.
   *
   * @example Withdraw my score
   * ```ts
   * await client.deleteLeaderboardRecord(session, "weekly");
   * ```
   */
  deleteLeaderboardRecord(session: Session, leaderboardId: string, options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("deleteLeaderboardRecord", session, [leaderboardId], options);
  }

  /**
   * Lists a page of records, plus the records of the given owners.
   *
   * @example The top ten
   * ```ts
   * const { records = [] } = await client.listLeaderboardRecords(session, "weekly", { limit: 10 });
   * ```
   */
  listLeaderboardRecords(
    session: Session,
    leaderboardId: string,
    options: ListRecordsOptions = {},
  ): Promise<ApiLeaderboardRecordList> {
    return this.#endpoint("listLeaderboardRecords", session, [leaderboardId], options);
  }

  /**
   * Lists a page of records centred on an owner.
   *
   * @example Records around me
   * ```ts
   * const page = await client.listLeaderboardRecordsAroundOwner(session, "weekly", session.userId, { limit: 5 });
   * ```
   */
  listLeaderboardRecordsAroundOwner(
    session: Session,
    leaderboardId: string,
    ownerId: string,
    options: ListRecordsAroundOwnerOptions = {},
  ): Promise<ApiLeaderboardRecordList> {
    return this.#endpoint("listLeaderboardRecordsAroundOwner", session, [leaderboardId, ownerId], options);
  }

  // ---------------------------------------------------------------- tournaments

  /**
   * Lists tournaments by category and time window.
   *
   * @example Tournaments of category 2
   * ```ts
   * const { tournaments = [] } = await client.listTournaments(session, { categoryStart: 2, categoryEnd: 2 });
   * ```
   */
  listTournaments(session: Session, options: ListTournamentsOptions = {}): Promise<ApiTournamentList> {
    return this.#endpoint("listTournaments", session, [], options);
  }

  /**
   * Joins a tournament (needed before writing when it requires joining).
   *
   * @example Join a cup
   * ```ts
   * await client.joinTournament(session, "spring-cup");
   * ```
   */
  joinTournament(session: Session, tournamentId: string, options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("joinTournament", session, [tournamentId], options);
  }

  /**
   * Submits a tournament score (PUT by default; `method: "POST"` uses the route's other binding).
   *
   * @example Add to my tournament score
   * ```ts
   * await client.writeTournamentRecord(session, "spring-cup", 5, { operator: "increment" });
   * ```
   */
  writeTournamentRecord(
    session: Session,
    tournamentId: string,
    score: Int64Input,
    options: WriteTournamentRecordOptions = {},
  ): Promise<ApiLeaderboardRecord> {
    const method = options?.method ?? "PUT";
    if (method !== "PUT" && method !== "POST") throw invalidArgument("options.method", '"PUT" or "POST"');
    const name = method === "PUT" ? "writeTournamentRecord" : "writeTournamentRecordPost";
    return this.#endpoint(name, session, [tournamentId, score], options);
  }

  /**
   * Deletes the session user's tournament record.
   *
   * @example Withdraw from the cup's ranking
   * ```ts
   * await client.deleteTournamentRecord(session, "spring-cup");
   * ```
   */
  deleteTournamentRecord(session: Session, tournamentId: string, options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("deleteTournamentRecord", session, [tournamentId], options);
  }

  /**
   * Lists a page of tournament records, plus the records of the given owners.
   *
   * @example The cup's podium
   * ```ts
   * const { records = [] } = await client.listTournamentRecords(session, "spring-cup", { limit: 3 });
   * ```
   */
  listTournamentRecords(
    session: Session,
    tournamentId: string,
    options: ListRecordsOptions = {},
  ): Promise<ApiTournamentRecordList> {
    return this.#endpoint("listTournamentRecords", session, [tournamentId], options);
  }

  /**
   * Lists a page of tournament records centred on an owner.
   *
   * @example My neighbours in the cup
   * ```ts
   * const page = await client.listTournamentRecordsAroundOwner(session, "spring-cup", session.userId);
   * ```
   */
  listTournamentRecordsAroundOwner(
    session: Session,
    tournamentId: string,
    ownerId: string,
    options: ListRecordsAroundOwnerOptions = {},
  ): Promise<ApiTournamentRecordList> {
    return this.#endpoint("listTournamentRecordsAroundOwner", session, [tournamentId, ownerId], options);
  }

  // ---------------------------------------------------------------- notifications and chat history

  /**
   * Lists the session user's stored notifications.
   *
   * @example Newest notifications since a stored cursor
   * ```ts
   * const page = await client.listNotifications(session, { limit: 50, cacheableCursor: savedCursor });
   * ```
   */
  listNotifications(session: Session, options: ListNotificationsOptions = {}): Promise<ApiNotificationList> {
    return this.#endpoint("listNotifications", session, [], options);
  }

  /**
   * Deletes notifications by id.
   *
   * @example Clear what was read
   * ```ts
   * await client.deleteNotifications(session, page.notifications?.map((n) => n.id!) ?? []);
   * ```
   */
  deleteNotifications(session: Session, ids: readonly string[], options: RequestOptions = {}): Promise<void> {
    return this.#endpoint("deleteNotifications", session, [ids], options);
  }

  /**
   * Lists a chat channel's stored messages (oldest first unless `forward: false`).
   *
   * @example The last 20 messages of a room
   * ```ts
   * const page = await client.listChannelMessages(session, channel.id, { limit: 20, forward: false });
   * ```
   */
  listChannelMessages(
    session: Session,
    channelId: string,
    options: ListChannelMessagesOptions = {},
  ): Promise<ApiChannelMessageList> {
    return this.#endpoint("listChannelMessages", session, [channelId], options);
  }

  // ---------------------------------------------------------------- matches, matchmaker, parties, events

  /**
   * Lists running matches.
   *
   * @example Authoritative capture-the-flag matches
   * ```ts
   * const { matches = [] } = await client.listMatches(session, { authoritative: true, query: "+label.mode:ctf" });
   * ```
   */
  listMatches(session: Session, options: ListMatchesOptions = {}): Promise<ApiMatchList> {
    return this.#endpoint("listMatches", session, [], options);
  }

  /**
   * Reads the matchmaker's statistics (servers newer than 3.18).
   *
   * @example Show the queue length
   * ```ts
   * const stats = await client.getMatchmakerStats(session);
   * ```
   */
  getMatchmakerStats(session: Session, options: RequestOptions = {}): Promise<ApiMatchmakerStats> {
    return this.#endpoint("getMatchmakerStats", session, [], options);
  }

  /**
   * Lists parties that are not hidden (servers newer than 3.18).
   *
   * @example Open parties
   * ```ts
   * const { parties = [] } = await client.listParties(session, { open: true });
   * ```
   */
  listParties(session: Session, options: ListPartiesOptions = {}): Promise<ApiPartyList> {
    return this.#endpoint("listParties", session, [], options);
  }

  /**
   * Sends a custom event to the server's event handlers.
   *
   * @example Report a finished level
   * ```ts
   * await client.emitEvent(session, "level_complete", { level: "3", time: "42" });
   * ```
   */
  emitEvent(
    session: Session,
    name: string,
    properties?: Record<string, string>,
    options: EmitEventOptions = {},
  ): Promise<void> {
    return this.#endpoint("emitEvent", session, [name, properties], options);
  }

  // ---------------------------------------------------------------- purchases and subscriptions

  /**
   * Validates an App Store receipt.
   *
   * @example Validate a purchase
   * ```ts
   * const { validated_purchases = [] } = await client.validatePurchaseApple(session, receiptBase64);
   * ```
   */
  validatePurchaseApple(
    session: Session,
    receipt: string,
    options: PersistOptions = {},
  ): Promise<ApiValidatePurchaseResponse> {
    return this.#endpoint("validatePurchaseApple", session, [receipt], options);
  }

  /**
   * Validates a Google Play purchase (its JSON text).
   *
   * @example Validate a purchase
   * ```ts
   * const reply = await client.validatePurchaseGoogle(session, purchaseJson);
   * ```
   */
  validatePurchaseGoogle(
    session: Session,
    purchase: string,
    options: PersistOptions = {},
  ): Promise<ApiValidatePurchaseResponse> {
    return this.#endpoint("validatePurchaseGoogle", session, [purchase], options);
  }

  /**
   * Validates a Huawei AppGallery purchase and its signature.
   *
   * @example Validate a purchase
   * ```ts
   * const reply = await client.validatePurchaseHuawei(session, purchaseData, signature);
   * ```
   */
  validatePurchaseHuawei(
    session: Session,
    purchase: string,
    signature: string,
    options: PersistOptions = {},
  ): Promise<ApiValidatePurchaseResponse> {
    return this.#endpoint("validatePurchaseHuawei", session, [purchase, signature], options);
  }

  /**
   * Validates a Facebook Instant Games purchase (servers newer than 3.18).
   *
   * @example Validate a purchase
   * ```ts
   * const reply = await client.validatePurchaseFacebookInstant(session, signedRequest);
   * ```
   */
  validatePurchaseFacebookInstant(
    session: Session,
    signedRequest: string,
    options: PersistOptions = {},
  ): Promise<ApiValidatePurchaseResponse> {
    return this.#endpoint("validatePurchaseFacebookInstant", session, [signedRequest], options);
  }

  /**
   * Validates a Samsung Galaxy Store purchase (servers 3.40 and newer).
   *
   * @example Validate a purchase
   * ```ts
   * const reply = await client.validatePurchaseSamsung(session, purchaseId);
   * ```
   */
  validatePurchaseSamsung(
    session: Session,
    purchaseId: string,
    options: PersistOptions = {},
  ): Promise<ApiValidatePurchaseResponse> {
    return this.#endpoint("validatePurchaseSamsung", session, [purchaseId], options);
  }

  /**
   * Validates an App Store subscription receipt.
   *
   * @example Validate a subscription
   * ```ts
   * const { validated_subscription } = await client.validateSubscriptionApple(session, receiptBase64);
   * ```
   */
  validateSubscriptionApple(
    session: Session,
    receipt: string,
    options: PersistOptions = {},
  ): Promise<ApiValidateSubscriptionResponse> {
    return this.#endpoint("validateSubscriptionApple", session, [receipt], options);
  }

  /**
   * Validates a Google Play subscription (its purchase JSON text).
   *
   * @example Validate a subscription
   * ```ts
   * const reply = await client.validateSubscriptionGoogle(session, purchaseJson, { persist: true });
   * ```
   */
  validateSubscriptionGoogle(
    session: Session,
    receipt: string,
    options: PersistOptions = {},
  ): Promise<ApiValidateSubscriptionResponse> {
    return this.#endpoint("validateSubscriptionGoogle", session, [receipt], options);
  }

  /**
   * Reads the session user's subscription to a product.
   *
   * @example Is the subscription active?
   * ```ts
   * const subscription = await client.getSubscription(session, "com.example.monthly");
   * ```
   */
  getSubscription(
    session: Session,
    productId: string,
    options: RequestOptions = {},
  ): Promise<ApiValidatedSubscription> {
    return this.#endpoint("getSubscription", session, [productId], options);
  }

  /**
   * Lists the session user's subscriptions.
   *
   * @example The first page
   * ```ts
   * const page = await client.listSubscriptions(session, { limit: 20 });
   * ```
   */
  listSubscriptions(session: Session, options: PageOptions = {}): Promise<ApiSubscriptionList> {
    return this.#endpoint("listSubscriptions", session, [], options);
  }

  // ---------------------------------------------------------------- rpc and health

  /**
   * Calls a server function: GET without a payload, POST with one. An object payload is sent as JSON; a string is
   * sent as it is. The reply's `payload` is the function's result text.
   *
   * @example Call an RPC
   * ```ts
   * const reply = await client.rpc(session, "echo", { hello: "world" });
   * console.log(reply.payload);
   * ```
   */
  rpc(session: Session, id: string, payload?: unknown, options: RequestOptions = {}): Promise<ApiRpc> {
    const route = path`/v2/rpc/${segment("id", id)}`;
    const body = rpcPayload(payload);
    checkOptions(options);
    return this.#withSession(session, { method: body === undefined ? "GET" : "POST", path: route, body }, options);
  }

  /**
   * Calls a server function with the runtime HTTP key instead of a session (server-to-server use): GET without a
   * payload, POST with one. The key travels as the `http_key` query parameter and never appears in errors or logs.
   *
   * @example Call an RPC from a backend
   * ```ts
   * const reply = await client.rpcHttpKey(process.env.NAKAMA_HTTP_KEY!, "grant_reward", { userId });
   * ```
   */
  rpcHttpKey(httpKey: string, id: string, payload?: unknown, options: RequestOptions = {}): Promise<ApiRpc> {
    if (typeof httpKey !== "string" || httpKey === "") throw invalidArgument("httpKey", "a non-empty string");
    const route = path`/v2/rpc/${segment("id", id)}`;
    const body = rpcPayload(payload);
    checkOptions(options);
    return this.#http.request<ApiRpc>({
      method: body === undefined ? "GET" : "POST",
      path: route,
      query: { http_key: httpKey },
      body,
      auth: { type: "none" },
    }, options);
  }

  /**
   * Checks that the server is up.
   *
   * @example Wait for a server
   * ```ts
   * await client.healthcheck({ timeoutMs: 1000 });
   * ```
   */
  healthcheck(options: RequestOptions = {}): Promise<void> {
    checkOptions(options);
    return this.#http.request({ method: "GET", path: "/healthcheck", auth: { type: "none" } }, options).then(ignore);
  }

  // ---------------------------------------------------------------- realtime

  /**
   * Creates a realtime socket on this client's host and port (`wss:` with `useSSL`) that shares its logger.
   * `connect` refreshes the session first when it is about to expire, like every REST call.
   * @throws {TypeError} for a bad option, or when this runtime has no WebSocket and none is passed.
   *
   * @example Chat in a room
   * ```ts
   * import { ChannelType, Client } from "@nakama-ts/sdk";
   * const client = new Client();
   * const session = await client.authenticateDevice("device-id-0001");
   * const socket = client.createSocket(); // on Node 20: client.createSocket({ WebSocket }) with `ws`
   * await socket.connect(session);
   * await socket.joinChat("lobby", ChannelType.Room);
   * await socket.close();
   * ```
   */
  createSocket(options: SocketOptions = {}): Socket {
    return new Socket({
      baseUrl: this.baseUrl,
      logger: this.#logger,
      prepareSession: async (session, signal) => {
        await this.#bearer(session, { signal });
      },
    }, options);
  }
}

type Query = Readonly<Record<string, QueryValue>>;
