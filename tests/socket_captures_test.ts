/**
 * Replays the realtime traffic recorded from a real Nakama 3.18 server (../shared/captures/nakama-3.18/realtime/)
 * through the public `Socket`, with an injected WebSocket that plays the server's side. For each recorded socket,
 * every client frame is produced by the matching public method and checked against the recorded frame; every
 * server frame is delivered as recorded, and the test checks that each reply settles its call with the recorded
 * payload (or a `NakamaError` with the recorded code and message), that each push arrives as the matching event,
 * and that a server close reaches `disconnect` and the pending calls.
 *
 * Frames no public method produces (malformed frames, a cid-less ping, an `http_key` on RPC, a client `pong`, an
 * empty `match_join`) are skipped: nothing is sent for them, and their replies then count as replies nobody waits
 * for. Failed upgrades (no frames at all) are not replayed.
 */

import { describe, it, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { NakamaError, Session, Socket, type SocketEventMap, type WebSocketLike } from "../mod.ts";

// ------------------------------------------------------------------ the capture files

interface Header {
  flow: string;
  connect_url_query: Record<string, string>;
  sockets: Record<string, { user_id: string; username: string; connect_url_query?: Record<string, string> }>;
}

// deno-lint-ignore no-explicit-any
type Frame = Record<string, any>;

interface Line {
  dir: "c2s" | "s2c" | "close" | "upgrade_failed" | "note";
  sock?: string;
  frame?: Frame | string;
  binary?: boolean;
  code?: number;
  reason?: string;
  initiated_by?: "client" | "server";
}

function findCaptures(): string | undefined {
  let dir = new URL("./", import.meta.url);
  for (let i = 0; i < 6; i++) {
    const candidate = new URL("../shared/captures/nakama-3.18/realtime/", dir);
    if (existsSync(fileURLToPath(candidate))) return fileURLToPath(candidate);
    dir = new URL("../", dir);
  }
  return undefined;
}

// ------------------------------------------------------------------ the replayed server

/** Plays one recorded socket's server side, checking each frame the client sends. */
class ReplayServer {
  readonly #lines: Line[];
  #pos = 0;
  readonly cids = new Map<string, string>();
  readonly mismatches: string[] = [];
  ws: ReplayWebSocket | undefined;
  url = "";

  constructor(lines: Line[]) {
    this.#lines = lines;
  }

  /** Delivers the server frames up to the next client frame (or to the end). */
  deliver(): void {
    while (this.#pos < this.#lines.length && this.#lines[this.#pos].dir === "s2c") {
      const frame = { ...(this.#lines[this.#pos++].frame as Frame) };
      if (typeof frame.cid === "string") frame.cid = this.cids.get(frame.cid) ?? `unmapped-${frame.cid}`;
      this.ws?.receive(JSON.stringify(frame));
    }
  }

  /** The next client frame the recording expects. */
  peek(): Line | undefined {
    return this.#lines[this.#pos]?.dir === "c2s" ? this.#lines[this.#pos] : undefined;
  }

  /** The recording's next client frame is one no method produces: pass it and deliver what followed it. */
  skip(): void {
    this.#pos++;
    this.deliver();
  }

  /** A frame the client sent. */
  sent(text: string): void {
    const expected = this.peek();
    const actual = JSON.parse(text);
    if (!expected) {
      this.mismatches.push(`unexpected frame ${text}`);
      return;
    }
    this.#pos++;
    const recorded = expected.frame as Frame;
    if ("match_data_send" in recorded) {
      // Never replied to, so the SDK sends it without a cid even where the recording's driver added one.
      if (actual.cid !== undefined) this.mismatches.push(`unexpected cid in ${text}`);
    } else if (typeof recorded.cid === "string") {
      if (typeof actual.cid !== "string") this.mismatches.push(`missing cid in ${text}`);
      else this.cids.set(recorded.cid, actual.cid);
    } else if (actual.cid !== undefined) {
      this.mismatches.push(`unexpected cid in ${text}`);
    }
    const want = normalise(recorded);
    const got = normalise(actual);
    try {
      assert.deepEqual(got, want);
    } catch {
      this.mismatches.push(`sent ${JSON.stringify(got)}, recorded ${JSON.stringify(want)}`);
    }
    this.deliver();
  }

  /** The recorded end: the rest of the frames, then the close. */
  finish(): { code: number; reason: string; byServer: boolean } | undefined {
    this.deliver();
    const close = this.#lines.find((l) => l.dir === "close");
    if (close?.initiated_by === "server") {
      this.ws?.serverClose(close.code ?? 1005, close.reason ?? "");
      return { code: close.code ?? 1005, reason: close.reason ?? "", byServer: true };
    }
    return close ? { code: close.code ?? 1000, reason: close.reason ?? "", byServer: false } : undefined;
  }
}

/** protobuf-JSON equivalence: `cid` aside, int64 as strings, and `reliable: false` is the same as no field. */
function normalise(frame: Frame): Frame {
  const { cid: _cid, ...rest } = frame;
  const [key] = Object.keys(rest);
  const body = { ...rest[key] };
  if (body.op_code !== undefined) body.op_code = String(body.op_code);
  if (body.reliable === false) delete body.reliable;
  return { [key]: body };
}

class ReplayWebSocket implements WebSocketLike {
  binaryType = "blob";
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  readonly #server: ReplayServer;

  constructor(server: ReplayServer, url: string) {
    this.#server = server;
    server.ws = this;
    server.url = url;
    setTimeout(() => {
      this.readyState = 1;
      this.onopen?.({});
      server.deliver();
    }, 0);
  }

  receive(text: string): void {
    if (this.readyState === 1) this.onmessage?.({ data: text });
  }

  send(text: string): void {
    this.#server.sent(text);
  }

  close(code = 1000, reason = ""): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    queueMicrotask(() => this.onclose?.({ code, reason }));
  }

  serverClose(code: number, reason: string): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    queueMicrotask(() => this.onclose?.({ code, reason }));
  }
}

// ------------------------------------------------------------------ driving the public API

function fakeSession(userId: string, username: string): Session {
  const encode = (value: unknown) =>
    btoa(JSON.stringify(value)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  const claims = { tid: crypto.randomUUID(), uid: userId, usn: username, exp: 4102444800 };
  return Session.restore(`${encode({ alg: "HS256", typ: "JWT" })}.${encode(claims)}.c2lnbmF0dXJl`);
}

function bytes(base64: string | undefined): Uint8Array | undefined {
  if (!base64) return undefined;
  return Uint8Array.from(atob(base64.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
}

const MATCHMAKER = ["min_count", "max_count", "query", "string_properties", "numeric_properties", "count_multiple"];

/** The fields each public method can put in its message (a recorded frame with others cannot be produced). */
const PRODUCIBLE: Record<string, string[]> = {
  ping: [],
  rpc: ["id", "payload"],
  channel_join: ["target", "type", "persistence", "hidden"],
  channel_leave: ["channel_id"],
  channel_message_send: ["channel_id", "content"],
  channel_message_update: ["channel_id", "message_id", "content"],
  channel_message_remove: ["channel_id", "message_id"],
  match_create: ["name"],
  match_join: ["match_id", "token", "metadata"],
  match_leave: ["match_id"],
  match_data_send: ["match_id", "op_code", "data", "presences", "reliable"],
  matchmaker_add: MATCHMAKER,
  matchmaker_remove: ["ticket"],
  status_follow: ["user_ids", "usernames"],
  status_unfollow: ["user_ids"],
  status_update: ["status"],
  party_create: ["open", "max_size", "label", "hidden"],
  party_join: ["party_id"],
  party_leave: ["party_id"],
  party_promote: ["party_id", "presence"],
  party_accept: ["party_id", "presence"],
  party_remove: ["party_id", "presence"],
  party_close: ["party_id"],
  party_join_request_list: ["party_id"],
  party_data_send: ["party_id", "op_code", "data"],
  party_matchmaker_add: ["party_id", ...MATCHMAKER],
  party_matchmaker_remove: ["party_id", "ticket"],
};

/** Requests whose reply is an empty envelope: their methods resolve with nothing. */
const EMPTY_REPLIES = new Set([
  "ping",
  "channel_leave",
  "match_leave",
  "matchmaker_remove",
  "party_matchmaker_remove",
  "status_unfollow",
  "status_update",
  "party_join",
  "party_leave",
  "party_promote",
  "party_accept",
  "party_remove",
  "party_data_send",
  "party_close",
]);

/** The public call that produces a recorded client frame, or undefined when none does. */
function callFor(socket: Socket, frame: Frame | string): (() => Promise<unknown>) | undefined {
  if (typeof frame !== "object" || "binary_frame_hex" in frame) return undefined;
  const { cid, ...rest } = frame;
  const keys = Object.keys(rest);
  if (keys.length !== 1) return undefined;
  const key = keys[0];
  const m = rest[key] ?? {};
  const fields = PRODUCIBLE[key];
  if (!fields || !Object.keys(m).every((f) => fields.includes(f))) return undefined;
  // Every request but match data carries a cid; a recorded one without could not come from the SDK.
  if (typeof cid !== "string" && key !== "match_data_send") return undefined;
  switch (key) {
    case "ping":
      return () => socket.ping();
    case "rpc":
      if (m.id === "") return undefined;
      return () => socket.rpc(m.id, m.payload);
    case "channel_join":
      return () => socket.joinChat(m.target, m.type, { persistence: m.persistence, hidden: m.hidden });
    case "channel_leave":
      return () => socket.leaveChat(m.channel_id);
    case "channel_message_send":
      return () => socket.writeChatMessage(m.channel_id, m.content);
    case "channel_message_update":
      return () => socket.updateChatMessage(m.channel_id, m.message_id, m.content);
    case "channel_message_remove":
      return () => socket.removeChatMessage(m.channel_id, m.message_id);
    case "match_create":
      return () => socket.createMatch(m.name);
    case "match_join":
      if (!m.match_id && !m.token) return undefined;
      return () => socket.joinMatch(m.token ? { token: m.token } : m.match_id, { metadata: m.metadata });
    case "match_leave":
      return () => socket.leaveMatch(m.match_id);
    case "match_data_send":
      return () =>
        socket.sendMatchState(m.match_id, m.op_code, bytes(m.data), { presences: m.presences, reliable: m.reliable });
    case "matchmaker_add":
      return () =>
        socket.addMatchmaker(m.query, m.min_count, m.max_count, {
          stringProperties: m.string_properties,
          numericProperties: m.numeric_properties,
          countMultiple: m.count_multiple,
        });
    case "matchmaker_remove":
      return () => socket.removeMatchmaker(m.ticket);
    case "status_follow":
      return () => socket.followUsers(m.user_ids ?? [], { usernames: m.usernames });
    case "status_unfollow":
      return () => socket.unfollowUsers(m.user_ids);
    case "status_update":
      return () => socket.updateStatus(m.status);
    case "party_create":
      return () => socket.createParty(m.open, m.max_size, { label: m.label, hidden: m.hidden });
    case "party_join":
      return () => socket.joinParty(m.party_id);
    case "party_leave":
      return () => socket.leaveParty(m.party_id);
    case "party_promote":
      return () => socket.promotePartyMember(m.party_id, m.presence);
    case "party_accept":
      return () => socket.acceptPartyMember(m.party_id, m.presence);
    case "party_remove":
      return () => socket.removePartyMember(m.party_id, m.presence);
    case "party_close":
      return () => socket.closeParty(m.party_id);
    case "party_join_request_list":
      return () => socket.listPartyJoinRequests(m.party_id);
    case "party_data_send":
      return () => socket.sendPartyData(m.party_id, m.op_code, bytes(m.data));
    case "party_matchmaker_add":
      return () =>
        socket.addMatchmakerParty(m.party_id, m.query, m.min_count, m.max_count, {
          stringProperties: m.string_properties,
          numericProperties: m.numeric_properties,
          countMultiple: m.count_multiple,
        });
    case "party_matchmaker_remove":
      return () => socket.removeMatchmakerParty(m.party_id, m.ticket);
    default:
      return undefined;
  }
}

const EVENT_NAMES: Record<string, keyof SocketEventMap> = {
  channel_message: "channelMessage",
  channel_presence_event: "channelPresence",
  match_data: "matchData",
  match_presence_event: "matchPresence",
  matchmaker_matched: "matchmakerMatched",
  status_presence_event: "statusPresence",
  stream_data: "streamData",
  stream_presence_event: "streamPresence",
  party: "party",
  party_close: "partyClose",
  party_data: "partyData",
  party_join_request: "partyJoinRequest",
  party_leader: "partyLeader",
  party_matchmaker_ticket: "partyMatchmakerTicket",
  party_presence_event: "partyPresence",
};

/** The events the recorded pushes must become, in order. */
function expectedEvents(lines: Line[]): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const line of lines) {
    if (line.dir !== "s2c") continue;
    const frame = line.frame as Frame;
    if (typeof frame.cid === "string") continue;
    const [key] = Object.keys(frame);
    if (key === "notifications") {
      for (const n of frame.notifications.notifications) out.push(["notification", n]);
    } else if (key === "match_data" || key === "party_data") {
      const m = frame[key];
      out.push([EVENT_NAMES[key], { ...m, op_code: m.op_code ?? "0", data: [...(bytes(m.data) ?? [])] }]);
    } else if (key === "error") {
      out.push(["error", frame.error]);
    } else if (key in EVENT_NAMES) {
      out.push([EVENT_NAMES[key], frame[key]]);
    }
  }
  return out;
}

async function replaySocket(header: Header, name: string, lines: Line[]): Promise<void> {
  const server = new ReplayServer(lines.filter((l) => l.sock === name && l.dir !== "note"));
  const meta = header.sockets[name];
  const query = meta.connect_url_query ?? header.connect_url_query;
  const WebSocket = function (url: string) {
    return new ReplayWebSocket(server, url);
  } as unknown as new (url: string) => WebSocketLike;
  const socket = new Socket({ baseUrl: "http://127.0.0.1:7350" }, { WebSocket, heartbeatIntervalMs: 0 });
  const events: Array<[string, unknown]> = [];
  for (const event of [...new Set(Object.values(EVENT_NAMES)), "notification" as const]) {
    socket.on(event, (payload) => {
      const value = event === "matchData" || event === "partyData"
        ? { ...(payload as { data: Uint8Array }), data: [...(payload as { data: Uint8Array }).data] }
        : payload;
      events.push([event, value]);
    });
  }
  socket.on("error", (error) => events.push(["error", (error as NakamaError).data]));
  const disconnects: SocketEventMap["disconnect"][] = [];
  socket.on("disconnect", (event) => void disconnects.push(event));

  const session = fakeSession(meta.user_id, meta.username);
  await socket.connect(session, { appearOnline: query.status === "true", langTag: query.lang });
  const url = new URL(server.url);
  assert.equal(url.pathname, "/ws");
  assert.equal(url.searchParams.get("lang"), query.lang);
  assert.equal(url.searchParams.get("status"), query.status);
  assert.equal(url.searchParams.get("token"), session.token);

  const checks: Promise<void>[] = [];
  for (let next = server.peek(); next; next = server.peek()) {
    const call = callFor(socket, next.frame!);
    if (!call) {
      server.skip();
      continue;
    }
    const frame = next.frame as Frame;
    const recordedCid = frame.cid as string | undefined;
    const reply = recordedCid === undefined
      ? undefined
      : lines.find((l) => l.sock === name && l.dir === "s2c" && (l.frame as Frame).cid === recordedCid);
    const outcome = call();
    checks.push(outcome.then(
      (value) => {
        if ("match_data_send" in frame) return assert.equal(value, undefined);
        const requestKey = Object.keys(frame).find((k) => k !== "cid")!;
        assert.ok(reply, `no recorded reply for ${JSON.stringify(frame)}`);
        const { cid: _cid, ...body } = reply!.frame as Frame;
        const [key] = Object.keys(body);
        assert.ok(key !== "error", `expected ${JSON.stringify(body)}, got ${JSON.stringify(value)}`);
        const wanted = key === undefined || EMPTY_REPLIES.has(requestKey) ? undefined : body[key];
        if (EMPTY_REPLIES.has(requestKey)) assert.ok(key === undefined || key === "pong", `empty reply expected`);
        assert.deepEqual(value, wanted, `reply to ${JSON.stringify(frame)}`);
      },
      (error) => {
        const recorded = reply ? (reply.frame as Frame).error : undefined;
        if (recorded) {
          assert.ok(error instanceof NakamaError, `expected a NakamaError, got ${error}`);
          assert.deepEqual(error.data, { code: recorded.code ?? 0, message: recorded.message });
          assert.equal(error.cid, server.cids.get(recordedCid!));
        } else {
          // No recorded reply: the recording ends with the server closing the connection.
          assert.equal((error as Error).name, "ConnectionClosedError", `${JSON.stringify(frame)}: ${error}`);
        }
      },
    ));
  }
  const end = server.finish();
  if (end?.byServer) {
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  await Promise.all(checks);
  await socket.close();
  assert.deepEqual(server.mismatches, []);
  assert.deepEqual(events, expectedEvents(server === undefined ? [] : lines.filter((l) => l.sock === name)));
  if (end?.byServer) {
    assert.deepEqual(disconnects[0], { code: end.code, reason: end.reason, byApp: false });
  } else {
    assert.deepEqual(disconnects, [{ code: 1000, reason: "", byApp: true }]);
  }
}

// ------------------------------------------------------------------ the tests

const capturesDir = findCaptures();
if (capturesDir === undefined) {
  test("Socket replays the Nakama 3.18 realtime captures", {
    skip: "captures folder not found (expected ../shared/captures beside the project root)",
  }, () => {});
} else {
  const files = readdirSync(capturesDir).filter((f) => f.endsWith(".jsonl")).sort();
  describe("Socket replays the Nakama 3.18 realtime captures", () => {
    for (const file of files) {
      const [header, ...lines] = readFileSync(`${capturesDir}/${file}`, "utf8").trim().split("\n").map((l) =>
        JSON.parse(l)
      ) as [Header, ...Line[]];
      for (const name of Object.keys(header.sockets)) {
        const own = lines.filter((l) => l.sock === name);
        const title = `${header.flow} socket ${name}`;
        if (own.some((l) => l.dir === "upgrade_failed")) {
          it(title, { skip: "a failed upgrade: no frames to replay" }, () => {});
          continue;
        }
        it(title, () => replaySocket(header, name, lines));
      }
    }
  });
}
