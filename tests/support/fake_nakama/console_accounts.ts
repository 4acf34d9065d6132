/**
 * Console account routes over the game state: list (filter by id or username, `%` patterns, tombstones), get,
 * update, delete (with tombstone), ban and unban, unlink, export and import, friends, groups, notes and the wallet
 * ledger.
 * @module
 */

import { type ConsoleContext, consoleFail, type ConsoleRoute } from "./console_auth.ts";
import type { FakeAccountNote, FakeLedgerItem } from "./console_state.ts";
import {
  consoleAccountJson,
  consoleGameAccountJson,
  consoleGroupJson,
  consoleMessageJson,
  consoleNotificationJson,
  consoleRecordJson,
  consoleStorageJson,
  consoleUserJson,
  timeOrNull,
} from "./console_wire.ts";
import { Code } from "./errors.ts";
import { isJsonObjectText } from "./jsonb.ts";
import { rankedRecords } from "./ranking.ts";
import type { HandlerContext } from "./router.ts";
import { type FakeState, type FakeUser, identityOf, isUuid, SYSTEM_USER_ID } from "./state.ts";
import { decodeCursor, encodeCursor } from "./wire.ts";

const PAGE_SIZE = 100;

/** The account of the `{id}` (or `{account_id}`) path parameter, or the console's 400/404. */
function account(ctx: HandlerContext, param = "id"): FakeUser {
  const id = ctx.params[param];
  if (!isUuid(id)) consoleFail(Code.INVALID_ARGUMENT, "Invalid user ID was provided.");
  const user = ctx.state.users.get(id.toLowerCase());
  if (!user) consoleFail(Code.NOT_FOUND, "Account not found.");
  return user;
}

/** A username pattern: `%` matches any text; without one, the name must match exactly (case-insensitively). */
function matcher(filter: string): (name: string) => boolean {
  const source = filter.split("%").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*");
  const pattern = new RegExp(`^${source}$`, "i");
  return (name) => pattern.test(name);
}

function listAccounts(ctx: HandlerContext, { console: cs }: ConsoleContext): unknown {
  const { state, query } = ctx;
  const filter = query.string("filter") ?? "";
  const cursorText = query.string("cursor");
  let offset = 0;
  if (cursorText) {
    const cursor = decodeCursor("console-accounts", cursorText);
    if (!cursor || typeof cursor.o !== "number") consoleFail(Code.INVALID_ARGUMENT, "Error decoding cursor.");
    offset = cursor.o;
  }
  if (query.bool("tombstones")) {
    const users = [...cs.tombstones].map(([id, at]) => ({ id, create_time: timeOrNull(at) }));
    return { users, total_count: users.length, next_cursor: "" };
  }
  let users = [...state.users.values()].filter((u) => u.id !== SYSTEM_USER_ID);
  if (filter !== "") {
    const matches = matcher(filter);
    users = users.filter((u) => u.id === filter.toLowerCase() || matches(u.username));
  }
  users.sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
  const page = users.slice(offset, offset + PAGE_SIZE);
  const more = offset + PAGE_SIZE < users.length;
  return {
    users: page.map((u) => consoleUserJson(state, u)),
    total_count: users.length,
    next_cursor: more ? encodeCursor("console-accounts", { o: offset + PAGE_SIZE }) : "",
  };
}

function updateAccount(ctx: HandlerContext): unknown {
  const { state, body } = ctx;
  const user = account(ctx);
  const username = body.username as string | undefined;
  if (username !== undefined) {
    if (username === "") consoleFail(Code.INVALID_ARGUMENT, "Username cannot be empty.");
    const other = state.userByUsername(username);
    if (other && other.id !== user.id) consoleFail(Code.INVALID_ARGUMENT, "Username is already in use.");
    user.username = username;
  }
  for (const field of ["metadata", "wallet"] as const) {
    const value = body[field] as string | undefined;
    if (value === undefined) continue;
    if (!isJsonObjectText(value)) {
      consoleFail(Code.INVALID_ARGUMENT, `${field === "wallet" ? "Wallet" : "Metadata"} must be a valid JSON object.`);
    }
    user[field] = value;
  }
  const plain = ["display_name", "avatar_url", "lang_tag", "location", "timezone", "custom_id", "email", "password"];
  for (const field of plain as (keyof FakeUser & string)[]) {
    if (body[field] !== undefined) (user as unknown as Record<string, unknown>)[field] = body[field];
  }
  const devices = body.device_ids as Record<string, string> | undefined;
  for (const [from, to] of Object.entries(devices ?? {})) {
    const index = user.devices.indexOf(from);
    if (index < 0) consoleFail(Code.INVALID_ARGUMENT, "Device ID not found on this account.");
    if (to === "") user.devices.splice(index, 1);
    else user.devices[index] = to;
  }
  user.update_time = state.now();
  return {};
}

