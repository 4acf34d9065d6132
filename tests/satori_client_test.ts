import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  type ApiEvent,
  InvalidResponseError,
  isNakamaError,
  NakamaError,
  NetworkError,
  SatoriClient,
  type SatoriClientOptions,
  Session,
  SessionExpiredError,
  TimeoutError,
} from "../satori.ts";
import { FakeSatori, type FakeSatoriOptions } from "./support/fake_satori/mod.ts";

/** Retries with no waiting and no jitter. */
const FAST_RETRY = { baseDelayMs: 1, maxRetries: 2, jitter: (ms: number) => ms };

let counter = 0;
/** A valid identity id (8-128 of [A-Za-z0-9_-]), unique per call. */
function identityId(prefix = "player"): string {
  return `${prefix}-${++counter}-${Date.now()}`;
}

/** Runs `fn` against a fresh fake server, which is closed whatever happens. */
async function withFake(
  fn: (fake: FakeSatori, client: SatoriClient) => Promise<void>,
  fakeOptions: FakeSatoriOptions = {},
  clientOptions: SatoriClientOptions = {},
): Promise<void> {
  const fake = await FakeSatori.start(fakeOptions);
  try {
    await fn(fake, new SatoriClient({ port: fake.port, retry: FAST_RETRY, ...clientOptions }));
  } finally {
    await fake.close();
  }
}

function isSatoriError(status: number, grpcCode?: number) {
  return (error: unknown) => {
    assert.ok(error instanceof NakamaError, `expected a NakamaError, got ${error}`);
    assert.equal(error.constructor, NakamaError);
    assert.equal(error.status, status);
    if (grpcCode !== undefined) assert.equal(error.grpcCode, grpcCode);
    assert.equal(error.service, "satori");
    return true;
  };
}

function isArgumentError(name: string) {
  return (error: unknown) =>
    error instanceof TypeError && (error as TypeError & { code?: string }).code === "ERR_INVALID_ARG_TYPE" &&
    error.message.includes(`"${name}"`);
}

