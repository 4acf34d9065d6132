/**
 * The opt-in reconnect: backoff attempts, a fresh session, chat channels rejoined, statuses followed again, the
 * status restored, matches and parties reported as lost, giving up, and stopping when the app closes.
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  ChannelType,
  Client,
  ConnectionClosedError,
  NetworkError,
  type ReconnectOptions,
  type WebSocketConstructor,
} from "../mod.ts";
import { FakeNakama } from "./support/fake_nakama/mod.ts";
import { realtimeControl } from "./support/fake_nakama/realtime.ts";
import { closeAll, nextEvent, players, record, socketOptions } from "./support/websocket.ts";

let fake: FakeNakama;
before(async () => {
  fake = await FakeNakama.start();
});
after(() => fake.close());

/** Waits of 1 ms with no jitter: attempts follow each other at once. */
const quick: ReconnectOptions = { baseDelayMs: 1, maxDelayMs: 1, jitter: (ms) => ms };

/** A WebSocket constructor whose connections go to a closed port while `blocked` is true. */
async function switchableWebSocket(): Promise<{ WebSocket: WebSocketConstructor; block(on: boolean): void }> {
  const Base = (await socketOptions()).WebSocket ?? globalThis.WebSocket as unknown as WebSocketConstructor;
  let blocked = false;
  const Switchable = function (url: string) {
    return new Base(blocked ? url.replace(/^ws:\/\/127\.0\.0\.1:\d+/, "ws://127.0.0.1:1") : url);
  } as unknown as WebSocketConstructor;
  return { WebSocket: Switchable, block: (on) => void (blocked = on) };
}

