// REST match, matchmaker, party and event routes against the fake Nakama over loopback HTTP. Matches and parties
// are seeded through `fake.state` (the realtime side maintains them on a real server); ListMatches answers follow
// /work/shared/captures/nakama-3.18/rest/ListMatches.json and Event.json. ListParties and GetMatchmakerStats are
// routes of servers newer than 3.18 (which answers 404), modelled by the fake as in 3.40.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Client, type Session } from "../mod.ts";
import { type FakeMatchInfo, FakeNakama, type FakePartyInfo } from "./support/fake_nakama/mod.ts";
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

function seedMatch(fields: Partial<FakeMatchInfo> & { authoritative: boolean }): string {
  const match_id = fields.authoritative ? `${crypto.randomUUID()}.nakama-rig` : `${crypto.randomUUID()}.`;
  fake.state.matches.set(match_id, {
    match_id,
    label: "",
    size: 0,
    tick_rate: fields.authoritative ? 10 : 0,
    handler_name: fields.authoritative ? "test_match" : "",
    create_time: Date.now() - 5000,
    ...fields,
  });
  return match_id;
}

const ids = (page: { matches?: { match_id?: string }[] }) => (page.matches ?? []).map((m) => m.match_id).sort();

describe("Client.listMatches()", () => {
  it("filters by authoritative, exact label, query and size", async () => {
    fake.state.matches.clear();
    const alice = await newUser("matcher");
    const ctf = seedMatch({ authoritative: true, label: '{"mode":"ctf","skill":50,"region":"eu"}', size: 2 });
    const dm = seedMatch({ authoritative: true, label: '{"mode":"dm","skill":80,"region":"us"}', size: 1 });
    const plain = seedMatch({ authoritative: true, label: "plain-label" });
    const relayed = seedMatch({ authoritative: false, size: 2 });

    assert.deepEqual(ids(await client.listMatches(alice)), [ctf, dm, plain, relayed].sort());
    const authoritative = await client.listMatches(alice, { limit: 100, authoritative: true });
    assert.deepEqual(ids(authoritative), [ctf, dm, plain].sort());
    const query = lastRequest(fake, "GET", "/v2/match").query;
    assert.equal(query.get("limit"), "100");
    assert.equal(query.get("authoritative"), "true");

    // Relayed matches carry neither label nor tick rate.
    const onlyRelayed = await client.listMatches(alice, { limit: 100, authoritative: false });
    assert.deepEqual(onlyRelayed.matches, [{ match_id: relayed, size: 2 }]);

    const byLabel = await client.listMatches(alice, { authoritative: true, label: "plain-label", limit: 10 });
    assert.deepEqual(byLabel.matches, [
      { match_id: plain, authoritative: true, label: "plain-label", tick_rate: 10, handler_name: "test_match" },
    ]);
    const byQuery = await client.listMatches(alice, { authoritative: true, query: "+label.mode:dm", limit: 10 });
    assert.equal(lastRequest(fake, "GET", "/v2/match").query.get("query"), "+label.mode:dm");
    assert.deepEqual(ids(byQuery), [dm]);
    const skilled = await client.listMatches(alice, {
      authoritative: true,
      query: "+label.skill:>=40 +label.region:eu",
    });
    assert.deepEqual(ids(skilled), [ctf]);
    // label and query together: the query wins.
    assert.deepEqual(ids(await client.listMatches(alice, { label: "x", query: "+label.mode:dm" })), [dm]);

    const sized = await client.listMatches(alice, { limit: 100, minSize: 2, maxSize: 2 });
    const sizedQuery = lastRequest(fake, "GET", "/v2/match").query;
    assert.equal(sizedQuery.get("min_size"), "2");
    assert.equal(sizedQuery.get("max_size"), "2");
    assert.deepEqual(ids(sized), [ctf, relayed].sort());
    assert.deepEqual(await client.listMatches(alice, { authoritative: true, label: "nothing", limit: 10 }), {});
  });

  it("finds a match created by the capture server's RPC", async () => {
    const alice = await newUser("creator");
    const label = JSON.stringify({ tag: unique("t") });
    const reply = await client.rpc(alice, "create_authoritative_match", { label });
    const { match_id } = JSON.parse(reply.payload ?? "{}") as { match_id?: string };
    assert.match(match_id ?? "", /^[0-9a-f-]{36}\.nakama-rig$/);
    const found = await client.listMatches(alice, { authoritative: true, label, limit: 10 });
    assert.deepEqual(found.matches?.map((m) => [m.match_id, m.label, m.handler_name, m.tick_rate]), [
      [match_id, label, "test_match", 10],
    ]);
  });

  it("a bad limit or size range is 400", async () => {
    const alice = await newUser("bad-matcher");
    await assert.rejects(
      client.listMatches(alice, { limit: 1000 }),
      serverError(400, 3, "Invalid limit - limit must be between 1 and 100."),
    );
    await assert.rejects(
      client.listMatches(alice, { minSize: 5, maxSize: 2 }),
      serverError(400, 3, "Maximum size must be greater than or equal to minimum size when both are specified."),
    );
  });
});

