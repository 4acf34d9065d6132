// REST notification routes against the fake Nakama over loopback HTTP: notifications produced by the server (an
// RPC, friend requests) are listed with a cacheable cursor and deleted. Expected answers follow
// /work/shared/captures/nakama-3.18/rest/{List,Delete}Notifications.json.
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

/** Has `from` send `to` the capture server's RPC notification (persistent, code 1). */
async function sendRewardNotification(from: Session, to: Session): Promise<void> {
  const reply = await client.rpc(from, "clientrpc.send_notification", { user_id: to.userId });
  assert.deepEqual(reply, { payload: "" });
}

describe("Client.listNotifications()", () => {
  it("lists stored notifications with their content re-serialised by the database", async () => {
    const alice = await newUser("alice");
    const bob = await newUser("bob");
    await sendRewardNotification(bob, alice);
    const { notifications = [], cacheable_cursor } = await client.listNotifications(alice, { limit: 10 });
    assert.equal(lastRequest(fake, "GET", "/v2/notification").query.get("limit"), "10");
    assert.equal(notifications.length, 1);
    const [n] = notifications;
    assert.match(n.id ?? "", /^[0-9a-f-]{36}$/);
    assert.equal(n.subject, "You've unlocked level 100!");
    assert.equal(n.content, '{"reward_coins": 1000}');
    assert.equal(n.code, 1);
    assert.equal(n.sender_id, bob.userId);
    assert.equal(n.persistent, true);
    assert.match(n.create_time ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok(cacheable_cursor);
  });

  it("pages with cacheable_cursor, which later returns only what is new", async () => {
    const alice = await newUser("pager");
    const bob = await newUser("sender");
    // A friend request (-2) and two RPC notifications (1).
    await client.addFriends(bob, { ids: [alice.userId] });
    await sendRewardNotification(bob, alice);
    await sendRewardNotification(bob, alice);

    const first = await client.listNotifications(alice);
    assert.deepEqual(first.notifications?.map((n) => n.code), [-2], "the default limit is 1");
    const rest = await client.listNotifications(alice, { limit: 10, cacheableCursor: first.cacheable_cursor });
    assert.equal(lastRequest(fake, "GET", "/v2/notification").query.get("cacheable_cursor"), first.cacheable_cursor);
    assert.deepEqual(rest.notifications?.map((n) => n.code), [1, 1]);

    // Nothing new: no notifications, and the cursor stays usable.
    const idle = await client.listNotifications(alice, { limit: 100, cacheableCursor: rest.cacheable_cursor });
    assert.equal(idle.notifications, undefined);
    assert.equal(idle.cacheable_cursor, rest.cacheable_cursor);
    await sendRewardNotification(bob, alice);
    const fresh = await client.listNotifications(alice, { limit: 100, cacheableCursor: rest.cacheable_cursor });
    assert.equal(fresh.notifications?.length, 1);
  });

  it("a bad limit or cursor is 400", async () => {
    const alice = await newUser("bad");
    await assert.rejects(
      client.listNotifications(alice, { limit: 0 }),
      serverError(400, 3, "Invalid limit - limit must be between 1 and 100."),
    );
    await assert.rejects(
      client.listNotifications(alice, { cacheableCursor: "bogus" }),
      serverError(400, 3, "Malformed cursor was used."),
    );
  });
});

describe("Client.deleteNotifications()", () => {
  it("deletes by id (repeated ids); unknown ids and an empty list are no-ops", async () => {
    const alice = await newUser("deleter");
    const bob = await newUser("notifier");
    for (let i = 0; i < 3; i++) await sendRewardNotification(bob, alice);
    const { notifications = [] } = await client.listNotifications(alice, { limit: 10 });
    const ids = notifications.map((n) => n.id!);
    assert.equal(ids.length, 3);

    assert.equal(await client.deleteNotifications(alice, ids.slice(0, 2)), undefined);
    assert.deepEqual(lastRequest(fake, "DELETE", "/v2/notification").query.getAll("ids"), ids.slice(0, 2));
    const left = await client.listNotifications(alice, { limit: 10 });
    assert.deepEqual(left.notifications?.map((n) => n.id), [ids[2]]);

    await client.deleteNotifications(alice, ["00000000-0000-4000-8000-000000000000"]);
    await client.deleteNotifications(alice, []);
    assert.equal(lastRequest(fake, "DELETE", "/v2/notification").rawUrl, "/v2/notification");
    // Another user cannot delete alice's notification.
    await client.deleteNotifications(bob, [ids[2]]);
    assert.equal((await client.listNotifications(alice, { limit: 10 })).notifications?.length, 1);
  });

  it("a non-UUID id is 500 INTERNAL, as 3.18 answers", async () => {
    const alice = await newUser("invalid-id");
    await assert.rejects(
      client.deleteNotifications(alice, ["abc"]),
      serverError(500, 13, "Error while deleting notifications."),
    );
  });
});
