/**
 * The socket's events: every message the server pushes, plus the connection's own lifecycle. `socket.on(name, fn)`
 * and `socket.stream(name)` are typed by {@link SocketEventMap}, so each listener's argument follows its name.
 * @module
 */

import type { ApiChannelMessage, ApiNotification } from "./types.ts";
import type {
  Channel,
  ChannelPresenceEvent,
  MatchData,
  MatchmakerMatched,
  MatchmakerTicket,
  MatchPresenceEvent,
  Party,
  PartyClose,
  PartyData,
  PartyJoinRequest,
  PartyLeader,
  PartyMatchmakerTicket,
  PartyPresenceEvent,
  PartyUpdate,
  Status,
  StatusPresenceEvent,
  StreamData,
  StreamPresenceEvent,
} from "./socket_types.ts";

/**
 * The socket connected (by `connect()`; a reconnect emits `reconnected` instead).
 *
 * @example Showing "online"
 * ```ts
 * socket.on("connect", ({ url }) => console.log("connected to", url));
 * ```
 */
export interface ConnectEvent {
  /** The socket URL without its query string (which holds the token). */
  url: string;
}

/**
 * The socket is closed and will not reconnect by itself: the app closed it, the server closed it, the connection
 * dropped (reconnect off), or reconnecting gave up.
 *
 * @example Going back to the menu
 * ```ts
 * socket.on("disconnect", ({ code, reason }) => console.log(`socket closed: ${code} ${reason}`));
 * ```
 */
export interface DisconnectEvent {
  /** The WebSocket close code: 1000 normal, 1005 no status (the server's way of refusing a frame), 1006 dropped, 4000 heartbeat timeout. */
  code: number;
  /** The close reason text (often empty). */
  reason: string;
  /** True when the app called `close()`. */
  byApp: boolean;
  /** Why reconnecting gave up, when it did. */
  error?: Error;
}

/**
 * The connection dropped and a reconnect attempt is scheduled (`reconnect` option).
 *
 * @example A reconnect banner
 * ```ts
 * socket.on("reconnecting", ({ attempt, delayMs }) => console.log(`reconnecting (#${attempt}) in ${delayMs} ms`));
 * ```
 */
export interface ReconnectingEvent {
  /** 1 for the first attempt. */
  attempt: number;
  /** The wait before this attempt. */
  delayMs: number;
  /** Close code of the drop that started reconnecting. */
  code: number;
  /** Close reason of that drop. */
  reason: string;
  /** Why the previous attempt failed. */
  error?: Error;
}

/**
 * What a reconnect restored and what it could not.
 *
 * @example Rejoining the match yourself
 * ```ts
 * socket.on("reconnected", async ({ lost }) => {
 *   for (const matchId of lost.matchIds) await socket.joinMatch(matchId).catch(() => {});
 * });
 * ```
 */
export interface ReconnectedEvent {
  /** Attempts it took. */
  attempts: number;
  /** Chat channels joined again, with their fresh presences. */
  channels: Channel[];
  /** The reply to following the same users again, when any were followed. */
  status?: Status;
  /** The user ids followed again. */
  followedUserIds: string[];
  /** Things the server forgot with the old connection, which the app must decide about. */
  lost: {
    /** Matches this socket was in. */
    matchIds: string[];
    /** Parties this socket was in. */
    partyIds: string[];
    /** Matchmaker tickets it had (solo tickets; party tickets go with their party). */
    matchmakerTickets: string[];
  };
  /** Channels, follows or the status that could not be restored, and why. */
  failures: Array<{ kind: "channel" | "follow" | "status"; id: string; error: Error }>;
}

/**
 * No pong arrived in time: the connection is treated as dead and closed with code 4000.
 *
 * @example Logging dead connections
 * ```ts
 * socket.on("heartbeatTimeout", ({ timeoutMs }) => console.log(`no pong within ${timeoutMs} ms`));
 * ```
 */
export interface HeartbeatTimeoutEvent {
  /** The heartbeat timeout that passed, in ms. */
  timeoutMs: number;
}

/**
 * Every event of a socket, by name: server pushes (`matchData`, `channelMessage`...) and lifecycle (`connect`,
 * `disconnect`, `reconnecting`, `reconnected`, `heartbeatTimeout`). `error` receives error envelopes that answer no
 * request (as a `NakamaError`), frames that cannot be decoded, and whatever a listener threw. `unknown` receives
 * envelopes this SDK does not know, and replies whose request had already ended.
 *
 * @example One listener per event
 * ```ts
 * const off = socket.on("channelMessage", (message) => console.log(message.username, message.content));
 * off(); // stop listening
 * ```
 */
export interface SocketEventMap {
  /** `connect()` succeeded. */
  connect: ConnectEvent;
  /** The socket closed for good. */
  disconnect: DisconnectEvent;
  /** The connection dropped; a reconnect attempt is scheduled. */
  reconnecting: ReconnectingEvent;
  /** A reconnect succeeded; what was restored and what was lost. */
  reconnected: ReconnectedEvent;
  /** No pong arrived in time; the connection is being dropped. */
  heartbeatTimeout: HeartbeatTimeoutEvent;
  /** A server error that answers no request, an undecodable frame, or what a listener threw. */
  error: Error;
  /** An envelope of an unknown kind, or a reply whose request had already ended. */
  unknown: Record<string, unknown>;
  /** A chat message (new, updated with `code` 1, removed with `code` 2, or a group event 3-9). */
  channelMessage: ApiChannelMessage;
  /** Sessions joined or left a chat channel. */
  channelPresence: ChannelPresenceEvent;
  /** Data from another player or from an authoritative match. */
  matchData: MatchData;
  /** Sessions joined or left a match. */
  matchPresence: MatchPresenceEvent;
  /** The matchmaker found a match for one of this socket's tickets. */
  matchmakerMatched: MatchmakerMatched;
  /** A matchmaker ticket pushed without a request (not sent by current servers). */
  matchmakerTicket: MatchmakerTicket;
  /** A notification, one event per item of a batch. */
  notification: ApiNotification;
  /** Followed users came online, changed status or went offline. */
  statusPresence: StatusPresenceEvent;
  /** Data server code sent on a stream. */
  streamData: StreamData;
  /** Sessions joined or left a stream. */
  streamPresence: StreamPresenceEvent;
  /** This socket became a member of a party (open party joined, or request accepted). */
  party: Party;
  /** A party closed, or this socket was removed from it. */
  partyClose: PartyClose;
  /** Data from another party member. */
  partyData: PartyData;
  /** Someone asks to join this socket's closed party (leader only). */
  partyJoinRequest: PartyJoinRequest;
  /** A party has a new leader. */
  partyLeader: PartyLeader;
  /** The party leader started matchmaking for the party. */
  partyMatchmakerTicket: PartyMatchmakerTicket;
  /** Members joined or left a party. */
  partyPresence: PartyPresenceEvent;
  /** A party's settings changed (servers newer than 3.18). */
  partyUpdate: PartyUpdate;
}

/**
 * The name of a socket event.
 *
 * @example A generic logger
 * ```ts
 * import type { SocketEventName } from "@nakama-ts/sdk";
 * const names: SocketEventName[] = ["matchData", "channelMessage"];
 * for (const name of names) socket.on(name, (event) => console.log(name, event));
 * ```
 */
export type SocketEventName = keyof SocketEventMap;
