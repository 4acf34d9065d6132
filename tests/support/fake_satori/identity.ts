/**
 * Identities and sessions: authenticate (creating the identity), refresh, logout, identify (moving the session to
 * another identity and merging properties) and identity deletion.
 * @module
 */

import { signToken, verifyToken } from "./jwt.ts";
import { badInput, unauthenticated } from "./reply.ts";
import { type Context, objectBody, type Route } from "./router.ts";
import type { FakeSatoriState, Identity } from "./state.ts";
import { applyProperties, propertiesOf } from "./properties.ts";

const IDENTITY_ID = /^[A-Za-z0-9_-]{8,128}$/;

function identityId(value: unknown): string {
  if (typeof value !== "string" || !IDENTITY_ID.test(value)) {
    throw badInput("Invalid identity ID: 8 to 128 characters of A-Z, a-z, 0-9, _ and -.");
  }
  return value;
}

/** New session and refresh tokens for an identity, with a fresh session id. */
async function issue(state: FakeSatoriState, identity: Identity) {
  const now = state.nowSec();
  const sid = crypto.randomUUID();
  return {
    token: await signToken({ iid: identity.id, sid, iat: now, exp: now + state.tokenExpirySec }, state.signingKey),
    refresh_token: await signToken(
      { iid: identity.id, sid, iat: now, exp: now + state.refreshTokenExpirySec },
      state.refreshSigningKey,
    ),
    properties: propertiesOf(state, identity),
  };
}

async function authenticate(context: Context) {
  const { state } = context;
  const body = objectBody(context);
  const id = identityId(body.id);
  const identity = state.identity(id);
  applyProperties(identity, body.default, body.custom);
  if (body.no_session === true) return { properties: propertiesOf(state, identity) };
  return await issue(state, identity);
}

async function refresh(context: Context) {
  const { state } = context;
  const token = objectBody(context).refresh_token;
  if (typeof token !== "string" || token === "") throw badInput("Refresh token is required.");
  const claims = await verifyToken(token, state.refreshSigningKey, state.now() / 1000);
  if (!claims || state.revokedSessions.has(claims.sid)) throw unauthenticated("Refresh token invalid or expired.");
  const identity = state.identities.get(claims.iid);
  if (!identity) throw unauthenticated("Refresh token invalid or expired.");
  return await issue(state, identity);
}

async function logout(context: Context) {
  const { state } = context;
  const body = objectBody(context);
  state.revokedSessions.add(context.claims!.sid);
  for (const [value, secret] of [[body.token, state.signingKey], [body.refresh_token, state.refreshSigningKey]]) {
    if (typeof value !== "string" || value === "") continue;
    const claims = await verifyToken(value, secret as string, state.now() / 1000);
    if (claims) state.revokedSessions.add(claims.sid);
  }
  return {};
}

async function identify(context: Context) {
  const { state } = context;
  const body = objectBody(context);
  const id = identityId(body.id);
  const from = context.identity!;
  const to = state.identity(id);
  if (to !== from) {
    // The old identity's properties carry over; the target's own values win.
    to.default = { ...from.default, ...to.default };
    to.custom = { ...from.custom, ...to.custom };
  }
  applyProperties(to, body.default, body.custom);
  state.revokedSessions.add(context.claims!.sid);
  return await issue(state, to);
}

function deleteIdentity({ state, identity }: Context) {
  state.identities.delete(identity!.id);
  for (let i = state.events.length - 1; i >= 0; i--) {
    if (state.events[i].identity_id === identity!.id) state.events.splice(i, 1);
  }
  return {};
}

/** The routes of this file. */
export const identityRoutes: Route[] = [
  { method: "POST", pattern: /^\/v1\/authenticate$/, auth: "basic", handle: authenticate },
  { method: "POST", pattern: /^\/v1\/authenticate\/refresh$/, auth: "basic", handle: refresh },
  { method: "POST", pattern: /^\/v1\/authenticate\/logout$/, auth: "bearer", handle: logout },
  { method: "PUT", pattern: /^\/v1\/identify$/, auth: "bearer", handle: identify },
  { method: "DELETE", pattern: /^\/v1\/identity$/, auth: "bearer", handle: deleteIdentity },
];