describe("SatoriClient sessions", () => {
  it("authenticate() creates the identity with its properties and decodes iid/sid", () =>
    withFake(async (fake, client) => {
      const id = identityId();
      const session = await client.authenticate(id, {
        defaultProperties: { language: "de" },
        customProperties: { level: "3", name: "Jörg ✓" },
      });
      assert.equal(session.identityId, id);
      assert.equal(session.userId, id);
      assert.match(session.sessionId, /^[0-9a-f-]{36}$/);
      assert.ok(session.expiresAt > Date.now() / 1000);
      assert.ok(session.refreshExpiresAt > session.expiresAt);
      assert.notEqual(session.refreshToken, "");
      const identity = fake.state.identities.get(id)!;
      assert.equal(identity.default.language, "de");
      assert.deepEqual(identity.custom, { level: "3", name: "Jörg ✓" });
      const [request] = fake.requestsTo("POST", "/v1/authenticate");
      assert.equal(request.auth, "basic");
      assert.deepEqual(request.body, {
        id,
        default: { language: "de" },
        custom: { level: "3", name: "Jörg ✓" },
      });
      assert.equal(JSON.stringify(session).includes(session.token), false);
      assert.equal(session.toJSON().identityId, id);
    }));

  it("authenticate() rejects an invalid identity id with the server's 400 and a wrong API key with 401", () =>
    withFake(async (fake, client) => {
      await assert.rejects(client.authenticate("short"), isSatoriError(400, 3));
      const wrongKey = new SatoriClient({ port: fake.port, apiKey: "not-the-key", retry: FAST_RETRY });
      await assert.rejects(wrongKey.authenticate(identityId()), (error: unknown) => {
        assert.ok(isSatoriError(401, 16)(error));
        assert.equal((error as NakamaError).grpcStatus, "UNAUTHENTICATED");
        assert.equal((error as Error).message.includes("not-the-key"), false);
        return true;
      });
    }));

  it("argument mistakes throw a TypeError naming the argument, before any request", () =>
    withFake(async (fake, client) => {
      await assert.rejects(async () => await client.authenticate(""), isArgumentError("id"));
      await assert.rejects(
        async () => await client.authenticate(identityId(), { customProperties: { level: 3 as unknown as string } }),
        isArgumentError("options.customProperties.level"),
      );
      await assert.rejects(
        async () => await client.listProperties({ token: "x" } as unknown as Session),
        isArgumentError("session"),
      );
      assert.throws(() => new SatoriClient({ port: 0 }), isArgumentError("options.port"));
      assert.equal(fake.requests.length, 0);
    }));

  it("sessionRefresh() updates the session in place and reports it to onSessionRefreshed", () => {
    const refreshed: Session[] = [];
    return withFake(
      async (fake, client) => {
        const session = await client.authenticate(identityId());
        const { token, sessionId } = session;
        const result = await client.sessionRefresh(session);
        assert.equal(result, session);
        assert.notEqual(session.token, token);
        assert.notEqual(session.sessionId, sessionId);
        assert.deepEqual(refreshed, [session]);
        const [request] = fake.requestsTo("POST", "/v1/authenticate/refresh");
        assert.equal(request.auth, "basic");
        assert.equal(typeof (request.body as { refresh_token: string }).refresh_token, "string");
        assert.deepEqual((await client.listProperties(session)).custom, undefined);
      },
      {},
      { onSessionRefreshed: (s) => refreshed.push(s) },
    );
  });

  it("auto-refresh is single-flight: concurrent calls near expiry share one refresh", () =>
    // Tokens live 60 s, so every session is inside the default 5-minute refresh window.
    withFake(async (fake, client) => {
      const session = await client.authenticate(identityId());
      const before = session.token;
      const results = await Promise.all([
        client.listProperties(session),
        client.getFlags(session),
        client.getAllExperiments(session),
        client.getLiveEvents(session),
        client.getMessageList(session),
      ]);
      assert.equal(results.length, 5);
      assert.equal(fake.requestsTo("POST", "/v1/authenticate/refresh").length, 1);
      assert.notEqual(session.token, before);
    }, { tokenExpirySec: 60 }));

  it("no auto-refresh when autoRefreshSession is false or the session is far from expiry", async () => {
    await withFake(
      async (fake, client) => {
        const session = await client.authenticate(identityId());
        await client.listProperties(session);
        assert.equal(fake.requestsTo("POST", "/v1/authenticate/refresh").length, 0);
      },
      { tokenExpirySec: 60 },
      { autoRefreshSession: false },
    );
    await withFake(async (fake, client) => {
      const session = await client.authenticate(identityId());
      await client.listProperties(session);
      assert.equal(fake.requestsTo("POST", "/v1/authenticate/refresh").length, 0);
    });
  });

  it("authenticateLogout() revokes both tokens and never refreshes first", () =>
    withFake(async (fake, client) => {
      const session = await client.authenticate(identityId());
      await client.authenticateLogout(session);
      assert.equal(fake.requestsTo("POST", "/v1/authenticate/refresh").length, 0);
      const [request] = fake.requestsTo("POST", "/v1/authenticate/logout");
      assert.equal(request.auth, "bearer");
      assert.deepEqual(request.body, { token: session.token, refresh_token: session.refreshToken });
      const strict = new SatoriClient({ port: fake.port, autoRefreshSession: false });
      await assert.rejects(strict.listProperties(session), isSatoriError(401, 16));
      await assert.rejects(client.sessionRefresh(session), (error: unknown) => {
        assert.ok(error instanceof SessionExpiredError);
        assert.equal(error.status, 401);
        assert.equal(error.service, "satori");
        assert.equal(error.name, "SessionExpiredError");
        return true;
      });
    }, { tokenExpirySec: 60 }));

  it("sessionRefresh() of a session without a refresh token fails with SessionExpiredError and sends nothing", () =>
    withFake(async (fake, client) => {
      const session = await client.authenticate(identityId());
      const bare = Session.restore(session.token);
      await assert.rejects(client.sessionRefresh(bare), SessionExpiredError);
      assert.equal(fake.requestsTo("POST", "/v1/authenticate/refresh").length, 0);
    }));

  it("identify() moves the session to another identity, merges properties and revokes the old token", () =>
    withFake(async (fake, client) => {
      const anonymous = identityId("device");
      const account = identityId("account");
      const session = await client.authenticate(anonymous, { customProperties: { tutorial: "done" } });
      const old = Session.restore(session.token, session.refreshToken);
      const result = await client.identify(session, account, { defaultProperties: { email: "a@example.com" } });
      assert.equal(result, session);
      assert.equal(session.identityId, account);
      assert.notEqual(session.token, old.token);
      const properties = await client.listProperties(session);
      assert.equal(properties.custom?.tutorial, "done");
      assert.equal(properties.default?.email, "a@example.com");
      assert.deepEqual(fake.requestsTo("PUT", "/v1/identify")[0].body, {
        id: account,
        default: { email: "a@example.com" },
      });
      await assert.rejects(client.listProperties(old, { retry: { maxRetries: 0 } }), isSatoriError(401, 16));
    }));

  it("deleteIdentity() removes the identity and its events; its session stops working", () =>
    withFake(async (fake, client) => {
      const id = identityId();
      const session = await client.authenticate(id);
      await client.event(session, { name: "gameStarted" });
      assert.equal(fake.state.eventsOf(id).length, 1);
      await client.deleteIdentity(session);
      assert.equal(fake.state.identities.has(id), false);
      assert.equal(fake.state.eventsOf(id).length, 0);
      assert.equal(fake.requestsTo("DELETE", "/v1/identity")[0].auth, "bearer");
      await assert.rejects(client.listProperties(session), isSatoriError(401, 16));
    }));
});

