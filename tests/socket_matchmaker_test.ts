/**
 * The matchmaker with two and three players: tickets, matching by query and count, joining the result by token,
 * cancelling, the server's count checks, and party tickets.
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type MatchmakerMatched, NakamaError } from "../mod.ts";
import { FakeNakama } from "./support/fake_nakama/mod.ts";
import { closeAll, nextEvent, players, record, serverForgets } from "./support/websocket.ts";

let fake: FakeNakama;
before(async () => {
  fake = await FakeNakama.start();
});
after(() => fake.close());

let modes = 0;
const uniqueMode = () => `mode${++modes}x${Math.random().toString(36).slice(2, 8)}`;

describe("Socket.addMatchmaker()", () => {
  it("two players with matching properties are matched and meet in one match through the token", async () => {
    const [alice, bob] = await players(fake, 2);
    const mode = uniqueMode();
    const aliceMatched = nextEvent(alice.socket, "matchmakerMatched");
    const bobMatched = nextEvent(bob.socket, "matchmakerMatched");
    const aliceTicket = await alice.socket.addMatchmaker(`+properties.mode:${mode} +properties.skill:>=10`, 2, 2, {
      stringProperties: { mode, region: "eu" },
      numericProperties: { skill: 50 },
    });
    const bobTicket = await bob.socket.addMatchmaker(`+properties.mode:${mode}`, 2, 2, {
      stringProperties: { mode, region: "us" },
      numericProperties: { skill: 20.5 },
    });
    const [a, b] = await Promise.all([aliceMatched, bobMatched]);
    assert.equal(a.ticket, aliceTicket.ticket);
    assert.equal(b.ticket, bobTicket.ticket);
    assert.ok(a.token);
    assert.equal(a.token, b.token);
    assert.equal(a.match_id, undefined);
    assert.deepEqual(a.users?.map((u) => u.presence.user_id).sort(), [alice.userId, bob.userId].sort());
    assert.equal(a.self.presence.user_id, alice.userId);
    assert.deepEqual(a.self.string_properties, { mode, region: "eu" });
    assert.deepEqual(b.self.numeric_properties, { skill: 20.5 });

    const first = await alice.socket.joinMatch(a);
    assert.equal(first.size, undefined, "the first joiner by token finds an empty match");
    const second = await bob.socket.joinMatch({ token: b.token });
    assert.equal(second.match_id, first.match_id);
    assert.deepEqual(second.presences?.map((p) => p.user_id), [alice.userId]);
    await closeAll(alice, bob);
  });

  it("a query that does not match keeps both waiting; removeMatchmaker() cancels", async () => {
    const [alice, bob] = await players(fake, 2);
    const mode = uniqueMode();
    const matched = record(alice.socket, "matchmakerMatched");
    const ticket = await alice.socket.addMatchmaker(`+properties.mode:${mode} +properties.skill:>=100`, 2, 2, {
      stringProperties: { mode },
      numericProperties: { skill: 5 },
    });
    const bobTicket = await bob.socket.addMatchmaker(`+properties.mode:${mode}`, 2, 2, {
      stringProperties: { mode },
      numericProperties: { skill: 50 },
    });
    await alice.socket.ping();
    assert.deepEqual(matched.events, []);
    await alice.socket.removeMatchmaker(ticket.ticket);
    await bob.socket.removeMatchmaker(bobTicket.ticket);
    await assert.rejects(alice.socket.removeMatchmaker(ticket.ticket), (error: unknown) => {
      assert.ok(error instanceof NakamaError);
      assert.deepEqual(error.data, { code: 3, message: "Matchmaker ticket not found" });
      return true;
    });
    matched.stop();
    await closeAll(alice, bob);
  });

  it("three players wait for the minimum count, then all three are matched together", async () => {
    const [alice, bob, carol] = await players(fake, 3);
    const mode = uniqueMode();
    const query = `+properties.mode:${mode}`;
    const options = { stringProperties: { mode } };
    const events = [alice, bob, carol].map((p) => record(p.socket, "matchmakerMatched"));
    await alice.socket.addMatchmaker(query, 3, 4, options);
    await bob.socket.addMatchmaker(query, 3, 4, options);
    await alice.socket.ping();
    assert.deepEqual(events.map((e) => e.events.length), [0, 0, 0]);
    const all = [alice, bob, carol].map((p) => nextEvent(p.socket, "matchmakerMatched"));
    await carol.socket.addMatchmaker(query, 3, 4, options);
    const results: MatchmakerMatched[] = await Promise.all(all);
    assert.equal(new Set(results.map((r) => r.token)).size, 1);
    for (const result of results) assert.equal(result.users?.length, 3);
    const matches = await Promise.all([alice, bob, carol].map((p, i) => p.socket.joinMatch(results[i])));
    assert.equal(new Set(matches.map((m) => m.match_id)).size, 1);
    for (const e of events) e.stop();
    await closeAll(alice, bob, carol);
  });

  it("refuses bad counts with the server's messages", async () => {
    const [alice] = await players(fake, 1);
    const cases: Array<[number, number, number | undefined, string]> = [
      [1, 2, undefined, "Invalid minimum count, must be >= 2"],
      [3, 2, undefined, "Invalid maximum count, must be >= minimum count"],
      [2, 4, 3, "Invalid count multiple for minimum count, must divide"],
    ];
    for (const [min, max, countMultiple, message] of cases) {
      await assert.rejects(alice.socket.addMatchmaker("*", min, max, { countMultiple }), (error: unknown) => {
        assert.ok(error instanceof NakamaError);
        assert.equal(error.message, `matchmaker_add: ${message} (BAD_INPUT)`);
        return true;
      });
    }
    assert.throws(() => alice.socket.addMatchmaker("*", 2.5, 4), /"minCount"/);
    const notStrings = { a: 1 } as unknown as Record<string, string>;
    assert.throws(
      () => alice.socket.addMatchmaker("*", 2, 4, { stringProperties: notStrings }),
      /"options.stringProperties.a"/,
    );
    await alice.socket.close();
  });

  it("tickets disappear with the socket that made them", async () => {
    const [alice, bob] = await players(fake, 2);
    const mode = uniqueMode();
    await alice.socket.addMatchmaker(`+properties.mode:${mode}`, 2, 2, { stringProperties: { mode } });
    await alice.socket.close();
    await serverForgets(fake, alice.userId);
    const matched = record(bob.socket, "matchmakerMatched");
    await bob.socket.addMatchmaker(`+properties.mode:${mode}`, 2, 2, { stringProperties: { mode } });
    await bob.socket.ping();
    assert.deepEqual(matched.events, []);
    matched.stop();
    await bob.socket.close();
  });
});

describe("Socket.addMatchmakerParty()", () => {
  it("the leader matchmakes the party; members get the ticket; a solo player completes the match", async () => {
    const [leader, member, solo] = await players(fake, 3);
    const mode = uniqueMode();
    const party = await leader.socket.createParty(true, 4);
    const joined = nextEvent(member.socket, "party");
    await member.socket.joinParty(party.party_id);
    await joined;

    await assert.rejects(member.socket.addMatchmakerParty(party.party_id, "*", 2, 2), /party leader only/);
    const memberTicket = nextEvent(member.socket, "partyMatchmakerTicket");
    const ticket = await leader.socket.addMatchmakerParty(party.party_id, `+properties.mode:${mode}`, 3, 3, {
      stringProperties: { mode },
      numericProperties: { rank: 3 },
    });
    assert.equal(ticket.party_id, party.party_id);
    assert.deepEqual(await memberTicket, ticket);

    const all = [leader, member, solo].map((p) => nextEvent(p.socket, "matchmakerMatched"));
    await solo.socket.addMatchmaker(`+properties.mode:${mode}`, 3, 3, { stringProperties: { mode } });
    const results = await Promise.all(all);
    assert.equal(results[0].ticket, ticket.ticket);
    assert.equal(results[1].ticket, ticket.ticket);
    assert.equal(results[0].self.party_id, party.party_id);
    assert.equal(results[2].self.party_id, undefined);
    assert.equal(results[2].users?.filter((u) => u.party_id === party.party_id).length, 2);
    await closeAll(leader, member, solo);
  });

  it("removeMatchmakerParty() cancels, and a second removal fails with 3.18's text", async () => {
    const [leader] = await players(fake, 1);
    const party = await leader.socket.createParty(true, 4);
    const ticket = await leader.socket.addMatchmakerParty(party.party_id, "+properties.mode:never", 3, 4);
    await leader.socket.removeMatchmakerParty(party.party_id, ticket.ticket);
    await assert.rejects(
      leader.socket.removeMatchmakerParty(party.party_id, ticket.ticket),
      /Error closing party: matchmaker ticket not found/,
    );
    await assert.rejects(leader.socket.addMatchmakerParty(party.party_id, "*", 1, 4), /Invalid minimum count/);
    await leader.socket.close();
  });
});
