/**
 * Replays the REST traffic recorded from a real Nakama 3.18 server (../shared/captures/nakama-3.18/rest/*.json)
 * through the public `Client`: for each exchange, the matching method is called with an injected `fetch` that
 * records the request the client builds and answers with the recorded response. The test checks the request
 * (method, path, query, Authorization, Content-Type, JSON body) against the recorded one, and the outcome against
 * the recorded answer: the decoded value for a success, a `NakamaError` with its status, gRPC code and message
 * for a failure.
 *
 * The captures use placeholder credentials (see the captures README); they are mapped to the keys and minted
 * tokens of this test. Some exchanges come from the capture driver's deliberately odd inputs that no well-behaved
 * client call produces; those are listed in SKIPPED with the reason, and show up as skipped tests.
 */

import { describe, it, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Client, isNakamaError, type NakamaError, Session } from "../mod.ts";
import type { FetchLike } from "../mod.ts";

// ------------------------------------------------------------------ the capture files

interface CapturedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  // deno-lint-ignore no-explicit-any
  body: any;
  body_format?: "text";
}

interface CapturedResponse {
  status: number;
  headers: Record<string, string> | null;
  body: unknown;
  body_format?: "text";
}

interface Exchange {
  title: string;
  request: CapturedRequest;
  response: CapturedResponse;
}

const projectRoot = new URL("../", import.meta.url);
const capturesUrl = new URL("../shared/captures/nakama-3.18/rest/", projectRoot);
const capturesDir = fileURLToPath(capturesUrl);

// ------------------------------------------------------------------ credentials and tokens

const SERVER_KEY = "defaultkey";
const WRONG_SERVER_KEY = "not-the-server-key";
const HTTP_KEYS: Readonly<Record<string, string>> = {
  "<http key>": "defaulthttpkey",
  "<wrong http key>": "not-the-http-key",
};
/** 2100-01-01: tokens that expire then never trigger a refresh or a local "expired" refusal. */
const FAR_FUTURE = 4_102_444_800;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function base64Url(text: string): string {
  let binary = "";
  for (const byte of encoder.encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return decoder.decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

function mintJwt(claims: Record<string, unknown>): string {
  return `${base64Url('{"alg":"HS256","typ":"JWT"}')}.${base64Url(JSON.stringify(claims))}.c2lnbmF0dXJl`;
}

/** A captured JWT with its `exp` moved to FAR_FUTURE, so a Session may hold it whatever today's date is. */
function renewJwt(token: string): string {
  const [header, payload, signature] = token.split(".");
  const claims = JSON.parse(fromBase64Url(payload));
  return `${header}.${base64Url(JSON.stringify({ ...claims, exp: FAR_FUTURE }))}.${signature}`;
}

const basic = (key: string) => "Basic " + btoa(`${key}:`);

const liveClaims = { tid: "tid-replay", uid: "c2045e00-ec97-4ce3-8825-b13582fae7c4", usn: "alice_replay" };

// ------------------------------------------------------------------ what each exchange's call is

/** One replayed call: the client (chosen by the captured credential), the session it uses, and token aliases. */
interface Context {
  client: Client;
  session: Session;
  /** Captured JWT -> the renewed one the session holds, to compare bodies that carry tokens. */
  aliases: Map<string, string>;
  alias(token: string): string;
}

type Driver = (ctx: Context, request: CapturedRequest) => Promise<unknown>;

const LISTS = new Set(["ids", "usernames", "facebook_ids", "owner_ids", "user_ids"]);
const NUMBERS = new Set([
  "limit",
  "state",
  "members",
  "min_size",
  "max_size",
  "category_start",
  "category_end",
  "start_time",
  "end_time",
]);
const BOOLEANS = new Set(["create", "sync", "reset", "open", "forward", "authoritative", "persist", "external"]);

/**
 * Turns captured wire fields (query strings or body fields, snake_case) back into the camelCase options a caller
 * passes; the client must then produce the captured wire request again. int64 values keep their captured form
 * (number or decimal string), so both encodings are exercised.
 */
// deno-lint-ignore no-explicit-any
function options<T = any>(fields: Record<string, unknown> | null | undefined): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields ?? {})) {
    const name = key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
    if (LISTS.has(key)) out[name] = [value].flat();
    else if (typeof value === "string" && NUMBERS.has(key)) out[name] = Number(value);
    else if (typeof value === "string" && BOOLEANS.has(key)) out[name] = value === "true";
    else out[name] = value;
  }
  return out as T;
}

