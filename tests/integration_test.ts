// The REST client against a REAL Nakama server, run only when NAKAMA_URL is set (skipped otherwise):
//
//   NAKAMA_URL=http://127.0.0.1:7350 deno test -A tests/integration_test.ts
//
// Environment:
//   NAKAMA_URL              base URL of the server (http or https); unset = skip everything
//   NAKAMA_SERVER_KEY       server key, default "defaultkey"
//   NAKAMA_LEADERBOARD_ID   a non-authoritative leaderboard to write to; unset = skip the leaderboard case
//   NAKAMA_RPC_ID           an RPC function to call; unset = skip that case
//   NAKAMA_RPC_ECHO=true    the RPC returns its payload unchanged (like the capture server's `echo`): check it
//   NAKAMA_HTTP_KEY         the runtime HTTP key: also call NAKAMA_RPC_ID with it
//
// Every run uses fresh, uniquely named users and groups and deletes them at the end. Only behaviour a stock server
// shows is asserted (texts and codes as recorded from Nakama 3.18 in /work/shared/captures/). To try it without a
// server: `deno run -A scripts/integration_against_fake.ts` runs this file against the in-process fake.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import process from "node:process";
import { Client, NakamaError, type Session, SessionExpiredError } from "../mod.ts";

const env = (name: string): string | undefined => process.env[name] || undefined;
const NAKAMA_URL = env("NAKAMA_URL");
const SERVER_KEY = env("NAKAMA_SERVER_KEY") ?? "defaultkey";
const LEADERBOARD_ID = env("NAKAMA_LEADERBOARD_ID");
const RPC_ID = env("NAKAMA_RPC_ID");
const RPC_ECHO = env("NAKAMA_RPC_ECHO") === "true";
const HTTP_KEY = env("NAKAMA_HTTP_KEY");

/** Client options from NAKAMA_URL. */
function clientOptions(serverKey: string) {
  const url = new URL(NAKAMA_URL!);
  const useSSL = url.protocol === "https:";
  const port = url.port === "" ? (useSSL ? 443 : 80) : Number(url.port);
  // The client retries 5xx by default; here every answer is asserted as the server gives it.
  return { host: url.hostname, port, useSSL, serverKey, retry: { maxRetries: 0 } };
}

/** Unique per run, so runs against the same database never collide. */
const RUN = `${Date.now().toString(36)}${crypto.randomUUID().slice(0, 6)}`;
let counter = 0;
const unique = (prefix: string) => `${prefix}-${RUN}-${++counter}`;

function serverError(status: number, grpcCode: number, message: string) {
  return (error: unknown) => {
    assert.ok(error instanceof NakamaError, `expected a NakamaError, got ${error}`);
    assert.equal(error.status, status);
    assert.equal(error.grpcCode, grpcCode);
    assert.deepEqual(error.data, { code: grpcCode, message });
    return true;
  };
}

