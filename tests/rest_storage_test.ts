// REST storage routes against the fake Nakama over loopback HTTP: write, read back, list and delete, with versions
// (if-match / if-none-match) and permissions. Versions, value re-serialisation and error texts are the ones of
// /work/shared/captures/nakama-3.18/rest/{Write,Read,List,Delete}StorageObjects.json.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type ApiStorageObject, Client, NakamaError, type Session } from "../mod.ts";
import { FakeNakama } from "./support/fake_nakama/mod.ts";
import { lastRequest, unique } from "./support/rest_helpers.ts";

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

function serverError(status: number, grpcCode: number, message: string) {
  return (error: unknown) => {
    assert.ok(error instanceof NakamaError, `expected a NakamaError, got ${error}`);
    assert.equal(error.status, status);
    assert.equal(error.grpcCode, grpcCode);
    assert.deepEqual(error.data, { code: grpcCode, message });
    assert.ok(error.message.includes(message));
    return true;
  };
}

const VERSION_CHECK = "Storage write rejected - version check failed.";
const DELETE_REJECTED = "Storage delete rejected - not found, version check failed, or permission denied.";
// Versions are the MD5 of the value text as written (both taken from the capture).
const V_LEVEL3 = "8b45455d92ec442133c8866639aa1501"; // {"level":3,"name":"Alice"}
const V_LEVEL4 = "70d5dd0567a3052210bfdbd6ab709431"; // {"level":4,"name":"Alice"}

const byKey = (objects: ApiStorageObject[] = []) => Object.fromEntries(objects.map((o) => [o.key, o]));

