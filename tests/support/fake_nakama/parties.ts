/**
 * Party listing (`GET /v2/party`, 3.26+) over the parties the realtime side registers in
 * {@link FakeState.parties}; hidden parties are never listed.
 * @module
 */

import { Code, fail } from "./errors.ts";
import { labelDocument, matchesQuery } from "./match_query.ts";
import type { HandlerContext, Route } from "./router.ts";
import { decodeCursor, encodeCursor, omitZero } from "./wire.ts";

function listParties(ctx: HandlerContext): Record<string, unknown> {
  const { state, query } = ctx;
  const limit = query.int("limit") ?? 10;
  if (limit < 1 || limit > 100) fail(Code.INVALID_ARGUMENT, "Invalid limit - limit must be between 1 and 100.");
  const open = query.bool("open");
  const search = query.string("query");
  let offset = 0;
  const cursorText = query.string("cursor");
  if (cursorText) {
    const cursor = decodeCursor("parties", cursorText);
    if (!cursor || typeof cursor.o !== "number") fail(Code.INVALID_ARGUMENT, "Cursor is invalid.");
    offset = cursor.o;
  }
  const parties = [...state.parties.values()].filter((p) =>
    !p.hidden && (open === undefined || p.open === open) &&
    (!search || matchesQuery(labelDocument(p.label), search))
  );
  const page = parties.slice(offset, offset + limit);
  return omitZero({
    parties: page.map((p) =>
      omitZero({ party_id: p.party_id, open: p.open, hidden: p.hidden, max_size: p.max_size, label: p.label })
    ),
    cursor: offset + limit < parties.length ? encodeCursor("parties", { o: offset + limit }) : undefined,
  });
}

/**
 * The party routes.
 * @example Mount
 * ```ts
 * new Router(partyRoutes());
 * ```
 */
export function partyRoutes(): Route[] {
  return [{ method: "GET", path: "/v2/party", auth: "bearer", handle: listParties }];
}
