// REST group routes against the fake Nakama over loopback HTTP: a whole group lifecycle (create, join requests,
// add, promote, demote, kick, ban, leave, update, delete) checked through listGroupUsers/listUserGroups states
// (0 superadmin, 1 admin, 2 member, 3 join request, 4 banned). Expected answers follow
// /work/shared/captures/nakama-3.18/rest/*Group*.json.
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

/** `userId -> state` of a group's listing. */
async function members(session: Session, groupId: string, state?: number): Promise<Record<string, number>> {
  const { group_users = [] } = await client.listGroupUsers(session, groupId, state === undefined ? {} : { state });
  return Object.fromEntries(group_users.map((g) => [g.user?.id ?? "?", g.state ?? -1]));
}

const NOT_ALLOWED = "Group not found or permission denied.";

describe("Client.createGroup()", () => {
  it("returns the group with its fields; the creator is superadmin", async () => {
    const alice = await newUser("creator");
    const name = unique("open-group");
    const group = await client.createGroup(alice, name, {
      description: "An open group",
      langTag: "en",
      avatarUrl: "https://example.com/g.png",
      open: true,
      maxCount: 50,
    });
    assert.deepEqual(JSON.parse(lastRequest(fake, "POST", "/v2/group").body), {
      name,
      description: "An open group",
      lang_tag: "en",
      avatar_url: "https://example.com/g.png",
      open: true,
      max_count: 50,
    });
    assert.equal(group.name, name);
    assert.equal(group.creator_id, alice.userId);
    assert.equal(group.open, true);
    assert.equal(group.edge_count, 1);
    assert.equal(group.max_count, 50);
    assert.match(group.id ?? "", /^[0-9a-f-]{36}$/);
    assert.deepEqual(await members(alice, group.id!), { [alice.userId]: 0 });
  });

  it("a closed group has open: false and max_count 100 by default; a taken name is 409", async () => {
    const alice = await newUser("closed");
    const name = unique("closed-group");
    const group = await client.createGroup(alice, name, { langTag: "fr" });
    assert.equal(group.open, false);
    assert.equal(group.max_count, 100);
    assert.equal(group.lang_tag, "fr");
    await assert.rejects(client.createGroup(alice, name), serverError(409, 6, "Group name is in use."));
    await assert.rejects(client.createGroup(alice, ""), serverError(400, 3, "Group name must be set."));
  });
});