describe("Nakama integration (NAKAMA_URL)", { skip: NAKAMA_URL ? false : "NAKAMA_URL is not set" }, () => {
  let client: Client;
  const sessions: Session[] = [];
  const groups: [Session, string][] = [];

  /** A new device account, deleted after the run. */
  async function newUser(prefix: string, vars?: Record<string, string>): Promise<Session> {
    const session = await client.authenticateDevice(unique(`nakama-ts-${prefix}-device`), {
      create: true,
      username: unique(`nts-${prefix}`),
      vars,
    });
    sessions.push(session);
    return session;
  }

  before(async () => {
    client = new Client(clientOptions(SERVER_KEY));
    await client.healthcheck();
  });

  after(async () => {
    for (const [owner, id] of groups) await client.deleteGroup(owner, id).catch(() => undefined);
    for (const session of sessions) await client.deleteAccount(session).catch(() => undefined);
  });

  it("healthcheck() resolves", async () => {
    assert.equal(await client.healthcheck(), undefined);
  });

  it("a wrong server key is a 401 NakamaError {code 16, Server key invalid}", async () => {
    const wrong = new Client(clientOptions(`${SERVER_KEY}-wrong`));
    await assert.rejects(wrong.authenticateDevice(unique("nakama-ts-wrong-key")), (error: unknown) => {
      serverError(401, 16, "Server key invalid")(error);
      assert.ok(!(error as Error).message.includes(`${SERVER_KEY}-wrong`));
      return true;
    });
  });

  it("authenticateDevice(): the username Jörg and vars round-trip; a second sign-in is not `created`", async () => {
    const device = unique("nakama-ts-jorg-device");
    const username = unique("Jörg");
    const vars = { platform: "web", "ключ": "värde ✓" };
    const session = await client.authenticateDevice(device, { create: true, username, vars });
    sessions.push(session);
    assert.equal(session.created, true);
    assert.equal(session.username, username);
    assert.deepEqual(session.vars, vars);
    const again = await client.authenticateDevice(device, { create: false });
    assert.equal(again.created, false);
    assert.equal(again.userId, session.userId);
    await assert.rejects(
      client.authenticateDevice(unique("nakama-ts-nobody"), { create: false }),
      serverError(404, 5, "User account not found."),
    );
    await assert.rejects(
      client.authenticateDevice(unique("nakama-ts-dup"), { create: true, username }),
      serverError(409, 6, "Username is already in use."),
    );
  });

  it("authenticateEmail() and authenticateCustom() create and sign in", async () => {
    const username = unique("nts-email");
    const email = `${username}@example.com`;
    const created = await client.authenticateEmail(email, "password1234", { create: true, username });
    sessions.push(created);
    assert.equal((await client.authenticateEmail("", "password1234", { username })).userId, created.userId);
    await assert.rejects(
      client.authenticateEmail(email, "wrongpassword"),
      serverError(401, 16, "Invalid credentials."),
    );
    const custom = await client.authenticateCustom(unique("nakama-ts-custom"), { username: unique("nts-custom") });
    sessions.push(custom);
    assert.equal(custom.created, true);
  });

  it("sessionRefresh() updates vars in place; after sessionLogout() refresh and the old token fail", async () => {
    const session = await newUser("session", { a: "1" });
    const { token } = session;
    await client.sessionRefresh(session, { vars: { a: "2" } });
    assert.notEqual(session.token, token);
    assert.deepEqual(session.vars, { a: "2" });
    assert.equal((await client.getAccount(session)).user?.id, session.userId);

    await client.sessionLogout(session);
    await assert.rejects(client.sessionRefresh(session), (error: unknown) => {
      assert.ok(error instanceof SessionExpiredError, `expected SessionExpiredError, got ${error}`);
      assert.equal(error.status, 401);
      return true;
    });
    await assert.rejects(client.getAccount(session), serverError(401, 16, "Auth token invalid"));
  });

  it("account: update, look up, link and unlink, delete", async () => {
    const session = await newUser("account");
    await client.updateAccount(session, {
      displayName: "Ana ✓",
      langTag: "pt-BR",
      location: "Lisboa",
      timezone: "UTC",
    });
    const account = await client.getAccount(session);
    assert.equal(account.user?.display_name, "Ana ✓");
    assert.equal(account.user?.lang_tag, "pt-BR");
    assert.equal(account.user?.location, "Lisboa");
    await assert.rejects(client.updateAccount(session, {}), serverError(400, 3, "No fields to update."));

    const other = await newUser("account-other");
    const { users = [] } = await client.getUsers(session, { ids: [other.userId], usernames: [session.username] });
    assert.deepEqual(users.map((u) => u.id).sort(), [session.userId, other.userId].sort());

    const device = unique("nakama-ts-second-device");
    await client.linkDevice(session, device);
    assert.equal((await client.getAccount(session)).devices?.length, 2);
    const custom = unique("nakama-ts-linked-custom");
    await client.linkCustom(session, custom);
    assert.equal((await client.getAccount(session)).custom_id, custom);
    await client.unlinkCustom(session, custom);
    await client.unlinkDevice(session, device);
    assert.equal((await client.getAccount(session)).devices?.length, 1);
    // An empty social token unlinks without asking the provider while a device remains.
    await client.unlinkSteam(session, "");

    const doomed = await newUser("doomed");
    await client.deleteAccount(doomed);
    await assert.rejects(client.getAccount(doomed), serverError(401, 16, "Auth token invalid"));
  });

  it("storage: write, read back, version conflicts, list, delete", async () => {
    const session = await newUser("storage");
    const collection = unique("nakama_ts");
    const [ack] = (await client.writeStorageObjects(session, [
      { collection, key: "profile", value: { level: 3, name: "Alice" }, permissionRead: 2, permissionWrite: 1 },
    ])).acks ?? [];
    assert.equal(ack.user_id, session.userId);
    const read = await client.readStorageObjects(session, [{ collection, key: "profile", userId: session.userId }]);
    assert.deepEqual(JSON.parse(read.objects?.[0].value ?? "null"), { level: 3, name: "Alice" });
    assert.equal(read.objects?.[0].version, ack.version);

    const conflict = serverError(400, 3, "Storage write rejected - version check failed.");
    await assert.rejects(
      client.writeStorageObjects(session, [{ collection, key: "profile", value: { level: 4 }, version: "*" }]),
      conflict,
    );
    await assert.rejects(
      client.writeStorageObjects(session, [
        { collection, key: "profile", value: { level: 4 }, version: "deadbeefdeadbeefdeadbeefdeadbeef" },
      ]),
      conflict,
    );
    const [updated] = (await client.writeStorageObjects(session, [
      { collection, key: "profile", value: { level: 4 }, version: ack.version, permissionRead: 2 },
    ])).acks ?? [];
    assert.notEqual(updated.version, ack.version);

    const other = await newUser("storage-reader");
    const listed = await client.listUsersStorageObjects(other, collection, session.userId, { limit: 10 });
    assert.deepEqual(listed.objects?.map((o) => [o.key, JSON.parse(o.value ?? "null")]), [["profile", { level: 4 }]]);
    await assert.rejects(
      client.deleteStorageObjects(session, [{ collection, key: "profile", version: ack.version }]),
      serverError(400, 3, "Storage delete rejected - not found, version check failed, or permission denied."),
    );
    await client.deleteStorageObjects(session, [{ collection, key: "profile", version: updated.version }]);
    assert.deepEqual(await client.listStorageObjects(session, collection, { userId: session.userId, limit: 10 }), {});
  });

  it("friends: an invite accepted from the other side is state 0 on both; delete ends it", async () => {
    const alice = await newUser("alice");
    const bob = await newUser("bob");
    await client.addFriends(alice, { ids: [bob.userId] });
    assert.deepEqual((await client.listFriends(bob)).friends?.map((f) => [f.user?.id, f.state]), [[alice.userId, 2]]);
    await client.addFriends(bob, { usernames: [alice.username] });
    assert.deepEqual((await client.listFriends(alice)).friends?.map((f) => [f.user?.id, f.state]), [[bob.userId, 0]]);
    assert.deepEqual((await client.listFriends(bob, { state: 0 })).friends?.map((f) => f.user?.id), [alice.userId]);
    await assert.rejects(
      client.addFriends(alice, { ids: [alice.userId] }),
      serverError(400, 3, "Cannot add self as friend."),
    );
    await client.deleteFriends(alice, { ids: [bob.userId] });
    assert.deepEqual(await client.listFriends(bob), {});
  });

  it("groups: join request, add, promote, demote, kick, ban, update, delete", async () => {
    const owner = await newUser("owner");
    const carol = await newUser("carol");
    const bob = await newUser("bob");
    const name = unique("nakama-ts-group");
    const group = await client.createGroup(owner, name, { description: "integration", maxCount: 10 });
    const id = group.id!;
    groups.push([owner, id]);
    assert.equal(group.creator_id, owner.userId);
    assert.equal(group.open, false);
    const states = async () =>
      Object.fromEntries(
        ((await client.listGroupUsers(owner, id)).group_users ?? []).map((g) => [g.user?.id, g.state]),
      );

    await client.joinGroup(carol, id);
    assert.equal((await states())[carol.userId], 3);
    await client.addGroupUsers(owner, id, [carol.userId, bob.userId]);
    assert.deepEqual(await states(), { [owner.userId]: 0, [carol.userId]: 2, [bob.userId]: 2 });
    await client.promoteGroupUsers(owner, id, [carol.userId]);
    assert.equal((await states())[carol.userId], 1);
    await client.demoteGroupUsers(owner, id, [carol.userId]);
    assert.equal((await states())[carol.userId], 2);
    await client.kickGroupUsers(owner, id, [carol.userId]);
    assert.equal((await states())[carol.userId], undefined);
    await client.banGroupUsers(owner, id, [bob.userId]);
    const banned = await client.listGroupUsers(owner, id, { state: 4 });
    assert.deepEqual(banned.group_users?.map((g) => [g.user?.id, g.state]), [[bob.userId, 4]]);
    await assert.rejects(
      client.addGroupUsers(bob, id, [carol.userId]),
      serverError(404, 5, "Group not found or permission denied."),
    );

    await client.updateGroup(owner, id, { description: "updated ✓" });
    const listed = await client.listGroups(owner, { name, limit: 10 });
    assert.deepEqual(listed.groups?.map((g) => [g.id, g.description]), [[id, "updated ✓"]]);
    const mine = await client.listUserGroups(owner);
    assert.ok(mine.user_groups?.some((g) => g.group?.id === id && g.state === 0));
    await client.deleteGroup(owner, id);
    groups.pop();
    assert.deepEqual(await client.listGroups(owner, { name }), {});
  });

  it("leaderboard: write with operators, list owner records and around the owner, delete", {
    skip: LEADERBOARD_ID ? false : "NAKAMA_LEADERBOARD_ID is not set",
  }, async () => {
    const board = LEADERBOARD_ID!;
    const alice = await newUser("scorer");
    // The `set` override gives an exact score whatever the board's own operator.
    const first = await client.writeLeaderboardRecord(alice, board, 42, { operator: "set", metadata: { run: RUN } });
    assert.equal(first.leaderboard_id, board);
    assert.equal(first.owner_id, alice.userId);
    assert.equal(first.score, "42");
    assert.deepEqual(JSON.parse(first.metadata ?? "{}"), { run: RUN });
    assert.equal((await client.writeLeaderboardRecord(alice, board, 5, { operator: "increment" })).score, "47");
    const big = await client.writeLeaderboardRecord(alice, board, 9007199254740993n, { operator: "set" });
    assert.equal(big.score, "9007199254740993");

    const owners = await client.listLeaderboardRecords(alice, board, { ownerIds: [alice.userId] });
    assert.deepEqual(owners.owner_records?.map((r) => [r.owner_id, r.score]), [[alice.userId, "9007199254740993"]]);
    const around = await client.listLeaderboardRecordsAroundOwner(alice, board, alice.userId, { limit: 3 });
    assert.ok(around.records?.some((r) => r.owner_id === alice.userId));
    await client.deleteLeaderboardRecord(alice, board);
    const gone = await client.listLeaderboardRecords(alice, board, { ownerIds: [alice.userId] });
    assert.equal(gone.owner_records, undefined);
  });

  it("rpc: object and string payloads, and GET without a payload", {
    skip: RPC_ID ? false : "NAKAMA_RPC_ID is not set",
  }, async () => {
    const session = await newUser("rpc");
    const objectReply = await client.rpc(session, RPC_ID!, { hello: "world", n: 1 });
    const stringReply = await client.rpc(session, RPC_ID!, "plain ✓");
    for (const reply of [objectReply, stringReply]) {
      assert.ok(reply.payload === undefined || typeof reply.payload === "string");
    }
    if (RPC_ECHO) {
      assert.equal(objectReply.payload, '{"hello":"world","n":1}');
      assert.equal(stringReply.payload, "plain ✓");
      // 3.18 passes no payload to a GET call, so an echo returns an empty one.
      assert.equal((await client.rpc(session, RPC_ID!)).payload ?? "", "");
    }
    if (HTTP_KEY) {
      const viaKey = await client.rpcHttpKey(HTTP_KEY, RPC_ID!, "via-key");
      if (RPC_ECHO) assert.equal(viaKey.payload, "via-key");
    }
  });

  it("rpc: an unknown id is 404 and a wrong HTTP key is 401, with the route's own error body", async () => {
    const session = await newUser("rpc-errors");
    await assert.rejects(client.rpc(session, unique("nakama_ts_missing"), ""), (error: unknown) => {
      assert.ok(error instanceof NakamaError);
      assert.equal(error.status, 404);
      assert.deepEqual(error.data, { error: "RPC function not found", message: "RPC function not found", code: 5 });
      return true;
    });
    await assert.rejects(client.rpcHttpKey(unique("wrong-http-key"), RPC_ID ?? "echo", ""), (error: unknown) => {
      assert.ok(error instanceof NakamaError);
      assert.equal(error.status, 401);
      assert.deepEqual(error.data, { error: "HTTP key invalid", message: "HTTP key invalid", code: 16 });
      return true;
    });
  });
});
