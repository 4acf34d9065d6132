/**
 * Notification routes: list the caller's persistent notifications (oldest first, with a durable
 * `cacheable_cursor` to resume from) and delete them.
 * @module
 */

import { Code, fail } from "./errors.ts";
import { jsonb } from "./jsonb.ts";
import type { HandlerContext, Route } from "./router.ts";
import { type FakeNotification, isUuid } from "./state.ts";
import { decodeCursor, encodeCursor, omitZero, rfc3339 } from "./wire.ts";

/**
 * A notification in `api.Notification` shape; `content` re-serialised like jsonb (REST reads the database).
 * @example Format
 * ```ts
 * notificationJson(notification);
 * ```
 */
export function notificationJson(n: FakeNotification): Record<string, unknown> {
  return omitZero({
    id: n.id,
    subject: n.subject,
    content: jsonb(n.content),
    code: n.code,
    sender_id: n.sender_id,
    create_time: rfc3339(n.create_time),
    persistent: n.persistent,
  });
}

function listNotifications(ctx: HandlerContext): Record<string, unknown> {
  const { state, query, caller } = ctx;
  const limit = query.int("limit") ?? 1;
  if (limit < 1 || limit > 100) fail(Code.INVALID_ARGUMENT, "Invalid limit - limit must be between 1 and 100.");
  const list = state.notifications.get(caller.userId) ?? [];
  let start = 0;
  const cursorText = query.string("cacheable_cursor");
  if (cursorText) {
    const cursor = decodeCursor("notifications", cursorText);
    if (!cursor || typeof cursor.id !== "string" || typeof cursor.t !== "number") {
      fail(Code.INVALID_ARGUMENT, "Malformed cursor was used.");
    }
    // Resume after the anchor; if it was deleted, after everything created up to its time.
    const index = list.findIndex((n) => n.id === cursor.id);
    start = index >= 0 ? index + 1 : list.filter((n) => n.create_time <= (cursor.t as number)).length;
  }
  const page = list.slice(start, start + limit);
  const last = page[page.length - 1];
  return omitZero({
    notifications: page.map(notificationJson),
    cacheable_cursor: last ? encodeCursor("notifications", { id: last.id, t: last.create_time }) : cursorText,
  });
}

function deleteNotifications(ctx: HandlerContext): Record<string, unknown> {
  const { state, query, caller } = ctx;
  const ids = query.all("ids");
  if (ids.some((id) => !isUuid(id))) fail(Code.INTERNAL, "Error while deleting notifications.");
  const wanted = new Set(ids.map((id) => id.toLowerCase()));
  const list = state.notifications.get(caller.userId);
  if (list) state.notifications.set(caller.userId, list.filter((n) => !wanted.has(n.id)));
  return {};
}

/**
 * The notification routes.
 * @example Mount
 * ```ts
 * new Router(notificationRoutes());
 * ```
 */
export function notificationRoutes(): Route[] {
  return [
    { method: "GET", path: "/v2/notification", auth: "bearer", handle: listNotifications },
    { method: "DELETE", path: "/v2/notification", auth: "bearer", handle: deleteNotifications },
  ];
}
