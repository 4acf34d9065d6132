/**
 * Console storage routes over the game storage: list (by owner, collection and key, without values as on 3.28+),
 * collections, get, write (version check, `"*"` = only if absent), delete (version in the query or the path) and
 * delete-all. The collection list is answered live, where the real server answers from a cache.
 * @module
 */

import { type ConsoleContext, consoleFail, type ConsoleRoute } from "./console_auth.ts";
import { consoleStorageJson } from "./console_wire.ts";
import { Code } from "./errors.ts";
import { isJsonObjectText } from "./jsonb.ts";
import type { HandlerContext } from "./router.ts";
import { isUuid, type StorageObject } from "./state.ts";
import { decodeCursor, encodeCursor, rfc3339Micro } from "./wire.ts";

const PAGE_SIZE = 100;

function compare(a: StorageObject, b: StorageObject): number {
  const ka = `${a.collection}\u0000${a.key}\u0000${a.user_id}`;
  const kb = `${b.collection}\u0000${b.key}\u0000${b.user_id}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function userIdParam(ctx: HandlerContext): string {
  const id = ctx.params.user_id;
  if (!isUuid(id)) consoleFail(Code.INVALID_ARGUMENT, "Requires a valid user ID.");
  return id.toLowerCase();
}

function listStorage(ctx: HandlerContext): unknown {
  const { state, query } = ctx;
  const userId = query.string("user_id") ?? "";
  const collection = query.string("collection") ?? "";
  const key = query.string("key") ?? "";
  if (userId && !isUuid(userId)) consoleFail(Code.INVALID_ARGUMENT, "Requires a valid user ID when provided.");
  if (key && !collection) consoleFail(Code.INVALID_ARGUMENT, "Key requires a collection to be set.");
  const objects = [...state.storage.values()]
    .filter((o) =>
      (!userId || o.user_id === userId.toLowerCase()) && (!collection || o.collection === collection) &&
      (!key || o.key === key)
    )
    .sort(compare);
  let offset = 0;
  const cursorText = query.string("cursor");
  if (cursorText) {
    const cursor = decodeCursor("console-storage", cursorText);
    if (!cursor || typeof cursor.o !== "number") consoleFail(Code.INVALID_ARGUMENT, "Error decoding cursor.");
    offset = cursor.o;
  }
  const more = offset + PAGE_SIZE < objects.length;
  return {
    objects: objects.slice(offset, offset + PAGE_SIZE).map((o) => consoleStorageJson(o, false)),
    total_count: objects.length,
    next_cursor: more ? encodeCursor("console-storage", { o: offset + PAGE_SIZE }) : "",
  };
}

function deleteObject(ctx: HandlerContext, version: string | undefined): unknown {
  const userId = userIdParam(ctx);
  const object = ctx.state.getStorageObject(ctx.params.collection, ctx.params.key, userId);
  if (!object) consoleFail(Code.NOT_FOUND, "Storage object not found.");
  if (version && version !== object.version) {
    consoleFail(Code.INVALID_ARGUMENT, "Storage delete rejected - version check failed.");
  }
  ctx.state.storage.delete(`${object.collection}\u0000${object.key}\u0000${object.user_id}`);
  return {};
}

/**
 * The console storage routes.
 * @example Mount
 * ```ts
 * consoleStorageRoutes().map(mountConsoleRoute);
 * ```
 */
export function consoleStorageRoutes(): ConsoleRoute[] {
  const item = "/v2/console/storage/{collection}/{key}/{user_id}";
  return [
    { operation: "ListStorage", method: "GET", path: "/v2/console/storage", handle: listStorage },
    {
      operation: "DeleteStorage",
      method: "DELETE",
      path: "/v2/console/storage",
      handle(ctx) {
        ctx.state.storage.clear();
        return {};
      },
    },
    {
      operation: "ListStorageCollections",
      method: "GET",
      path: "/v2/console/storage/collections",
      handle: (ctx) => ({ collections: [...new Set([...ctx.state.storage.values()].map((o) => o.collection))].sort() }),
    },
    {
      operation: "GetStorage",
      method: "GET",
      path: item,
      handle(ctx) {
        const object = ctx.state.getStorageObject(ctx.params.collection, ctx.params.key, userIdParam(ctx));
        if (!object) consoleFail(Code.NOT_FOUND, "Storage not found.");
        return consoleStorageJson(object, true);
      },
    },
    {
      operation: "WriteStorageObject",
      method: "PUT",
      path: item,
      body: { value: "string", version: "string", permission_read: "Int32Value", permission_write: "Int32Value" },
      handle(ctx: HandlerContext, _console: ConsoleContext) {
        const { state, params, body } = ctx;
        const userId = userIdParam(ctx);
        const value = (body.value as string | undefined) ?? "";
        if (!isJsonObjectText(value)) consoleFail(Code.INVALID_ARGUMENT, "Value must be a JSON object.");
        const existing = state.getStorageObject(params.collection, params.key, userId);
        const version = (body.version as string | undefined) ?? "";
        if ((version === "*" && existing) || (version && version !== "*" && version !== existing?.version)) {
          consoleFail(Code.INVALID_ARGUMENT, "Storage write rejected - version check failed.");
        }
        const read = (body.permission_read as number | undefined) ?? 1;
        const write = (body.permission_write as number | undefined) ?? 1;
        if (read < 0 || read > 2 || write < 0 || write > 1) consoleFail(Code.INVALID_ARGUMENT, "Invalid permissions.");
        const stored = state.putStorageObject({
          collection: params.collection,
          key: params.key,
          user_id: userId,
          value,
          permission_read: read,
          permission_write: write,
        });
        return {
          collection: stored.collection,
          key: stored.key,
          version: stored.version,
          user_id: stored.user_id,
          create_time: rfc3339Micro(stored.create_time_us),
          update_time: rfc3339Micro(stored.update_time_us),
        };
      },
    },
    {
      operation: "DeleteStorageObject",
      method: "DELETE",
      path: item,
      handle: (ctx) => deleteObject(ctx, ctx.query.string("version")),
    },
    {
      operation: "DeleteStorageObject2",
      method: "DELETE",
      path: `${item}/{version}`,
      handle: (ctx) => deleteObject(ctx, ctx.params.version),
    },
  ];
}
