/**
 * Wire types of notifications and chat history, as the REST API returns them.
 * @module
 */

/**
 * An in-app notification.
 *
 * @example Reading rewards
 * ```ts
 * const { notifications = [] } = await client.listNotifications(session, { limit: 10 });
 * for (const n of notifications) console.log(n.subject, JSON.parse(n.content ?? "{}"));
 * ```
 */
export interface ApiNotification {
  /** The notification id. */
  id?: string;
  /** The subject. */
  subject?: string;
  /** The content: a JSON object as text. */
  content?: string;
  /** The category: negative codes are the server's (-2 friend request…), positive ones the game's. */
  code?: number;
  /** The sender's user id; absent for the server. */
  sender_id?: string;
  /** When it was created (RFC 3339). */
  create_time?: string;
  /** Whether it is stored (and so listed here). */
  persistent?: boolean;
}

/**
 * A page of stored notifications.
 *
 * @example Resuming from a stored cursor
 * ```ts
 * const page = await client.listNotifications(session, { limit: 100, cacheableCursor: saved });
 * saved = page.cacheable_cursor ?? saved;
 * ```
 */
export interface ApiNotificationList {
  /** The notifications. */
  notifications?: ApiNotification[];
  /** A durable cursor: store it to fetch only newer notifications later. */
  cacheable_cursor?: string;
}

/**
 * A chat message from a channel's history.
 *
 * @example Printing a conversation
 * ```ts
 * const page = await client.listChannelMessages(session, channelId, { limit: 50, forward: true });
 * for (const m of page.messages ?? []) console.log(m.username, JSON.parse(m.content ?? "{}"));
 * ```
 */
export interface ApiChannelMessage {
  /** The channel id. */
  channel_id?: string;
  /** The message id. */
  message_id?: string;
  /** 0 chat, 1 update, 2 remove, 3-9 group events (join, add, leave, kick, promote, ban, demote); always present. */
  code?: number;
  /** The sender's user id; absent for system messages. */
  sender_id?: string;
  /** The sender's username. */
  username?: string;
  /** The content: a JSON object as text. */
  content?: string;
  /** When it was sent (RFC 3339, whole seconds). */
  create_time?: string;
  /** When it was last edited (RFC 3339). */
  update_time?: string;
  /** Whether it was stored in the history (always present). */
  persistent?: boolean;
  /** The room name, for room channels. */
  room_name?: string;
  /** The group id, for group channels. */
  group_id?: string;
  /** The first user id, for direct-message channels. */
  user_id_one?: string;
  /** The second user id, for direct-message channels. */
  user_id_two?: string;
}

/**
 * A page of a channel's history.
 *
 * @example Paging backwards
 * ```ts
 * const newest = { limit: 20, forward: false };
 * const page = await client.listChannelMessages(session, channelId, newest);
 * const older = await client.listChannelMessages(session, channelId, { ...newest, cursor: page.next_cursor });
 * ```
 */
export interface ApiChannelMessageList {
  /** The messages. */
  messages?: ApiChannelMessage[];
  /** The next page's cursor. */
  next_cursor?: string;
  /** The previous page's cursor. */
  prev_cursor?: string;
  /** A durable cursor: store it to fetch only newer messages later. */
  cacheable_cursor?: string;
}
