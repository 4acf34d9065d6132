/**
 * Matches over the socket: relayed matches (data forwarded to the others, or to the listed presences), named
 * matches (UUID v5 of the name), joins by matchmaker token, and authoritative matches. The `test_match` handler
 * echoes every message to all presences, sender included, on its next tick (an owned zero-delay timer here instead
 * of 100 ms). `state.matches` mirrors the live matches for REST `ListMatches`.
 * @module
 */

import { badInput, type Feature, type Hub, RtCode, type RtSession, uuidV5 } from "./realtime_hub.ts";
import { isUuid } from "./state.ts";
import { NODE_NAME } from "./builtins.ts";
import { omitZero } from "./wire.ts";

interface LiveMatch {
  id: string;
  authoritative: boolean;
  label: string;
  handler: string;
  presences: Map<string, RtSession>;
  /** Messages waiting for the authoritative handler's next tick. */
  inbox: Array<{ sender: RtSession; opCode: bigint; data: Uint8Array }>;
  tickScheduled: boolean;
}

/** The match side that the matchmaker uses to turn a token into a match. */
export interface Matches extends Feature {
  /** Issues a token that joins (creating on first use) a fresh relayed match. */
  issueToken(): string;
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function base64Url(text: string): string {
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Splits `<uuid>.<node>`; undefined when malformed. */
function parseMatchId(matchId: unknown): { uuid: string; node: string } | undefined {
  if (typeof matchId !== "string") return undefined;
  const dot = matchId.indexOf(".");
  if (dot < 0) return undefined;
  const uuid = matchId.slice(0, dot);
  if (!isUuid(uuid)) return undefined;
  return { uuid, node: matchId.slice(dot + 1) };
}

/** Relayed and authoritative matches. */
export function createMatches(hub: Hub): Matches {
  const matches = new Map<string, LiveMatch>();
  const tokens = new Map<string, string>();

  const listing = (match: LiveMatch) => {
    const existing = hub.state.matches.get(match.id);
    if (!match.authoritative && match.presences.size === 0) {
      hub.state.matches.delete(match.id);
      matches.delete(match.id);
      return;
    }
    hub.state.matches.set(match.id, {
      match_id: match.id,
      authoritative: match.authoritative,
      label: match.label,
      size: match.presences.size,
      tick_rate: match.authoritative ? (match.handler === "test_match" ? 10 : 1) : 0,
      handler_name: match.handler,
      create_time: existing?.create_time ?? hub.state.now(),
    });
  };

  const broadcast = (match: LiveMatch, envelope: Record<string, unknown>, except?: RtSession) => {
    for (const session of match.presences.values()) if (session !== except) hub.send(session, envelope);
  };

  const join = (session: RtSession, cid: string | undefined, match: LiveMatch, sizeIncludesJoiner: boolean) => {
    const rejoin = match.presences.has(session.id);
    const before = match.presences.size;
    match.presences.set(session.id, session);
    listing(match);
    const presences = [...match.presences.values()].filter((s) => rejoin || s !== session).map((s) => hub.presence(s));
    hub.reply(
      session,
      cid,
      "match",
      omitZero({
        match_id: match.id,
        authoritative: match.authoritative,
        label: match.authoritative ? match.label : undefined,
        size: sizeIncludesJoiner ? match.presences.size : before,
        presences,
        self: hub.presence(session),
      }, match.authoritative ? ["label"] : []),
    );
    broadcast(match, { match_presence_event: { match_id: match.id, joins: [hub.presence(session)] } });
  };

  const leave = (match: LiveMatch, session: RtSession) => {
    if (!match.presences.delete(session.id)) return;
    listing(match);
    broadcast(match, { match_presence_event: { match_id: match.id, leaves: [hub.presence(session)] } });
  };

  const newMatch = (id: string, authoritative = false, label = "", handler = ""): LiveMatch => {
    const match: LiveMatch = {
      id,
      authoritative,
      label,
      handler,
      presences: new Map(),
      inbox: [],
      tickScheduled: false,
    };
    matches.set(id, match);
    return match;
  };

  const tick = (match: LiveMatch) => {
    match.tickScheduled = false;
    const inbox = match.inbox.splice(0);
    if (match.handler !== "test_match") return;
    for (const { sender, opCode, data } of inbox) {
      broadcast(match, {
        match_data: omitZero({
          match_id: match.id,
          presence: hub.presence(sender),
          op_code: opCode === 0n ? undefined : opCode.toString(),
          data: data.length > 0 ? base64(data) : undefined,
          reliable: true,
        }),
      });
    }
  };

  hub.state.createAuthoritativeMatch = (label, handler = "test_match") => {
    const id = `${crypto.randomUUID()}.${NODE_NAME}`;
    const match = newMatch(id, true, label ?? (handler === "test_match" ? "test_match" : ""), handler);
    listing(match);
    return id;
  };

  return {
    issueToken() {
      const matchId = `${crypto.randomUUID()}.`;
      const exp = Math.floor(hub.state.now() / 1000) + 30;
      const header = base64Url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
      const payload = base64Url(JSON.stringify({ exp, mid: matchId }));
      const signature = base64Url(crypto.randomUUID());
      const token = `${header}.${payload}.${signature}`;
      tokens.set(token, matchId);
      return token;
    },
    handlers: {
      async match_create(session, cid, message) {
        const name = typeof message.name === "string" ? message.name : "";
        if (name === "") {
          join(session, cid, newMatch(`${crypto.randomUUID()}.`), true);
          return;
        }
        const id = `${await uuidV5(name)}.`;
        const match = matches.get(id) ?? newMatch(id);
        join(session, cid, match, true);
      },
      match_join(session, cid, message) {
        if (typeof message.token === "string" && message.token !== "") {
          const id = tokens.get(message.token);
          if (!id) badInput("Invalid match token");
          join(session, cid, matches.get(id) ?? newMatch(id), false);
          return;
        }
        if (message.match_id === undefined || message.match_id === "") badInput("No match ID or token found");
        const parsed = parseMatchId(message.match_id);
        if (!parsed) badInput("Invalid match ID");
        const match = matches.get(message.match_id as string);
        if (!match || (!match.authoritative && match.presences.size === 0)) {
          badInput("Match not found", RtCode.MATCH_NOT_FOUND);
        }
        join(session, cid, match, false);
      },
      match_leave(session, cid, message) {
        if (!parseMatchId(message.match_id)) badInput("Invalid match ID");
        const match = matches.get(message.match_id as string);
        if (match) leave(match, session);
        hub.reply(session, cid);
      },
      match_data_send(session, _cid, message) {
        // Never a reply, even with a cid; errors come without one.
        if (!parseMatchId(message.match_id)) {
          hub.error(session, undefined, RtCode.BAD_INPUT, "Invalid match ID");
          return;
        }
        const match = matches.get(message.match_id as string);
        if (!match || !match.presences.has(session.id)) return;
        const opCode = (message.op_code as bigint | undefined) ?? 0n;
        const data = (message.data as Uint8Array | undefined) ?? new Uint8Array(0);
        if (match.authoritative) {
          match.inbox.push({ sender: session, opCode, data });
          if (!match.tickScheduled) {
            match.tickScheduled = true;
            hub.later(0, () => tick(match));
          }
          return;
        }
        const envelope = {
          match_data: omitZero({
            match_id: match.id,
            presence: hub.presence(session),
            op_code: opCode === 0n ? undefined : opCode.toString(),
            data: data.length > 0 ? base64(data) : undefined,
            reliable: message.reliable === true,
          }),
        };
        const targets = message.presences as Array<{ session_id?: string }> | undefined;
        if (targets && targets.length > 0) {
          const wanted = new Set(targets.map((p) => p.session_id));
          for (const member of match.presences.values()) if (wanted.has(member.id)) hub.send(member, envelope);
        } else {
          broadcast(match, envelope, session);
        }
      },
    },
    sessionClosed(session) {
      for (const match of [...matches.values()]) leave(match, session);
    },
    close() {
      for (const id of matches.keys()) hub.state.matches.delete(id);
      matches.clear();
      if (hub.state.createAuthoritativeMatch) hub.state.createAuthoritativeMatch = undefined;
    },
  };
}
