// REST tournament routes against the fake Nakama over loopback HTTP: list by category and time, join (with
// join_required and max_size), write through both bindings (PUT and POST), list records, around an owner, and
// delete. Expected answers follow /work/shared/captures/nakama-3.18/rest/*Tournament*.json.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Client, type Session } from "../mod.ts";
import { FakeNakama, newTournament } from "./support/fake_nakama/mod.ts";
import { lastRequest, serverError, unique } from "./support/rest_helpers.ts";

let fake: FakeNakama;
let client: Client;
before(async () => {
  fake = await FakeNakama.start();
  client = new Client({ port: fake.port, retry: { maxRetries: 0 } });
});
after(() => fake.close());

let nextCategory = 40;

async function newUser(prefix = "user"): Promise<Session> {
  return await client.authenticateDevice(unique(`dev-${prefix}`), { create: true, username: unique(prefix) });
}

/** Registers a tournament (as `clientrpc.create_tournament` would) in a category of its own. */
function newCup(options: {
  operator?: "best" | "set" | "incr" | "decr";
  joinRequired?: boolean;
  maxSize?: number;
  maxNumScore?: number;
  startTime?: number;
  endTime?: number;
  duration?: number;
  resetSchedule?: string;
} = {}): { id: string; category: number } {
  const id = unique("cup");
  const category = nextCategory++;
  fake.state.leaderboards.set(
    id,
    newTournament({
      id,
      title: `Cup ${id}`,
      description: "a test cup",
      category,
      duration: options.duration ?? 3600,
      operator: options.operator ?? "best",
      joinRequired: options.joinRequired,
      maxSize: options.maxSize,
      maxNumScore: options.maxNumScore,
      startTime: options.startTime,
      endTime: options.endTime,
      resetSchedule: options.resetSchedule,
      createTime: Date.now(),
    }),
  );
  return { id, category };
}

describe("Client.listTournaments()", () => {
  it("filters by category and returns the tournament's settings", async () => {
    const alice = await newUser("lister");
    const cup = newCup({ maxSize: 10, maxNumScore: 3 });
    const { tournaments = [] } = await client.listTournaments(alice, {
      categoryStart: cup.category,
      categoryEnd: cup.category,
      limit: 10,
    });
    const query = lastRequest(fake, "GET", "/v2/tournament").query;
    assert.equal(query.get("category_start"), String(cup.category));
    assert.equal(query.get("category_end"), String(cup.category));
    assert.equal(query.get("limit"), "10");
    assert.equal(tournaments.length, 1);
    const [t] = tournaments;
    assert.equal(t.id, cup.id);
    assert.equal(t.title, `Cup ${cup.id}`);
    assert.equal(t.description, "a test cup");
    assert.equal(t.category, cup.category);
    assert.equal(t.max_size, 10);
    assert.equal(t.max_num_score, 3);
    assert.equal(t.can_enter, true);
    assert.equal(t.duration, 3600);

    // The preloaded test_tournament is category 1.
    const one = await client.listTournaments(alice, { categoryStart: 1, categoryEnd: 1 });
    assert.deepEqual(one.tournaments?.map((x) => x.id), ["test_tournament"]);
    await assert.rejects(
      client.listTournaments(alice, { categoryStart: 300, categoryEnd: 1 }),
      serverError(400, 3, "Tournament category end must be greater than category start."),
    );
    await assert.rejects(
      client.listTournaments(alice, { limit: 1000 }),
      serverError(400, 3, "Limit must be between 1 and 100."),
    );
  });

  it("start_time/end_time find a tournament that starts later", async () => {
    const alice = await newUser("future-lister");
    const now = Math.floor(Date.now() / 1000);
    const cup = newCup({ startTime: now + 86400, endTime: now + 2 * 86400, duration: 600 });
    const { tournaments = [] } = await client.listTournaments(alice, {
      categoryStart: cup.category,
      categoryEnd: cup.category,
      startTime: now,
      endTime: now + 3 * 86400,
    });
    const query = lastRequest(fake, "GET", "/v2/tournament").query;
    assert.equal(query.get("start_time"), String(now));
    assert.equal(query.get("end_time"), String(now + 3 * 86400));
    assert.deepEqual(tournaments.map((t) => [t.id, t.can_enter ?? false]), [[cup.id, false]]);
  });
});

