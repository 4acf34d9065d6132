/**
 * Console group routes over the game groups: list (filter by id or name, `%` patterns), get, update, delete, export,
 * members, add users, promote and demote.
 * @module
 */

import { consoleFail, type ConsoleRoute } from "./console_auth.ts";
import { consoleGroupJson, consoleUserJson } from "./console_wire.ts";
import { Code } from "./errors.ts";
import type { HandlerContext } from "./router.ts";
import { type FakeGroup, type FakeState, type GroupState, isUuid } from "./state.ts";

function group(ctx: HandlerContext, param = "id"): FakeGroup {
  const id = ctx.params[param];
  if (!isUuid(id)) consoleFail(Code.INVALID_ARGUMENT, "Requires a valid group ID.");
  const found = ctx.state.groups.get(id.toLowerCase());
  if (!found) consoleFail(Code.NOT_FOUND, "Group not found.");
  return found;
}

function members(state: FakeState, g: FakeGroup): Record<string, unknown>[] {
  return [...(state.groupUsers.get(g.id) ?? [])].flatMap(([userId, m]) => {
    const user = state.users.get(userId);
    return user ? [{ user: consoleUserJson(state, user), state: m.state }] : [];
  });
}

function rank(ctx: HandlerContext, step: -1 | 1): unknown {
  const g = group(ctx, "group_id");
  const userId = ctx.params.id.toLowerCase();
  const current = ctx.state.groupMembership(g.id, userId)?.state;
  if (current === undefined || current > 3) consoleFail(Code.NOT_FOUND, "Group member not found.");
  // Promote moves towards superadmin (0), demote towards member (2); a join request (3) is promoted to member.
  const next = Math.min(2, Math.max(0, current + step)) as GroupState;
  ctx.state.setGroupState(g.id, userId, next);
  return {};
}

/**
 * The console group routes.
 * @example Mount
 * ```ts
 * consoleGroupRoutes().map(mountConsoleRoute);
 * ```
 */
export function consoleGroupRoutes(): ConsoleRoute[] {
  return [
    {
      operation: "ListGroups",
      method: "GET",
      path: "/v2/console/group",
      handle(ctx) {
        const filter = ctx.query.string("filter") ?? "";
        const pattern = new RegExp(
          `^${filter.split("%").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`,
          "i",
        );
        const groups = [...ctx.state.groups.values()]
          .filter((g) => !filter || g.id === filter.toLowerCase() || pattern.test(g.name))
          .sort((a, b) => (a.name < b.name ? -1 : 1));
        return {
          groups: groups.map((g) => consoleGroupJson(ctx.state, g)),
          total_count: groups.length,
          next_cursor: "",
        };
      },
    },
    {
      operation: "GetGroup",
      method: "GET",
      path: "/v2/console/group/{id}",
      handle: (ctx) => consoleGroupJson(ctx.state, group(ctx)),
    },
    {
      operation: "DeleteGroup",
      method: "DELETE",
      path: "/v2/console/group/{id}",
      handle(ctx) {
        const g = group(ctx);
        ctx.state.groups.delete(g.id);
        ctx.state.groupUsers.delete(g.id);
        return {};
      },
    },
    {
      operation: "UpdateGroup",
      method: "POST",
      path: "/v2/console/group/{id}",
      body: {
        name: "StringValue",
        description: "StringValue",
        lang_tag: "StringValue",
        metadata: "StringValue",
        avatar_url: "StringValue",
        open: "BoolValue",
        max_count: "int32",
      },
      handle(ctx) {
        const g = group(ctx);
        for (const field of ["name", "description", "lang_tag", "metadata", "avatar_url"] as const) {
          if (typeof ctx.body[field] === "string") g[field] = ctx.body[field] as string;
        }
        if (typeof ctx.body.open === "boolean") g.open = ctx.body.open;
        if (typeof ctx.body.max_count === "number" && ctx.body.max_count > 0) g.max_count = ctx.body.max_count;
        g.update_time = ctx.state.now();
        return {};
      },
    },
    {
      operation: "ExportGroup",
      method: "GET",
      path: "/v2/console/group/{id}/export",
      handle(ctx) {
        const g = group(ctx);
        return { group: consoleGroupJson(ctx.state, g), members: members(ctx.state, g) };
      },
    },
    {
      operation: "GetMembers",
      method: "GET",
      path: "/v2/console/group/{id}/member",
      handle: (ctx) => ({ group_users: members(ctx.state, group(ctx)), cursor: "" }),
    },
    {
      operation: "AddGroupUsers",
      method: "POST",
      path: "/v2/console/group/{group_id}/add",
      body: { ids: "string", join_request: "bool" },
      handle(ctx) {
        const g = group(ctx, "group_id");
        const ids = ((ctx.body.ids as string | undefined) ?? "").split(",").filter((id) => id !== "");
        if (ids.length === 0) consoleFail(Code.INVALID_ARGUMENT, "No user IDs provided.");
        for (const id of ids) {
          if (!isUuid(id) || !ctx.state.users.has(id.toLowerCase())) {
            consoleFail(Code.INVALID_ARGUMENT, "Invalid user ID.");
          }
        }
        for (const id of ids) ctx.state.setGroupState(g.id, id.toLowerCase(), ctx.body.join_request ? 3 : 2);
        return {};
      },
    },
    {
      operation: "PromoteGroupMember",
      method: "POST",
      path: "/v2/console/group/{group_id}/account/{id}/promote",
      handle: (ctx) => rank(ctx, -1),
    },
    {
      operation: "DemoteGroupMember",
      method: "POST",
      path: "/v2/console/group/{group_id}/account/{id}/demote",
      handle: (ctx) => rank(ctx, 1),
    },
  ];
}