describe("SatoriClient properties", () => {
  it("listProperties() returns default, custom and computed properties", () =>
    withFake(async (fake, client) => {
      const id = identityId();
      const session = await client.authenticate(id, { customProperties: { level: "1" } });
      await client.events(session, [
        { name: "levelWon", timestamp: new Date(1_700_000_000_000) },
        { name: "levelWon", timestamp: "2024-01-01T00:00:00Z" },
      ]);
      const properties = await client.listProperties(session);
      assert.equal(properties.default?.firstOpen, fake.state.identities.get(id)!.default.firstOpen);
      assert.deepEqual(properties.custom, { level: "1" });
      assert.equal(properties.computed?.levelWonCount, "2");
      assert.equal(properties.computed?.levelWonSeenFirst, "1700000000");
      assert.equal(properties.computed?.levelWonSeenLast, "1704067200");
    }));

  it("updateProperties() merges the maps and sends recompute; deleteProperties() removes names", () =>
    withFake(async (fake, client) => {
      const id = identityId();
      const session = await client.authenticate(id, { customProperties: { level: "1", coins: "10" } });
      await client.updateProperties(session, {
        defaultProperties: { language: "fr" },
        customProperties: { level: "2", vip: "true" },
        recompute: true,
      });
      assert.deepEqual(fake.requestsTo("PUT", "/v1/properties")[0].body, {
        default: { language: "fr" },
        custom: { level: "2", vip: "true" },
        recompute: true,
      });
      assert.deepEqual(fake.state.identities.get(id)!.custom, { level: "2", coins: "10", vip: "true" });
      await client.deleteProperties(session, { customProperties: ["coins", "vip"], defaultProperties: ["language"] });
      assert.deepEqual(fake.requestsTo("PUT", "/v1/properties")[1].body, {
        default: { language: "" },
        custom: { coins: "", vip: "" },
        recompute: false,
      });
      const properties = await client.listProperties(session);
      assert.deepEqual(properties.custom, { level: "2" });
      assert.equal(properties.default?.language, undefined);
    }));
});

