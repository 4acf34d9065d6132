/**
 * Hardening (issue 7): property and fuzz tests, 10,000 cases each, from a seeded PRNG. A failing case prints the
 * seed; `HARDENING_SEED=<seed>` replays the run.
 *
 * - REST and Satori replies: mutated bodies recorded from a real Nakama 3.18 (../shared/captures), random JSON and
 *   random bytes, with random statuses and headers, served by an injected `fetch`: every call settles with a valid
 *   result or a NakamaError subclass, never another exception, a hang or an unhandled rejection.
 * - Socket frames: mutated captured frames, random JSON and random bytes, fed through the socket's real receive path
 *   (an in-memory WebSocket passed as the `WebSocket` option), some answering a pending request: dispatch never
 *   throws, every event that reports a problem is a NakamaError, every request settles, and the socket still works.
 * - JWT decoding: `Session.restore` of random and mutated tokens gives a Session or an InvalidResponseError.
 * - Base64: random bytes and sub-arrays at a non-zero byteOffset round-trip through `sendMatchState` and back
 *   through the receive path, exactly.
 * - UTF-8: random Unicode strings (astral characters included) round-trip the same way, and through token claims.
 *
 * Every case runs without network or timers, so each property takes well under 2 s on every runtime.
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  Client,
  decodeText,
  type FetchLike,
  InvalidResponseError,
  Session,
  type Socket,
  type SocketEventMap,
} from "../mod.ts";
import { SatoriClient } from "../satori.ts";
import {
  guarded,
  HungError,
  isTyped,
  jwt,
  MemoryWebSocket,
  offlineToken,
  property,
  Random,
  SEED,
  watchUnhandledRejections,
} from "./support/hardening.ts";

const CASES = 10_000;
const capturesUrl = new URL("../../shared/captures/nakama-3.18/", import.meta.url);
const capturesFound = existsSync(fileURLToPath(capturesUrl));
if (!capturesFound) {
  console.warn(`hardening_fuzz: no captures at ${fileURLToPath(capturesUrl)}; fuzzing random data only`);
}
console.log(`hardening_fuzz: HARDENING_SEED=${SEED}`);

// ------------------------------------------------------------------ the corpus

interface Reply {
  status: number;
  text: string;
}

function readRestReplies(): Reply[] {
  if (!capturesFound) return [];
  const dir = new URL("rest/", capturesUrl);
  const out: Reply[] = [];
  for (const name of readdirSync(fileURLToPath(dir)).filter((n) => n.endsWith(".json")).sort()) {
    const exchanges = JSON.parse(readFileSync(fileURLToPath(new URL(name, dir)), "utf8")) as {
      response: { status: number; body: unknown; body_format?: string };
    }[];
    for (const { response } of exchanges) {
      const text = response.body_format === "text"
        ? String(response.body)
        : response.body === null
        ? ""
        : JSON.stringify(response.body);
      out.push({ status: response.status, text });
    }
  }
  return out;
}

function readFrames(): string[] {
  if (!capturesFound) return [];
  const dir = new URL("realtime/", capturesUrl);
  const out: string[] = [];
  for (const name of readdirSync(fileURLToPath(dir)).filter((n) => n.endsWith(".jsonl")).sort()) {
    for (const line of readFileSync(fileURLToPath(new URL(name, dir)), "utf8").split("\n")) {
      if (line.trim() === "") continue;
      const entry = JSON.parse(line) as { dir?: string; frame?: unknown };
      if (entry.dir !== "s2c" || entry.frame === undefined) continue;
      out.push(typeof entry.frame === "string" ? entry.frame : JSON.stringify(entry.frame));
    }
  }
  return out;
}

function collectTokens(replies: Reply[]): string[] {
  const tokens = new Set<string>();
  for (const { text } of replies) for (const match of text.matchAll(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g)) tokens.add(match[0]);
  return [...tokens];
}

const REPLIES = readRestReplies();
const FRAMES = readFrames();
const TOKENS = collectTokens(REPLIES);
const REPLY_TEXTS = REPLIES.map((reply) => reply.text);

// ------------------------------------------------------------------ generators

const HOSTILE_KEYS = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "then"];
const JSON_KEYS = [
  "token",
  "refresh_token",
  "user",
  "id",
  "cid",
  "code",
  "message",
  "error",
  "data",
  "op_code",
  "flags",
  "value",
  "match_data",
  "notifications",
  "presences",
  "payload",
  "exp",
  "created",
  ...HOSTILE_KEYS,
];

/** A Unicode string: ASCII, Latin-1, the BMP (no surrogates) and astral characters, with combining marks. */
function unicode(random: Random, max = 24): string {
  let out = "";
  const length = random.int(max + 1);
  for (let i = 0; i < length; i++) {
    const kind = random.int(6);
    let cp: number;
    if (kind === 0) cp = 0x20 + random.int(0x5f);
    else if (kind === 1) cp = random.int(0x100);
    else if (kind === 2) {
      cp = random.int(0xd800);
    } else if (kind === 3) cp = 0xe000 + random.int(0x2000);
    else if (kind === 4) cp = 0x10000 + random.int(0x100000);
    else cp = random.pick([0x0301, 0x200d, 0xfe0f, 0x1f600, 0x1f469, 0x10ffff, 0xfeff, 0]);
    out += String.fromCodePoint(cp);
  }
  return out;
}