describe("Client group membership lifecycle", () => {
  it("join request -> add -> promote -> demote -> kick, with the states at each step", async () => {
    const alice = await newUser("owner");
    const carol = await newUser("carol");
    const erin = await newUser("erin");
    const group = await client.createGroup(alice, unique("lifecycle"));
    const id = group.id!;

    // A closed group: joining is a request (state 3), and the superadmin is notified (-5).
    await client.joinGroup(carol, id);
    await client.joinGroup(erin, id);
    assert.equal(lastRequest(fake, "POST", `/v2/group/${id}/join`).body, "");
    assert.deepEqual(await members(alice, id, 3), { [carol.userId]: 3, [erin.userId]: 3 });
    const { notifications = [] } = await client.listNotifications(alice, { limit: 100 });
    assert.deepEqual(notifications.map((n) => [n.code, n.sender_id]), [[-5, carol.userId], [-5, erin.userId]]);

    // A plain requester cannot act as an admin.
    await assert.rejects(client.addGroupUsers(carol, id, [erin.userId]), serverError(404, 5, NOT_ALLOWED));

    await client.addGroupUsers(alice, id, [carol.userId]);
    assert.deepEqual(lastRequest(fake, "POST", `/v2/group/${id}/add`).query.getAll("user_ids"), [carol.userId]);
    assert.deepEqual(await members(alice, id), { [alice.userId]: 0, [carol.userId]: 2, [erin.userId]: 3 });

    await client.promoteGroupUsers(alice, id, [carol.userId]);
    assert.equal((await members(alice, id))[carol.userId], 1);
    // Now an admin, carol may accept erin.
    await client.addGroupUsers(carol, id, [erin.userId]);
    assert.equal((await members(alice, id))[erin.userId], 2);

    await client.demoteGroupUsers(alice, id, [carol.userId]);
    assert.equal((await members(alice, id))[carol.userId], 2);
    await assert.rejects(client.demoteGroupUsers(alice, id, []), serverError(400, 3, "User IDs must be set."));
    await assert.rejects(client.promoteGroupUsers(erin, id, [carol.userId]), serverError(404, 5, NOT_ALLOWED));

    await client.kickGroupUsers(alice, id, [erin.userId]);
    assert.deepEqual(await members(alice, id), { [alice.userId]: 0, [carol.userId]: 2 });
    const { user_groups = [] } = await client.listUserGroups(erin);
    assert.deepEqual(user_groups, []);
  });

  it("an open group: join is immediate; a banned user is state 4 and cannot rejoin", async () => {
    const alice = await newUser("open-owner");
    const bob = await newUser("bob");
    const frank = await newUser("frank");
    const group = await client.createGroup(alice, unique("open"), { open: true });
    const id = group.id!;
    await client.joinGroup(bob, id);
    assert.equal((await members(alice, id))[bob.userId], 2);

    await client.banGroupUsers(alice, id, [bob.userId, frank.userId]);
    assert.deepEqual(lastRequest(fake, "POST", `/v2/group/${id}/ban`).query.getAll("user_ids"), [
      bob.userId,
      frank.userId,
    ]);
    // Banning a non-member (frank) is accepted but records nothing, as 3.18 does.
    assert.deepEqual(await members(alice, id, 4), { [bob.userId]: 4 });
    // Banned members are not listed without a state filter, and a rejoin is silently ignored.
    assert.deepEqual(await members(alice, id), { [alice.userId]: 0 });
    await client.joinGroup(bob, id);
    assert.deepEqual(await members(alice, id, 4), { [bob.userId]: 4 });
    const bobGroups = await client.listUserGroups(alice, bob.userId, { state: 4 });
    assert.deepEqual(bobGroups.user_groups?.map((g) => [g.group?.id, g.state]), [[id, 4]]);
    await assert.rejects(
      client.banGroupUsers(alice, id, ["x"]),
      serverError(400, 3, "User ID must be a valid ID."),
    );
  });

  it("leaveGroup(): a member leaves; the last superadmin cannot", async () => {
    const alice = await newUser("leave-owner");
    const carol = await newUser("leaver");
    const group = await client.createGroup(alice, unique("leave"), { open: true });
    await client.joinGroup(carol, group.id!);
    await client.leaveGroup(carol, group.id!);
    assert.deepEqual(await members(alice, group.id!), { [alice.userId]: 0 });
    await assert.rejects(
      client.leaveGroup(alice, group.id!),
      serverError(400, 3, "Cannot leave group when you are the last superadmin."),
    );
    // Leaving a group one is not in is a no-op.
    await client.leaveGroup(carol, group.id!);
  });
});