// deno-lint-ignore no-explicit-any
const body = (request: CapturedRequest): Record<string, any> => request.body ?? {};
const segment = (request: CapturedRequest, index: number) => decodeURIComponent(request.path.split("/")[index]);
const list = (value: string | string[] | undefined) => (value === undefined ? [] : [value].flat());
const authenticate = (request: CapturedRequest) => ({ ...options(request.query), vars: body(request).vars });

/** The operator numbers of the captures, given to the client by name so the name mapping is exercised. */
const OPERATOR_NAMES: Readonly<Record<number, string>> = { 1: "best", 2: "set", 3: "incr", 4: "decrement" };
const recordOptions = (request: CapturedRequest) => {
  const { score: _score, operator, ...rest } = body(request);
  return { ...options(rest), operator: operator === undefined ? undefined : OPERATOR_NAMES[operator] };
};

const rpcCall: Driver = ({ client, session }, request) => {
  const payload = request.body === null ? undefined : request.body;
  const key = request.query.http_key;
  if (typeof key === "string") return client.rpcHttpKey(HTTP_KEYS[key], segment(request, 3), payload);
  return client.rpc(session, segment(request, 3), payload);
};

// deno-lint-ignore no-explicit-any
type Method = (...args: any[]) => Promise<unknown>;

/** A driver that passes the session, the path segments at `indexes` (the ids), then the query as options. */
const byPath = (pick: (client: Client) => Method, ...indexes: number[]): Driver => ({ client, session }, r) =>
  pick(client).call(client, session, ...indexes.map((index) => segment(r, index)), options(r.query));

/** Routes this 3.18 server lacks (404): each still has its client method, driven here by path. */
const MISSING_ROUTES: Readonly<Record<string, Driver>> = {
  "/v2/friend/friends": ({ client, session }) => client.listFriendsOfFriends(session),
  "/v2/party": ({ client, session }) => client.listParties(session),
  "/v2/matchmaker/stats": ({ client, session }) => client.getMatchmakerStats(session),
  "/v2/iap/purchase/facebookinstant": ({ client, session }, r) =>
    client.validatePurchaseFacebookInstant(session, body(r).signed_request),
};

