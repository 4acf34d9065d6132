/**
 * `POST /v1/event`: a batch is checked as a whole (one bad event rejects the request, and nothing is recorded),
 * then each event is recorded once per (identity, id), so a retransmitted batch adds nothing.
 * @module
 */

import { badInput } from "./reply.ts";
import { type Context, objectBody, type Route } from "./router.ts";
import type { ReceivedEvent } from "./state.ts";

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function check(event: unknown, index: number): Omit<ReceivedEvent, "identity_id" | "id"> & { id?: string } {
  if (event === null || typeof event !== "object" || Array.isArray(event)) {
    throw badInput(`events[${index}] must be an object.`);
  }
  const { name, timestamp, value, metadata, id } = event as Record<string, unknown>;
  if (typeof name !== "string" || name === "") throw badInput(`events[${index}]: an event name is required.`);
  if (typeof timestamp !== "string" || !RFC3339.test(timestamp) || Number.isNaN(Date.parse(timestamp))) {
    throw badInput(`events[${index}]: invalid timestamp.`);
  }
  if (value !== undefined && typeof value !== "string") throw badInput(`events[${index}]: value must be a string.`);
  if (id !== undefined && typeof id !== "string") throw badInput(`events[${index}]: id must be a string.`);
  if (metadata !== undefined) {
    if (metadata === null || typeof metadata !== "object" || Array.isArray(metadata)) {
      throw badInput(`events[${index}]: metadata must be an object.`);
    }
    if (Object.values(metadata).some((item) => typeof item !== "string")) {
      throw badInput(`events[${index}]: metadata values must be strings.`);
    }
  }
  return {
    name,
    timestamp,
    value: value as string | undefined,
    metadata: metadata as Record<string, string> | undefined,
    id: id || undefined,
  };
}

function publish(context: Context) {
  const { state } = context;
  const identity = context.identity!;
  const events = objectBody(context).events ?? [];
  if (!Array.isArray(events)) throw badInput("events must be an array.");
  const checked = events.map(check);
  const seen = new Set(state.eventsOf(identity.id).map((event) => event.id));
  for (const event of checked) {
    const id = event.id ?? crypto.randomUUID();
    if (seen.has(id)) continue;
    seen.add(id);
    state.events.push({ ...event, id, identity_id: identity.id });
  }
  return {};
}

/** The routes of this file. */
export const eventRoutes: Route[] = [
  { method: "POST", pattern: /^\/v1\/event$/, auth: "bearer", handle: publish },
];
