import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  type ApiEvent,
  type DroppedEvents,
  type EventQueueOptions,
  NakamaError,
  NetworkError,
  SatoriClient,
  type Session,
} from "../satori.ts";
import { FakeSatori, type FakeSatoriOptions } from "./support/fake_satori/mod.ts";

/** Long enough that the timer never fires during a test: sends then happen only by batch size or flush(). */
const NEVER_MS = 3_600_000;

let counter = 0;

interface Setup {
  fake: FakeSatori;
  client: SatoriClient;
  session: Session;
  identity: string;
  dropped: DroppedEvents[];
}

/** Runs `fn` with a fresh fake server and an authenticated session; the server is closed whatever happens. */
async function withQueueSetup(
  fn: (setup: Setup) => Promise<void> | void,
  fakeOptions: FakeSatoriOptions = {},
  maxRetries = 2,
): Promise<void> {
  const fake = await FakeSatori.start(fakeOptions);
  try {
    const client = new SatoriClient({
      port: fake.port,
      retry: { baseDelayMs: 1, maxRetries, jitter: (ms) => ms },
    });
    const identity = `queue-player-${++counter}-${Date.now()}`;
    const session = await client.authenticate(identity);
    await fn({ fake, client, session, identity, dropped: [] });
  } finally {
    await fake.close();
  }
}

function queueOf(setup: Setup, options: EventQueueOptions = {}) {
  return setup.client.createEventQueue(setup.session, {
    flushIntervalMs: NEVER_MS,
    onDropped: (dropped) => setup.dropped.push(dropped),
    ...options,
  });
}

/** Names of the events the server recorded for the identity, in arrival order. */
function received(setup: Setup): string[] {
  return setup.fake.state.eventsOf(setup.identity).map((event) => event.name);
}

function batchSizes(setup: Setup): number[] {
  return setup.fake.requestsTo("POST", "/v1/event").map((r) => (r.body as { events: unknown[] }).events.length);
}