const DRIVERS: Readonly<Record<string, Driver>> = {
  Healthcheck: ({ client }) => client.healthcheck(),
  AuthenticateApple: ({ client }, r) => client.authenticateApple(body(r).token, authenticate(r)),
  AuthenticateCustom: ({ client }, r) => client.authenticateCustom(body(r).id, authenticate(r)),
  AuthenticateDevice: ({ client }, r) => client.authenticateDevice(body(r).id, authenticate(r)),
  AuthenticateEmail: ({ client }, r) =>
    client.authenticateEmail(body(r).email ?? "", body(r).password, authenticate(r)),
  AuthenticateFacebook: ({ client }, r) => client.authenticateFacebook(body(r).token, authenticate(r)),
  AuthenticateFacebookInstantGame: ({ client }, r) =>
    client.authenticateFacebookInstantGame(body(r).signed_player_info, authenticate(r)),
  AuthenticateGameCenter: ({ client }, r) => client.authenticateGameCenter(options(body(r)), authenticate(r)),
  AuthenticateGoogle: ({ client }, r) => client.authenticateGoogle(body(r).token, authenticate(r)),
  AuthenticateSteam: ({ client }, r) => client.authenticateSteam(body(r).token, authenticate(r)),
  SessionRefresh: (ctx, r) => {
    ctx.session = Session.restore(ctx.session.token, ctx.alias(body(r).token));
    return ctx.client.sessionRefresh(ctx.session, { vars: body(r).vars });
  },
  SessionLogout: (ctx, r) => {
    const refreshToken: string | undefined = body(r).refresh_token;
    ctx.session = Session.restore(ctx.alias(body(r).token), refreshToken === undefined ? "" : ctx.alias(refreshToken));
    return ctx.client.sessionLogout(ctx.session);
  },
  GetAccount: ({ client, session }) => client.getAccount(session),
  UpdateAccount: ({ client, session }, r) => client.updateAccount(session, options(body(r))),
  DeleteAccount: ({ client, session }) => client.deleteAccount(session),
  LinkApple: ({ client, session }, r) => client.linkApple(session, body(r).token),
  LinkCustom: ({ client, session }, r) => client.linkCustom(session, body(r).id),
  LinkDevice: ({ client, session }, r) => client.linkDevice(session, body(r).id),
  LinkEmail: ({ client, session }, r) => client.linkEmail(session, body(r).email, body(r).password),
  LinkFacebook: ({ client, session }, r) => client.linkFacebook(session, body(r).token, options(r.query)),
  LinkFacebookInstantGame: ({ client, session }, r) =>
    client.linkFacebookInstantGame(session, body(r).signed_player_info),
  LinkGameCenter: ({ client, session }, r) => client.linkGameCenter(session, options(body(r))),
  LinkGoogle: ({ client, session }, r) => client.linkGoogle(session, body(r).token),
  LinkSteam: ({ client, session }, r) => client.linkSteam(session, body(r).account?.token, options(r.query)),
  UnlinkApple: ({ client, session }, r) => client.unlinkApple(session, body(r).token ?? ""),
  UnlinkCustom: ({ client, session }, r) => client.unlinkCustom(session, body(r).id ?? ""),
  UnlinkDevice: ({ client, session }, r) => client.unlinkDevice(session, body(r).id ?? ""),
  UnlinkEmail: ({ client, session }, r) => client.unlinkEmail(session, body(r).email, body(r).password ?? ""),
  UnlinkFacebook: ({ client, session }, r) => client.unlinkFacebook(session, body(r).token ?? ""),
  UnlinkFacebookInstantGame: ({ client, session }, r) =>
    client.unlinkFacebookInstantGame(session, body(r).signed_player_info ?? ""),
  UnlinkGameCenter: ({ client, session }, r) => client.unlinkGameCenter(session, options(body(r))),
  UnlinkGoogle: ({ client, session }, r) => client.unlinkGoogle(session, body(r).token ?? ""),
  UnlinkSteam: ({ client, session }, r) => client.unlinkSteam(session, body(r).token ?? ""),
  GetUsers: ({ client, session }, r) => client.getUsers(session, options(r.query)),
  AddFriends: ({ client, session }, r) => client.addFriends(session, options(r.query)),
  BlockFriends: ({ client, session }, r) => client.blockFriends(session, options(r.query)),
  DeleteFriends: ({ client, session }, r) => client.deleteFriends(session, options(r.query)),
  ListFriends: ({ client, session }, r) => client.listFriends(session, options(r.query)),
  ImportFacebookFriends: ({ client, session }, r) =>
    client.importFacebookFriends(session, body(r).token, options(r.query)),
  ImportSteamFriends: ({ client, session }, r) => client.importSteamFriends(session, body(r).token, options(r.query)),
  CreateGroup: ({ client, session }, r) => client.createGroup(session, body(r).name, options(body(r))),
  UpdateGroup: ({ client, session }, r) => client.updateGroup(session, segment(r, 3), options(body(r))),
  DeleteGroup: byPath((c) => c.deleteGroup, 3),
  JoinGroup: byPath((c) => c.joinGroup, 3),
  LeaveGroup: byPath((c) => c.leaveGroup, 3),
  AddGroupUsers: ({ client, session }, r) => client.addGroupUsers(session, segment(r, 3), list(r.query.user_ids)),
  BanGroupUsers: ({ client, session }, r) => client.banGroupUsers(session, segment(r, 3), list(r.query.user_ids)),
  KickGroupUsers: ({ client, session }, r) => client.kickGroupUsers(session, segment(r, 3), list(r.query.user_ids)),
  PromoteGroupUsers: ({ client, session }, r) =>
    client.promoteGroupUsers(session, segment(r, 3), list(r.query.user_ids)),
  DemoteGroupUsers: ({ client, session }, r) => client.demoteGroupUsers(session, segment(r, 3), list(r.query.user_ids)),
  ListGroups: ({ client, session }, r) => client.listGroups(session, options(r.query)),
  ListGroupUsers: byPath((c) => c.listGroupUsers, 3),
  ListUserGroups: byPath((c) => c.listUserGroups, 3),
  ReadStorageObjects: ({ client, session }, r) => client.readStorageObjects(session, body(r).object_ids.map(options)),
  WriteStorageObjects: ({ client, session }, r) => client.writeStorageObjects(session, body(r).objects.map(options)),
  DeleteStorageObjects: ({ client, session }, r) =>
    client.deleteStorageObjects(session, body(r).object_ids.map(options)),
  ListStorageObjects: ({ client, session }, r) =>
    r.path.split("/").length === 5
      ? client.listUsersStorageObjects(session, segment(r, 3), segment(r, 4), options(r.query))
      : client.listStorageObjects(session, segment(r, 3), options(r.query)),
  WriteLeaderboardRecord: ({ client, session }, r) =>
    client.writeLeaderboardRecord(session, segment(r, 3), body(r).score, recordOptions(r)),
  DeleteLeaderboardRecord: byPath((c) => c.deleteLeaderboardRecord, 3),
  ListLeaderboardRecords: byPath((c) => c.listLeaderboardRecords, 3),
  ListLeaderboardRecordsAroundOwner: byPath((c) => c.listLeaderboardRecordsAroundOwner, 3, 5),
  ListTournaments: ({ client, session }, r) => client.listTournaments(session, options(r.query)),
  JoinTournament: byPath((c) => c.joinTournament, 3),
  WriteTournamentRecord: ({ client, session }, r) =>
    client.writeTournamentRecord(session, segment(r, 3), body(r).score, {
      ...recordOptions(r),
      method: r.method as "PUT" | "POST",
    }),
  DeleteTournamentRecord: byPath((c) => c.deleteTournamentRecord, 3),
  ListTournamentRecords: byPath((c) => c.listTournamentRecords, 3),
  ListTournamentRecordsAroundOwner: byPath((c) => c.listTournamentRecordsAroundOwner, 3, 5),
  ListNotifications: ({ client, session }, r) => client.listNotifications(session, options(r.query)),
  DeleteNotifications: ({ client, session }, r) => client.deleteNotifications(session, list(r.query.ids)),
  ListChannelMessages: byPath((c) => c.listChannelMessages, 3),
  ListMatches: ({ client, session }, r) => client.listMatches(session, options(r.query)),
  Event: ({ client, session }, r) => client.emitEvent(session, body(r).name, body(r).properties, options(body(r))),
  GetSubscription: byPath((c) => c.getSubscription, 4),
  ListSubscriptions: ({ client, session }, r) => client.listSubscriptions(session, options(body(r))),
  ValidatePurchaseApple: ({ client, session }, r) =>
    client.validatePurchaseApple(session, body(r).receipt, options(body(r))),
  ValidatePurchaseGoogle: ({ client, session }, r) =>
    client.validatePurchaseGoogle(session, body(r).purchase, options(body(r))),
  ValidatePurchaseHuawei: ({ client, session }, r) =>
    client.validatePurchaseHuawei(session, body(r).purchase, body(r).signature, options(body(r))),
  ValidateSubscriptionApple: ({ client, session }, r) =>
    client.validateSubscriptionApple(session, body(r).receipt, options(body(r))),
  ValidateSubscriptionGoogle: ({ client, session }, r) =>
    client.validateSubscriptionGoogle(session, body(r).receipt, options(body(r))),
  RpcFunc: rpcCall,
  _UnknownAndMissingRoutes: (ctx, r) => MISSING_ROUTES[r.path](ctx, r),
};

