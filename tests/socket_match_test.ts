/**
 * Matches over the socket with two and three players: relayed matches (binary and text data, targeted data, op
 * codes beyond 2^53), named matches, the authoritative echo match, presence events, REST listing, and the server's
 * refusals (including the cid-less error of a bad `match_data_send`).
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { decodeJson, decodeText, NakamaError } from "../mod.ts";
import { FakeNakama } from "./support/fake_nakama/mod.ts";
import { realtimeControl } from "./support/fake_nakama/realtime.ts";
import { closeAll, nextEvent, players, record } from "./support/websocket.ts";

let fake: FakeNakama;
before(async () => {
  fake = await FakeNakama.start();
});
after(() => fake.close());

/** The last `match_data_send` frame a user's sockets sent, as the server received it. */
// deno-lint-ignore no-explicit-any
function lastDataFrame(userId: string): Record<string, any> {
  const frames = realtimeControl(fake.state).received(userId).map((f) => JSON.parse(f));
  return frames.filter((f) => "match_data_send" in f).at(-1);
}

describe("Socket relayed matches", () => {
  it("createMatch() and joinMatch(): presences, sizes and presence events on both sides", async () => {
    const [alice, bob] = await players(fake, 2);
    const match = await alice.socket.createMatch();
    assert.match(match.match_id, /^[0-9a-f-]{36}\.$/);
    assert.equal(match.size, 1);
    assert.equal(match.authoritative, undefined);
    assert.equal(match.self.user_id, alice.userId);

    const bobArrives = nextEvent(alice.socket, "matchPresence", (e) => e.joins?.[0]?.user_id === bob.userId);
    const joined = await bob.socket.joinMatch(match.match_id, { metadata: { team: "red" } });
    assert.equal(joined.match_id, match.match_id);
    assert.equal(joined.size, 1, "size counts the presences other than the joiner");
    assert.deepEqual(joined.presences?.map((p) => p.session_id), [match.self.session_id]);
    assert.equal((await bobArrives).match_id, match.match_id);

    const listed = await alice.client.listMatches(alice.session, { limit: 10 });
    assert.equal(listed.matches?.find((m) => m.match_id === match.match_id)?.size, 2);

    const bobLeaves = nextEvent(alice.socket, "matchPresence", (e) => e.leaves?.[0]?.user_id === bob.userId);
    await bob.socket.leaveMatch(match.match_id);
    assert.equal((await bobLeaves).leaves?.[0].session_id, joined.self.session_id);
    await closeAll(alice, bob);
  });

  it("sendMatchState() delivers bytes (only the viewed ones), text and JSON to the others but not the sender", async () => {
    const [alice, bob] = await players(fake, 2);
    const match = await alice.socket.createMatch();
    await bob.socket.joinMatch(match.match_id);
    const aliceData = record(alice.socket, "matchData");

    const buffer = new Uint8Array(80);
    for (let i = 0; i < buffer.length; i++) buffer[i] = i;
    const view = buffer.subarray(8, 72);
    const binary = nextEvent(bob.socket, "matchData", (m) => m.op_code === "1");
    await alice.socket.sendMatchState(match.match_id, 1, view);
    const got = await binary;
    assert.ok(got.data instanceof Uint8Array);
    assert.deepEqual([...got.data], [...view]);
    assert.equal(got.presence?.user_id, alice.userId);
    assert.equal(got.reliable, undefined);
    assert.equal(lastDataFrame(alice.userId).cid, undefined, "match data is sent without a cid");

    const text = nextEvent(bob.socket, "matchData", (m) => m.op_code === "2");
    await alice.socket.sendMatchState(match.match_id, 2n, "héllo wörld ✓ 😀", { reliable: true });
    const textData = await text;
    assert.equal(decodeText(textData.data), "héllo wörld ✓ 😀");
    assert.equal(textData.reliable, true);

    const json = nextEvent(alice.socket, "matchData", (m) => m.op_code === "3");
    await bob.socket.sendMatchState(match.match_id, "3", JSON.stringify({ x: 1, y: 2 }));
    assert.deepEqual(decodeJson((await json).data), { x: 1, y: 2 });

    const empty = nextEvent(alice.socket, "matchData", (m) => m.op_code === "4");
    await bob.socket.sendMatchState(match.match_id, 4);
    assert.equal((await empty).data.length, 0);

    const buffered = nextEvent(alice.socket, "matchData", (m) => m.op_code === "5");
    await bob.socket.sendMatchState(match.match_id, 5, new Uint8Array([7, 8, 9]).buffer);
    assert.deepEqual([...(await buffered).data], [7, 8, 9]);

    assert.ok(aliceData.events.every((m) => m.presence?.user_id === bob.userId), "the sender never gets its own data");
    aliceData.stop();
    await closeAll(alice, bob);
  });

  it("op codes are int64: exact beyond 2^53 both ways, strings on the wire", async () => {
    const [alice, bob] = await players(fake, 2);
    const match = await alice.socket.createMatch();
    await bob.socket.joinMatch(match.match_id);
    const big = nextEvent(alice.socket, "matchData");
    await bob.socket.sendMatchState(match.match_id, 9007199254740993n, "big");
    assert.equal((await big).op_code, "9007199254740993");
    assert.equal(lastDataFrame(bob.userId).match_data_send.op_code, "9007199254740993");

    const max = nextEvent(alice.socket, "matchData");
    await bob.socket.sendMatchState(match.match_id, "-9223372036854775808", "min");
    assert.equal((await max).op_code, "-9223372036854775808");

    const zero = nextEvent(alice.socket, "matchData");
    await bob.socket.sendMatchState(match.match_id, 0, "zero");
    assert.equal((await zero).op_code, "0", 'the server omits a zero op code; it still reads as "0"');

    assert.throws(() => bob.socket.sendMatchState(match.match_id, 2 ** 53, "x"), TypeError);
    assert.throws(() => bob.socket.sendMatchState(match.match_id, 1.5, "x"), TypeError);
    assert.throws(() => bob.socket.sendMatchState(match.match_id, "0x10", "x"), TypeError);
    assert.throws(() => bob.socket.sendMatchState(match.match_id, 2n ** 63n, "x"), RangeError);
    // deno-lint-ignore no-explicit-any
    assert.throws(() => bob.socket.sendMatchState(match.match_id, 1, 42 as any), /"data"/);
    await closeAll(alice, bob);
  });

  it("three players: data sent with presences reaches only those sessions", async () => {
    const [alice, bob, carol] = await players(fake, 3);
    const match = await alice.socket.createMatch();
    const bobMatch = await bob.socket.joinMatch(match.match_id);
    await carol.socket.joinMatch(match.match_id);
    const carolData = record(carol.socket, "matchData");
    const toBob = nextEvent(bob.socket, "matchData", (m) => m.op_code === "7");
    await alice.socket.sendMatchState(match.match_id, 7, "for bob", { presences: [bobMatch.self] });
    assert.equal(decodeText((await toBob).data), "for bob");
    // Carol gets the broadcast that follows, and nothing before it.
    const toCarol = nextEvent(carol.socket, "matchData", (m) => m.op_code === "8");
    await alice.socket.sendMatchState(match.match_id, 8, "everyone");
    await toCarol;
    assert.deepEqual(carolData.events.map((m) => m.op_code), ["8"]);
    carolData.stop();
    await closeAll(alice, bob, carol);
  });

  it("a named match brings everyone who creates it together", async () => {
    const [alice, carol] = await players(fake, 2);
    const name = `named-${Math.random()}`;
    const first = await alice.socket.createMatch(name);
    assert.equal(first.size, 1);
    const second = await carol.socket.createMatch(name);
    assert.equal(second.match_id, first.match_id);
    assert.equal(second.size, 2, "a named create counts the joiner too");
    assert.deepEqual(second.presences?.map((p) => p.user_id), [alice.userId]);
    const again = await carol.socket.joinMatch(second.match_id);
    assert.deepEqual(again.presences?.map((p) => p.user_id).sort(), [alice.userId, carol.userId].sort());
    await closeAll(alice, carol);
  });

  it("refusals: a malformed id, a match that is not there, and no id at all", async () => {
    const [alice] = await players(fake, 1);
    await assert.rejects(alice.socket.joinMatch("not-a-match-id"), (error: unknown) => {
      assert.ok(error instanceof NakamaError);
      assert.equal(error.grpcCode, 3);
      assert.match(error.message, /^match_join: Invalid match ID \(BAD_INPUT\)$/);
      return true;
    });
    await assert.rejects(alice.socket.joinMatch("4b0a3c2e-7a0b-4b6e-9d35-6a0b0f6b1f11."), (error: unknown) => {
      assert.ok(error instanceof NakamaError);
      assert.equal(error.grpcStatus, "NOT_FOUND");
      assert.deepEqual(error.data, { code: 4, message: "Match not found" });
      return true;
    });
    await assert.rejects(alice.socket.joinMatch({ token: "garbage.token.value" }), /Invalid match token/);
    // deno-lint-ignore no-explicit-any
    assert.throws(() => alice.socket.joinMatch({} as any), /"target"/);
    await alice.socket.leaveMatch("4b0a3c2e-7a0b-4b6e-9d35-6a0b0f6b1f11.");
    await assert.rejects(alice.socket.leaveMatch("bad"), /Invalid match ID/);
    await alice.socket.close();
  });

  it("a bad match_data_send gets no reply; its error arrives as an error event without cid", async () => {
    const [alice] = await players(fake, 1);
    const error = nextEvent(alice.socket, "error");
    await alice.socket.sendMatchState("not-a-match-id", 1, "x");
    const event = await error;
    assert.ok(event instanceof NakamaError);
    assert.equal(event.cid, undefined);
    assert.equal(event.grpcCode, 3);
    assert.deepEqual(event.data, { code: 3, message: "Invalid match ID" });
    await alice.socket.close();
  });

  it("sendMatchState() rejects with ConnectionClosedError when not connected", async () => {
    const [alice] = await players(fake, 1, { connect: false });
    await assert.rejects(alice.socket.sendMatchState("m.", 1), { name: "ConnectionClosedError" });
    await alice.socket.close();
  });
});

