/**
 * The inbox: `GET /v1/message` (pages with opaque cursors, oldest first when `forward`), `PUT /v1/message/{id}`
 * (read and consume times) and `DELETE /v1/message/{id}`.
 * @module
 */

import { badInput, notFound } from "./reply.ts";
import { type Context, objectBody, type Route } from "./router.ts";
import type { StoredMessage } from "./state.ts";

interface Cursor {
  offset: number;
  forward: boolean;
}

function encodeCursor(cursor: Cursor): string {
  return btoa(JSON.stringify(cursor)).replaceAll("=", "");
}

function decodeCursor(text: string): Cursor {
  try {
    const cursor = JSON.parse(atob(text));
    if (Number.isInteger(cursor.offset) && typeof cursor.forward === "boolean") return cursor;
  } catch { /* reported below */ }
  throw badInput("Invalid cursor.");
}

function list({ identity, url }: Context) {
  const query = url.searchParams;
  const limit = Number(query.get("limit") ?? "100");
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw badInput("limit must be between 1 and 100.");
  const forwardText = query.get("forward") ?? "true";
  if (forwardText !== "true" && forwardText !== "false") throw badInput("forward must be true or false.");
  const forward = forwardText === "true";
  const ids = query.getAll("message_ids");
  const cursorText = query.get("cursor");
  const offset = cursorText ? decodeCursor(cursorText).offset : 0;
  let messages: StoredMessage[] = identity!.messages.filter((message) => ids.length === 0 || ids.includes(message.id));
  if (!forward) messages = [...messages].reverse();
  const page = messages.slice(offset, offset + limit);
  const end = offset + page.length;
  return {
    messages: page,
    next_cursor: end < messages.length ? encodeCursor({ offset: end, forward }) : undefined,
    prev_cursor: offset > 0 ? encodeCursor({ offset: Math.max(0, offset - limit), forward }) : undefined,
    cacheable_cursor: forward ? encodeCursor({ offset: end, forward }) : undefined,
  };
}

function find(context: Context): StoredMessage {
  const message = context.identity!.messages.find((item) => item.id === context.params[0]);
  if (!message) throw notFound("Message not found.");
  return message;
}

function update(context: Context) {
  const message = find(context);
  const body = objectBody(context);
  for (const key of ["read_time", "consume_time"] as const) {
    const value = body[key];
    if (value === undefined) continue;
    if (typeof value !== "string" || !/^\d+$/.test(value)) throw badInput(`${key} must be Unix seconds.`);
    message[key] = value;
  }
  message.update_time = String(context.state.nowSec());
  return {};
}

function remove(context: Context) {
  const message = find(context);
  const messages = context.identity!.messages;
  messages.splice(messages.indexOf(message), 1);
  return {};
}

/** The routes of this file. */
export const messageRoutes: Route[] = [
  { method: "GET", pattern: /^\/v1\/message$/, auth: "bearer", handle: list },
  { method: "PUT", pattern: /^\/v1\/message\/([^/]+)$/, auth: "bearer", handle: update },
  { method: "DELETE", pattern: /^\/v1\/message\/([^/]+)$/, auth: "bearer", handle: remove },
];
