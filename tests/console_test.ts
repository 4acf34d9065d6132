// The console (admin) client against the fake Nakama's console side, over loopback HTTP: login with its MFA step,
// re-authentication, accounts, storage, leaderboards, groups, console users, and the typed "not supported by this
// server" error. The fake serves the console on the same port as the game API, over the same state, so users and
// records made through the game client are what the console sees.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Client, type Session } from "../mod.ts";
import {
  ConsoleClient,
  ConsoleSession,
  isNakamaError,
  type Logger,
  MfaRequiredError,
  NakamaError,
  UnsupportedOperationError,
} from "../console.ts";
import { FakeNakama, type RecordedRequest } from "./support/fake_nakama/mod.ts";
import { consoleState } from "./support/fake_nakama/console_state.ts";

let fake: FakeNakama;
let game: Client;
// The fake's clock: console tokens issued in the same second are identical (as on a real server), so a test that
// logs a token out first moves the clock on, or it would log out every other session of that second too.
let clockMs = Date.now();
let admin: ConsoleClient;
let session: ConsoleSession;

before(async () => {
  fake = await FakeNakama.start({ clock: () => clockMs });
  game = new Client({ port: fake.port, retry: { maxRetries: 0 } });
  // No retries: every answer under test is deterministic, and one request per call keeps the log exact.
  admin = new ConsoleClient({ port: fake.port, retry: { maxRetries: 0 } });
  session = await admin.authenticate("admin", "password");
});
after(() => fake.close());

let counter = 0;
const unique = (prefix: string) => `${prefix}${++counter}${crypto.randomUUID().slice(0, 6)}`;

async function player(prefix = "p"): Promise<Session> {
  return await game.authenticateDevice(unique(`device-${prefix}-`), { create: true, username: unique(prefix) });
}

function last(method: string, path: string): RecordedRequest {
  const found = [...fake.requests].reverse().find((r) => r.method === method && r.path === path);
  assert.ok(found, `no ${method} ${path} was recorded`);
  return found;
}

/** A login of its own: one second later than any other, so its token is unique. */
function ownLogin(client = admin, options: { reauthenticate?: boolean } = {}): Promise<ConsoleSession> {
  clockMs += 1000;
  return client.authenticate("admin", "password", options);
}

const logins = () => fake.requests.filter((r) => r.path === "/v2/console/authenticate").length;

function capturingLogger(): { logger: Logger; text: () => string } {
  const lines: string[] = [];
  const record = (message: string, ...data: unknown[]) => {
    lines.push(
      message + " " + data.map((d) => (d instanceof Error ? `${d.message} ${d.stack}` : JSON.stringify(d))).join(" "),
    );
  };
  return { logger: { debug: record, info: record, warn: record, error: record }, text: () => lines.join("\n") };
}

function serverError(status: number, grpcCode: number) {
  return (error: unknown) => {
    assert.ok(error instanceof NakamaError, `expected a NakamaError, got ${error}`);
    assert.equal(error.constructor, NakamaError);
    assert.equal(error.status, status);
    assert.equal(error.grpcCode, grpcCode);
    assert.equal(error.service, "console");
    return true;
  };
}

