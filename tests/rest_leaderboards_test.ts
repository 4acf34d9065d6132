// REST leaderboard routes against the fake Nakama over loopback HTTP: writes with the board's operator and with
// per-write operator overrides, int64 scores, listings (pages, owners, around an owner) and deletes. The score
// sequences replay /work/shared/captures/nakama-3.18/rest/WriteLeaderboardRecord.json on a fresh board each.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Client, type Session } from "../mod.ts";
import { FakeNakama, newLeaderboard } from "./support/fake_nakama/mod.ts";
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

/** Registers a fresh non-authoritative leaderboard (as `clientrpc.create_leaderboard` would) and returns its id. */
function newBoard(operator: "best" | "set" | "incr" | "decr" = "best", sortOrder: "asc" | "desc" = "desc"): string {
  const id = unique(`board-${operator}`);
  fake.state.leaderboards.set(id, newLeaderboard({ id, operator, sortOrder, createTime: Date.now() }));
  return id;
}

describe("Client.writeLeaderboardRecord()", () => {
  it("a best board keeps the best score; a lower one does not even count as a submission", async () => {
    const board = newBoard("best");
    const alice = await newUser("alice");
    const record = await client.writeLeaderboardRecord(alice, board, 100, {
      subscore: 10,
      metadata: { weapon: "bow" },
    });
    assert.deepEqual(JSON.parse(lastRequest(fake, "POST", `/v2/leaderboard/${board}`).body), {
      score: 100,
      subscore: 10,
      metadata: '{"weapon":"bow"}',
    });
    assert.equal(record.leaderboard_id, board);
    assert.equal(record.owner_id, alice.userId);
    assert.equal(record.username, alice.username);
    assert.equal(record.score, "100");
    assert.equal(record.subscore, "10");
    assert.equal(record.num_score, 1);
    assert.equal(record.metadata, '{"weapon": "bow"}');
    assert.equal(record.rank, "1");
    assert.equal(record.max_num_score, 1000000);

    const lower = await client.writeLeaderboardRecord(alice, board, 50);
    assert.equal(lower.score, "100");
    assert.equal(lower.num_score, 1);
    assert.equal(lower.metadata, '{"weapon": "bow"}');
  });

  it("operator overrides apply per write: set 90, increment 15, decrement 5, best 95", async () => {
    const board = newBoard("best");
    const alice = await newUser("overrides");
    await client.writeLeaderboardRecord(alice, board, "100");
    const steps: [string, number | string, string, number][] = [
      ["set", 90, "90", 2],
      ["increment", 15, "105", 3],
      ["decr", 5, "100", 4],
      ["best", 95, "100", 4],
    ];
    for (const [operator, score, expected, numScore] of steps) {
      const record = await client.writeLeaderboardRecord(alice, board, score, {
        operator: operator as "set" | "increment" | "decr" | "best",
      });
      assert.equal(record.score, expected, `after ${operator} ${score}`);
      assert.equal(record.num_score, numScore, `num_score after ${operator} ${score}`);
    }
    // Names go on the wire as the enum numbers: BEST 1, SET 2, INCREMENT 3, DECREMENT 4.
    assert.equal(JSON.parse(lastRequest(fake, "POST", `/v2/leaderboard/${board}`).body).operator, 1);
  });

  it("the board's own operator: set replaces, incr adds (score and subscore)", async () => {
    const alice = await newUser("board-ops");
    const setBoard = newBoard("set");
    await client.writeLeaderboardRecord(alice, setBoard, 30);
    assert.equal((await client.writeLeaderboardRecord(alice, setBoard, 20)).score, "20");
    const incrBoard = newBoard("incr");
    await client.writeLeaderboardRecord(alice, incrBoard, 30, { subscore: 1 });
    const record = await client.writeLeaderboardRecord(alice, incrBoard, 20, { subscore: 1 });
    assert.equal(record.score, "50");
    assert.equal(record.subscore, "2");
    assert.equal(record.num_score, 2);
  });

  it("int64 scores beyond 2^53 round-trip exactly as bigint or decimal text", async () => {
    const board = newBoard("set");
    const alice = await newUser("big");
    const record = await client.writeLeaderboardRecord(alice, board, 9007199254740993n, {
      subscore: "-9007199254740993",
    });
    assert.deepEqual(JSON.parse(lastRequest(fake, "POST", `/v2/leaderboard/${board}`).body), {
      score: "9007199254740993",
      subscore: "-9007199254740993",
    });
    assert.equal(record.score, "9007199254740993");
    assert.equal(record.subscore, "-9007199254740993");
    assert.throws(() => client.writeLeaderboardRecord(alice, board, 2 ** 53 + 2), RangeError);
  });

  it("a zero score is omitted; bad metadata is 400; an unknown board is 404", async () => {
    const board = newBoard("best");
    const erin = await newUser("erin");
    const record = await client.writeLeaderboardRecord(erin, board, 0);
    assert.equal(record.score, undefined);
    assert.equal(record.num_score, 1);
    await assert.rejects(
      client.writeLeaderboardRecord(erin, board, 1, { metadata: "not json" }),
      serverError(400, 3, "Metadata value must be JSON, if provided."),
    );
    await assert.rejects(
      client.writeLeaderboardRecord(erin, board, 1, { metadata: [1] }),
      serverError(400, 3, "Metadata value must be JSON, if provided."),
    );
    await assert.rejects(
      client.writeLeaderboardRecord(erin, unique("no-such-board"), 1),
      serverError(404, 5, "Leaderboard not found."),
    );
  });
});

