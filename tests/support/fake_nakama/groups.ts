/**
 * Group routes: create, update, delete, join (open: member; closed: join request with a -5 notification to the
 * admins), leave, add, kick, ban, promote, demote, and the listings. Membership changes post the group system
 * messages (codes 3-9) to the group channel, as the server does.
 * @module
 */

import { Code, fail } from "./errors.ts";
import type { HandlerContext, Route } from "./router.ts";
import { type FakeGroup, type FakeState, type GroupState, isUuid } from "./state.ts";
import { decodeCursor, encodeCursor, groupJson, omitZero, userJson } from "./wire.ts";

const NOT_ALLOWED = "Group not found or permission denied.";

/** Group system message codes (chat `code`). */
const MSG = { join: 3, add: 4, leave: 5, kick: 6, promote: 7, ban: 8, demote: 9 } as const;

function systemMessage(state: FakeState, groupId: string, userId: string, code: number): void {
  state.appendChannelMessage({ channel_id: `3.${groupId}..`, sender_id: userId, content: "{}", code });
}

function groupIdParam(ctx: HandlerContext): string {
  const id = ctx.params.group_id;
  if (!isUuid(id)) fail(Code.INVALID_ARGUMENT, "Group ID must be a valid ID.");
  return id.toLowerCase();
}

function userIdsParam(ctx: HandlerContext): string[] {
  const ids = ctx.query.all("user_ids");
  for (const id of ids) if (!isUuid(id)) fail(Code.INVALID_ARGUMENT, "User ID must be a valid ID.");
  return ids.map((id) => id.toLowerCase());
}

/** The caller's admin rank in a group (0 superadmin, 1 admin), or fails with the permission message. */
function requireAdmin(ctx: HandlerContext, groupId: string): GroupState {
  const state = ctx.state.groupMembership(groupId, ctx.caller.userId)?.state;
  if (!ctx.state.groups.has(groupId) || state === undefined || state > 1) fail(Code.NOT_FOUND, NOT_ALLOWED);
  return state;
}

function superadminCount(state: FakeState, groupId: string): number {
  let n = 0;
  for (const m of state.groupUsers.get(groupId)?.values() ?? []) if (m.state === 0) n++;
  return n;
}

function createGroup(ctx: HandlerContext): Record<string, unknown> {
  const { state, body, caller } = ctx;
  const name = (body.name as string | undefined) ?? "";
  if (!name) fail(Code.INVALID_ARGUMENT, "Group name must be set.");
  const maxCount = (body.max_count as number | undefined) ?? 0;
  if (maxCount < 0) fail(Code.INVALID_ARGUMENT, "Group max count must be >= 1 when set.");
  for (const g of state.groups.values()) {
    if (g.name.toLowerCase() === name.toLowerCase()) fail(Code.ALREADY_EXISTS, "Group name is in use.");
  }
  const group = state.createGroup({
    name,
    creator_id: caller.userId,
    description: (body.description as string | undefined) ?? "",
    lang_tag: (body.lang_tag as string | undefined) || "en",
    avatar_url: (body.avatar_url as string | undefined) ?? "",
    open: (body.open as boolean | undefined) ?? false,
    max_count: maxCount || 100,
  });
  return groupJson(state, group);
}

function updateGroup(ctx: HandlerContext): Record<string, unknown> {
  const { state, body } = ctx;
  const groupId = groupIdParam(ctx);
  const group = state.groups.get(groupId);
  const rank = state.groupMembership(groupId, ctx.caller.userId)?.state;
  if (!group || rank === undefined || rank > 1) {
    fail(Code.NOT_FOUND, "Group not found or you're not allowed to update.");
  }
  const name = body.name as string | undefined;
  if (name !== undefined) {
    if (name === "") fail(Code.INVALID_ARGUMENT, "Group name cannot be empty.");
    for (const g of state.groups.values()) {
      if (g.id !== groupId && g.name.toLowerCase() === name.toLowerCase()) {
        fail(Code.INVALID_ARGUMENT, "Group name is in use.");
      }
    }
    group.name = name;
  }
  for (const field of ["description", "avatar_url", "lang_tag"] as const) {
    if (body[field] !== undefined) group[field] = body[field] as string;
  }
  if (body.open !== undefined) group.open = body.open as boolean;
  if (body.max_count !== undefined && (body.max_count as number) > 0) group.max_count = body.max_count as number;
  group.update_time = state.now();
  return {};
}

