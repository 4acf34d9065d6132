/**
 * The types of the REST API. Wire types (`Api…`) mirror one JSON message of the Nakama API exactly, with its
 * snake_case field names; int64 fields are decimal strings, as the server sends them, so they stay exact, and
 * fields the server omits at their zero value are optional. Option types are what the client's methods accept,
 * with camelCase keys the client maps to the wire's names.
 * @module
 */

export type * from "./types/account.ts";
export type * from "./types/social.ts";
export type * from "./types/storage.ts";
export type * from "./types/leaderboards.ts";
export type * from "./types/messaging.ts";
export type * from "./types/multiplayer.ts";
export type * from "./types/purchases.ts";
export type * from "./types/options.ts";