describe("SatoriClient events", () => {
  it("event() sends one event with an id and an RFC 3339 timestamp", () =>
    withFake(async (fake, client) => {
      const id = identityId();
      const session = await client.authenticate(id);
      const at = new Date("2026-03-04T05:06:07.089Z");
      await client.event(session, { name: "itemBought", timestamp: at, value: "120", metadata: { item: "sword" } });
      const [request] = fake.requestsTo("POST", "/v1/event");
      const [sent] = (request.body as { events: ApiEvent[] }).events;
      assert.equal(sent.timestamp, "2026-03-04T05:06:07.089Z");
      assert.match(sent.id!, /^[0-9a-f-]{36}$/);
      assert.deepEqual(fake.state.eventsOf(id), [{
        identity_id: id,
        name: "itemBought",
        id: sent.id,
        timestamp: "2026-03-04T05:06:07.089Z",
        value: "120",
        metadata: { item: "sword" },
      }]);
    }));

  it("events() sends a batch in one request and keeps the caller's ids", () =>
    withFake(async (fake, client) => {
      const id = identityId();
      const session = await client.authenticate(id);
      await client.events(session, [{ name: "a", id: "event-a" }, { name: "b" }, { name: "c", value: "3" }]);
      assert.equal(fake.requestsTo("POST", "/v1/event").length, 1);
      assert.deepEqual(fake.state.eventsOf(id).map((e) => e.name), ["a", "b", "c"]);
      assert.equal(fake.state.eventsOf(id)[0].id, "event-a");
    }));

  it("events() rejects a malformed event before sending anything", () =>
    withFake(async (fake, client) => {
      const session = await client.authenticate(identityId());
      const before = fake.requests.length;
      await assert.rejects(
        async () => await client.events(session, [{ name: "ok" }, { name: "" }]),
        isArgumentError("events[1].name"),
      );
      await assert.rejects(
        async () => await client.event(session, { name: "x", metadata: { n: 1 as unknown as string } }),
        isArgumentError("event.metadata.n"),
      );
      assert.equal(fake.requests.length, before);
    }));

  it("a retry after a connection dropped mid-reply does not record the events twice", () =>
    withFake(async (fake, client) => {
      const id = identityId();
      const session = await client.authenticate(id);
      fake.injectFault({ match: "/v1/event", kind: "reset", stage: "after" });
      await client.events(session, [{ name: "a" }, { name: "b" }]);
      const requests = fake.requestsTo("POST", "/v1/event");
      assert.equal(requests.length, 2);
      assert.deepEqual(requests[0].body, requests[1].body);
      assert.deepEqual(fake.state.eventsOf(id).map((e) => e.name), ["a", "b"]);
    }));
});

describe("SatoriClient experiments", () => {
  const experiments = [
    { name: "shop_layout", value: '{"columns":3}', labels: ["shop"], phaseName: "p1", phaseVariantName: "B" },
    { name: "onboarding", value: "short", labels: ["ftue"] },
    { name: "vip_only", value: "x", audience: { custom: { vip: "true" } } },
  ];

  it("getAllExperiments() lists the experiments the identity takes part in", () =>
    withFake(async (fake, client) => {
      const session = await client.authenticate(identityId());
      const all = await client.getAllExperiments(session);
      assert.deepEqual(all.experiments?.map((e) => e.name), ["shop_layout", "onboarding"]);
      assert.deepEqual(all.experiments?.[0], {
        name: "shop_layout",
        value: '{"columns":3}',
        labels: ["shop"],
        phase_name: "p1",
        phase_variant_name: "B",
      });
      await client.updateProperties(session, { customProperties: { vip: "true" } });
      assert.equal((await client.getAllExperiments(session)).experiments?.length, 3);
      assert.deepEqual(fake.requestsTo("GET", "/v1/experiment")[0].query, {});
    }, { experiments }));

  it("getExperiments() filters by names and labels with repeated query keys", () =>
    withFake(async (fake, client) => {
      const session = await client.authenticate(identityId());
      const byName = await client.getExperiments(session, { names: ["onboarding", "nope"] });
      assert.deepEqual(byName.experiments?.map((e) => e.name), ["onboarding"]);
      const byLabel = await client.getExperiments(session, { labels: ["shop"] });
      assert.deepEqual(byLabel.experiments?.map((e) => e.name), ["shop_layout"]);
      assert.deepEqual(await client.getExperiments(session, { names: ["nope"] }), {});
      assert.deepEqual(fake.requestsTo("GET", "/v1/experiment")[0].query, { names: ["onboarding", "nope"] });
    }, { experiments }));
});