function joinGroup(ctx: HandlerContext): Record<string, unknown> {
  const { state, caller } = ctx;
  const groupId = groupIdParam(ctx);
  const group = state.groups.get(groupId);
  if (!group) fail(Code.NOT_FOUND, "Group not found.");
  const existing = state.groupMembership(groupId, caller.userId);
  if (existing) return {};
  if (state.groupEdgeCount(groupId) >= group.max_count) fail(Code.INVALID_ARGUMENT, "Group is full.");
  if (group.open) {
    state.setGroupState(groupId, caller.userId, 2);
    systemMessage(state, groupId, caller.userId, MSG.join);
    return {};
  }
  state.setGroupState(groupId, caller.userId, 3);
  for (const [userId, m] of state.groupUsers.get(groupId) ?? []) {
    if (m.state > 1) continue;
    state.notify(userId, {
      subject: `User ${caller.user.username} wants to join your group`,
      content: JSON.stringify({ group_id: groupId, username: caller.user.username }),
      code: -5,
      sender_id: caller.userId,
      persistent: true,
    });
  }
  return {};
}

function leaveGroup(ctx: HandlerContext): Record<string, unknown> {
  const { state, caller } = ctx;
  const groupId = groupIdParam(ctx);
  const m = state.groupMembership(groupId, caller.userId);
  if (!m || m.state > 2) return {};
  if (m.state === 0 && superadminCount(state, groupId) <= 1) {
    fail(Code.INVALID_ARGUMENT, "Cannot leave group when you are the last superadmin.");
  }
  state.removeGroupUser(groupId, caller.userId);
  systemMessage(state, groupId, caller.userId, MSG.leave);
  return {};
}

function addUsers(ctx: HandlerContext): Record<string, unknown> {
  const { state, caller } = ctx;
  const groupId = groupIdParam(ctx);
  const ids = userIdsParam(ctx);
  if (ids.length === 0) return {};
  requireAdmin(ctx, groupId);
  const group = state.groups.get(groupId)!;
  for (const id of ids) if (!state.users.has(id)) fail(Code.INVALID_ARGUMENT, "One or more users not found.");
  for (const id of ids) {
    const m = state.groupMembership(groupId, id);
    if (m && m.state <= 2) continue;
    if (m?.state === 4) continue;
    if (state.groupEdgeCount(groupId) >= group.max_count) fail(Code.INVALID_ARGUMENT, "Group is full.");
    state.setGroupState(groupId, id, 2);
    systemMessage(state, groupId, id, MSG.add);
    state.notify(id, {
      subject: `You've been added to group ${group.name}`,
      content: JSON.stringify({ name: group.name }),
      code: -4,
      sender_id: caller.userId,
      persistent: true,
    });
  }
  return {};
}

function kickUsers(ctx: HandlerContext): Record<string, unknown> {
  const { state } = ctx;
  const groupId = groupIdParam(ctx);
  const ids = userIdsParam(ctx);
  const rank = requireAdmin(ctx, groupId);
  for (const id of ids) {
    const m = state.groupMembership(groupId, id);
    if (!m || id === ctx.caller.userId || m.state === 4) continue;
    if (m.state < rank || (m.state === 0 && rank !== 0)) continue;
    state.removeGroupUser(groupId, id);
    if (m.state <= 2) systemMessage(state, groupId, id, MSG.kick);
  }
  return {};
}

function banUsers(ctx: HandlerContext): Record<string, unknown> {
  const { state } = ctx;
  const groupId = groupIdParam(ctx);
  const ids = userIdsParam(ctx);
  const rank = requireAdmin(ctx, groupId);
  for (const id of ids) {
    const m = state.groupMembership(groupId, id);
    // Banning someone with no membership is accepted but changes nothing (3.18 records no ban for them).
    if (id === ctx.caller.userId || !m || m.state === 4) continue;
    if (m.state < rank || (m.state === 0 && rank !== 0)) continue;
    state.setGroupState(groupId, id, 4);
    if (m.state <= 2) systemMessage(state, groupId, id, MSG.ban);
  }
  return {};
}

