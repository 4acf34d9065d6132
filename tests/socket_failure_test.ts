/**
 * Failure handling: drops, server closes, timeouts, aborts, the heartbeat, frames that cannot be decoded, late
 * replies, and errors whose stack points at the call that made the request.
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { ConnectionClosedError, InvalidResponseError, NakamaError, TimeoutError } from "../mod.ts";
import { FakeNakama } from "./support/fake_nakama/mod.ts";
import { realtimeControl } from "./support/fake_nakama/realtime.ts";
import { closeAll, nextEvent, type Player, players } from "./support/websocket.ts";

let fake: FakeNakama;
before(async () => {
  fake = await FakeNakama.start();
});
after(() => fake.close());

/** An RPC that answers only when the test says so. */
function heldRpc(id: string): { release(payload?: string): void; called: Promise<void> } {
  let release!: (payload?: string) => void;
  let markCalled!: () => void;
  const answer = new Promise<string | undefined>((resolve) => release = resolve);
  const called = new Promise<void>((resolve) => markCalled = resolve);
  fake.registerRpc(id, () => {
    markCalled();
    return answer.then((payload) => payload ?? "late");
  });
  return { release, called };
}

const serverSocket = (player: Player) => realtimeControl(fake.state).sessions(player.userId)[0].socket;