function friendsJson(state: FakeState, user: FakeUser): Record<string, unknown>[] {
  return [...(state.friends.get(user.id) ?? [])].flatMap(([id, edge]) => {
    const friend = state.users.get(id);
    if (!friend) return [];
    return [{
      user: consoleUserJson(state, friend),
      state: edge.state,
      update_time: timeOrNull(edge.update_time),
      metadata: edge.metadata ?? "",
    }];
  });
}

function exportAccount(ctx: HandlerContext, { console: cs }: ConsoleContext): unknown {
  const { state } = ctx;
  const user = account(ctx);
  const nowSec = state.now() / 1000;
  const objects = [...state.storage.values()].filter((o) => o.user_id === user.id);
  const friends = friendsJson(state, user);
  const groups = [...state.groups.values()].filter((g) => state.isGroupMember(g.id, user.id));
  const messages = [...state.channelMessages.values()].flat().filter((m) => m.sender_id === user.id);
  const records = [...state.leaderboards.values()].flatMap((board) =>
    rankedRecords(board, nowSec)
      .map((record, index) => [record, index] as const)
      .filter(([record]) => record.owner_id === user.id)
      .map(([record, index]) => consoleRecordJson(board, record, index + 1))
  );
  return {
    account: consoleGameAccountJson(state, user),
    objects: objects.map((o) => consoleStorageJson(o, true)),
    friends,
    groups: groups.map((g) => consoleGroupJson(state, g)),
    messages: messages.map(consoleMessageJson),
    leaderboard_records: records,
    notifications: (state.notifications.get(user.id) ?? []).map(consoleNotificationJson),
    wallet_ledgers: (cs.ledger.get(user.id) ?? []).map(ledgerJson).reverse(),
  };
}

/** Applies an account export to a user (the parts the fake keeps: profile, wallet, storage). */
function importInto(state: FakeState, user: FakeUser, data: Record<string, unknown>): void {
  const exported = (data.account ?? {}) as Record<string, unknown>;
  const profile = (exported.user ?? {}) as Record<string, unknown>;
  for (const field of ["display_name", "avatar_url", "lang_tag", "location", "timezone", "metadata"] as const) {
    if (typeof profile[field] === "string") user[field] = profile[field] as string;
  }
  if (typeof exported.wallet === "string") user.wallet = exported.wallet;
  for (const object of (data.objects ?? []) as Record<string, unknown>[]) {
    state.putStorageObject({
      collection: String(object.collection ?? ""),
      key: String(object.key ?? ""),
      user_id: user.id,
      value: String(object.value ?? "{}"),
      permission_read: Number(object.permission_read ?? 1),
      permission_write: Number(object.permission_write ?? 1),
    });
  }
  user.update_time = state.now();
}

function noteJson(note: FakeAccountNote): Record<string, unknown> {
  return { ...note, create_time: timeOrNull(note.create_time), update_time: timeOrNull(note.update_time) };
}

function ledgerJson(item: FakeLedgerItem): Record<string, unknown> {
  return { ...item, create_time: timeOrNull(item.create_time), update_time: timeOrNull(item.update_time) };
}

/** An offset cursor of one listing; `kind` keeps a cursor of another listing from being accepted. */
function offsetOf(ctx: HandlerContext, kind: string): number {
  const text = ctx.query.string("cursor");
  if (!text) return 0;
  const cursor = decodeCursor(kind, text);
  if (!cursor || typeof cursor.o !== "number") consoleFail(Code.INVALID_ARGUMENT, "Error decoding cursor.");
  return cursor.o;
}

function walletLedger(ctx: HandlerContext, { console: cs }: ConsoleContext): unknown {
  const user = account(ctx);
  const limit = ctx.query.int("limit") ?? 0;
  if (limit < 1 || limit > 100) consoleFail(Code.INVALID_ARGUMENT, "Invalid limit - limit must be between 1 and 100.");
  const newestFirst = [...(cs.ledger.get(user.id) ?? [])].reverse();
  const offset = offsetOf(ctx, "console-ledger");
  const page = newestFirst.slice(offset, offset + limit);
  return {
    items: page.map(ledgerJson),
    next_cursor: offset + limit < newestFirst.length ? encodeCursor("console-ledger", { o: offset + limit }) : "",
    prev_cursor: offset > 0 ? encodeCursor("console-ledger", { o: Math.max(0, offset - limit) }) : "",
  };
}

