// REST account routes against the fake Nakama over loopback HTTP: get, update and delete the account, look users
// up, and link/unlink every identity provider. Social providers fail exactly as on the capture server (none was
// configured there): see /work/shared/captures/nakama-3.18/rest/Link*.json and Unlink*.json.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Client, type GameCenterIdentity, type Session } from "../mod.ts";
import { FakeNakama } from "./support/fake_nakama/mod.ts";
import { lastRequest, serverError, unique } from "./support/rest_helpers.ts";

let fake: FakeNakama;
let client: Client;
before(async () => {
  fake = await FakeNakama.start();
  // No retries: a 5xx here is a deterministic answer under test, and one request per call keeps the log exact.
  client = new Client({ port: fake.port, retry: { maxRetries: 0 } });
});
after(() => fake.close());

/** A new device account with a unique username. */
async function newUser(prefix = "user"): Promise<{ session: Session; device: string }> {
  const device = unique(`dev-${prefix}`);
  const session = await client.authenticateDevice(device, { create: true, username: unique(prefix) });
  return { session, device };
}

const LAST_LINK = "Cannot unlink last account identifier. Check profile exists and is not last link.";

const GAME_CENTER: GameCenterIdentity = {
  playerId: "G:1234567890",
  bundleId: "com.example.game",
  timestampSeconds: "1700000000",
  salt: "c2FsdA==",
  signature: "c2lnbmF0dXJl",
  publicKeyUrl: "https://example.com/key.cer",
};

describe("Client.getAccount() / updateAccount()", () => {
  it("getAccount() returns the user, its device and the default wallet", async () => {
    const { session, device } = await newUser("get");
    const account = await client.getAccount(session);
    assert.equal(account.user?.id, session.userId);
    assert.equal(account.user?.username, session.username);
    assert.equal(account.user?.lang_tag, "en");
    assert.equal(account.wallet, "{}");
    assert.deepEqual(account.devices, [{ id: device }]);
    assert.equal(account.email, undefined);
    assert.equal(lastRequest(fake, "GET", "/v2/account").headers.get("authorization"), `Bearer ${session.token}`);
  });

  it("updateAccount() sends only the given fields, in snake_case, and getAccount() shows them", async () => {
    const { session } = await newUser("upd");
    const result = await client.updateAccount(session, {
      displayName: "Alice ✓",
      avatarUrl: "https://example.com/a.png",
      langTag: "en-GB",
      location: "London",
      timezone: "Europe/London",
    });
    assert.equal(result, undefined);
    assert.deepEqual(JSON.parse(lastRequest(fake, "PUT", "/v2/account").body), {
      display_name: "Alice ✓",
      avatar_url: "https://example.com/a.png",
      lang_tag: "en-GB",
      location: "London",
      timezone: "Europe/London",
    });
    const { user } = await client.getAccount(session);
    assert.equal(user?.display_name, "Alice ✓");
    assert.equal(user?.avatar_url, "https://example.com/a.png");
    assert.equal(user?.lang_tag, "en-GB");
    assert.equal(user?.location, "London");
    assert.equal(user?.timezone, "Europe/London");
  });

  it("a rename refreshes the session so session.username follows", async () => {
    const { session } = await newUser("rename");
    const renamed = unique("renamed");
    await client.updateAccount(session, { username: renamed });
    assert.equal(session.username, renamed);
    assert.equal((await client.getAccount(session)).user?.username, renamed);
  });

  it("a taken username is 400 (not 409 as on authenticate), and nothing to update is 400", async () => {
    const { session: first } = await newUser("first");
    const { session } = await newUser("second");
    await assert.rejects(
      client.updateAccount(session, { username: first.username }),
      serverError(400, 3, "Username is already in use."),
    );
    await assert.rejects(client.updateAccount(session, {}), serverError(400, 3, "No fields to update."));
    assert.equal((await client.getAccount(session)).user?.username, session.username);
  });
});

describe("Client.deleteAccount()", () => {
  it("removes the user; its token is refused afterwards", async () => {
    const { session } = await newUser("delete");
    assert.ok(fake.state.users.has(session.userId));
    assert.equal(await client.deleteAccount(session), undefined);
    assert.equal(fake.state.users.has(session.userId), false);
    await assert.rejects(client.getAccount(session), serverError(401, 16, "Auth token invalid"));
    await assert.rejects(client.deleteAccount(session), serverError(401, 16, "Auth token invalid"));
  });
});

