import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  Client,
  InvalidResponseError,
  isNakamaError,
  NakamaError,
  NetworkError,
  type RetryAttempt,
  Session,
  SessionExpiredError,
  TimeoutError,
} from "../mod.ts";
import { FakeNakama } from "./support/fake_nakama/mod.ts";

let fake: FakeNakama;
before(async () => {
  fake = await FakeNakama.start();
});
after(() => fake.close());

let counter = 0;
function client(options: ConstructorParameters<typeof Client>[0] = {}): Client {
  return new Client({ port: fake.port, ...options });
}
async function newSession(c = client()): Promise<Session> {
  return await c.authenticateDevice(`transport-device-${++counter}-${Date.now()}`, { create: true });
}
function count(method: string, path: string): number {
  return fake.requests.filter((r) => r.method === method && r.path === path).length;
}
/** Polls a condition every millisecond, for at most a second. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 1));
  assert.ok(condition(), "condition not met within a second");
}
/** Retries with no waiting and no jitter, recording each one. */
function recordingRetry(maxRetries: number, seen: RetryAttempt[]) {
  return { baseDelayMs: 1, maxRetries, jitter: (ms: number) => ms, listener: (r: RetryAttempt) => seen.push(r) };
}

describe("Client retries", () => {
  it("getAccount() retries a 503 burst with exponential backoff and then succeeds", async () => {
    const session = await newSession();
    const seen: RetryAttempt[] = [];
    fake.injectFault({ match: "/v2/account", kind: "status", status: 503, times: 2 });
    const before = count("GET", "/v2/account");
    const account = await client({ retry: recordingRetry(4, seen) }).getAccount(session);
    assert.equal(account.user?.id, session.userId);
    assert.equal(count("GET", "/v2/account") - before, 3);
    assert.deepEqual(seen.map((r) => [r.attempt, r.backoffMs, r.delayMs]), [[1, 1, 1], [2, 2, 2]]);
    assert.ok(seen.every((r) => r.error instanceof NakamaError && r.error.status === 503));
  });

  it("a 429 with Retry-After waits what the server asks, without jitter", async () => {
    const session = await newSession();
    const seen: RetryAttempt[] = [];
    fake.injectFault({ match: "/v2/account", kind: "status", status: 429, headers: { "retry-after": "0" } });
    const retry = { ...recordingRetry(2, seen), baseDelayMs: 60_000, jitter: () => 60_000 };
    await client({ retry }).getAccount(session);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].delayMs, 0);
  });

  it("4xx replies are never retried", async () => {
    const seen: RetryAttempt[] = [];
    const before = count("POST", "/v2/account/authenticate/device");
    await assert.rejects(
      client({ retry: recordingRetry(4, seen) }).authenticateDevice(`missing-${Date.now()}`, { create: false }),
      (error: unknown) => error instanceof NakamaError && error.status === 404 && error.grpcCode === 5,
    );
    assert.equal(count("POST", "/v2/account/authenticate/device") - before, 1);
    assert.equal(seen.length, 0);
  });

  it("gives up after maxRetries and rejects with the last error", async () => {
    const session = await newSession();
    fake.injectFault({ match: "/v2/account", kind: "status", status: 500, times: 10 });
    const before = count("GET", "/v2/account");
    await assert.rejects(
      client({ retry: recordingRetry(2, []) }).getAccount(session),
      (error: unknown) => error instanceof NakamaError && error.status === 500,
    );
    assert.equal(count("GET", "/v2/account") - before, 3);
    fake.clearFaults?.();
  });

  it("a connection reset is a NetworkError, retried like a 5xx", async () => {
    const session = await newSession();
    fake.injectFault({ match: "/v2/account", kind: "reset" });
    await assert.rejects(client({ retry: { maxRetries: 0 } }).getAccount(session), NetworkError);
    fake.injectFault({ match: "/v2/account", kind: "reset" });
    const account = await client({ retry: recordingRetry(1, []) }).getAccount(session);
    assert.equal(account.user?.id, session.userId);
  });

  it("a per-call retry configuration overrides the client's", async () => {
    const session = await newSession();
    fake.injectFault({ match: "/v2/account", kind: "status", status: 503 });
    await assert.rejects(
      client({ retry: recordingRetry(4, []) }).getAccount(session, { retry: { maxRetries: 0 } }),
      (error: unknown) => error instanceof NakamaError && error.status === 503,
    );
  });

  it("rejects a retry configuration out of range with a RangeError naming the field", () => {
    assert.throws(() => new Client({ retry: { maxRetries: -1 } }), /"retry\.maxRetries"/);
    assert.throws(() => new Client({ retry: { baseDelayMs: Number.NaN } }), RangeError);
  });
});