describe("Socket authoritative matches", () => {
  it("test_match echoes every message to all presences with the sender attached", async () => {
    const [alice, bob, carol] = await players(fake, 3);
    const created = await alice.socket.rpc("create_authoritative_match", { label: '{"mode":"capture"}' });
    const { match_id: matchId } = JSON.parse(created.payload!);
    assert.match(matchId, /\.nakama-rig$/);
    const match = await alice.socket.joinMatch(matchId, { metadata: { password: "x" } });
    assert.equal(match.authoritative, true);
    assert.equal(match.label, '{"mode":"capture"}');
    await bob.socket.joinMatch(matchId);
    await carol.socket.joinMatch(matchId);

    const bytes = Uint8Array.from({ length: 64 }, (_, i) => 255 - i);
    const echoes = [alice, bob, carol].map((p) => nextEvent(p.socket, "matchData", (m) => m.op_code === "7"));
    await alice.socket.sendMatchState(matchId, 7, bytes);
    for (const echo of await Promise.all(echoes)) {
      assert.equal(echo.match_id, matchId);
      assert.equal(echo.presence?.user_id, alice.userId);
      assert.equal(echo.reliable, true);
      assert.deepEqual([...echo.data], [...bytes]);
    }

    const listed = await alice.client.listMatches(alice.session, { authoritative: true, limit: 100 });
    assert.ok(listed.matches?.some((m) => m.match_id === matchId));
    await closeAll(alice, bob, carol);
  });

  it('for await over stream("matchData") reads the echoes in order', async () => {
    const [alice] = await players(fake, 1);
    const { match_id: matchId } = JSON.parse((await alice.socket.rpc("create_authoritative_match")).payload!);
    await alice.socket.joinMatch(matchId);
    const seen: string[] = [];
    const loop = (async () => {
      for await (const m of alice.socket.stream("matchData")) {
        seen.push(decodeText(m.data));
        if (seen.length === 3) break;
      }
    })();
    for (const word of ["one", "two", "three"]) await alice.socket.sendMatchState(matchId, 1, word);
    await loop;
    assert.deepEqual(seen, ["one", "two", "three"]);
    await alice.socket.close();
  });
});

describe("decodeText() and decodeJson()", () => {
  it("decode UTF-8 and refuse invalid bytes", () => {
    assert.equal(decodeText(new TextEncoder().encode("ünï ✓")), "ünï ✓");
    assert.deepEqual(decodeJson(new TextEncoder().encode('{"a":[1]}')), { a: [1] });
    assert.throws(() => decodeText(new Uint8Array([0xff, 0xfe])), TypeError);
    assert.throws(() => decodeJson(new TextEncoder().encode("{")), SyntaxError);
    // deno-lint-ignore no-explicit-any
    assert.throws(() => decodeText("text" as any), /"data"/);
  });
});
