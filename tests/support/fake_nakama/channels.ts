/**
 * Chat history route: `GET /v2/channel/{channel_id}` over the messages the realtime side (and group actions)
 * stored. Rooms are open to all; group channels need membership ("Group not found."), direct channels need to
 * be one of the two users ("Channel not found."). `forward` defaults to true; cursors page both ways and the
 * `cacheable_cursor` resumes forward after the page's last message.
 * @module
 */

import { Code, fail } from "./errors.ts";
import { jsonb } from "./jsonb.ts";
import type { HandlerContext, Route } from "./router.ts";
import { type FakeChannelMessage, parseChannelId } from "./state.ts";
import { decodeCursor, encodeCursor, omitZero, rfc3339 } from "./wire.ts";

/**
 * A stored message in `api.ChannelMessage` shape (`code` and `persistent` always present).
 * @example Format
 * ```ts
 * channelMessageJson(message);
 * ```
 */
export function channelMessageJson(m: FakeChannelMessage): Record<string, unknown> {
  return omitZero({
    channel_id: m.channel_id,
    message_id: m.message_id,
    code: m.code,
    sender_id: m.sender_id,
    username: m.username,
    content: jsonb(m.content),
    create_time: rfc3339(m.create_time),
    update_time: rfc3339(m.update_time),
    persistent: m.persistent,
    room_name: m.room_name,
    group_id: m.group_id,
    user_id_one: m.user_id_one,
    user_id_two: m.user_id_two,
  }, ["code", "persistent"]);
}

interface Anchor {
  /** Create time, whole seconds (the server's resolution). */
  t: number;
  id: string;
  /** Walk toward newer messages. */
  asc: boolean;
}

function keyOf(m: FakeChannelMessage): [number, string] {
  return [Math.floor(m.create_time / 1000), m.message_id];
}

function compareKey(a: [number, string], b: [number, string]): number {
  return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
}

function cursorFor(channelId: string, m: FakeChannelMessage, asc: boolean): string {
  const [t, id] = keyOf(m);
  return encodeCursor("channel", { c: channelId, t, id, asc });
}

function listChannelMessages(ctx: HandlerContext): Record<string, unknown> {
  const { state, query, caller } = ctx;
  const channelId = ctx.params.channel_id;
  const target = parseChannelId(channelId);
  if (Object.keys(target).length === 0) fail(Code.INVALID_ARGUMENT, "Invalid channel ID.");
  const limit = query.int("limit") ?? 1;
  if (limit < 1 || limit > 100) fail(Code.INVALID_ARGUMENT, "Invalid limit - limit must be between 1 and 100.");
  const forward = query.bool("forward") ?? true;
  let anchor: Anchor | undefined;
  const cursorText = query.string("cursor");
  if (cursorText) {
    const c = decodeCursor("channel", cursorText);
    if (!c || c.c !== channelId || typeof c.t !== "number" || typeof c.id !== "string") {
      fail(Code.INVALID_ARGUMENT, "Cursor is invalid or expired.");
    }
    anchor = { t: c.t, id: c.id, asc: c.asc === true };
  }
  if (target.group_id && !state.isGroupMember(target.group_id, caller.userId)) {
    fail(Code.INVALID_ARGUMENT, "Group not found.");
  }
  if (target.user_id_one && caller.userId !== target.user_id_one && caller.userId !== target.user_id_two) {
    fail(Code.INVALID_ARGUMENT, "Channel not found.");
  }
  const ascending = state.listChannelMessages(channelId);
  // Oriented list: the order of the `forward` parameter.
  const oriented = forward ? ascending : [...ascending].reverse();
  let i: number, j: number;
  if (!anchor) {
    i = 0;
    j = Math.min(limit, oriented.length);
  } else {
    const key: [number, string] = [anchor.t, anchor.id];
    // Walking with the orientation means "after the anchor" in `oriented`; against it, "before".
    const withOrientation = anchor.asc === forward;
    const beyond = (m: FakeChannelMessage) => {
      const cmp = compareKey(keyOf(m), key);
      return anchor!.asc ? cmp > 0 : cmp < 0;
    };
    if (withOrientation) {
      i = oriented.findIndex(beyond);
      if (i < 0) i = oriented.length;
      j = Math.min(i + limit, oriented.length);
    } else {
      let last = -1;
      oriented.forEach((m, k) => {
        if (beyond(m)) last = k;
      });
      j = last + 1;
      i = Math.max(0, j - limit);
    }
  }
  const page = oriented.slice(i, j);
  if (page.length === 0) return omitZero({ cacheable_cursor: anchor?.asc ? cursorText : undefined });
  const next = j < oriented.length ? cursorFor(channelId, oriented[j - 1], forward) : undefined;
  const prev = i > 0 ? cursorFor(channelId, oriented[i], !forward) : undefined;
  // The server anchors the cacheable cursor on the page's last message, walking forward (toward newer ones).
  const cacheable = cursorFor(channelId, oriented[j - 1], true);
  return omitZero({
    messages: page.map(channelMessageJson),
    next_cursor: next,
    prev_cursor: prev,
    cacheable_cursor: cacheable,
  });
}

/**
 * The chat history route.
 * @example Mount
 * ```ts
 * new Router(channelRoutes());
 * ```
 */
export function channelRoutes(): Route[] {
  return [{ method: "GET", path: "/v2/channel/{channel_id}", auth: "bearer", handle: listChannelMessages }];
}
