/**
 * Parties over the socket: open parties (join at once) and closed ones (join requests the leader accepts or
 * rejects), promotion, removal, party data and closing, with Nakama 3.18's texts and quirks (a duplicate join
 * request is kept twice; leaving a closed party still answers). `state.parties` mirrors the live parties.
 * @module
 */

import { badInput, type Feature, type Hub, type RtSession, type WirePresence } from "./realtime_hub.ts";
import { isUuid } from "./state.ts";
import { NODE_NAME } from "./builtins.ts";
import { omitZero } from "./wire.ts";

/** A live party. */
export interface LiveParty {
  readonly id: string;
  open: boolean;
  hidden: boolean;
  maxSize: number;
  label: string;
  leader: RtSession;
  /** Members in join order. */
  members: RtSession[];
  /** Pending join requests in arrival order (duplicates kept, as 3.18 does). */
  requests: RtSession[];
}

/** The party side that the matchmaker uses. */
export interface Parties extends Feature {
  /** A live party. */
  get(partyId: string): LiveParty | undefined;
  /** Called whenever a party's members change or it closes (matchmaking tickets are cancelled then). */
  onChange(listener: (party: LiveParty) => void): void;
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Parties. */
export function createParties(hub: Hub): Parties {
  const parties = new Map<string, LiveParty>();
  const listeners: Array<(party: LiveParty) => void> = [];
  const changed = (party: LiveParty) => {
    for (const listener of listeners) listener(party);
  };

  const partyJson = (party: LiveParty, self: RtSession) =>
    omitZero({
      party_id: party.id,
      open: party.open,
      hidden: party.hidden,
      max_size: party.maxSize,
      self: hub.presence(self),
      leader: hub.presence(party.leader),
      presences: party.members.map((s) => hub.presence(s)),
      label: party.label,
    });

  const listing = (party: LiveParty) => {
    hub.state.parties.set(party.id, {
      party_id: party.id,
      open: party.open,
      hidden: party.hidden,
      max_size: party.maxSize,
      label: party.label || "{}",
    });
  };

  const send = (party: LiveParty, envelope: Record<string, unknown>, except?: RtSession) => {
    for (const member of party.members) if (member !== except) hub.send(member, envelope);
  };

  const presenceEvent = (party: LiveParty, kind: "joins" | "leaves", who: RtSession) =>
    send(party, { party_presence_event: { party_id: party.id, [kind]: [hub.presence(who)] } });

  const find = (partyId: unknown, action: string): LiveParty => {
    if (typeof partyId !== "string" || !isUuid(partyId.split(".")[0]) || !partyId.includes(".")) {
      badInput("Invalid party ID");
    }
    const party = parties.get(partyId);
    if (!party) badInput(`${action}: party not found`);
    return party;
  };

  const leaderOnly = (party: LiveParty, session: RtSession, action: string) => {
    if (party.leader !== session) badInput(`${action}: party leader only`);
  };

  const target = (party: LiveParty, presence: unknown): RtSession | undefined => {
    const p = presence as Partial<WirePresence> | undefined;
    return [...party.members, ...party.requests].find((s) => s.id === p?.session_id && s.userId === p?.user_id);
  };

  const close = (party: LiveParty) => {
    send(party, { party_close: { party_id: party.id } });
    parties.delete(party.id);
    hub.state.parties.delete(party.id);
    party.members = [];
    changed(party);
  };

  const removeMember = (party: LiveParty, session: RtSession) => {
    party.members = party.members.filter((s) => s !== session);
    if (party.members.length === 0) {
      parties.delete(party.id);
      hub.state.parties.delete(party.id);
      changed(party);
      return;
    }
    presenceEvent(party, "leaves", session);
    if (party.leader === session) {
      party.leader = party.members[0];
      send(party, { party_leader: { party_id: party.id, presence: hub.presence(party.leader) } });
    }
    changed(party);
  };

  const admit = (party: LiveParty, session: RtSession) => {
    party.members.push(session);
    hub.send(session, { party: partyJson(party, session) });
    presenceEvent(party, "joins", session);
    changed(party);
  };

  return {
    get: (partyId) => parties.get(partyId),
    onChange: (listener) => void listeners.push(listener),
    handlers: {
      party_create(session, cid, message) {
        const maxSize = typeof message.max_size === "number" ? message.max_size : 0;
        if (maxSize < 0 || maxSize > 256) badInput("Invalid maximum party size, must be 1-256");
        const label = typeof message.label === "string" ? message.label : "";
        if (new TextEncoder().encode(label).length > 2048) badInput("Error creating party: party label too long");
        const party: LiveParty = {
          id: `${crypto.randomUUID()}.${NODE_NAME}`,
          open: message.open === true,
          hidden: message.hidden === true,
          maxSize,
          label,
          leader: session,
          members: [session],
          requests: [],
        };
        parties.set(party.id, party);
        listing(party);
        hub.reply(session, cid, "party", partyJson(party, session));
        presenceEvent(party, "joins", session);
      },
      party_join(session, cid, message) {
        const party = find(message.party_id, "Error joining party");
        if (party.members.includes(session)) badInput("Error joining party: party already member");
        if (party.maxSize > 0 && party.members.length >= party.maxSize) badInput("Error joining party: party full");
        if (party.open) {
          hub.reply(session, cid);
          admit(party, session);
          return;
        }
        party.requests.push(session);
        hub.send(party.leader, {
          party_join_request: { party_id: party.id, presences: [hub.presence(session)] },
        });
        hub.reply(session, cid);
      },
      party_leave(session, cid, message) {
        const party = typeof message.party_id === "string" ? parties.get(message.party_id) : undefined;
        if (party) party.requests = party.requests.filter((s) => s !== session);
        if (party?.members.includes(session)) removeMember(party, session);
        hub.reply(session, cid);
      },
      party_promote(session, cid, message) {
        const action = "Error promoting new party leader";
        const party = find(message.party_id, action);
        leaderOnly(party, session, action);
        const member = target(party, message.presence);
        if (!member || !party.members.includes(member)) badInput(`${action}: party member not found`);
        party.leader = member;
        hub.send(session, { party_leader: { party_id: party.id, presence: hub.presence(member) } });
        hub.reply(session, cid);
        send(party, { party_leader: { party_id: party.id, presence: hub.presence(member) } }, session);
      },
      party_accept(session, cid, message) {
        const action = "Error accepting party join request";
        const party = find(message.party_id, action);
        leaderOnly(party, session, action);
        const requester = target(party, message.presence);
        if (!requester || !party.requests.includes(requester)) badInput(`${action}: party join request not found`);
        if (party.maxSize > 0 && party.members.length >= party.maxSize) badInput(`${action}: party full`);
        party.requests = party.requests.filter((s) => s !== requester);
        hub.reply(session, cid);
        admit(party, requester);
      },
      party_remove(session, cid, message) {
        const action = "Error removing party member or join request";
        const party = find(message.party_id, action);
        leaderOnly(party, session, action);
        const who = target(party, message.presence);
        if (who === session) badInput(`${action}: party cannot remove self`);
        if (who && party.members.includes(who)) {
          hub.reply(session, cid);
          hub.send(who, { party_close: { party_id: party.id } });
          removeMember(party, who);
          return;
        }
        if (who && party.requests.includes(who)) {
          party.requests = party.requests.filter((s) => s !== who);
          hub.reply(session, cid);
          return;
        }
        badInput(`${action}: party member not found`);
      },
      party_close(session, cid, message) {
        const action = "Error closing party";
        const party = find(message.party_id, action);
        leaderOnly(party, session, action);
        close(party);
        hub.reply(session, cid);
      },
      party_join_request_list(session, cid, message) {
        const action = "Error listing party join requests";
        const party = find(message.party_id, action);
        leaderOnly(party, session, action);
        hub.reply(
          session,
          cid,
          "party_join_request",
          omitZero({ party_id: party.id, presences: party.requests.map((s) => hub.presence(s)) }),
        );
      },
      party_data_send(session, cid, message) {
        const action = "Error sending party data";
        const party = find(message.party_id, action);
        if (!party.members.includes(session)) badInput(`${action}: party member not found`);
        const opCode = (message.op_code as bigint | undefined) ?? 0n;
        const data = (message.data as Uint8Array | undefined) ?? new Uint8Array(0);
        send(party, {
          party_data: omitZero({
            party_id: party.id,
            presence: hub.presence(session),
            op_code: opCode === 0n ? undefined : opCode.toString(),
            data: data.length > 0 ? base64(data) : undefined,
          }),
        }, session);
        hub.reply(session, cid);
      },
    },
    sessionClosed(session) {
      for (const party of [...parties.values()]) {
        party.requests = party.requests.filter((s) => s !== session);
        if (party.members.includes(session)) removeMember(party, session);
      }
    },
    close() {
      for (const id of parties.keys()) hub.state.parties.delete(id);
      parties.clear();
    },
  };
}
