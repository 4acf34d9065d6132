/**
 * Tournament routes: list (category and time filters, cursor), join, write (PUT and POST), list records, around
 * owner, delete record. Activity windows, resets and record expiry come from {@link tournamentWindow}.
 * @module
 */

import { Code, fail } from "./errors.ts";
import { jsonb } from "./jsonb.ts";
import { listAroundOwner, listRecords, RECORD_WRITE, writeRecord } from "./leaderboards.ts";
import { deleteOwnerRecord, joinRecord, ownerRecord, rankedRecords, tournamentWindow } from "./ranking.ts";
import type { HandlerContext, Route } from "./router.ts";
import type { FakeLeaderboard } from "./state.ts";
import { decodeCursor, encodeCursor, omitZero, rfc3339 } from "./wire.ts";

function tournament(ctx: HandlerContext): FakeLeaderboard {
  const found = ctx.state.leaderboards.get(ctx.params.tournament_id);
  if (!found?.tournament) fail(Code.NOT_FOUND, "Tournament not found.");
  return found;
}

/**
 * A tournament in `api.Tournament` shape at the current time.
 * @example Format
 * ```ts
 * tournamentJson(board, Date.now() / 1000);
 * ```
 */
export function tournamentJson(board: FakeLeaderboard, nowSec: number): Record<string, unknown> {
  const t = board.tournament!;
  const w = tournamentWindow(board, nowSec);
  const size = t.join_required ? t.joined.size : 0;
  return omitZero({
    id: board.id,
    title: t.title,
    description: t.description,
    category: t.category,
    sort_order: board.sort_order,
    size,
    max_size: t.max_size,
    max_num_score: t.max_num_score,
    can_enter: w.active && size < t.max_size,
    end_active: w.endActive,
    next_reset: w.nextReset,
    metadata: jsonb(board.metadata),
    create_time: rfc3339(board.create_time),
    start_time: rfc3339(t.start_time * 1000),
    end_time: t.end_time ? rfc3339(t.end_time * 1000) : undefined,
    duration: t.duration,
    start_active: w.startActive,
    prev_reset: w.prevReset,
    operator: board.operator + 1,
    // 3.40 adds `join_required` here; the fake answers like the 3.18 captures, which have no such field.
    authoritative: board.authoritative,
  });
}

function listTournaments(ctx: HandlerContext): Record<string, unknown> {
  const { state, query } = ctx;
  const categoryStart = query.int("category_start");
  const categoryEnd = query.int("category_end");
  if (categoryStart !== undefined && categoryEnd !== undefined && categoryEnd < categoryStart) {
    fail(Code.INVALID_ARGUMENT, "Tournament category end must be greater than category start.");
  }
  const startTime = query.int("start_time", 64);
  const endTime = query.int("end_time", 64);
  const limit = query.int("limit") ?? 100;
  if (limit < 1 || limit > 100) fail(Code.INVALID_ARGUMENT, "Limit must be between 1 and 100.");
  let offset = 0;
  const cursorText = query.string("cursor");
  if (cursorText) {
    const cursor = decodeCursor("tournaments", cursorText);
    if (!cursor || typeof cursor.o !== "number") fail(Code.INVALID_ARGUMENT, "Cursor is invalid.");
    offset = cursor.o;
  }
  const nowSec = state.now() / 1000;
  const all = [...state.leaderboards.values()]
    .filter((b) => {
      const t = b.tournament;
      if (!t) return false;
      if (t.end_time && t.end_time <= nowSec) return false;
      if (categoryStart !== undefined && t.category < categoryStart) return false;
      if (categoryEnd !== undefined && t.category > categoryEnd) return false;
      if (startTime !== undefined && t.start_time < startTime) return false;
      if (endTime !== undefined && (t.end_time === 0 || t.end_time > endTime)) return false;
      return true;
    })
    .sort((a, b) => a.tournament!.start_time - b.tournament!.start_time || a.create_time - b.create_time);
  const page = all.slice(offset, offset + limit);
  const more = offset + limit < all.length;
  return omitZero({
    tournaments: page.map((b) => tournamentJson(b, nowSec)),
    cursor: more ? encodeCursor("tournaments", { o: offset + limit }) : undefined,
  });
}

