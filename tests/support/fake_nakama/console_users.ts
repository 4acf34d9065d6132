/**
 * Console user routes: list, add (3.40 style: an ACL and a one-time invitation token; a `password` is also taken, as
 * 3.28 did), get, update the ACL, delete, require or reset MFA, and reset the password (a one-time code for
 * `AuthenticatePasswordChange`).
 * @module
 */

import { ADMIN_ID, consoleFail, type ConsoleRoute, passwordCode } from "./console_auth.ts";
import type { ConsoleState, FakeConsoleUser } from "./console_state.ts";
import { timeOrNull } from "./console_wire.ts";
import { Code } from "./errors.ts";
import type { HandlerContext } from "./router.ts";

function userJson(user: FakeConsoleUser): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    acl: user.acl,
    mfa_required: user.mfaRequired,
    mfa_enabled: user.mfaCode !== undefined,
    create_time: timeOrNull(user.create_time),
    update_time: timeOrNull(user.update_time),
  };
}

function named(ctx: HandlerContext, cs: ConsoleState, username = ctx.params.username): FakeConsoleUser {
  const user = cs.users.get((username ?? "").toLowerCase());
  if (!user) consoleFail(Code.NOT_FOUND, "User not found.");
  return user;
}

/**
 * The console user routes.
 * @example Mount
 * ```ts
 * consoleUserRoutes().map(mountConsoleRoute);
 * ```
 */
export function consoleUserRoutes(): ConsoleRoute[] {
  return [
    {
      operation: "ListUsers",
      method: "GET",
      path: "/v2/console/user",
      handle: (_ctx, { console: cs }) => ({ users: [...cs.users.values()].map(userJson) }),
    },
    {
      operation: "AddUser",
      method: "POST",
      path: "/v2/console/user",
      body: {
        username: "string",
        email: "string",
        acl: "json",
        mfa_required: "bool",
        newsletter_subscription: "bool",
        password: "string",
      },
      async handle(ctx, { console: cs }) {
        const username = (ctx.body.username as string | undefined) ?? "";
        const email = (ctx.body.email as string | undefined) ?? "";
        if (!/^[a-zA-Z0-9._-]{3,64}$/.test(username)) consoleFail(Code.INVALID_ARGUMENT, "Username must be set.");
        if (!email.includes("@")) consoleFail(Code.INVALID_ARGUMENT, "Email must be set.");
        if (username === cs.username || cs.users.has(username.toLowerCase())) {
          consoleFail(Code.ALREADY_EXISTS, "Username or Email already exists.");
        }
        const user = cs.addUser({
          username,
          email,
          password: (ctx.body.password as string | undefined) ?? crypto.randomUUID(),
          acl: (ctx.body.acl ?? {}) as FakeConsoleUser["acl"],
          mfaRequired: (ctx.body.mfa_required as boolean | undefined) ?? false,
        });
        return { user: userJson(user), token: await passwordCode(cs, user, ctx.state.now()) };
      },
    },
    {
      operation: "DeleteUser",
      method: "DELETE",
      path: "/v2/console/user",
      handle(ctx, { console: cs }) {
        const user = named(ctx, cs, ctx.query.string("username"));
        cs.users.delete(user.username.toLowerCase());
        return {};
      },
    },
    {
      operation: "GetUser",
      method: "GET",
      path: "/v2/console/user/{username}",
      handle: (ctx, { console: cs }) => userJson(named(ctx, cs)),
    },
    {
      operation: "UpdateUser",
      method: "PUT",
      path: "/v2/console/user/{username}",
      body: { acl: "json" },
      handle(ctx, { console: cs, caller }) {
        const user = named(ctx, cs);
        if (user.id === caller.id && caller.id !== ADMIN_ID) {
          consoleFail(Code.INVALID_ARGUMENT, "Cannot change own ACL.");
        }
        user.acl = (ctx.body.acl ?? {}) as FakeConsoleUser["acl"];
        user.update_time = ctx.state.now();
        return userJson(user);
      },
    },
    {
      operation: "RequireUserMfa",
      method: "POST",
      path: "/v2/console/user/{username}/mfa/require",
      body: { required: "bool" },
      handle(ctx, { console: cs }) {
        named(ctx, cs).mfaRequired = (ctx.body.required as boolean | undefined) ?? false;
        return {};
      },
    },
    {
      operation: "ResetUserMfa",
      method: "POST",
      path: "/v2/console/user/{username}/mfa/reset",
      handle(ctx, { console: cs }) {
        named(ctx, cs).mfaCode = undefined;
        return {};
      },
    },
    {
      operation: "ResetUserPassword",
      method: "POST",
      path: "/v2/console/user/{username}/reset/password",
      async handle(ctx, { console: cs }) {
        return { code: await passwordCode(cs, named(ctx, cs), ctx.state.now()) };
      },
    },
  ];
}
