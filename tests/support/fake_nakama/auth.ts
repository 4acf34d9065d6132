/**
 * Authentication routes: the nine `authenticate/*` routes, session refresh and logout. Account creation,
 * username rules, `created` and session variables behave as captured from Nakama 3.18.
 * @module
 */

import type { Schema } from "./body.ts";
import { Code, fail, GatewayError } from "./errors.ts";
import type { HandlerContext, Route } from "./router.ts";
import { SOCIAL_ACCOUNT_SCHEMAS, socialField, type SocialProvider, verifySocial } from "./social.ts";
import type { FakeUser } from "./state.ts";

const VARS = { map: "string" } as const;

// Go's [[:cntrl:]]: usernames may contain spaces but not control characters.
// deno-lint-ignore no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f]/;
const EMAIL_RE = /^.+@.+\..+$/;
const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/**
 * Checks a username like the server (control characters refused, at most 128 bytes).
 * @example Validate
 * ```ts
 * checkUsername("has space"); // ok
 * ```
 */
export function checkUsername(username: string): void {
  if (CONTROL_RE.test(username)) {
    fail(Code.INVALID_ARGUMENT, "Username invalid, no spaces or control characters allowed.");
  }
  if (utf8Length(username) > 128) fail(Code.INVALID_ARGUMENT, "Username invalid, must be 1-128 bytes.");
}

/**
 * Checks an email address like the server.
 * @example Validate
 * ```ts
 * checkEmail("a@example.com");
 * ```
 */
export function checkEmail(email: string): void {
  if (CONTROL_RE.test(email) || /\s/.test(email)) {
    fail(Code.INVALID_ARGUMENT, "Invalid email address, no spaces or control characters allowed.");
  }
  if (!EMAIL_RE.test(email)) fail(Code.INVALID_ARGUMENT, "Invalid email address format.");
  if (utf8Length(email) < 10 || utf8Length(email) > 255) {
    fail(Code.INVALID_ARGUMENT, "Invalid email address, must be 10-255 bytes.");
  }
}

function vars(body: Record<string, unknown>): Record<string, string> {
  return (body.vars as Record<string, string> | undefined) ?? {};
}

/** Logs in an existing user or creates one; the shared tail of every authenticate route. */
async function login(
  ctx: HandlerContext,
  existing: FakeUser | undefined,
  create: (username: string) => Partial<FakeUser>,
): Promise<Record<string, unknown>> {
  const { state, query } = ctx;
  const username = query.string("username") ?? "";
  if (username) checkUsername(username);
  const allowCreate = query.bool("create") ?? true;
  const body = ctx.body;
  if (existing) {
    if (existing.disable_time) fail(Code.PERMISSION_DENIED, "User account banned.");
    return { ...await state.issueSession(existing, vars(body)) };
  }
  if (!allowCreate) fail(Code.NOT_FOUND, "User account not found.");
  if (username && state.userByUsername(username)) fail(Code.ALREADY_EXISTS, "Username is already in use.");
  const user = state.createUser({ ...create(username), ...(username ? { username } : {}) });
  return { created: true, ...await state.issueSession(user, vars(body)) };
}

function deviceId(body: Record<string, unknown>): string {
  const id = (body.id as string | undefined) ?? "";
  if (!id) fail(Code.INVALID_ARGUMENT, "Device ID is required.");
  if (utf8Length(id) < 10 || utf8Length(id) > 128) {
    fail(Code.INVALID_ARGUMENT, "Device ID invalid, must be 10-128 bytes.");
  }
  return id;
}

function customId(body: Record<string, unknown>): string {
  const id = (body.id as string | undefined) ?? "";
  if (!id) fail(Code.INVALID_ARGUMENT, "Custom ID is required.");
  if (utf8Length(id) < 6 || utf8Length(id) > 128) {
    fail(Code.INVALID_ARGUMENT, "Custom ID invalid, must be 6-128 bytes.");
  }
  return id;
}

/**
 * Validates device and custom ids the way authenticate and link do.
 * @example Validate a device id
 * ```ts
 * validDeviceId({ id: "dev-0000000001" });
 * ```
 */
export const validDeviceId = deviceId;
/**
 * Validates a custom id the way authenticate and link do.
 * @example Validate a custom id
 * ```ts
 * validCustomId({ id: "custom-0001" });
 * ```
 */
export const validCustomId = customId;

