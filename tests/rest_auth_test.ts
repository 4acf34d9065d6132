// REST authentication against the fake Nakama over loopback HTTP: the nine authenticate routes, session refresh and
// logout, and the health check. Expected statuses and messages are the ones Nakama 3.18 gave in
// /work/shared/captures/nakama-3.18/rest/<Operation>.json.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Client, type GameCenterIdentity, NakamaError, Session, SessionExpiredError } from "../mod.ts";
import { FakeNakama } from "./support/fake_nakama/mod.ts";
import { lastRequest } from "./support/rest_helpers.ts";

let fake: FakeNakama;
let client: Client;
before(async () => {
  fake = await FakeNakama.start();
  // No retries: a 5xx here is a deterministic answer under test, and one request per call keeps the log exact.
  client = new Client({ port: fake.port, retry: { maxRetries: 0 } });
});
after(() => fake.close());

let counter = 0;
/** A name no other test of this file uses. */
const unique = (prefix: string) => `${prefix}-${++counter}-${crypto.randomUUID().slice(0, 8)}`;

/** The last request the fake received for a method and path. */
/** Matches a gateway error exactly as the real server sends it: status, gRPC code and `{code, message}` body. */
function serverError(status: number, grpcCode: number, message: string) {
  return (error: unknown) => {
    assert.ok(error instanceof NakamaError, `expected a NakamaError, got ${error}`);
    assert.equal(error.status, status);
    assert.equal(error.grpcCode, grpcCode);
    assert.deepEqual(error.data, { code: grpcCode, message });
    assert.ok(error.message.includes(message), error.message);
    return true;
  };
}

/** A Game Center identity the capture server refused (its key URL is not on *.apple.com). */
const GAME_CENTER: GameCenterIdentity = {
  playerId: "G:1234567890",
  bundleId: "com.example.game",
  timestampSeconds: 1700000000,
  salt: "c2FsdA==",
  signature: "c2lnbmF0dXJl",
  publicKeyUrl: "https://example.com/key.cer",
};

describe("Client.healthcheck()", () => {
  it("resolves with undefined and sends no credential", async () => {
    assert.equal(await client.healthcheck(), undefined);
    const request = lastRequest(fake, "GET", "/healthcheck");
    assert.equal(request.headers.get("authorization"), null);
  });
});

describe("Client.authenticateDevice()", () => {
  it("round-trips the username Jörg and vars through the session", async () => {
    const device = unique("device-jorg");
    const vars = { platform: "web", build: "42", "ключ": "värde ✓" };
    const session = await client.authenticateDevice(device, { create: true, username: "Jörg", vars });
    assert.ok(session instanceof Session);
    assert.equal(session.created, true);
    assert.equal(session.username, "Jörg");
    assert.deepEqual(session.vars, vars);
    const user = fake.state.users.get(session.userId);
    assert.equal(user?.username, "Jörg");
    assert.deepEqual(user?.devices, [device]);

    const request = lastRequest(fake, "POST", "/v2/account/authenticate/device");
    assert.equal(request.query.get("username"), "Jörg");
    assert.equal(request.query.get("create"), "true");
    assert.deepEqual(JSON.parse(request.body), { id: device, vars });
    assert.equal(request.headers.get("authorization"), `Basic ${btoa("defaultkey:")}`);
    const account = await client.getAccount(session);
    assert.equal(account.user?.username, "Jörg");
  });

  it("signs in to the existing account without `created`, and vars change per session", async () => {
    const device = unique("device-again");
    const first = await client.authenticateDevice(device);
    const second = await client.authenticateDevice(device, { vars: { tier: "gold" } });
    assert.equal(first.created, true);
    assert.equal(second.created, false);
    assert.equal(second.userId, first.userId);
    assert.deepEqual(first.vars, {});
    assert.deepEqual(second.vars, { tier: "gold" });
    // `create` is only sent when given: the server's default is true.
    assert.equal(lastRequest(fake, "POST", "/v2/account/authenticate/device").query.has("create"), false);
  });

  it("create: false for an unknown device is 404 User account not found.", async () => {
    const users = fake.state.users.size;
    await assert.rejects(
      client.authenticateDevice(unique("device-nobody"), { create: false }),
      serverError(404, 5, "User account not found."),
    );
    assert.equal(fake.state.users.size, users);
  });

  it("a taken username is 409 Username is already in use.", async () => {
    const username = unique("taken");
    await client.authenticateDevice(unique("device-a"), { username });
    await assert.rejects(
      client.authenticateDevice(unique("device-b"), { create: true, username }),
      serverError(409, 6, "Username is already in use."),
    );
  });

  it("a device id shorter than 10 bytes is 400", async () => {
    await assert.rejects(
      client.authenticateDevice("short", { create: true }),
      serverError(400, 3, "Device ID invalid, must be 10-128 bytes."),
    );
  });

  it("a wrong server key is 401 Server key invalid, and the key is in no message", async () => {
    const wrong = new Client({ port: fake.port, serverKey: "not-the-key-4711" });
    await assert.rejects(wrong.authenticateDevice(unique("device-key")), (error: unknown) => {
      serverError(401, 16, "Server key invalid")(error);
      assert.ok(!(error as Error).message.includes("not-the-key-4711"));
      assert.ok(!JSON.stringify(error).includes("not-the-key-4711"));
      return true;
    });
  });
});