describe("Client cancellation and timeouts", () => {
  it("an aborted signal ends the call during a backoff wait, with the signal's reason", async () => {
    const session = await newSession();
    fake.injectFault({ match: "/v2/account", kind: "status", status: 503, times: 5 });
    const controller = new AbortController();
    const reason = new Error("user gave up");
    const retry = {
      baseDelayMs: 60_000,
      maxRetries: 4,
      jitter: (ms: number) => ms,
      listener: () => controller.abort(reason),
    };
    const before = count("GET", "/v2/account");
    await assert.rejects(client({ retry }).getAccount(session, { signal: controller.signal }), (e) => e === reason);
    assert.equal(count("GET", "/v2/account") - before, 1);
    fake.clearFaults?.();
  });

  it("an already aborted signal rejects before any request is sent", async () => {
    const before = fake.requests.length;
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await assert.rejects(client().healthcheck({ signal: controller.signal }), /stop/);
    assert.equal(fake.requests.length, before);
  });

  it("aborting while the request is in flight rejects with the reason", async () => {
    fake.injectFault({ match: "/healthcheck", kind: "delay", ms: 10_000 });
    const before = count("GET", "/healthcheck");
    const controller = new AbortController();
    const call = client().healthcheck({ signal: controller.signal });
    await until(() => count("GET", "/healthcheck") > before);
    const reason = new Error("cancelled");
    controller.abort(reason);
    await assert.rejects(call, (e) => e === reason);
  });

  it("timeoutMs ends a slow call with a TimeoutError, which is not retried", async () => {
    fake.injectFault({ match: "/healthcheck", kind: "delay", ms: 10_000, times: 2 });
    const before = count("GET", "/healthcheck");
    await assert.rejects(client({ retry: recordingRetry(3, []) }).healthcheck({ timeoutMs: 30 }), (error: unknown) => {
      assert.ok(error instanceof TimeoutError);
      assert.equal(error.code, "NAKAMA_TIMEOUT");
      assert.match(error.message, /GET \/healthcheck: no reply within 30 ms/);
      return true;
    });
    assert.equal(count("GET", "/healthcheck") - before, 1);
    fake.clearFaults?.();
  });
});

describe("Client errors", () => {
  it("a server error carries status, gRPC code and name, message, method and path, and no key", async () => {
    const c = client({ serverKey: "wrong-secret-key", retry: { maxRetries: 0 } });
    await assert.rejects(c.authenticateDevice("device-error-shape-1"), (error: unknown) => {
      assert.ok(error instanceof NakamaError && isNakamaError(error));
      assert.equal(error.name, "NakamaError");
      assert.equal(error.status, 401);
      assert.equal(error.grpcCode, 16);
      assert.equal(error.grpcStatus, "UNAUTHENTICATED");
      assert.equal(error.method, "POST");
      assert.equal(error.path, "/v2/account/authenticate/device");
      assert.match(error.message, /Server key invalid/);
      assert.ok(!JSON.stringify({ ...error, message: error.message, stack: error.stack }).includes("wrong-secret-key"));
      return true;
    });
  });

  for (const kind of ["truncate", "invalid-json"] as const) {
    it(`a ${kind} 200 reply is an InvalidResponseError, not a SyntaxError`, async () => {
      const session = await newSession();
      fake.injectFault({ match: "/v2/account", kind });
      await assert.rejects(client().getAccount(session), (error: unknown) => {
        assert.ok(error instanceof InvalidResponseError, String(error));
        assert.equal(error.status, 200);
        return true;
      });
    });
  }

  it("an HTML error page keeps its status and is a NakamaError", async () => {
    const session = await newSession();
    fake.injectFault({ match: "/v2/account", kind: "html", status: 502 });
    await assert.rejects(client({ retry: { maxRetries: 0 } }).getAccount(session), (error: unknown) => {
      assert.ok(error instanceof NakamaError);
      assert.equal(error.status, 502);
      assert.equal(error.grpcCode, undefined);
      return true;
    });
  });
});

describe("Client session refresh", () => {
  it("50 concurrent calls with a session about to expire send exactly one refresh", async () => {
    const refreshed: Session[] = [];
    const c = client({ onSessionRefreshed: (s) => refreshed.push(s), expiredTimespanMs: 10 * 24 * 3600 * 1000 });
    const session = await newSession(c);
    const before = count("POST", "/v2/account/session/refresh");
    const accounts = await Promise.all(Array.from({ length: 50 }, () => c.getAccount(session)));
    assert.equal(count("POST", "/v2/account/session/refresh") - before, 1);
    assert.equal(refreshed.length, 1);
    assert.equal(refreshed[0], session);
    assert.ok(accounts.every((a) => a.user?.id === session.userId));
  });

  it("autoRefreshSession: false never refreshes", async () => {
    const c = client({ autoRefreshSession: false, expiredTimespanMs: 10 * 24 * 3600 * 1000 });
    const session = await newSession(c);
    const before = count("POST", "/v2/account/session/refresh");
    await c.getAccount(session);
    assert.equal(count("POST", "/v2/account/session/refresh") - before, 0);
  });

  it("an expired refresh token rejects with SessionExpiredError and sends nothing", async () => {
    const session = await newSession();
    const expired = Session.restore(
      await fake.mintToken(session.userId, { expiresInSec: -60 }),
      await fake.mintToken(session.userId, { expiresInSec: -30, refresh: true }),
    );
    const before = fake.requests.length;
    await assert.rejects(client().getAccount(expired), SessionExpiredError);
    assert.equal(fake.requests.length, before);
  });

  it("a refresh token the server rejects gives SessionExpiredError", async () => {
    const c = client();
    const session = await newSession(c);
    const copy = Session.restore(session.token, session.refreshToken);
    await c.sessionLogout(session);
    await assert.rejects(c.sessionRefresh(copy), (error: unknown) => {
      assert.ok(error instanceof SessionExpiredError);
      assert.equal(error.status, 401);
      assert.ok(!error.message.includes(copy.refreshToken));
      return true;
    });
  });
});
