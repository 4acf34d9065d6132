/**
 * Session refresh shared by the Nakama and Satori clients: the "about to expire" rule, single-flight refresh (one
 * request however many calls wait on it), the in-place update, the `onSessionRefreshed` callback, and the mapping of
 * a rejected refresh token to {@link SessionExpiredError}. Each client supplies only its own refresh request.
 * @module
 */

import { NakamaError, type Service, SessionExpiredError } from "./errors.ts";
import type { Logger } from "./logger.ts";
import type { Session } from "./session.ts";

/** The token pair a refresh call answers with. */
export interface TokenReply {
  token?: unknown;
  refresh_token?: unknown;
}

/** What a refresher needs from its client. */
export interface SessionRefresherOptions {
  readonly service: Service;
  readonly logger: Logger;
  readonly autoRefresh: boolean;
  /** How close to expiry (ms) a session is refreshed before a call. */
  readonly expiredTimespanMs: number;
  readonly onSessionRefreshed?: (session: Session) => void;
}

/** Keeps the sessions of one client fresh. */
export class SessionRefresher {
  readonly #options: SessionRefresherOptions;
  readonly #pending = new WeakMap<Session, Promise<Session>>();

  /** Takes the client's settings; no request is sent. */
  constructor(options: SessionRefresherOptions) {
    this.#options = options;
  }

  /** True when auto-refresh is on and the session expires within the configured timespan. */
  isDue(session: Session): boolean {
    return this.#options.autoRefresh && session.refreshToken !== "" &&
      session.isExpired((Date.now() + this.#options.expiredTimespanMs) / 1000);
  }

  /**
   * Refreshes the session in place with `send(refreshToken)`; calls made while one refresh is in flight share it.
   * @throws {SessionExpiredError} when there is no usable refresh token or the server rejects it.
   */
  refresh(session: Session, send: (refreshToken: string) => Promise<TokenReply>): Promise<Session> {
    const pending = this.#pending.get(session);
    if (pending) return pending;
    const refresh = this.#refresh(session, send).finally(() => this.#pending.delete(session));
    this.#pending.set(session, refresh);
    return refresh;
  }

  async #refresh(session: Session, send: (refreshToken: string) => Promise<TokenReply>): Promise<Session> {
    const { service, logger } = this.#options;
    if (session.refreshToken === "") {
      throw new SessionExpiredError("The session has no refresh token; authenticate again.", { service });
    }
    if (session.isRefreshExpired()) {
      throw new SessionExpiredError("The refresh token has expired; authenticate again.", { service });
    }
    let reply: TokenReply;
    try {
      reply = await send(session.refreshToken);
    } catch (error) {
      // A 401 also answers a wrong server or API key: only a rejected token means the user must sign in again.
      if (error instanceof NakamaError && error.status === 401 && !/\bkey\b/i.test(error.message)) {
        throw new SessionExpiredError(`The server rejected the refresh token; authenticate again. (${error.message})`, {
          status: error.status,
          grpcCode: error.grpcCode,
          method: error.method,
          path: error.path,
          data: error.data,
          service,
          cause: error,
        });
      }
      throw error;
    }
    if (typeof reply?.token !== "string") {
      throw new NakamaError("The refresh reply has no session token.", { service, data: undefined });
    }
    session.update(reply.token, typeof reply.refresh_token === "string" ? reply.refresh_token : "");
    logger.info(`${service === "satori" ? "Satori session" : "Session"} refreshed.`);
    try {
      this.#options.onSessionRefreshed?.(session);
    } catch (error) {
      logger.warn("onSessionRefreshed threw.", error);
    }
    return session;
  }
}
