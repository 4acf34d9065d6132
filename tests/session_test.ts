import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { InvalidResponseError, Session } from "../mod.ts";

/** An unsigned JWT with the given payload; clients never check signatures, so none is needed. */
function jwt(payload: Record<string, unknown>): string {
  const b64url = (bytes: Uint8Array) => {
    let binary = "";
    for (const b of bytes) binary += String.fromCharCode(b);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  };
  const enc = new TextEncoder();
  return `${b64url(enc.encode('{"alg":"HS256","typ":"JWT"}'))}.${b64url(enc.encode(JSON.stringify(payload)))}.sig`;
}

// A real token pair recorded from Nakama 3.18 (captures/nakama-3.18/rest/AuthenticateDevice.json, with vars).
const REAL_TOKEN =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0aWQiOiJhOGMyMTdjZC1kNjU0LTRmYzktOWM4YS0wMDg3MzQwOTdmYzQiLCJ1aWQiOiJjMjA0NWUwMC1lYzk3LTRjZTMtODgyNS1iMTM1ODJmYWU3YzQiLCJ1c24iOiJhbGljZV9td3U4MzUxYyIsInZycyI6eyJidWlsZCI6IjQyIiwicGxhdGZvcm0iOiJ3ZWIifSwiZXhwIjoxNzk1NTAzNDEzfQ.FBxhen6UYq0SYgnzBn5j0G0b0GNFx16pOh40gz_LAtc";

describe("Session", () => {
  it("Session.restore() reads the claims of a real Nakama token", () => {
    const session = Session.restore(REAL_TOKEN, "");
    assert.equal(session.userId, "c2045e00-ec97-4ce3-8825-b13582fae7c4");
    assert.equal(session.username, "alice_mwu8351c");
    assert.deepEqual(session.vars, { build: "42", platform: "web" });
    assert.equal(session.expiresAt, 1795503413);
    assert.equal(session.refreshToken, "");
    assert.equal(session.refreshExpiresAt, 0);
    assert.equal(session.created, false);
    assert.equal(session.isRefreshExpired(), true);
  });

  it("Session decodes UTF-8 usernames and vars, astral characters included", () => {
    const vars = { city: "Zürich", greeting: "こんにちは", emoji: "🎮👾", quote: '"/\\' };
    const session = new Session(jwt({ uid: "u1", usn: "Jörg", vrs: vars, exp: 2000, iat: 1000 }), "", true);
    assert.equal(session.username, "Jörg");
    assert.deepEqual(session.vars, vars);
    assert.equal(session.createdAt, 1000);
    assert.equal(session.created, true);
  });

  it("Session decodes payloads whose base64url uses '-' and '_'", () => {
    // "???" and "~~~" encode to base64 with '/' and '+', which base64url turns into '_' and '-'.
    const token = jwt({ uid: "u", usn: "???>>>~~~", exp: 10 });
    assert.match(token.split(".")[1], /[-_]/);
    assert.equal(Session.restore(token).username, "???>>>~~~");
  });

  it("isExpired() and isRefreshExpired() compare with the given time, strictly after expiry", () => {
    const session = new Session(jwt({ uid: "u", exp: 100 }), jwt({ uid: "u", exp: 200 }));
    assert.equal(session.isExpired(100), false);
    assert.equal(session.isExpired(100.5), true);
    assert.equal(session.isRefreshExpired(199), false);
    assert.equal(session.isRefreshExpired(201), true);
    assert.equal(session.refreshExpiresAt, 200);
  });

  it("update() replaces the tokens and keeps the refresh token when the new one is empty", () => {
    const refresh = jwt({ uid: "u", exp: 500 });
    const session = new Session(jwt({ uid: "u", usn: "a", exp: 100 }), refresh);
    session.update(jwt({ uid: "u", usn: "b", exp: 300 }), "");
    assert.equal(session.username, "b");
    assert.equal(session.expiresAt, 300);
    assert.equal(session.refreshToken, refresh);
  });

  it("a malformed token is an InvalidResponseError that does not quote the token", () => {
    for (const bad of ["", "abc", "a.b", "a.%%%.c", `a.${btoa("[1]")}.c`, `a.${btoa('{"uid":"x"}')}.c`]) {
      assert.throws(() => Session.restore(bad), (error: unknown) => {
        assert.ok(error instanceof InvalidResponseError);
        assert.ok(!bad || !(error as Error).message.includes(bad), "message must not contain the token");
        return true;
      });
    }
  });

  it("a '__proto__' var stays an ordinary key and pollutes nothing", () => {
    const token = jwt({ uid: "u", exp: 1 }).replace(/\.[^.]+\./, () => {
      const raw = '{"uid":"u","exp":1,"vrs":{"__proto__":"x","constructor":"y"}}';
      return "." + btoa(raw).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_") + ".";
    });
    const vars = Session.restore(token).vars;
    assert.equal(Object.getPrototypeOf(vars), Object.prototype);
    assert.deepEqual(Object.keys(vars).sort(), ["__proto__", "constructor"]);
    assert.equal(({} as Record<string, unknown>).x, undefined);
  });

  it("JSON.stringify(session) holds no token", () => {
    const token = jwt({ uid: "u", exp: 1 });
    const refresh = jwt({ uid: "u", exp: 2 });
    const text = JSON.stringify(new Session(token, refresh));
    assert.ok(!text.includes(token) && !text.includes(refresh));
  });
});