describe("SatoriClient flags", () => {
  const flags = {
    flags: [
      { name: "max_lives", value: "3", labels: ["economy"] },
      { name: "theme", value: "light" },
    ],
    flagOverrides: [{
      flag: "max_lives",
      name: "vip_lives",
      type: 1 as const,
      value: "9",
      variantName: "nine",
      createTimeSec: 1_767_225_600,
      audience: { custom: { vip: "true" } },
    }],
  };

  it("getFlags() applies the identity's overrides; getFlagsDefault() gives defaults with the API key", () =>
    withFake(async (fake, client) => {
      const session = await client.authenticate(identityId(), { customProperties: { vip: "true" } });
      const mine = await client.getFlags(session);
      assert.deepEqual(mine.flags, [
        {
          name: "max_lives",
          value: "9",
          labels: ["economy"],
          condition_changed: true,
          change_reason: { name: "vip_lives", type: 1, variant_name: "nine" },
        },
        { name: "theme", value: "light" },
      ]);
      const defaults = await client.getFlagsDefault();
      assert.deepEqual(defaults.flags?.map((f) => [f.name, f.value]), [["max_lives", "3"], ["theme", "light"]]);
      assert.deepEqual(fake.requestsTo("GET", "/v1/flag").map((r) => r.auth), ["bearer", "basic"]);
      const filtered = await client.getFlags(session, { names: ["theme"], labels: [] });
      assert.deepEqual(filtered.flags?.map((f) => f.name), ["theme"]);
      assert.deepEqual(fake.requestsTo("GET", "/v1/flag")[2].query, { names: "theme" });
    }, flags));

  it("getFlag() returns the named flag, and a NOT_FOUND NakamaError for a missing one", () =>
    withFake(async (_fake, client) => {
      const session = await client.authenticate(identityId());
      assert.deepEqual(await client.getFlag(session, "max_lives"), {
        name: "max_lives",
        value: "3",
        labels: ["economy"],
      });
      await assert.rejects(client.getFlag(session, "missing"), (error: unknown) => {
        assert.ok(error instanceof NakamaError);
        assert.equal(error.grpcStatus, "NOT_FOUND");
        assert.equal(error.service, "satori");
        return true;
      });
    }, flags));

  it("getFlag() with a default returns it when the flag is missing or Satori is unreachable", () =>
    withFake(async (fake, client) => {
      const session = await client.authenticate(identityId());
      const fallback = { name: "missing", value: "d", condition_changed: false };
      assert.deepEqual(await client.getFlag(session, "missing", { defaultValue: "d" }), fallback);
      assert.equal((await client.getFlag(session, "theme", { defaultValue: "dark" })).value, "light");
      fake.injectFault({ match: "/v1/flag", kind: "status", status: 503, times: 3 });
      assert.deepEqual(await client.getFlag(session, "theme", { defaultValue: "dark" }), {
        name: "theme",
        value: "dark",
        condition_changed: false,
      });
      fake.injectFault({ match: "/v1/flag", kind: "delay", ms: 1_000 });
      const slow = await client.getFlag(session, "theme", { defaultValue: "dark", timeoutMs: 20 });
      assert.equal(slow.value, "dark");
    }, flags));

  it("getFlag() with a default still rejects on a 4xx and on the caller's abort", () =>
    withFake(async (fake, client) => {
      const session = await client.authenticate(identityId());
      fake.injectFault({ match: "/v1/flag", kind: "status", status: 403 });
      await assert.rejects(client.getFlag(session, "theme", { defaultValue: "dark" }), isSatoriError(403, 7));
      const reason = new Error("user navigated away");
      const controller = new AbortController();
      fake.injectFault({ match: "/v1/flag", kind: "delay", ms: 1_000 });
      const call = client.getFlag(session, "theme", { defaultValue: "dark", signal: controller.signal });
      controller.abort(reason);
      await assert.rejects(call, (error: unknown) => error === reason);
    }, flags));

  it("getFlagDefault() works without a session, with and without a default value", () =>
    withFake(async (fake, client) => {
      assert.equal((await client.getFlagDefault("max_lives")).value, "3");
      assert.equal((await client.getFlagDefault("missing", { defaultValue: "x" })).value, "x");
      await assert.rejects(client.getFlagDefault("missing"), (e: unknown) => isNakamaError(e));
      assert.ok(fake.requestsTo("GET", "/v1/flag").every((r) => r.auth === "basic"));
      assert.deepEqual(fake.requestsTo("GET", "/v1/flag")[0].query, { names: "max_lives" });
    }, flags));

  it("getFlagOverrides() lists each flag with the overrides that apply to the identity", () =>
    withFake(async (fake, client) => {
      const plain = await client.authenticate(identityId());
      const vip = await client.authenticate(identityId(), { customProperties: { vip: "true" } });
      assert.deepEqual((await client.getFlagOverrides(plain, { names: ["max_lives"] })).flags, [
        { flag_name: "max_lives", labels: ["economy"] },
      ]);
      assert.deepEqual((await client.getFlagOverrides(vip)).flags?.[0], {
        flag_name: "max_lives",
        labels: ["economy"],
        overrides: [{ name: "vip_lives", type: 1, value: "9", variant_name: "nine", create_time_sec: "1767225600" }],
      });
      assert.ok(fake.requestsTo("GET", "/v1/flag/override").every((r) => r.auth === "bearer"));
    }, flags));
});