describe("ConsoleClient.authenticate()", () => {
  it("returns a ConsoleSession read from the console token's claims; the password goes only in the JSON body", async () => {
    const before = fake.requests.length;
    const s = await admin.authenticate("admin", "password");
    assert.ok(s instanceof ConsoleSession);
    assert.equal(s.username, "admin");
    assert.equal(s.userId, "00000000-0000-0000-0000-000000000000");
    assert.equal(s.email, "admin@nakama");
    assert.ok(s.acl !== "");
    assert.ok(s.expiresAt > Date.now() / 1000 + 86_000);
    assert.equal(s.isExpired(), false);
    assert.equal(s.isExpired(s.expiresAt + 1), true);
    const sent = fake.requests.slice(before);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].method, "POST");
    assert.equal(sent[0].headers.get("authorization"), null);
    assert.equal(sent[0].headers.get("content-type"), "application/json");
    assert.deepEqual(JSON.parse(sent[0].body), { username: "admin", password: "password" });
    assert.ok(!sent[0].rawUrl.includes("password"));
  });

  it("ConsoleSession.toJSON() and restore(): the token never shows; a stored token comes back", () => {
    assert.ok(!JSON.stringify(session).includes(session.token));
    assert.equal(ConsoleSession.restore(session.token).username, "admin");
  });

  it("a wrong password is a 401 NakamaError that names neither the password nor a token", async () => {
    await assert.rejects(admin.authenticate("admin", "wrong-password-1"), (error: unknown) => {
      assert.ok(serverError(401, 16)(error));
      assert.equal((error as NakamaError).message, "POST /v2/console/authenticate: 401 Invalid credentials.");
      return true;
    });
  });

  it("checks its arguments at once", () => {
    assert.throws(() => admin.authenticate("", "password"), { name: "TypeError", code: "ERR_INVALID_ARG_TYPE" });
    assert.throws(() => admin.authenticate("admin", 42 as unknown as string), /"password" must be/);
    assert.throws(() => admin.authenticate("admin", "x", { reauthenticate: "yes" as unknown as boolean }), TypeError);
  });

  it("five wrong passwords lock the user out: even the right one then gets 429", async () => {
    const cs = consoleState(fake.state);
    cs.addUser({ username: "locked", password: "right-password-1" });
    for (let i = 0; i < 5; i++) await assert.rejects(admin.authenticate("locked", "nope"), serverError(401, 16));
    await assert.rejects(admin.authenticate("locked", "right-password-1"), serverError(429, 8));
  });
});

describe("ConsoleClient.authenticate() multi-factor step", () => {
  it("a user with MFA gets MfaRequiredError without a code, a session with a code or a code function", async () => {
    consoleState(fake.state).addUser({ username: "mfauser", password: "long-password-1", mfaCode: "246810" });
    await assert.rejects(admin.authenticate("mfauser", "long-password-1"), (error: unknown) => {
      assert.ok(error instanceof MfaRequiredError);
      assert.equal(error.name, "MfaRequiredError");
      assert.equal(error.code, "NAKAMA_MFA_REQUIRED");
      assert.equal(error.status, 403);
      assert.equal(error.setupToken, undefined);
      assert.ok(isNakamaError(error));
      return true;
    });
    await assert.rejects(admin.authenticate("mfauser", "long-password-1", { mfa: "000000" }), serverError(401, 16));
    const withCode = await admin.authenticate("mfauser", "long-password-1", { mfa: "246810" });
    assert.equal(withCode.username, "mfauser");
    assert.equal(JSON.parse(last("POST", "/v2/console/authenticate").body).mfa, "246810");
    const viaFunction = await admin.authenticate("mfauser", "long-password-1", {
      mfa: () => Promise.resolve("246810"),
    });
    assert.equal(viaFunction.username, "mfauser");
  });

  it("a user who must set MFA up gets the setup token (kept out of the message), then sets it up and logs in", async () => {
    consoleState(fake.state).addUser({ username: "newmfa", password: "long-password-2", mfaRequired: true });
    let setupToken = "";
    await assert.rejects(admin.authenticate("newmfa", "long-password-2"), (error: unknown) => {
      assert.ok(error instanceof MfaRequiredError);
      assert.equal(typeof error.setupToken, "string");
      setupToken = error.setupToken!;
      assert.ok(!error.message.includes(setupToken));
      assert.ok(!JSON.stringify(error).includes(setupToken));
      assert.ok(!Object.keys(error).includes("setupToken"));
      return true;
    });
    const { recovery_codes = [] } = await admin.authenticateMfaSetup(setupToken, "123456");
    assert.equal(recovery_codes.length, 10);
    assert.equal(last("POST", "/v2/console/authenticate/mfa").headers.get("authorization"), null);
    const s = await admin.authenticate("newmfa", "long-password-2", { mfa: "123456" });
    assert.equal(s.username, "newmfa");
  });
});

