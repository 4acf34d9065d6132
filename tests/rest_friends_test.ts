// REST friend routes against the fake Nakama over loopback HTTP: invites and accepts on both sides, block, delete,
// listing with state filter and cursor, friends of friends, and the social imports. Expected answers follow
// /work/shared/captures/nakama-3.18/rest/{AddFriends,BlockFriends,DeleteFriends,ListFriends,Import*}.json.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type ApiFriend, Client, type Session } from "../mod.ts";
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

/** The session user's relationships as `[userId, state]` pairs, in listing order. */
async function relations(session: Session, state?: number): Promise<[string | undefined, number | undefined][]> {
  const { friends = [] } = await client.listFriends(session, state === undefined ? {} : { state });
  return friends.map((f: ApiFriend) => [f.user?.id, f.state]);
}

describe("Client.addFriends()", () => {
  it("an invite is state 1 / 2; adding back on the other side makes both state 0", async () => {
    const alice = await newUser("alice");
    const bob = await newUser("bob");
    assert.equal(await client.addFriends(alice, { ids: [bob.userId] }), undefined);
    assert.deepEqual(lastRequest(fake, "POST", "/v2/friend").query.getAll("ids"), [bob.userId]);
    assert.deepEqual(await relations(alice), [[bob.userId, 1]]);
    assert.deepEqual(await relations(bob), [[alice.userId, 2]]);

    await client.addFriends(bob, { usernames: [alice.username] });
    assert.deepEqual(lastRequest(fake, "POST", "/v2/friend").query.getAll("usernames"), [alice.username]);
    assert.deepEqual(await relations(alice), [[bob.userId, 0]]);
    assert.deepEqual(await relations(bob), [[alice.userId, 0]]);
    const { friends = [] } = await client.listFriends(alice, { state: 0 });
    assert.equal(friends[0].user?.username, bob.username);
    assert.equal(friends[0].state, 0);

    // Each side was told: bob got the request (-2), alice the acceptance (-3).
    const bobCodes = (await client.listNotifications(bob, { limit: 100 })).notifications?.map((n) => n.code);
    const aliceCodes = (await client.listNotifications(alice, { limit: 100 })).notifications?.map((n) => n.code);
    assert.deepEqual(bobCodes, [-2]);
    assert.deepEqual(aliceCodes, [-3]);
  });

  it("adding self is 400; an invalid id is 400; an unknown id is silently ignored", async () => {
    const alice = await newUser("self");
    await assert.rejects(
      client.addFriends(alice, { ids: [alice.userId] }),
      serverError(400, 3, "Cannot add self as friend."),
    );
    await assert.rejects(
      client.addFriends(alice, { ids: ["not-a-uuid"] }),
      serverError(400, 3, "Invalid user ID 'not-a-uuid'."),
    );
    await client.addFriends(alice, { ids: ["00000000-0000-4000-8000-000000000000"] });
    await client.addFriends(alice);
    assert.deepEqual(await relations(alice), []);
  });

  it("sends metadata as JSON text in the query", async () => {
    const alice = await newUser("meta");
    const bob = await newUser("meta-bob");
    await client.addFriends(alice, { ids: [bob.userId], metadata: { note: "from the lobby" } });
    assert.equal(lastRequest(fake, "POST", "/v2/friend").query.get("metadata"), '{"note":"from the lobby"}');
    assert.deepEqual(await relations(alice), [[bob.userId, 1]]);
  });
});

