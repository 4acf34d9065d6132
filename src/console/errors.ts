/**
 * The console client's own error kinds: an operation the server's version does not have, and a login that needs a
 * multi-factor step. Both are {@link NakamaError}s with `service: "console"`.
 * @module
 */

import { NakamaError, type NakamaErrorDetails } from "../errors.ts";

/**
 * The server has no such console operation: it is older than the operation (the console API grew from 62 operations
 * in Nakama 3.18 to 92 in 3.40). Raised for the gateway's 404 `Not Found` and 501 `Method Not Allowed` answers, which
 * are never retried. `operation` names the swagger operation and `since` the first version known to have it.
 *
 * @example Falling back on an older server
 * ```ts
 * import { ConsoleClient, UnsupportedOperationError } from "@nakama-ts/sdk/console";
 * const admin = new ConsoleClient();
 * const session = await admin.authenticate("admin", "password");
 * try {
 *   await admin.addAccountNote(session, userId, "Banned for cheating.");
 * } catch (error) {
 *   if (error instanceof UnsupportedOperationError) console.log(`${error.operation} needs Nakama ${error.since}`);
 *   else throw error;
 * }
 * ```
 */
export class UnsupportedOperationError extends NakamaError {
  /** Always `"NAKAMA_UNSUPPORTED_OPERATION"`. */
  override readonly code: string = "NAKAMA_UNSUPPORTED_OPERATION";
  /** The swagger operation id, such as `"ListAccountNotes"`. */
  readonly operation: string;
  /** The first Nakama version known to have the operation, such as `"3.33"`, when known. */
  readonly since: string | undefined;

  /** Builds the error; `message` is used as it is. */
  constructor(
    message: string,
    details: NakamaErrorDetails & { operation: string; since?: string },
  ) {
    super(message, { ...details, service: "console" });
    this.operation = details.operation;
    this.since = details.since;
  }
}

/**
 * The console login needs a multi-factor step. Either the user has MFA set up and no (or a wrong) code was sent
 * (`setupToken` is undefined: pass `mfa` to `authenticate`), or MFA is required but not set up yet (`setupToken` is the
 * one-time token to pass to `authenticateMfaSetup` with a code from the authenticator app). The token is kept out of
 * the message and out of `JSON.stringify`.
 *
 * @example Asking for a code
 * ```ts
 * import { ConsoleClient, MfaRequiredError } from "@nakama-ts/sdk/console";
 * const admin = new ConsoleClient();
 * try {
 *   await admin.authenticate("ana", "a-long-password");
 * } catch (error) {
 *   if (!(error instanceof MfaRequiredError)) throw error;
 *   const session = await admin.authenticate("ana", "a-long-password", { mfa: prompt("MFA code") ?? "" });
 * }
 * ```
 */
export class MfaRequiredError extends NakamaError {
  /** Always `"NAKAMA_MFA_REQUIRED"`. */
  override readonly code: string = "NAKAMA_MFA_REQUIRED";
  /** The one-time MFA setup token when MFA must be set up first, else undefined. Not enumerable. */
  declare readonly setupToken: string | undefined;

  /** Builds the error; `message` is used as it is. */
  constructor(message: string, details: NakamaErrorDetails & { setupToken?: string } = {}) {
    const { setupToken, ...rest } = details;
    super(message, { ...rest, service: "console" });
    Object.defineProperty(this, "setupToken", { value: setupToken, enumerable: false });
  }
}