describe("ConsoleClient re-authentication", () => {
  it("without reauthenticate, a logged-out token is a 401 and nothing logs in again", async () => {
    const s = await ownLogin();
    consoleState(fake.state).revoked.add(s.token);
    const before = logins();
    await assert.rejects(admin.getStatus(s), serverError(401, 16));
    assert.equal(logins(), before);
  });

  it("with reauthenticate, a rejected token logs in again once for all concurrent calls, and the calls succeed", async () => {
    const { logger, text } = capturingLogger();
    const client = new ConsoleClient({ port: fake.port, retry: { maxRetries: 0 }, logger });
    const s = await ownLogin(client, { reauthenticate: true });
    const old = s.token;
    consoleState(fake.state).revoked.add(old);
    clockMs += 1000; // the new login must not be the same second's (revoked) token
    const before = logins();
    const results = await Promise.all(Array.from({ length: 5 }, () => client.getStatus(s)));
    assert.equal(results.length, 5);
    assert.equal(logins() - before, 1);
    assert.notEqual(s.token, old);
    assert.ok(text().includes("re-authenticated"));
    assert.ok(!text().includes("password"), "the password was logged");
    assert.ok(!text().includes(s.token) && !text().includes(old), "a token was logged");
  });

  it("with reauthenticate, a token about to expire is renewed before the call (no 401 first)", async () => {
    const cs = consoleState(fake.state);
    cs.tokenExpirySec = 30; // shorter than the client's 60 s margin
    try {
      const s = await ownLogin(admin, { reauthenticate: true });
      const before = fake.requests.length;
      await admin.getConfig(s);
      const sent = fake.requests.slice(before).map((r) => `${r.method} ${r.path}`);
      assert.deepEqual(sent, ["POST /v2/console/authenticate", "GET /v2/console/config"]);
    } finally {
      cs.tokenExpirySec = 86_400;
    }
  });

  it("authenticateLogout() revokes the token and forgets the credentials", async () => {
    const s = await ownLogin(admin, { reauthenticate: true });
    await admin.authenticateLogout(s);
    assert.deepEqual(JSON.parse(last("POST", "/v2/console/authenticate/logout").body), { token: s.token });
    const before = logins();
    await assert.rejects(admin.getStatus(s), serverError(401, 16));
    assert.equal(logins(), before);
  });
});

