/**
 * Wire types of sessions, accounts and users.
 * @module
 */

/**
 * The reply of every authenticate call and of a session refresh. The client turns it into a `Session`.
 *
 * @example Reading the raw reply fields
 * ```ts
 * import type { ApiSession } from "@nakama-ts/sdk";
 * const reply: ApiSession = { created: true, token: "eyJ…", refresh_token: "eyJ…" };
 * console.log(reply.created === true);
 * ```
 */
export interface ApiSession {
  /** True when the call created the account; omitted (false) otherwise. */
  created?: boolean;
  /** The session JWT. */
  token: string;
  /** The refresh JWT. */
  refresh_token?: string;
}

/**
 * A user, as other users see it.
 *
 * @example Showing a user
 * ```ts
 * const { users = [] } = await client.getUsers(session, { usernames: ["alice"] });
 * for (const user of users) console.log(user.display_name ?? user.username, user.online === true);
 * ```
 */
export interface ApiUser {
  /** The user id (a UUID). */
  id?: string;
  /** The unique username. */
  username?: string;
  /** The display name. */
  display_name?: string;
  /** The avatar URL. */
  avatar_url?: string;
  /** The language tag, such as `"en"`. */
  lang_tag?: string;
  /** The location. */
  location?: string;
  /** The timezone. */
  timezone?: string;
  /** JSON text, writable only by the server. */
  metadata?: string;
  /** The linked Facebook id. */
  facebook_id?: string;
  /** The linked Google id. */
  google_id?: string;
  /** The linked Game Center id. */
  gamecenter_id?: string;
  /** The linked Steam id. */
  steam_id?: string;
  /** True when the user has a socket open with status presence; omitted when false. */
  online?: boolean;
  /** The number of friend edges. */
  edge_count?: number;
  /** When the user was created (RFC 3339). */
  create_time?: string;
  /** When the user was last updated (RFC 3339). */
  update_time?: string;
  /** The linked Facebook Instant Games id. */
  facebook_instant_game_id?: string;
  /** The linked Apple id. */
  apple_id?: string;
}

/**
 * A device linked to an account.
 *
 * @example Listing the linked devices
 * ```ts
 * const account = await client.getAccount(session);
 * console.log((account.devices ?? []).map((device) => device.id));
 * ```
 */
export interface ApiAccountDevice {
  /** The device id. */
  id?: string;
  /** Session variables; never filled in by `getAccount`. */
  vars?: Record<string, string>;
}

/**
 * The session user's own account.
 *
 * @example Show the wallet
 * ```ts
 * const account = await client.getAccount(session);
 * console.log(account.user?.username, JSON.parse(account.wallet ?? "{}"));
 * ```
 */
export interface ApiAccount {
  /** The public profile. */
  user?: ApiUser;
  /** The wallet as JSON text. */
  wallet?: string;
  /** The linked email address. */
  email?: string;
  /** The linked devices. */
  devices?: ApiAccountDevice[];
  /** The linked custom id. */
  custom_id?: string;
  /** When the email address was verified (RFC 3339). */
  verify_time?: string;
  /** When the account was disabled (RFC 3339). */
  disable_time?: string;
}

/**
 * The reply of `getUsers`: unknown ids and names are simply missing.
 *
 * @example Looking users up
 * ```ts
 * const reply = await client.getUsers(session, { ids: [friendId] });
 * console.log(reply.users?.length ?? 0);
 * ```
 */
export interface ApiUsers {
  /** The users found. */
  users?: ApiUser[];
}

/**
 * The reply of an RPC over HTTP: the function's result text.
 *
 * @example Reading an RPC result
 * ```ts
 * const reply = await client.rpc(session, "echo", { hello: "world" });
 * console.log(JSON.parse(reply.payload ?? "null"));
 * ```
 */
export interface ApiRpc {
  /** The function id (absent over HTTP, where the server sends only the payload). */
  id?: string;
  /** The function's result; omitted when it returned nothing. */
  payload?: string;
}
