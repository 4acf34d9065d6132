/**
 * The fake server's realtime side (`/ws`): the upgrade (token, `format`, `status`, `lang`), frame decoding with
 * Nakama 3.18's quirks (a malformed frame, an unknown field or key, a binary frame, two message keys or none all
 * close the connection with no status; frames over 4096 bytes close with 1009), in-order handling per socket, and
 * the fault hooks tests use. Each feature (chat, matches, matchmaker, parties, status, streams, RPC) lives in its own
 * `realtime_*.ts` file.
 * @module
 */

import type { ServerSocket, SocketHandlers } from "../serve.ts";
import type { FakeState } from "./state.ts";
import { type Feature, type Handler, Hub, RealtimeError, RtCode, type RtSession } from "./realtime_hub.ts";
import { decodeEnvelope, MalformedError } from "./realtime_schema.ts";
import { createChat } from "./realtime_chat.ts";
import { createMatches } from "./realtime_matches.ts";
import { createMatchmaker } from "./realtime_matchmaker.ts";
import { createParties } from "./realtime_parties.ts";
import { createStatus } from "./realtime_status.ts";
import { createStreams } from "./realtime_streams.ts";
import { createRpc } from "./realtime_rpc.ts";

/** The realtime side of one fake server. */
export interface Realtime {
  /** Accepts (handlers) or refuses (a Response) an upgrade request for `/ws`. */
  accept(request: Request, url: URL): Promise<SocketHandlers | Response>;
  /** Closes every socket and clears every timer (match loops, matchmaker). */
  close(): void;
}

/** What tests can do to the connected sockets. */
export interface RealtimeControl {
  /** Open sockets, optionally only a user's. */
  sessions(userId?: string): ReadonlyArray<Readonly<RtSession>>;
  /** Drops sockets without a close frame (clients see 1006; Deno's server can only send close code 4999). */
  drop(userId?: string): number;
  /** Closes sockets with a close frame carrying `code` and `reason` (no code: an empty close frame, 1005). */
  closeSockets(code?: number, reason?: string, userId?: string): number;
  /** Stops (false) or resumes (true) answering `ping` on the sockets, now and for sockets that connect later. */
  answerPings(answer: boolean, userId?: string): void;
  /** Frames each socket received, in order, as text (for wire-level assertions). */
  received(userId?: string): string[];
}

const MAX_FRAME_BYTES = 4096;
const TRUE = new Set(["1", "t", "T", "TRUE", "true", "True"]);
const FALSE = new Set(["0", "f", "F", "FALSE", "false", "False"]);
const controls = new WeakMap<FakeState, RealtimeControl>();

/**
 * The fault and inspection hooks of a fake server's realtime side.
 * @example Make the server stop answering pings
 * ```ts
 * realtimeControl(fake.state).answerPings(false);
 * ```
 */
export function realtimeControl(state: FakeState): RealtimeControl {
  const control = controls.get(state);
  if (!control) throw new Error("This fake server has no realtime side.");
  return control;
}

function refuse(status: number, text: string): Response {
  return new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}

