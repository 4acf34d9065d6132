/**
 * Argument checks of the socket's methods, and the request bodies they build: a caller's mistake throws a
 * `TypeError` naming the argument before anything is sent, and bodies are copies, so the caller's objects are
 * never changed.
 * @module
 */

import { invalidArgument } from "./errors.ts";
import type { MatchmakerOptions } from "./socket_options.ts";
import type { UserPresence } from "./socket_types.ts";

export function checkString(name: string, value: unknown, allowEmpty = false): asserts value is string {
  if (typeof value !== "string" || (!allowEmpty && value === "")) {
    throw invalidArgument(name, allowEmpty ? "a string" : "a non-empty string");
  }
}

export function checkStrings(name: string, value: unknown): asserts value is string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    throw invalidArgument(name, "an array of strings");
  }
}

export function checkInteger(name: string, value: unknown, min: number): asserts value is number {
  if (!Number.isInteger(value) || (value as number) < min) throw invalidArgument(name, `an integer >= ${min}`);
}

export function checkSignal(signal: unknown): void {
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw invalidArgument("options.signal", "an AbortSignal");
  }
}

/** A presence as requests carry it: only the identifying fields, and a copy, so the caller's object is untouched. */
export function presenceToWire(presence: UserPresence, name: string): Record<string, string> {
  if (presence === null || typeof presence !== "object") throw invalidArgument(name, "a UserPresence");
  checkString(`${name}.user_id`, presence.user_id);
  checkString(`${name}.session_id`, presence.session_id);
  return { user_id: presence.user_id, session_id: presence.session_id, username: String(presence.username ?? "") };
}

export function stringMap(name: string, value: unknown): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw invalidArgument(name, "an object");
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== "string") throw invalidArgument(`${name}.${key}`, "a string");
    out[key] = item;
  }
  return out;
}

export function numberMap(name: string, value: unknown): Record<string, number> | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw invalidArgument(name, "an object");
  const out: Record<string, number> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== "number" || !Number.isFinite(item)) throw invalidArgument(`${name}.${key}`, "a finite number");
    out[key] = item;
  }
  return out;
}

export function chatContent(content: unknown): string {
  if (typeof content === "string") return content;
  if (content === null || typeof content !== "object") throw invalidArgument("content", "an object or JSON text");
  return JSON.stringify(content);
}

export function missingWebSocket(): TypeError {
  const error = new TypeError(
    `"options.WebSocket" is required: this runtime has no global WebSocket (Node 20 has none). ` +
      `Pass a constructor, for example: import { WebSocket } from "ws"; client.createSocket({ WebSocket })`,
  );
  (error as TypeError & { code: string }).code = "ERR_INVALID_ARG_TYPE";
  return error;
}

export function matchmakerBody(query: string, minCount: number, maxCount: number, options: MatchmakerOptions) {
  checkString("query", query);
  checkInteger("minCount", minCount, 0);
  checkInteger("maxCount", maxCount, 0);
  const body: Record<string, unknown> = { min_count: minCount, max_count: maxCount, query };
  const strings = stringMap("options.stringProperties", options?.stringProperties);
  if (strings) body.string_properties = strings;
  const numbers = numberMap("options.numericProperties", options?.numericProperties);
  if (numbers) body.numeric_properties = numbers;
  if (options?.countMultiple !== undefined) {
    checkInteger("options.countMultiple", options.countMultiple, 0);
    body.count_multiple = options.countMultiple;
  }
  return body;
}
