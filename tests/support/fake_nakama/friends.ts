/**
 * Friend routes: add (invite or accept, with -2/-3 notifications), block, delete, list with state filter and
 * cursor, friends of friends (3.21+), and the Facebook/Steam imports.
 * @module
 */

import type { Schema } from "./body.ts";
import { Code, fail } from "./errors.ts";
import type { HandlerContext, Route } from "./router.ts";
import { SOCIAL_ACCOUNT_SCHEMAS, verifySocial } from "./social.ts";
import { type FakeState, type FakeUser, isUuid } from "./state.ts";
import { decodeCursor, encodeCursor, omitZero, rfc3339, userJson } from "./wire.ts";

/** Resolves `ids` and `usernames` query values to users, validating ids and refusing self. */
function targets(ctx: HandlerContext, selfMessage: string): FakeUser[] {
  const { state, query, caller } = ctx;
  const out = new Map<string, FakeUser>();
  for (const id of query.all("ids")) {
    if (!isUuid(id)) fail(Code.INVALID_ARGUMENT, `Invalid user ID '${id}'.`);
    if (id.toLowerCase() === caller.userId) fail(Code.INVALID_ARGUMENT, selfMessage);
    const user = state.users.get(id.toLowerCase());
    if (user) out.set(user.id, user);
  }
  for (const name of query.all("usernames")) {
    if (!name) fail(Code.INVALID_ARGUMENT, "Username must not be empty.");
    if (name.toLowerCase() === caller.username.toLowerCase() || name === caller.user.username) {
      fail(Code.INVALID_ARGUMENT, selfMessage);
    }
    const user = state.userByUsername(name);
    if (user) out.set(user.id, user);
  }
  return [...out.values()];
}

/**
 * Sends a friend request from `from` to `to`, or accepts one pending from `to`; notifies like the server.
 * @example Make two users friends
 * ```ts
 * addFriend(state, alice, bob);
 * addFriend(state, bob, alice);
 * ```
 */
export function addFriend(state: FakeState, from: FakeUser, to: FakeUser, metadata?: string): void {
  const theirs = state.friendEdge(to.id, from.id);
  const mine = state.friendEdge(from.id, to.id);
  if (theirs?.state === 3 || mine?.state === 3 || mine?.state === 0 || mine?.state === 1) return;
  if (theirs?.state === 1) {
    state.setFriendEdge(from.id, to.id, 0, metadata);
    state.setFriendEdge(to.id, from.id, 0);
    state.notify(to.id, {
      subject: `${from.username} accepted your friend request`,
      content: JSON.stringify({ username: from.username }),
      code: -3,
      sender_id: from.id,
      persistent: true,
    });
    return;
  }
  state.setFriendEdge(from.id, to.id, 1, metadata);
  state.setFriendEdge(to.id, from.id, 2);
  state.notify(to.id, {
    subject: `${from.username} wants to add you as a friend`,
    content: JSON.stringify({ username: from.username }),
    code: -2,
    sender_id: from.id,
    persistent: true,
  });
}

function listFriends(ctx: HandlerContext): Record<string, unknown> {
  const { state, query, caller } = ctx;
  const limit = query.int("limit") ?? 1000;
  if (limit < 1 || limit > 1000) fail(Code.INVALID_ARGUMENT, "Invalid limit - limit must be between 1 and 1000.");
  const wanted = query.int("state");
  if (wanted !== undefined && (wanted < 0 || wanted > 3)) {
    fail(Code.INVALID_ARGUMENT, "Invalid state - state must be between 0 and 3.");
  }
  let offset = 0;
  const cursorText = query.string("cursor");
  if (cursorText) {
    const cursor = decodeCursor("friends", cursorText);
    if (!cursor || typeof cursor.o !== "number") fail(Code.INVALID_ARGUMENT, "Cursor is invalid.");
    offset = cursor.o;
  }
  const edges = [...(state.friends.get(caller.userId) ?? new Map()).entries()]
    .filter(([id, edge]) => state.users.has(id) && (wanted === undefined || edge.state === wanted))
    .sort(([, a], [, b]) => a.state - b.state || a.position - b.position);
  const page = edges.slice(offset, offset + limit);
  const friends = page.map(([id, edge]) =>
    omitZero({
      user: userJson(state, state.users.get(id)!),
      state: edge.state,
      update_time: rfc3339(edge.update_time),
      metadata: edge.metadata,
    }, ["state"])
  );
  const more = offset + limit < edges.length;
  return omitZero({ friends, cursor: more ? encodeCursor("friends", { o: offset + limit }) : undefined });
}

