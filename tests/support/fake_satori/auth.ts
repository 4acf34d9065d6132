/**
 * The fake Satori's two auth schemes: Basic with the API key as username (authenticate, refresh, default flags) and
 * Bearer with a session token (everything else). Messages follow Nakama's wording.
 * @module
 */

import { type SatoriClaims, verifyToken } from "./jwt.ts";
import { unauthenticated } from "./reply.ts";
import type { FakeSatoriState, Identity } from "./state.ts";

/** The scheme of a request's Authorization header. */
export function scheme(request: Request): "basic" | "bearer" | "none" | "other" {
  const header = request.headers.get("authorization");
  if (header === null) return "none";
  if (/^basic /i.test(header)) return "basic";
  if (/^bearer /i.test(header)) return "bearer";
  return "other";
}

/** Checks the Basic API key; throws 401 when it is missing or wrong. */
export function requireApiKey(state: FakeSatoriState, request: Request): void {
  const header = request.headers.get("authorization") ?? "";
  if (!/^basic /i.test(header)) throw unauthenticated("API key required");
  let username: string;
  try {
    username = atob(header.slice(6).trim()).split(":")[0];
  } catch {
    throw unauthenticated("API key invalid");
  }
  if (username !== state.apiKey) throw unauthenticated("API key invalid");
}

/** The identity of a Bearer session token; throws 401 for a missing, invalid, expired or revoked token. */
export async function requireSession(
  state: FakeSatoriState,
  request: Request,
): Promise<{ identity: Identity; claims: SatoriClaims }> {
  const header = request.headers.get("authorization") ?? "";
  if (!/^bearer /i.test(header)) throw unauthenticated("Auth token required");
  const claims = await verifyToken(header.slice(7).trim(), state.signingKey, state.now() / 1000);
  if (!claims || state.revokedSessions.has(claims.sid)) throw unauthenticated("Auth token invalid");
  const identity = state.identities.get(claims.iid);
  if (!identity) throw unauthenticated("Auth token invalid");
  return { identity, claims };
}
