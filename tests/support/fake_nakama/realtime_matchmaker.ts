/**
 * A simple matchmaker: solo and party tickets match as soon as enough mutually matching tickets exist (no 15 s
 * interval). Queries are a small subset of Nakama's Bleve syntax: `*`, and space-separated terms
 * `[+|-]properties.<name>:<value>` where the value is text (exact), a number, or `>=n`, `>n`, `<=n`, `<n`. Terms
 * with `+` must match, `-` must not, and without a prefix at least one of them must (when there is no `+` term).
 * A result is a relayed match reached by token.
 * @module
 */

import { badInput, type Feature, type Hub, type RtSession } from "./realtime_hub.ts";
import type { Matches } from "./realtime_matches.ts";
import type { LiveParty, Parties } from "./realtime_parties.ts";
import { omitZero } from "./wire.ts";

interface Ticket {
  id: string;
  /** The sessions it stands for: one, or a party's members. */
  sessions: RtSession[];
  partyId?: string;
  query: string;
  minCount: number;
  maxCount: number;
  countMultiple?: number;
  strings: Record<string, string>;
  numbers: Record<string, number>;
}

interface Term {
  occur: "must" | "mustNot" | "should";
  field: string;
  value: string;
}

function parseQuery(query: string): Term[] | "all" {
  const trimmed = query.trim();
  if (trimmed === "" || trimmed === "*") return "all";
  const terms: Term[] = [];
  for (const raw of trimmed.split(/\s+/)) {
    const occur = raw.startsWith("+") ? "must" : raw.startsWith("-") ? "mustNot" : "should";
    const text = occur === "should" ? raw : raw.slice(1);
    if (text === "*") continue;
    const colon = text.indexOf(":");
    if (colon < 0) badInput("Invalid matchmaker query");
    terms.push({ occur, field: text.slice(0, colon), value: text.slice(colon + 1).replace(/^"(.*)"$/, "$1") });
  }
  return terms;
}

function termMatches(term: Term, ticket: Ticket): boolean {
  const name = term.field.replace(/^properties\./, "");
  const comparison = /^(>=|<=|>|<)(-?\d+(\.\d+)?)$/.exec(term.value);
  const number = ticket.numbers[name];
  if (comparison) {
    if (number === undefined) return false;
    const bound = Number(comparison[2]);
    switch (comparison[1]) {
      case ">=":
        return number >= bound;
      case ">":
        return number > bound;
      case "<=":
        return number <= bound;
      default:
        return number < bound;
    }
  }
  if (number !== undefined && /^-?\d+(\.\d+)?$/.test(term.value)) return number === Number(term.value);
  return ticket.strings[name] === term.value;
}

function queryMatches(query: string, ticket: Ticket): boolean {
  const terms = parseQuery(query);
  if (terms === "all") return true;
  const musts = terms.filter((t) => t.occur === "must");
  const shoulds = terms.filter((t) => t.occur === "should");
  if (terms.some((t) => t.occur === "mustNot" && termMatches(t, ticket))) return false;
  if (!musts.every((t) => termMatches(t, ticket))) return false;
  return musts.length > 0 || shoulds.length === 0 || shoulds.some((t) => termMatches(t, ticket));
}

function checkCounts(message: Record<string, unknown>): { min: number; max: number; multiple?: number } {
  const min = typeof message.min_count === "number" ? message.min_count : 0;
  const max = typeof message.max_count === "number" ? message.max_count : 0;
  const multiple = typeof message.count_multiple === "number" ? message.count_multiple : undefined;
  if (min < 2) badInput("Invalid minimum count, must be >= 2");
  if (max < min) badInput("Invalid maximum count, must be >= minimum count");
  if (multiple !== undefined) {
    if (multiple < 1) badInput("Invalid count multiple, must be >= 1");
    if (min % multiple !== 0) badInput("Invalid count multiple for minimum count, must divide");
    if (max % multiple !== 0) badInput("Invalid count multiple for maximum count, must divide");
  }
  return { min, max, multiple };
}

