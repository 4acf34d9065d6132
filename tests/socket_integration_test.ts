// The realtime socket against a REAL Nakama server, run only when NAKAMA_URL is set (skipped otherwise):
//
//   NAKAMA_URL=http://127.0.0.1:7350 deno test -A tests/socket_integration_test.ts
//
// Environment:
//   NAKAMA_URL              base URL of the server (http or https; the socket uses ws/wss); unset = skip everything
//   NAKAMA_SERVER_KEY       server key, default "defaultkey"
//   NAKAMA_RPC_ID           an RPC function to call over the socket; unset = skip that case
//   NAKAMA_RPC_ECHO=true    the RPC returns its payload unchanged (like the capture server's `echo`): check it
//
// Every run uses fresh, uniquely named users, rooms and matchmaker properties, and deletes the users at the end.
// On a real server `op_code` arrives as a decimal string and `data` as base64: the SDK hands over a string and a
// Uint8Array, and those decoded forms are what is asserted. A real matchmaker matches on its interval (15 s by
// default), so that one wait is long. To try it without a server: `deno run -A scripts/integration_against_fake.ts`
// runs this file (and tests/integration_test.ts) against the in-process fake, where the matchmaker matches at once.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import process from "node:process";
import {
  ChannelType,
  Client,
  decodeJson,
  decodeText,
  NakamaError,
  type Session,
  type Socket,
  type SocketEventMap,
} from "../mod.ts";
import { socketOptions } from "./support/websocket.ts";

const env = (name: string): string | undefined => process.env[name] || undefined;
const NAKAMA_URL = env("NAKAMA_URL");
const SERVER_KEY = env("NAKAMA_SERVER_KEY") ?? "defaultkey";
const RPC_ID = env("NAKAMA_RPC_ID");
const RPC_ECHO = env("NAKAMA_RPC_ECHO") === "true";

/** How long an ordinary event may take over a real network before the test fails instead of hanging. */
const EVENT_MS = 10_000;
/** A real matchmaker matches on its interval (15 s by default, maybe two of them): wait for up to 40 s. */
const MATCHMAKER_MS = 40_000;
/**
 * Per-test limit. Over a real network a test may outlast Bun's default of 5 s; a missing event fails through its
 * waiter (EVENT_MS) well before this.
 */
const TEST = { timeout: 60_000 };

/** Client options from NAKAMA_URL. */
function clientOptions() {
  const url = new URL(NAKAMA_URL!);
  const useSSL = url.protocol === "https:";
  const port = url.port === "" ? (useSSL ? 443 : 80) : Number(url.port);
  return { host: url.hostname, port, useSSL, serverKey: SERVER_KEY, retry: { maxRetries: 0 } };
}

/** Unique per run (letters and digits only, so it can sit in a matchmaker query), so runs never collide. */
const RUN = `${Date.now().toString(36)}${crypto.randomUUID().replaceAll("-", "").slice(0, 6)}`;
let counter = 0;
const unique = (prefix: string) => `${prefix}-${RUN}-${++counter}`;

/** A connected user. */
interface Player {
  session: Session;
  socket: Socket;
  userId: string;
  username: string;
}

/**
 * What one test opened: its sockets and its event waiters. `close()` (in each test's `finally`) closes every socket
 * and cancels every waiter still armed, so a failing test leaves no timer or listener behind either.
 */
class Scope {
  readonly #sockets: Socket[] = [];
  readonly #cancels = new Set<() => void>();

  track(socket: Socket): Socket {
    this.#sockets.push(socket);
    return socket;
  }