describe("Socket reconnect", () => {
  it("after a drop it rejoins chat, follows again, restores the status and reports what was lost", async () => {
    const [bob] = await players(fake, 1, { appearOnline: true });
    const [alice] = await players(fake, 1, { reconnect: quick });
    const room = `reconnect-room-${Math.random()}`;
    const channel = await alice.socket.joinChat(room, ChannelType.Room, { persistence: true });
    await bob.socket.joinChat(room, ChannelType.Room);
    await alice.socket.followUsers([bob.userId]);
    await bob.socket.followUsers([alice.userId]);
    await alice.socket.updateStatus("playing");
    const match = await alice.socket.createMatch();
    const party = await alice.socket.createParty(true, 4);
    const { ticket } = await alice.socket.addMatchmaker("+properties.mode:nobody", 2, 2);

    const reconnecting = record(alice.socket, "reconnecting");
    const disconnects = record(alice.socket, "disconnect");
    const reconnected = nextEvent(alice.socket, "reconnected");
    const bobSeesRejoin = nextEvent(bob.socket, "channelPresence", (e) => e.joins?.[0]?.user_id === alice.userId);
    const bobSeesStatus = nextEvent(bob.socket, "statusPresence", (e) => e.joins?.[0]?.status === "playing");
    realtimeControl(fake.state).drop(alice.userId);

    const event = await reconnected;
    assert.equal(alice.socket.state, "open");
    assert.equal(event.attempts, 1);
    assert.deepEqual(event.channels.map((c) => c.id), [channel.id]);
    assert.deepEqual(event.channels[0].presences?.map((p) => p.user_id), [bob.userId]);
    assert.deepEqual(event.followedUserIds, [bob.userId]);
    assert.deepEqual(event.status?.presences?.map((p) => p.user_id), [bob.userId]);
    assert.deepEqual(event.lost, {
      matchIds: [match.match_id],
      partyIds: [party.party_id],
      matchmakerTickets: [ticket],
    });
    assert.deepEqual(event.failures, []);
    assert.equal(reconnecting.events.length, 1);
    assert.equal(reconnecting.events[0].attempt, 1);
    assert.equal(reconnecting.events[0].delayMs, 1);
    assert.notEqual(reconnecting.events[0].code, 1000);
    assert.deepEqual(disconnects.events, [], "disconnect is only for a socket that stays closed");
    await bobSeesRejoin;
    await bobSeesStatus;

    const toBob = nextEvent(bob.socket, "channelMessage");
    await alice.socket.writeChatMessage(channel.id, { text: "back" });
    assert.equal((await toBob).sender_id, alice.userId);
    reconnecting.stop();
    disconnects.stop();
    await closeAll(alice, bob);
  });

  it("pending requests reject at once on the drop; new ones reject while reconnecting", async () => {
    const flaky = await switchableWebSocket();
    const [alice] = await players(fake, 1, { reconnect: quick, WebSocket: flaky.WebSocket });
    let release!: () => void;
    const answer = new Promise<string>((resolve) => release = () => resolve("late"));
    let called!: () => void;
    const calledPromise = new Promise<void>((resolve) => called = resolve);
    fake.registerRpc("held_reconnect", () => {
      called();
      return answer;
    });
    const pending = alice.socket.rpc("held_reconnect");
    await calledPromise;
    flaky.block(true);
    const failedAttempt = nextEvent(alice.socket, "reconnecting", (e) => e.attempt === 2);
    realtimeControl(fake.state).drop(alice.userId);
    await assert.rejects(pending, ConnectionClosedError);
    const second = await failedAttempt;
    assert.ok(second.error instanceof NetworkError, "the failed attempt's error is reported");
    assert.equal(alice.socket.state, "reconnecting");
    await assert.rejects(alice.socket.ping(), /reconnecting/);

    const reconnected = nextEvent(alice.socket, "reconnected");
    flaky.block(false);
    assert.ok((await reconnected).attempts >= 2);
    await alice.socket.ping();
    release();
    await alice.socket.close();
  });

  it("gives up after maxAttempts: disconnect carries the last error and the socket is closed", async () => {
    const flaky = await switchableWebSocket();
    const [alice] = await players(fake, 1, { reconnect: { ...quick, maxAttempts: 3 }, WebSocket: flaky.WebSocket });
    const attempts = record(alice.socket, "reconnecting");
    flaky.block(true);
    const disconnected = nextEvent(alice.socket, "disconnect");
    realtimeControl(fake.state).drop(alice.userId);
    const event = await disconnected;
    assert.equal(event.byApp, false);
    assert.ok(event.error instanceof NetworkError);
    assert.deepEqual(attempts.events.map((e) => e.attempt), [1, 2, 3]);
    assert.equal(alice.socket.state, "closed");
    attempts.stop();
    await alice.socket.close();
  });

  it("close() during a reconnect wait stops the loop at once", async () => {
    const [alice] = await players(fake, 1, {
      reconnect: { baseDelayMs: 60_000, maxDelayMs: 60_000, jitter: (ms) => ms },
    });
    const waiting = nextEvent(alice.socket, "reconnecting");
    realtimeControl(fake.state).drop(alice.userId);
    assert.equal((await waiting).delayMs, 60_000);
    const disconnected = nextEvent(alice.socket, "disconnect");
    await alice.socket.close();
    assert.deepEqual(await disconnected, { code: 1000, reason: "", byApp: true });
    assert.equal(alice.socket.state, "closed");
  });

  it("a dead connection found by the heartbeat is replaced", async () => {
    const [alice] = await players(fake, 1, { reconnect: quick, heartbeatIntervalMs: 1, heartbeatTimeoutMs: 10 });
    realtimeControl(fake.state).answerPings(false, alice.userId);
    const reconnecting = nextEvent(alice.socket, "reconnecting");
    const reconnected = nextEvent(alice.socket, "reconnected");
    assert.equal((await reconnecting).code, 4000);
    await reconnected;
    // The new connection is a new server session, which answers pings again.
    await alice.socket.ping();
    assert.equal(alice.socket.state, "open");
    await alice.socket.close();
  });

  it("does not fight the server after it replaced or banned the session (notification -7 or -8)", async () => {
    const [alice] = await players(fake, 1, { reconnect: quick });
    const kicked = nextEvent(alice.socket, "notification");
    fake.state.notify(alice.userId, { subject: "single_socket", code: -7 });
    await kicked;
    const disconnected = nextEvent(alice.socket, "disconnect");
    realtimeControl(fake.state).closeSockets(1000, "", alice.userId);
    assert.equal((await disconnected).byApp, false);
    assert.equal(alice.socket.state, "closed");
    await alice.socket.close();
  });

  it("refreshes a session that is about to expire before reconnecting", async () => {
    const [alice] = await players(fake, 1, { connect: false });
    const client = new Client({ port: fake.port, expiredTimespanMs: 7200 * 1000 });
    const socket = client.createSocket(await socketOptions({ heartbeatIntervalMs: 0, reconnect: quick }));
    await socket.connect(alice.session);
    const refreshes = () => fake.requests.filter((r) => r.path === "/v2/account/session/refresh").length;
    const before = refreshes();
    const reconnected = nextEvent(socket, "reconnected");
    realtimeControl(fake.state).drop(alice.userId);
    await reconnected;
    assert.equal(refreshes(), before + 1);
    await socket.close();
  });

  it("stream() loops keep running across a reconnect", async () => {
    const [alice] = await players(fake, 1, { reconnect: quick });
    const subjects: string[] = [];
    const loop = (async () => {
      for await (const n of alice.socket.stream("notification")) {
        subjects.push(n.subject ?? "");
        if (subjects.length === 2) break;
      }
    })();
    const first = nextEvent(alice.socket, "notification");
    fake.state.notify(alice.userId, { subject: "before", code: 1 });
    await first;
    const reconnected = nextEvent(alice.socket, "reconnected");
    realtimeControl(fake.state).drop(alice.userId);
    await reconnected;
    fake.state.notify(alice.userId, { subject: "after", code: 1 });
    await loop;
    assert.deepEqual(subjects, ["before", "after"]);
    await alice.socket.close();
  });
});
