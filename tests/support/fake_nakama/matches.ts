/**
 * Match listing (`GET /v2/match`) over the matches the realtime side registers in {@link FakeState.matches},
 * and matchmaker stats (`GET /v2/matchmaker/stats`, 3.38+). Label filters and queries apply to authoritative
 * matches only; when both are given the query wins. (The real server indexes labels about a second after a
 * match is created; the fake indexes them at once.)
 * @module
 */

import { Code, fail } from "./errors.ts";
import { labelDocument, matchesQuery } from "./match_query.ts";
import type { HandlerContext, Route } from "./router.ts";
import type { FakeMatchInfo } from "./state.ts";
import { omitZero } from "./wire.ts";

/**
 * A match in the REST `api.Match` shape (relayed matches have no label or tick rate).
 * @example Format
 * ```ts
 * matchJson(info);
 * ```
 */
export function matchJson(m: FakeMatchInfo): Record<string, unknown> {
  if (!m.authoritative) return omitZero({ match_id: m.match_id, size: m.size });
  return omitZero({
    match_id: m.match_id,
    authoritative: true,
    label: m.label,
    size: m.size,
    tick_rate: m.tick_rate,
    handler_name: m.handler_name,
  }, ["label"]);
}

function listMatches(ctx: HandlerContext): Record<string, unknown> {
  const { state, query } = ctx;
  const limit = query.int("limit") ?? 10;
  if (limit < 1 || limit > 100) fail(Code.INVALID_ARGUMENT, "Invalid limit - limit must be between 1 and 100.");
  const authoritative = query.bool("authoritative");
  const label = query.string("label");
  const search = query.string("query");
  const minSize = query.int("min_size");
  const maxSize = query.int("max_size");
  if (authoritative === false && label !== undefined) {
    fail(Code.INVALID_ARGUMENT, "Label filtering is not supported for non-authoritative matches.");
  }
  if (authoritative === false && search !== undefined) {
    fail(Code.INVALID_ARGUMENT, "Query filtering is not supported for non-authoritative matches.");
  }
  if (minSize !== undefined && minSize < 0) fail(Code.INVALID_ARGUMENT, "Minimum size must be 0 or above.");
  if (maxSize !== undefined && maxSize < 0) fail(Code.INVALID_ARGUMENT, "Maximum size must be 0 or above.");
  if (minSize !== undefined && maxSize !== undefined && maxSize < minSize) {
    fail(Code.INVALID_ARGUMENT, "Maximum size must be greater than or equal to minimum size when both are specified.");
  }
  const filtered = label !== undefined || search !== undefined;
  const matches = [...state.matches.values()].reverse().filter((m) => {
    if (authoritative !== undefined && m.authoritative !== authoritative) return false;
    if (filtered && !m.authoritative) return false;
    if (search !== undefined) {
      if (!matchesQuery(labelDocument(m.label), search)) return false;
    } else if (label !== undefined && m.label !== label) return false;
    if (minSize !== undefined && m.size < minSize) return false;
    if (maxSize !== undefined && m.size > maxSize) return false;
    return true;
  });
  return omitZero({ matches: matches.slice(0, limit).map(matchJson) });
}

/**
 * The match routes.
 * @example Mount
 * ```ts
 * new Router(matchRoutes());
 * ```
 */
export function matchRoutes(): Route[] {
  return [
    { method: "GET", path: "/v2/match", auth: "bearer", handle: listMatches },
    {
      method: "GET",
      path: "/v2/matchmaker/stats",
      auth: "bearer",
      handle: (ctx) => omitZero({ ...(ctx.state.matchmakerStats?.() ?? {}) }),
    },
  ];
}