describe("Client.updateGroup() / listGroups() / listUserGroups() / deleteGroup()", () => {
  it("updates fields that listGroups() then shows; non-members may not update", async () => {
    const alice = await newUser("upd-owner");
    const prefix = unique("upd");
    const group = await client.createGroup(alice, `${prefix}-g`, { open: true });
    await client.updateGroup(alice, group.id!, { description: "updated ✓", avatarUrl: "https://example.com/g2.png" });
    assert.deepEqual(JSON.parse(lastRequest(fake, "PUT", `/v2/group/${group.id}`).body), {
      description: "updated ✓",
      avatar_url: "https://example.com/g2.png",
    });
    const { groups = [] } = await client.listGroups(alice, { name: `${prefix}%`, limit: 10 });
    assert.deepEqual(groups.map((g) => [g.id, g.description, g.avatar_url]), [
      [group.id, "updated ✓", "https://example.com/g2.png"],
    ]);
    assert.equal(lastRequest(fake, "GET", "/v2/group").query.get("name"), `${prefix}%`);

    const outsider = await newUser("outsider");
    await assert.rejects(
      client.updateGroup(outsider, group.id!, { description: "hijack" }),
      serverError(404, 5, "Group not found or you're not allowed to update."),
    );
    await assert.rejects(
      client.updateGroup(alice, group.id!, { name: "" }),
      serverError(400, 3, "Group name cannot be empty."),
    );
  });

  it("listGroups() filters by language and openness and pages with a cursor", async () => {
    const alice = await newUser("lister");
    const lang = "x-" + crypto.randomUUID().slice(0, 6);
    const made = [];
    for (let i = 0; i < 3; i++) {
      made.push(await client.createGroup(alice, unique("lang"), { langTag: lang, open: i > 0 }));
    }
    const first = await client.listGroups(alice, { langTag: lang, limit: 2 });
    assert.equal(first.groups?.length, 2);
    assert.ok(first.cursor);
    const second = await client.listGroups(alice, { langTag: lang, limit: 2, cursor: first.cursor });
    const ids = [...first.groups!, ...second.groups!].map((g) => g.id).sort();
    assert.deepEqual(ids, made.map((g) => g.id).sort());
    const open = await client.listGroups(alice, { langTag: lang, open: true, limit: 10 });
    assert.deepEqual(open.groups?.map((g) => g.id).sort(), made.slice(1).map((g) => g.id).sort());
    assert.equal(lastRequest(fake, "GET", "/v2/group").query.get("lang_tag"), lang);
    await assert.rejects(
      client.listGroups(alice, { name: "x", open: true }),
      serverError(400, 3, "name filter cannot be combined with any other filter"),
    );
  });

  it("listUserGroups() defaults to the session user and shows each role", async () => {
    const alice = await newUser("ug-owner");
    const bob = await newUser("ug-member");
    const mine = await client.createGroup(alice, unique("ug-a"), { open: true });
    const theirs = await client.createGroup(bob, unique("ug-b"), { open: true });
    await client.joinGroup(alice, theirs.id!);
    const { user_groups = [] } = await client.listUserGroups(alice);
    assert.equal(lastRequest(fake, "GET", `/v2/user/${alice.userId}/group`).method, "GET");
    assert.deepEqual(user_groups.map((g) => [g.group?.id, g.state]), [[mine.id, 0], [theirs.id, 2]]);
    const admins = await client.listUserGroups(alice, bob.userId, { state: 0 });
    assert.deepEqual(admins.user_groups?.map((g) => g.group?.name), [theirs.name]);
    await assert.rejects(client.listUserGroups(alice, "abc"), serverError(400, 3, "Group ID must be a valid ID."));
  });

  it("deleteGroup(): only the superadmin may; afterwards the group is gone", async () => {
    const alice = await newUser("del-owner");
    const bob = await newUser("del-member");
    const group = await client.createGroup(alice, unique("del"), { open: true });
    await client.joinGroup(bob, group.id!);
    const refused = serverError(400, 3, "Group not found or you're not allowed to delete.");
    await assert.rejects(client.deleteGroup(bob, group.id!), refused);
    assert.equal(await client.deleteGroup(alice, group.id!), undefined);
    assert.equal(fake.state.groups.has(group.id!), false);
    assert.deepEqual(await client.listGroups(alice, { name: group.name }), {});
    assert.deepEqual(await client.listUserGroups(bob), {});
    await assert.rejects(client.deleteGroup(alice, group.id!), refused);
    await assert.rejects(
      client.joinGroup(bob, "00000000-0000-4000-8000-000000000000"),
      serverError(404, 5, "Group not found."),
    );
  });
});