function promoteUsers(ctx: HandlerContext): Record<string, unknown> {
  const { state } = ctx;
  const groupId = groupIdParam(ctx);
  const ids = userIdsParam(ctx);
  const rank = requireAdmin(ctx, groupId);
  for (const id of ids) {
    const m = state.groupMembership(groupId, id);
    if (!m || m.state === 0 || m.state === 4) continue;
    const next = (m.state - 1) as GroupState;
    if (next < rank) continue;
    state.setGroupState(groupId, id, next);
    systemMessage(state, groupId, id, MSG.promote);
  }
  return {};
}

function demoteUsers(ctx: HandlerContext): Record<string, unknown> {
  const { state } = ctx;
  const groupId = groupIdParam(ctx);
  const ids = userIdsParam(ctx);
  if (ids.length === 0) fail(Code.INVALID_ARGUMENT, "User IDs must be set.");
  const rank = requireAdmin(ctx, groupId);
  for (const id of ids) {
    const m = state.groupMembership(groupId, id);
    if (!m || m.state >= 2 || m.state < rank) continue;
    if (m.state === 0 && superadminCount(state, groupId) <= 1) continue;
    state.setGroupState(groupId, id, (m.state + 1) as GroupState);
    systemMessage(state, groupId, id, MSG.demote);
  }
  return {};
}

function deleteGroup(ctx: HandlerContext): Record<string, unknown> {
  const { state } = ctx;
  const groupId = groupIdParam(ctx);
  if (state.groupMembership(groupId, ctx.caller.userId)?.state !== 0 || !state.groups.has(groupId)) {
    fail(Code.INVALID_ARGUMENT, "Group not found or you're not allowed to delete.");
  }
  state.groups.delete(groupId);
  state.groupUsers.delete(groupId);
  state.channelMessages.delete(`3.${groupId}..`);
  return {};
}

function pageOffset(ctx: HandlerContext, kind: string, message: string): number {
  const text = ctx.query.string("cursor");
  if (!text) return 0;
  const cursor = decodeCursor(kind, text);
  if (!cursor || typeof cursor.o !== "number") fail(Code.INVALID_ARGUMENT, message);
  return cursor.o;
}

function limitParam(ctx: HandlerContext, fallback: number): number {
  const limit = ctx.query.int("limit") ?? fallback;
  if (limit < 1 || limit > 100) fail(Code.INVALID_ARGUMENT, "Invalid limit - limit must be between 1 and 100.");
  return limit;
}

function stateParam(ctx: HandlerContext): number | undefined {
  const wanted = ctx.query.int("state");
  if (wanted !== undefined && (wanted < 0 || wanted > 4)) {
    fail(Code.INVALID_ARGUMENT, "Invalid state - state must be between 0 and 4.");
  }
  return wanted;
}

function listGroups(ctx: HandlerContext): Record<string, unknown> {
  const { state, query } = ctx;
  const name = query.string("name") ?? "";
  const langTag = query.string("lang_tag") ?? "";
  const members = query.int("members");
  const open = query.bool("open");
  if (name && (langTag || members !== undefined || open !== undefined)) {
    fail(Code.INVALID_ARGUMENT, "name filter cannot be combined with any other filter");
  }
  const limit = limitParam(ctx, 1);
  const offset = pageOffset(ctx, "groups", "Cursor is invalid.");
  const matchName = (g: FakeGroup) => {
    const wanted = name.toLowerCase(), actual = g.name.toLowerCase();
    return wanted.endsWith("%") ? actual.startsWith(wanted.slice(0, -1)) : actual === wanted;
  };
  const all = [...state.groups.values()].filter((g) =>
    (!name || matchName(g)) &&
    (!langTag || g.lang_tag === langTag) &&
    (members === undefined || state.groupEdgeCount(g.id) <= members) &&
    (open === undefined || g.open === open)
  );
  const page = all.slice(offset, offset + limit);
  const more = offset + limit < all.length;
  return omitZero({
    groups: page.map((g) => groupJson(state, g)),
    cursor: more ? encodeCursor("groups", { o: offset + limit }) : undefined,
  });
}

