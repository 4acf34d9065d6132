/**
 * Wire types of the realtime protocol: each mirrors one JSON message exactly, with its snake_case names. Fields the
 * server omits at their zero value are optional. int64 fields (`op_code`) stay decimal strings, so they are exact.
 *
 * One deliberate difference from the wire: the `data` of {@link MatchData} and {@link PartyData} is base64 text on
 * the wire and a `Uint8Array` here, because every user decodes it.
 * @module
 */

/**
 * The kinds of chat channel `joinChat` accepts: a named room, a direct message with one user, or a group's channel.
 *
 * @example Joining a room
 * ```ts
 * import { ChannelType } from "@nakama-ts/sdk";
 * const channel = await socket.joinChat("lobby", ChannelType.Room, { persistence: true });
 * ```
 */
export const ChannelType: { readonly Room: 1; readonly DirectMessage: 2; readonly Group: 3 } = /* @__PURE__ */ Object
  .freeze(
    {
      Room: 1,
      DirectMessage: 2,
      Group: 3,
    } as const,
  );

/**
 * One of the {@link ChannelType} values.
 *
 * @example A typed argument
 * ```ts
 * import { type ChannelTypeValue, ChannelType } from "@nakama-ts/sdk";
 * const type: ChannelTypeValue = ChannelType.Group;
 * ```
 */
export type ChannelTypeValue = (typeof ChannelType)[keyof typeof ChannelType];

/**
 * One connected session of a user: every socket has its own `session_id`.
 *
 * @example Telling my own presence apart
 * ```ts
 * socket.on("matchPresence", (event) => {
 *   for (const p of event.joins ?? []) if (p.session_id !== match.self.session_id) console.log(p.username, "joined");
 * });
 * ```
 */
export interface UserPresence {
  /** The user's id. */
  user_id: string;
  /** The socket session's id, unique per connection. */
  session_id: string;
  /** The user's username. */
  username: string;
  /** Chat presences only: whether that session stores its messages. */
  persistence?: boolean;
  /** Status presences only: the status text (an empty string is still online). */
  status?: string;
}

/**
 * The reply to `joinChat`.
 *
 * @example Listing who is here
 * ```ts
 * const channel = await socket.joinChat("lobby", ChannelType.Room);
 * console.log(channel.id, channel.presences?.map((p) => p.username));
 * ```
 */
export interface Channel {
  /** The channel id: `2...<room>`, `3.<group id>..` or `4.<user id>.<user id>.`. */
  id: string;
  /** Other visible sessions already in the channel. */
  presences?: UserPresence[];
  /** This socket's presence. */
  self: UserPresence;
  /** The room's name, for room channels. */
  room_name?: string;
  /** The group's id, for group channels. */
  group_id?: string;
  /** The smaller user id, for direct-message channels. */
  user_id_one?: string;
  /** The larger user id, for direct-message channels. */
  user_id_two?: string;
}

/**
 * The reply to writing, updating or removing a chat message.
 *
 * @example Reading the new message's id
 * ```ts
 * const ack = await socket.writeChatMessage(channel.id, { text: "hi" });
 * console.log(ack.message_id);
 * ```
 */
export interface ChannelMessageAck {
  /** The channel's id. */
  channel_id: string;
  /** The message's id. */
  message_id: string;
  /** 0 chat, 1 update, 2 remove. */
  code?: number;
  /** The user's username. */
  username?: string;
  /** When the message was created (RFC 3339). */
  create_time?: string;
  /** When the message was last changed (RFC 3339). */
  update_time?: string;
  /** Whether the message was stored in the history. */
  persistent?: boolean;
  /** The room's name, for room channels. */
  room_name?: string;
  /** The group's id, for group channels. */
  group_id?: string;
  /** The smaller user id, for direct-message channels. */
  user_id_one?: string;
  /** The larger user id, for direct-message channels. */
  user_id_two?: string;
}

/**
 * Sessions that joined or left a chat channel.
 *
 * @example Following a room's members
 * ```ts
 * socket.on("channelPresence", (event) => console.log(event.joins?.length ?? 0, "joined"));
 * ```
 */
export interface ChannelPresenceEvent {
  /** The channel's id. */
  channel_id: string;
  /** Sessions that joined. */
  joins?: UserPresence[];
  /** Sessions that left. */
  leaves?: UserPresence[];
  /** The room's name, for room channels. */
  room_name?: string;
  /** The group's id, for group channels. */
  group_id?: string;
  /** The smaller user id, for direct-message channels. */
  user_id_one?: string;
  /** The larger user id, for direct-message channels. */
  user_id_two?: string;
}

/**
 * The reply to `createMatch` and `joinMatch`.
 *
 * @example Creating a relayed match
 * ```ts
 * const match = await socket.createMatch();
 * console.log(match.match_id, match.self.session_id);
 * ```
 */