describe("ConsoleClient accounts", () => {
  it("listAccounts() shows a user created through the game API; getAccount() reads it with its device", async () => {
    const device = unique("device-list-");
    const p = await game.authenticateDevice(device, { create: true, username: unique("lister") });
    const { users = [], total_count } = await admin.listAccounts(session, { filter: p.username });
    assert.deepEqual(users.map((u) => u.id), [p.userId]);
    assert.equal(total_count, 1);
    assert.equal(last("GET", "/v2/console/account").query.get("filter"), p.username);
    assert.equal(last("GET", "/v2/console/account").headers.get("authorization"), `Bearer ${session.token}`);
    const byPattern = await admin.listAccounts(session, { filter: p.username.slice(0, 4) + "%" });
    assert.ok(byPattern.users?.some((u) => u.id === p.userId));
    const { account, disable_time } = await admin.getAccount(session, p.userId);
    assert.equal(account?.user?.username, p.username);
    assert.deepEqual(account?.devices?.map((d) => d.id), [device]);
    assert.equal(disable_time, null);
  });

  it("getAccount() of an unknown user is a 404 NakamaError, not an UnsupportedOperationError", async () => {
    await assert.rejects(admin.getAccount(session, crypto.randomUUID()), serverError(404, 5));
  });

  it("banAccount() ends the user's game sessions; unbanAccount() lets them back in", async () => {
    const device = unique("device-ban-");
    const p = await game.authenticateDevice(device, { create: true });
    assert.equal(await admin.banAccount(session, p.userId), undefined);
    assert.equal(last("POST", `/v2/console/account/${p.userId}/ban`).body, "{}");
    await assert.rejects(game.getAccount(p), { status: 401 });
    assert.ok((await admin.getAccount(session, p.userId)).disable_time);
    await admin.unbanAccount(session, p.userId);
    const again = await game.authenticateDevice(device, { create: false });
    assert.equal((await game.getAccount(again)).user?.id, p.userId);
  });

  it("updateAccount() sends the given fields in snake_case, objects as JSON text, and writes no ledger item", async () => {
    const p = await player("upd");
    await admin.updateAccount(session, p.userId, { displayName: "Ana ✓", wallet: { coins: 100 }, langTag: "pt" });
    assert.deepEqual(JSON.parse(last("POST", `/v2/console/account/${p.userId}`).body), {
      display_name: "Ana ✓",
      wallet: '{"coins":100}',
      lang_tag: "pt",
    });
    const account = await game.getAccount(p);
    assert.equal(account.user?.display_name, "Ana ✓");
    assert.deepEqual(JSON.parse(account.wallet ?? "{}"), { coins: 100 });
    assert.deepEqual((await admin.getWalletLedger(session, p.userId)).items, []);
  });

  it("getWalletLedger() lists changes newest first with a limit from 1 to 100 (100 by default)", async () => {
    const p = await player("ledger");
    const cs = consoleState(fake.state);
    const first = cs.addLedgerItem(p.userId, { coins: 10 });
    const second = cs.addLedgerItem(p.userId, { coins: -3 });
    const page = await admin.getWalletLedger(session, p.userId);
    assert.equal(last("GET", `/v2/console/account/${p.userId}/wallet`).query.get("limit"), "100");
    assert.deepEqual(page.items?.map((i) => i.id), [second.id, first.id]);
    const one = await admin.getWalletLedger(session, p.userId, { limit: 1 });
    assert.deepEqual(one.items?.map((i) => i.id), [second.id]);
    const older = await admin.getWalletLedger(session, p.userId, { limit: 1, cursor: one.next_cursor });
    assert.deepEqual(older.items?.map((i) => i.id), [first.id]);
    await admin.deleteWalletLedger(session, p.userId, first.id);
    assert.deepEqual((await admin.getWalletLedger(session, p.userId)).items?.map((i) => i.id), [second.id]);
    assert.throws(() => admin.getWalletLedger(session, p.userId, { limit: 0 }), { name: "RangeError" });
    assert.throws(
      () => admin.getWalletLedger(session, p.userId, { limit: 101 }),
      /"options.limit" must be from 1 to 100/,
    );
  });

  it("exportAccount() holds the user's storage, friends, groups and records made through the game API", async () => {
    const p = await player("exp");
    const friend = await player("expfriend");
    await game.writeStorageObjects(p, [{ collection: "saves", key: "slot1", value: { level: 3 } }]);
    await game.addFriends(p, { ids: [friend.userId] });
    const group = await game.createGroup(p, unique("Guild"));
    await game.writeLeaderboardRecord(p, "test_leaderboard", 42);
    const data = await admin.exportAccount(session, p.userId);
    assert.equal(data.account?.user?.id, p.userId);
    assert.deepEqual(data.objects?.map((o) => [o.collection, o.key, o.value]), [["saves", "slot1", '{"level": 3}']]);
    assert.deepEqual(data.friends?.map((f) => [f.user?.id, f.state]), [[friend.userId, 1]]);
    assert.deepEqual(data.groups?.map((g) => g.id), [group.id]);
    assert.deepEqual(data.leaderboard_records?.map((r) => [r.leaderboard_id, r.score]), [["test_leaderboard", "42"]]);
  });

  it("getFriends() / deleteFriend() and getGroups() / deleteGroupUser()", async () => {
    const p = await player("soc");
    const friend = await player("socfriend");
    await game.addFriends(p, { ids: [friend.userId] });
    await game.addFriends(friend, { ids: [p.userId] });
    const { friends = [] } = await admin.getFriends(session, p.userId);
    assert.deepEqual(friends.map((f) => [f.user?.id, f.state]), [[friend.userId, 0]]);
    await admin.deleteFriend(session, p.userId, friend.userId);
    assert.deepEqual((await game.listFriends(friend)).friends ?? [], []);
    const group = await game.createGroup(friend, unique("Club"), { open: true });
    await game.joinGroup(p, group.id!);
    const { user_groups = [] } = await admin.getGroups(session, p.userId);
    assert.deepEqual(user_groups.map((g) => [g.group?.id, g.state]), [[group.id, 2]]);
    await admin.deleteGroupUser(session, p.userId, group.id!);
    assert.deepEqual((await admin.getGroups(session, p.userId)).user_groups, []);
  });

  it("addAccountNote() / listAccountNotes() / deleteAccountNote() record who wrote the note", async () => {
    const p = await player("note");
    const note = await admin.addAccountNote(session, p.userId, "Speed hack, ticket #4411.");
    assert.equal(note.create_username, "admin");
    assert.deepEqual(JSON.parse(last("POST", `/v2/console/account/${p.userId}/note`).body), {
      note: "Speed hack, ticket #4411.",
    });
    await admin.addAccountNote(session, p.userId, "Edited.", { id: note.id });
    const { notes = [] } = await admin.listAccountNotes(session, p.userId);
    assert.deepEqual(notes.map((n) => [n.id, n.note]), [[note.id, "Edited."]]);
    await admin.deleteAccountNote(session, p.userId, note.id!);
    assert.deepEqual((await admin.listAccountNotes(session, p.userId)).notes, []);
  });

  it("unlinkDevice() and unlinkCustom() remove identities", async () => {
    const p = await player("unl");
    await game.linkCustom(p, unique("custom-id-"));
    const device = (await game.getAccount(p)).devices![0].id!;
    await admin.unlinkCustom(session, p.userId);
    await admin.unlinkDevice(session, p.userId, device);
    assert.deepEqual(JSON.parse(last("POST", `/v2/console/account/${p.userId}/unlink/device`).body), {
      device_id: device,
    });
    const { account } = await admin.getAccount(session, p.userId);
    assert.deepEqual([account?.custom_id, account?.devices], ["", []]);
  });

  it("deleteAccount() erases the user; recordDeletion keeps a tombstone", async () => {
    const device = unique("device-del-");
    const p = await game.authenticateDevice(device, { create: true });
    await admin.deleteAccount(session, p.userId, { recordDeletion: true });
    assert.equal(last("DELETE", `/v2/console/account/${p.userId}`).query.get("record_deletion"), "true");
    await assert.rejects(game.authenticateDevice(device, { create: false }), { status: 404 });
    const { users = [] } = await admin.listAccounts(session, { tombstones: true });
    assert.ok(users.some((u) => u.id === p.userId));
  });
});