describe("Client.listLeaderboardRecords() / listLeaderboardRecordsAroundOwner()", () => {
  it("ranks, pages with next/prev cursors, and returns owner records", async () => {
    const board = newBoard("best");
    const players: Session[] = [];
    for (const score of [200, 150, 120, 100, 0]) {
      const player = await newUser(`p${score}`);
      await client.writeLeaderboardRecord(player, board, score);
      players.push(player);
    }
    const first = await client.listLeaderboardRecords(players[0], board, { limit: 2 });
    assert.deepEqual(first.records?.map((r) => [r.owner_id, r.score, r.rank]), [
      [players[0].userId, "200", "1"],
      [players[1].userId, "150", "2"],
    ]);
    assert.equal(first.rank_count, "5");
    assert.ok(first.next_cursor);
    assert.equal(first.prev_cursor, undefined);
    const second = await client.listLeaderboardRecords(players[0], board, { limit: 2, cursor: first.next_cursor });
    assert.deepEqual(second.records?.map((r) => r.rank), ["3", "4"]);
    assert.ok(second.prev_cursor);
    const back = await client.listLeaderboardRecords(players[0], board, { limit: 2, cursor: second.prev_cursor });
    assert.deepEqual(back.records?.map((r) => r.rank), ["1", "2"]);

    // Owners only (no limit): owner_records and no page.
    const owners = await client.listLeaderboardRecords(players[0], board, {
      ownerIds: [players[3].userId, players[1].userId],
    });
    assert.deepEqual(lastRequest(fake, "GET", `/v2/leaderboard/${board}`).query.getAll("owner_ids"), [
      players[3].userId,
      players[1].userId,
    ]);
    assert.equal(owners.records, undefined);
    assert.deepEqual(
      owners.owner_records?.map((r) => [r.owner_id, r.rank]).sort(),
      [
        [players[1].userId, "2"],
        [players[3].userId, "4"],
      ].sort(),
    );
    const both = await client.listLeaderboardRecords(players[0], board, { ownerIds: [players[4].userId], limit: 1 });
    assert.deepEqual(both.records?.map((r) => r.rank), ["1"]);
    assert.deepEqual(both.owner_records?.map((r) => [r.owner_id, r.rank]), [[players[4].userId, "5"]]);
    assert.equal(lastRequest(fake, "GET", `/v2/leaderboard/${board}`).query.get("limit"), "1");

    await assert.rejects(
      client.listLeaderboardRecords(players[0], board, { ownerIds: ["abc"] }),
      serverError(400, 3, "One or more owner IDs are invalid."),
    );
    await assert.rejects(
      client.listLeaderboardRecords(players[0], board, { limit: 5000 }),
      serverError(400, 3, "Invalid limit - limit must be between 1 and 100."),
    );
    await assert.rejects(
      client.listLeaderboardRecords(players[0], unique("missing")),
      serverError(404, 5, "Leaderboard not found."),
    );
  });

  it("around an owner: a window of `limit` records holding the owner", async () => {
    const board = newBoard("best");
    const players: Session[] = [];
    for (const score of [50, 40, 30, 20, 10]) {
      const player = await newUser(`a${score}`);
      await client.writeLeaderboardRecord(player, board, score);
      players.push(player);
    }
    const middle = players[2];
    const around = await client.listLeaderboardRecordsAroundOwner(players[0], board, middle.userId, { limit: 3 });
    assert.equal(lastRequest(fake, "GET", `/v2/leaderboard/${board}/owner/${middle.userId}`).query.get("limit"), "3");
    assert.deepEqual(around.records?.map((r) => r.score), ["40", "30", "20"]);
    const top = await client.listLeaderboardRecordsAroundOwner(players[0], board, players[0].userId, { limit: 3 });
    assert.deepEqual(top.records?.map((r) => r.rank), ["1", "2", "3"]);
    const stranger = await newUser("no-record");
    assert.deepEqual(
      await client.listLeaderboardRecordsAroundOwner(players[0], board, stranger.userId, { limit: 3 }),
      {},
    );
    await assert.rejects(
      client.listLeaderboardRecordsAroundOwner(players[0], board, "abc", { limit: 3 }),
      serverError(400, 3, "Invalid owner ID provided."),
    );
  });
});

describe("Client.deleteLeaderboardRecord()", () => {
  it("removes the caller's record; deleting again is a no-op; an unknown board is 404", async () => {
    const board = newBoard("best");
    const dave = await newUser("dave");
    const other = await newUser("other");
    await client.writeLeaderboardRecord(dave, board, 120);
    await client.writeLeaderboardRecord(other, board, 10);
    assert.equal(await client.deleteLeaderboardRecord(dave, board), undefined);
    assert.equal(lastRequest(fake, "DELETE", `/v2/leaderboard/${board}`).body, "");
    const { records = [] } = await client.listLeaderboardRecords(other, board, { limit: 10 });
    assert.deepEqual(records.map((r) => [r.owner_id, r.rank]), [[other.userId, "1"]]);
    await client.deleteLeaderboardRecord(dave, board);
    await assert.rejects(
      client.deleteLeaderboardRecord(dave, unique("gone")),
      serverError(404, 5, "Leaderboard not found."),
    );
  });
});
