/**
 * Argument checks of the Satori client: each throws a `TypeError` naming the argument, before any request is sent.
 * @module
 */

import { invalidArgument } from "../errors.ts";
import type { StringMap } from "./types.ts";

/** A map of string values, or undefined. */
export function checkStringMap(name: string, value: unknown): StringMap | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw invalidArgument(name, "an object of string values");
  }
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== "string") throw invalidArgument(`${name}.${key}`, "a string");
  }
  return value as StringMap;
}

/** An array of strings, or undefined. */
export function checkStringList(name: string, value: unknown): readonly string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    throw invalidArgument(name, "an array of strings");
  }
  return value;
}

/** A non-empty string (an id or a name). */
export function checkId(name: string, value: unknown): string {
  if (typeof value !== "string" || value === "") throw invalidArgument(name, "a non-empty string");
  return value;
}

/** An integer in [min, max], or undefined. */
export function checkCount(
  name: string,
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalidArgument(name, `an integer from ${min} to ${max}`);
  }
  return value;
}

/** Unix seconds as the wire's int64 decimal string, or undefined. */
export function unixSeconds(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" && /^\d+$/.test(value)) return value;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return String(value);
  throw invalidArgument(name, "Unix seconds, as a non-negative integer or a string of digits");
}