describe("Socket failures: the connection goes away", () => {
  it("pending requests reject at once with ConnectionClosedError when the socket drops without a close frame", async () => {
    const [alice] = await players(fake, 1);
    const held = heldRpc("held_drop");
    const pending = alice.socket.rpc("held_drop");
    await held.called;
    const disconnected = nextEvent(alice.socket, "disconnect");
    realtimeControl(fake.state).drop(alice.userId);
    await assert.rejects(pending, (error: unknown) => {
      assert.ok(error instanceof ConnectionClosedError);
      assert.equal(error.name, "ConnectionClosedError");
      assert.equal(error.code, "NAKAMA_CONNECTION_CLOSED");
      assert.match(error.cid ?? "", /^\d+$/);
      assert.match(error.message, /^rpc: the connection closed \(code \d+/);
      assert.match(String(error.stack), /socket_failure_test/, "the stack shows the call that made the request");
      return true;
    });
    const event = await disconnected;
    assert.equal(event.byApp, false);
    assert.notEqual(event.code, 1000);
    assert.equal(alice.socket.state, "closed");
    await assert.rejects(alice.socket.ping(), ConnectionClosedError);
    held.release();
    await alice.socket.close();
  });

  it("a server close with a code and reason reaches disconnect and the pending requests", async () => {
    const [alice] = await players(fake, 1);
    const held = heldRpc("held_close");
    const pending = alice.socket.rpc("held_close");
    await held.called;
    const disconnected = nextEvent(alice.socket, "disconnect");
    realtimeControl(fake.state).closeSockets(4001, "go away", alice.userId);
    await assert.rejects(pending, /closed \(code 4001: go away\)/);
    assert.deepEqual(await disconnected, { code: 4001, reason: "go away", byApp: false });
    held.release();
    await alice.socket.close();
  });

  it("close() rejects pending requests at once", async () => {
    const [alice] = await players(fake, 1);
    const held = heldRpc("held_app_close");
    const pending = alice.socket.rpc("held_app_close");
    await held.called;
    const closing = alice.socket.close();
    await assert.rejects(pending, /the app closed the socket/);
    await closing;
    held.release();
  });

  it("stream() loops end with ConnectionClosedError when the connection is lost", async () => {
    const [alice] = await players(fake, 1);
    const loop = (async () => {
      for await (const _ of alice.socket.stream("matchData")) { /* nothing arrives */ }
    })();
    realtimeControl(fake.state).drop(alice.userId);
    await assert.rejects(loop, ConnectionClosedError);
    await alice.socket.close();
  });

  it("requests before connecting reject at once, without a timer", async () => {
    const [alice] = await players(fake, 1, { connect: false });
    await assert.rejects(alice.socket.rpc("echo", "x"), (error: unknown) => {
      assert.ok(error instanceof ConnectionClosedError);
      assert.match(error.message, /not connected/);
      return true;
    });
    await alice.socket.close();
  });
});

describe("Socket failures: replies that do not come", () => {
  it("a request times out with TimeoutError; its late reply is counted and emitted as unknown", async () => {
    const [alice] = await players(fake, 1);
    const held = heldRpc("held_timeout");
    await assert.rejects(alice.socket.rpc("held_timeout", "", { timeoutMs: 5 }), (error: unknown) => {
      assert.ok(error instanceof TimeoutError);
      assert.match(error.message, /^rpc: no reply within 5 ms\.$/);
      assert.match(String(error.stack), /socket_failure_test/);
      return true;
    });
    const late = nextEvent(alice.socket, "unknown");
    held.release("too late");
    const envelope = await late;
    assert.deepEqual(envelope.rpc, { id: "held_timeout", payload: "too late" });
    assert.equal(alice.socket.stats.unmatchedReplies, 1);
    // The socket is still fine.
    await alice.socket.ping();
    await alice.socket.close();
  });

  it("an aborted request rejects with the signal's reason, unwrapped", async () => {
    const [alice] = await players(fake, 1);
    const held = heldRpc("held_abort");
    const controller = new AbortController();
    const pending = alice.socket.rpc("held_abort", "", { signal: controller.signal });
    await held.called;
    const reason = new Error("user cancelled");
    controller.abort(reason);
    await assert.rejects(pending, (error) => error === reason);
    const aborted = new AbortController();
    aborted.abort(reason);
    await assert.rejects(alice.socket.ping({ signal: aborted.signal }), (error) => error === reason);
    const late = nextEvent(alice.socket, "unknown");
    held.release();
    await late;
    await alice.socket.close();
  });
});

describe("Socket heartbeat", () => {
  it("pings on its interval while the connection is healthy", async () => {
    const [alice] = await players(fake, 1, { heartbeatIntervalMs: 1, heartbeatTimeoutMs: 1000 });
    const pings = () => realtimeControl(fake.state).received(alice.userId).filter((f) => f.includes('"ping"')).length;
    for (let i = 0; i < 5000 && pings() < 3; i++) await new Promise((resolve) => setTimeout(resolve, 1));
    assert.ok(pings() >= 3);
    const frames = realtimeControl(fake.state).received(alice.userId).map((f) => JSON.parse(f));
    assert.ok(frames.every((f) => typeof f.cid === "string"), "heartbeat pings carry a cid");
    assert.equal(alice.socket.state, "open");
    await alice.socket.close();
  });

  it("declares the connection dead when no pong arrives, and closes it with code 4000", async () => {
    const [alice] = await players(fake, 1, { heartbeatIntervalMs: 1, heartbeatTimeoutMs: 10 });
    realtimeControl(fake.state).answerPings(false, alice.userId);
    const timeout = nextEvent(alice.socket, "heartbeatTimeout");
    const disconnected = nextEvent(alice.socket, "disconnect");
    assert.deepEqual(await timeout, { timeoutMs: 10 });
    const event = await disconnected;
    assert.equal(event.code, 4000);
    assert.match(event.reason, /heartbeat timeout: no pong within 10 ms/);
    assert.equal(event.byApp, false);
    assert.equal(alice.socket.state, "closed");
    await alice.socket.close();
  });
});

describe("Socket failures: frames the socket cannot use", () => {
  it("a frame that is not JSON is reported as an error event and the connection stays up", async () => {
    const [alice] = await players(fake, 1);
    const error = nextEvent(alice.socket, "error");
    serverSocket(alice).send("this is not json");
    const event = await error;
    assert.ok(event instanceof InvalidResponseError);
    assert.equal(event.data, "this is not json");
    assert.equal(alice.socket.stats.invalidFrames, 1);
    await alice.socket.ping();
    await alice.socket.close();
  });

  it("match data with broken base64 is reported, not thrown out of the message handler", async () => {
    const [alice] = await players(fake, 1);
    alice.socket.on("matchData", () => assert.fail("must not be delivered"));
    const error = nextEvent(alice.socket, "error");
    serverSocket(alice).send(JSON.stringify({ match_data: { match_id: "m.", op_code: "1", data: "!!!" } }));
    assert.ok(await error instanceof InvalidResponseError);
    await alice.socket.ping();
    await alice.socket.close();
  });

  it("envelopes of unknown kinds, and empty ones, arrive as unknown events", async () => {
    const [alice] = await players(fake, 1);
    const unknown = nextEvent(alice.socket, "unknown", (e) => "brand_new_message" in e);
    serverSocket(alice).send(JSON.stringify({ brand_new_message: { x: 1 } }));
    assert.deepEqual(await unknown, { brand_new_message: { x: 1 } });
    const empty = nextEvent(alice.socket, "unknown", (e) => Object.keys(e).length === 0);
    serverSocket(alice).send("{}");
    await empty;
    assert.equal(alice.socket.stats.unknownMessages, 2);
    await alice.socket.close();
  });

  it("an error envelope without cid becomes an error event carrying the server's code and message", async () => {
    const [alice] = await players(fake, 1);
    const error = nextEvent(alice.socket, "error");
    serverSocket(alice).send(JSON.stringify({ error: { code: 4, message: "Match not found" } }));
    const event = await error;
    assert.ok(event instanceof NakamaError);
    assert.equal(event.grpcStatus, "NOT_FOUND");
    assert.match(event.message, /Match not found \(MATCH_NOT_FOUND\)/);
    await alice.socket.close();
  });
});

describe("Socket failures: several players", () => {
  it("one player's drop does not disturb the others, who see it leave the match", async () => {
    const [alice, bob] = await players(fake, 2);
    const match = await alice.socket.createMatch();
    await bob.socket.joinMatch(match.match_id);
    const left = nextEvent(alice.socket, "matchPresence", (e) => e.leaves?.[0]?.user_id === bob.userId);
    realtimeControl(fake.state).drop(bob.userId);
    await left;
    assert.equal(alice.socket.state, "open");
    await alice.socket.ping();
    await closeAll(alice, bob);
  });
});
