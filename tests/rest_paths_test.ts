// Path and query injection through the public API against the fake Nakama over loopback HTTP: ids and names that
// hold "/", "?", "#", "%", "..", spaces or non-ASCII text must stay one path segment (or one query value), never
// change the route and never add query parameters. Checked on the raw URL the fake recorded, and by the fake's
// routing: the value arrives intact where the server keeps it (storage collections, board ids, RPC ids, rooms).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Client, NakamaError, type Session } from "../mod.ts";
import { FakeNakama, newLeaderboard, newTournament, type RecordedRequest } from "./support/fake_nakama/mod.ts";

let fake: FakeNakama;
let client: Client;
let alice: Session;
before(async () => {
  fake = await FakeNakama.start();
  client = new Client({ port: fake.port, retry: { maxRetries: 0 } });
  alice = await client.authenticateDevice(`dev-paths-${crypto.randomUUID()}`, { username: "alice-paths" });
});
after(() => fake.close());

/** Values that would change a naively built URL. */
const NASTY = [
  "a/b",
  "a?b=c",
  "x#y",
  "100%",
  "50%25",
  "%2e%2e",
  "with space",
  "Jörg ✓",
  "../v2/account",
  "a/../../v2/account",
  "..x",
  "x..",
  "?",
  "#",
  "/",
  "&http_key=defaulthttpkey",
];

/** Runs a call and returns the one request it sent (the call may be refused by the server). */
async function sent(call: () => Promise<unknown>): Promise<RecordedRequest> {
  const before = fake.requests.length;
  try {
    await call();
  } catch (error) {
    if (!(error instanceof NakamaError)) throw error;
  }
  assert.equal(fake.requests.length, before + 1, "exactly one request");
  return fake.requests[before];
}

/**
 * Checks that the recorded path has the template's shape: literal segments equal, each `null` one decoding to
 * the value, and the query holding exactly `queryKeys`.
 */
function assertShape(request: RecordedRequest, template: (string | null)[], value: string, queryKeys: string[] = []) {
  const segments = request.path.split("/").slice(1);
  assert.equal(segments.length, template.length, `segments of ${request.rawUrl}`);
  template.forEach((literal, i) => {
    if (literal === null) assert.equal(decodeURIComponent(segments[i]), value, `segment ${i} of ${request.rawUrl}`);
    else assert.equal(segments[i], literal, `segment ${i} of ${request.rawUrl}`);
  });
  assert.deepEqual([...new Set(request.query.keys())].sort(), [...queryKeys].sort(), `query of ${request.rawUrl}`);
  assert.equal(request.rawUrl.includes("#"), false);
}

const UUID = "00000000-0000-4000-8000-000000000000";

