/**
 * Chat over the socket between two and three players: rooms, direct messages and group channels, presence events,
 * send/update/remove, history over REST, and the server's refusals.
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { ChannelType, NakamaError } from "../mod.ts";
import { FakeNakama } from "./support/fake_nakama/mod.ts";
import { closeAll, nextEvent, players, record } from "./support/websocket.ts";

let fake: FakeNakama;
before(async () => {
  fake = await FakeNakama.start();
});
after(() => fake.close());

let rooms = 0;
const roomName = () => `room-${++rooms}-${Math.random().toString(36).slice(2, 8)}`;

function badInput(message: string) {
  return (error: unknown) => {
    assert.ok(error instanceof NakamaError);
    assert.equal(error.grpcCode, 3);
    assert.equal(error.grpcStatus, "INVALID_ARGUMENT");
    assert.equal((error.data as { message: string }).message, message);
    assert.equal((error.data as { code: number }).code, 3);
    return true;
  };
}

describe("Socket chat rooms", () => {
  it("joinChat() returns the channel with the others present, and everyone sees presence events", async () => {
    const [alice, bob] = await players(fake, 2);
    const room = roomName();
    const aliceJoins = record(alice.socket, "channelPresence");
    const channel = await alice.socket.joinChat(room, ChannelType.Room, { persistence: true });
    assert.equal(channel.id, `2...${room}`);
    assert.equal(channel.room_name, room);
    assert.deepEqual(channel.self, {
      user_id: alice.userId,
      session_id: channel.self.session_id,
      username: alice.username,
      persistence: true,
    });
    assert.equal(channel.presences, undefined);

    const bobSeen = nextEvent(alice.socket, "channelPresence", (e) => e.joins?.[0]?.user_id === bob.userId);
    const bobChannel = await bob.socket.joinChat(room, ChannelType.Room);
    assert.equal(bobChannel.id, channel.id);
    assert.deepEqual(bobChannel.presences?.map((p) => p.user_id), [alice.userId]);
    const event = await bobSeen;
    assert.equal(event.channel_id, channel.id);
    assert.equal(event.room_name, room);
    assert.equal(aliceJoins.events[0].joins?.[0].user_id, alice.userId, "joiners see their own join");

    const bobLeft = nextEvent(alice.socket, "channelPresence", (e) => e.leaves?.[0]?.user_id === bob.userId);
    await bob.socket.leaveChat(channel.id);
    assert.equal((await bobLeft).leaves?.[0].session_id, bobChannel.self.session_id);
    aliceJoins.stop();
    await closeAll(alice, bob);
  });

  it("writeChatMessage() reaches everyone including the sender; update and remove follow with codes 1 and 2", async () => {
    const [alice, bob] = await players(fake, 2);
    const room = roomName();
    const channel = await alice.socket.joinChat(room, ChannelType.Room, { persistence: true });
    await bob.socket.joinChat(room, ChannelType.Room, { persistence: true });

    const toBob = nextEvent(bob.socket, "channelMessage", (m) => m.code === 0);
    const toAlice = nextEvent(alice.socket, "channelMessage", (m) => m.code === 0);
    const ack = await alice.socket.writeChatMessage(channel.id, { text: "hello from A", emoji: "👋" });
    assert.equal(ack.channel_id, channel.id);
    assert.equal(ack.code, 0);
    assert.equal(ack.persistent, true);
    assert.equal(ack.username, alice.username);
    const [m1, m2] = await Promise.all([toBob, toAlice]);
    assert.deepEqual(m1, m2);
    assert.equal(m1.message_id, ack.message_id);
    assert.equal(m1.sender_id, alice.userId);
    assert.deepEqual(JSON.parse(m1.content!), { text: "hello from A", emoji: "👋" });

    const edited = nextEvent(bob.socket, "channelMessage", (m) => m.code === 1);
    const updateAck = await alice.socket.updateChatMessage(channel.id, ack.message_id, '{"text":"edited"}');
    assert.equal(updateAck.code, 1);
    assert.equal((await edited).content, '{"text":"edited"}');

    await assert.rejects(
      bob.socket.updateChatMessage(channel.id, ack.message_id, { text: "not mine" }),
      badInput("Could not find message to update in channel history"),
    );

    const removed = nextEvent(bob.socket, "channelMessage", (m) => m.code === 2);
    const removeAck = await alice.socket.removeChatMessage(channel.id, ack.message_id);
    assert.equal(removeAck.code, 2);
    const gone = await removed;
    assert.equal(gone.message_id, ack.message_id);
    assert.equal(gone.content, "{}");
    await closeAll(alice, bob);
  });

  it("persisted messages are listed over REST", async () => {
    const [alice, bob] = await players(fake, 2);
    const room = roomName();
    const channel = await alice.socket.joinChat(room, ChannelType.Room, { persistence: true });
    await bob.socket.joinChat(room, ChannelType.Room, { persistence: true });
    await alice.socket.writeChatMessage(channel.id, { n: 1 });
    await bob.socket.writeChatMessage(channel.id, { n: 2 });
    const page = await alice.client.listChannelMessages(alice.session, channel.id, { limit: 10, forward: true });
    // The server orders messages of the same second by id, so only the set is certain.
    const listed = page.messages?.map((m) => `${m.sender_id}:${JSON.parse(m.content!).n}`).sort();
    assert.deepEqual(listed, [`${alice.userId}:1`, `${bob.userId}:2`].sort());
    await closeAll(alice, bob);
  });

  it("a session that joined without persistence is not recorded", async () => {
    const [alice] = await players(fake, 1);
    const channel = await alice.socket.joinChat(roomName(), ChannelType.Room, { persistence: false });
    const ack = await alice.socket.writeChatMessage(channel.id, { text: "ephemeral" });
    assert.equal(ack.persistent, false);
    const page = await alice.client.listChannelMessages(alice.session, channel.id, { limit: 10 });
    assert.equal(page.messages, undefined);
    await alice.socket.close();
  });

  it("a hidden member gets messages but no presence announces it", async () => {
    const [alice, bob] = await players(fake, 2);
    const room = roomName();
    const channel = await alice.socket.joinChat(room, ChannelType.Room);
    const presence = record(alice.socket, "channelPresence");
    const hidden = await bob.socket.joinChat(room, ChannelType.Room, { hidden: true });
    assert.deepEqual(hidden.presences?.map((p) => p.user_id), [alice.userId]);
    const toBob = nextEvent(bob.socket, "channelMessage");
    await alice.socket.writeChatMessage(channel.id, { text: "anyone?" });
    assert.equal((await toBob).sender_id, alice.userId);
    const aboutBob = presence.events.filter((e) =>
      [...e.joins ?? [], ...e.leaves ?? []].some((p) => p.user_id === bob.userId)
    );
    assert.deepEqual(aboutBob, []);
    presence.stop();
    await closeAll(alice, bob);
  });

  it("the server's refusals reject with its message", async () => {
    const [alice] = await players(fake, 1);
    const channel = await alice.socket.joinChat(roomName(), ChannelType.Room);
    await assert.rejects(
      alice.socket.writeChatMessage(channel.id, "not json"),
      badInput("Message content must be a valid JSON object"),
    );
    await assert.rejects(
      alice.socket.writeChatMessage(channel.id, "[1,2]"),
      badInput("Message content must be a valid JSON object"),
    );
    await assert.rejects(
      alice.socket.writeChatMessage("2...some-other-room", {}),
      badInput("Must join channel before sending messages"),
    );
    await assert.rejects(
      alice.socket.joinChat("x".repeat(65), ChannelType.Room),
      badInput("Channel name is required and must be 1-64 chars: Invalid channel target"),
    );
    await assert.rejects(alice.socket.joinChat("room", 9), badInput("Invalid channel type"));
    await alice.socket.ping();
    await alice.socket.close();
  });

  it("checks its arguments before sending", async () => {
    const [alice] = await players(fake, 1);
    assert.throws(() => alice.socket.joinChat("", ChannelType.Room), /"target"/);
    // deno-lint-ignore no-explicit-any
    assert.throws(() => alice.socket.writeChatMessage("2...r", 42 as any), /"content"/);
    assert.throws(() => alice.socket.leaveChat(""), /"channelId"/);
    await alice.socket.close();
  });
});

describe("Socket direct messages", () => {
  it("the first join notifies the other user; both then talk in 4.<id>.<id>.", async () => {
    const [alice, bob] = await players(fake, 2);
    const invited = nextEvent(bob.socket, "notification", (n) => n.code === -1);
    const dm = await alice.socket.joinChat(bob.userId, ChannelType.DirectMessage, { persistence: true });
    const [one, two] = [alice.userId, bob.userId].sort();
    assert.equal(dm.id, `4.${one}.${two}.`);
    assert.equal(dm.user_id_one, one);
    assert.equal(dm.user_id_two, two);
    const notification = await invited;
    assert.equal(notification.subject, `${alice.username} wants to chat`);
    assert.equal(notification.sender_id, alice.userId);

    const bobDm = await bob.socket.joinChat(alice.userId, ChannelType.DirectMessage, { persistence: true });
    assert.equal(bobDm.id, dm.id);
    assert.deepEqual(bobDm.presences?.map((p) => p.user_id), [alice.userId]);
    const toAlice = nextEvent(alice.socket, "channelMessage");
    await bob.socket.writeChatMessage(dm.id, { text: "hi A" });
    const message = await toAlice;
    assert.equal(message.user_id_one, one);
    assert.equal(message.sender_id, bob.userId);
    await closeAll(alice, bob);
  });

  it("refuses an unknown or malformed user id", async () => {
    const [alice] = await players(fake, 1);
    await assert.rejects(
      alice.socket.joinChat("00000000-0000-4000-8000-000000000000", ChannelType.DirectMessage),
      badInput("User ID not found: Invalid channel target"),
    );
    await assert.rejects(
      alice.socket.joinChat("nope", ChannelType.DirectMessage),
      badInput("Invalid user ID in direct message join: Invalid channel target"),
    );
    await alice.socket.close();
  });
});

describe("Socket group channels", () => {
  it("three members: non-members are refused, REST joins and promotions arrive as system messages", async () => {
    const [alice, bob, carol] = await players(fake, 3);
    const group = await alice.client.createGroup(alice.session, `knights-${Math.random()}`, { open: true });
    await bob.client.joinGroup(bob.session, group.id!);
    const channel = await alice.socket.joinChat(group.id!, ChannelType.Group, { persistence: true });
    assert.equal(channel.id, `3.${group.id}..`);
    assert.equal(channel.group_id, group.id);
    await bob.socket.joinChat(group.id!, ChannelType.Group);

    await assert.rejects(
      carol.socket.joinChat(group.id!, ChannelType.Group),
      badInput("Group not found: Invalid channel target"),
    );
    await assert.rejects(
      carol.socket.joinChat("not-a-uuid", ChannelType.Group),
      badInput("Invalid group ID in group channel join: Invalid channel target"),
    );

    const joinedMessage = nextEvent(bob.socket, "channelMessage", (m) => m.code === 3);
    await carol.client.joinGroup(carol.session, group.id!);
    const joined = await joinedMessage;
    assert.equal(joined.sender_id, carol.userId);
    assert.equal(joined.content, "{}");

    const carolChannel = await carol.socket.joinChat(group.id!, ChannelType.Group);
    assert.deepEqual(carolChannel.presences?.map((p) => p.user_id).sort(), [alice.userId, bob.userId].sort());

    const everyone = [alice, bob, carol].map((p) =>
      nextEvent(p.socket, "channelMessage", (m) => m.code === 0 && m.sender_id === bob.userId)
    );
    await bob.socket.writeChatMessage(channel.id, { text: "welcome C" });
    for (const message of await Promise.all(everyone)) assert.equal(message.content, '{"text":"welcome C"}');

    const promoted = nextEvent(carol.socket, "channelMessage", (m) => m.code === 7);
    await alice.client.promoteGroupUsers(alice.session, group.id!, [carol.userId]);
    assert.equal((await promoted).sender_id, carol.userId);

    const history = await alice.client.listChannelMessages(alice.session, channel.id, { limit: 10 });
    // Bob's and Carol's joins (3), Bob's message (0) and Carol's promotion (7).
    assert.deepEqual(history.messages?.map((m) => m.code).sort(), [0, 3, 3, 7]);
    await closeAll(alice, bob, carol);
  });
});