async function authenticateEmail(ctx: HandlerContext): Promise<Record<string, unknown>> {
  const { state, query, body } = ctx;
  const email = ((body.email as string | undefined) ?? "").trim();
  const password = (body.password as string | undefined) ?? "";
  if (email) checkEmail(email);
  if (password.length < 8) fail(Code.INVALID_ARGUMENT, "Password must be at least 8 characters long.");
  const username = query.string("username") ?? "";
  if (!email) {
    if (!username) fail(Code.INVALID_ARGUMENT, "Username is required when email address is not supplied.");
    checkUsername(username);
    const user = state.userByUsername(username);
    if (!user) fail(Code.NOT_FOUND, "User account not found.");
    if (user.password !== password) fail(Code.UNAUTHENTICATED, "Invalid credentials.");
    if (user.disable_time) fail(Code.PERMISSION_DENIED, "User account banned.");
    return { ...await state.issueSession(user, vars(body)) };
  }
  const existing = state.userByEmail(email);
  if (existing && existing.password !== password) fail(Code.UNAUTHENTICATED, "Invalid credentials.");
  return await login(ctx, existing, () => ({ email: email.toLowerCase(), password }));
}

function socialRoute(provider: SocialProvider): Route {
  return {
    method: "POST",
    path: `/v2/account/authenticate/${provider}`,
    auth: "basic",
    body: SOCIAL_ACCOUNT_SCHEMAS[provider] as unknown as Schema,
    async handle(ctx) {
      const id = await verifySocial(ctx.state, provider, ctx.body, "authenticate");
      const field = socialField(provider);
      return await login(ctx, ctx.state.userByIdentity(provider, id), () => ({ [field]: id }));
    },
  };
}

async function refresh(ctx: HandlerContext): Promise<Record<string, unknown>> {
  const { state, body } = ctx;
  const token = (body.token as string | undefined) ?? "";
  if (!token) fail(Code.INVALID_ARGUMENT, "Refresh token is required.");
  const verified = await state.verifyRefreshToken(token);
  const invalid = () => new GatewayError(Code.UNAUTHENTICATED, "Refresh token invalid or expired.");
  if (!verified || state.isRevoked(verified.tokenId)) throw invalid();
  const user = state.users.get(verified.userId);
  if (!user) throw invalid();
  if (user.disable_time) fail(Code.PERMISSION_DENIED, "User account banned.");
  const newVars = body.vars as Record<string, string> | undefined;
  const useVars = newVars && Object.keys(newVars).length > 0 ? newVars : verified.vars;
  return { ...await state.issueSession(user, useVars, { tokenId: verified.tokenId, issuedAt: verified.issuedAt }) };
}

async function logout(ctx: HandlerContext): Promise<Record<string, unknown>> {
  const { state, body, caller } = ctx;
  const token = (body.token as string | undefined) ?? "";
  const refreshToken = (body.refresh_token as string | undefined) ?? "";
  if (!token && !refreshToken) {
    state.revokeUserTokens(caller.userId);
    return {};
  }
  for (const [text, isRefresh] of [[token, false], [refreshToken, true]] as const) {
    if (!text) continue;
    const verified = isRefresh ? await state.verifyRefreshToken(text) : await state.verifyToken(text);
    // Only the caller's own tokens can be logged out; others' are ignored like unknown ones.
    if (verified && verified.userId === caller.userId) state.revokeToken(verified.tokenId);
  }
  return {};
}

/**
 * The authentication routes.
 * @example Mount
 * ```ts
 * new Router(authRoutes());
 * ```
 */
export function authRoutes(): Route[] {
  return [
    {
      method: "POST",
      path: "/v2/account/authenticate/device",
      auth: "basic",
      body: { id: "string", vars: VARS },
      handle: (ctx) => {
        const id = deviceId(ctx.body);
        return login(ctx, ctx.state.userByDevice(id), () => ({ devices: [id] }));
      },
    },
    {
      method: "POST",
      path: "/v2/account/authenticate/custom",
      auth: "basic",
      body: { id: "string", vars: VARS },
      handle: (ctx) => {
        const id = customId(ctx.body);
        return login(ctx, ctx.state.userByCustomId(id), () => ({ custom_id: id }));
      },
    },
    {
      method: "POST",
      path: "/v2/account/authenticate/email",
      auth: "basic",
      body: { email: "string", password: "string", vars: VARS },
      handle: authenticateEmail,
    },
    ...(["apple", "facebook", "facebookinstantgame", "gamecenter", "google", "steam"] as const).map(socialRoute),
    {
      method: "POST",
      path: "/v2/account/session/refresh",
      auth: "basic",
      body: { token: "string", vars: VARS },
      handle: refresh,
    },
    {
      method: "POST",
      path: "/v2/session/logout",
      auth: "bearer",
      body: { token: "string", refresh_token: "string" },
      handle: logout,
    },
  ];
}
