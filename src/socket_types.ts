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
export const ChannelType = Object.freeze({ Room: 1, DirectMessage: 2, Group: 3 } as const);

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
  user_id: string;
  session_id: string;
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
  room_name?: string;
  group_id?: string;
  user_id_one?: string;
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
  channel_id: string;
  message_id: string;
  /** 0 chat, 1 update, 2 remove. */
  code?: number;
  username?: string;
  create_time?: string;
  update_time?: string;
  persistent?: boolean;
  room_name?: string;
  group_id?: string;
  user_id_one?: string;
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
  channel_id: string;
  joins?: UserPresence[];
  leaves?: UserPresence[];
  room_name?: string;
  group_id?: string;
  user_id_one?: string;
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
  authoritative?: boolean;
  label?: string;
  size?: number;
  /** Other sessions already in the match. */
  presences?: UserPresence[];
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
  match_id: string;
  /** The sender; absent when an authoritative handler sent the data itself. */
  presence?: UserPresence;
  /** The op code, an int64 as a decimal string (exact for every value). */
  op_code: string;
  /** The payload bytes (empty when none was sent). */
  data: Uint8Array;
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
  match_id: string;
  joins?: UserPresence[];
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
  presence: UserPresence;
  /** Set when the user was matched as part of a party. */
  party_id?: string;
  string_properties?: Record<string, string>;
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
  party_id: string;
  open?: boolean;
  hidden?: boolean;
  max_size?: number;
  self: UserPresence;
  leader: UserPresence;
  /** Every member, including this one. */
  presences?: UserPresence[];
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
  party_id: string;
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
  party_id: string;
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
  party_id: string;
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
  party_id: string;
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
  party_id: string;
  joins?: UserPresence[];
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
  party_id: string;
  label?: string;
  open?: boolean;
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
  joins?: UserPresence[];
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
  mode?: number;
  subject?: string;
  subcontext?: string;
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
  stream: Stream;
  /** Absent when server code sent the data. */
  sender?: UserPresence;
  data?: string;
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
  stream: Stream;
  joins?: UserPresence[];
  leaves?: UserPresence[];
}