describe("ConsoleClient storage", () => {
  it("writeStorageObject() / getStorage() / listStorage() / listStorageCollections() over the game storage", async () => {
    const p = await player("sto");
    const collection = unique("col");
    const ack = await admin.writeStorageObject(session, collection, "k1", p.userId, { gold: 5 }, { permissionRead: 2 });
    assert.deepEqual(JSON.parse(last("PUT", `/v2/console/storage/${collection}/k1/${p.userId}`).body), {
      value: '{"gold":5}',
      permission_read: 2,
    });
    assert.equal(ack.user_id, p.userId);
    const read = await game.readStorageObjects(p, [{ collection, key: "k1", userId: p.userId }]);
    assert.equal(read.objects?.[0]?.value, '{"gold": 5}');
    const object = await admin.getStorage(session, collection, "k1", p.userId);
    assert.equal(object.value, '{"gold": 5}');
    assert.equal(object.version, ack.version);
    const { objects = [], total_count } = await admin.listStorage(session, { collection, userId: p.userId });
    assert.deepEqual(objects.map((o) => [o.key, o.value]), [["k1", undefined]]);
    assert.equal(total_count, 1);
    assert.ok((await admin.listStorageCollections(session)).collections?.includes(collection));
  });

  it("deleteStorageObject() checks a given version on the versioned route, and deletes without one", async () => {
    const p = await player("stodel");
    const ack = await admin.writeStorageObject(session, "items", "sword", p.userId, '{"damage": 12}');
    await assert.rejects(
      admin.deleteStorageObject(session, "items", "sword", p.userId, { version: "not-the-version" }),
      serverError(400, 3),
    );
    last("DELETE", `/v2/console/storage/items/sword/${p.userId}/not-the-version`);
    await admin.deleteStorageObject(session, "items", "sword", p.userId, { version: ack.version });
    await assert.rejects(admin.getStorage(session, "items", "sword", p.userId), serverError(404, 5));
    await admin.writeStorageObject(session, "items", "shield", p.userId, {});
    await admin.deleteStorageObject(session, "items", "shield", p.userId);
    last("DELETE", `/v2/console/storage/items/shield/${p.userId}`);
    await assert.rejects(admin.getStorage(session, "items", "shield", p.userId), serverError(404, 5));
  });
});