export interface Match {
  /** `<uuid>.` for a relayed match, `<uuid>.<node>` for an authoritative one. */
  match_id: string;
  /** True for a match run by server code. */
  authoritative?: boolean;
  /** The label set by server code. */
  label?: string;
  /** How many sessions the match holds (see the server's counting quirks in the docs). */
  size?: number;
  /** Other sessions already in the match. */
  presences?: UserPresence[];
  /** This socket's own entry. */
  self: UserPresence;
}

/**
 * Data sent to a match by another player, or by an authoritative match's handler.
 *
 * @example Reading JSON state
 * ```ts
 * import { decodeJson } from "@nakama-ts/sdk";
 * socket.on("matchData", (m) => {
 *   if (m.op_code === "1") console.log(m.presence?.username, decodeJson(m.data));
 * });
 * ```
 */
export interface MatchData {
  /** The match's id. */
  match_id: string;
  /** The sender; absent when an authoritative handler sent the data itself. */
  presence?: UserPresence;
  /** The op code, an int64 as a decimal string (exact for every value). */
  op_code: string;
  /** The payload bytes (empty when none was sent). */
  data: Uint8Array;
  /** Whether the sender asked for reliable delivery. */
  reliable?: boolean;
}

/**
 * Sessions that joined or left a match.
 *
 * @example Counting players
 * ```ts
 * socket.on("matchPresence", (event) => console.log(event.match_id, event.joins?.length, event.leaves?.length));
 * ```
 */
export interface MatchPresenceEvent {
  /** The match's id. */
  match_id: string;
  /** Sessions that joined. */
  joins?: UserPresence[];
  /** Sessions that left. */
  leaves?: UserPresence[];
}

/**
 * The reply to `addMatchmaker`.
 *
 * @example Keeping the ticket to cancel it
 * ```ts
 * const { ticket } = await socket.addMatchmaker("*", 2, 4);
 * await socket.removeMatchmaker(ticket);
 * ```
 */
export interface MatchmakerTicket {
  /** The matchmaker ticket. */
  ticket: string;
}

/**
 * One user of a matchmaker result.
 *
 * @example Reading properties
 * ```ts
 * socket.on("matchmakerMatched", (m) => m.users?.forEach((u) => console.log(u.presence.username, u.string_properties)));
 * ```
 */
export interface MatchmakerUser {
  /** The matched session. */
  presence: UserPresence;
  /** Set when the user was matched as part of a party. */
  party_id?: string;
  /** String properties of the ticket. */
  string_properties?: Record<string, string>;
  /** Numeric properties of the ticket. */
  numeric_properties?: Record<string, number>;
}

/**
 * A matchmaker result: join it with `joinMatch(matched)`, which uses its `token` or `match_id`.
 *
 * @example Joining the match that was found
 * ```ts
 * socket.on("matchmakerMatched", async (matched) => {
 *   const match = await socket.joinMatch(matched);
 *   console.log(match.match_id);
 * });
 * ```
 */
export interface MatchmakerMatched {
  /** The ticket that completed. */
  ticket: string;
  /** Set when the match is an authoritative one created by server code. */
  match_id?: string;
  /** Set for a relayed match: `joinMatch({ token })` creates or joins it. */
  token?: string;
  /** Every matched user, including this one. */
  users?: MatchmakerUser[];
  /** This socket's own entry. */
  self: MatchmakerUser;
}

/**
 * A party's full state: the reply to `createParty`, and an event when this socket becomes a member.
 *
 * @example Knowing who leads
 * ```ts
 * const party = await socket.createParty(true, 4);
 * console.log(party.leader.user_id === party.self.user_id); // true
 * ```
 */
export interface Party {
  /** The party's id. */
  party_id: string;
  /** Whether anyone may join without the leader's approval. */
  open?: boolean;
  /** Whether the party is left out of listings. */
  hidden?: boolean;
  /** The most members it allows (0: the server's limit). */
  max_size?: number;
  /** This socket's own entry. */
  self: UserPresence;
  /** The current leader. */
  leader: UserPresence;
  /** Every member, including this one. */
  presences?: UserPresence[];
  /** The party's listing label (JSON object text). */
  label?: string;
}

/**
 * A party closed, or this socket was removed from it.
 *
 * @example Leaving the party screen
 * ```ts
 * socket.on("partyClose", ({ party_id }) => console.log("party over:", party_id));
 * ```
 */
export interface PartyClose {
  /** The party's id. */
  party_id: string;
}

/**
 * Data sent to the party by another member.
 *
 * @example Reading text
 * ```ts
 * import { decodeText } from "@nakama-ts/sdk";
 * socket.on("partyData", (d) => console.log(d.presence.username, d.op_code, decodeText(d.data)));
 * ```
 */
export interface PartyData {
  /** The party's id. */
  party_id: string;
  /** The member who sent it. */
  presence: UserPresence;
  /** The op code, an int64 as a decimal string. */
  op_code: string;
  /** The payload bytes (empty when none was sent). */
  data: Uint8Array;
}