/** Every route with a path parameter, with the call that fills it with `v`. */
const ROUTES: {
  name: string;
  method: string;
  template: (string | null)[];
  call: (v: string) => Promise<unknown>;
  /** The query keys the call sends itself. */
  query?: string[];
}[] = [
  {
    name: "updateGroup",
    method: "PUT",
    template: ["v2", "group", null],
    call: (v) => client.updateGroup(alice, v, { name: "n" }),
  },
  { name: "deleteGroup", method: "DELETE", template: ["v2", "group", null], call: (v) => client.deleteGroup(alice, v) },
  {
    name: "joinGroup",
    method: "POST",
    template: ["v2", "group", null, "join"],
    call: (v) => client.joinGroup(alice, v),
  },
  {
    name: "leaveGroup",
    method: "POST",
    template: ["v2", "group", null, "leave"],
    call: (v) => client.leaveGroup(alice, v),
  },
  {
    name: "addGroupUsers",
    method: "POST",
    template: ["v2", "group", null, "add"],
    call: (v) => client.addGroupUsers(alice, v, [UUID]),
    query: ["user_ids"],
  },
  {
    name: "banGroupUsers",
    method: "POST",
    template: ["v2", "group", null, "ban"],
    call: (v) => client.banGroupUsers(alice, v, [UUID]),
    query: ["user_ids"],
  },
  {
    name: "kickGroupUsers",
    method: "POST",
    template: ["v2", "group", null, "kick"],
    call: (v) => client.kickGroupUsers(alice, v, [UUID]),
    query: ["user_ids"],
  },
  {
    name: "promoteGroupUsers",
    method: "POST",
    template: ["v2", "group", null, "promote"],
    call: (v) => client.promoteGroupUsers(alice, v, [UUID]),
    query: ["user_ids"],
  },
  {
    name: "demoteGroupUsers",
    method: "POST",
    template: ["v2", "group", null, "demote"],
    call: (v) => client.demoteGroupUsers(alice, v, [UUID]),
    query: ["user_ids"],
  },
  {
    name: "listGroupUsers",
    method: "GET",
    template: ["v2", "group", null, "user"],
    call: (v) => client.listGroupUsers(alice, v),
  },
  {
    name: "listUserGroups",
    method: "GET",
    template: ["v2", "user", null, "group"],
    call: (v) => client.listUserGroups(alice, v),
  },
  {
    name: "listStorageObjects",
    method: "GET",
    template: ["v2", "storage", null],
    call: (v) => client.listStorageObjects(alice, v),
  },
  {
    name: "listUsersStorageObjects",
    method: "GET",
    template: ["v2", "storage", null, null],
    call: (v) => client.listUsersStorageObjects(alice, v, v),
  },
  {
    name: "writeLeaderboardRecord",
    method: "POST",
    template: ["v2", "leaderboard", null],
    call: (v) => client.writeLeaderboardRecord(alice, v, 1),
  },
  {
    name: "listLeaderboardRecords",
    method: "GET",
    template: ["v2", "leaderboard", null],
    call: (v) => client.listLeaderboardRecords(alice, v),
  },
  {
    name: "listLeaderboardRecordsAroundOwner",
    method: "GET",
    template: ["v2", "leaderboard", null, "owner", null],
    call: (v) => client.listLeaderboardRecordsAroundOwner(alice, v, v),
  },
  {
    name: "deleteLeaderboardRecord",
    method: "DELETE",
    template: ["v2", "leaderboard", null],
    call: (v) => client.deleteLeaderboardRecord(alice, v),
  },
  {
    name: "joinTournament",
    method: "POST",
    template: ["v2", "tournament", null, "join"],
    call: (v) => client.joinTournament(alice, v),
  },
  {
    name: "writeTournamentRecord",
    method: "PUT",
    template: ["v2", "tournament", null],
    call: (v) => client.writeTournamentRecord(alice, v, 1),
  },
  {
    name: "writeTournamentRecord (POST)",
    method: "POST",
    template: ["v2", "tournament", null],
    call: (v) => client.writeTournamentRecord(alice, v, 1, { method: "POST" }),
  },
  {
    name: "listTournamentRecords",
    method: "GET",
    template: ["v2", "tournament", null],
    call: (v) => client.listTournamentRecords(alice, v),
  },
  {
    name: "listTournamentRecordsAroundOwner",
    method: "GET",
    template: ["v2", "tournament", null, "owner", null],
    call: (v) => client.listTournamentRecordsAroundOwner(alice, v, v),
  },
  {
    name: "deleteTournamentRecord",
    method: "DELETE",
    template: ["v2", "tournament", null],
    call: (v) => client.deleteTournamentRecord(alice, v),
  },
  {
    name: "listChannelMessages",
    method: "GET",
    template: ["v2", "channel", null],
    call: (v) => client.listChannelMessages(alice, v),
  },
  {
    name: "getSubscription",
    method: "GET",
    template: ["v2", "iap", "subscription", null],
    call: (v) => client.getSubscription(alice, v),
  },
  { name: "rpc (POST)", method: "POST", template: ["v2", "rpc", null], call: (v) => client.rpc(alice, v, "x") },
  { name: "rpc (GET)", method: "GET", template: ["v2", "rpc", null], call: (v) => client.rpc(alice, v) },
];

