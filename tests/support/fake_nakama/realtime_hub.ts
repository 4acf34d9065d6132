/**
 * What every part of the fake's realtime side shares: the connected sessions, frame sending with Nakama's reply
 * conventions (`{"cid":"N"}` empty replies, a literal `{}` for a cid-less one), error envelopes, presences, and the
 * timers it owns (all cleared by {@link Hub.close}).
 * @module
 */

import type { ServerSocket } from "../serve.ts";
import type { FakeState } from "./state.ts";

/** One connected socket. */
export interface RtSession {
  /** The session id every presence of this socket carries. */
  readonly id: string;
  readonly userId: string;
  readonly username: string;
  /** Session variables of the token it connected with. */
  readonly vars: Record<string, string>;
  readonly lang: string;
  readonly socket: ServerSocket;
  /** False once the socket closed. */
  open: boolean;
  /** Fault hook: when false, `ping` gets no `pong`. */
  answerPings: boolean;
}

/** A presence as the wire carries it. */
export interface WirePresence {
  user_id: string;
  session_id: string;
  username: string;
  persistence?: boolean;
  status?: string;
}

/** A message handler: gets the session, the request's cid (if any) and the decoded message. */
export type Handler = (session: RtSession, cid: string | undefined, message: Record<string, unknown>) =>
  | void
  | Promise<void>;

/** One area of the realtime side (chat, matches...). */
export interface Feature {
  /** Handlers by envelope key. */
  readonly handlers: Record<string, Handler>;
  /** Called when a socket connects (`appearOnline` is the `status` query parameter). */
  sessionOpened?(session: RtSession, appearOnline: boolean): void;
  /** Called when a session closes, to drop its presences. */
  sessionClosed?(session: RtSession): void;
  /** Releases everything (timers, state hooks). */
  close?(): void;
}

/** The error an envelope answers with: realtime error codes, not gRPC codes. */
export class RealtimeError extends Error {
  readonly code: number;
  constructor(code: number, message: string) {
    super(message);
    this.name = "RealtimeError";
    this.code = code;
  }
}

/** Realtime error codes. */
export const RtCode = {
  RUNTIME_EXCEPTION: 0,
  UNRECOGNIZED_PAYLOAD: 1,
  MISSING_PAYLOAD: 2,
  BAD_INPUT: 3,
  MATCH_NOT_FOUND: 4,
  MATCH_JOIN_REJECTED: 5,
  RUNTIME_FUNCTION_NOT_FOUND: 6,
  RUNTIME_FUNCTION_EXCEPTION: 7,
} as const;

/**
 * Throws a BAD_INPUT (or other) error envelope for the request being handled.
 * @example Refuse
 * ```ts
 * badInput("Invalid match ID");
 * ```
 */
export function badInput(message: string, code: number = RtCode.BAD_INPUT): never {
  throw new RealtimeError(code, message);
}

/** Shared state of the realtime side. */
export class Hub {
  readonly state: FakeState;
  /** Open sessions by session id. */
  readonly sessions: Map<string, RtSession> = new Map();
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(state: FakeState) {
    this.state = state;
  }

  /** Sends one envelope. */
  send(session: RtSession, envelope: Record<string, unknown>): void {
    if (session.open) session.socket.send(JSON.stringify(envelope));
  }

  /** Sends a reply: with a key and body, or empty (`{"cid":"N"}`, or `{}` for a request without cid). */
  reply(session: RtSession, cid: string | undefined, key?: string, body?: unknown): void {
    const envelope: Record<string, unknown> = {};
    if (cid !== undefined) envelope.cid = cid;
    if (key !== undefined) envelope[key] = body ?? {};
    this.send(session, envelope);
  }

  /** Sends an error envelope. */
  error(session: RtSession, cid: string | undefined, code: number, message: string): void {
    const body: Record<string, unknown> = {};
    if (code !== 0) body.code = code;
    if (message) body.message = message;
    this.reply(session, cid, "error", body);
  }

  /** A session's presence. */
  presence(session: RtSession): WirePresence {
    return { user_id: session.userId, session_id: session.id, username: session.username };
  }

  /** Open sessions of a user. */
  sessionsOf(userId: string): RtSession[] {
    return [...this.sessions.values()].filter((s) => s.userId === userId);
  }

  /** Runs `fn` after `ms` on a timer the hub owns (cleared by {@link close}). */
  later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      fn();
    }, ms);
    this.#timers.add(timer);
  }

  /** Clears every timer. */
  close(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}

/**
 * A UUID v5 (SHA-1, DNS namespace), which Nakama uses for named relayed matches.
 * @example Same name, same id
 * ```ts
 * (await uuidV5("my-match")) === (await uuidV5("my-match")); // true
 * ```
 */
export async function uuidV5(name: string): Promise<string> {
  const namespace = "6ba7b810-9dad-11d1-80b4-00c04fd430c8".replace(/-/g, "");
  const ns = new Uint8Array(16);
  for (let i = 0; i < 16; i++) ns[i] = parseInt(namespace.slice(i * 2, i * 2 + 2), 16);
  const nameBytes = new TextEncoder().encode(name);
  const input = new Uint8Array(16 + nameBytes.length);
  input.set(ns);
  input.set(nameBytes, 16);
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-1", input)).slice(0, 16);
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = Array.from(hash, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