describe("SatoriClient live events", () => {
  const now = Math.floor(Date.now() / 1000);
  const liveEvents = [
    { id: "double_xp", name: "Double XP", value: "2", labels: ["xp"], startTimeSec: now - 60, durationSec: 3600 },
    { id: "tourney/ü 1", name: "Tournament", startTimeSec: now - 60, endTimeSec: now + 86_400, explicitJoin: true },
    { id: "later", name: "Later", startTimeSec: now + 86_400, endTimeSec: now + 2 * 86_400 },
  ];

  it("getLiveEvents() lists events and those waiting for a join, with every query parameter", () =>
    withFake(async (fake, client) => {
      const session = await client.authenticate(identityId());
      const list = await client.getLiveEvents(session, {
        pastRunCount: 1,
        futureRunCount: 2,
        startTimeSec: now - 10,
        endTimeSec: now + 10,
      });
      assert.deepEqual(list.live_events?.map((e) => e.id), ["double_xp"]);
      assert.deepEqual(list.explicit_join_live_events?.map((e) => e.id), ["tourney/ü 1"]);
      assert.deepEqual(list.live_events?.[0], {
        id: "double_xp",
        name: "Double XP",
        value: "2",
        labels: ["xp"],
        start_time_sec: String(now - 60),
        active_start_time_sec: String(now - 60),
        active_end_time_sec: String(now - 60 + 3600),
        duration_sec: "3600",
        status: 1,
      });
      assert.deepEqual(fake.requestsTo("GET", "/v1/live-event")[0].query, {
        past_run_count: "1",
        future_run_count: "2",
        start_time_sec: String(now - 10),
        end_time_sec: String(now + 10),
      });
      const upcoming = await client.getLiveEvents(session, { names: ["Later"] });
      assert.deepEqual(upcoming.live_events?.map((e) => [e.id, e.status]), [["later", 2]]);
    }, { liveEvents }));

  it("joinLiveEvent() encodes the id as one path segment and moves the event to live_events", () =>
    withFake(async (fake, client) => {
      const session = await client.authenticate(identityId());
      await client.joinLiveEvent(session, "tourney/ü 1");
      const [request] = fake.requests.filter((r) => r.method === "POST" && r.path.startsWith("/v1/live-event/"));
      assert.equal(request.path, "/v1/live-event/tourney%2F%C3%BC%201/participation");
      assert.equal(request.body, undefined);
      const list = await client.getLiveEvents(session);
      assert.deepEqual(list.live_events?.map((e) => e.id), ["double_xp", "tourney/ü 1", "later"]);
      assert.equal(list.explicit_join_live_events, undefined);
      await assert.rejects(client.joinLiveEvent(session, "no-such-event"), isSatoriError(404, 5));
    }, { liveEvents }));
});

describe("SatoriClient messages", () => {
  it("getMessageList() pages with cursors, in both directions, and filters by id", () =>
    withFake(async (fake, client) => {
      const id = identityId();
      const session = await client.authenticate(id);
      const sent = ["one", "two", "three", "four", "five"].map((title) =>
        fake.state.sendMessage(id, { title, metadata: { kind: "" } })
      );
      const titles: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await client.getMessageList(session, { limit: 2, cursor });
        titles.push(...(page.messages ?? []).map((m) => m.title!));
        cursor = page.next_cursor;
        pages++;
      } while (cursor);
      assert.deepEqual(titles, ["one", "two", "three", "four", "five"]);
      assert.equal(pages, 3);
      const backwards = await client.getMessageList(session, { forward: false, limit: 2 });
      assert.deepEqual(backwards.messages?.map((m) => m.title), ["five", "four"]);
      const picked = await client.getMessageList(session, { messageIds: [sent[1].id, sent[3].id] });
      assert.deepEqual(picked.messages?.map((m) => m.title), ["two", "four"]);
      assert.deepEqual(picked.messages?.[0].metadata, { kind: "" });
      const queries = fake.requestsTo("GET", "/v1/message").map((r) => r.query);
      assert.deepEqual(queries[0], { limit: "2", forward: "true" });
      assert.deepEqual(queries.at(-1), { limit: "100", forward: "true", message_ids: [sent[1].id, sent[3].id] });
      await assert.rejects(
        async () => await client.getMessageList(session, { limit: 0 }),
        isArgumentError("options.limit"),
      );
    }));

  it("updateMessage() sets read and consume times; deleteMessage() removes the message", () =>
    withFake(async (fake, client) => {
      const id = identityId();
      const session = await client.authenticate(id);
      const message = fake.state.sendMessage(id, { id: "welcome/1", title: "Welcome" });
      await client.updateMessage(session, "welcome/1", { readTime: 1_767_225_600, consumeTime: "1767225601" });
      assert.deepEqual(fake.requestsTo("PUT", "/v1/message/welcome%2F1")[0].body, {
        read_time: "1767225600",
        consume_time: "1767225601",
      });
      assert.equal(message.read_time, "1767225600");
      const [listed] = (await client.getMessageList(session)).messages!;
      assert.equal(listed.consume_time, "1767225601");
      await client.deleteMessage(session, "welcome/1");
      assert.equal((await client.getMessageList(session)).messages, undefined);
      await assert.rejects(client.deleteMessage(session, "welcome/1"), isSatoriError(404, 5));
      await assert.rejects(client.updateMessage(session, "nope", { readTime: 1 }), isSatoriError(404, 5));
    }));
});

