/**
 * Parties with two and three players: open and closed parties, join requests, accept/remove, promotion, data,
 * leaving and closing, REST listing, and Nakama 3.18's refusals.
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { ConnectionClosedError, decodeText, NakamaError } from "../mod.ts";
import { FakeNakama } from "./support/fake_nakama/mod.ts";
import { closeAll, nextEvent, players, record } from "./support/websocket.ts";

let fake: FakeNakama;
before(async () => {
  fake = await FakeNakama.start();
});
after(() => fake.close());

function refused(message: string) {
  return (error: unknown) => {
    assert.ok(error instanceof NakamaError);
    assert.equal(error.grpcCode, 3);
    assert.equal((error.data as { message: string }).message, message);
    return true;
  };
}

describe("Socket open parties", () => {
  it("three players: create, join, data, promote, remove, leave and close", async () => {
    const [alice, bob, carol] = await players(fake, 3);
    const party = await alice.socket.createParty(true, 4);
    assert.match(party.party_id, /\.nakama-rig$/);
    assert.equal(party.open, true);
    assert.equal(party.max_size, 4);
    assert.equal(party.leader.user_id, alice.userId);
    assert.deepEqual(party.presences?.map((p) => p.user_id), [alice.userId]);

    const bobParty = nextEvent(bob.socket, "party");
    const aliceSeesBob = nextEvent(alice.socket, "partyPresence", (e) => e.joins?.[0]?.user_id === bob.userId);
    await bob.socket.joinParty(party.party_id);
    const joined = await bobParty;
    assert.equal(joined.self.user_id, bob.userId);
    assert.deepEqual(joined.presences?.map((p) => p.user_id), [alice.userId, bob.userId]);
    await aliceSeesBob;

    const carolParty = nextEvent(carol.socket, "party");
    await carol.socket.joinParty(party.party_id);
    const carolSelf = (await carolParty).self;
    await assert.rejects(carol.socket.joinParty(party.party_id), /already member/);

    // Data reaches the others, with the sender; the sender's own copy never comes.
    const aliceData = record(alice.socket, "partyData");
    const toBob = nextEvent(bob.socket, "partyData");
    const toCarol = nextEvent(carol.socket, "partyData");
    const bytes = Uint8Array.from({ length: 64 }, (_, i) => i);
    await alice.socket.sendPartyData(party.party_id, 1, bytes);
    for (const data of await Promise.all([toBob, toCarol])) {
      assert.equal(data.presence.user_id, alice.userId);
      assert.equal(data.op_code, "1");
      assert.deepEqual([...data.data], [...bytes]);
    }
    const textToAlice = nextEvent(alice.socket, "partyData");
    await bob.socket.sendPartyData(party.party_id, 2n, "hi party ✓");
    assert.equal(decodeText((await textToAlice).data), "hi party ✓");
    assert.ok(aliceData.events.every((d) => d.presence.user_id !== alice.userId));
    aliceData.stop();

    await assert.rejects(
      alice.socket.acceptPartyMember(party.party_id, carolSelf),
      refused(
        "Error accepting party join request: party join request not found",
      ),
    );

    const leaders = [alice, bob, carol].map((p) => nextEvent(p.socket, "partyLeader"));
    await alice.socket.promotePartyMember(party.party_id, joined.self);
    for (const leader of await Promise.all(leaders)) assert.equal(leader.presence.user_id, bob.userId);
    await assert.rejects(
      alice.socket.promotePartyMember(party.party_id, carolSelf),
      refused("Error promoting new party leader: party leader only"),
    );
    await assert.rejects(
      alice.socket.removePartyMember(party.party_id, carolSelf),
      refused("Error removing party member or join request: party leader only"),
    );
    await assert.rejects(
      bob.socket.removePartyMember(party.party_id, joined.self),
      refused("Error removing party member or join request: party cannot remove self"),
    );

    const carolRemoved = nextEvent(carol.socket, "partyClose");
    const carolLeaves = nextEvent(alice.socket, "partyPresence", (e) => e.leaves?.[0]?.user_id === carol.userId);
    await bob.socket.removePartyMember(party.party_id, carolSelf);
    assert.equal((await carolRemoved).party_id, party.party_id);
    await carolLeaves;

    const aliceLeaves = nextEvent(bob.socket, "partyPresence", (e) => e.leaves?.[0]?.user_id === alice.userId);
    await alice.socket.leaveParty(party.party_id);
    await aliceLeaves;

    const closed = nextEvent(bob.socket, "partyClose");
    await bob.socket.closeParty(party.party_id);
    assert.equal((await closed).party_id, party.party_id);
    await assert.rejects(
      bob.socket.sendPartyData(party.party_id, 1, "late"),
      refused("Error sending party data: party not found"),
    );
    await bob.socket.leaveParty(party.party_id);
    await assert.rejects(alice.socket.joinParty(party.party_id), refused("Error joining party: party not found"));
    await assert.rejects(alice.socket.joinParty("not-a-party"), refused("Invalid party ID"));
    await closeAll(alice, bob, carol);
  });

  it("a leader who leaves hands the party to the next member", async () => {
    const [alice, bob] = await players(fake, 2);
    const party = await alice.socket.createParty(true, 2);
    const joined = nextEvent(bob.socket, "party");
    await bob.socket.joinParty(party.party_id);
    await joined;
    const leader = nextEvent(bob.socket, "partyLeader");
    await alice.socket.leaveParty(party.party_id);
    assert.equal((await leader).presence.user_id, bob.userId);
    await assert.rejects(alice.socket.joinParty("00000000-0000-4000-8000-000000000000.nakama-rig"), /party not found/);
    await closeAll(alice, bob);
  });

  it("createParty() with a label and hidden, listed over REST while open", async () => {
    const [alice] = await players(fake, 1);
    const party = await alice.socket.createParty(true, 0, { label: '{"mode":"duo"}' });
    assert.equal(party.max_size, undefined, "max_size 0 is accepted and omitted");
    assert.equal(party.label, '{"mode":"duo"}');
    const listed = await alice.client.listParties(alice.session, { limit: 100 });
    assert.ok(listed.parties?.some((p) => p.party_id === party.party_id));
    assert.throws(() => alice.socket.createParty("yes" as unknown as boolean, 4), /"open"/);
    assert.throws(() => alice.socket.createParty(true, -1), /"maxSize"/);
    await alice.socket.close();
  });
});

describe("Socket closed parties", () => {
  it("join requests reach the leader, who lists, accepts and rejects them", async () => {
    const [alice, bob, carol] = await players(fake, 3);
    const party = await alice.socket.createParty(false, 3);
    assert.equal(party.open, undefined);

    const request = nextEvent(alice.socket, "partyJoinRequest");
    await bob.socket.joinParty(party.party_id);
    assert.deepEqual((await request).presences?.map((p) => p.user_id), [bob.userId]);
    const second = nextEvent(alice.socket, "partyJoinRequest");
    await bob.socket.joinParty(party.party_id);
    await second;
    const carolRequest = nextEvent(alice.socket, "partyJoinRequest");
    await carol.socket.joinParty(party.party_id);
    await carolRequest;

    const list = await alice.socket.listPartyJoinRequests(party.party_id);
    assert.deepEqual(list.presences?.map((p) => p.user_id), [bob.userId, bob.userId, carol.userId]);
    await assert.rejects(
      bob.socket.listPartyJoinRequests(party.party_id),
      refused("Error listing party join requests: party leader only"),
    );

    const bobAdmitted = nextEvent(bob.socket, "party");
    const bobPresence = list.presences![0];
    await alice.socket.acceptPartyMember(party.party_id, bobPresence);
    assert.deepEqual((await bobAdmitted).presences?.map((p) => p.user_id), [alice.userId, bob.userId]);

    const carolEvents = record(carol.socket, "party");
    await alice.socket.removePartyMember(party.party_id, list.presences![2]);
    const empty = await alice.socket.listPartyJoinRequests(party.party_id);
    assert.deepEqual(empty, { party_id: party.party_id });
    assert.deepEqual(carolEvents.events, [], "a rejected requester is not told");
    carolEvents.stop();

    const closes = [alice, bob].map((p) => nextEvent(p.socket, "partyClose"));
    await alice.socket.closeParty(party.party_id);
    await Promise.all(closes);
    await closeAll(alice, bob, carol);
  });
});

describe("Socket.updateParty()", () => {
  it("on a 3.18 server the unknown message closes the connection and the call rejects at once", async () => {
    const [alice] = await players(fake, 1);
    const party = await alice.socket.createParty(true, 4);
    const disconnected = nextEvent(alice.socket, "disconnect");
    await assert.rejects(alice.socket.updateParty(party.party_id, false), ConnectionClosedError);
    const event = await disconnected;
    assert.equal(event.byApp, false);
    // Nakama's close frame has no status (1005). Bun.serve cannot send an empty close frame, so there it is 1000.
    assert.equal(event.code, "Bun" in globalThis ? 1000 : 1005);
    assert.equal(event.reason, "");
    assert.equal(alice.socket.state, "closed");
    await alice.socket.close();
  });
});
