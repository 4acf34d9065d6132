/**
 * Chat over the socket: rooms, direct messages and group channels, presence events, and messages that are stored in
 * `state` (so REST `listChannelMessages` returns them) and pushed to everyone in the channel, sender included.
 * Group system messages that REST group calls append to `state` reach joined sockets the same way.
 * @module
 */

import { badInput, type Feature, type Hub, type RtSession, type WirePresence } from "./realtime_hub.ts";
import { type FakeChannelMessage, isUuid, parseChannelId } from "./state.ts";
import { isJsonObjectText } from "./jsonb.ts";
import { omitZero, rfc3339 } from "./wire.ts";

interface Member {
  session: RtSession;
  persistence: boolean;
  hidden: boolean;
}

const TARGET_ERROR = ": Invalid channel target";

/**
 * A stored chat message as `channel_message` pushes carry it (`code` and `persistent` are always present).
 * @example Format
 * ```ts
 * channelMessageJson(message);
 * ```
 */
export function channelMessageJson(m: FakeChannelMessage): Record<string, unknown> {
  return omitZero({
    channel_id: m.channel_id,
    message_id: m.message_id,
    code: m.code,
    sender_id: m.sender_id,
    username: m.username,
    content: m.content,
    create_time: rfc3339(m.create_time),
    update_time: rfc3339(m.update_time),
    persistent: m.persistent,
    room_name: m.room_name,
    group_id: m.group_id,
    user_id_one: m.user_id_one,
    user_id_two: m.user_id_two,
  }, ["code", "persistent"]);
}