describe("ConsoleClient leaderboards", () => {
  it("listLeaderboards() / getLeaderboard() show the server's boards with int64 fields as strings", async () => {
    const { leaderboards = [], total } = await admin.listLeaderboards(session);
    assert.ok(leaderboards.some((b) => b.id === "test_leaderboard" && b.tournament === false));
    assert.ok(leaderboards.some((b) => b.id === "test_tournament" && b.tournament === true));
    assert.equal(total, leaderboards.length);
    const board = await admin.getLeaderboard(session, "test_leaderboard");
    assert.equal(typeof board.sort_order, "string");
    await assert.rejects(admin.getLeaderboard(session, "no_such_board"), serverError(404, 5));
  });

  it("listLeaderboardRecords() lists records written through the game API; deleteLeaderboardRecord() removes one", async () => {
    const boardId = "test_leaderboard";
    const a = await player("lba");
    const b = await player("lbb");
    await game.writeLeaderboardRecord(a, boardId, 1_000_000);
    await game.writeLeaderboardRecord(b, boardId, 999_999);
    const page = await admin.listLeaderboardRecords(session, boardId, { ownerIds: [a.userId, b.userId], limit: 100 });
    assert.deepEqual(last("GET", `/v2/console/leaderboard/${boardId}/records`).query.getAll("owner_ids"), [
      a.userId,
      b.userId,
    ]);
    const mine = (page.owner_records ?? []).map((r) => [r.owner_id, r.score]);
    assert.deepEqual(mine, [[a.userId, "1000000"], [b.userId, "999999"]]);
    await admin.deleteLeaderboardRecord(session, boardId, a.userId);
    const after = await admin.listLeaderboardRecords(session, boardId, { ownerIds: [a.userId] });
    assert.deepEqual(after.owner_records ?? [], []);
  });

  it("deleteLeaderboard() removes a board", async () => {
    const { newLeaderboard } = await import("./support/fake_nakama/mod.ts");
    fake.state.leaderboards.set("old_season", newLeaderboard({ id: "old_season", createTime: Date.now() }));
    await admin.deleteLeaderboard(session, "old_season");
    assert.equal(fake.state.leaderboards.has("old_season"), false);
  });
});

describe("ConsoleClient groups and console users", () => {
  it("addGroupUsers() sends the ids comma-separated; getMembers() lists them", async () => {
    const owner = await player("gown");
    const p = await player("gmem");
    const group = await game.createGroup(owner, unique("Knights"));
    await admin.addGroupUsers(session, group.id!, [p.userId]);
    assert.deepEqual(JSON.parse(last("POST", `/v2/console/group/${group.id}/add`).body), { ids: p.userId });
    const { group_users = [] } = await admin.getMembers(session, group.id!);
    assert.deepEqual(group_users.map((m) => m.user?.id).sort(), [owner.userId, p.userId].sort());
    assert.throws(() => admin.addGroupUsers(session, group.id!, "a,b" as unknown as string[]), TypeError);
  });

  it("addUser() returns an invitation token; authenticatePasswordChange() sets the password the user logs in with", async () => {
    const name = unique("staff");
    const { user, token } = await admin.addUser(session, name, `${name}@example.com`, {
      acl: { ACCOUNT: { read: true } },
    });
    assert.equal(user?.username, name);
    await admin.authenticatePasswordChange(token!, "a-brand-new-password");
    assert.equal(last("POST", "/v2/console/authenticate/password_change").headers.get("authorization"), null);
    const staff = await admin.authenticate(name, "a-brand-new-password");
    assert.equal(staff.username, name);
    assert.ok((await admin.listUsers(session)).users?.some((u) => u.username === name));
    await admin.deleteUser(session, name);
    assert.equal(last("DELETE", "/v2/console/user").query.get("username"), name);
    await assert.rejects(admin.getStatus(staff), serverError(401, 16));
  });
});

