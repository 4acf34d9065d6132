/**
 * The client->server messages Nakama 3.18 knows, with their fields, decoded the way protobuf-JSON does it: snake_case
 * or lowerCamelCase names, `null` = unset, integers as numbers or strings, and any unknown field (at the top or in a
 * nested presence) makes the whole frame malformed, which closes the connection.
 * @module
 */

type FieldType =
  | "string"
  | "bool"
  | "int32"
  | "int64"
  | "bytes"
  | "presence"
  | "presences"
  | "strings"
  | "stringMap"
  | "numberMap";

const PRESENCE: Record<string, FieldType> = {
  user_id: "string",
  session_id: "string",
  username: "string",
  persistence: "bool",
  status: "string",
};

const MATCHMAKER: Record<string, FieldType> = {
  min_count: "int32",
  max_count: "int32",
  query: "string",
  string_properties: "stringMap",
  numeric_properties: "numberMap",
  count_multiple: "int32",
};

/** Client messages of Nakama 3.18 (no `party_update`), by envelope key. */
export const CLIENT_MESSAGES: Record<string, Record<string, FieldType>> = {
  channel_join: { target: "string", type: "int32", persistence: "bool", hidden: "bool" },
  channel_leave: { channel_id: "string" },
  channel_message_send: { channel_id: "string", content: "string" },
  channel_message_update: { channel_id: "string", message_id: "string", content: "string" },
  channel_message_remove: { channel_id: "string", message_id: "string" },
  match_create: { name: "string" },
  match_data_send: { match_id: "string", op_code: "int64", data: "bytes", presences: "presences", reliable: "bool" },
  match_join: { match_id: "string", token: "string", metadata: "stringMap" },
  match_leave: { match_id: "string" },
  matchmaker_add: MATCHMAKER,
  matchmaker_remove: { ticket: "string" },
  rpc: { id: "string", payload: "string", http_key: "string" },
  status_follow: { user_ids: "strings", usernames: "strings" },
  status_unfollow: { user_ids: "strings" },
  status_update: { status: "string" },
  ping: {},
  pong: {},
  party_create: { open: "bool", max_size: "int32", label: "string", hidden: "bool" },
  party_join: { party_id: "string" },
  party_leave: { party_id: "string" },
  party_promote: { party_id: "string", presence: "presence" },
  party_accept: { party_id: "string", presence: "presence" },
  party_remove: { party_id: "string", presence: "presence" },
  party_close: { party_id: "string" },
  party_join_request_list: { party_id: "string" },
  party_matchmaker_add: { party_id: "string", ...MATCHMAKER },
  party_matchmaker_remove: { party_id: "string", ticket: "string" },
  party_data_send: { party_id: "string", op_code: "int64", data: "bytes" },
};

/** Envelope keys that exist but only the server sends; a client sending one gets UNRECOGNIZED_PAYLOAD. */
export const SERVER_MESSAGES: ReadonlySet<string> = new Set([
  "channel",
  "channel_message",
  "channel_message_ack",
  "channel_presence_event",
  "error",
  "match",
  "match_data",
  "match_presence_event",
  "matchmaker_matched",
  "matchmaker_ticket",
  "notifications",
  "status",
  "status_presence_event",
  "stream_data",
  "stream_presence_event",
  "party",
  "party_leader",
  "party_join_request",
  "party_matchmaker_ticket",
  "party_data",
  "party_presence_event",
]);

/** Thrown for a frame protobuf-JSON would refuse. */
export class MalformedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MalformedError";
  }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function integer(value: unknown, bits: 32 | 64): bigint {
  let big: bigint;
  if (typeof value === "number" && Number.isInteger(value)) big = BigInt(value);
  else if (typeof value === "string" && /^-?\d+$/.test(value)) big = BigInt(value);
  else throw new MalformedError("not an integer");
  const [min, max] = bits === 32 ? [-(2n ** 31n), 2n ** 31n - 1n] : [INT64_MIN, INT64_MAX];
  if (big < min || big > max) throw new MalformedError("integer out of range");
  return big;
}

function base64Bytes(value: unknown): Uint8Array {
  if (typeof value !== "string" || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(value)) throw new MalformedError("not base64");
  const normal = value.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  if (normal.length % 4 === 1) throw new MalformedError("not base64");
  const binary = atob(normal + "===".slice(0, (4 - (normal.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function object(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new MalformedError("not an object");
  return value as Record<string, unknown>;
}

function decodeFields(value: unknown, fields: Record<string, FieldType>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawName, raw] of Object.entries(object(value))) {
    const name = snake(rawName);
    const type = fields[name];
    if (type === undefined) throw new MalformedError(`unknown field ${rawName}`);
    if (raw === null) continue;
    out[name] = decodeValue(raw, type);
  }
  return out;
}

function decodeValue(raw: unknown, type: FieldType): unknown {
  switch (type) {
    case "string":
      if (typeof raw !== "string") throw new MalformedError("not a string");
      return raw;
    case "bool":
      if (typeof raw !== "boolean") throw new MalformedError("not a boolean");
      return raw;
    case "int32":
      return Number(integer(raw, 32));
    case "int64":
      return integer(raw, 64);
    case "bytes":
      return base64Bytes(raw);
    case "presence":
      return decodeFields(raw, PRESENCE);
    case "presences":
      if (!Array.isArray(raw)) throw new MalformedError("not an array");
      return raw.map((item) => decodeFields(item, PRESENCE));
    case "strings":
      if (!Array.isArray(raw) || raw.some((item) => typeof item !== "string")) throw new MalformedError("not strings");
      return raw;
    case "stringMap": {
      const map = object(raw);
      for (const item of Object.values(map)) if (typeof item !== "string") throw new MalformedError("not a string");
      return { ...map };
    }
    case "numberMap": {
      const map = object(raw);
      for (const item of Object.values(map)) if (typeof item !== "number") throw new MalformedError("not a number");
      return { ...map };
    }
  }
}

/** A decoded envelope. */
export interface Envelope {
  cid?: string;
  key: string;
  /** The decoded message; undefined for a server-only key. */
  message: Record<string, unknown> | undefined;
}

/**
 * Decodes one text frame, or throws {@link MalformedError} for anything Nakama would close the connection over.
 * @example Decode a ping
 * ```ts
 * decodeEnvelope('{"cid":"1","ping":{}}'); // { cid: "1", key: "ping", message: {} }
 * ```
 */
export function decodeEnvelope(text: string): Envelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new MalformedError("not JSON");
  }
  const envelope = object(parsed);
  let cid: string | undefined;
  let key: string | undefined;
  let body: unknown;
  for (const [rawName, value] of Object.entries(envelope)) {
    const name = snake(rawName);
    if (name === "cid") {
      if (value === null) continue;
      if (typeof value !== "string") throw new MalformedError("cid is not a string");
      cid = value;
      continue;
    }
    if (!(name in CLIENT_MESSAGES) && !SERVER_MESSAGES.has(name)) throw new MalformedError(`unknown field ${rawName}`);
    if (value === null) continue;
    if (key !== undefined) throw new MalformedError("two messages in one envelope");
    key = name;
    body = value;
  }
  if (key === undefined) throw new MalformedError("no message");
  const fields = CLIENT_MESSAGES[key];
  return { cid: cid === "" ? undefined : cid, key, message: fields ? decodeFields(body, fields) : undefined };
}
