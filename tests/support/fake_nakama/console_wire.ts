/**
 * Wire shapes of the console side. The console gateway marshals with `EmitUnpopulated`, unlike the game API: every
 * field is sent, at its zero value when unset (`""`, `0`, `false`, `[]`, `"0"` for int64, `null` for an unset time
 * or message). Enums are numbers and names snake_case, as on the game API.
 * @module
 */

import { jsonb } from "./jsonb.ts";
import { DEFAULT_MAX_NUM_SCORE, rankedRecords } from "./ranking.ts";
import type {
  FakeChannelMessage,
  FakeGroup,
  FakeLeaderboard,
  FakeNotification,
  FakeState,
  FakeUser,
  LeaderboardRecordData,
  StorageObject,
} from "./state.ts";
import { rfc3339 } from "./wire.ts";

/**
 * A time (epoch ms) as RFC 3339, or `null` when unset (0).
 * @example Unset
 * ```ts
 * timeOrNull(0); // null
 * ```
 */
export function timeOrNull(ms: number | undefined): string | null {
  return ms ? rfc3339(ms) : null;
}

/**
 * A user in `api.User` shape with every field present.
 * @example Format
 * ```ts
 * consoleUserJson(state, user);
 * ```
 */
export function consoleUserJson(state: FakeState, user: FakeUser): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    display_name: user.display_name,
    avatar_url: user.avatar_url,
    lang_tag: user.lang_tag,
    location: user.location,
    timezone: user.timezone,
    metadata: jsonb(user.metadata || "{}"),
    facebook_id: user.facebook_id,
    google_id: user.google_id,
    gamecenter_id: user.gamecenter_id,
    steam_id: user.steam_id,
    online: user.online,
    edge_count: state.friendEdgeCount(user.id),
    create_time: timeOrNull(user.create_time),
    update_time: timeOrNull(user.update_time),
    facebook_instant_game_id: user.facebook_instant_game_id,
    apple_id: user.apple_id,
  };
}

/**
 * A game account (`api.Account`) with every field present.
 * @example Format
 * ```ts
 * consoleGameAccountJson(state, user);
 * ```
 */
export function consoleGameAccountJson(state: FakeState, user: FakeUser): Record<string, unknown> {
  return {
    user: consoleUserJson(state, user),
    wallet: jsonb(user.wallet || "{}"),
    email: user.email,
    devices: user.devices.map((id) => ({ id, vars: {} })),
    custom_id: user.custom_id,
    verify_time: timeOrNull(user.verify_time),
    disable_time: timeOrNull(user.disable_time),
  };
}

/**
 * A `console.Account`: the game account and the ban time.
 * @example Format
 * ```ts
 * consoleAccountJson(state, user);
 * ```
 */
export function consoleAccountJson(state: FakeState, user: FakeUser): Record<string, unknown> {
  return { account: consoleGameAccountJson(state, user), disable_time: timeOrNull(user.disable_time) };
}

/**
 * A group with every field present.
 * @example Format
 * ```ts
 * consoleGroupJson(state, group);
 * ```
 */
export function consoleGroupJson(state: FakeState, group: FakeGroup): Record<string, unknown> {
  return {
    id: group.id,
    creator_id: group.creator_id,
    name: group.name,
    description: group.description,
    lang_tag: group.lang_tag,
    metadata: jsonb(group.metadata || "{}"),
    avatar_url: group.avatar_url,
    open: group.open,
    edge_count: state.groupEdgeCount(group.id),
    max_count: group.max_count,
    create_time: timeOrNull(group.create_time),
    update_time: timeOrNull(group.update_time),
  };
}

/**
 * A storage object with every field present; `withValue: false` gives the listing shape of 3.28 and later.
 * @example Format
 * ```ts
 * consoleStorageJson(object, true);
 * ```
 */
export function consoleStorageJson(object: StorageObject, withValue: boolean): Record<string, unknown> {
  return {
    collection: object.collection,
    key: object.key,
    user_id: object.user_id,
    ...(withValue ? { value: jsonb(object.value) } : {}),
    version: object.version,
    permission_read: object.permission_read,
    permission_write: object.permission_write,
    create_time: timeOrNull(object.create_time_us / 1000),
    update_time: timeOrNull(object.update_time_us / 1000),
  };
}

/**
 * A leaderboard record with every field present.
 * @example Format
 * ```ts
 * consoleRecordJson(board, record, 1);
 * ```
 */
export function consoleRecordJson(
  board: FakeLeaderboard,
  record: LeaderboardRecordData,
  rank: number,
): Record<string, unknown> {
  return {
    leaderboard_id: board.id,
    owner_id: record.owner_id,
    username: record.username,
    score: record.score.toString(),
    subscore: record.subscore.toString(),
    num_score: record.num_score,
    metadata: jsonb(record.metadata || "{}"),
    create_time: timeOrNull(record.create_time),
    update_time: timeOrNull(record.update_time),
    expiry_time: record.expiry_time ? rfc3339(record.expiry_time * 1000) : null,
    rank: String(rank),
    max_num_score: String(board.tournament?.max_num_score ?? DEFAULT_MAX_NUM_SCORE),
  };
}

/**
 * A `console.Leaderboard`: int64 fields as strings, times as RFC 3339 or null.
 * @example Format
 * ```ts
 * consoleLeaderboardJson(state, board);
 * ```
 */
export function consoleLeaderboardJson(state: FakeState, board: FakeLeaderboard): Record<string, unknown> {
  const t = board.tournament;
  const size = rankedRecords(board, state.now() / 1000).length;
  return {
    id: board.id,
    title: t?.title ?? "",
    description: t?.description ?? "",
    category: String(t?.category ?? 0),
    sort_order: String(board.sort_order),
    size: String(size),
    max_size: String(t?.max_size ?? 0),
    max_num_score: String(t?.max_num_score ?? 0),
    operator: String(board.operator),
    end_active: "0",
    reset_schedule: board.reset_schedule,
    metadata: jsonb(board.metadata || "{}"),
    create_time: timeOrNull(board.create_time),
    start_time: t ? timeOrNull(t.start_time * 1000) : null,
    end_time: t?.end_time ? timeOrNull(t.end_time * 1000) : null,
    duration: String(t?.duration ?? 0),
    start_active: "0",
    join_required: t?.join_required ?? false,
    authoritative: board.authoritative,
    tournament: t !== undefined,
    prev_reset: "0",
    next_reset: "0",
  };
}

/**
 * A notification with every field present.
 * @example Format
 * ```ts
 * consoleNotificationJson(notification);
 * ```
 */
export function consoleNotificationJson(n: FakeNotification): Record<string, unknown> {
  return {
    id: n.id,
    subject: n.subject,
    content: jsonb(n.content || "{}"),
    code: n.code,
    sender_id: n.sender_id,
    create_time: timeOrNull(n.create_time),
    persistent: n.persistent,
  };
}

/**
 * A chat message with every field present.
 * @example Format
 * ```ts
 * consoleMessageJson(message);
 * ```
 */
export function consoleMessageJson(m: FakeChannelMessage): Record<string, unknown> {
  return {
    channel_id: m.channel_id,
    message_id: m.message_id,
    code: m.code,
    sender_id: m.sender_id,
    username: m.username,
    content: jsonb(m.content || "{}"),
    create_time: timeOrNull(m.create_time),
    update_time: timeOrNull(m.update_time),
    persistent: m.persistent,
    room_name: m.room_name ?? "",
    group_id: m.group_id ?? "",
    user_id_one: m.user_id_one ?? "",
    user_id_two: m.user_id_two ?? "",
  };
}
