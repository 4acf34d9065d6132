/**
 * Custom streams with two players: server code (the `clientrpc.send_stream_data` RPC) puts each caller's socket on
 * a stream and sends data on it; members see each other join and leave.
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { FakeNakama } from "./support/fake_nakama/mod.ts";
import { closeAll, nextEvent, players } from "./support/websocket.ts";

let fake: FakeNakama;
before(async () => {
  fake = await FakeNakama.start();
});
after(() => fake.close());

const STREAM = { mode: 20, label: "Stream Data Test" };

describe("Socket streams", () => {
  it("stream data from an RPC reaches every member as plain text; joins and leaves are announced", async () => {
    const [alice, bob] = await players(fake, 2);
    const aliceJoins = nextEvent(alice.socket, "streamPresence", (e) => e.joins?.[0]?.user_id === alice.userId);
    const aliceData = nextEvent(alice.socket, "streamData", (d) => d.data === "hello stream ✓");
    const reply = await alice.socket.rpc("clientrpc.send_stream_data", "hello stream ✓");
    assert.deepEqual(reply, { id: "clientrpc.send_stream_data" });
    const own = await aliceJoins;
    assert.deepEqual(own.stream, STREAM);
    const first = await aliceData;
    // Exactly these fields: data sent by server code has no sender.
    assert.deepEqual(first, { stream: STREAM, data: "hello stream ✓", reliable: true });

    const bobSeen = nextEvent(alice.socket, "streamPresence", (e) => e.joins?.[0]?.user_id === bob.userId);
    const toAlice = nextEvent(alice.socket, "streamData", (d) => d.data === '{"from":"B"}');
    const toBob = nextEvent(bob.socket, "streamData", (d) => d.data === '{"from":"B"}');
    await bob.socket.rpc("clientrpc.send_stream_data", { from: "B" });
    await Promise.all([bobSeen, toAlice, toBob]);

    const aliceLeaves = nextEvent(bob.socket, "streamPresence", (e) => e.leaves?.[0]?.user_id === alice.userId);
    await alice.socket.close();
    await aliceLeaves;
    await closeAll(alice, bob);
  });
});