describe("ConsoleClient operations a server version lacks", () => {
  it("a 404 Not Found becomes UnsupportedOperationError naming the operation and its version; no retry", async () => {
    const client = new ConsoleClient({ port: fake.port, retry: { maxRetries: 3, baseDelayMs: 1 } });
    const cs = consoleState(fake.state);
    cs.removeOperations("ListAccountNotes");
    try {
      const p = await player("old");
      const before = fake.requests.length;
      await assert.rejects(client.listAccountNotes(session, p.userId), (error: unknown) => {
        assert.ok(error instanceof UnsupportedOperationError);
        assert.ok(error instanceof NakamaError);
        assert.ok(isNakamaError(error));
        assert.equal(error.name, "UnsupportedOperationError");
        assert.equal(error.code, "NAKAMA_UNSUPPORTED_OPERATION");
        assert.equal(error.operation, "ListAccountNotes");
        assert.equal(error.since, "3.33");
        assert.equal(error.status, 404);
        assert.equal(error.service, "console");
        assert.match(error.message, /ListAccountNotes is not supported by this server/);
        return true;
      });
      assert.equal(fake.requests.length - before, 1);
    } finally {
      cs.removed.clear();
    }
  });

  it("a 501 (method not allowed on an older server) is also UnsupportedOperationError and is not retried", async () => {
    const client = new ConsoleClient({ port: fake.port, retry: { maxRetries: 3, baseDelayMs: 1 } });
    fake.injectFault({ match: "/v2/console/setting", kind: "status", status: 501, times: 4 });
    const before = fake.requests.length;
    await assert.rejects(client.listSettings(session), { name: "UnsupportedOperationError", status: 501 });
    assert.equal(fake.requests.length - before, 1);
    fake.clearFaults();
  });

  it("operations the fake does not implement answer like a server without them", async () => {
    await assert.rejects(admin.listAuditLogs(session), {
      name: "UnsupportedOperationError",
      operation: "ListAuditLogs",
    });
  });

  it("satoriListTemplates() sends its filters under the dotted wire names", async () => {
    await assert.rejects(
      admin.satoriListTemplates(session, { nameLike: "promo%", labelNameOr: ["a", "b"], limit: 5 }),
      UnsupportedOperationError,
    );
    const sent = last("GET", "/v2/console/satori/template").query;
    assert.deepEqual([...sent], [
      ["search.name.like", "promo%"],
      ["search.label_name.or", "a"],
      ["search.label_name.or", "b"],
      ["pagination.limit", "5"],
    ]);
  });
});

describe("ConsoleClient transport", () => {
  it("retries a 503 like the game client, and a signal aborts before sending", async () => {
    const client = new ConsoleClient({ port: fake.port, retry: { maxRetries: 2, baseDelayMs: 1 } });
    fake.injectFault({ match: "/v2/console/status", kind: "status", status: 503, times: 1 });
    const status = await client.getStatus(session);
    assert.equal(status.nodes?.[0]?.name, "nakama");
    const controller = new AbortController();
    const reason = new Error("stop");
    controller.abort(reason);
    const before = fake.requests.length;
    await assert.rejects(client.getStatus(session, { signal: controller.signal }), (e) => e === reason);
    assert.equal(fake.requests.length, before);
  });

  it("checks arguments at once, naming them", () => {
    assert.throws(() => admin.getAccount({} as ConsoleSession, "x"), /"session" must be a ConsoleSession/);
    assert.throws(() => admin.getAccount(session, ""), { code: "ERR_INVALID_ARG_TYPE", message: /"userId"/ });
    assert.throws(() => admin.writeStorageObject(session, "c", "k", "u", 5 as unknown as string), /"value"/);
    assert.throws(() => new ConsoleClient({ port: 0 }), /"options.port"/);
    assert.equal(new ConsoleClient().baseUrl, "http://127.0.0.1:7351");
  });
});

