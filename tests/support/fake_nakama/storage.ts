/**
 * Storage routes: write (versions are the MD5 of the value; `"*"` = if-none-match, any other version = if-match;
 * batches are all-or-nothing), read, list with cursor, delete. Permissions: read 0 owner-hidden/1 owner/2 public,
 * write 0 server-only/1 owner. Values are JSON objects, read back re-serialised like jsonb.
 * @module
 */

import { Code, fail } from "./errors.ts";
import { isJsonObjectText, jsonb } from "./jsonb.ts";
import type { HandlerContext, Route } from "./router.ts";
import { isUuid, storageKey, type StorageObject, SYSTEM_USER_ID } from "./state.ts";
import { decodeCursor, encodeCursor, omitZero, rfc3339, rfc3339Micro } from "./wire.ts";

const WRITE_REJECTED = "Storage write rejected - version check failed.";
const DELETE_REJECTED = "Storage delete rejected - not found, version check failed, or permission denied.";
const BAD_USER = "Invalid user ID - make sure user ID is a valid UUID.";

/**
 * A stored object in `api.StorageObject` shape (whole-second times, value re-serialised).
 * @example Format
 * ```ts
 * storageObjectJson(object);
 * ```
 */
export function storageObjectJson(object: StorageObject): Record<string, unknown> {
  return omitZero({
    collection: object.collection,
    key: object.key,
    user_id: object.user_id,
    value: jsonb(object.value),
    version: object.version,
    permission_read: object.permission_read,
    permission_write: object.permission_write,
    create_time: rfc3339(object.create_time_us / 1000),
    update_time: rfc3339(object.update_time_us / 1000),
  });
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareIndexed(a: StorageObject, b: StorageObject): number {
  return compareText(a.collection, b.collection) || a.permission_read - b.permission_read ||
    compareText(a.key, b.key) || compareText(a.user_id, b.user_id);
}

function canRead(object: StorageObject, callerId: string): boolean {
  return object.permission_read === 2 || (object.permission_read === 1 && object.user_id === callerId);
}

interface WriteInput {
  collection?: string;
  key?: string;
  value?: string;
  version?: string;
  permission_read?: number;
  permission_write?: number;
}

function writeObjects(ctx: HandlerContext): Record<string, unknown> {
  const { state, caller } = ctx;
  const objects = (ctx.body.objects as WriteInput[] | undefined) ?? [];
  if (objects.length === 0) return {};
  // Validate everything first: a batch is all-or-nothing.
  for (const o of objects) {
    if (!o.collection || !o.key) {
      fail(Code.INVALID_ARGUMENT, "Invalid collection or key value supplied. They must be set.");
    }
    if (!isJsonObjectText(o.value ?? "")) fail(Code.INVALID_ARGUMENT, "Value must be a JSON object.");
    const read = o.permission_read ?? 1;
    const write = o.permission_write ?? 1;
    if (read < 0 || read > 2) {
      fail(Code.INVALID_ARGUMENT, "Invalid Read permission supplied. It must be either 0, 1 or 2.");
    }
    if (write < 0 || write > 1) {
      fail(Code.INVALID_ARGUMENT, "Invalid Write permission supplied. It must be either 0 or 1.");
    }
  }
  for (const o of objects) {
    const existing = state.getStorageObject(o.collection!, o.key!, caller.userId);
    const version = o.version ?? "";
    if (version === "*" && existing) fail(Code.INVALID_ARGUMENT, WRITE_REJECTED);
    if (version && version !== "*" && existing?.version !== version) fail(Code.INVALID_ARGUMENT, WRITE_REJECTED);
    if (existing && existing.permission_write === 0) {
      fail(Code.INVALID_ARGUMENT, "Storage write rejected - permission denied.");
    }
  }
  const acks = objects.map((o) => {
    const stored = state.putStorageObject({
      collection: o.collection!,
      key: o.key!,
      user_id: caller.userId,
      value: o.value!,
      permission_read: o.permission_read ?? 1,
      permission_write: o.permission_write ?? 1,
    });
    return {
      collection: stored.collection,
      key: stored.key,
      version: stored.version,
      user_id: stored.user_id,
      create_time: rfc3339Micro(stored.create_time_us),
      update_time: rfc3339Micro(stored.update_time_us),
    };
  });
  return { acks };
}

function readObjects(ctx: HandlerContext): Record<string, unknown> {
  const { state, caller } = ctx;
  const ids = (ctx.body.object_ids as { collection?: string; key?: string; user_id?: string }[] | undefined) ?? [];
  for (const id of ids) {
    if (!id.collection || !id.key) {
      fail(Code.INVALID_ARGUMENT, "Invalid collection or key value supplied. They must be set.");
    }
    if (id.user_id && !isUuid(id.user_id)) fail(Code.INVALID_ARGUMENT, BAD_USER);
  }
  const found = new Map<string, StorageObject>();
  for (const id of ids) {
    const owner = id.user_id ? id.user_id.toLowerCase() : SYSTEM_USER_ID;
    const object = state.getStorageObject(id.collection!, id.key!, owner);
    if (object && canRead(object, caller.userId)) found.set(storageKey(object.collection, object.key, owner), object);
  }
  // Not in request order: the server's result comes out of its (collection, read, key, user_id) index.
  const objects = [...found.values()].sort(compareIndexed);
  return omitZero({ objects: objects.map(storageObjectJson) });
}

function listObjects(ctx: HandlerContext): Record<string, unknown> {
  const { state, caller, query } = ctx;
  const collection = ctx.params.collection;
  const userId = ctx.params.user_id ?? query.string("user_id") ?? "";
  if (userId && !isUuid(userId)) fail(Code.INVALID_ARGUMENT, BAD_USER);
  const limit = query.int("limit") ?? 1;
  if (limit < 1 || limit > 100) fail(Code.INVALID_ARGUMENT, "Invalid limit - limit must be between 1 and 100.");
  let offset = 0;
  const cursorText = query.string("cursor");
  if (cursorText) {
    const cursor = decodeCursor("storage", cursorText);
    if (!cursor || typeof cursor.o !== "number") fail(Code.INVALID_ARGUMENT, "Malformed cursor was used.");
    offset = cursor.o;
  }
  const owner = userId.toLowerCase();
  const all = [...state.storage.values()]
    .filter((o) =>
      o.collection === collection && (!owner || o.user_id === owner) &&
      (owner === caller.userId && o.user_id === caller.userId ? o.permission_read >= 1 : o.permission_read === 2)
    )
    // The server walks its (collection, read, key, user_id) index: private objects first, then by key.
    .sort(compareIndexed);
  const page = all.slice(offset, offset + limit);
  const more = offset + limit < all.length;
  return omitZero({
    objects: page.map(storageObjectJson),
    cursor: more ? encodeCursor("storage", { o: offset + limit }) : undefined,
  });
}

function deleteObjects(ctx: HandlerContext): Record<string, unknown> {
  const { state, caller } = ctx;
  const ids = (ctx.body.object_ids as { collection?: string; key?: string; version?: string }[] | undefined) ?? [];
  for (const id of ids) {
    if (!id.collection || !id.key) {
      fail(Code.INVALID_ARGUMENT, "Invalid collection or key value supplied. They must be set.");
    }
    const object = state.getStorageObject(id.collection, id.key, caller.userId);
    if (!object || object.permission_write === 0 || (id.version && id.version !== object.version)) {
      fail(Code.INVALID_ARGUMENT, DELETE_REJECTED);
    }
  }
  for (const id of ids) state.storage.delete(storageKey(id.collection!, id.key!, caller.userId));
  return {};
}

/**
 * The storage routes.
 * @example Mount
 * ```ts
 * new Router(storageRoutes());
 * ```
 */
export function storageRoutes(): Route[] {
  return [
    {
      method: "PUT",
      path: "/v2/storage",
      auth: "bearer",
      body: {
        objects: {
          repeated: {
            message: {
              collection: "string",
              key: "string",
              value: "string",
              version: "string",
              permission_read: "Int32Value",
              permission_write: "Int32Value",
            },
          },
        },
      },
      handle: writeObjects,
    },
    {
      method: "POST",
      path: "/v2/storage",
      auth: "bearer",
      body: {
        object_ids: { repeated: { message: { collection: "string", key: "string", user_id: "string" } } },
      },
      handle: readObjects,
    },
    {
      method: "PUT",
      path: "/v2/storage/delete",
      auth: "bearer",
      body: {
        object_ids: { repeated: { message: { collection: "string", key: "string", version: "string" } } },
      },
      handle: deleteObjects,
    },
    { method: "GET", path: "/v2/storage/{collection}", auth: "bearer", handle: listObjects },
    { method: "GET", path: "/v2/storage/{collection}/{user_id}", auth: "bearer", handle: listObjects },
  ];
}