function randomJson(random: Random, depth = 0): unknown {
  const kind = random.int(depth > 3 ? 6 : 9);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return random.chance(0.5);
    case 2:
      return random.pick([0, -1, 1.5, 2 ** 53 + 1, -(2 ** 63), 1e308, -1e-308, random.int(1e9)]);
    case 3:
      return unicode(random, 12);
    case 4:
      return random.pick(["", "eyJ", "9223372036854775807", "AAAA", "!!!", "null", "{}", "\u0000", "=="]);
    case 5:
      return random.pick(HOSTILE_KEYS);
    case 6:
    case 7: {
      const out: Record<string, unknown> = {};
      for (let i = random.int(4); i > 0; i--) {
        Object.defineProperty(out, random.pick(JSON_KEYS), {
          value: randomJson(random, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    default:
      return Array.from({ length: random.int(4) }, () => randomJson(random, depth + 1));
  }
}

/** Replaces one value somewhere in a parsed JSON document (objects keep hostile keys as own properties). */
function mutateTree(random: Random, value: unknown): unknown {
  if (value === null || typeof value !== "object" || random.chance(0.25)) return randomJson(random);
  if (Array.isArray(value)) {
    if (value.length === 0 || random.chance(0.2)) return [...value, randomJson(random)];
    const copy = [...value];
    const i = random.int(copy.length);
    if (random.chance(0.2)) copy.splice(i, 1);
    else copy[i] = mutateTree(random, copy[i]);
    return copy;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const out: Record<string, unknown> = {};
  const target = entries.length === 0 ? -1 : random.int(entries.length);
  entries.forEach(([key, item], i) => {
    if (i === target && random.chance(0.2)) return; // dropped
    const next = i === target ? mutateTree(random, item) : item;
    Object.defineProperty(out, key, { value: next, enumerable: true, writable: true, configurable: true });
  });
  if (random.chance(0.15)) {
    Object.defineProperty(out, random.pick(JSON_KEYS), {
      value: randomJson(random),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

const TOKENS_TO_INSERT = ['"', "{", "}", "[", "]", ":", ",", "\\", "\\u", "\u0000", "null", "1e999", "-", "\ud800"];

/** A character-level mutation: flips, deletions, insertions, duplications, truncation. */
function mutateText(random: Random, text: string): string {
  let out = text;
  for (let n = 1 + random.int(3); n > 0; n--) {
    const at = random.int(out.length + 1);
    switch (random.int(5)) {
      case 0:
        out = out.slice(0, at) + String.fromCharCode(random.int(0x80)) + out.slice(at + 1);
        break;
      case 1:
        out = out.slice(0, at) + out.slice(at + 1 + random.int(8));
        break;
      case 2:
        out = out.slice(0, at) + random.pick(TOKENS_TO_INSERT) + out.slice(at);
        break;
      case 3:
        out = out.slice(0, at) + out.slice(at, at + random.int(16)) + out.slice(at);
        break;
      default:
        out = out.slice(0, at);
    }
  }
  return out;
}

/** A body: a mutated capture (text or tree), random JSON, random bytes, or a degenerate document. */
function body(random: Random, corpus: readonly string[]): string | Uint8Array {
  const roll = random.int(10);
  if (corpus.length > 0 && roll < 4) return mutateText(random, random.pick(corpus));
  if (corpus.length > 0 && roll < 7) {
    const source = random.pick(corpus);
    try {
      return JSON.stringify(mutateTree(random, JSON.parse(source)));
    } catch {
      return mutateText(random, source);
    }
  }
  if (roll === 7) return JSON.stringify(randomJson(random));
  if (roll === 8) return random.bytes(random.int(64));
  return random.pick(["", " ", "null", "[]", "0", '"text"', "{}", "{", "\ufeff{}", "true", '{"__proto__":{"x":1}}']);
}

// ------------------------------------------------------------------ REST and Satori replies

const STATUSES = [200, 200, 200, 201, 204, 299, 301, 400, 401, 404, 409, 413, 418, 429, 500, 502, 503, 504, 599];

/** A fetch that answers every request with a fuzzed reply, a network failure, or a body that fails midway. */
function fuzzedFetch(random: Random): FetchLike {
  return () => {
    const roll = random.int(40);
    if (roll === 0) return Promise.reject(new TypeError("fetch failed"));
    if (roll === 1) throw new TypeError("synchronous fetch failure");
    const capture = REPLIES.length > 0 && random.chance(0.6) ? random.pick(REPLIES) : undefined;
    const status = capture && random.chance(0.7) ? capture.status : random.pick(STATUSES);
    const headers: Record<string, string> = {
      "content-type": random.pick(["application/json", "text/html", "text/plain"]),
    };
    if (random.chance(0.1)) {
      headers["retry-after"] = random.pick(["0", "1", "99999999999999999999", "soon", "Wed, 21 Oct 2015 07:28:00 GMT"]);
    }
    const text = capture && random.chance(0.3) ? capture.text : body(random, REPLY_TEXTS);
    const nullBody = status === 204 || status === 205 || status === 304;
    if (roll === 2 && !nullBody) {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(typeof text === "string" ? new TextEncoder().encode(text) : text);
          controller.error(new TypeError("connection reset"));
        },
      });
      return Promise.resolve(new Response(stream, { status, headers }));
    }
    return Promise.resolve(new Response(nullBody ? null : text as BodyInit, { status, headers }));
  };
}

const TOKEN = offlineToken();
const REFRESH = offlineToken();

type Call = (c: Client, s: Session, signal: AbortSignal) => Promise<unknown>;
const NAKAMA_CALLS: [string, Call][] = [
  ["authenticateDevice", (c, _s, signal) => c.authenticateDevice("fuzz-device-0001", { signal })],
  ["authenticateEmail", (c, _s, signal) => c.authenticateEmail("a@example.com", "password1", { signal })],
  ["authenticateCustom", (c, _s, signal) => c.authenticateCustom("fuzz-custom", { create: true, signal })],
  ["sessionRefresh", (c, s, signal) => c.sessionRefresh(s, { signal })],
  ["sessionLogout", (c, s, signal) => c.sessionLogout(s, { signal })],
  ["getAccount", (c, s, signal) => c.getAccount(s, { signal })],
  ["updateAccount", (c, s, signal) => c.updateAccount(s, { username: "renamed", signal })],
  ["getUsers", (c, s, signal) => c.getUsers(s, { ids: ["a"], signal })],
  ["listFriends", (c, s, signal) => c.listFriends(s, { signal })],
  ["createGroup", (c, s, signal) => c.createGroup(s, "group", { signal })],
  ["listGroups", (c, s, signal) => c.listGroups(s, { name: "g%", signal })],
  ["listUserGroups", (c, s, signal) => c.listUserGroups(s, { signal })],
  ["readStorageObjects", (c, s, signal) => c.readStorageObjects(s, [{ collection: "c", key: "k" }], { signal })],
  [
    "writeStorageObjects",
    (c, s, signal) => c.writeStorageObjects(s, [{ collection: "c", key: "k", value: {} }], { signal }),
  ],
  ["listStorageObjects", (c, s, signal) => c.listStorageObjects(s, "c", { signal })],
  ["writeLeaderboardRecord", (c, s, signal) => c.writeLeaderboardRecord(s, "board", 10, { signal })],
  ["listLeaderboardRecords", (c, s, signal) => c.listLeaderboardRecords(s, "board", { signal })],
  ["listTournaments", (c, s, signal) => c.listTournaments(s, { signal })],
  ["listNotifications", (c, s, signal) => c.listNotifications(s, { signal })],
  ["listChannelMessages", (c, s, signal) => c.listChannelMessages(s, "2...room", { signal })],
  ["listMatches", (c, s, signal) => c.listMatches(s, { signal })],
  ["linkDevice", (c, s, signal) => c.linkDevice(s, "fuzz-device-0002", { signal })],
  ["rpc", (c, s, signal) => c.rpc(s, "echo", { a: 1 }, { signal })],
  ["rpcHttpKey", (c, _s, signal) => c.rpcHttpKey("httpkey", "echo", "x", { signal })],
  ["healthcheck", (c, _s, signal) => c.healthcheck({ signal })],
];

type SatoriCall = (c: SatoriClient, s: Session, signal: AbortSignal) => Promise<unknown>;
const SATORI_CALLS: [string, SatoriCall][] = [
  ["authenticate", (c, _s, signal) => c.authenticate("fuzz-identity-01", { signal })],
  ["sessionRefresh", (c, s, signal) => c.sessionRefresh(s, { signal })],
  ["identify", (c, s, signal) => c.identify(s, "fuzz-identity-02", { signal })],
  ["listProperties", (c, s, signal) => c.listProperties(s, { signal })],
  ["event", (c, s, signal) => c.event(s, { name: "fuzzed" }, { signal })],
  ["getFlags", (c, s, signal) => c.getFlags(s, { names: ["f"], signal })],
  ["getFlag", (c, s, signal) => c.getFlag(s, "f", { signal })],
  ["getFlag (default)", (c, s, signal) => c.getFlag(s, "f", { defaultValue: "d", signal })],
  ["getFlagDefault", (c, _s, signal) => c.getFlagDefault("f", { defaultValue: "d", signal })],
  ["getExperiments", (c, s, signal) => c.getExperiments(s, { names: ["e"], signal })],
  ["getLiveEvents", (c, s, signal) => c.getLiveEvents(s, { signal })],
  ["getMessageList", (c, s, signal) => c.getMessageList(s, { signal })],
];

/** Checks one settled call: a valid result (a Session where one is due) or a typed error; never a hang. */
function checkOutcome(name: string, value: unknown, error: unknown, failed: boolean): void {
  if (failed) {
    assert.ok(!(error instanceof HungError), `${name}() hung`);
    // The message is built only on failure: reading `stack` formats it, which costs more than the whole case.
    if (!isTyped(error)) assert.fail(`${name}() rejected with an untyped ${String((error as Error)?.stack ?? error)}`);
    return;
  }
  if (/^(authenticate|sessionRefresh|identify)/.test(name)) {
    assert.ok(value instanceof Session, `${name}() resolved with ${String(value)}`);
    assert.equal(typeof (value as Session).token, "string");
  }
}

const NO_WAIT_RETRY = { maxRetries: 0, maxRetryAfterMs: 0 };
const ONE_RETRY = { maxRetries: 1, baseDelayMs: 0, maxRetryAfterMs: 0 };

describe("fuzz: server replies", () => {
  it(`Client: ${CASES} mutated and random replies give only results or NakamaErrors`, async () => {
    const watcher = watchUnhandledRejections();
    const failures: Record<string, number> = {};
    let random!: Random;
    const fetch: FetchLike = (input, init) => fuzzedFetch(random)(input, init);
    const clients = [
      new Client({ fetch, retry: NO_WAIT_RETRY }),
      new Client({ fetch, retry: ONE_RETRY }),
    ];
    try {
      // One guard for the whole run: a call that hangs aborts through its signal and fails the property.
      await guarded((signal) =>
        property("rest replies", CASES, async (r) => {
          random = r;
          const client = clients[random.chance(0.02) ? 1 : 0];
          const session = Session.restore(TOKEN, REFRESH);
          const [name, call] = random.pick(NAKAMA_CALLS);
          let value: unknown, error: unknown, failed = false;
          try {
            value = await call(client, session, signal);
          } catch (e) {
            [error, failed] = [e, true];
            const kind = (e as Error)?.constructor?.name ?? "?";
            failures[kind] = (failures[kind] ?? 0) + 1;
          }
          checkOutcome(name, value, error, failed);
        })
      );
      await new Promise((resolve) => setTimeout(resolve, 0));
      assert.deepEqual(watcher.reasons, [], "no unhandled rejection");
    } finally {
      watcher.stop();
    }
    // The corpus reaches every kind of failure, not only one.
    for (const kind of ["NakamaError", "InvalidResponseError", "NetworkError"]) assert.ok(failures[kind] > 0, kind);
  });

  it(`SatoriClient: ${CASES} mutated and random replies give only results or NakamaErrors`, async () => {
    const watcher = watchUnhandledRejections();
    let random!: Random;
    const fetch: FetchLike = (input, init) => fuzzedFetch(random)(input, init);
    const clients = [
      new SatoriClient({ fetch, retry: NO_WAIT_RETRY }),
      new SatoriClient({ fetch, retry: ONE_RETRY }),
    ];
    try {
      await guarded((signal) =>
        property("satori replies", CASES, async (r) => {
          random = r;
          const client = clients[random.chance(0.02) ? 1 : 0];
          const session = Session.restore(TOKEN, REFRESH);
          const [name, call] = random.pick(SATORI_CALLS);
          let value: unknown, error: unknown, failed = false;
          try {
            value = await call(client, session, signal);
          } catch (e) {
            [error, failed] = [e, true];
          }
          checkOutcome(name, value, error, failed);
          if (!failed && /^getFlag( |Default|$)/.test(name)) {
            assert.equal(typeof value, "object", `${name}: ${JSON.stringify(value)}`);
            assert.notEqual(value, null);
          }
        })
      );
      await new Promise((resolve) => setTimeout(resolve, 0));
      assert.deepEqual(watcher.reasons, [], "no unhandled rejection");
    } finally {
      watcher.stop();
    }
  });
});

// ------------------------------------------------------------------ socket frames

const EVENTS: (keyof SocketEventMap)[] = [
  "connect",
  "disconnect",
  "reconnecting",
  "reconnected",
  "heartbeatTimeout",
  "error",
  "unknown",
  "channelMessage",
  "channelPresence",
  "matchData",
  "matchPresence",
  "matchmakerMatched",
  "matchmakerTicket",
  "notification",
  "statusPresence",
  "streamData",
  "streamPresence",
  "party",
  "partyClose",
  "partyData",
  "partyJoinRequest",
  "partyLeader",
  "partyMatchmakerTicket",
  "partyPresence",
  "partyUpdate",
];

/** A socket connected over an in-memory WebSocket, and that WebSocket. */
async function memorySocket(): Promise<{ socket: Socket; ws: MemoryWebSocket }> {
  const client = new Client({ fetch: () => Promise.reject(new TypeError("no network in this test")) });
  const socket = client.createSocket({ WebSocket: MemoryWebSocket, heartbeatIntervalMs: 0, sendTimeoutMs: 0 });
  await socket.connect(Session.restore(TOKEN, REFRESH));
  return { socket, ws: MemoryWebSocket.last };
}

type Request = (socket: Socket, signal: AbortSignal) => Promise<unknown>;
const REQUESTS: Request[] = [
  (s, signal) => s.rpc("echo", "x", { signal }),
  (s, signal) => s.ping({ signal }),
  (s, signal) => s.joinChat("room", 1, { signal }),
  (s, signal) => s.createMatch(undefined, { signal }),
  (s, signal) => s.joinMatch("m.", { signal }),
  (s, signal) => s.followUsers(["u"], { signal }),
  (s, signal) => s.followUsers([], { usernames: ["Name"], signal }),
  (s, signal) => s.createParty(true, 4, { signal }),
  (s, signal) => s.listPartyJoinRequests("p", { signal }),
  (s, signal) => s.addMatchmaker("*", 2, 4, { signal }),
  (s, signal) => s.writeChatMessage("c", { t: 1 }, { signal }),
  (s, signal) => s.updateStatus("busy", { signal }),
];

describe("fuzz: socket frames", () => {
  let socket: Socket;
  let ws: MemoryWebSocket;
  before(async () => {
    ({ socket, ws } = await memorySocket());
  });
  after(() => socket.close());

  it(`Socket: ${CASES} mutated and random frames never break dispatch; requests settle typed`, async () => {
    const watcher = watchUnhandledRejections();
    const seen: Record<string, number> = {};
    // Problems are collected, not thrown: the socket catches what a listener throws (and reports it as an event).
    const problems: string[] = [];
    const offs = EVENTS.map((name) =>
      socket.on(name, (event) => {
        seen[name] = (seen[name] ?? 0) + 1;
        if (name === "error" && !isTyped(event)) problems.push(`error event ${String(event)}`);
        if (name === "matchData" || name === "partyData") {
          const { data, op_code } = event as { data: unknown; op_code: unknown };
          if (!(data instanceof Uint8Array)) problems.push(`${name} data is not bytes`);
          if (typeof op_code !== "string") problems.push(`${name} op_code is not a string`);
        }
      })
    );
    try {
      await property("socket frames", CASES, async (random) => {
        const controller = new AbortController();
        let request: Promise<unknown> | undefined;
        let cid: string | undefined;
        if (random.chance(0.5)) {
          request = random.pick(REQUESTS)(socket, controller.signal);
          request.catch(() => {});
          cid = (JSON.parse(ws.sent[ws.sent.length - 1]) as { cid: string }).cid;
        }
        let frame: string | Uint8Array | ArrayBuffer = body(random, FRAMES);
        if (cid !== undefined && typeof frame === "string" && random.chance(0.6)) {
          try {
            const parsed = JSON.parse(frame);
            if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) {
              frame = JSON.stringify({ ...parsed, cid: random.chance(0.9) ? cid : randomJson(random) });
            }
          } catch { /* not JSON: sent as it is */ }
        }
        if (frame instanceof Uint8Array && random.chance(0.5)) frame = frame.slice().buffer;
        ws.receive(frame); // throws only if dispatch breaks
        assert.deepEqual(problems, [], `frame ${typeof frame === "string" ? frame.slice(0, 200) : "(bytes)"}`);
        if (request) {
          controller.abort(new HungError("left pending by the frame"));
          try {
            await request;
          } catch (error) {
            assert.ok(error instanceof HungError || isTyped(error), `request rejected with ${String(error)}`);
          }
        }
        ws.sent.length = 0;
      });
      await new Promise((resolve) => setTimeout(resolve, 0));
      assert.deepEqual(watcher.reasons, [], "no unhandled rejection");
    } finally {
      watcher.stop();
      for (const off of offs) off();
    }
    assert.equal(socket.state, "open");
    assert.equal(socket.stats.listenerErrors, 0, "no listener threw");
    assert.ok((seen.error ?? 0) > 0 && (seen.unknown ?? 0) > 0, JSON.stringify(seen));
    // Still a working socket: a ping gets its pong.
    const ping = socket.ping();
    const { cid } = JSON.parse(ws.sent[ws.sent.length - 1]) as { cid: string };
    ws.receive(JSON.stringify({ cid, pong: {} }));
    await ping;
  });
});

// ------------------------------------------------------------------ JWT decoding

describe("fuzz: JWT decoding", () => {
  it(`Session.restore: ${CASES} random and mutated tokens give a Session or an InvalidResponseError`, async () => {
    let sessions = 0;
    const pool = [...TOKENS, TOKEN];
    await property("jwt", CASES, (random) => {
      let token: string;
      const roll = random.int(5);
      if (roll === 0) token = unicode(random, 40) + (random.chance(0.5) ? "." : "") + unicode(random, 10);
      else if (roll === 1) token = mutateText(random, random.pick(pool));
      else if (roll === 2) {
        const claims = mutateTree(random, { exp: 2e9, uid: "u", usn: unicode(random), vrs: { k: "v" } });
        token = jwt(claims !== null && typeof claims === "object" ? claims as Record<string, unknown> : { v: claims });
      } else if (roll === 3) token = jwt(random.bytes(random.int(80)));
      else {
        const [header, payload, signature] = random.pick(pool).split(".");
        token = [header, mutateText(random, payload), signature].join(".");
      }
      const refresh = random.chance(0.2) ? mutateText(random, random.pick(pool)) : "";
      let session: Session;
      try {
        session = Session.restore(token, refresh);
      } catch (error) {
        assert.ok(error instanceof InvalidResponseError && isTyped(error), `threw ${String(error)}`);
        assert.ok(!error.message.includes(token) || token.length < 8, "the message never quotes the token");
        return;
      }
      sessions++;
      assert.equal(session.token, token);
      assert.ok(Number.isFinite(session.expiresAt));
      for (const key of ["userId", "username", "identityId", "sessionId"] as const) {
        assert.equal(typeof session[key], "string");
      }
      const vars = session.vars;
      assert.equal(Object.getPrototypeOf(vars), Object.prototype);
      for (const key of Object.keys(vars)) assert.equal(typeof vars[key], "string");
      assert.equal(typeof session.isExpired(), "boolean");
      assert.ok(!JSON.stringify(session).includes(token), "toJSON leaves the token out");
    });
    assert.ok(sessions > 0, "some fuzzed tokens still decode");
  });
});

// ------------------------------------------------------------------ base64 and UTF-8 round trips

/** An independent base64 encoder, to check the SDK's against. */
function referenceBase64(bytes: Uint8Array): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += alphabet[(n >> 18) & 63] + alphabet[(n >> 12) & 63];
    out += i + 1 < bytes.length ? alphabet[(n >> 6) & 63] : "=";
    out += i + 2 < bytes.length ? alphabet[n & 63] : "=";
  }
  return out;
}

describe("fuzz: payload round trips through the socket", () => {
  let socket: Socket;
  let ws: MemoryWebSocket;
  let received: SocketEventMap["matchData"][] = [];
  let off: () => void;
  before(async () => {
    ({ socket, ws } = await memorySocket());
    off = socket.on("matchData", (event) => void received.push(event));
  });
  after(async () => {
    off();
    await socket.close();
  });

  /** Sends with sendMatchState, checks the frame, then feeds it back as received match data. */
  async function roundTrip(data: Uint8Array | ArrayBuffer | string, opCode: bigint): Promise<{
    sent: Record<string, unknown>;
    event: SocketEventMap["matchData"];
  }> {
    ws.sent.length = 0;
    received = [];
    await socket.sendMatchState("m.", opCode, data);
    const sent = (JSON.parse(ws.sent[0]) as { match_data_send: Record<string, unknown> }).match_data_send;
    ws.receive(JSON.stringify({ match_data: { match_id: "m.", op_code: sent.op_code, data: sent.data } }));
    assert.equal(received.length, 1);
    return { sent, event: received[0] };
  }

  it(`base64: ${CASES} random byte arrays and sub-arrays at a non-zero byteOffset round-trip exactly`, async () => {
    await property("base64", CASES, async (random) => {
      const length = random.int(random.chance(0.1) ? 4096 : 96);
      const offset = 1 + random.int(15);
      const backing = random.bytes(offset + length + random.int(16));
      const view = backing.subarray(offset, offset + length);
      assert.ok(view.byteOffset > 0);
      const input = random.chance(0.15) ? view.slice().buffer : view;
      const opCode = BigInt.asIntN(64, BigInt(random.int(2 ** 31)) * BigInt(random.int(2 ** 31) + 1) - 2n ** 40n);
      const { sent, event } = await roundTrip(input, opCode);
      assert.equal(sent.data, length === 0 ? undefined : referenceBase64(view), "exactly the viewed bytes");
      assert.equal(sent.op_code, opCode.toString());
      assert.equal(event.op_code, opCode.toString());
      assert.deepEqual(event.data, view.slice(), "received bytes equal the sent ones");
    });
  });

  it(`UTF-8: ${CASES} random Unicode strings (astral included) round-trip through match data and token claims`, async () => {
    await property("utf-8", CASES, async (random) => {
      const text = unicode(random, 40);
      const { sent, event } = await roundTrip(text, 1n);
      const bytes = new TextEncoder().encode(text);
      assert.equal(sent.data, bytes.length === 0 ? undefined : referenceBase64(bytes));
      assert.equal(decodeText(event.data), text);
      if (random.chance(0.3)) {
        const session = Session.restore(jwt({ exp: 2e9, uid: text, usn: text, vrs: { [text]: text } }));
        assert.equal(session.username, text);
        assert.equal(session.userId, text);
        assert.equal(session.vars[text], text);
      }
    });
  });

  it("UTF-8: lone surrogates are sent as U+FFFD, as the Encoding standard requires", async () => {
    const { event } = await roundTrip("a\ud800b\udc00c", 1n);
    assert.equal(decodeText(event.data), "a\ufffdb\ufffdc");
  });
});

describe("fuzz: the PRNG is deterministic", () => {
  it("the same seed gives the same cases (so HARDENING_SEED replays a failure)", () => {
    const a = new Random(1234);
    const b = new Random(1234);
    assert.deepEqual(Array.from({ length: 8 }, () => a.int(1000)), Array.from({ length: 8 }, () => b.int(1000)));
    assert.ok(Number.isInteger(SEED));
  });
});
