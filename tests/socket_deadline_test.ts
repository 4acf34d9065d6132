/**
 * Request deadlines: each socket checks them with one timer, armed for the earliest one (or the next heartbeat
 * ping), so requests with different timeouts, or none, must still end each on its own; and the `asyncStackTraces`
 * option, which decides whether a failed request's error carries the stack of the app's call.
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Client, TimeoutError } from "../mod.ts";
import { FakeNakama } from "./support/fake_nakama/mod.ts";
import { realtimeControl } from "./support/fake_nakama/realtime.ts";
import { nextEvent, players, socketOptions } from "./support/websocket.ts";

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

/** A promise's outcome, readable without awaiting it. */
function watch<T>(promise: Promise<T>): { settled: boolean; done: Promise<T> } {
  const state = { settled: false, done: promise };
  promise.then(() => state.settled = true, () => state.settled = true);
  return state;
}

describe("Socket request deadlines", () => {
  // The fake, like Nakama, answers one frame at a time per socket: requests sent behind a held RPC stay pending.
  it("a short timeout made after a long one still fires first; the long one and one without a timeout go on", async () => {
    const [alice] = await players(fake, 1);
    const held = heldRpc("deadline_long");
    const longCall = watch(alice.socket.rpc("deadline_long", "", { timeoutMs: 60_000 }));
    await held.called;
    const foreverCall = watch(alice.socket.rpc("echo", "forever", { timeoutMs: 0 }));
    await assert.rejects(alice.socket.rpc("echo", "short", { timeoutMs: 5 }), (error: unknown) => {
      assert.ok(error instanceof TimeoutError);
      assert.match(error.message, /^rpc: no reply within 5 ms\.$/);
      return true;
    });
    assert.equal(longCall.settled, false, "the 60 s request is still waiting");
    assert.equal(foreverCall.settled, false, "the request without a timeout is still waiting");
    const late = nextEvent(alice.socket, "unknown");
    held.release("long");
    assert.equal((await longCall.done).payload, "long");
    assert.equal((await foreverCall.done).payload, "forever");
    assert.deepEqual((await late).rpc, { id: "echo", payload: "short" });
    assert.equal((await alice.socket.rpc("echo", "x")).payload, "x");
    await alice.socket.close();
  });

  it("requests time out while the heartbeat runs, and the heartbeat keeps pinging after", async () => {
    const [alice] = await players(fake, 1, { heartbeatIntervalMs: 1, heartbeatTimeoutMs: 1000 });
    const held = heldRpc("deadline_heartbeat");
    await assert.rejects(alice.socket.rpc("deadline_heartbeat", "", { timeoutMs: 5 }), TimeoutError);
    held.release();
    const pings = () => realtimeControl(fake.state).received(alice.userId).filter((f) => f.includes('"ping"')).length;
    const seen = pings();
    for (let i = 0; i < 5000 && pings() < seen + 2; i++) await new Promise((resolve) => setTimeout(resolve, 1));
    assert.ok(pings() >= seen + 2, "pings go on after the timeout");
    assert.equal(alice.socket.state, "open");
    await alice.socket.close();
  });
});

describe("Socket option asyncStackTraces", () => {
  it("by default a failed request's stack shows the call that made it; with false, it does not", async () => {
    const [withTraces] = await players(fake, 1);
    const [without] = await players(fake, 1, { asyncStackTraces: false });
    const held = heldRpc("deadline_traces");
    const on = await withTraces.socket.rpc("deadline_traces", "", { timeoutMs: 5 }).catch((error) => error);
    const off = await without.socket.rpc("deadline_traces", "", { timeoutMs: 5 }).catch((error) => error);
    for (const error of [on, off]) {
      assert.ok(error instanceof TimeoutError);
      assert.equal(error.name, "TimeoutError");
      assert.match(error.message, /^rpc: no reply within 5 ms\.$/);
    }
    assert.match(String(on.stack), /socket_deadline_test/);
    assert.doesNotMatch(String(off.stack), /socket_deadline_test/);
    held.release();
    await Promise.all([withTraces.socket.close(), without.socket.close()]);
  });

  it("refuses a value that is not a boolean", async () => {
    const client = new Client({ port: fake.port });
    const options = await socketOptions();
    assert.throws(
      () => client.createSocket({ ...options, asyncStackTraces: "yes" as unknown as boolean }),
      (error: unknown) => error instanceof TypeError && /"options\.asyncStackTraces"/.test(error.message),
    );
  });
});
