/**
 * Hardening (issue 7), load, in one process against the fake servers over loopback:
 * - 500 concurrent sockets in 50 relayed matches of 10, each sending 5 messages: every message is delivered to the
 *   9 other members exactly once (22,500 deliveries, counted per receiver and per message);
 * - 5,000 concurrent REST calls: every one answered with its own reply, and the server counts exactly 5,000;
 * - the Satori event queue: 2,000 events across 5xx bursts, HTML error pages, resets after the server recorded a
 *   batch, slow replies, and a network that drops every connection and then refuses new ones: the server ends up
 *   with exactly the 2,000 events, once each, in order, and nothing is reported dropped.
 * Durations are printed for docs/reliability.md; they are never asserted.
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Client, decodeText, type FetchLike, Session, type Socket } from "../mod.ts";
import { type DroppedEvents, SatoriClient } from "../satori.ts";
import { FakeNakama } from "./support/fake_nakama/mod.ts";
import { FakeSatori } from "./support/fake_satori/mod.ts";
import { startTcpProxy } from "./support/tcp_proxy.ts";
import { socketOptions } from "./support/websocket.ts";
import { guarded, HungError } from "./support/hardening.ts";

const SOCKETS = 500;
const MATCH_SIZE = 10;
const MESSAGES_PER_SOCKET = 5;
const REST_CALLS = 5_000;
const EVENTS = 2_000;
/** Connections the REST load test allows at once (see pooledFetch). */
const POOL = 64;

const runtime = "Deno" in globalThis ? "deno" : "Bun" in globalThis ? "bun" : "node";
const figure = (name: string, value: string) => console.log(`hardening_load [${runtime}] ${name}: ${value}`);

let fake: FakeNakama;
before(async () => {
  fake = await FakeNakama.start();
});
after(() => fake.close());

/** Resolves once `done()` holds, checking on every call of the returned `check`; a guard's abort rejects it. */
function waitFor(done: () => boolean, signal: AbortSignal, describe: () => string) {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((ok, fail) => [resolve, reject] = [ok, fail]);
  const onAbort = () => reject(new HungError(`${describe()} (${String(signal.reason)})`));
  signal.addEventListener("abort", onAbort, { once: true });
  const check = () => {
    if (!done()) return;
    signal.removeEventListener("abort", onAbort);
    resolve();
  };
  check();
  return { promise, check };
}

