/**
 * A console (admin) session: the console JWT and the claims read from it. Console tokens carry other claims than
 * game sessions (`id`, `usn`, `ema`, `acl` from 3.33 or `rol` before, `exp`; no `uid`, no refresh token), so they get
 * their own small class rather than a `Session` with an empty user id.
 * @module
 */

import { decodeJwtPayload } from "../session.ts";

/**
 * A console user's session. The console API has no refresh: a `ConsoleClient` built with `reauthenticate: true` logs
 * in again when the token is about to expire (or is rejected) and updates this object in place, so code that holds it
 * always sees the newest token. Logging it (or `JSON.stringify`) never shows the token.
 *
 * @example Reading who is logged in
 * ```ts
 * import { ConsoleClient } from "@nakama-ts/sdk/console";
 * const admin = new ConsoleClient({ port: 7351 });
 * const session = await admin.authenticate("admin", "password");
 * console.log(session.username, new Date(session.expiresAt * 1000));
 * ```
 */
export class ConsoleSession {
  #token = "";
  #userId = "";
  #username = "";
  #email = "";
  #acl = "";
  #role: number | undefined;
  #expiresAt = 0;

  /**
   * Builds a session from a console token.
   * @param token The console JWT from `authenticate`.
   * @throws {InvalidResponseError} when the token is not a JWT with a numeric `exp`.
   */
  constructor(token: string) {
    this.update(token);
  }

  /**
   * Rebuilds a session from a stored token.
   * @throws {InvalidResponseError} when the token is malformed.
   *
   * @example Reusing a token between script runs
   * ```ts
   * import { ConsoleSession } from "@nakama-ts/sdk/console";
   * const session = ConsoleSession.restore(savedToken);
   * if (session.isExpired()) console.log("log in again");
   * ```
   */
  static restore(token: string): ConsoleSession {
    return new ConsoleSession(token);
  }

  /**
   * Replaces the token (after a new login) and re-reads its claims.
   * @throws {InvalidResponseError} when the token is malformed; the session is then left unchanged.
   */
  update(token: string): void {
    const claims = decodeJwtPayload(token) as Record<string, unknown>;
    this.#token = token;
    this.#expiresAt = claims.exp as number;
    this.#userId = typeof claims.id === "string" ? claims.id : "";
    this.#username = typeof claims.usn === "string" ? claims.usn : "";
    this.#email = typeof claims.ema === "string" ? claims.ema : "";
    this.#acl = typeof claims.acl === "string" ? claims.acl : "";
    this.#role = typeof claims.rol === "number" ? claims.rol : undefined;
  }

  /** The console JWT, sent as the Bearer token. */
  get token(): string {
    return this.#token;
  }
  /** The console user's id (`id` claim; the all-zero UUID for the configured admin), or "" on old servers. */
  get userId(): string {
    return this.#userId;
  }
  /** The console username (`usn` claim). */
  get username(): string {
    return this.#username;
  }
  /** The console user's email (`ema` claim), or "". */
  get email(): string {
    return this.#email;
  }
  /** The permission bitmap (`acl` claim, base64url) of Nakama 3.33 and later, or "". */
  get acl(): string {
    return this.#acl;
  }
  /** The role (`rol` claim: 1 admin, 2 developer, 3 maintainer, 4 read-only) before Nakama 3.33, or undefined. */
  get role(): number | undefined {
    return this.#role;
  }
  /** When the token expires (`exp`), Unix seconds. */
  get expiresAt(): number {
    return this.#expiresAt;
  }

  /** True when the token has expired at `now` (Unix seconds; default: the current time). */
  isExpired(now: number = Date.now() / 1000): boolean {
    return now > this.#expiresAt;
  }

  /** A summary without the token, so that logging a session leaks nothing. */
  toJSON(): Record<string, unknown> {
    return {
      userId: this.#userId,
      username: this.#username,
      email: this.#email,
      expiresAt: this.#expiresAt,
      ...(this.#role === undefined ? {} : { role: this.#role }),
    };
  }
}
