/**
 * Argument checking and wire encoding shared by the REST clients: each request field is described by a rule (its
 * kind, and whether it is required), and {@link wire} checks a caller's object against the rules and returns it under
 * the wire's snake_case names. A wrong argument becomes a `TypeError`/`RangeError` that names it.
 * @module
 */

import { invalidArgument } from "../errors.ts";

/** How one argument is checked and encoded for the wire. */
export type Kind =
  | "string" // any string
  | "segment" // a non-empty string other than "." and ".." (path segments, ids)
  | "email" // a string, left out when empty (authenticateEmail's username login sends no email)
  | "int"
  | "bool"
  | "strings" // an array of strings: a repeated query key or a JSON array
  | "int64" // number (safe integer, sent as a number), bigint or decimal string (sent as a string)
  | "vars" // an object of string values
  | "json" // an object (sent as JSON text) or JSON text sent as it is
  | "operator" // a score operator name or number, sent as the wire number
  | "time" // a Date or RFC 3339 text
  | "object"; // a plain object (not an array), sent as it is

/** A field's rule: a kind (a trailing "!" makes it required), or `[rules]` for a required array of objects. */
export type Rule = Kind | `${Kind}!` | readonly [Rules];

/** The rules of an object's fields, keyed by the camelCase name; the wire name is its snake_case form. */
export interface Rules {
  readonly [key: string]: Rule;
}

const EXPECTED: Readonly<Record<Kind, string>> = {
  string: "a string",
  segment: 'a non-empty string other than "." and ".."',
  email: "a string",
  int: "an integer",
  bool: "a boolean",
  strings: "an array of strings",
  int64: "an integer: a safe-integer number, a bigint or a decimal string",
  vars: "an object whose values are strings",
  json: "an object or JSON text",
  operator: 'one of "best", "set", "incr", "increment", "decr", "decrement" or a number from 0 to 4',
  time: "a valid Date or an RFC 3339 string",
  object: "an object",
};

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const OPERATORS: Readonly<Record<string, number>> = { best: 1, set: 2, incr: 3, increment: 3, decr: 4, decrement: 4 };

/** A `RangeError` for a value of the right type but out of range, coded like Node's. */
export function outOfRange(name: string, expectation: string): RangeError {
  const error = new RangeError(`"${name}" must be ${expectation}`);
  (error as RangeError & { code: string }).code = "ERR_INVALID_ARG_VALUE";
  return error;
}

export function int64(name: string, value: unknown): number | string {
  if (typeof value === "number" && Number.isInteger(value)) {
    if (Number.isSafeInteger(value)) return value;
    // The number has already lost digits before it reached us; only the caller still knows the real value.
    throw outOfRange(
      name,
      `a safe integer (at most 2^53 - 1 in size), got ${value}: pass a bigint or a decimal string`,
    );
  }
  let big: bigint | undefined;
  if (typeof value === "bigint") big = value;
  else if (typeof value === "string" && /^-?\d{1,19}$/.test(value)) big = BigInt(value);
  if (big === undefined) throw invalidArgument(name, EXPECTED.int64);
  if (big < INT64_MIN || big > INT64_MAX) throw outOfRange(name, "within the int64 range");
  return typeof value === "string" ? value : big.toString();
}

export function isStringMap(value: unknown): value is Record<string, string> {
  return value !== null && typeof value === "object" && !Array.isArray(value) &&
    Object.values(value).every((item) => typeof item === "string");
}

export function encode(kind: Kind, name: string, value: unknown): unknown {
  switch (kind) {
    case "string":
    case "email":
      if (typeof value === "string") return value;
      break;
    case "segment":
      // URL parsers (and so fetch) resolve "." and "..", even percent-encoded, so no encoding can send them as a
      // segment: the request would silently go to another route.
      if (typeof value === "string" && value !== "" && value !== "." && value !== "..") return value;
      break;
    case "int":
      if (Number.isInteger(value)) return value;
      break;
    case "bool":
      if (typeof value === "boolean") return value;
      break;
    case "strings":
      if (Array.isArray(value) && value.every((item) => typeof item === "string")) return [...value];
      break;
    case "int64":
      return int64(name, value);
    case "operator":
      if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 4) return value;
      if (typeof value === "string" && Object.hasOwn(OPERATORS, value.toLowerCase())) {
        return OPERATORS[value.toLowerCase()];
      }
      break;
    case "vars":
      if (isStringMap(value)) return { ...value };
      break;
    case "json":
      if (typeof value === "string") return value;
      if (value !== null && typeof value === "object") return JSON.stringify(value);
      break;
    case "time":
      if (typeof value === "string") return value;
      if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
      break;
    case "object":
      if (value !== null && typeof value === "object" && !Array.isArray(value)) return value;
      break;
  }
  throw invalidArgument(name, EXPECTED[kind]);
}

export const snakeCase = (key: string) => key.replace(/[A-Z]/g, (letter) => "_" + letter.toLowerCase());

/**
 * Checks the fields of `source` against `rules` and returns them under their wire names, leaving out the ones
 * that are undefined. `where` prefixes the names in error messages ("options.limit", "objects[0].key").
 */
export function wire(source: unknown, rules: Rules, where: string): Record<string, unknown> {
  if (source === null || typeof source !== "object") throw invalidArgument(where, "an object");
  const out: Record<string, unknown> = {};
  for (const [key, rule] of Object.entries(rules)) {
    const name = where === "" ? key : `${where}.${key}`;
    const value = (source as Record<string, unknown>)[key];
    if (typeof rule !== "string") {
      if (!Array.isArray(value)) throw invalidArgument(name, "an array of objects");
      out[snakeCase(key)] = value.map((item, index) => wire(item, rule[0], `${name}[${index}]`));
      continue;
    }
    const required = rule.endsWith("!");
    const kind = (required ? rule.slice(0, -1) : rule) as Kind;
    if (value === undefined && !required) continue;
    const encoded = encode(kind, name, value);
    if (!(kind === "email" && encoded === "")) out[snakeCase(key)] = encoded;
  }
  return out;
}

/** Pairs positional arguments with the names of their rules, in order. */
export function positional(rules: Rules, values: readonly unknown[]): Record<string, unknown> {
  return Object.fromEntries(Object.keys(rules).map((key, index) => [key, values[index]]));
}

export function segment(name: string, value: unknown): string {
  return encode("segment", name, value) as string;
}
