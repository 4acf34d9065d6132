// REST chat history (`GET /v2/channel/{channel_id}`) against the fake Nakama over loopback HTTP. Room and direct
// messages are seeded through `fake.state` (as the realtime side stores them); group system messages come from
// REST group calls. Expected answers follow /work/shared/captures/nakama-3.18/rest/ListChannelMessages.json.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Client, type Session } from "../mod.ts";
import { FakeNakama } from "./support/fake_nakama/mod.ts";
import { lastRequest, serverError, unique } from "./support/rest_helpers.ts";

let fake: FakeNakama;
let client: Client;
before(async () => {
  fake = await FakeNakama.start();
  client = new Client({ port: fake.port, retry: { maxRetries: 0 } });
});
after(() => fake.close());

async function newUser(prefix = "user"): Promise<Session> {
  return await client.authenticateDevice(unique(`dev-${prefix}`), { create: true, username: unique(prefix) });
}

/** Stores `texts` in a channel as `sender`, one second apart (the server's time resolution), oldest first. */
function seed(channelId: string, sender: Session, texts: string[]): void {
  const start = Date.now() - texts.length * 1000;
  texts.forEach((text, i) =>
    fake.state.appendChannelMessage({
      channel_id: channelId,
      sender_id: sender.userId,
      content: JSON.stringify({ text }),
      create_time: start + i * 1000,
      update_time: start + i * 1000,
    })
  );
}

const texts = (page: { messages?: { content?: string }[] }) =>
  (page.messages ?? []).map((m) => (JSON.parse(m.content ?? "{}") as { text?: string }).text);

describe("Client.listChannelMessages() in a room", () => {
  it("lists oldest first by default, with the message fields, and the content re-serialised", async () => {
    const alice = await newUser("alice");
    const room = `2...${unique("room")}`;
    seed(room, alice, ["hello #1", "hello #2", "hello #3"]);
    const page = await client.listChannelMessages(alice, room, { limit: 10 });
    assert.equal(lastRequest(fake, "GET", `/v2/channel/${room}`).query.get("limit"), "10");
    assert.deepEqual(texts(page), ["hello #1", "hello #2", "hello #3"]);
    const [first] = page.messages!;
    assert.equal(first.channel_id, room);
    assert.equal(first.room_name, room.slice(4));
    assert.equal(first.sender_id, alice.userId);
    assert.equal(first.username, alice.username);
    assert.equal(first.code, 0, "code 0 is always present");
    assert.equal(first.persistent, true);
    assert.equal(first.content, '{"text": "hello #1"}');
    // Without `limit` the server sends one message.
    assert.deepEqual(texts(await client.listChannelMessages(alice, room)), ["hello #1"]);
  });

  it("forward: false lists newest first and pages both ways with next/prev cursors", async () => {
    const alice = await newUser("pager");
    const room = `2...${unique("paged")}`;
    seed(room, alice, ["m1", "m2", "m3", "m4", "m5"]);
    const first = await client.listChannelMessages(alice, room, { limit: 2, forward: false });
    assert.equal(lastRequest(fake, "GET", `/v2/channel/${room}`).query.get("forward"), "false");
    assert.deepEqual(texts(first), ["m5", "m4"]);
    assert.ok(first.next_cursor);
    const second = await client.listChannelMessages(alice, room, {
      limit: 2,
      forward: false,
      cursor: first.next_cursor,
    });
    assert.equal(lastRequest(fake, "GET", `/v2/channel/${room}`).query.get("cursor"), first.next_cursor);
    assert.deepEqual(texts(second), ["m3", "m2"]);
    assert.ok(second.prev_cursor);
    const back = await client.listChannelMessages(alice, room, {
      limit: 2,
      forward: false,
      cursor: second.prev_cursor,
    });
    assert.deepEqual(texts(back), ["m5", "m4"]);
    const forward = await client.listChannelMessages(alice, room, { limit: 3, forward: true });
    assert.deepEqual(texts(forward), ["m1", "m2", "m3"]);
  });

  it("an invalid channel id or limit is 400", async () => {
    const alice = await newUser("invalid");
    await assert.rejects(
      client.listChannelMessages(alice, "not-a-channel"),
      serverError(400, 3, "Invalid channel ID."),
    );
    await assert.rejects(
      client.listChannelMessages(alice, "2...lobby", { limit: 1000 }),
      serverError(400, 3, "Invalid limit - limit must be between 1 and 100."),
    );
  });
});

describe("Client.listChannelMessages() in group and direct channels", () => {
  it("a group channel holds the system messages of REST group calls; non-members get 400", async () => {
    const alice = await newUser("group-owner");
    const bob = await newUser("group-member");
    const outsider = await newUser("group-outsider");
    const group = await client.createGroup(alice, unique("chat-group"), { open: true });
    const channel = `3.${group.id}..`;
    await client.joinGroup(bob, group.id!);
    await client.promoteGroupUsers(alice, group.id!, [bob.userId]);
    seed(channel, alice, ["welcome"]);
    const { messages = [] } = await client.listChannelMessages(bob, channel, { limit: 20, forward: true });
    // Codes: 3 joined, 7 promoted (sender = the affected user), then alice's own message (0).
    assert.deepEqual(
      messages.map((m) => [m.code, m.sender_id, m.group_id]).sort(),
      [[0, alice.userId, group.id], [3, bob.userId, group.id], [7, bob.userId, group.id]].sort(),
    );
    assert.deepEqual(messages.filter((m) => m.code !== 0).map((m) => m.content), ["{}", "{}"]);
    await assert.rejects(
      client.listChannelMessages(outsider, channel, { limit: 5 }),
      serverError(400, 3, "Group not found."),
    );
  });

  it("a direct channel is readable by its two users only", async () => {
    const alice = await newUser("dm-a");
    const bob = await newUser("dm-b");
    const carol = await newUser("dm-c");
    const [one, two] = [alice.userId, bob.userId].sort();
    const channel = `4.${one}.${two}.`;
    seed(channel, alice, ["hi bob"]);
    for (const reader of [alice, bob]) {
      const { messages = [] } = await client.listChannelMessages(reader, channel, { limit: 10 });
      assert.deepEqual(messages.map((m) => [m.content, m.user_id_one, m.user_id_two]), [[
        '{"text": "hi bob"}',
        one,
        two,
      ]]);
    }
    await assert.rejects(
      client.listChannelMessages(carol, channel, { limit: 10 }),
      serverError(400, 3, "Channel not found."),
    );
  });
});
