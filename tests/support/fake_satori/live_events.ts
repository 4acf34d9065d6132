/**
 * `GET /v1/live-event` and `POST /v1/live-event/{id}/participation`. An explicit-join event is listed under
 * `explicit_join_live_events` until the identity joins it, then under `live_events`. The run counts are checked
 * but every event has a single run here; the time window keeps events that overlap it.
 * @module
 */

import { badInput, notFound } from "./reply.ts";
import type { Context, Route } from "./router.ts";
import { nameLabelFilter } from "./filters.ts";
import type { LiveEventSeed } from "./state.ts";

function integer(url: URL, key: string): number | undefined {
  const text = url.searchParams.get(key);
  if (text === null) return undefined;
  if (!/^\d+$/.test(text)) throw badInput(`${key} must be a non-negative integer.`);
  return Number(text);
}

function wire(event: LiveEventSeed, nowSec: number) {
  const end = event.endTimeSec ?? 0;
  const activeEnd = event.durationSec ? event.startTimeSec + event.durationSec : end;
  const status = nowSec < event.startTimeSec ? 2 : end !== 0 && nowSec >= end ? 3 : 1;
  return {
    id: event.id,
    name: event.name,
    description: event.description,
    value: event.value,
    labels: event.labels,
    start_time_sec: String(event.startTimeSec),
    end_time_sec: end ? String(end) : undefined,
    active_start_time_sec: String(event.startTimeSec),
    active_end_time_sec: activeEnd ? String(activeEnd) : undefined,
    duration_sec: event.durationSec ? String(event.durationSec) : undefined,
    reset_cron: event.resetCron,
    status,
  };
}

function list({ state, identity, url }: Context) {
  integer(url, "past_run_count");
  integer(url, "future_run_count");
  const from = integer(url, "start_time_sec");
  const to = integer(url, "end_time_sec");
  const pass = nameLabelFilter(url);
  const visible = state.liveEvents.filter((event) =>
    state.inAudience(event.audience, identity!) && pass(event) &&
    (to === undefined || event.startTimeSec <= to) &&
    (from === undefined || event.endTimeSec === undefined || event.endTimeSec >= from)
  );
  const waiting = (event: LiveEventSeed) => event.explicitJoin === true && !identity!.joinedLiveEvents.has(event.id);
  const now = state.nowSec();
  return {
    live_events: visible.filter((event) => !waiting(event)).map((event) => wire(event, now)),
    explicit_join_live_events: visible.filter(waiting).map((event) => wire(event, now)),
  };
}

function join({ state, identity, params }: Context) {
  const event = state.liveEvents.find((item) => item.id === params[0]);
  if (!event || !state.inAudience(event.audience, identity!)) throw notFound("Live event not found.");
  if (!event.explicitJoin) throw badInput("Live event does not require an explicit join.");
  identity!.joinedLiveEvents.add(event.id);
  return {};
}

/** The routes of this file. */
export const liveEventRoutes: Route[] = [
  { method: "GET", pattern: /^\/v1\/live-event$/, auth: "bearer", handle: list },
  { method: "POST", pattern: /^\/v1\/live-event\/([^/]+)\/participation$/, auth: "bearer", handle: join },
];