/** The matchmaker, including the party variants. */
export function createMatchmaker(hub: Hub, matches: Matches, parties: Parties): Feature {
  const tickets = new Map<string, Ticket>();

  const size = (group: Ticket[]) => group.reduce((n, t) => n + t.sessions.length, 0);

  const fits = (group: Ticket[]) => {
    const total = size(group);
    return group.every((t) =>
      total >= t.minCount && total <= t.maxCount && (!t.countMultiple || total % t.countMultiple === 0)
    );
  };

  const userOf = (ticket: Ticket, session: RtSession) =>
    omitZero({
      presence: hub.presence(session),
      party_id: ticket.partyId,
      string_properties: Object.keys(ticket.strings).length > 0 ? ticket.strings : undefined,
      numeric_properties: Object.keys(ticket.numbers).length > 0 ? ticket.numbers : undefined,
    });

  const tryMatch = (added: Ticket) => {
    const group = [added];
    const taken = new Set(added.sessions.map((s) => s.id));
    for (const candidate of tickets.values()) {
      if (candidate === added || candidate.sessions.some((s) => taken.has(s.id))) continue;
      if (!group.every((t) => queryMatches(t.query, candidate) && queryMatches(candidate.query, t))) continue;
      if (size(group) + candidate.sessions.length > Math.min(...group.map((t) => t.maxCount), candidate.maxCount)) {
        continue;
      }
      group.push(candidate);
      for (const s of candidate.sessions) taken.add(s.id);
      if (fits(group)) break;
    }
    if (group.length < 2 || !fits(group)) return;
    for (const ticket of group) tickets.delete(ticket.id);
    const token = matches.issueToken();
    const users = group.flatMap((ticket) => ticket.sessions.map((s) => ({ ticket, session: s })));
    const wireUsers = users.map(({ ticket, session }) => userOf(ticket, session));
    users.forEach(({ ticket, session }, i) => {
      hub.send(session, {
        matchmaker_matched: { ticket: ticket.id, token, users: wireUsers, self: wireUsers[i] },
      });
    });
  };

  const add = (sessions: RtSession[], message: Record<string, unknown>, partyId?: string): Ticket => {
    const { min, max, multiple } = checkCounts(message);
    const query = typeof message.query === "string" && message.query !== "" ? message.query : "*";
    parseQuery(query);
    const ticket: Ticket = {
      id: crypto.randomUUID(),
      sessions,
      partyId,
      query,
      minCount: min,
      maxCount: max,
      countMultiple: multiple,
      strings: (message.string_properties as Record<string, string> | undefined) ?? {},
      numbers: (message.numeric_properties as Record<string, number> | undefined) ?? {},
    };
    tickets.set(ticket.id, ticket);
    return ticket;
  };

  // Any membership change of a party cancels its tickets, as Nakama does.
  parties.onChange((party: LiveParty) => {
    for (const [id, ticket] of tickets) if (ticket.partyId === party.id) tickets.delete(id);
  });

  return {
    handlers: {
      matchmaker_add(session, cid, message) {
        const ticket = add([session], message);
        hub.reply(session, cid, "matchmaker_ticket", { ticket: ticket.id });
        tryMatch(ticket);
      },
      matchmaker_remove(session, cid, message) {
        const ticket = typeof message.ticket === "string" ? tickets.get(message.ticket) : undefined;
        if (!ticket || ticket.partyId !== undefined || ticket.sessions[0] !== session) {
          badInput("Matchmaker ticket not found");
        }
        tickets.delete(ticket.id);
        hub.reply(session, cid);
      },
      party_matchmaker_add(session, cid, message) {
        const action = "Error adding party to matchmaker";
        const party = typeof message.party_id === "string" ? parties.get(message.party_id) : undefined;
        if (!party) badInput(`${action}: party not found`);
        if (party.leader !== session) badInput(`${action}: party leader only`);
        const ticket = add([...party.members], message, party.id);
        const body = { party_id: party.id, ticket: ticket.id };
        for (const member of party.members) if (member !== session) hub.send(member, { party_matchmaker_ticket: body });
        hub.reply(session, cid, "party_matchmaker_ticket", body);
        tryMatch(ticket);
      },
      party_matchmaker_remove(session, cid, message) {
        const party = typeof message.party_id === "string" ? parties.get(message.party_id) : undefined;
        if (!party) badInput("Error removing party from matchmaker: party not found");
        if (party.leader !== session) badInput("Error removing party from matchmaker: party leader only");
        const ticket = typeof message.ticket === "string" ? tickets.get(message.ticket) : undefined;
        // 3.18's text for this case really says "closing party".
        if (!ticket || ticket.partyId !== party.id) badInput("Error closing party: matchmaker ticket not found");
        tickets.delete(ticket.id);
        hub.reply(session, cid);
      },
    },
    sessionClosed(session) {
      for (const [id, ticket] of tickets) {
        if (ticket.partyId === undefined && ticket.sessions[0] === session) tickets.delete(id);
      }
    },
    close() {
      tickets.clear();
    },
  };
}