/**
 * Pending requests to join a closed party: the reply to `listPartyJoinRequests`, and an event to the leader.
 *
 * @example Accepting everyone who asks
 * ```ts
 * socket.on("partyJoinRequest", async (request) => {
 *   for (const p of request.presences ?? []) await socket.acceptPartyMember(request.party_id, p);
 * });
 * ```
 */
export interface PartyJoinRequest {
  /** The party's id. */
  party_id: string;
  /** The users waiting to join. */
  presences?: UserPresence[];
}

/**
 * A party's new leader.
 *
 * @example Noticing a promotion
 * ```ts
 * socket.on("partyLeader", (event) => console.log(event.presence.username, "now leads", event.party_id));
 * ```
 */
export interface PartyLeader {
  /** The party's id. */
  party_id: string;
  /** The new leader. */
  presence: UserPresence;
}

/**
 * A party's matchmaker ticket: the reply to `addMatchmakerParty`, and an event to the other members.
 *
 * @example Cancelling the party's search
 * ```ts
 * const { ticket } = await socket.addMatchmakerParty(party.party_id, "*", 2, 8);
 * await socket.removeMatchmakerParty(party.party_id, ticket);
 * ```
 */
export interface PartyMatchmakerTicket {
  /** The party's id. */
  party_id: string;
  /** The matchmaker ticket. */
  ticket: string;
}

/**
 * Members who joined or left a party.
 *
 * @example Watching the member list
 * ```ts
 * socket.on("partyPresence", (event) => console.log(event.party_id, event.joins, event.leaves));
 * ```
 */
export interface PartyPresenceEvent {
  /** The party's id. */
  party_id: string;
  /** Sessions that joined. */
  joins?: UserPresence[];
  /** Sessions that left. */
  leaves?: UserPresence[];
}

/**
 * A party's new settings (servers newer than 3.18 only).
 *
 * @example Noticing a party that closed its doors
 * ```ts
 * socket.on("partyUpdate", (event) => console.log(event.party_id, "open:", event.open ?? false));
 * ```
 */
export interface PartyUpdate {
  /** The party's id. */
  party_id: string;
  /** The new listing label (JSON object text). */
  label?: string;
  /** Whether anyone may join without the leader's approval. */
  open?: boolean;
  /** Whether the party is left out of listings. */
  hidden?: boolean;
}

/**
 * The reply to `followUsers`: the current status of every followed user who is online.
 *
 * @example Who is online
 * ```ts
 * const status = await socket.followUsers([friendId]);
 * console.log(status.presences?.map((p) => `${p.username}: ${p.status}`));
 * ```
 */
export interface Status {
  /** The current statuses of followed users who are online (each with `status`). */
  presences?: UserPresence[];
}

/**
 * Status changes of followed users: an update is the new entry in `joins` and the old one in `leaves`.
 *
 * @example Showing statuses
 * ```ts
 * socket.on("statusPresence", (e) => e.joins?.forEach((p) => console.log(p.username, "is", p.status)));
 * ```
 */
export interface StatusPresenceEvent {
  /** Sessions that came online, or the new entry of a status update. */
  joins?: UserPresence[];
  /** Sessions that went offline, or the old entry of a status update. */
  leaves?: UserPresence[];
}

/**
 * A presence stream managed by server code.
 *
 * @example Matching a stream
 * ```ts
 * socket.on("streamData", (d) => { if (d.stream.mode === 20) console.log(d.data); });
 * ```
 */
export interface Stream {
  /** The stream's mode (20 and above are the application's). */
  mode?: number;
  /** The stream's subject (a UUID or empty). */
  subject?: string;
  /** The stream's subcontext (a UUID or empty). */
  subcontext?: string;
  /** The stream's label. */
  label?: string;
}

/**
 * Data that server code sent on a stream this socket is on. `data` is plain text (not base64).
 *
 * @example Logging stream data
 * ```ts
 * socket.on("streamData", (d) => console.log(d.stream.label, d.data));
 * ```
 */
export interface StreamData {
  /** The stream concerned. */
  stream: Stream;
  /** Absent when server code sent the data. */
  sender?: UserPresence;
  /** The data, plain text as server code sent it. */
  data?: string;
  /** Whether the sender asked for reliable delivery. */
  reliable?: boolean;
}

/**
 * Sessions that joined or left a stream.
 *
 * @example Stream membership
 * ```ts
 * socket.on("streamPresence", (e) => console.log(e.stream.label, e.joins?.length ?? 0));
 * ```
 */
export interface StreamPresenceEvent {
  /** The stream concerned. */
  stream: Stream;
  /** Sessions that joined. */
  joins?: UserPresence[];
  /** Sessions that left. */
  leaves?: UserPresence[];
}
