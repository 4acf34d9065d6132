/**
 * Account and user routes: get, update and delete the account, link and unlink identities, and look users up.
 * @module
 */

import { checkEmail, checkUsername, validCustomId, validDeviceId } from "./auth.ts";
import type { Schema } from "./body.ts";
import { Code, fail } from "./errors.ts";
import type { HandlerContext, Route } from "./router.ts";
import { SOCIAL_ACCOUNT_SCHEMAS, socialField, type SocialProvider, verifySocial } from "./social.ts";
import { type FakeUser, isUuid } from "./state.ts";
import { jsonb } from "./jsonb.ts";
import { omitZero, rfc3339, userJson } from "./wire.ts";

const LAST_LINK = "Cannot unlink last account identifier. Check profile exists and is not last link.";
const SOCIAL = ["apple", "facebook", "facebookinstantgame", "gamecenter", "google", "steam"] as const;

function accountJson(ctx: HandlerContext, user: FakeUser): Record<string, unknown> {
  return omitZero({
    user: userJson(ctx.state, user, { edgeCount: true }),
    wallet: jsonb(user.wallet),
    email: user.email,
    devices: user.devices.map((id) => ({ id })),
    custom_id: user.custom_id,
    verify_time: user.verify_time ? rfc3339(user.verify_time) : undefined,
    disable_time: user.disable_time ? rfc3339(user.disable_time) : undefined,
  });
}

function updateAccount(ctx: HandlerContext): Record<string, unknown> {
  const { state, body, caller } = ctx;
  const fields = ["username", "display_name", "avatar_url", "lang_tag", "location", "timezone"] as const;
  if (fields.every((f) => body[f] === undefined)) fail(Code.INVALID_ARGUMENT, "No fields to update.");
  const user = caller.user;
  const username = body.username as string | undefined;
  if (username !== undefined) {
    if (username === "") fail(Code.INVALID_ARGUMENT, "Username invalid, must be 1-128 bytes.");
    checkUsername(username);
    const other = state.userByUsername(username);
    if (other && other.id !== user.id) fail(Code.INVALID_ARGUMENT, "Username is already in use.");
  }
  for (const f of fields) if (body[f] !== undefined) user[f] = body[f] as string;
  user.update_time = state.now();
  return {};
}

function otherIdentities(ctx: HandlerContext, user: FakeUser, without: number): boolean {
  return ctx.state.identityCount(user) - without > 0;
}

function socialLink(provider: SocialProvider): Route {
  const schema = provider === "steam"
    ? { account: { message: SOCIAL_ACCOUNT_SCHEMAS.steam as unknown as Schema }, sync: "BoolValue" } as Schema
    : SOCIAL_ACCOUNT_SCHEMAS[provider] as unknown as Schema;
  return {
    method: "POST",
    path: `/v2/account/link/${provider}`,
    auth: "bearer",
    body: schema,
    async handle(ctx) {
      const account = provider === "steam" ? (ctx.body.account as Record<string, unknown> ?? {}) : ctx.body;
      const id = await verifySocial(ctx.state, provider, account, "link");
      const owner = ctx.state.userByIdentity(provider, id);
      if (owner && owner.id !== ctx.caller.userId) fail(Code.ALREADY_EXISTS, "Social account is already in use.");
      ctx.caller.user[socialField(provider)] = id;
      ctx.caller.user.update_time = ctx.state.now();
      return {};
    },
  };
}

function socialUnlink(provider: SocialProvider): Route {
  return {
    method: "POST",
    path: `/v2/account/unlink/${provider}`,
    auth: "bearer",
    body: SOCIAL_ACCOUNT_SCHEMAS[provider] as unknown as Schema,
    async handle(ctx) {
      const user = ctx.caller.user;
      const field = socialField(provider);
      const hasCredential = Object.entries(ctx.body).some(([k, v]) => k !== "vars" && v);
      if (hasCredential) {
        const id = await verifySocial(ctx.state, provider, ctx.body, "unlink");
        if (user[field] !== id) fail(Code.PERMISSION_DENIED, LAST_LINK);
      }
      // Without a credential the server clears the field as a no-op, as long as another identity remains.
      if (!otherIdentities(ctx, user, user[field] ? 1 : 0)) fail(Code.PERMISSION_DENIED, LAST_LINK);
      user[field] = "";
      user.update_time = ctx.state.now();
      return {};
    },
  };
}

function getUsers(ctx: HandlerContext): Record<string, unknown> {
  const { state, query } = ctx;
  const ids = query.all("ids");
  for (const id of ids) if (!isUuid(id)) fail(Code.INVALID_ARGUMENT, `ID '${id}' is not a valid system ID.`);
  const found = new Map<string, FakeUser>();
  for (const id of ids) {
    const user = state.users.get(id.toLowerCase());
    if (user) found.set(user.id, user);
  }
  for (const name of query.all("usernames")) {
    const user = state.userByUsername(name);
    if (user) found.set(user.id, user);
  }
  for (const fb of query.all("facebook_ids")) {
    const user = state.userByIdentity("facebook", fb);
    if (user) found.set(user.id, user);
  }
  return omitZero({ users: [...found.values()].map((u) => userJson(state, u, { edgeCount: true })) });
}