describe("load: sockets", () => {
  it(`${SOCKETS} concurrent sockets exchange match data; every message is delivered exactly once`, async () => {
    const started = Date.now();
    // Users and tokens straight from the fake's state: this test loads the socket side, not authentication.
    const sessions = await Promise.all(Array.from({ length: SOCKETS }, async (_, i) => {
      const user = fake.state.createUser({ username: `load_${i}_${crypto.randomUUID().slice(0, 8)}` });
      return Session.restore(await fake.mintToken(user.id), await fake.mintToken(user.id, { refresh: true }));
    }));
    const client = new Client({ port: fake.port });
    const options = await socketOptions({ heartbeatIntervalMs: 0 });
    const sockets: Socket[] = sessions.map(() => client.createSocket(options));
    try {
      await guarded((signal) => Promise.all(sockets.map((socket, i) => socket.connect(sessions[i], { signal }))));
      const connected = Date.now();

      // received[r] holds "sender:seq" of every message socket r got.
      const received = sockets.map(() => new Set<string>());
      let deliveries = 0;
      let duplicates = 0;
      const expected = SOCKETS * MESSAGES_PER_SOCKET * (MATCH_SIZE - 1);
      await guarded(async (signal) => {
        const all = waitFor(() => deliveries === expected, signal, () => `${deliveries} of ${expected} delivered`);
        sockets.forEach((socket, r) =>
          socket.on("matchData", (m) => {
            const key = decodeText(m.data);
            if (received[r].has(key)) duplicates++;
            received[r].add(key);
            deliveries++;
            all.check();
          })
        );
        const matchIds: string[] = [];
        for (let g = 0; g < SOCKETS / MATCH_SIZE; g++) {
          matchIds.push((await sockets[g * MATCH_SIZE].createMatch(undefined, { signal })).match_id);
        }
        await Promise.all(
          sockets.map((socket, i) =>
            i % MATCH_SIZE === 0 ? undefined : socket.joinMatch(matchIds[Math.floor(i / MATCH_SIZE)], { signal })
          ),
        );
        const joined = Date.now();
        for (let seq = 0; seq < MESSAGES_PER_SOCKET; seq++) {
          await Promise.all(
            sockets.map((socket, i) => socket.sendMatchState(matchIds[Math.floor(i / MATCH_SIZE)], 1, `${i}:${seq}`)),
          );
        }
        await all.promise;
        figure(
          "sockets",
          `${SOCKETS} connected in ${connected - started} ms (incl. tokens), joined 50 matches in ${
            joined - connected
          } ms, ${deliveries} deliveries in ${Date.now() - joined} ms`,
        );
      });
      assert.equal(deliveries, expected);
      assert.equal(duplicates, 0);
      // Each socket got exactly the messages of the 9 others in its match, and none of its own.
      received.forEach((keys, r) => {
        const group = Math.floor(r / MATCH_SIZE);
        const want = new Set<string>();
        for (let s = group * MATCH_SIZE; s < (group + 1) * MATCH_SIZE; s++) {
          if (s !== r) { for (let seq = 0; seq < MESSAGES_PER_SOCKET; seq++) want.add(`${s}:${seq}`); }
        }
        assert.deepEqual(keys, want, `socket ${r}`);
      });
    } finally {
      await Promise.all(sockets.map((socket) => socket.close()));
    }
    assert.ok(sockets.every((socket) => socket.state === "closed"));
  });
});

/**
 * At most `max` requests on the wire at once, the rest waiting their turn (abortable), like a browser's per-host
 * connection limit. Without it, Node's and Deno's fetch open one TCP connection per request: 5,000 simultaneous
 * connects overflow the loopback listen backlog (Node's server default is 511), and the SYN retransmits (1 s, 3 s,
 * 7 s) run into undici's 10 s connect timeout. The SDK still has all 5,000 calls in flight at once.
 */