describe("SatoriClient transport", () => {
  it("healthcheck() and readycheck() answer without credentials", () =>
    withFake(async (fake, client) => {
      await client.healthcheck();
      await client.readycheck();
      assert.deepEqual(fake.requests.map((r) => [r.path, r.auth]), [["/healthcheck", "none"], ["/readycheck", "none"]]);
    }));

  it("retries a 5xx burst with the client's retry configuration, then succeeds", () =>
    withFake(async (fake, client) => {
      const session = await client.authenticate(identityId());
      const seen: number[] = [];
      fake.injectFault({ match: "/v1/properties", kind: "status", status: 502, times: 2 });
      const retry = { ...FAST_RETRY, listener: ({ attempt }: { attempt: number }) => seen.push(attempt) };
      await client.listProperties(session, { retry });
      assert.deepEqual(seen, [1, 2]);
      assert.equal(fake.requestsTo("GET", "/v1/properties").length, 3);
      fake.injectFault({ match: "/v1/properties", kind: "status", status: 500, times: 3 });
      await assert.rejects(client.listProperties(session), isSatoriError(500, 13));
    }));

  it("maps a dropped connection, a timeout and an HTML page to typed errors", () =>
    withFake(async (fake, client) => {
      const session = await client.authenticate(identityId());
      // More resets than attempts: Bun's fetch may itself re-send a request whose reused connection was reset.
      fake.injectFault({ match: "/v1/properties", kind: "reset", times: 10 });
      await assert.rejects(client.listProperties(session), (e: unknown) => e instanceof NetworkError);
      fake.clearFaults();
      fake.injectFault({ match: "/v1/properties", kind: "delay", ms: 1_000 });
      await assert.rejects(client.listProperties(session, { timeoutMs: 20 }), (error: unknown) => {
        assert.ok(error instanceof TimeoutError);
        assert.equal(error.service, "satori");
        return true;
      });
      fake.injectFault({ match: "/v1/properties", kind: "html", status: 404 });
      await assert.rejects(client.listProperties(session), isSatoriError(404));
    }));

  it("uses the injected fetch and logger; no token or key appears in a log line or an error", async () => {
    const lines: string[] = [];
    const log = (message: string, ...data: unknown[]) => lines.push([message, ...data.map(String)].join(" "));
    let fetches = 0;
    await withFake(
      async (fake, client) => {
        const session = await client.authenticate(identityId());
        await client.sessionRefresh(session);
        fake.injectFault({ match: "/v1/properties", kind: "status", status: 503 });
        await client.listProperties(session);
        fake.injectFault({ match: "/v1/properties", kind: "html", status: 200 });
        const error = await client.listProperties(session).catch((e) => e);
        assert.ok(error instanceof InvalidResponseError);
        assert.ok(fetches >= 5);
        assert.ok(lines.some((line) => line.includes("retry 1")));
        for (const text of [...lines, error.message]) {
          assert.equal(text.includes(session.token), false);
          assert.equal(text.includes(session.refreshToken), false);
          assert.equal(text.includes("secret-api-key"), false);
        }
      },
      { apiKey: "secret-api-key" },
      {
        apiKey: "secret-api-key",
        logger: { debug: log, info: log, warn: log, error: log },
        fetch: (input, init) => {
          fetches++;
          return fetch(input, init);
        },
      },
    );
  });
});