describe("Client.getUsers()", () => {
  it("finds users by ids and usernames (repeated query keys)", async () => {
    const { session } = await newUser("me");
    const { session: bob } = await newUser("bob");
    const { session: carol } = await newUser("carol");
    const { users = [] } = await client.getUsers(session, {
      ids: [bob.userId, carol.userId],
      usernames: [session.username],
    });
    assert.deepEqual(users.map((u) => u.id).sort(), [session.userId, bob.userId, carol.userId].sort());
    assert.equal(users.find((u) => u.id === bob.userId)?.username, bob.username);
    const query = lastRequest(fake, "GET", "/v2/user").query;
    assert.deepEqual(query.getAll("ids"), [bob.userId, carol.userId]);
    assert.deepEqual(query.getAll("usernames"), [session.username]);
  });

  it("unknown ids and Facebook ids give an empty reply; an invalid id is 400", async () => {
    const { session } = await newUser("lookup");
    assert.deepEqual(await client.getUsers(session, { ids: ["00000000-0000-4000-8000-000000000000"] }), {});
    assert.deepEqual(await client.getUsers(session, { facebookIds: ["1234567890"] }), {});
    assert.deepEqual(lastRequest(fake, "GET", "/v2/user").query.getAll("facebook_ids"), ["1234567890"]);
    assert.deepEqual(await client.getUsers(session), {});
    await assert.rejects(
      client.getUsers(session, { ids: ["not-a-uuid"] }),
      serverError(400, 3, "ID 'not-a-uuid' is not a valid system ID."),
    );
  });
});

describe("Client link/unlink device, custom id and email", () => {
  it("linkDevice()/unlinkDevice(): a second device appears, then goes; the last one cannot go", async () => {
    const { session, device } = await newUser("devices");
    const second = unique("dev-second");
    await client.linkDevice(session, second);
    assert.deepEqual((await client.getAccount(session)).devices, [{ id: device }, { id: second }]);
    // The second device now signs in to the same account.
    assert.equal((await client.authenticateDevice(second, { create: false })).userId, session.userId);

    await client.unlinkDevice(session, second);
    assert.deepEqual((await client.getAccount(session)).devices, [{ id: device }]);
    await assert.rejects(client.unlinkDevice(session, device), serverError(403, 7, LAST_LINK));
  });

  it("linkDevice() of another user's device is 409; a too short id is 400", async () => {
    const { session } = await newUser("dev-a");
    const { device } = await newUser("dev-b");
    await assert.rejects(client.linkDevice(session, device), serverError(409, 6, "Device ID already in use."));
    await assert.rejects(
      client.linkDevice(session, "x"),
      serverError(400, 3, "Device ID invalid, must be 10-128 bytes."),
    );
  });

  it("linkCustom()/unlinkCustom(): the custom id shows on the account, then not", async () => {
    const { session } = await newUser("custom");
    const custom = unique("custom-id");
    await client.linkCustom(session, custom);
    assert.deepEqual(JSON.parse(lastRequest(fake, "POST", "/v2/account/link/custom").body), { id: custom });
    assert.equal((await client.getAccount(session)).custom_id, custom);
    const { session: other } = await newUser("custom-other");
    await assert.rejects(client.linkCustom(other, custom), serverError(409, 6, "Custom ID is already in use."));
    await client.unlinkCustom(session, custom);
    assert.equal((await client.getAccount(session)).custom_id, undefined);
  });

  it("unlinkCustom() of a custom-only account is 403", async () => {
    const custom = unique("custom-only");
    const session = await client.authenticateCustom(custom);
    await assert.rejects(client.unlinkCustom(session, custom), serverError(403, 7, LAST_LINK));
  });

  it("linkEmail()/unlinkEmail(): the email signs in, then is removed", async () => {
    const { session } = await newUser("email");
    const email = `${unique("alice")}@example.com`;
    await client.linkEmail(session, email, "password1234");
    assert.equal((await client.getAccount(session)).email, email);
    assert.equal((await client.authenticateEmail(email, "password1234", { create: false })).userId, session.userId);
    await assert.rejects(
      client.linkEmail(session, "nope", "password1234"),
      serverError(400, 3, "Invalid email address format."),
    );
    const { session: other } = await newUser("email-other");
    await assert.rejects(
      client.linkEmail(other, email, "password1234"),
      serverError(409, 6, "Email is already in use."),
    );
    await client.unlinkEmail(session, email, "password1234");
    assert.equal((await client.getAccount(session)).email, undefined);
  });
});