function pooledFetch(max: number): FetchLike {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (input, init) => {
    const signal = init?.signal ?? undefined;
    if (active >= max) {
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          waiting.splice(waiting.indexOf(go), 1);
          reject(signal!.reason);
        };
        const go = () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        };
        waiting.push(go);
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    } else {
      active++;
    }
    try {
      return await fetch(input, init);
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

describe("load: REST", () => {
  it(`${REST_CALLS} concurrent REST calls are all answered, each with its own reply, counted exactly`, async () => {
    let served = 0;
    fake.registerRpc("load_count", (_ctx, payload) => {
      served++;
      return payload;
    });
    const client = new Client({
      port: fake.port,
      retry: { maxRetries: 0 },
      timeoutMs: 60_000,
      fetch: pooledFetch(POOL),
    });
    const session = await client.authenticateDevice(`load-rest-${crypto.randomUUID()}`);
    const before = fake.requests.length;
    const started = Date.now();
    // The guard only catches a hang. On Node the run takes several seconds: undici's fetch and node:http in one
    // process cost about 0.8 ms per request on loopback (plain fetch, without the SDK, costs the same).
    const replies = await guarded(
      (signal) =>
        Promise.all(
          Array.from({ length: REST_CALLS }, (_, i) => client.rpc(session, "load_count", `n${i}`, { signal })),
        ),
      30_000,
    );
    figure("rest", `${REST_CALLS} concurrent calls answered in ${Date.now() - started} ms (${POOL} connections)`);
    assert.equal(replies.length, REST_CALLS);
    replies.forEach((reply, i) => assert.equal(reply.payload, `n${i}`));
    assert.equal(served, REST_CALLS, "the server ran the function exactly once per call");
    assert.equal(fake.requests.length - before, REST_CALLS, "no request was sent twice");
  });
});

describe("load: the Satori event queue", () => {
  it(`${EVENTS} events across 5xx bursts and dropped connections arrive exactly once each, in order`, async () => {
    const satori = await FakeSatori.start();
    const proxy = await startTcpProxy(satori.port);
    let kept = 0;
    const ids: string[] = [];
    const dropped: DroppedEvents[] = [];
    let identity = "";
    let started = 0;
    try {
      const client = new SatoriClient({
        port: proxy.port,
        retry: { baseDelayMs: 1, maxDelayMs: 4, maxRetries: 2, jitter: (ms) => ms },
      });
      identity = `load-events-${crypto.randomUUID()}`;
      const session = await client.authenticate(identity);
      const queue = client.createEventQueue(session, {
        maxBatch: 50,
        flushIntervalMs: 2,
        // Each send gives up after 150 ms, so the slow reply below turns into a timeout (and a resend).
        timeoutMs: 150,
        onDropped: (d) => void dropped.push(d),
        logger: { debug() {}, info() {}, error() {}, warn: (message) => void (/kept/.test(message) && kept++) },
      });
      started = Date.now();
      const faults: Parameters<FakeSatori["injectFault"]>[0][] = [
        { match: "/v1/event", kind: "status", status: 503, times: 7 },
        { match: "/v1/event", kind: "reset", stage: "after", times: 2 },
        { match: "/v1/event", kind: "html", status: 502, times: 3 },
        { match: "/v1/event", kind: "status", status: 500, times: 4 },
        { match: "/v1/event", kind: "delay", ms: 400, times: 1 },
        { match: "/v1/event", kind: "reset", stage: "before", times: 3 },
        { match: "/v1/event", kind: "status", status: 429, times: 2, headers: { "retry-after": "0" } },
      ];
      const enqueue = (chunk: number) => {
        for (let i = 0; i < EVENTS / 20; i++) {
          ids.push(queue.enqueue({ name: "load", value: String(ids.length), metadata: { chunk: String(chunk) } }));
        }
      };
      await guarded(async (signal) => {
        for (let chunk = 0; chunk < 20; chunk++) {
          if (chunk % 3 === 0) satori.injectFault(faults[(chunk / 3) % faults.length]);
          if (chunk === 10) {
            // The network goes away: every connection dropped, new ones refused until a send has been refused.
            proxy.refuse(true);
            proxy.dropAll();
            enqueue(chunk);
            while (proxy.refused === 0) {
              signal.throwIfAborted();
              await new Promise((resolve) => setTimeout(resolve, 1));
            }
            proxy.refuse(false);
            continue;
          }
          enqueue(chunk);
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
        // flush() rejects while the server keeps failing (the events stay queued); it is called until it resolves.
        for (;;) {
          signal.throwIfAborted();
          try {
            await queue.flush({ signal });
            break;
          } catch (error) {
            if (signal.aborted) throw error;
          }
        }
        await queue.close({ signal });
      });
      assert.equal(queue.size, 0);
    } finally {
      satori.clearFaults();
      await proxy.close();
      // Closing the server releases the slow reply's handler too, so a late duplicate would be counted below.
      await satori.close();
    }
    const received = satori.state.eventsOf(identity);
    const sends = satori.requestsTo("POST", "/v1/event").length;
    figure(
      "satori",
      `${EVENTS} events through ${sends} sends (${kept} kept for a retry) in ${Date.now() - started} ms`,
    );
    assert.ok(kept > 0 && sends > EVENTS / 50, "the faults made sends fail");
    assert.ok(proxy.refused > 0, "the network was down for a while");
    assert.deepEqual(dropped, [], "nothing dropped");
    assert.equal(received.length, EVENTS, "every event recorded once");
    assert.deepEqual(received.map((e) => e.id), ids, "exactly the queued events, in order");
    assert.deepEqual(received.map((e) => e.value), ids.map((_, i) => String(i)));
  });
});