describe("Client.authenticateCustom()", () => {
  it("creates, then signs in to, the same account", async () => {
    const id = unique("custom");
    const created = await client.authenticateCustom(id, { username: unique("carol") });
    const again = await client.authenticateCustom(id, { create: false });
    assert.equal(created.created, true);
    assert.equal(again.created, false);
    assert.equal(again.userId, created.userId);
    assert.equal(fake.state.users.get(created.userId)?.custom_id, id);
  });

  it("a custom id shorter than 6 bytes is 400", async () => {
    await assert.rejects(
      client.authenticateCustom("abc"),
      serverError(400, 3, "Custom ID invalid, must be 6-128 bytes."),
    );
  });

  it("accepts a username with a space but refuses a tab", async () => {
    const spaced = `has space ${unique("u")}`;
    const session = await client.authenticateCustom(unique("custom-space"), { username: spaced });
    assert.equal(session.username, spaced);
    await assert.rejects(
      client.authenticateCustom(unique("custom-tab"), { username: "has\ttab" }),
      serverError(400, 3, "Username invalid, no spaces or control characters allowed."),
    );
  });
});

describe("Client.authenticateEmail()", () => {
  it("creates an account, signs in by email, and by username with an empty email", async () => {
    const username = unique("bob");
    const email = `${username}@example.com`;
    const created = await client.authenticateEmail(email, "password1234", { create: true, username });
    assert.equal(created.created, true);
    const byEmail = await client.authenticateEmail(email, "password1234");
    assert.equal(byEmail.userId, created.userId);

    const byName = await client.authenticateEmail("", "password1234", { create: false, username });
    assert.equal(byName.userId, created.userId);
    const request = lastRequest(fake, "POST", "/v2/account/authenticate/email");
    // The username login goes in the query; the body holds no email at all.
    assert.equal(request.query.get("username"), username);
    assert.deepEqual(JSON.parse(request.body), { password: "password1234" });
  });

  it("a wrong password is 401 Invalid credentials.", async () => {
    const email = `${unique("pw")}@example.com`;
    await client.authenticateEmail(email, "password1234");
    await assert.rejects(
      client.authenticateEmail(email, "wrongpassword"),
      serverError(401, 16, "Invalid credentials."),
    );
  });

  it("an invalid email and a short password are 400", async () => {
    await assert.rejects(
      client.authenticateEmail("not-an-email", "password1234"),
      serverError(400, 3, "Invalid email address format."),
    );
    await assert.rejects(
      client.authenticateEmail(`${unique("short")}@example.com`, "short"),
      serverError(400, 3, "Password must be at least 8 characters long."),
    );
  });
});

