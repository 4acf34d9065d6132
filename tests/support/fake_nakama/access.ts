/**
 * Authentication of REST calls, with the exact 401 texts of Nakama 3.18: the server key (Basic) on authenticate
 * and refresh, the session token (Bearer) everywhere else, and the RPC route's own rules (HTTP key in the query
 * or as the Basic username, or a session) with its own error body.
 * @module
 */

import { Code, GatewayError } from "./errors.ts";
import type { FakeState, FakeUser, VerifiedToken } from "./state.ts";

/** The caller of a Bearer-authenticated request. */
export interface Caller extends VerifiedToken {
  user: FakeUser;
}

/**
 * Decodes `Basic base64(user:pass)` to its username part; undefined when the header is not valid Basic.
 * @example Read the server key
 * ```ts
 * basicUser("Basic ZGVmYXVsdGtleTo="); // "defaultkey"
 * ```
 */
export function basicUser(header: string): string | undefined {
  const match = /^Basic\s+(.+)$/i.exec(header.trim());
  if (!match) return undefined;
  try {
    const binary = atob(match[1]);
    const text = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const colon = text.indexOf(":");
    return colon < 0 ? undefined : text.slice(0, colon);
  } catch {
    return undefined;
  }
}

function bearerToken(header: string): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match ? match[1] : undefined;
}

/**
 * Checks the server key of authenticate/refresh calls.
 * @example Check
 * ```ts
 * requireServerKey(state, request.headers);
 * ```
 */
export function requireServerKey(state: FakeState, headers: Headers): void {
  const header = headers.get("authorization");
  if (!header) throw new GatewayError(Code.UNAUTHENTICATED, "Server key required");
  if (basicUser(header) !== state.serverKey) throw new GatewayError(Code.UNAUTHENTICATED, "Server key invalid");
}

/**
 * Verifies a session token for REST: signature, expiry, not logged out, account still there.
 * @example Verify
 * ```ts
 * const caller = await restSession(state, token);
 * ```
 */
export async function restSession(state: FakeState, token: string): Promise<Caller | undefined> {
  const verified = await state.verifyToken(token);
  if (!verified || state.isRevoked(verified.tokenId)) return undefined;
  const user = state.users.get(verified.userId);
  if (!user || user.disable_time) return undefined;
  return { ...verified, user };
}

/**
 * Checks the session of a Bearer route and returns the caller.
 * @example Check
 * ```ts
 * const caller = await requireSession(state, request.headers);
 * ```
 */
export async function requireSession(state: FakeState, headers: Headers): Promise<Caller> {
  const header = headers.get("authorization");
  if (!header) throw new GatewayError(Code.UNAUTHENTICATED, "Auth token required");
  const token = bearerToken(header);
  const caller = token ? await restSession(state, token) : undefined;
  if (!caller) throw new GatewayError(Code.UNAUTHENTICATED, "Auth token invalid");
  return caller;
}

function rpcError(code: number, message: string): GatewayError {
  return new GatewayError(code, message, { error: message, message, code });
}

/**
 * Authenticates an RPC call: the `http_key` query parameter first, then the Authorization header (Basic = HTTP
 * key, Bearer = session). Returns the caller, or undefined for an HTTP-key call.
 * @example Check
 * ```ts
 * const caller = await requireRpcAccess(state, url.searchParams, request.headers);
 * ```
 */
export async function requireRpcAccess(
  state: FakeState,
  query: URLSearchParams,
  headers: Headers,
): Promise<Caller | undefined> {
  const httpKey = query.get("http_key");
  if (httpKey) {
    if (httpKey !== state.httpKey) throw rpcError(Code.UNAUTHENTICATED, "HTTP key invalid");
    return undefined;
  }
  const header = headers.get("authorization");
  if (!header) throw rpcError(Code.UNAUTHENTICATED, "Auth token or HTTP key required");
  const basic = basicUser(header);
  if (basic !== undefined) {
    if (basic !== state.httpKey) throw rpcError(Code.UNAUTHENTICATED, "HTTP key invalid");
    return undefined;
  }
  const token = bearerToken(header);
  const caller = token ? await restSession(state, token) : undefined;
  if (!caller) throw rpcError(Code.UNAUTHENTICATED, "Auth token invalid");
  return caller;
}

/**
 * The RPC route's own error body shape, for errors before the function runs.
 * @example Refuse
 * ```ts
 * throw rpcRouteError(5, "RPC function not found");
 * ```
 */
export function rpcRouteError(code: number, message: string): GatewayError {
  return rpcError(code, message);
}