/** Chat channels. */
export function createChat(hub: Hub): Feature {
  const channels = new Map<string, Map<string, Member>>();
  const notifiedDms = new Set<string>();

  const presenceOf = (member: Member): WirePresence => {
    const presence = hub.presence(member.session);
    if (member.persistence) presence.persistence = true;
    return presence;
  };

  const broadcast = (channelId: string, envelope: Record<string, unknown>, except?: RtSession) => {
    for (const member of channels.get(channelId)?.values() ?? []) {
      if (member.session !== except) hub.send(member.session, envelope);
    }
  };

  const presenceEvent = (channelId: string, kind: "joins" | "leaves", member: Member, except?: RtSession) => {
    if (member.hidden) return;
    broadcast(channelId, {
      channel_presence_event: { channel_id: channelId, [kind]: [presenceOf(member)], ...parseChannelId(channelId) },
    }, except);
  };

  const leave = (channelId: string, session: RtSession) => {
    const members = channels.get(channelId);
    const member = members?.get(session.id);
    if (!members || !member) return;
    members.delete(session.id);
    if (members.size === 0) channels.delete(channelId);
    presenceEvent(channelId, "leaves", member);
  };

  const joined = (channelId: string, session: RtSession): Member => {
    const member = channels.get(channelId)?.get(session.id);
    if (!member) badInput("Must join channel before sending messages");
    return member;
  };

  const checkChannelId = (channelId: unknown): string => {
    if (typeof channelId !== "string" || Object.keys(parseChannelId(channelId)).length === 0) {
      badInput("Invalid channel identifier");
    }
    return channelId;
  };

  const checkContent = (content: unknown): string => {
    if (typeof content !== "string" || !isJsonObjectText(content)) {
      badInput("Message content must be a valid JSON object");
    }
    return content;
  };

  const ack = (m: FakeChannelMessage) =>
    omitZero({
      channel_id: m.channel_id,
      message_id: m.message_id,
      code: m.code,
      username: m.username,
      create_time: rfc3339(m.create_time),
      update_time: rfc3339(m.update_time),
      persistent: m.persistent,
      room_name: m.room_name,
      group_id: m.group_id,
      user_id_one: m.user_id_one,
      user_id_two: m.user_id_two,
    }, ["code", "persistent"]);

  /** Finds the message an update/remove refers to, checking history and ownership for persistent members. */
  const existing = (channelId: string, messageId: unknown, member: Member, verb: string): FakeChannelMessage => {
    if (!isUuid(messageId)) badInput("Invalid message identifier");
    const stored = hub.state.channelMessage(channelId, messageId);
    if (member.persistence && (!stored || stored.sender_id !== member.session.userId)) {
      badInput(`Could not find message to ${verb} in channel history`);
    }
    const now = hub.state.now();
    return stored ?? {
      channel_id: channelId,
      message_id: messageId,
      code: 0,
      sender_id: member.session.userId,
      username: member.session.username,
      content: "{}",
      create_time: now,
      update_time: now,
      persistent: false,
      ...parseChannelId(channelId),
    };
  };

  // Every appended message (socket sends and REST group system messages) reaches the channel's sockets.
  const stopListening = hub.state.onChannelMessage((message) => {
    broadcast(message.channel_id, { channel_message: channelMessageJson(message) });
  });

  return {
    handlers: {
      channel_join(session, cid, message) {
        const target = typeof message.target === "string" ? message.target : "";
        const type = typeof message.type === "number" ? message.type : 0;
        let channelId: string;
        let dmPeer: string | undefined;
        if (type === 0 || type === 1) {
          if (target.length < 1 || new TextEncoder().encode(target).length > 64) {
            badInput(`Channel name is required and must be 1-64 chars${TARGET_ERROR}`);
          }
          // deno-lint-ignore no-control-regex
          if (/[\u0000-\u001f\u007f]/.test(target)) {
            badInput(`Channel name must not contain control chars${TARGET_ERROR}`);
          }
          channelId = `2...${target}`;
        } else if (type === 2) {
          if (!isUuid(target)) badInput(`Invalid user ID in direct message join${TARGET_ERROR}`);
          const other = target.toLowerCase();
          if (!hub.state.users.has(other) || hub.state.friendEdge(other, session.userId)?.state === 3) {
            badInput(`User ID not found${TARGET_ERROR}`);
          }
          const [one, two] = [session.userId, other].sort();
          channelId = `4.${one}.${two}.`;
          dmPeer = other;
        } else if (type === 3) {
          if (!isUuid(target)) badInput(`Invalid group ID in group channel join${TARGET_ERROR}`);
          if (!hub.state.isGroupMember(target.toLowerCase(), session.userId)) {
            badInput(`Group not found${TARGET_ERROR}`);
          }
          channelId = `3.${target.toLowerCase()}..`;
        } else {
          badInput("Invalid channel type");
        }
        let members = channels.get(channelId);
        if (!members) channels.set(channelId, members = new Map());
        const others = [...members.values()].filter((m) => m.session !== session && !m.hidden).map(presenceOf);
        const member: Member = {
          session,
          persistence: message.persistence !== false,
          hidden: message.hidden === true,
        };
        members.set(session.id, member);
        const ids = parseChannelId(channelId);
        hub.reply(
          session,
          cid,
          "channel",
          omitZero({ id: channelId, presences: others, self: presenceOf(member), ...ids }),
        );
        presenceEvent(channelId, "joins", member);
        if (dmPeer !== undefined && dmPeer !== session.userId && !notifiedDms.has(channelId)) {
          const peerPresent = [...members.values()].some((m) => m.session.userId === dmPeer);
          if (!peerPresent) {
            notifiedDms.add(channelId);
            hub.state.notify(dmPeer, {
              subject: `${session.username} wants to chat`,
              content: JSON.stringify({ username: session.username }),
              code: -1,
              sender_id: session.userId,
              persistent: true,
            });
          }
        }
      },
      channel_leave(session, cid, message) {
        const channelId = checkChannelId(message.channel_id);
        hub.reply(session, cid);
        leave(channelId, session);
      },
      channel_message_send(session, cid, message) {
        const channelId = checkChannelId(message.channel_id);
        const content = checkContent(message.content);
        const member = joined(channelId, session);
        const stored = hub.state.appendChannelMessage({
          channel_id: channelId,
          sender_id: session.userId,
          username: session.username,
          content,
          code: 0,
          persistent: member.persistence,
        });
        hub.reply(session, cid, "channel_message_ack", ack(stored));
      },
      channel_message_update(session, cid, message) {
        const channelId = checkChannelId(message.channel_id);
        const content = checkContent(message.content);
        const member = joined(channelId, session);
        const stored = existing(channelId, message.message_id, member, "update");
        stored.content = content;
        stored.update_time = hub.state.now();
        const pushed = { ...stored, code: 1 };
        broadcast(channelId, { channel_message: channelMessageJson(pushed) });
        hub.reply(session, cid, "channel_message_ack", ack(pushed));
      },
      channel_message_remove(session, cid, message) {
        const channelId = checkChannelId(message.channel_id);
        const member = joined(channelId, session);
        const stored = existing(channelId, message.message_id, member, "remove");
        const history = hub.state.channelMessages.get(channelId);
        const index = history?.indexOf(stored) ?? -1;
        if (history && index >= 0) history.splice(index, 1);
        const pushed = { ...stored, code: 2, content: "{}" };
        broadcast(channelId, { channel_message: channelMessageJson(pushed) });
        hub.reply(session, cid, "channel_message_ack", ack(pushed));
      },
    },
    sessionClosed(session) {
      for (const channelId of [...channels.keys()]) leave(channelId, session);
    },
    close: stopListening,
  };
}