function listFriendsOfFriends(ctx: HandlerContext): Record<string, unknown> {
  const { state, query, caller } = ctx;
  const limit = query.int("limit") ?? 10;
  if (limit < 1 || limit > 100) fail(Code.INVALID_ARGUMENT, "Invalid limit - limit must be between 1 and 100.");
  let offset = 0;
  const cursorText = query.string("cursor");
  if (cursorText) {
    const cursor = decodeCursor("fof", cursorText);
    if (!cursor || typeof cursor.o !== "number") fail(Code.INVALID_ARGUMENT, "Cursor is invalid.");
    offset = cursor.o;
  }
  const mine = state.friends.get(caller.userId) ?? new Map();
  const entries: { referrer: string; user: FakeUser }[] = [];
  const seen = new Set<string>();
  for (const [friendId, edge] of [...mine.entries()].sort(([, a], [, b]) => a.position - b.position)) {
    if (edge.state !== 0) continue;
    for (const [otherId, other] of [...(state.friends.get(friendId) ?? new Map()).entries()]) {
      if (other.state !== 0 || otherId === caller.userId || mine.has(otherId) || seen.has(otherId)) continue;
      const user = state.users.get(otherId);
      if (!user) continue;
      seen.add(otherId);
      entries.push({ referrer: friendId, user });
    }
  }
  const page = entries.slice(offset, offset + limit);
  const more = offset + limit < entries.length;
  return omitZero({
    friends_of_friends: page.map((e) => ({ referrer: e.referrer, user: userJson(state, e.user) })),
    cursor: more ? encodeCursor("fof", { o: offset + limit }) : undefined,
  });
}

async function importFriends(ctx: HandlerContext, provider: "facebook" | "steam"): Promise<Record<string, unknown>> {
  const { state, caller, query } = ctx;
  await verifySocial(state, provider, ctx.body, "import");
  if (query.bool("reset")) {
    for (const [id, edge] of [...(state.friends.get(caller.userId) ?? new Map())]) {
      if (edge.state !== 3) {
        state.removeFriendEdge(caller.userId, id);
        state.removeFriendEdge(id, caller.userId);
      }
    }
  }
  const ids = state.socialFriends ? await state.socialFriends(provider, ctx.body) : [];
  for (const providerId of ids) {
    const friend = state.userByIdentity(provider, providerId);
    if (!friend || friend.id === caller.userId) continue;
    if (state.friendEdge(friend.id, caller.userId)?.state === 3) continue;
    state.setFriendEdge(caller.userId, friend.id, 0);
    state.setFriendEdge(friend.id, caller.userId, 0);
  }
  return {};
}

/**
 * The friend routes.
 * @example Mount
 * ```ts
 * new Router(friendRoutes());
 * ```
 */
export function friendRoutes(): Route[] {
  return [
    {
      method: "POST",
      path: "/v2/friend",
      auth: "bearer",
      handle(ctx) {
        const metadata = ctx.query.string("metadata") || undefined;
        for (const user of targets(ctx, "Cannot add self as friend.")) {
          addFriend(ctx.state, ctx.caller.user, user, metadata);
        }
        return {};
      },
    },
    {
      method: "POST",
      path: "/v2/friend/block",
      auth: "bearer",
      handle(ctx) {
        for (const user of targets(ctx, "Cannot block self.")) {
          ctx.state.setFriendEdge(ctx.caller.userId, user.id, 3);
          if (ctx.state.friendEdge(user.id, ctx.caller.userId)?.state !== 3) {
            ctx.state.removeFriendEdge(user.id, ctx.caller.userId);
          }
        }
        return {};
      },
    },
    {
      method: "DELETE",
      path: "/v2/friend",
      auth: "bearer",
      handle(ctx) {
        for (const user of targets(ctx, "Cannot delete self.")) {
          ctx.state.removeFriendEdge(ctx.caller.userId, user.id);
          if (ctx.state.friendEdge(user.id, ctx.caller.userId)?.state !== 3) {
            ctx.state.removeFriendEdge(user.id, ctx.caller.userId);
          }
        }
        return {};
      },
    },
    { method: "GET", path: "/v2/friend", auth: "bearer", handle: listFriends },
    { method: "GET", path: "/v2/friend/friends", auth: "bearer", handle: listFriendsOfFriends },
    {
      method: "POST",
      path: "/v2/friend/facebook",
      auth: "bearer",
      body: SOCIAL_ACCOUNT_SCHEMAS.facebook as unknown as Schema,
      handle: (ctx) => importFriends(ctx, "facebook"),
    },
    {
      method: "POST",
      path: "/v2/friend/steam",
      auth: "bearer",
      body: SOCIAL_ACCOUNT_SCHEMAS.steam as unknown as Schema,
      handle: (ctx) => importFriends(ctx, "steam"),
    },
  ];
}
