/**
 * A Nakama (or Satori) session: the two JWTs and the claims read from them. Signatures are not checked (only the
 * server can); claims are read with base64url -> bytes -> UTF-8, so "Jörg" and any Unicode var survive.
 * @module
 */

import { base64ToBytes, utf8Decode } from "./internal/base64.ts";
import { InvalidResponseError } from "./errors.ts";

/** The claims this SDK reads from a token's payload. */
interface Claims {
  exp?: unknown;
  iat?: unknown;
  uid?: unknown;
  usn?: unknown;
  vrs?: unknown;
  tid?: unknown;
  iid?: unknown;
  sid?: unknown;
}

/**
 * Reads a JWT's payload without checking its signature.
 * @throws {InvalidResponseError} when the token is not a JWT with a JSON object payload and a numeric `exp`.
 */
export function decodeJwtPayload(token: string): Claims {
  const fail = (why: string) => new InvalidResponseError(`The session token is malformed: ${why}.`);
  if (typeof token !== "string") throw fail("it is not a string");
  const parts = token.split(".");
  if (parts.length !== 3) throw fail("it does not have three parts");
  let payload: unknown;
  try {
    payload = JSON.parse(utf8Decode(base64ToBytes(parts[1])));
  } catch {
    throw fail("its payload is not base64url-encoded UTF-8 JSON");
  }
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    throw fail("its payload is not a JSON object");
  }
  const claims = payload as Claims;
  if (typeof claims.exp !== "number" || !Number.isFinite(claims.exp)) throw fail("it has no numeric exp claim");
  return claims;
}

function readVars(value: unknown): Record<string, string> {
  const vars: Record<string, string> = {};
  if (value === null || typeof value !== "object" || Array.isArray(value)) return vars;
  for (const [key, item] of Object.entries(value)) {
    // defineProperty keeps a "__proto__" var an ordinary key instead of changing the object's prototype.
    Object.defineProperty(vars, key, {
      value: typeof item === "string" ? item : JSON.stringify(item),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return vars;
}

/**
 * An authenticated session. Times are Unix seconds, like the token claims. A client refreshes it in place, so code
 * that holds the object always sees the newest tokens.
 *
 * @example Storing and restoring a session
 * ```ts
 * import { Client, Session } from "@nakama-ts/sdk";
 * const client = new Client();
 * const session = await client.authenticateDevice("device-id-0001", { create: true });
 * const saved = JSON.stringify({ token: session.token, refreshToken: session.refreshToken });
 * const { token, refreshToken } = JSON.parse(saved);
 * const restored = Session.restore(token, refreshToken);
 * console.log(restored.userId === session.userId); // true
 * ```
 */
export class Session {
  #token = "";
  #refreshToken = "";
  #expiresAt = 0;
  #refreshExpiresAt = 0;
  #userId = "";
  #username = "";
  #identityId = "";
  #sessionId = "";
  #vars: Record<string, string> = {};
  #createdAt: number;
  /** True when the authenticate call that made this session created the account. */
  readonly created: boolean;

  /**
   * Builds a session from the server's tokens.
   * @param token The session JWT.
   * @param refreshToken The refresh JWT, or "" when there is none.
   * @param created Whether the account was just created.
   * @throws {InvalidResponseError} when a token is malformed.
   */
  constructor(token: string, refreshToken: string, created = false) {
    this.created = created;
    this.#createdAt = Math.floor(Date.now() / 1000);
    this.update(token, refreshToken);
  }

  /**
   * Rebuilds a session from stored tokens.
   * @throws {InvalidResponseError} when a token is malformed.
   *
   * @example Restoring from storage
   * ```ts
   * import { Session } from "@nakama-ts/sdk";
   * const restored = Session.restore(localStorage.getItem("token")!, localStorage.getItem("refresh") ?? "");
   * console.log(restored.isExpired());
   * ```
   */
  static restore(token: string, refreshToken = ""): Session {
    return new Session(token, refreshToken, false);
  }

  /**
   * Replaces the tokens (after a refresh) and re-reads the claims. An empty refresh token keeps the current one.
   * @throws {InvalidResponseError} when a token is malformed; the session is then left unchanged.
   */
  update(token: string, refreshToken: string): void {
    const claims = decodeJwtPayload(token);
    const refreshClaims = refreshToken ? decodeJwtPayload(refreshToken) : undefined;
    this.#token = token;
    this.#expiresAt = claims.exp as number;
    this.#userId = typeof claims.uid === "string" ? claims.uid : typeof claims.iid === "string" ? claims.iid : "";
    this.#username = typeof claims.usn === "string" ? claims.usn : "";
    this.#identityId = typeof claims.iid === "string" ? claims.iid : "";
    this.#sessionId = typeof claims.sid === "string" ? claims.sid : "";
    this.#vars = readVars(claims.vrs);
    if (typeof claims.iat === "number") this.#createdAt = claims.iat;
    if (refreshClaims) {
      this.#refreshToken = refreshToken;
      this.#refreshExpiresAt = refreshClaims.exp as number;
    }
  }

  /** The session JWT, sent as the Bearer token. */
  get token(): string {
    return this.#token;
  }
  /** The refresh JWT, or "" when the server gave none. */
  get refreshToken(): string {
    return this.#refreshToken;
  }
  /** The user's id (`uid` claim). */
  get userId(): string {
    return this.#userId;
  }
  /** The username when the token was issued (`usn` claim). */
  get username(): string {
    return this.#username;
  }
  /** The Satori identity id (`iid` claim), or "" in a Nakama session. */
  get identityId(): string {
    return this.#identityId;
  }
  /** The Satori session id (`sid` claim), or "" when the token has none. */
  get sessionId(): string {
    return this.#sessionId;
  }
  /** Session variables (`vrs` claim), a fresh copy on each read. */
  get vars(): Record<string, string> {
    return { ...this.#vars };
  }
  /** When the session was first authenticated (`iat`), or when this object was made if the token has no `iat`. */
  get createdAt(): number {
    return this.#createdAt;
  }
  /** When the session token expires (`exp`). */
  get expiresAt(): number {
    return this.#expiresAt;
  }
  /** When the refresh token expires, or 0 without one. */
  get refreshExpiresAt(): number {
    return this.#refreshExpiresAt;
  }

  /**
   * True when the session token has expired at `now` (Unix seconds; default: the current time).
   */
  isExpired(now: number = Date.now() / 1000): boolean {
    return now > this.#expiresAt;
  }

  /**
   * True when the refresh token has expired at `now` (Unix seconds), or when there is none.
   */
  isRefreshExpired(now: number = Date.now() / 1000): boolean {
    return now > this.#refreshExpiresAt;
  }

  /** A summary without the tokens, so that logging a session leaks nothing. */
  toJSON(): Record<string, unknown> {
    // Satori's claims appear only when present, so a Nakama session's summary is unchanged.
    const satori = this.#identityId === "" ? {} : { identityId: this.#identityId, sessionId: this.#sessionId };
    return {
      userId: this.#userId,
      username: this.#username,
      created: this.created,
      createdAt: this.#createdAt,
      expiresAt: this.#expiresAt,
      refreshExpiresAt: this.#refreshExpiresAt,
      vars: this.vars,
      ...satori,
    };
  }
}