/**
 * Exchanges no well-behaved call of the client can produce (the capture driver sent them on purpose to record
 * the server's answer to odd input), keyed "<file>#<index>".
 */
const SKIPPED: Readonly<Record<string, string>> = {
  "AuthenticateDevice#7": "no Authorization header: the client always sends its server key",
  "AuthenticateDevice#8": "a session token in place of the server key: authenticate always sends Basic <server key>",
  "AuthenticateDevice#9": "a body that is not JSON",
  "AuthenticateDevice#10": "an unknown body field",
  "AuthenticateEmail#3": "username in the body: the client sends it as the `username` query parameter",
  "AuthenticateFacebookInstantGame#1": "no signed_player_info field: the client always sends the required field",
  "AuthenticateGameCenter#1": "five of the six required Game Center fields missing: the client requires all six",
  "GetAccount#3": "no Authorization header: session calls always send the session token",
  "GetAccount#4": "the bearer token `garbage` is not a JWT, so no Session can hold it",
  "GetAccount#6": "the refresh token sent as the bearer token",
  "GetAccount#7": "the server key sent on a session route",
  "DeleteAccount#2": "no Authorization header: session calls always send the session token",
  "UpdateAccount#4": "no Authorization header: session calls always send the session token",
  "Event#2": "no event name: emitEvent requires one",
  "Event#3": "no Authorization header: session calls always send the session token",
  "CreateGroup#4": "no group name: createGroup requires one",
  "LinkSteam#0":
    "sync as a query parameter: the route binds the whole LinkSteamRequest, so the client puts sync in the body",
  "ListLeaderboardRecords#6": "the lowerCamelCase query name ownerIds: the client sends owner_ids",
  "WriteLeaderboardRecord#9": 'operator as the enum name "BEST": the client maps operator names to the wire numbers',
  "WriteLeaderboardRecord#20": 'score "abc": the client rejects a non-integer score before sending',
  "WriteLeaderboardRecord#21": 'operator "MAX": the client rejects an unknown operator before sending',
  "RpcFunc#1": "a JSON object body: the client always sends the payload as a JSON string",
  "RpcFunc#2": "?unwrap (raw payload mode) is not part of the client",
  "RpcFunc#3": "?unwrap (raw payload mode) is not part of the client",
  "RpcFunc#4": "?unwrap (raw payload mode) is not part of the client",
  "RpcFunc#6": "GET with ?payload= (ignored by 3.18): the client sends a payload with POST",
  "RpcFunc#9": "?unwrap (raw payload mode) is not part of the client",
  "RpcFunc#10": "the HTTP key as the Basic username: rpcHttpKey sends it as the http_key query parameter",
  "RpcFunc#12": "no credential at all",
  "RpcFunc#13": "the bearer token `garbage` is not a JWT, so no Session can hold it",
  "RpcFunc#19": "POST without a body: the client POSTs only with a payload, always JSON-encoded",
  "SessionLogout#2": "an empty body (log out every session): sessionLogout always sends the session's own tokens",
  "SessionRefresh#2": "the refresh token `not.a.jwt` is not a JWT, so no Session can hold it",
  "SessionRefresh#3": "the session token in the refresh-token slot",
  "SessionRefresh#4": "an empty refresh token: sessionRefresh refuses locally with SessionExpiredError",
  "_UnknownAndMissingRoutes#4": "field `purchase`: the Samsung request field is purchase_id, which the client sends",
  "_UnknownAndMissingRoutes#5": "an unknown path: no client method",
  "_UnknownAndMissingRoutes#6": "PATCH /v2/account: no client method uses PATCH",
  "_UnknownAndMissingRoutes#7": "DELETE /v2/storage: no client method",
  "_UnknownAndMissingRoutes#8": "GET /: no client method",
};