describe("Client.joinTournament() / writeTournamentRecord()", () => {
  it("a join_required cup: writing before joining is 400, joining is idempotent, max_size is enforced", async () => {
    const cup = newCup({ operator: "incr", joinRequired: true, maxSize: 2, maxNumScore: 3 });
    const alice = await newUser("alice");
    const bob = await newUser("bob");
    const carol = await newUser("carol");
    await assert.rejects(
      client.writeTournamentRecord(alice, cup.id, 5),
      serverError(400, 9, "Must join tournament before attempting to write value."),
    );
    assert.equal(await client.joinTournament(alice, cup.id), undefined);
    assert.equal(lastRequest(fake, "POST", `/v2/tournament/${cup.id}/join`).body, "");
    await client.joinTournament(alice, cup.id);
    await client.joinTournament(bob, cup.id);
    await assert.rejects(
      client.joinTournament(carol, cup.id),
      serverError(400, 3, "Tournament cannot be joined as it has reached its max size."),
    );

    // incr, max 3 submissions: the fourth is silently ignored.
    const scores = [];
    for (const score of [5, 7, 1, 1]) scores.push((await client.writeTournamentRecord(alice, cup.id, score)).score);
    assert.deepEqual(scores, ["5", "12", "13", "13"]);
    const record = await client.listTournamentRecords(alice, cup.id, { ownerIds: [alice.userId] });
    assert.equal(record.owner_records?.[0].num_score, 3);
    assert.equal(record.owner_records?.[0].max_num_score, 3);
  });

  it("writes through PUT by default and POST on request, with metadata and expiry", async () => {
    const cup = newCup({ resetSchedule: "0 0 * * *", duration: 86400 });
    const alice = await newUser("writer-put");
    const bob = await newUser("writer-post");
    const put = await client.writeTournamentRecord(alice, cup.id, 300, { subscore: 3, metadata: { stage: 1 } });
    const putRequest = lastRequest(fake, "PUT", `/v2/tournament/${cup.id}`);
    assert.deepEqual(JSON.parse(putRequest.body), { score: 300, subscore: 3, metadata: '{"stage":1}' });
    assert.equal(put.leaderboard_id, cup.id);
    assert.equal(put.score, "300");
    assert.equal(put.subscore, "3");
    assert.equal(put.metadata, '{"stage": 1}');
    assert.match(put.expiry_time ?? "", /^\d{4}-\d\d-\d\dT00:00:00Z$/);

    const post = await client.writeTournamentRecord(bob, cup.id, "250", { method: "POST" });
    assert.deepEqual(JSON.parse(lastRequest(fake, "POST", `/v2/tournament/${cup.id}`).body), { score: "250" });
    assert.equal(post.score, "250");
    assert.equal(post.rank, "2");
    // best: a lower score keeps 300.
    assert.equal((await client.writeTournamentRecord(alice, cup.id, 10)).score, "300");
    assert.throws(() => client.writeTournamentRecord(alice, cup.id, 1, { method: "PATCH" as "PUT" }), TypeError);
  });

  it("a tournament that has not started can be joined but not written to", async () => {
    const now = Math.floor(Date.now() / 1000);
    const cup = newCup({ startTime: now + 86400, duration: 600 });
    const alice = await newUser("early");
    await client.joinTournament(alice, cup.id);
    await assert.rejects(
      client.writeTournamentRecord(alice, cup.id, 1, { method: "POST" }),
      serverError(400, 9, "Tournament is not active and cannot accept new scores."),
    );
    assert.deepEqual(await client.listTournamentRecords(alice, cup.id), {});
  });

  it("unknown tournaments are 404 Tournament not found.", async () => {
    const alice = await newUser("lost");
    const missing = unique("no-such-cup");
    const notFound = serverError(404, 5, "Tournament not found.");
    await assert.rejects(client.joinTournament(alice, missing), notFound);
    await assert.rejects(client.writeTournamentRecord(alice, missing, 1), notFound);
    await assert.rejects(client.listTournamentRecords(alice, missing), notFound);
    await assert.rejects(client.listTournamentRecordsAroundOwner(alice, missing, alice.userId), notFound);
  });
});

describe("Client.listTournamentRecords() / listTournamentRecordsAroundOwner() / deleteTournamentRecord()", () => {
  it("lists ranked records, pages, centres on an owner, and deletes", async () => {
    const cup = newCup();
    const players: Session[] = [];
    for (const score of [300, 275, 250, 100]) {
      const player = await newUser(`t${score}`);
      await client.writeTournamentRecord(player, cup.id, score);
      players.push(player);
    }
    const all = await client.listTournamentRecords(players[0], cup.id);
    assert.deepEqual(all.records?.map((r) => [r.owner_id, r.score, r.rank]), [
      [players[0].userId, "300", "1"],
      [players[1].userId, "275", "2"],
      [players[2].userId, "250", "3"],
      [players[3].userId, "100", "4"],
    ]);
    const page = await client.listTournamentRecords(players[0], cup.id, { limit: 2 });
    const next = await client.listTournamentRecords(players[0], cup.id, { limit: 2, cursor: page.next_cursor });
    assert.deepEqual(next.records?.map((r) => r.rank), ["3", "4"]);
    assert.equal(lastRequest(fake, "GET", `/v2/tournament/${cup.id}`).query.get("cursor"), page.next_cursor);

    const around = await client.listTournamentRecordsAroundOwner(players[0], cup.id, players[2].userId, { limit: 3 });
    assert.equal(
      lastRequest(fake, "GET", `/v2/tournament/${cup.id}/owner/${players[2].userId}`).query.get("limit"),
      "3",
    );
    assert.deepEqual(around.records?.map((r) => r.score), ["275", "250", "100"]);
    await assert.rejects(
      client.listTournamentRecordsAroundOwner(players[0], cup.id, "abc"),
      serverError(400, 3, "Invalid owner ID provided."),
    );

    const dave = players[3];
    assert.equal(await client.deleteTournamentRecord(dave, cup.id), undefined);
    const after = await client.listTournamentRecords(players[0], cup.id, { limit: 10 });
    assert.deepEqual(after.records?.map((r) => r.owner_id), players.slice(0, 3).map((p) => p.userId));
    // 3.18 answers a delete with nothing to delete (or of an unknown tournament) with 500 INTERNAL.
    const internal = serverError(500, 13, "Error deleting score from tournament.");
    await assert.rejects(client.deleteTournamentRecord(dave, cup.id), internal);
    await assert.rejects(client.deleteTournamentRecord(dave, unique("no-such-cup")), internal);
  });
});