describe("Client social authenticate (no provider configured, as on the capture server)", () => {
  it("authenticateApple() is 400 FAILED_PRECONDITION Apple authentication is not configured.", async () => {
    await assert.rejects(
      client.authenticateApple("eyJhbGciOiJSUzI1NiJ9.e30.sig", { create: true }),
      serverError(400, 9, "Apple authentication is not configured."),
    );
    const request = lastRequest(fake, "POST", "/v2/account/authenticate/apple");
    assert.deepEqual(JSON.parse(request.body), { token: "eyJhbGciOiJSUzI1NiJ9.e30.sig" });
    assert.equal(request.query.get("create"), "true");
  });

  it("authenticateFacebook() with an empty token is 400, and sync goes in the query", async () => {
    await assert.rejects(
      client.authenticateFacebook("", { create: true, sync: false }),
      serverError(400, 3, "Facebook access token is required."),
    );
    const request = lastRequest(fake, "POST", "/v2/account/authenticate/facebook");
    assert.equal(request.query.get("sync"), "false");
    assert.deepEqual(JSON.parse(request.body), { token: "" });
  });

  it("authenticateFacebookInstantGame() with malformed info is 500 DATA_LOSS", async () => {
    await assert.rejects(
      client.authenticateFacebookInstantGame("not-a-signed-player-info", { create: true }),
      serverError(500, 15, "Error extracting the Facebook Instant Game player ID or validating the signature"),
    );
    assert.deepEqual(JSON.parse(lastRequest(fake, "POST", "/v2/account/authenticate/facebookinstantgame").body), {
      signed_player_info: "not-a-signed-player-info",
    });
  });

  it("authenticateGameCenter() with a key URL off apple.com is 401", async () => {
    await assert.rejects(
      client.authenticateGameCenter(GAME_CENTER, { create: true }),
      serverError(401, 16, "Could not authenticate GameCenter profile."),
    );
    assert.deepEqual(JSON.parse(lastRequest(fake, "POST", "/v2/account/authenticate/gamecenter").body), {
      bundle_id: "com.example.game",
      player_id: "G:1234567890",
      public_key_url: "https://example.com/key.cer",
      salt: "c2FsdA==",
      signature: "c2lnbmF0dXJl",
      timestamp_seconds: 1700000000,
    });
  });

  it("authenticateGoogle() with an empty token is 400", async () => {
    await assert.rejects(
      client.authenticateGoogle("", { create: true }),
      serverError(400, 3, "Google access token is required."),
    );
  });

  it("authenticateSteam() is 400 Steam authentication is not configured.", async () => {
    await assert.rejects(
      client.authenticateSteam("deadbeef", { create: true, sync: true }),
      serverError(400, 9, "Steam authentication is not configured."),
    );
    const request = lastRequest(fake, "POST", "/v2/account/authenticate/steam");
    assert.equal(request.query.get("sync"), "true");
    assert.deepEqual(JSON.parse(request.body), { token: "deadbeef" });
  });
});

describe("Client.sessionRefresh()", () => {
  it("updates the same Session in place with new tokens and the new vars", async () => {
    const session = await client.authenticateDevice(unique("device-refresh"), { vars: { platform: "web" } });
    const { token, refreshToken, userId } = session;
    const refreshed = await client.sessionRefresh(session, { vars: { level: "7", platform: "web" } });
    assert.equal(refreshed, session);
    assert.equal(session.userId, userId);
    assert.notEqual(session.token, token);
    assert.notEqual(session.refreshToken, refreshToken);
    assert.deepEqual(session.vars, { level: "7", platform: "web" });
    const request = lastRequest(fake, "POST", "/v2/account/session/refresh");
    assert.deepEqual(JSON.parse(request.body), { token: refreshToken, vars: { level: "7", platform: "web" } });
    assert.equal(request.headers.get("authorization"), `Basic ${btoa("defaultkey:")}`);
    // The new token works.
    assert.equal((await client.getAccount(session)).user?.id, userId);
  });

  it("a wrong server key is a plain 401 NakamaError, not SessionExpiredError", async () => {
    const session = await client.authenticateDevice(unique("device-refresh-key"));
    const wrong = new Client({ port: fake.port, serverKey: "wrong-key" });
    await assert.rejects(wrong.sessionRefresh(session), (error: unknown) => {
      assert.ok(!(error instanceof SessionExpiredError));
      return serverError(401, 16, "Server key invalid")(error);
    });
  });
});

describe("Client.sessionLogout()", () => {
  it("invalidates both tokens: a later refresh fails and the old token is refused", async () => {
    const session = await client.authenticateDevice(unique("device-logout"));
    await client.sessionLogout(session);
    const request = lastRequest(fake, "POST", "/v2/session/logout");
    assert.deepEqual(JSON.parse(request.body), { token: session.token, refresh_token: session.refreshToken });
    assert.equal(request.headers.get("authorization"), `Bearer ${session.token}`);

    await assert.rejects(client.sessionRefresh(session), (error: unknown) => {
      assert.ok(error instanceof SessionExpiredError, `expected SessionExpiredError, got ${error}`);
      assert.equal(error.status, 401);
      assert.equal(error.grpcCode, 16);
      assert.deepEqual(error.data, { code: 16, message: "Refresh token invalid or expired." });
      return true;
    });
    await assert.rejects(client.getAccount(session), serverError(401, 16, "Auth token invalid"));
    // Logging out twice: the token itself is refused now.
    await assert.rejects(client.sessionLogout(session), serverError(401, 16, "Auth token invalid"));
  });
});