// ------------------------------------------------------------------ replaying one exchange

interface SentRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

/** Query parameters as key -> values (the captures write one value as a string, repeated keys as an array). */
function queryOf(url: URL): Record<string, string[]> {
  return Object.fromEntries([...new Set(url.searchParams.keys())].map((key) => [key, url.searchParams.getAll(key)]));
}

function expectedQuery(query: Record<string, string | string[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(query).map(([key, value]) => [key, [value].flat().map((item) => HTTP_KEYS[item] ?? item)]),
  );
}

/** The captured body with its JWTs replaced by the renewed ones the sessions hold. */
function withAliases(value: unknown, aliases: Map<string, string>): unknown {
  if (typeof value === "string") return aliases.get(value) ?? value;
  if (Array.isArray(value)) return value.map((item) => withAliases(item, aliases));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withAliases(item, aliases)]));
  }
  return value;
}

/** What a method's resolved value looks like on the wire: a Session as the `Session` message it came from. */
function asWire(value: unknown): unknown {
  if (value === undefined) return {}; // void methods: the server answered the empty message `{}`
  if (value instanceof Session) {
    return { ...(value.created ? { created: true } : {}), token: value.token, refresh_token: value.refreshToken };
  }
  return value;
}

function responseFor(captured: CapturedResponse): Response {
  const text = captured.body_format === "text" ? String(captured.body) : JSON.stringify(captured.body);
  return new Response(text, { status: captured.status, headers: captured.headers ?? undefined });
}