describe("Client.writeStorageObjects() / readStorageObjects()", () => {
  it("writes objects and reads them back with values, versions and permissions", async () => {
    const alice = await newUser("alice");
    const collection = unique("saves");
    const { acks = [] } = await client.writeStorageObjects(alice, [
      { collection, key: "profile", value: { level: 3, name: "Alice" }, permissionRead: 2, permissionWrite: 1 },
      { collection, key: "secret", value: '{"hp":99}', permissionRead: 1, permissionWrite: 0 },
    ]);
    assert.deepEqual(JSON.parse(lastRequest(fake, "PUT", "/v2/storage").body), {
      objects: [
        { collection, key: "profile", value: '{"level":3,"name":"Alice"}', permission_read: 2, permission_write: 1 },
        { collection, key: "secret", value: '{"hp":99}', permission_read: 1, permission_write: 0 },
      ],
    });
    assert.deepEqual(acks.map((a) => [a.collection, a.key, a.user_id]), [
      [collection, "profile", alice.userId],
      [collection, "secret", alice.userId],
    ]);
    assert.equal(acks[0].version, V_LEVEL3);
    assert.match(acks[0].create_time ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);

    const { objects } = await client.readStorageObjects(alice, [
      { collection, key: "profile", userId: alice.userId },
      { collection, key: "secret", userId: alice.userId },
    ]);
    assert.deepEqual(JSON.parse(lastRequest(fake, "POST", "/v2/storage").body), {
      object_ids: [
        { collection, key: "profile", user_id: alice.userId },
        { collection, key: "secret", user_id: alice.userId },
      ],
    });
    const read = byKey(objects);
    // The value comes back re-serialised by the database (jsonb): spaces, keys reordered.
    assert.equal(read.profile.value, '{"name": "Alice", "level": 3}');
    assert.equal(read.profile.version, V_LEVEL3);
    assert.equal(read.profile.permission_read, 2);
    assert.equal(read.profile.permission_write, 1);
    assert.equal(read.secret.value, '{"hp": 99}');
    assert.equal(read.secret.permission_read, 1);
    assert.equal(read.secret.permission_write, undefined, "a zero permission is omitted");
    assert.match(read.profile.create_time ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it("another user reads only the public object; missing keys are left out", async () => {
    const alice = await newUser("owner");
    const bob = await newUser("reader");
    const collection = unique("shared");
    await client.writeStorageObjects(alice, [
      { collection, key: "public", value: { a: 1 }, permissionRead: 2 },
      { collection, key: "private", value: { b: 2 }, permissionRead: 1 },
    ]);
    const { objects = [] } = await client.readStorageObjects(bob, [
      { collection, key: "public", userId: alice.userId },
      { collection, key: "private", userId: alice.userId },
      { collection, key: "missing", userId: alice.userId },
    ]);
    assert.deepEqual(objects.map((o) => [o.key, o.user_id, o.value]), [["public", alice.userId, '{"a": 1}']]);
    assert.deepEqual(await client.readStorageObjects(bob, [{ collection, key: "nope", userId: alice.userId }]), {});
    await assert.rejects(
      client.readStorageObjects(bob, [{ collection, key: "public", userId: "abc" }]),
      serverError(400, 3, "Invalid user ID - make sure user ID is a valid UUID."),
    );
  });

  it("if-none-match (version '*') and if-match (a version) conflicts are 400 with the server's message", async () => {
    const alice = await newUser("versions");
    const collection = unique("cas");
    await client.writeStorageObjects(alice, [
      { collection, key: "profile", value: { level: 3, name: "Alice" }, permissionRead: 2 },
    ]);
    await assert.rejects(
      client.writeStorageObjects(alice, [{ collection, key: "profile", value: { level: 4 }, version: "*" }]),
      serverError(400, 3, VERSION_CHECK),
    );
    await assert.rejects(
      client.writeStorageObjects(alice, [
        { collection, key: "profile", value: { level: 4 }, version: "deadbeefdeadbeefdeadbeefdeadbeef" },
      ]),
      serverError(400, 3, VERSION_CHECK),
    );
    // Nothing changed after the rejected writes.
    const before = await client.readStorageObjects(alice, [{ collection, key: "profile", userId: alice.userId }]);
    assert.equal(before.objects?.[0].version, V_LEVEL3);

    const { acks = [] } = await client.writeStorageObjects(alice, [
      { collection, key: "profile", value: { level: 4, name: "Alice" }, version: V_LEVEL3, permissionRead: 2 },
    ]);
    assert.equal(acks[0].version, V_LEVEL4);
    const after = await client.readStorageObjects(alice, [{ collection, key: "profile", userId: alice.userId }]);
    assert.equal(after.objects?.[0].version, V_LEVEL4);
    assert.equal(after.objects?.[0].value, '{"name": "Alice", "level": 4}');

    // '*' on a new key creates it.
    const created = await client.writeStorageObjects(alice, [
      { collection, key: "inventory", value: { items: ["sword"] }, version: "*" },
    ]);
    assert.equal(created.acks?.[0].key, "inventory");
    // A batch is all or nothing: one bad version rejects the good write beside it.
    await assert.rejects(
      client.writeStorageObjects(alice, [
        { collection, key: "fresh", value: { x: 1 } },
        { collection, key: "inventory", value: { items: [] }, version: "*" },
      ]),
      serverError(400, 3, VERSION_CHECK),
    );
    assert.deepEqual(await client.readStorageObjects(alice, [{ collection, key: "fresh", userId: alice.userId }]), {});
  });

  it("an object with permission_write 0 cannot be overwritten; non-object values and bad permissions are 400", async () => {
    const alice = await newUser("locked");
    const collection = unique("locked");
    await client.writeStorageObjects(alice, [{ collection, key: "secret", value: { hp: 99 }, permissionWrite: 0 }]);
    await assert.rejects(
      client.writeStorageObjects(alice, [{ collection, key: "secret", value: { hp: 1 } }]),
      serverError(400, 3, "Storage write rejected - permission denied."),
    );
    await assert.rejects(
      client.writeStorageObjects(alice, [{ collection, key: "bad", value: "[1,2,3]" }]),
      serverError(400, 3, "Value must be a JSON object."),
    );
    await assert.rejects(
      client.writeStorageObjects(alice, [{ collection, key: "bad", value: {}, permissionRead: 5 }]),
      serverError(400, 3, "Invalid Read permission supplied. It must be either 0, 1 or 2."),
    );
    assert.deepEqual(await client.writeStorageObjects(alice, []), {});
  });
});

describe("Client.listStorageObjects() / listUsersStorageObjects()", () => {
  it("pages the owner's objects with a cursor; others see only public ones", async () => {
    const alice = await newUser("lister");
    const bob = await newUser("other");
    const collection = unique("list");
    await client.writeStorageObjects(alice, [
      { collection, key: "a", value: { n: 1 }, permissionRead: 2 },
      { collection, key: "b", value: { n: 2 }, permissionRead: 1 },
      { collection, key: "c", value: { n: 3 }, permissionRead: 2 },
    ]);
    await client.writeStorageObjects(bob, [{ collection, key: "z", value: { n: 26 }, permissionRead: 2 }]);

    const first = await client.listStorageObjects(alice, collection, { userId: alice.userId, limit: 2 });
    let request = lastRequest(fake, "GET", `/v2/storage/${collection}`);
    assert.equal(request.query.get("user_id"), alice.userId);
    assert.equal(request.query.get("limit"), "2");
    assert.equal(first.objects?.length, 2);
    assert.ok(first.cursor);
    const second = await client.listStorageObjects(alice, collection, {
      userId: alice.userId,
      limit: 2,
      cursor: first.cursor,
    });
    assert.equal(lastRequest(fake, "GET", `/v2/storage/${collection}`).query.get("cursor"), first.cursor);
    assert.equal(second.cursor, undefined);
    const keys = [...first.objects!, ...second.objects!].map((o) => o.key).sort();
    assert.deepEqual(keys, ["a", "b", "c"]);

    // The owner in the path: bob sees alice's public objects only.
    const bobsView = await client.listUsersStorageObjects(bob, collection, alice.userId, { limit: 10 });
    request = lastRequest(fake, "GET", `/v2/storage/${collection}/${alice.userId}`);
    assert.equal(request.query.get("limit"), "10");
    assert.deepEqual(bobsView.objects?.map((o) => o.key).sort(), ["a", "c"]);
    const alicesView = await client.listUsersStorageObjects(alice, collection, alice.userId, { limit: 10 });
    assert.deepEqual(alicesView.objects?.map((o) => o.key).sort(), ["a", "b", "c"]);

    // No owner: every user's public objects.
    const everyone = await client.listStorageObjects(bob, collection, { limit: 10 });
    assert.deepEqual(everyone.objects?.map((o) => `${o.user_id === bob.userId ? "bob" : "alice"}:${o.key}`).sort(), [
      "alice:a",
      "alice:c",
      "bob:z",
    ]);
    assert.deepEqual(await client.listStorageObjects(bob, unique("empty")), {});
    await assert.rejects(
      client.listStorageObjects(bob, collection, { limit: 500 }),
      serverError(400, 3, "Invalid limit - limit must be between 1 and 100."),
    );
    await assert.rejects(
      client.listStorageObjects(bob, collection, { cursor: "bogus" }),
      serverError(400, 3, "Malformed cursor was used."),
    );
  });
});

describe("Client.deleteStorageObjects()", () => {
  it("deletes by version or unconditionally; a wrong version or missing key is 400", async () => {
    const alice = await newUser("deleter");
    const collection = unique("del");
    await client.writeStorageObjects(alice, [
      { collection, key: "profile", value: { level: 4, name: "Alice" } },
      { collection, key: "settings", value: { music: false } },
      { collection, key: "secret", value: { hp: 1 }, permissionWrite: 0 },
    ]);
    await assert.rejects(
      client.deleteStorageObjects(alice, [{ collection, key: "profile", version: V_LEVEL3 }]),
      serverError(400, 3, DELETE_REJECTED),
    );
    assert.equal(
      await client.deleteStorageObjects(alice, [{ collection, key: "profile", version: V_LEVEL4 }]),
      undefined,
    );
    assert.deepEqual(JSON.parse(lastRequest(fake, "PUT", "/v2/storage/delete").body), {
      object_ids: [{ collection, key: "profile", version: V_LEVEL4 }],
    });
    await client.deleteStorageObjects(alice, [{ collection, key: "settings" }]);
    await assert.rejects(
      client.deleteStorageObjects(alice, [{ collection, key: "never-existed" }]),
      serverError(400, 3, DELETE_REJECTED),
    );
    await assert.rejects(
      client.deleteStorageObjects(alice, [{ collection, key: "secret" }]),
      serverError(400, 3, DELETE_REJECTED),
    );
    const left = await client.listStorageObjects(alice, collection, { userId: alice.userId, limit: 10 });
    assert.deepEqual(left.objects?.map((o) => o.key), ["secret"]);
    await client.deleteStorageObjects(alice, []);
  });
});
