/**
 * Events as the app writes them, and their conversion to the wire form with a timestamp and an id.
 * @module
 */

import { invalidArgument } from "../errors.ts";
import type { ApiEvent, StringMap } from "./types.ts";
import { checkStringMap } from "./check.ts";

/**
 * An event to publish. Only `name` is required.
 *
 * @example A level-completed event
 * ```ts
 * import type { SatoriEvent } from "@nakama-ts/sdk/satori";
 * const event: SatoriEvent = { name: "levelCompleted", value: "12", metadata: { stars: "3" } };
 * ```
 */
export interface SatoriEvent {
  /** The event name. */
  name: string;
  /** When it happened; default: when it was handed to the client. Strings are sent as they are (RFC 3339). */
  timestamp?: Date | string;
  /** An optional value. */
  value?: string;
  /** Optional metadata. */
  metadata?: StringMap;
  /**
   * An id the server uses to discard a retransmitted copy. The client assigns a random UUID when it is absent, so
   * a retry after a dropped connection never records an event twice.
   */
  id?: string;
}

/**
 * Checks an event and converts it to its wire form, with a timestamp and an id.
 * @throws {TypeError} naming the field that is wrong.
 */
export function toApiEvent(event: SatoriEvent, name = "event"): ApiEvent {
  if (event === null || typeof event !== "object") throw invalidArgument(name, "an object");
  if (typeof event.name !== "string" || event.name === "") throw invalidArgument(`${name}.name`, "a non-empty string");
  let timestamp: string;
  if (event.timestamp === undefined) {
    timestamp = new Date().toISOString();
  } else if (event.timestamp instanceof Date) {
    if (Number.isNaN(event.timestamp.getTime())) throw invalidArgument(`${name}.timestamp`, "a valid Date");
    timestamp = event.timestamp.toISOString();
  } else if (typeof event.timestamp === "string") {
    timestamp = event.timestamp;
  } else {
    throw invalidArgument(`${name}.timestamp`, "a Date or an RFC 3339 string");
  }
  if (event.value !== undefined && typeof event.value !== "string") {
    throw invalidArgument(`${name}.value`, "a string");
  }
  if (event.id !== undefined && (typeof event.id !== "string" || event.id === "")) {
    throw invalidArgument(`${name}.id`, "a non-empty string");
  }
  const metadata = checkStringMap(`${name}.metadata`, event.metadata);
  const wire: ApiEvent = { name: event.name, timestamp, id: event.id ?? crypto.randomUUID() };
  if (event.value !== undefined) wire.value = event.value;
  if (metadata !== undefined) wire.metadata = { ...metadata };
  return wire;
}