async function replay(file: string, exchange: Exchange): Promise<void> {
  const { request, response } = exchange;
  const sent: SentRequest[] = [];
  const fetch: FetchLike = async (input, init) => {
    const seen = new Request(input, init);
    sent.push({ method: seen.method, url: new URL(seen.url), headers: seen.headers, body: await seen.text() });
    return responseFor(response);
  };
  const auth = request.headers.authorization;
  const serverKey = auth === "Basic <wrong server key>" ? WRONG_SERVER_KEY : SERVER_KEY;
  const client = new Client({ serverKey, fetch, retry: { maxRetries: 0 }, autoRefreshSession: false });
  const live = Session.restore(
    mintJwt({ ...liveClaims, exp: FAR_FUTURE }),
    mintJwt({ ...liveClaims, exp: FAR_FUTURE }),
  );
  // Correctly signed but expired, with no refresh token: the client sends it as it is and the server says no.
  const expired = Session.restore(mintJwt({ ...liveClaims, exp: 1_600_000_000 }));
  const aliases = new Map<string, string>();
  const ctx: Context = {
    client,
    session: auth === "Bearer <expired session token>" ? expired : live,
    aliases,
    alias(token) {
      const renewed = renewJwt(token);
      aliases.set(token, renewed);
      return renewed;
    },
  };

  const outcome = await Promise.resolve()
    .then(() => DRIVERS[file](ctx, request))
    .then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));

  assert.equal(sent.length, 1, `exactly one request is sent (outcome: ${outcome.ok ? "ok" : outcome.error})`);
  const [actual] = sent;
  assert.equal(actual.method, request.method, "method");
  assert.equal(actual.url.pathname, request.path, "path");
  assert.deepEqual(queryOf(actual.url), expectedQuery(request.query), "query");
  const expectedAuth = auth === undefined
    ? undefined
    : auth.startsWith("Bearer ")
    ? `Bearer ${ctx.session.token}`
    : basic(serverKey);
  assert.equal(actual.headers.get("authorization") ?? undefined, expectedAuth, "Authorization");
  assert.equal(actual.headers.get("content-type") ?? undefined, request.headers["content-type"], "Content-Type");
  if (request.body === null) {
    assert.equal(actual.body, "", "no body");
  } else {
    assert.deepEqual(JSON.parse(actual.body), withAliases(request.body, aliases), "JSON body");
  }

  if (response.status < 300) {
    assert.ok(outcome.ok, `a ${response.status} reply resolves (got ${outcome.ok ? "" : outcome.error})`);
    assert.deepEqual(asWire(outcome.value), response.body, "decoded result");
    return;
  }
  assert.ok(!outcome.ok, `a ${response.status} reply rejects`);
  const error = outcome.error as NakamaError;
  assert.ok(isNakamaError(error), `rejects with a NakamaError, got ${error}`);
  const data = response.body as { code?: number; message?: string };
  assert.equal(error.status, response.status, "status");
  assert.equal(error.grpcCode, data.code, "grpcCode");
  assert.ok(error.message.includes(String(data.message)), `message ${JSON.stringify(error.message)}`);
  assert.deepEqual(error.data, response.body, "error data");
}

// ------------------------------------------------------------------ the table of tests

if (!existsSync(capturesDir)) {
  test("Client replays the Nakama 3.18 REST captures", {
    skip: `captures folder not found at ${capturesDir} (expected ../shared/captures beside the project root)`,
  }, () => {});
} else {
  const files = readdirSync(capturesDir).filter((name) => name.endsWith(".json")).sort();

  test("Client has a replay driver for every captured operation", () => {
    const missing = files.map((name) => name.replace(/\.json$/, "")).filter((name) => !(name in DRIVERS));
    assert.deepEqual(missing, []);
  });

  for (const name of files) {
    const operation = name.replace(/\.json$/, "");
    const exchanges: Exchange[] = JSON.parse(readFileSync(fileURLToPath(new URL(name, capturesUrl)), "utf8"));
    describe(`Client replays ${operation}`, () => {
      exchanges.forEach((exchange, index) => {
        const title = `#${index} ${exchange.request.method} ${exchange.response.status}: ${exchange.title}`;
        const skip = SKIPPED[`${operation}#${index}`];
        if (skip !== undefined) it(title, { skip }, () => {});
        else it(title, () => replay(operation, exchange));
      });
    });
  }
}