// Every operation of the console swagger has a row in docs/console.md naming a method the client has.
const projectRoot = new URL("../", import.meta.url);
const swaggerUrl = new URL("../shared/reference/nakama-console.swagger.json", projectRoot);
const docsUrl = new URL("docs/console.md", projectRoot);
describe("ConsoleClient covers the console swagger", {
  skip: existsSync(fileURLToPath(swaggerUrl)) ? false : "the console swagger is not beside the project",
}, () => {
  it("docs/console.md maps every operation to an existing method", () => {
    const swagger = JSON.parse(readFileSync(fileURLToPath(swaggerUrl), "utf8"));
    const operations = Object.values(swagger.paths as Record<string, Record<string, { operationId: string }>>)
      .flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    assert.equal(operations.length, 92);
    const rows = new Map<string, string>();
    for (const match of readFileSync(fileURLToPath(docsUrl), "utf8").matchAll(/^\|\s*`(\w+)`\s*\|\s*`(\w+)\(/gm)) {
      rows.set(match[1], match[2]);
    }
    for (const operation of operations) {
      const method = rows.get(operation);
      assert.ok(method, `${operation} has no row in docs/console.md`);
      assert.equal(typeof (ConsoleClient.prototype as unknown as Record<string, unknown>)[method], "function", method);
    }
  });
  it("every method sends its operation's HTTP method and route (checked against a fake of its own)", async () => {
    const own = await FakeNakama.start();
    try {
      const client = new ConsoleClient({ port: own.port, retry: { maxRetries: 0 } });
      const s = await client.authenticate("admin", "password");
      const rows = [
        ...readFileSync(fileURLToPath(docsUrl), "utf8").matchAll(
          /^\|\s*`(\w+)`\s*\|\s*`(\w+)\(([^)]*)\)`\s*\|\s*`(GET|POST|PUT|DELETE) ([^`]+)`/gm,
        ),
      ];
      assert.equal(rows.length, 92);
      const byName: Record<string, unknown> = { data: {}, acl: {}, content: {}, userIds: ["u1"], identityIds: ["i1"] };
      Object.assign(byName, { value: "{}", required: true });
      for (const [, operation, method, params, verb, route] of rows) {
        const names = params.split(", ").filter((name) => name !== "" && name !== "options?");
        const pathCount = (route.match(/\{/g) ?? []).length;
        const usesSession = names[0] === "session";
        const positional = names.slice(usesSession ? 1 : 0);
        const pathValues: string[] = [];
        const args: unknown[] = positional.map((name, index) => {
          if (index < pathCount && usesSession) {
            pathValues.push(`p${index + 1}`);
            return `p${index + 1}`;
          }
          return name in byName ? byName[name] : `${name}-value`;
        });
        const options: Record<string, unknown> = {};
        if (operation === "DeleteStorageObject2") {
          options.version = "p4";
          pathValues.push("p4");
        }
        const before = own.requests.length;
        const call = (client as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method];
        await call.call(client, ...(usesSession ? [s] : []), ...args, options).catch(() => undefined);
        const sent = own.requests.slice(before).filter((r) =>
          r.path !== "/v2/console/authenticate" || operation === "Authenticate"
        );
        const expected = route.replace(/\{[^}]+\}/g, () => pathValues.shift() ?? "");
        assert.deepEqual(sent.map((r) => `${r.method} ${r.path}`), [`${verb} ${expected}`], operation);
        if (verb === "POST" || verb === "PUT") assert.doesNotThrow(() => JSON.parse(sent[0].body), operation);
      }
    } finally {
      await own.close();
    }
  });
});