describe("path parameters stay one segment", () => {
  for (const route of ROUTES) {
    it(`${route.name}() keeps every id in its segment, with no query added`, async () => {
      for (const value of NASTY) {
        const request = await sent(() => route.call(value));
        assert.equal(request.method, route.method);
        assertShape(request, route.template, value, route.query);
        if (route.query) assert.deepEqual(request.query.getAll("user_ids"), [UUID]);
      }
    });
  }

  it("the exact raw URLs of a few ids", async () => {
    const cases: [() => Promise<unknown>, string][] = [
      [() => client.joinGroup(alice, "a/b?c=d#e f%ö"), "/v2/group/a%2Fb%3Fc%3Dd%23e%20f%25%C3%B6/join"],
      [() => client.listChannelMessages(alice, "2...room/x?y#z"), "/v2/channel/2...room%2Fx%3Fy%23z"],
      [() => client.rpc(alice, "../healthcheck"), "/v2/rpc/..%2Fhealthcheck"],
      [() => client.deleteLeaderboardRecord(alice, "%2e%2e"), "/v2/leaderboard/%252e%252e"],
      [() => client.listUsersStorageObjects(alice, "a b", "c+d"), "/v2/storage/a%20b/c%2Bd"],
    ];
    for (const [call, rawUrl] of cases) assert.equal((await sent(call)).rawUrl, rawUrl);
  });

  it('"." and ".." cannot be sent as a segment: a TypeError naming the argument, and nothing is sent', () => {
    const before = fake.requests.length;
    for (const value of [".", ".."]) {
      assert.throws(
        () => client.joinGroup(alice, value),
        (e: unknown) => e instanceof TypeError && /"groupId"/.test(String(e)),
      );
      assert.throws(() => client.listStorageObjects(alice, value), /"collection"/);
      assert.throws(() => client.listUsersStorageObjects(alice, "saves", value), /"userId"/);
      assert.throws(() => client.rpc(alice, value), /"id"/);
      assert.throws(() => client.rpcHttpKey("defaulthttpkey", value), /"id"/);
      assert.throws(() => client.listLeaderboardRecordsAroundOwner(alice, "board", value), /"ownerId"/);
    }
    assert.throws(() => client.deleteGroup(alice, ""), /"groupId"/);
    assert.equal(fake.requests.length, before);
  });
});

describe("path parameters arrive intact where the server keeps them", () => {
  const id = "weird/id?x=1#frag %41..Jörg";

  it("a storage collection round-trips through write, list and listUsers", async () => {
    await client.writeStorageObjects(alice, [{ collection: id, key: "k/?#", value: { ok: true }, permissionRead: 2 }]);
    const own = await client.listStorageObjects(alice, id, { userId: alice.userId, limit: 10 });
    assert.deepEqual(own.objects?.map((o) => [o.collection, o.key]), [[id, "k/?#"]]);
    const byPath = await client.listUsersStorageObjects(alice, id, alice.userId, { limit: 10 });
    assert.deepEqual(byPath.objects?.map((o) => o.collection), [id]);
    assert.deepEqual(await client.listStorageObjects(alice, "weird"), {});
  });

  it("a leaderboard id reaches its board on every leaderboard route", async () => {
    fake.state.leaderboards.set(id, newLeaderboard({ id, createTime: Date.now() }));
    const record = await client.writeLeaderboardRecord(alice, id, 7);
    assert.equal(record.leaderboard_id, id);
    assert.deepEqual((await client.listLeaderboardRecords(alice, id, { limit: 5 })).records?.map((r) => r.score), [
      "7",
    ]);
    const around = await client.listLeaderboardRecordsAroundOwner(alice, id, alice.userId, { limit: 5 });
    assert.deepEqual(around.records?.map((r) => r.owner_id), [alice.userId]);
    await client.deleteLeaderboardRecord(alice, id);
    assert.equal(fake.state.leaderboards.get(id)?.records.size, 0);
  });

  it("a tournament id reaches its tournament on every tournament route", async () => {
    fake.state.leaderboards.set(id, newTournament({ id, duration: 3600, joinRequired: true, createTime: Date.now() }));
    await client.joinTournament(alice, id);
    assert.equal((await client.writeTournamentRecord(alice, id, 3)).leaderboard_id, id);
    assert.equal((await client.writeTournamentRecord(alice, id, 4, { method: "POST" })).score, "4");
    assert.deepEqual((await client.listTournamentRecords(alice, id)).records?.map((r) => r.score), ["4"]);
    const around = await client.listTournamentRecordsAroundOwner(alice, id, alice.userId);
    assert.deepEqual(around.records?.map((r) => r.leaderboard_id), [id]);
    await client.deleteTournamentRecord(alice, id);
    assert.deepEqual(await client.listTournamentRecords(alice, id), {});
  });

  it("an RPC id and a chat room name arrive intact", async () => {
    fake.registerRpc(id, (ctx, payload) => `${ctx.userId || "http-key"}:${payload}`);
    assert.equal((await client.rpc(alice, id, "p")).payload, `${alice.userId}:p`);
    assert.equal((await client.rpcHttpKey("defaulthttpkey", id, "q")).payload, "http-key:q");
    assert.equal((await client.rpc(alice, id)).payload, `${alice.userId}:`);

    const room = `2...${id}`;
    fake.state.appendChannelMessage({ channel_id: room, sender_id: alice.userId, content: '{"text":"hi"}' });
    const { messages = [] } = await client.listChannelMessages(alice, room, { limit: 5 });
    assert.deepEqual(messages.map((m) => [m.channel_id, m.room_name]), [[room, id]]);
  });

  it("group and user ids reach their handlers (the server then refuses a non-UUID id)", async () => {
    for (const call of [() => client.joinGroup(alice, id), () => client.listGroupUsers(alice, id)]) {
      await assert.rejects(call(), (e: unknown) => e instanceof NakamaError && e.status === 400 && e.grpcCode === 3);
    }
    await assert.rejects(
      client.getSubscription(alice, id),
      (e: unknown) =>
        e instanceof NakamaError && e.status === 404 &&
        (e.data as { message?: string }).message === "subscription not found",
    );
  });
});

