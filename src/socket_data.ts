/**
 * Match and party payloads: op codes kept exact as int64, bytes sent as base64, and helpers that turn received bytes
 * back into text or JSON.
 * @module
 */

import { base64ToBytes, bytesToBase64, utf8Decode, utf8Encode } from "./internal/base64.ts";
import { invalidArgument } from "./errors.ts";
import type { Int64Input } from "./types.ts";

/**
 * A payload as the send methods accept it: bytes (only the bytes the view covers are sent, so a `subarray` or a Node
 * `Buffer` slice works), an `ArrayBuffer`, or a string sent as UTF-8.
 *
 * @example Sending bytes or text
 * ```ts
 * await socket.sendMatchState(matchId, 1, new Uint8Array([1, 2, 3]));
 * await socket.sendMatchState(matchId, 2, JSON.stringify({ x: 1 }));
 * ```
 */
export type MatchPayload = Uint8Array | ArrayBuffer | string;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const DECIMAL = /^-?(0|[1-9][0-9]*)$/;

/** The op code as the decimal string the wire carries. */
export function opCodeToWire(opCode: Int64Input, name = "opCode"): string {
  let value: bigint;
  if (typeof opCode === "number") {
    if (!Number.isSafeInteger(opCode)) throw invalidArgument(name, "a safe integer, a bigint or a decimal string");
    // Every safe integer fits in int64: no BigInt round trip on the per-message path.
    return String(opCode);
  } else if (typeof opCode === "bigint") {
    value = opCode;
  } else if (typeof opCode === "string" && DECIMAL.test(opCode)) {
    value = BigInt(opCode);
  } else {
    throw invalidArgument(name, "a safe integer, a bigint or a decimal string");
  }
  if (value < INT64_MIN || value > INT64_MAX) {
    const error = new RangeError(`"${name}" must fit in a signed 64-bit integer, got ${value}`);
    (error as RangeError & { code: string }).code = "ERR_INVALID_ARG_VALUE";
    throw error;
  }
  return value.toString();
}

/** The payload as base64, or undefined for no payload (the wire then omits `data`). */
export function payloadToWire(data: MatchPayload | undefined, name = "data"): string | undefined {
  if (data === undefined || data === null) return undefined;
  let bytes: Uint8Array;
  if (typeof data === "string") bytes = utf8Encode(data);
  else if (data instanceof Uint8Array) bytes = data;
  else if (data instanceof ArrayBuffer) bytes = new Uint8Array(data);
  else throw invalidArgument(name, "a Uint8Array, an ArrayBuffer or a string");
  return bytes.length === 0 ? undefined : bytesToBase64(bytes);
}

const EMPTY = new Uint8Array(0);

/** Received base64 as bytes; a missing field is an empty payload. */
export function payloadFromWire(data: unknown): Uint8Array {
  if (data === undefined || data === null || data === "") return EMPTY.slice();
  if (typeof data !== "string") throw new TypeError("the data field is not a base64 string");
  return base64ToBytes(data);
}

/**
 * Decodes a match or party payload as UTF-8 text.
 * @throws {TypeError} when the bytes are not valid UTF-8.
 *
 * @example Reading chat-like match data
 * ```ts
 * import { decodeText } from "@nakama-ts/sdk";
 * socket.on("matchData", (m) => console.log(decodeText(m.data)));
 * ```
 */
export function decodeText(data: Uint8Array): string {
  if (!(data instanceof Uint8Array)) throw invalidArgument("data", "a Uint8Array");
  return utf8Decode(data);
}

/**
 * Decodes a match or party payload as UTF-8 JSON.
 * @throws {TypeError} when the bytes are not valid UTF-8.
 * @throws {SyntaxError} when the text is not JSON.
 *
 * @example Reading a state update
 * ```ts
 * import { decodeJson } from "@nakama-ts/sdk";
 * socket.on("matchData", (m) => {
 *   const { x, y } = decodeJson<{ x: number; y: number }>(m.data);
 *   console.log(x, y);
 * });
 * ```
 */
export function decodeJson<T = unknown>(data: Uint8Array): T {
  return JSON.parse(decodeText(data)) as T;
}