describe("Client.getMatchmakerStats() (servers newer than 3.18)", () => {
  it("returns the server's stats as they are", async () => {
    const alice = await newUser("stats");
    assert.deepEqual(await client.getMatchmakerStats(alice), {});
    const stats = {
      ticket_count: 2,
      oldest_ticket_create_time: "2026-11-24T04:56:54Z",
      completions: [{ create_time: "2026-11-24T04:56:00Z", complete_time: "2026-11-24T04:56:15Z" }],
    };
    const previous = fake.state.matchmakerStats;
    fake.state.matchmakerStats = () => stats;
    try {
      assert.deepEqual(await client.getMatchmakerStats(alice), stats);
    } finally {
      fake.state.matchmakerStats = previous;
    }
    assert.equal(lastRequest(fake, "GET", "/v2/matchmaker/stats").rawUrl, "/v2/matchmaker/stats");
  });
});

describe("Client.listParties() (servers newer than 3.18)", () => {
  it("lists visible parties, filtered by open and query, paged with a cursor", async () => {
    fake.state.parties.clear();
    const alice = await newUser("party");
    const party = (fields: Partial<FakePartyInfo>): string => {
      const party_id = `${crypto.randomUUID()}.nakama-rig`;
      fake.state.parties.set(party_id, { party_id, open: true, hidden: false, max_size: 4, label: "", ...fields });
      return party_id;
    };
    const duo = party({ label: '{"mode":"duo"}', max_size: 2 });
    const squad = party({ label: '{"mode":"squad"}' });
    const closed = party({ open: false, label: '{"mode":"duo"}' });
    party({ hidden: true, label: '{"mode":"duo"}' });

    const all = await client.listParties(alice, { limit: 10 });
    assert.deepEqual(all.parties?.map((p) => p.party_id).sort(), [duo, squad, closed].sort());
    const open = await client.listParties(alice, { open: true, limit: 10 });
    assert.equal(lastRequest(fake, "GET", "/v2/party").query.get("open"), "true");
    assert.deepEqual(open.parties?.map((p) => p.party_id).sort(), [duo, squad].sort());
    const duos = await client.listParties(alice, { query: "+label.mode:duo", limit: 10 });
    assert.deepEqual(duos.parties?.map((p) => p.party_id).sort(), [duo, closed].sort());
    assert.deepEqual(duos.parties?.find((p) => p.party_id === duo), {
      party_id: duo,
      open: true,
      max_size: 2,
      label: '{"mode":"duo"}',
    });

    const first = await client.listParties(alice, { limit: 2 });
    assert.ok(first.cursor);
    const second = await client.listParties(alice, { limit: 2, cursor: first.cursor });
    assert.equal(lastRequest(fake, "GET", "/v2/party").query.get("cursor"), first.cursor);
    assert.deepEqual(
      [...first.parties!, ...second.parties!].map((p) => p.party_id).sort(),
      [duo, squad, closed].sort(),
    );
  });
});

describe("Client.emitEvent()", () => {
  it("sends the name, string properties, timestamp and external flag", async () => {
    const alice = await newUser("events");
    const name = unique("level_complete");
    const timestamp = new Date("2026-11-24T04:56:54.000Z");
    assert.equal(
      await client.emitEvent(alice, name, { level: "3", time: "42" }, { timestamp, external: true }),
      undefined,
    );
    assert.deepEqual(JSON.parse(lastRequest(fake, "POST", "/v2/event").body), {
      name,
      properties: { level: "3", time: "42" },
      timestamp: "2026-11-24T04:56:54.000Z",
      external: true,
    });
    const event = fake.state.events.find((e) => e.name === name);
    assert.deepEqual(event && [event.user_id, event.properties, event.timestamp], [
      alice.userId,
      { level: "3", time: "42" },
      "2026-11-24T04:56:54.000Z",
    ]);

    const ping = unique("ping");
    await client.emitEvent(alice, ping);
    assert.deepEqual(JSON.parse(lastRequest(fake, "POST", "/v2/event").body), { name: ping });
    assert.ok(fake.state.events.some((e) => e.name === ping && e.user_id === alice.userId));
    assert.throws(() => client.emitEvent(alice, "bad", { level: 3 } as unknown as Record<string, string>), TypeError);
  });
});