  /**
   * The next event `name` on `socket` that satisfies `filter`; rejects after `timeoutMs`. Arm it BEFORE the action
   * that causes the event: the server may push the event before the action's own reply arrives.
   */
  next<K extends keyof SocketEventMap>(
    socket: Socket,
    name: K,
    filter: (event: SocketEventMap[K]) => boolean = () => true,
    timeoutMs = EVENT_MS,
  ): Promise<SocketEventMap[K]> {
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        off();
        this.#cancels.delete(done);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`No "${name}" event arrived within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = socket.on(name, (event) => {
        if (!filter(event)) return;
        done();
        resolve(event);
      });
      // Cancelled by close(): left pending, never rejected, so nothing goes unhandled after a failure.
      this.#cancels.add(done);
    });
  }

  async close(): Promise<void> {
    for (const cancel of [...this.#cancels]) cancel();
    await Promise.all(this.#sockets.map((socket) => socket.close()));
  }
}

/** Bytes 0..79; tests send a sub-array of it, so the view's byteOffset is not 0. */
function pattern(): Uint8Array {
  const bytes = new Uint8Array(80);
  for (let i = 0; i < bytes.length; i++) bytes[i] = i * 3 + 1;
  return bytes;
}

describe("Nakama socket integration (NAKAMA_URL)", { skip: NAKAMA_URL ? false : "NAKAMA_URL is not set" }, () => {
  let client: Client;
  const sessions: Session[] = [];

  /** A new device account (deleted after the run) with a connected socket owned by `scope`. */
  async function player(scope: Scope, prefix: string, options: { appearOnline?: boolean } = {}): Promise<Player> {
    const username = unique(`nts-${prefix}`);
    const session = await client.authenticateDevice(unique(`nakama-ts-socket-${prefix}`), {
      create: true,
      username,
    });
    sessions.push(session);
    const socket = scope.track(client.createSocket(await socketOptions()));
    await socket.connect(session, { appearOnline: options.appearOnline === true });
    return { session, socket, userId: session.userId, username };
  }

  before(async () => {
    client = new Client(clientOptions());
    await client.healthcheck();
  });

  after(async () => {
    for (const session of sessions) await client.deleteAccount(session).catch(() => undefined);
  });

  it(
    "chat: joinChat() a room, writeChatMessage() reaches a second socket, listChannelMessages() has it",
    TEST,
    async () => {
      const scope = new Scope();
      try {
        const alice = await player(scope, "chatA");
        const bob = await player(scope, "chatB");
        const room = unique("nts-room");
        const channel = await alice.socket.joinChat(room, ChannelType.Room, { persistence: true });
        assert.equal(channel.room_name, room);
        assert.equal(channel.self.user_id, alice.userId);

        const bobSeen = scope.next(
          alice.socket,
          "channelPresence",
          (e) => !!e.joins?.some((p) => p.user_id === bob.userId),
        );
        const bobChannel = await bob.socket.joinChat(room, ChannelType.Room, { persistence: true });
        assert.equal(bobChannel.id, channel.id);
        assert.ok(bobChannel.presences?.some((p) => p.user_id === alice.userId), "bob sees alice in the room");
        assert.equal((await bobSeen).channel_id, channel.id);

        const content = { text: "hello from alice", emoji: "👋", n: 1 };
        const received = scope.next(bob.socket, "channelMessage", (m) => m.sender_id === alice.userId);
        const ack = await alice.socket.writeChatMessage(channel.id, content);
        assert.equal(ack.channel_id, channel.id);
        assert.equal(ack.persistent, true);
        const message = await received;
        assert.equal(message.message_id, ack.message_id);
        assert.equal(message.channel_id, channel.id);
        assert.equal(message.username, alice.username);
        assert.deepEqual(JSON.parse(message.content!), content);

        const history = await client.listChannelMessages(bob.session, channel.id, { limit: 10, forward: false });
        const stored = history.messages?.find((m) => m.message_id === ack.message_id);
        assert.ok(stored, "the message is in the channel history");
        assert.equal(stored.sender_id, alice.userId);
        // The server stores content as jsonb and may print it with other spacing: compare the parsed objects.
        assert.deepEqual(JSON.parse(stored.content!), content);

        const bobLeaves = scope.next(
          alice.socket,
          "channelPresence",
          (e) => !!e.leaves?.some((p) => p.user_id === bob.userId),
        );
        await bob.socket.leaveChat(channel.id);
        await bobLeaves;
      } finally {
        await scope.close();
      }
    },
  );

  it(
    "relayed match: createMatch(), joinMatch() and sendMatchState() bytes, text and int64 op codes",
    TEST,
    async () => {
      const scope = new Scope();
      try {
        const alice = await player(scope, "matchA");
        const bob = await player(scope, "matchB");
        const match = await alice.socket.createMatch();
        assert.equal(match.self.user_id, alice.userId);
        assert.notEqual(match.authoritative, true);

        const bobArrives = scope.next(
          alice.socket,
          "matchPresence",
          (e) => !!e.joins?.some((p) => p.user_id === bob.userId),
        );
        const joined = await bob.socket.joinMatch(match.match_id);
        assert.equal(joined.match_id, match.match_id);
        assert.ok(joined.presences?.some((p) => p.user_id === alice.userId), "bob sees alice in the match");
        assert.equal((await bobArrives).match_id, match.match_id);

        // A view into the middle of a larger buffer: only its own bytes may travel.
        const view = pattern().subarray(8, 72);
        assert.notEqual(view.byteOffset, 0);
        const binary = scope.next(bob.socket, "matchData", (m) => m.op_code === "1");
        await alice.socket.sendMatchState(match.match_id, 1, view);
        const got = await binary;
        assert.equal(typeof got.op_code, "string");
        assert.ok(got.data instanceof Uint8Array);
        assert.deepEqual([...got.data], [...view]);
        assert.equal(got.match_id, match.match_id);
        assert.equal(got.presence?.user_id, alice.userId);

        const text = scope.next(alice.socket, "matchData", (m) => m.op_code === "9007199254740993");
        await bob.socket.sendMatchState(match.match_id, 9007199254740993n, "héllo wörld ✓ 😀", { reliable: true });
        const textData = await text;
        assert.equal(decodeText(textData.data), "héllo wörld ✓ 😀");
        assert.equal(textData.presence?.user_id, bob.userId);

        const json = scope.next(bob.socket, "matchData", (m) => m.op_code === "3");
        await alice.socket.sendMatchState(match.match_id, "3", JSON.stringify({ x: 1, y: [2, 3] }), {
          presences: [joined.self],
        });
        assert.deepEqual(decodeJson((await json).data), { x: 1, y: [2, 3] });

        const bobLeaves = scope.next(
          alice.socket,
          "matchPresence",
          (e) => !!e.leaves?.some((p) => p.user_id === bob.userId),
        );
        await bob.socket.leaveMatch(match.match_id);
        assert.equal(
          (await bobLeaves).leaves?.find((p) => p.user_id === bob.userId)?.session_id,
          joined.self.session_id,
        );
      } finally {
        await scope.close();
      }
    },
  );

  it("matchmaker: two users both get matchmakerMatched with a token and join the same match by it", {
    timeout: 2 * MATCHMAKER_MS,
  }, async () => {
    const scope = new Scope();
    try {
      const alice = await player(scope, "mmA");
      const bob = await player(scope, "mmB");
      // A property only this run has, so tickets of other clients on a shared server can never join in.
      const query = `+properties.run:${RUN}`;
      const aliceMatched = scope.next(alice.socket, "matchmakerMatched", () => true, MATCHMAKER_MS);
      const bobMatched = scope.next(bob.socket, "matchmakerMatched", () => true, MATCHMAKER_MS);
      const aliceTicket = await alice.socket.addMatchmaker(query, 2, 2, {
        stringProperties: { run: RUN, region: "eu" },
        numericProperties: { skill: 50 },
      });
      const bobTicket = await bob.socket.addMatchmaker(query, 2, 2, { stringProperties: { run: RUN, region: "us" } });
      assert.equal(typeof aliceTicket.ticket, "string");
      assert.notEqual(aliceTicket.ticket, bobTicket.ticket);

      const [a, b] = await Promise.all([aliceMatched, bobMatched]);
      assert.equal(a.ticket, aliceTicket.ticket);
      assert.equal(b.ticket, bobTicket.ticket);
      assert.ok(a.token && b.token, "a relayed match is reached by token");
      assert.equal(a.token, b.token);
      assert.equal(a.self.presence.user_id, alice.userId);
      assert.equal(b.self.presence.user_id, bob.userId);
      assert.deepEqual(a.users?.map((u) => u.presence.user_id).sort(), [alice.userId, bob.userId].sort());
      const bobAsSeen = a.users?.find((u) => u.presence.user_id === bob.userId);
      assert.deepEqual(bobAsSeen?.string_properties, { run: RUN, region: "us" });
      assert.deepEqual(a.self.numeric_properties, { skill: 50 });

      const aliceMatch = await alice.socket.joinMatch(a);
      const bobSeen = scope.next(
        alice.socket,
        "matchPresence",
        (e) => !!e.joins?.some((p) => p.user_id === bob.userId),
      );
      const bobMatch = await bob.socket.joinMatch({ token: b.token });
      assert.equal(bobMatch.match_id, aliceMatch.match_id);
      assert.ok(bobMatch.presences?.some((p) => p.user_id === alice.userId), "bob finds alice in the match");
      await bobSeen;
    } finally {
      await scope.close();
    }
  });

  it(
    "parties: createParty(), joinParty(), sendPartyData() both ways, leaveParty() and closeParty()",
    TEST,
    async () => {
      const scope = new Scope();
      try {
        const alice = await player(scope, "partyA");
        const bob = await player(scope, "partyB");
        const carol = await player(scope, "partyC");
        const party = await alice.socket.createParty(true, 4);
        assert.equal(party.open, true);
        assert.equal(party.max_size, 4);
        assert.equal(party.leader.user_id, alice.userId);
        assert.equal(party.self.session_id, party.leader.session_id);

        // The joiner's reply is empty; the party itself arrives as an event, which may come first.
        for (const member of [bob, carol]) {
          const welcome = scope.next(member.socket, "party", (p) => p.party_id === party.party_id);
          const seen = scope.next(
            alice.socket,
            "partyPresence",
            (e) => !!e.joins?.some((p) => p.user_id === member.userId),
          );
          await member.socket.joinParty(party.party_id);
          const joined = await welcome;
          assert.equal(joined.self.user_id, member.userId);
          assert.equal(joined.leader.user_id, alice.userId);
          await seen;
        }

        const view = pattern().subarray(5, 61);
        const toAlice = scope.next(alice.socket, "partyData", (d) => d.op_code === "2");
        const toCarol = scope.next(carol.socket, "partyData", (d) => d.op_code === "2");
        await bob.socket.sendPartyData(party.party_id, 2, view);
        for (const data of await Promise.all([toAlice, toCarol])) {
          assert.equal(data.party_id, party.party_id);
          assert.equal(data.presence.user_id, bob.userId);
          assert.ok(data.data instanceof Uint8Array);
          assert.deepEqual([...data.data], [...view]);
        }
        const toBob = scope.next(bob.socket, "partyData", (d) => d.op_code === "9007199254740993");
        await alice.socket.sendPartyData(party.party_id, 9007199254740993n, "hi party ✓");
        assert.equal(decodeText((await toBob).data), "hi party ✓");

        const carolLeaves = scope.next(
          alice.socket,
          "partyPresence",
          (e) => !!e.leaves?.some((p) => p.user_id === carol.userId),
        );
        await carol.socket.leaveParty(party.party_id);
        await carolLeaves;

        const closed = scope.next(bob.socket, "partyClose", (c) => c.party_id === party.party_id);
        await alice.socket.closeParty(party.party_id);
        await closed;
        await assert.rejects(bob.socket.sendPartyData(party.party_id, 1, "late"), (error: unknown) => {
          assert.ok(error instanceof NakamaError, `expected a NakamaError, got ${error}`);
          assert.equal(error.grpcCode, 3);
          assert.deepEqual(error.data, { code: 3, message: "Error sending party data: party not found" });
          return true;
        });
      } finally {
        await scope.close();
      }
    },
  );

  it("status: followUsers(), then updateStatus() reaches the follower as statusPresence events", TEST, async () => {
    const scope = new Scope();
    try {
      const alice = await player(scope, "statusA", { appearOnline: true });
      const bob = await player(scope, "statusB");
      const status = await bob.socket.followUsers([alice.userId]);
      const online = status.presences?.find((p) => p.user_id === alice.userId);
      assert.ok(online, "alice appears online to her new follower");
      assert.equal(online.username, alice.username);

      const text = "In the lobby 🎮";
      const update = scope.next(
        bob.socket,
        "statusPresence",
        (e) => !!e.joins?.some((p) => p.user_id === alice.userId),
      );
      await alice.socket.updateStatus(text);
      const joined = await update;
      assert.equal(joined.joins?.find((p) => p.user_id === alice.userId)?.status, text);

      const offline = scope.next(
        bob.socket,
        "statusPresence",
        (e) => !!e.leaves?.some((p) => p.user_id === alice.userId),
      );
      await alice.socket.updateStatus();
      const left = await offline;
      assert.equal(left.joins, undefined, "appearing offline is a leave only");
      assert.equal(left.leaves?.find((p) => p.user_id === alice.userId)?.status, text);

      await bob.socket.unfollowUsers([alice.userId]);
    } finally {
      await scope.close();
    }
  });

  it(
    `rpc(): calls ${RPC_ID ?? "NAKAMA_RPC_ID"} over the socket`,
    { ...TEST, skip: RPC_ID ? false : "NAKAMA_RPC_ID is not set" },
    async () => {
      const scope = new Scope();
      try {
        const alice = await player(scope, "rpc");
        const payload = { hello: "world", n: 1, text: "ünïcödé ✓" };
        const reply = await alice.socket.rpc(RPC_ID!, payload);
        assert.equal(reply.id, RPC_ID);
        if (RPC_ECHO) assert.deepEqual(JSON.parse(reply.payload!), payload);
      } finally {
        await scope.close();
      }
    },
  );

  it("ping() resolves, and rpc() of an unknown function rejects with a NakamaError", TEST, async () => {
    const scope = new Scope();
    try {
      const alice = await player(scope, "ping");
      assert.equal(await alice.socket.ping(), undefined);
      await assert.rejects(alice.socket.rpc(unique("nakama_ts_no_such_rpc")), (error: unknown) => {
        assert.ok(error instanceof NakamaError, `expected a NakamaError, got ${error}`);
        assert.equal(error.grpcCode, 5);
        assert.deepEqual(error.data, { code: 6, message: "RPC function not found" });
        return true;
      });
      assert.equal(alice.socket.isConnected, true, "a refused request leaves the connection open");
    } finally {
      await scope.close();
    }
  });
});
