/**
 * Wire formatting shared by the handlers: RFC 3339 times, zero-value omission, int64 as decimal strings, and the
 * `User`/`Group` shapes in proto field order.
 * @module
 */

import { jsonb } from "./jsonb.ts";
import type { FakeGroup, FakeState, FakeUser } from "./state.ts";

/**
 * RFC 3339 UTC with whole seconds, as the server prints database times.
 * @example Format
 * ```ts
 * rfc3339(0); // "1970-01-01T00:00:00Z"
 * ```
 */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/**
 * RFC 3339 UTC with microseconds (storage write acks), from epoch microseconds.
 * @example Format
 * ```ts
 * rfc3339Micro(1_500_000); // "1970-01-01T00:00:01.500000Z"
 * ```
 */
export function rfc3339Micro(us: number): string {
  const seconds = Math.floor(us / 1_000_000);
  const micros = String(Math.floor(us % 1_000_000)).padStart(6, "0");
  return new Date(seconds * 1000).toISOString().replace(".000Z", `.${micros}Z`);
}

/**
 * Drops zero values (undefined, null, "", 0, false, empty arrays) like protojson, except keys listed in `keep`
 * (wrapper types are sent even at zero). Key order is kept.
 * @example Omit zeros
 * ```ts
 * omitZero({ a: 0, b: "x", open: false }, ["open"]); // { b: "x", open: false }
 * ```
 */
export function omitZero<T extends Record<string, unknown>>(object: T, keep: readonly string[] = []): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (keep.includes(key) && value !== undefined && value !== null) {
      out[key] = value;
      continue;
    }
    if (value === undefined || value === null || value === "" || value === 0 || value === false || value === 0n) {
      continue;
    }
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out as Partial<T>;
}

/**
 * An int64 as the gateway sends it: a decimal string, or undefined for zero (then omitted).
 * @example Format
 * ```ts
 * int64(42n); // "42"
 * ```
 */
export function int64(value: bigint | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  const big = typeof value === "bigint" ? value : BigInt(Math.trunc(value));
  return big === 0n ? undefined : big.toString();
}

/** Options of {@link userJson}. */
export interface UserJsonOptions {
  /** Include `edge_count` (group member and user listings do; friend listings and GetAccount don't). */
  edgeCount?: boolean;
}

/**
 * A user in `api.User` shape and field order, zero values omitted, metadata re-serialised like jsonb.
 * @example Format a user
 * ```ts
 * userJson(state, user, { edgeCount: true });
 * ```
 */
export function userJson(state: FakeState, user: FakeUser, options: UserJsonOptions = {}): Record<string, unknown> {
  return omitZero({
    id: user.id,
    username: user.username,
    display_name: user.display_name,
    avatar_url: user.avatar_url,
    lang_tag: user.lang_tag,
    location: user.location,
    timezone: user.timezone,
    metadata: jsonb(user.metadata),
    facebook_id: user.facebook_id,
    google_id: user.google_id,
    gamecenter_id: user.gamecenter_id,
    steam_id: user.steam_id,
    online: user.online,
    edge_count: options.edgeCount ? state.friendEdgeCount(user.id) : 0,
    create_time: rfc3339(user.create_time),
    update_time: rfc3339(user.update_time),
    facebook_instant_game_id: user.facebook_instant_game_id,
    apple_id: user.apple_id,
  });
}

/**
 * A group in `api.Group` shape (`open` always present), metadata re-serialised like jsonb.
 * @example Format a group
 * ```ts
 * groupJson(state, group);
 * ```
 */
export function groupJson(state: FakeState, group: FakeGroup): Record<string, unknown> {
  return omitZero({
    id: group.id,
    creator_id: group.creator_id,
    name: group.name,
    description: group.description,
    lang_tag: group.lang_tag,
    metadata: jsonb(group.metadata),
    avatar_url: group.avatar_url,
    open: group.open,
    edge_count: state.groupEdgeCount(group.id),
    max_count: group.max_count,
    create_time: rfc3339(group.create_time),
    update_time: rfc3339(group.update_time),
  }, ["open"]);
}

/**
 * Opaque cursors: base64url of a small JSON document tagged with its listing, so a cursor from one listing (or
 * garbage) is refused by another.
 * @example Round trip
 * ```ts
 * decodeCursor("friends", encodeCursor("friends", { o: 10 })); // { o: 10 }
 * ```
 */
export function encodeCursor(kind: string, data: Record<string, unknown>): string {
  const bytes = new TextEncoder().encode(JSON.stringify({ k: kind, ...data }));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_");
}

/**
 * Decodes a cursor made by {@link encodeCursor}; undefined when it is not one of `kind`.
 * @example Decode
 * ```ts
 * decodeCursor("friends", "bogus"); // undefined
 * ```
 */
export function decodeCursor(kind: string, text: string): Record<string, unknown> | undefined {
  try {
    const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const data = JSON.parse(new TextDecoder().decode(bytes));
    if (data && typeof data === "object" && data.k === kind) return data;
  } catch { /* not a cursor */ }
  return undefined;
}