describe("query values never add parameters", () => {
  const evil = "v&create=false&http_key=x#frag?y=1 ö+";

  it("authenticate username, group and user filters, cursors and match queries stay one value each", async () => {
    const checks: [() => Promise<unknown>, string, string[], Record<string, string | string[]>][] = [
      [
        () => client.authenticateDevice(`dev-query-${crypto.randomUUID()}`, { username: evil }),
        "/v2/account/authenticate/device",
        ["username"],
        { username: evil },
      ],
      [() => client.listGroups(alice, { name: evil }), "/v2/group", ["name"], { name: evil }],
      [
        () => client.getUsers(alice, { usernames: [evil, "a&ids=b"] }),
        "/v2/user",
        ["usernames"],
        { usernames: [evil, "a&ids=b"] },
      ],
      [() => client.listStorageObjects(alice, "saves", { cursor: evil }), "/v2/storage/saves", ["cursor"], {
        cursor: evil,
      }],
      [() => client.listMatches(alice, { query: evil, label: evil }), "/v2/match", ["label", "query"], {
        query: evil,
        label: evil,
      }],
      [
        () => client.listNotifications(alice, { cacheableCursor: evil }),
        "/v2/notification",
        ["cacheable_cursor"],
        { cacheable_cursor: evil },
      ],
      [() => client.addFriends(alice, { usernames: [evil] }), "/v2/friend", ["usernames"], { usernames: [evil] }],
      [() => client.deleteNotifications(alice, [evil]), "/v2/notification", ["ids"], { ids: [evil] }],
    ];
    for (const [call, path, keys, values] of checks) {
      const request = await sent(call);
      assert.equal(request.path, path);
      assert.deepEqual([...new Set(request.query.keys())].sort(), keys.sort(), request.rawUrl);
      for (const [key, value] of Object.entries(values)) {
        assert.deepEqual(Array.isArray(value) ? request.query.getAll(key) : request.query.get(key), value);
      }
      assert.equal(request.rawUrl.includes("#"), false);
    }
  });

  it("rpcHttpKey(): a key holding '&unwrap' adds no parameter (which would change the reply format)", async () => {
    const key = "defaulthttpkey&unwrap=1";
    const request = await sent(() => client.rpcHttpKey(key, "echo", "x"));
    assert.deepEqual([...request.query.keys()], ["http_key"]);
    assert.equal(request.query.get("http_key"), key);
  });
});
