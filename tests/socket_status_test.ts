/**
 * Online status with three players: following by id and by username, updates, appearing offline, connect and
 * disconnect events, unfollowing, and the REST `online` flag.
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { NakamaError } from "../mod.ts";
import { FakeNakama } from "./support/fake_nakama/mod.ts";
import { closeAll, nextEvent, players, record } from "./support/websocket.ts";

let fake: FakeNakama;
before(async () => {
  fake = await FakeNakama.start();
});
after(() => fake.close());

describe("Socket status", () => {
  it("followUsers() lists who is online; updates, clearing and disconnects arrive as events", async () => {
    const [alice] = await players(fake, 1, { appearOnline: true });
    const [bob, carol] = await players(fake, 2, { connect: false });
    await bob.socket.connect(bob.session);

    const status = await bob.socket.followUsers([alice.userId], { usernames: [carol.username] });
    assert.deepEqual(status.presences?.map((p) => [p.user_id, p.status]), [[alice.userId, ""]]);

    const update = nextEvent(bob.socket, "statusPresence");
    const own = nextEvent(alice.socket, "statusPresence", (e) => e.joins?.[0]?.status === "In the lobby 🎮");
    await alice.socket.updateStatus("In the lobby 🎮");
    const event = await update;
    assert.deepEqual(event.joins?.map((p) => [p.user_id, p.status]), [[alice.userId, "In the lobby 🎮"]]);
    assert.deepEqual(event.leaves?.map((p) => [p.user_id, p.status]), [[alice.userId, ""]]);
    await own;

    const offline = nextEvent(bob.socket, "statusPresence");
    await alice.socket.updateStatus();
    const cleared = await offline;
    assert.equal(cleared.joins, undefined);
    assert.equal(cleared.leaves?.[0].status, "In the lobby 🎮");

    const carolOnline = nextEvent(bob.socket, "statusPresence", (e) => e.joins?.[0]?.user_id === carol.userId);
    await carol.socket.connect(carol.session, { appearOnline: true });
    await carolOnline;
    const users = await bob.client.getUsers(bob.session, { ids: [carol.userId] });
    assert.equal(users.users?.[0].online, true);

    const carolGone = nextEvent(bob.socket, "statusPresence", (e) => e.leaves?.[0]?.user_id === carol.userId);
    await carol.socket.close();
    await carolGone;

    await bob.socket.unfollowUsers([alice.userId]);
    const bobEvents = record(bob.socket, "statusPresence");
    await alice.socket.updateStatus("after unfollow");
    await bob.socket.ping();
    await alice.socket.ping();
    assert.deepEqual(bobEvents.events, []);
    bobEvents.stop();
    await closeAll(alice, bob, carol);
  });

  it("following nobody online, or nothing, returns an empty status; a bad id is refused", async () => {
    const [alice, bob] = await players(fake, 2);
    assert.deepEqual(await alice.socket.followUsers([bob.userId]), {});
    assert.deepEqual(await alice.socket.followUsers([]), {});
    await assert.rejects(alice.socket.followUsers(["not-a-uuid"]), (error: unknown) => {
      assert.ok(error instanceof NakamaError);
      assert.deepEqual(error.data, { code: 3, message: "Invalid user identifier" });
      return true;
    });
    // deno-lint-ignore no-explicit-any
    assert.throws(() => alice.socket.followUsers("bob" as any), /"userIds"/);
    // deno-lint-ignore no-explicit-any
    assert.throws(() => alice.socket.updateStatus(42 as any), /"status"/);
    await closeAll(alice, bob);
  });

  it("a user who appears online later is announced to followers", async () => {
    const [alice, bob] = await players(fake, 2);
    await bob.socket.followUsers([alice.userId]);
    const online = nextEvent(bob.socket, "statusPresence");
    await alice.socket.updateStatus("");
    assert.deepEqual((await online).joins?.map((p) => [p.user_id, p.status]), [[alice.userId, ""]]);
    await closeAll(alice, bob);
  });
});