function joinTournament(ctx: HandlerContext): Record<string, unknown> {
  const { state, caller } = ctx;
  const board = tournament(ctx);
  const t = board.tournament!;
  if (!t.join_required) return {};
  const nowSec = state.now() / 1000;
  const w = tournamentWindow(board, nowSec);
  if (w.endActive <= nowSec && !(nowSec < w.startActive)) {
    fail(Code.FAILED_PRECONDITION, "Tournament is not active and cannot accept new joins.");
  }
  if (t.joined.has(caller.userId)) return {};
  if (t.joined.size >= t.max_size) {
    fail(Code.INVALID_ARGUMENT, "Tournament cannot be joined as it has reached its max size.");
  }
  t.joined.add(caller.userId);
  joinRecord(board, caller.userId, caller.user.username, state.now());
  return {};
}

function writeTournamentRecord(ctx: HandlerContext): Record<string, unknown> {
  const { state, caller } = ctx;
  const board = tournament(ctx);
  const t = board.tournament!;
  if (board.authoritative) fail(Code.PERMISSION_DENIED, "Tournament only allows authoritative score submissions.");
  const nowSec = state.now() / 1000;
  if (!tournamentWindow(board, nowSec).active) {
    fail(Code.FAILED_PRECONDITION, "Tournament is not active and cannot accept new scores.");
  }
  const existing = ownerRecord(board, caller.userId, nowSec);
  if (t.join_required && !t.joined.has(caller.userId)) {
    fail(Code.FAILED_PRECONDITION, "Must join tournament before attempting to write value.");
  }
  if (!existing && !t.join_required && rankedRecords(board, nowSec).length >= t.max_size) {
    fail(Code.FAILED_PRECONDITION, "Tournament has reached max size.");
  }
  return writeRecord(ctx, board);
}

/**
 * The tournament routes.
 * @example Mount
 * ```ts
 * new Router(tournamentRoutes());
 * ```
 */
export function tournamentRoutes(): Route[] {
  return [
    { method: "GET", path: "/v2/tournament", auth: "bearer", handle: listTournaments },
    { method: "POST", path: "/v2/tournament/{tournament_id}/join", auth: "bearer", handle: joinTournament },
    {
      method: "PUT",
      path: "/v2/tournament/{tournament_id}",
      auth: "bearer",
      body: RECORD_WRITE,
      handle: writeTournamentRecord,
    },
    {
      method: "POST",
      path: "/v2/tournament/{tournament_id}",
      auth: "bearer",
      body: RECORD_WRITE,
      handle: writeTournamentRecord,
    },
    {
      method: "GET",
      path: "/v2/tournament/{tournament_id}",
      auth: "bearer",
      handle(ctx) {
        const board = tournament(ctx);
        const w = tournamentWindow(board, ctx.state.now() / 1000);
        // Before the first period starts there is nothing to list.
        if (ctx.state.now() / 1000 < w.startActive && !ctx.query.has("expiry")) return {};
        return listRecords(ctx, board, 10);
      },
    },
    {
      method: "GET",
      path: "/v2/tournament/{tournament_id}/owner/{owner_id}",
      auth: "bearer",
      handle: (ctx) => listAroundOwner(ctx, tournament(ctx), 100),
    },
    {
      method: "DELETE",
      path: "/v2/tournament/{tournament_id}",
      auth: "bearer",
      handle(ctx) {
        const board = ctx.state.leaderboards.get(ctx.params.tournament_id);
        if (board?.authoritative) {
          fail(Code.PERMISSION_DENIED, "Tournament only allows authoritative score deletions.");
        }
        if (!board?.tournament || !deleteOwnerRecord(board, ctx.caller.userId, ctx.state.now() / 1000)) {
          fail(Code.INTERNAL, "Error deleting score from tournament.");
        }
        return {};
      },
    },
  ];
}