describe("Client link social identities (no provider configured)", () => {
  it("linkApple() is 400 FAILED_PRECONDITION", async () => {
    const { session } = await newUser("apple");
    await assert.rejects(
      client.linkApple(session, "x.y.z"),
      serverError(400, 9, "Apple authentication is not configured."),
    );
    assert.deepEqual(JSON.parse(lastRequest(fake, "POST", "/v2/account/link/apple").body), { token: "x.y.z" });
  });

  it("linkFacebook() with an empty token is 400; sync travels in the query", async () => {
    const { session } = await newUser("facebook");
    await assert.rejects(
      client.linkFacebook(session, "", { sync: false }),
      serverError(400, 3, "Facebook access token is required."),
    );
    const request = lastRequest(fake, "POST", "/v2/account/link/facebook");
    assert.equal(request.query.get("sync"), "false");
    assert.deepEqual(JSON.parse(request.body), { token: "" });
  });

  it("linkFacebookInstantGame() with malformed info is 401", async () => {
    const { session } = await newUser("fbig");
    await assert.rejects(
      client.linkFacebookInstantGame(session, "garbage"),
      serverError(401, 16, "Could not authenticate Facebook Instant Game profile."),
    );
  });

  it("linkGameCenter() with a key URL off apple.com is 401", async () => {
    const { session } = await newUser("gc");
    await assert.rejects(
      client.linkGameCenter(session, GAME_CENTER),
      serverError(401, 16, "Could not authenticate GameCenter profile."),
    );
    assert.equal(
      JSON.parse(lastRequest(fake, "POST", "/v2/account/link/gamecenter").body).timestamp_seconds,
      "1700000000",
    );
  });

  it("linkGoogle() with an empty token is 400", async () => {
    const { session } = await newUser("google");
    await assert.rejects(client.linkGoogle(session, ""), serverError(400, 3, "Google access token is required."));
  });

  it("linkSteam() is 400 FAILED_PRECONDITION; the body is the whole LinkSteamRequest", async () => {
    const { session } = await newUser("steam");
    await assert.rejects(
      client.linkSteam(session, "deadbeef", { sync: true }),
      serverError(400, 9, "Steam authentication is not configured."),
    );
    const request = lastRequest(fake, "POST", "/v2/account/link/steam");
    assert.deepEqual(JSON.parse(request.body), { account: { token: "deadbeef" }, sync: true });
    assert.equal(request.query.has("sync"), false);
  });
});

describe("Client unlink social identities", () => {
  const emptyTokenUnlinks: [string, (session: Session) => Promise<void>][] = [
    ["apple", (session) => client.unlinkApple(session, "")],
    ["facebook", (session) => client.unlinkFacebook(session, "")],
    ["google", (session) => client.unlinkGoogle(session, "")],
    ["steam", (session) => client.unlinkSteam(session, "")],
  ];
  for (const [provider, unlink] of emptyTokenUnlinks) {
    it(`unlink ${provider} with an empty token succeeds with {} while a device remains`, async () => {
      const { session, device } = await newUser(`unlink-${provider}`);
      assert.equal(await unlink(session), undefined);
      // An empty token is left out: the server then unlinks without asking the provider.
      assert.deepEqual(JSON.parse(lastRequest(fake, "POST", `/v2/account/unlink/${provider}`).body), {});
      assert.deepEqual((await client.getAccount(session)).devices, [{ id: device }]);
    });
  }

  it("unlinkFacebookInstantGame() with malformed info is 401", async () => {
    const { session } = await newUser("unlink-fbig");
    await assert.rejects(
      client.unlinkFacebookInstantGame(session, "garbage"),
      serverError(401, 16, "Could not authenticate Facebook Instant Game profile."),
    );
    assert.deepEqual(JSON.parse(lastRequest(fake, "POST", "/v2/account/unlink/facebookinstantgame").body), {
      signed_player_info: "garbage",
    });
  });

  it("unlinkGameCenter() with a key URL off apple.com is 401", async () => {
    const { session } = await newUser("unlink-gc");
    await assert.rejects(
      client.unlinkGameCenter(session, GAME_CENTER),
      serverError(401, 16, "Could not authenticate GameCenter profile."),
    );
  });
});