/** Builds the realtime side over the server's state. */
export function createRealtime(state: FakeState): Realtime {
  const hub = new Hub(state);
  const features: Feature[] = [];
  const matches = createMatches(hub);
  const parties = createParties(hub);
  features.push(
    createChat(hub),
    matches,
    createMatchmaker(hub, matches, parties),
    parties,
    createStatus(hub),
    createStreams(hub),
    createRpc(hub),
  );
  const handlers: Record<string, Handler> = {};
  for (const feature of features) Object.assign(handlers, feature.handlers);
  const queues = new Map<RtSession, Promise<void>>();
  const received = new Map<RtSession, string[]>();
  let pingsAnswered = true;
  let closed = false;

  const detach = (session: RtSession) => {
    if (!session.open) return;
    session.open = false;
    hub.sessions.delete(session.id);
    for (const feature of features) feature.sessionClosed?.(session);
  };

  const malformed = (session: RtSession) => {
    // Nakama 3.18 sends an empty close frame: clients see 1005 and no reason.
    detach(session);
    session.socket.close();
  };

  const handle = async (session: RtSession, text: string) => {
    if (!session.open) return;
    let envelope;
    try {
      envelope = decodeEnvelope(text);
    } catch (error) {
      if (error instanceof MalformedError) return malformed(session);
      throw error;
    }
    const { cid, key, message } = envelope;
    const handler = message === undefined ? undefined : handlers[key];
    if (!handler) {
      // A server-only key: Nakama queues UNRECOGNIZED_PAYLOAD and closes, and the close wins the race (as it does
      // for MISSING_PAYLOAD in the captures), so clients only ever see the close.
      return malformed(session);
    }
    try {
      await handler(session, cid, message!);
    } catch (error) {
      if (error instanceof RealtimeError) hub.error(session, cid, error.code, error.message);
      else if (error instanceof MalformedError) malformed(session);
      else hub.error(session, cid, RtCode.RUNTIME_EXCEPTION, error instanceof Error ? error.message : String(error));
    }
  };

  const control: RealtimeControl = {
    sessions: (userId) => [...hub.sessions.values()].filter((s) => userId === undefined || s.userId === userId),
    drop(userId) {
      const victims = control.sessions(userId) as RtSession[];
      for (const session of victims) {
        detach(session);
        session.socket.terminate();
      }
      return victims.length;
    },
    closeSockets(code, reason, userId) {
      const victims = control.sessions(userId) as RtSession[];
      for (const session of victims) {
        detach(session);
        session.socket.close(code, reason);
      }
      return victims.length;
    },
    answerPings(answer, userId) {
      if (userId === undefined) pingsAnswered = answer;
      for (const session of control.sessions(userId) as RtSession[]) session.answerPings = answer;
    },
    received(userId) {
      const out: string[] = [];
      for (const [session, frames] of received) {
        if (userId === undefined || session.userId === userId) out.push(...frames);
      }
      return out;
    },
  };
  controls.set(state, control);

  return {
    async accept(request, url) {
      if (closed) return refuse(503, "Server is shutting down\n");
      const format = url.searchParams.get("format");
      if (format !== null && format !== "json" && format !== "protobuf") {
        return refuse(400, "Invalid format parameter\n");
      }
      if (format === "protobuf") return refuse(400, "The fake server speaks only format=json\n");
      const header = request.headers.get("authorization");
      let token: string | null;
      if (header !== null) token = header.startsWith("Bearer ") ? header.slice(7) : null;
      else token = url.searchParams.get("token");
      const verified = token ? await state.verifyToken(token) : undefined;
      if (!verified || !state.users.has(verified.userId)) return refuse(401, "Missing or invalid token\n");
      const statusParam = url.searchParams.get("status") ?? "false";
      const appearOnline = TRUE.has(statusParam);
      if (!appearOnline && !FALSE.has(statusParam)) return refuse(400, "Invalid status parameter\n");
      const user = state.users.get(verified.userId)!;
      let session: RtSession | undefined;
      return {
        onOpen(socket: ServerSocket) {
          session = {
            id: crypto.randomUUID(),
            userId: user.id,
            username: user.username,
            vars: verified.vars,
            lang: url.searchParams.get("lang") ?? "en",
            socket,
            open: true,
            answerPings: pingsAnswered,
          };
          hub.sessions.set(session.id, session);
          queues.set(session, Promise.resolve());
          received.set(session, []);
          for (const feature of features) feature.sessionOpened?.(session, appearOnline);
        },
        onMessage(_socket, data) {
          const current = session;
          if (!current || !current.open) return;
          if (typeof data !== "string") return malformed(current);
          if (new TextEncoder().encode(data).length > MAX_FRAME_BYTES) {
            detach(current);
            current.socket.close(1009);
            return;
          }
          received.get(current)?.push(data);
          // One frame at a time per socket, in order, like the server's per-session pipeline.
          queues.set(current, (queues.get(current) ?? Promise.resolve()).then(() => handle(current, data)));
        },
        onClose() {
          if (!session) return;
          detach(session);
          queues.delete(session);
          received.delete(session);
        },
      };
    },
    close() {
      closed = true;
      for (const session of [...hub.sessions.values()]) {
        detach(session);
        session.socket.close(1001, "server shutting down");
      }
      for (const feature of features) feature.close?.();
      hub.close();
      controls.delete(state);
    },
  };
}
