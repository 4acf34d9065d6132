/**
 * Console authentication: HS256 console tokens (claims `id`, `usn`, `ema`, `acl`, `exp`, `cki`), the login route
 * with its multi-factor step and lockout, logout, MFA setup and password change, and the check every other console
 * route runs: Basic with the admin's username and password, or a Bearer console token that is valid, unexpired and
 * not logged out. Error texts are the console's (`Console authentication required.`, `Token invalid.`...).
 * @module
 */

import type { Schema } from "./body.ts";
import { type ConsoleState, consoleState, type FakeConsoleUser } from "./console_state.ts";
import { Code, GatewayError } from "./errors.ts";
import { base64UrlDecode, base64UrlEncode } from "./jwt.ts";
import type { HandlerContext, Route } from "./router.ts";

/** The all-zero id the configured admin has. */
export const ADMIN_ID = "00000000-0000-0000-0000-000000000000";

/** Who is calling a console route. */
export interface ConsoleCaller {
  id: string;
  username: string;
  email: string;
}

/** What a console handler gets besides the game handler context. */
export interface ConsoleContext {
  console: ConsoleState;
  /** Undefined on the routes that need no login. */
  caller: ConsoleCaller;
}

/** A console route: a game route plus its swagger operation id, whose handler also gets the console context. */
export interface ConsoleRoute {
  operation: string;
  method: Route["method"];
  path: string;
  body?: Schema;
  /** Needs no console login (the login routes). */
  open?: boolean;
  handle(ctx: HandlerContext, console: ConsoleContext): unknown | Promise<unknown>;
}

/**
 * Throws a console error: `{code, message, details: []}` (the console gateway emits unpopulated fields).
 * @example Refuse
 * ```ts
 * consoleFail(Code.NOT_FOUND, "Account not found.");
 * ```
 */