function unlink(
  operation: string,
  provider: string,
  field?: "apple" | "custom" | "email" | "facebook" | "facebookinstantgame" | "gamecenter" | "google" | "steam",
): ConsoleRoute {
  return {
    operation,
    method: "POST",
    path: `/v2/console/account/{id}/unlink/${provider}`,
    body: provider === "device" ? { device_id: "string" } : undefined,
    handle(ctx) {
      const user = account(ctx);
      if (provider === "device") {
        const device = (ctx.body.device_id as string | undefined) ?? "";
        user.devices = user.devices.filter((id) => id !== device);
      } else if (field === "email") {
        user.email = "";
        user.password = "";
      } else if (field) {
        const key = ({
          apple: "apple_id",
          custom: "custom_id",
          facebook: "facebook_id",
          facebookinstantgame: "facebook_instant_game_id",
          gamecenter: "gamecenter_id",
          google: "google_id",
          steam: "steam_id",
        } as const)[field];
        if (identityOf(user, field)) user[key] = "";
      }
      user.update_time = ctx.state.now();
      return {};
    },
  };
}

/**
 * The console account routes.
 * @example Mount
 * ```ts
 * consoleAccountRoutes().map(mountConsoleRoute);
 * ```
 */
export function consoleAccountRoutes(): ConsoleRoute[] {
  return [
    { operation: "ListAccounts", method: "GET", path: "/v2/console/account", handle: listAccounts },
    {
      operation: "DeleteAccounts",
      method: "DELETE",
      path: "/v2/console/account",
      handle(ctx) {
        for (const id of [...ctx.state.users.keys()]) if (id !== SYSTEM_USER_ID) ctx.state.deleteUser(id);
        return {};
      },
    },
    {
      operation: "ImportAccountFull",
      method: "POST",
      path: "/v2/console/account",
      body: { id: "string", data: "json" },
      handle(ctx) {
        const id = ctx.body.id as string | undefined;
        const data = (ctx.body.data ?? {}) as Record<string, unknown>;
        let user: FakeUser;
        if (id) {
          ctx.params.id = id;
          user = account(ctx);
        } else {
          const profile = ((data.account as Record<string, unknown> | undefined)?.user ?? {}) as Record<
            string,
            unknown
          >;
          const wanted = typeof profile.username === "string" ? profile.username : undefined;
          user = ctx.state.createUser(wanted && !ctx.state.userByUsername(wanted) ? { username: wanted } : {});
        }
        importInto(ctx.state, user, data);
        return consoleAccountJson(ctx.state, user);
      },
    },
    {
      operation: "ListAccountNotes",
      method: "GET",
      path: "/v2/console/account/{account_id}/note",
      handle(ctx, { console: cs }) {
        const user = account(ctx, "account_id");
        const limit = ctx.query.int("limit") || 100;
        const notes = cs.notes.get(user.id) ?? [];
        const offset = offsetOf(ctx, "console-notes");
        const more = offset + limit < notes.length;
        return {
          notes: notes.slice(offset, offset + limit).map(noteJson),
          cursor: more ? encodeCursor("console-notes", { o: offset + limit }) : "",
        };
      },
    },
    {
      operation: "AddAccountNote",
      method: "POST",
      path: "/v2/console/account/{account_id}/note",
      body: { id: "string", note: "string" },
      handle(ctx, { console: cs, caller }) {
        const user = account(ctx, "account_id");
        const text = (ctx.body.note as string | undefined) ?? "";
        if (text === "") consoleFail(Code.INVALID_ARGUMENT, "Note cannot be empty.");
        const now = ctx.state.now();
        let notes = cs.notes.get(user.id);
        if (!notes) cs.notes.set(user.id, notes = []);
        const id = ctx.body.id as string | undefined;
        const existing = id ? notes.find((n) => n.id === id) : undefined;
        if (id && !existing) consoleFail(Code.NOT_FOUND, "Note not found.");
        const note: FakeAccountNote = existing ?? {
          id: crypto.randomUUID(),
          user_id: user.id,
          note: text,
          create_time: now,
          update_time: now,
          create_id: caller.id,
          create_username: caller.username,
          update_id: caller.id,
          update_username: caller.username,
        };
        Object.assign(note, { note: text, update_time: now, update_id: caller.id, update_username: caller.username });
        if (!existing) notes.push(note);
        return noteJson(note);
      },
    },
    {
      operation: "DeleteAccountNote",
      method: "DELETE",
      path: "/v2/console/account/{account_id}/note/{note_id}",
      handle(ctx, { console: cs }) {
        const user = account(ctx, "account_id");
        const notes = cs.notes.get(user.id) ?? [];
        cs.notes.set(user.id, notes.filter((n) => n.id !== ctx.params.note_id));
        return {};
      },
    },
    { operation: "GetWalletLedger", method: "GET", path: "/v2/console/account/{id}/wallet", handle: walletLedger },
    {
      operation: "GetAccount",
      method: "GET",
      path: "/v2/console/account/{id}",
      handle: (ctx) => consoleAccountJson(ctx.state, account(ctx)),
    },
    {
      operation: "DeleteAccount",
      method: "DELETE",
      path: "/v2/console/account/{id}",
      handle(ctx, { console: cs }) {
        if (ctx.params.id === SYSTEM_USER_ID) consoleFail(Code.INVALID_ARGUMENT, "Cannot delete the system user.");
        const user = account(ctx);
        ctx.state.deleteUser(user.id);
        cs.ledger.delete(user.id);
        cs.notes.delete(user.id);
        if (ctx.query.bool("record_deletion")) cs.tombstones.set(user.id, ctx.state.now());
        return {};
      },
    },
    {
      operation: "UpdateAccount",
      method: "POST",
      path: "/v2/console/account/{id}",
      body: {
        username: "StringValue",
        display_name: "StringValue",
        metadata: "StringValue",
        avatar_url: "StringValue",
        lang_tag: "StringValue",
        location: "StringValue",
        timezone: "StringValue",
        custom_id: "StringValue",
        email: "StringValue",
        password: "StringValue",
        device_ids: { map: "string" },
        wallet: "StringValue",
      },
      handle: updateAccount,
    },
    {
      operation: "BanAccount",
      method: "POST",
      path: "/v2/console/account/{id}/ban",
      handle(ctx) {
        const user = account(ctx);
        user.disable_time = ctx.state.now();
        ctx.state.revokeUserTokens(user.id);
        return {};
      },
    },
    {
      operation: "UnbanAccount",
      method: "POST",
      path: "/v2/console/account/{id}/unban",
      handle(ctx) {
        account(ctx).disable_time = 0;
        return {};
      },
    },
    { operation: "ExportAccount", method: "GET", path: "/v2/console/account/{id}/export", handle: exportAccount },
    {
      operation: "GetFriends",
      method: "GET",
      path: "/v2/console/account/{id}/friend",
      handle: (ctx) => ({ friends: friendsJson(ctx.state, account(ctx)), cursor: "" }),
    },
    {
      operation: "DeleteFriend",
      method: "DELETE",
      path: "/v2/console/account/{id}/friend/{friend_id}",
      handle(ctx) {
        const user = account(ctx);
        const friendId = ctx.params.friend_id.toLowerCase();
        if (!isUuid(friendId)) consoleFail(Code.INVALID_ARGUMENT, "Invalid friend user ID was provided.");
        ctx.state.removeFriendEdge(user.id, friendId);
        ctx.state.removeFriendEdge(friendId, user.id);
        return {};
      },
    },
    {
      operation: "GetGroups",
      method: "GET",
      path: "/v2/console/account/{id}/group",
      handle(ctx) {
        const user = account(ctx);
        const userGroups = [...ctx.state.groups.values()].flatMap((group) => {
          const membership = ctx.state.groupMembership(group.id, user.id);
          return membership ? [{ group: consoleGroupJson(ctx.state, group), state: membership.state }] : [];
        });
        return { user_groups: userGroups, cursor: "" };
      },
    },
    {
      operation: "DeleteGroupUser",
      method: "DELETE",
      path: "/v2/console/account/{id}/group/{group_id}",
      handle(ctx) {
        const user = account(ctx);
        ctx.state.removeGroupUser(ctx.params.group_id.toLowerCase(), user.id);
        return {};
      },
    },
    {
      operation: "ImportAccount",
      method: "PUT",
      path: "/v2/console/account/{id}/import",
      body: { data: "json" },
      handle(ctx) {
        importInto(ctx.state, account(ctx), (ctx.body.data ?? {}) as Record<string, unknown>);
        return {};
      },
    },
    unlink("UnlinkApple", "apple", "apple"),
    unlink("UnlinkCustom", "custom", "custom"),
    unlink("UnlinkDevice", "device"),
    unlink("UnlinkEmail", "email", "email"),
    unlink("UnlinkFacebook", "facebook", "facebook"),
    unlink("UnlinkFacebookInstantGame", "facebookinstantgame", "facebookinstantgame"),
    unlink("UnlinkGameCenter", "gamecenter", "gamecenter"),
    unlink("UnlinkGoogle", "google", "google"),
    unlink("UnlinkSteam", "steam", "steam"),
    {
      operation: "DeleteWalletLedger",
      method: "DELETE",
      path: "/v2/console/account/{id}/wallet/{wallet_id}",
      handle(ctx, { console: cs }) {
        const user = account(ctx);
        const items = cs.ledger.get(user.id) ?? [];
        cs.ledger.set(user.id, items.filter((item) => item.id !== ctx.params.wallet_id));
        return {};
      },
    },
  ];
}