/**
 * The account and user routes.
 * @example Mount
 * ```ts
 * new Router(accountRoutes());
 * ```
 */
export function accountRoutes(): Route[] {
  return [
    { method: "GET", path: "/v2/account", auth: "bearer", handle: (ctx) => accountJson(ctx, ctx.caller.user) },
    {
      method: "PUT",
      path: "/v2/account",
      auth: "bearer",
      body: {
        username: "StringValue",
        display_name: "StringValue",
        avatar_url: "StringValue",
        lang_tag: "StringValue",
        location: "StringValue",
        timezone: "StringValue",
      },
      handle: updateAccount,
    },
    {
      method: "DELETE",
      path: "/v2/account",
      auth: "bearer",
      handle(ctx) {
        ctx.state.deleteUser(ctx.caller.userId);
        return {};
      },
    },
    {
      method: "POST",
      path: "/v2/account/link/device",
      auth: "bearer",
      body: { id: "string", vars: { map: "string" } },
      handle(ctx) {
        const id = validDeviceId(ctx.body);
        const owner = ctx.state.userByDevice(id);
        if (owner && owner.id !== ctx.caller.userId) fail(Code.ALREADY_EXISTS, "Device ID already in use.");
        if (!owner) ctx.caller.user.devices.push(id);
        return {};
      },
    },
    {
      method: "POST",
      path: "/v2/account/link/custom",
      auth: "bearer",
      body: { id: "string", vars: { map: "string" } },
      handle(ctx) {
        const id = validCustomId(ctx.body);
        const owner = ctx.state.userByCustomId(id);
        if (owner && owner.id !== ctx.caller.userId) fail(Code.ALREADY_EXISTS, "Custom ID is already in use.");
        ctx.caller.user.custom_id = id;
        ctx.caller.user.update_time = ctx.state.now();
        return {};
      },
    },
    {
      method: "POST",
      path: "/v2/account/link/email",
      auth: "bearer",
      body: { email: "string", password: "string", vars: { map: "string" } },
      handle(ctx) {
        const email = ((ctx.body.email as string | undefined) ?? "").trim();
        const password = (ctx.body.password as string | undefined) ?? "";
        if (!email || !password) fail(Code.INVALID_ARGUMENT, "Email address and password is required.");
        checkEmail(email);
        if (password.length < 8) fail(Code.INVALID_ARGUMENT, "Password must be at least 8 characters long.");
        const owner = ctx.state.userByEmail(email);
        if (owner && owner.id !== ctx.caller.userId) fail(Code.ALREADY_EXISTS, "Email is already in use.");
        ctx.caller.user.email = email.toLowerCase();
        ctx.caller.user.password = password;
        ctx.caller.user.update_time = ctx.state.now();
        return {};
      },
    },
    ...SOCIAL.map(socialLink),
    {
      method: "POST",
      path: "/v2/account/unlink/device",
      auth: "bearer",
      body: { id: "string", vars: { map: "string" } },
      handle(ctx) {
        const id = (ctx.body.id as string | undefined) ?? "";
        if (!id) fail(Code.INVALID_ARGUMENT, "A device ID must be supplied.");
        const user = ctx.caller.user;
        if (!user.devices.includes(id) || !otherIdentities(ctx, user, 1)) fail(Code.PERMISSION_DENIED, LAST_LINK);
        user.devices = user.devices.filter((d) => d !== id);
        return {};
      },
    },
    {
      method: "POST",
      path: "/v2/account/unlink/custom",
      auth: "bearer",
      body: { id: "string", vars: { map: "string" } },
      handle(ctx) {
        const id = (ctx.body.id as string | undefined) ?? "";
        if (!id) fail(Code.INVALID_ARGUMENT, "An ID must be supplied.");
        const user = ctx.caller.user;
        if (user.custom_id !== id || !otherIdentities(ctx, user, 1)) fail(Code.PERMISSION_DENIED, LAST_LINK);
        user.custom_id = "";
        user.update_time = ctx.state.now();
        return {};
      },
    },
    {
      method: "POST",
      path: "/v2/account/unlink/email",
      auth: "bearer",
      body: { email: "string", password: "string", vars: { map: "string" } },
      handle(ctx) {
        const email = ((ctx.body.email as string | undefined) ?? "").trim().toLowerCase();
        if (!email) fail(Code.INVALID_ARGUMENT, "Both email and password must be supplied.");
        const user = ctx.caller.user;
        if (user.email !== email || !otherIdentities(ctx, user, 1)) fail(Code.PERMISSION_DENIED, LAST_LINK);
        user.email = "";
        user.password = "";
        user.update_time = ctx.state.now();
        return {};
      },
    },
    ...SOCIAL.map(socialUnlink),
    { method: "GET", path: "/v2/user", auth: "bearer", handle: getUsers },
  ];
}