export function consoleFail(code: number, message: string): never {
  throw new GatewayError(code, message, { code, message, details: [] });
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const HEADER = base64UrlEncode(encoder.encode(JSON.stringify({ alg: "HS256", typ: "JWT" })));

async function hmac(secret: string): Promise<CryptoKey> {
  return await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
}

/**
 * Signs console claims with the console's signing key.
 * @example A token
 * ```ts
 * await signConsoleJwt(cs, { id, usn: "admin", exp });
 * ```
 */
export async function signConsoleJwt(cs: ConsoleState, claims: Record<string, unknown>): Promise<string> {
  const input = `${HEADER}.${base64UrlEncode(encoder.encode(JSON.stringify(claims)))}`;
  const signature = await crypto.subtle.sign("HMAC", await hmac(cs.signingKey), encoder.encode(input));
  return `${input}.${base64UrlEncode(new Uint8Array(signature))}`;
}

/**
 * Verifies a console-signed JWT (signature and expiry); its claims, or undefined.
 * @example Verify
 * ```ts
 * const claims = await verifyConsoleJwt(cs, token, Date.now() / 1000);
 * ```
 */
export async function verifyConsoleJwt(
  cs: ConsoleState,
  token: string,
  nowSec: number,
): Promise<Record<string, unknown> | undefined> {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  const payload = base64UrlDecode(parts[1]);
  const signature = base64UrlDecode(parts[2]);
  if (!payload || !signature) return undefined;
  try {
    const ok = await crypto.subtle.verify(
      "HMAC",
      await hmac(cs.signingKey),
      signature as Uint8Array<ArrayBuffer>,
      encoder.encode(`${parts[0]}.${parts[1]}`),
    );
    if (!ok) return undefined;
    const claims = JSON.parse(decoder.decode(payload));
    if (typeof claims?.exp !== "number" || claims.exp <= nowSec) return undefined;
    return claims;
  } catch {
    return undefined;
  }
}

function basicCredentials(header: string): [string, string] | undefined {
  const match = /^Basic\s+(.+)$/i.exec(header.trim());
  if (!match) return undefined;
  try {
    const text = decoder.decode(Uint8Array.from(atob(match[1]), (c) => c.charCodeAt(0)));
    const colon = text.indexOf(":");
    return colon < 0 ? undefined : [text.slice(0, colon), text.slice(colon + 1)];
  } catch {
    return undefined;
  }
}

/**
 * Checks a console route's Authorization header and returns the caller.
 * @example Check
 * ```ts
 * const caller = await requireConsole(ctx, cs);
 * ```
 */
export async function requireConsole(ctx: HandlerContext, cs: ConsoleState): Promise<ConsoleCaller> {
  const header = ctx.request.headers.get("authorization");
  if (!header) consoleFail(Code.UNAUTHENTICATED, "Console authentication required.");
  const basic = basicCredentials(header);
  if (basic) {
    if (basic[0] !== cs.username || basic[1] !== cs.password) {
      consoleFail(Code.UNAUTHENTICATED, "Console authentication invalid.");
    }
    return { id: ADMIN_ID, username: cs.username, email: "" };
  }
  const bearer = /^Bearer\s+(.+)$/i.exec(header.trim())?.[1];
  if (!bearer) consoleFail(Code.UNAUTHENTICATED, "Console authentication required.");
  const claims = await verifyConsoleJwt(cs, bearer, ctx.state.now() / 1000);
  if (!claims || typeof claims.id !== "string" || cs.revoked.has(bearer)) {
    consoleFail(Code.UNAUTHENTICATED, "Token invalid.");
  }
  const username = String(claims.usn ?? "");
  if (claims.id !== ADMIN_ID && !cs.users.has(username.toLowerCase())) {
    consoleFail(Code.UNAUTHENTICATED, "Token invalid.");
  }
  return { id: claims.id, username, email: String(claims.ema ?? "") };
}

/**
 * Turns a console route into a router route: answers 404 `Not Found` when the operation is removed (an older
 * server), checks the console login, then runs the handler.
 * @example Mount
 * ```ts
 * new Router(consoleRoutes().map(mountConsoleRoute));
 * ```
 */
export function mountConsoleRoute(route: ConsoleRoute): Route {
  return {
    method: route.method,
    path: route.path,
    auth: "custom",
    body: route.body,
    async handle(ctx) {
      const cs = consoleState(ctx.state);
      if (cs.removed.has(route.operation)) throw new GatewayError(Code.NOT_FOUND, "Not Found");
      const caller = route.open ? undefined : await requireConsole(ctx, cs);
      return await route.handle(ctx, { console: cs, caller: caller as ConsoleCaller });
    },
  };
}

/** Signs the one-time token of a password change (invitation or reset). */
export async function passwordCode(cs: ConsoleState, user: FakeConsoleUser, nowMs: number): Promise<string> {
  return await signConsoleJwt(cs, { id: user.id, usn: user.username, pwd: true, exp: Math.floor(nowMs / 1000) + 3600 });
}

function recoveryCodes(): string[] {
  return Array.from(crypto.getRandomValues(new Uint32Array(10)), (n) => String(n % 100_000_000).padStart(8, "0"));
}

async function login(ctx: HandlerContext, { console: cs }: ConsoleContext): Promise<unknown> {
  const username = (ctx.body.username as string | undefined) ?? "";
  const password = (ctx.body.password as string | undefined) ?? "";
  const mfa = (ctx.body.mfa as string | undefined) ?? "";
  if (cs.isLockedOut(username)) consoleFail(Code.RESOURCE_EXHAUSTED, "Try again later.");
  let who: { id: string; username: string; email: string; mfaRequired: boolean; mfaCode?: string };
  if (username === cs.username) {
    if (password !== cs.password) {
      cs.addFailure(username);
      consoleFail(Code.UNAUTHENTICATED, "Invalid credentials.");
    }
    who = { id: ADMIN_ID, username, email: "admin@nakama", mfaRequired: false };
  } else {
    const user = cs.users.get(username.toLowerCase());
    if (!user || user.password !== password) {
      cs.addFailure(username);
      consoleFail(Code.UNAUTHENTICATED, "Invalid credentials.");
    }
    who = user;
  }
  cs.resetFailures(username);
  const nowSec = Math.floor(ctx.state.now() / 1000);
  if (who.mfaCode !== undefined) {
    if (mfa.trim() === "") consoleFail(Code.PERMISSION_DENIED, "A MFA code is required.");
    if (mfa !== who.mfaCode) consoleFail(Code.UNAUTHENTICATED, "The MFA code is invalid.");
  } else if (who.mfaRequired) {
    const setup = await signConsoleJwt(cs, {
      id: who.id,
      usn: who.username,
      mfs: true,
      exp: nowSec + cs.tokenExpirySec,
    });
    return { token: "", mfa_code: setup };
  }
  const acl = base64UrlEncode(encoder.encode(who.id === ADMIN_ID ? "admin" : who.username));
  const token = await signConsoleJwt(cs, {
    id: who.id,
    usn: who.username,
    ema: who.email,
    acl,
    exp: nowSec + cs.tokenExpirySec,
    cki: "fake-cookie",
  });
  return { token, mfa_code: null };
}

async function mfaSetup(ctx: HandlerContext, { console: cs }: ConsoleContext): Promise<unknown> {
  const claims = await verifyConsoleJwt(cs, (ctx.body.mfa as string | undefined) ?? "", ctx.state.now() / 1000);
  const user = claims?.mfs === true ? cs.users.get(String(claims.usn).toLowerCase()) : undefined;
  if (!user) consoleFail(Code.UNAUTHENTICATED, "The code provided is invalid.");
  const code = (ctx.body.code as string | undefined) ?? "";
  if (!/^\d{6}$/.test(code)) consoleFail(Code.INVALID_ARGUMENT, "The MFA code used is incorrectly formatted.");
  if (code !== cs.mfaSetupCode) consoleFail(Code.INVALID_ARGUMENT, "The MFA code is invalid.");
  user.mfaCode = code;
  user.update_time = ctx.state.now();
  return { recovery_codes: recoveryCodes() };
}

async function passwordChange(ctx: HandlerContext, { console: cs }: ConsoleContext): Promise<unknown> {
  const password = (ctx.body.password as string | undefined) ?? "";
  if (password.trim() === "") consoleFail(Code.INVALID_ARGUMENT, "Password must be set.");
  if (password.length < 12 || password.length > 128) {
    consoleFail(Code.INVALID_ARGUMENT, "Password must be between 12 and 128 characters long.");
  }
  const claims = await verifyConsoleJwt(cs, (ctx.body.code as string | undefined) ?? "", ctx.state.now() / 1000);
  const user = claims?.pwd === true ? cs.users.get(String(claims.usn).toLowerCase()) : undefined;
  if (!user) consoleFail(Code.UNAUTHENTICATED, "The code provided is invalid.");
  user.password = password;
  user.update_time = ctx.state.now();
  return {};
}

/**
 * The login routes.
 * @example Mount
 * ```ts
 * consoleAuthRoutes().map(mountConsoleRoute);
 * ```
 */
export function consoleAuthRoutes(): ConsoleRoute[] {
  return [
    {
      operation: "Authenticate",
      method: "POST",
      path: "/v2/console/authenticate",
      body: { username: "string", password: "string", mfa: "string" },
      open: true,
      handle: login,
    },
    {
      operation: "AuthenticateLogout",
      method: "POST",
      path: "/v2/console/authenticate/logout",
      body: { token: "string" },
      open: true,
      handle(ctx, { console: cs }) {
        const token = ctx.body.token as string | undefined;
        if (token) cs.revoked.add(token);
        return {};
      },
    },
    {
      operation: "AuthenticateMFASetup",
      method: "POST",
      path: "/v2/console/authenticate/mfa",
      body: { mfa: "string", code: "string" },
      open: true,
      handle: mfaSetup,
    },
    {
      operation: "AuthenticatePasswordChange",
      method: "POST",
      path: "/v2/console/authenticate/password_change",
      body: { code: "string", password: "string" },
      open: true,
      handle: passwordChange,
    },
  ];
}