function listGroupUsers(ctx: HandlerContext): Record<string, unknown> {
  const { state } = ctx;
  const groupId = groupIdParam(ctx);
  const limit = limitParam(ctx, 100);
  const wanted = stateParam(ctx);
  const offset = pageOffset(ctx, "group_users", "Cursor is invalid.");
  const entries = [...(state.groupUsers.get(groupId) ?? new Map()).entries()]
    .filter(([id, m]) => state.users.has(id) && (wanted === undefined ? m.state <= 3 : m.state === wanted))
    .sort(([, a], [, b]) => a.state - b.state || a.position - b.position);
  const page = entries.slice(offset, offset + limit);
  const more = offset + limit < entries.length;
  return omitZero({
    group_users: page.map(([id, m]) => ({
      user: userJson(state, state.users.get(id)!, { edgeCount: true }),
      state: m.state,
    })),
    cursor: more ? encodeCursor("group_users", { o: offset + limit }) : undefined,
  });
}

function listUserGroups(ctx: HandlerContext): Record<string, unknown> {
  const { state } = ctx;
  const userId = ctx.params.user_id;
  // The server reuses the group id message here (a captured quirk).
  if (!isUuid(userId)) fail(Code.INVALID_ARGUMENT, "Group ID must be a valid ID.");
  const limit = limitParam(ctx, 100);
  const wanted = stateParam(ctx);
  const offset = pageOffset(ctx, "user_groups", "Cursor is invalid.");
  const entries: { group: FakeGroup; state: number; position: number }[] = [];
  for (const [groupId, members] of state.groupUsers) {
    const m = members.get(userId.toLowerCase());
    const group = state.groups.get(groupId);
    if (!m || !group) continue;
    if (wanted === undefined ? m.state > 3 : m.state !== wanted) continue;
    entries.push({ group, state: m.state, position: m.position });
  }
  entries.sort((a, b) => a.state - b.state || a.position - b.position);
  const page = entries.slice(offset, offset + limit);
  const more = offset + limit < entries.length;
  return omitZero({
    user_groups: page.map((e) => ({ group: groupJson(state, e.group), state: e.state })),
    cursor: more ? encodeCursor("user_groups", { o: offset + limit }) : undefined,
  });
}

/**
 * The group routes.
 * @example Mount
 * ```ts
 * new Router(groupRoutes());
 * ```
 */
export function groupRoutes(): Route[] {
  const post = (suffix: string, handle: Route["handle"]): Route => ({
    method: "POST",
    path: `/v2/group/{group_id}/${suffix}`,
    auth: "bearer",
    handle,
  });
  return [
    {
      method: "POST",
      path: "/v2/group",
      auth: "bearer",
      body: {
        name: "string",
        description: "string",
        lang_tag: "string",
        avatar_url: "string",
        open: "bool",
        max_count: "int32",
      },
      handle: createGroup,
    },
    {
      method: "PUT",
      path: "/v2/group/{group_id}",
      auth: "bearer",
      body: {
        name: "StringValue",
        description: "StringValue",
        avatar_url: "StringValue",
        lang_tag: "StringValue",
        open: "BoolValue",
        max_count: "int32",
      },
      handle: updateGroup,
    },
    { method: "DELETE", path: "/v2/group/{group_id}", auth: "bearer", handle: deleteGroup },
    post("join", joinGroup),
    post("leave", leaveGroup),
    post("add", addUsers),
    post("kick", kickUsers),
    post("ban", banUsers),
    post("promote", promoteUsers),
    post("demote", demoteUsers),
    { method: "GET", path: "/v2/group", auth: "bearer", handle: listGroups },
    { method: "GET", path: "/v2/group/{group_id}/user", auth: "bearer", handle: listGroupUsers },
    { method: "GET", path: "/v2/user/{user_id}/group", auth: "bearer", handle: listUserGroups },
  ];
}
