/**
 * The console side's own data, kept beside the game state of the same fake server (one {@link ConsoleState} per
 * {@link FakeState}, found with {@link consoleState}): console users and their MFA, tokens and logouts, failed-login
 * counts, account notes, the wallet ledger, deletion tombstones, settings, and the operations a simulated older
 * server lacks. Accounts, storage, leaderboards and groups are the game state's own, so a user created through the
 * game API is in the console's account list at once.
 * @module
 */

import type { FakeState } from "./state.ts";

/** A console user other than the configured admin. Plain-text secrets: this is a test double. */
export interface FakeConsoleUser {
  id: string;
  username: string;
  email: string;
  password: string;
  /** The ACL as the wire shows it (resource name -> permissions). */
  acl: Record<string, { read?: boolean; write?: boolean; delete?: boolean }>;
  /** MFA must be set up before the user gets a token. */
  mfaRequired: boolean;
  /** The one code the user's "authenticator" produces; undefined while MFA is not set up. */
  mfaCode?: string;
  create_time: number;
  update_time: number;
}

/** A note on an account. Times are epoch ms. */
export interface FakeAccountNote {
  id: string;
  user_id: string;
  note: string;
  create_time: number;
  update_time: number;
  create_id: string;
  create_username: string;
  update_id: string;
  update_username: string;
}

/** A wallet ledger item. Times are epoch ms. */
export interface FakeLedgerItem {
  id: string;
  user_id: string;
  /** JSON text. */
  changeset: string;
  /** JSON text. */
  metadata: string;
  create_time: number;
  update_time: number;
}

/** Five failed logins within this window lock the user out. */
const LOCKOUT_WINDOW_MS = 60_000;
const LOCKOUT_FAILURES = 5;

/**
 * The console's data of one fake server. Tests reach it with {@link consoleState} to seed console users, ledger
 * items or settings, shorten the token lifetime, or drop operations to play an older server.
 * @example Play a Nakama 3.28 server (no account notes)
 * ```ts
 * const console = consoleState(fake.state);
 * console.removeOperations("ListAccountNotes", "AddAccountNote", "DeleteAccountNote");
 * ```
 */
export class ConsoleState {
  /** The configured admin (`console.username`). Default `"admin"`. */
  username = "admin";
  /** The configured admin's password (`console.password`). Default `"password"`. */
  password = "password";
  /** HS256 secret of console tokens (`console.signing_key`). */
  signingKey = "defaultsigningkey";
  /** Console token lifetime (`console.token_expiry_sec`). Default 86400. */
  tokenExpirySec = 86_400;
  /** The code `AuthenticateMFASetup` accepts (the fake's authenticator app always shows it). */
  mfaSetupCode = "123456";
  /** What `GetConfig` reports. */
  serverVersion = "3.40.0+fake";
  /** Console users other than the admin, by lower-cased username. */
  readonly users: Map<string, FakeConsoleUser> = new Map();
  /** Notes per account id. */
  readonly notes: Map<string, FakeAccountNote[]> = new Map();
  /** Wallet ledger per user id, oldest first. */
  readonly ledger: Map<string, FakeLedgerItem[]> = new Map();
  /** Accounts deleted with `record_deletion`, id -> deletion time (ms). */
  readonly tombstones: Map<string, number> = new Map();
  /** Console settings by name. */
  readonly settings: Map<string, { value: string; update_time: number }> = new Map();
  /** Operation ids (swagger names) this server answers with 404 `Not Found`, as an older version would. */
  readonly removed: Set<string> = new Set();
  /** Tokens that were logged out. */
  readonly revoked: Set<string> = new Set();
  readonly #failures = new Map<string, number[]>();
  readonly #state: FakeState;

  constructor(state: FakeState) {
    this.#state = state;
  }

  /** Makes operations answer like a server that lacks them (404 `Not Found`). */
  removeOperations(...operations: string[]): void {
    for (const operation of operations) this.removed.add(operation);
  }

  /** Adds a console user; returns it. */
  addUser(fields: Partial<FakeConsoleUser> & { username: string; password: string }): FakeConsoleUser {
    const now = this.#state.now();
    const user: FakeConsoleUser = {
      id: crypto.randomUUID(),
      email: `${fields.username}@example.com`,
      acl: { ALL: { read: true, write: true, delete: true } },
      mfaRequired: false,
      create_time: now,
      update_time: now,
      ...fields,
    };
    this.users.set(user.username.toLowerCase(), user);
    return user;
  }

  /**
   * Records a wallet change, as a runtime `WalletUpdate` would (console wallet edits write none).
   * @example Seed a ledger item
   * ```ts
   * consoleState(fake.state).addLedgerItem(userId, { coins: 10 });
   * ```
   */
  addLedgerItem(
    userId: string,
    changeset: Record<string, number>,
    metadata: Record<string, unknown> = {},
  ): FakeLedgerItem {
    const now = this.#state.now();
    const item: FakeLedgerItem = {
      id: crypto.randomUUID(),
      user_id: userId,
      changeset: JSON.stringify(changeset),
      metadata: JSON.stringify(metadata),
      create_time: now,
      update_time: now,
    };
    let list = this.ledger.get(userId);
    if (!list) this.ledger.set(userId, list = []);
    list.push(item);
    return item;
  }

  /** Whether a username is locked out after too many failed logins. */
  isLockedOut(username: string): boolean {
    return this.#recentFailures(username).length >= LOCKOUT_FAILURES;
  }

  /** Counts a failed login. */
  addFailure(username: string): void {
    this.#failures.set(username, [...this.#recentFailures(username), this.#state.now()]);
  }

  /** Forgets a user's failed logins (after a successful one). */
  resetFailures(username: string): void {
    this.#failures.delete(username);
  }

  #recentFailures(username: string): number[] {
    const since = this.#state.now() - LOCKOUT_WINDOW_MS;
    return (this.#failures.get(username) ?? []).filter((at) => at > since);
  }
}

const states = new WeakMap<FakeState, ConsoleState>();

/**
 * The console data of a fake server (created on first use).
 * @example Shorten console tokens
 * ```ts
 * consoleState(fake.state).tokenExpirySec = 30;
 * ```
 */
export function consoleState(state: FakeState): ConsoleState {
  let found = states.get(state);
  if (!found) states.set(state, found = new ConsoleState(state));
  return found;
}