function names(count: number, prefix = "e"): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i}`);
}

describe("EventQueue batching", () => {
  it("sends full batches of maxBatch as they fill, and the rest on flush()", () =>
    withQueueSetup(async (setup) => {
      const queue = queueOf(setup, { maxBatch: 10 });
      for (const name of names(25)) queue.enqueue({ name });
      await queue.flush();
      assert.deepEqual(batchSizes(setup), [10, 10, 5]);
      assert.deepEqual(received(setup), names(25));
      assert.equal(queue.size, 0);
      await queue.close();
      assert.equal(setup.fake.requestsTo("POST", "/v1/event").length, 3);
    }));

  it("the interval timer sends waiting events without a flush()", () =>
    withQueueSetup(async (setup) => {
      const queue = queueOf(setup, { maxBatch: 100, flushIntervalMs: 5 });
      queue.enqueue({ name: "a" });
      queue.enqueue({ name: "b" });
      await setup.fake.waitFor(() => received(setup).length === 2);
      assert.deepEqual(batchSizes(setup), [2]);
      await queue.close();
    }));

  it("enqueue() returns the event's id, keeps a caller's id and checks the event", () =>
    withQueueSetup(async (setup) => {
      const queue = queueOf(setup);
      const generated = queue.enqueue({ name: "a", value: "1", metadata: { k: "v" } });
      assert.equal(queue.enqueue({ name: "b", id: "my-id" }), "my-id");
      assert.throws(() => queue.enqueue({ name: "" }), TypeError);
      assert.throws(() => queue.enqueue({ name: "x", timestamp: 5 as unknown as string }), TypeError);
      assert.equal(queue.size, 2);
      await queue.flush();
      const events = setup.fake.state.eventsOf(setup.identity);
      assert.deepEqual(events.map((e) => e.id), [generated, "my-id"]);
      assert.deepEqual(events[0].metadata, { k: "v" });
      await queue.close();
    }));

  it("checks its options", () =>
    withQueueSetup((setup) => {
      assert.throws(() => queueOf(setup, { maxBatch: 0 }), RangeError);
      assert.throws(() => queueOf(setup, { flushIntervalMs: 0 }), RangeError);
      assert.throws(() => queueOf(setup, { maxBatch: 10, maxQueued: 5 }), RangeError);
      assert.throws(
        () => setup.client.createEventQueue(setup.session, { onDropped: 1 as unknown as () => void }),
        TypeError,
      );
      assert.throws(() => setup.client.createEventQueue({} as Session), TypeError);
    }));
});

describe("EventQueue under failure", () => {
  it("keeps events through a 5xx burst and sends each exactly once when the server recovers", () =>
    withQueueSetup(
      async (setup) => {
        const { fake } = setup;
        // 2 attempts per send (maxRetries 1): the first flush sees 503 twice, the second 503 then success.
        fake.injectFault({ match: "/v1/event", kind: "status", status: 503, times: 3 });
        const queue = queueOf(setup, { maxBatch: 100 });
        for (const name of names(7)) queue.enqueue({ name });
        await assert.rejects(queue.flush(), (error: unknown) => error instanceof NakamaError && error.status === 503);
        assert.equal(queue.size, 7);
        assert.deepEqual(received(setup), []);
        await queue.flush();
        assert.equal(queue.size, 0);
        assert.deepEqual(received(setup), names(7));
        assert.deepEqual(batchSizes(setup), [7, 7, 7, 7]);
        assert.equal(new Set(fake.state.events.map((e) => e.id)).size, 7);
        assert.deepEqual(setup.dropped, []);
        await queue.close();
      },
      {},
      1,
    ));

  it("a background send that fails is retried by the timer until the server recovers", () =>
    withQueueSetup(
      async (setup) => {
        setup.fake.injectFault({ match: "/v1/event", kind: "status", status: 500, times: 3 });
        const queue = queueOf(setup, { maxBatch: 100, flushIntervalMs: 2 });
        for (const name of names(5)) queue.enqueue({ name });
        await setup.fake.waitFor(() => received(setup).length === 5);
        assert.deepEqual(received(setup), names(5));
        assert.ok(setup.fake.requestsTo("POST", "/v1/event").length >= 4);
        await queue.close();
        assert.equal(setup.fake.state.events.length, 5);
      },
      {},
      0,
    ));

  it("a connection dropped after the server recorded a batch does not duplicate it", () =>
    withQueueSetup(async (setup) => {
      const { fake } = setup;
      const queue = queueOf(setup, { maxBatch: 4 });
      fake.injectFault({ match: "/v1/event", kind: "reset", stage: "after" });
      for (const name of names(4, "x")) queue.enqueue({ name });
      await queue.flush();
      // The first attempt was recorded, then its reply was cut: the retry re-sends the same ids.
      const [first, second] = fake.requestsTo("POST", "/v1/event");
      assert.deepEqual(first.body, second.body);
      assert.deepEqual(received(setup), names(4, "x"));
      await queue.close();
    }));

  it("events kept after a dropped connection (retries exhausted) are re-sent by the next flush, once each", () =>
    withQueueSetup(
      async (setup) => {
        const { fake } = setup;
        // More resets than attempts: Bun's fetch may itself re-send a request whose reused connection was reset.
        fake.injectFault({ match: "/v1/event", kind: "reset", stage: "before", times: 10 });
        const queue = queueOf(setup, { maxBatch: 50 });
        for (const name of names(3)) queue.enqueue({ name });
        await assert.rejects(queue.flush(), (error: unknown) => error instanceof NetworkError);
        assert.equal(queue.size, 3);
        assert.deepEqual(received(setup), []);
        fake.clearFaults();
        fake.injectFault({ match: "/v1/event", kind: "reset", stage: "after", times: 10 });
        for (const name of names(3, "f")) queue.enqueue({ name });
        await assert.rejects(queue.flush(), NetworkError);
        assert.equal(queue.size, 6);
        assert.deepEqual(received(setup), [...names(3), ...names(3, "f")]);
        fake.clearFaults();
        await queue.flush();
        assert.equal(queue.size, 0);
        assert.deepEqual(received(setup), [...names(3), ...names(3, "f")]);
        const ids = fake.requestsTo("POST", "/v1/event").flatMap((r) => (r.body as { events: ApiEvent[] }).events);
        assert.equal(new Set(ids.map((e) => e.id)).size, 6);
        await queue.close();
      },
      {},
      0,
    ));

  it("a 4xx for the whole batch drops it and reports it to onDropped", () =>
    withQueueSetup(async (setup) => {
      setup.fake.injectFault({ match: "/v1/event", kind: "status", status: 403 });
      const queue = queueOf(setup, { maxBatch: 10 });
      for (const name of names(3)) queue.enqueue({ name });
      await queue.flush();
      assert.equal(queue.size, 0);
      assert.equal(setup.dropped.length, 1);
      const [{ events, reason, error }] = setup.dropped;
      assert.equal(reason, "rejected");
      assert.deepEqual(events.map((e) => e.name), names(3));
      assert.ok(error instanceof NakamaError && error.status === 403);
      assert.equal(setup.fake.requestsTo("POST", "/v1/event").length, 1);
      queue.enqueue({ name: "after" });
      await queue.close();
      assert.deepEqual(received(setup), ["after"]);
    }));

  it("a 400 splits the batch so that only the event the server refuses is dropped", () =>
    withQueueSetup(async (setup) => {
      const queue = queueOf(setup, { maxBatch: 8 });
      const all = names(8);
      for (const name of all) {
        queue.enqueue(name === "e5" ? { name, timestamp: "yesterday" } : { name });
      }
      await queue.flush();
      assert.deepEqual(received(setup), all.filter((name) => name !== "e5"));
      assert.equal(setup.dropped.length, 1);
      assert.deepEqual(setup.dropped[0].events.map((e) => e.name), ["e5"]);
      assert.equal(setup.dropped[0].reason, "rejected");
      assert.ok(setup.dropped[0].error instanceof NakamaError && setup.dropped[0].error.status === 400);
      // 8 fails; e0-e3 ok; e4-e7 fails; e4-e5 fails; e4 ok; e5 dropped; e6-e7 ok.
      assert.deepEqual(batchSizes(setup), [8, 4, 4, 2, 1, 1, 2]);
      await queue.close();
    }));

  it("overflow drops the oldest waiting event and reports it", () =>
    withQueueSetup(
      async (setup) => {
        setup.fake.injectFault({ match: "/v1/event", kind: "status", status: 503, times: 100 });
        const queue = queueOf(setup, { maxBatch: 2, maxQueued: 3 });
        queue.enqueue({ name: "e0" });
        queue.enqueue({ name: "e1" });
        await assert.rejects(queue.flush(), NakamaError);
        queue.enqueue({ name: "e2" });
        queue.enqueue({ name: "e3" });
        assert.equal(queue.size, 3);
        assert.equal(setup.dropped.length, 1);
        assert.equal(setup.dropped[0].reason, "overflow");
        assert.deepEqual(setup.dropped[0].events.map((e) => e.name), ["e0"]);
        assert.ok(setup.dropped[0].error instanceof RangeError);
        setup.fake.clearFaults();
        await queue.close();
        assert.deepEqual(received(setup), ["e1", "e2", "e3"]);
      },
      {},
      0,
    ));
});

describe("EventQueue close", () => {
  it("flush() before exit delivers every event, counted on the server", () =>
    withQueueSetup(async (setup) => {
      const queue = queueOf(setup, { maxBatch: 100 });
      for (const name of names(250)) queue.enqueue({ name });
      await queue.flush();
      assert.equal(setup.fake.state.events.length, 250);
      assert.deepEqual(received(setup), names(250));
      assert.equal(new Set(setup.fake.state.events.map((e) => e.id)).size, 250);
      await queue.close();
      assert.equal(setup.fake.state.events.length, 250);
    }));

  it("close() sends what is left, is idempotent, and refuses new events", () =>
    withQueueSetup(async (setup) => {
      const queue = queueOf(setup);
      for (const name of names(5)) queue.enqueue({ name });
      const closing = queue.close();
      assert.equal(queue.close(), closing);
      assert.equal(queue.closed, true);
      await closing;
      assert.deepEqual(received(setup), names(5));
      assert.throws(
        () => queue.enqueue({ name: "late" }),
        (error: unknown) => error instanceof Error && (error as Error & { code: string }).code === "ERR_INVALID_STATE",
      );
    }));

  it("Symbol.asyncDispose closes the queue", () =>
    withQueueSetup(async (setup) => {
      const queue = queueOf(setup);
      queue.enqueue({ name: "disposed" });
      // Attached at run time (the published types stay on lib ES2022), hence the cast.
      await (queue as unknown as Record<symbol, () => Promise<void>>)[Symbol.asyncDispose]();
      assert.equal(queue.closed, true);
      assert.deepEqual(received(setup), ["disposed"]);
    }));

  it("close() reports events it cannot send as 'closed' and rejects with the error", () =>
    withQueueSetup(
      async (setup) => {
        setup.fake.injectFault({ match: "/v1/event", kind: "status", status: 503, times: 10 });
        const queue = queueOf(setup);
        for (const name of names(3)) queue.enqueue({ name });
        await assert.rejects(queue.close(), (error: unknown) => error instanceof NakamaError && error.status === 503);
        assert.equal(queue.size, 0);
        assert.equal(setup.dropped.length, 1);
        assert.equal(setup.dropped[0].reason, "closed");
        assert.deepEqual(setup.dropped[0].events.map((e) => e.name), names(3));
      },
      {},
      0,
    ));

  it("close() with an aborted signal stops a send in flight and hands the events back", () =>
    withQueueSetup(async (setup) => {
      setup.fake.injectFault({ match: "/v1/event", kind: "delay", ms: 5_000 });
      const queue = queueOf(setup, { maxBatch: 2 });
      queue.enqueue({ name: "a" });
      queue.enqueue({ name: "b" }); // a full batch: a background send starts and hangs
      const controller = new AbortController();
      const reason = new Error("shutting down");
      const closing = queue.close({ signal: controller.signal });
      controller.abort(reason);
      await assert.rejects(closing, (error: unknown) => error === reason);
      assert.deepEqual(setup.dropped.map((d) => [d.reason, d.events.map((e) => e.name)]), [["closed", ["a", "b"]]]);
      assert.equal(queue.size, 0);
    }));

  it("owns its timer: armed while events wait, cleared by close()", async () => {
    const interval = 987_654;
    const live = new Set<unknown>();
    const realSet = globalThis.setTimeout;
    const realClear = globalThis.clearTimeout;
    // Track only the queue's timers, recognised by their unique delay.
    globalThis.setTimeout = ((fn: () => void, ms?: number, ...args: unknown[]) => {
      const id = realSet(
        () => {
          live.delete(id);
          fn();
        },
        ms,
        ...args,
      );
      if (ms === interval) live.add(id);
      return id;
    }) as typeof setTimeout;
    globalThis.clearTimeout = ((id: ReturnType<typeof setTimeout>) => {
      live.delete(id);
      realClear(id);
    }) as typeof clearTimeout;
    try {
      await withQueueSetup(async (setup) => {
        const queue = queueOf(setup, { flushIntervalMs: interval });
        assert.equal(live.size, 0);
        queue.enqueue({ name: "a" });
        queue.enqueue({ name: "b" });
        assert.equal(live.size, 1);
        await queue.close();
        assert.equal(live.size, 0);
        assert.deepEqual(received(setup), ["a", "b"]);
      });
    } finally {
      globalThis.setTimeout = realSet;
      globalThis.clearTimeout = realClear;
    }
  });

  it("refreshes an expiring session before sending", () =>
    withQueueSetup(async (setup) => {
      const queue = queueOf(setup, { maxBatch: 2 });
      for (const name of names(6)) queue.enqueue({ name });
      await queue.flush();
      assert.deepEqual(received(setup), names(6));
      assert.ok(setup.fake.requestsTo("POST", "/v1/authenticate/refresh").length >= 1);
      await queue.close();
    }, { tokenExpirySec: 60 }));
});