describe("Client.blockFriends() / deleteFriends()", () => {
  it("a blocked user is state 3 and their invites are silently ignored", async () => {
    const alice = await newUser("blocker");
    const dave = await newUser("dave");
    await client.blockFriends(alice, { ids: [dave.userId] });
    assert.deepEqual(await relations(alice, 3), [[dave.userId, 3]]);
    await client.addFriends(dave, { ids: [alice.userId] });
    assert.deepEqual(await relations(alice), [[dave.userId, 3]]);
    assert.deepEqual(await relations(dave), []);
    await assert.rejects(
      client.blockFriends(alice, { ids: [alice.userId] }),
      serverError(400, 3, "Cannot block self."),
    );
  });

  it("deleteFriends() removes a friendship on both sides, and unblocks", async () => {
    const alice = await newUser("del-a");
    const bob = await newUser("del-b");
    const frank = await newUser("del-f");
    await client.addFriends(alice, { ids: [bob.userId] });
    await client.addFriends(bob, { ids: [alice.userId] });
    await client.blockFriends(alice, { usernames: [frank.username] });
    assert.deepEqual((await relations(alice)).map(([, state]) => state), [0, 3]);

    await client.deleteFriends(alice, { usernames: [bob.username] });
    assert.deepEqual(lastRequest(fake, "DELETE", "/v2/friend").query.getAll("usernames"), [bob.username]);
    assert.deepEqual(await relations(bob), []);
    await client.deleteFriends(alice, { ids: [frank.userId] });
    assert.deepEqual(await relations(alice), []);
    await assert.rejects(
      client.deleteFriends(alice, { ids: [alice.userId] }),
      serverError(400, 3, "Cannot delete self."),
    );
    await assert.rejects(client.deleteFriends(alice, { ids: ["xyz"] }), serverError(400, 3, "Invalid user ID 'xyz'."));
  });
});

describe("Client.listFriends()", () => {
  it("pages with limit and cursor, and refuses a bad state or limit", async () => {
    const alice = await newUser("pager");
    const others = [await newUser("p1"), await newUser("p2"), await newUser("p3")];
    await client.addFriends(alice, { ids: others.map((o) => o.userId) });
    const first = await client.listFriends(alice, { limit: 2 });
    assert.equal(first.friends?.length, 2);
    assert.ok(first.cursor);
    const second = await client.listFriends(alice, { limit: 2, cursor: first.cursor });
    assert.equal(second.friends?.length, 1);
    assert.equal(second.cursor, undefined);
    const seen = [...first.friends!, ...second.friends!].map((f) => f.user?.id).sort();
    assert.deepEqual(seen, others.map((o) => o.userId).sort());
    const query = lastRequest(fake, "GET", "/v2/friend").query;
    assert.equal(query.get("limit"), "2");
    assert.equal(query.get("cursor"), first.cursor);

    await assert.rejects(
      client.listFriends(alice, { state: 7 }),
      serverError(400, 3, "Invalid state - state must be between 0 and 3."),
    );
    await assert.rejects(
      client.listFriends(alice, { limit: 5000 }),
      serverError(400, 3, "Invalid limit - limit must be between 1 and 1000."),
    );
    await assert.rejects(client.listFriends(alice, { cursor: "bogus" }), serverError(400, 3, "Cursor is invalid."));
  });
});

describe("Client.listFriendsOfFriends() (servers newer than 3.18)", () => {
  it("lists a friend's friends with the friend as referrer", async () => {
    const alice = await newUser("fof-a");
    const bob = await newUser("fof-b");
    const carol = await newUser("fof-c");
    for (const [x, y] of [[alice, bob], [bob, carol]]) {
      await client.addFriends(x, { ids: [y.userId] });
      await client.addFriends(y, { ids: [x.userId] });
    }
    const { friends_of_friends = [] } = await client.listFriendsOfFriends(alice, { limit: 10 });
    assert.deepEqual(friends_of_friends.map((f) => [f.referrer, f.user?.id]), [[bob.userId, carol.userId]]);
    assert.equal(lastRequest(fake, "GET", "/v2/friend/friends").query.get("limit"), "10");
  });
});

describe("Client.importFacebookFriends() / importSteamFriends() (no provider configured)", () => {
  it("importFacebookFriends() with an empty token is 400; reset goes in the query", async () => {
    const alice = await newUser("import-fb");
    await assert.rejects(
      client.importFacebookFriends(alice, "", { reset: false }),
      serverError(400, 3, "Facebook token is required."),
    );
    const request = lastRequest(fake, "POST", "/v2/friend/facebook");
    assert.equal(request.query.get("reset"), "false");
    assert.deepEqual(JSON.parse(request.body), { token: "" });
  });

  it("importSteamFriends() is 400 Steam authentication is not configured.", async () => {
    const alice = await newUser("import-steam");
    await assert.rejects(
      client.importSteamFriends(alice, "deadbeef", { reset: true }),
      serverError(400, 9, "Steam authentication is not configured."),
    );
    const request = lastRequest(fake, "POST", "/v2/friend/steam");
    assert.equal(request.query.get("reset"), "true");
    assert.deepEqual(JSON.parse(request.body), { token: "deadbeef" });
  });
});
