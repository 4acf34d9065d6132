/**
 * Leaderboard routes (write with operator override, list with owner filter and cursors, around owner, delete),
 * plus the record listing helpers the tournament routes share.
 * @module
 */

import type { Schema } from "./body.ts";
import { Code, fail } from "./errors.ts";
import { isJsonObjectText, jsonb } from "./jsonb.ts";
import { applyScore, DEFAULT_MAX_NUM_SCORE, deleteOwnerRecord, rankedRecords } from "./ranking.ts";
import type { HandlerContext, Route } from "./router.ts";
import { type FakeLeaderboard, isUuid, type LeaderboardOperator, type LeaderboardRecordData } from "./state.ts";
import { decodeCursor, encodeCursor, int64, omitZero, rfc3339 } from "./wire.ts";

/**
 * Body schema of a record write (leaderboard and tournament).
 * @example Decode a write
 * ```ts
 * decodeBody('{"score":"10"}', RECORD_WRITE); // { score: 10n }
 * ```
 */
export const RECORD_WRITE: Schema = {
  score: "int64",
  subscore: "int64",
  metadata: "string",
  operator: { enum: ["NO_OVERRIDE", "BEST", "SET", "INCREMENT", "DECREMENT"] },
};

/**
 * A record in `api.LeaderboardRecord` shape.
 * @example Format
 * ```ts
 * recordJson(board, record, 1);
 * ```
 */
export function recordJson(
  board: FakeLeaderboard,
  record: LeaderboardRecordData,
  rank: number,
): Record<string, unknown> {
  return omitZero({
    leaderboard_id: board.id,
    owner_id: record.owner_id,
    username: record.username,
    score: int64(record.score),
    subscore: int64(record.subscore),
    num_score: record.num_score,
    metadata: jsonb(record.metadata),
    create_time: rfc3339(record.create_time),
    update_time: rfc3339(record.update_time),
    expiry_time: record.expiry_time ? rfc3339(record.expiry_time * 1000) : undefined,
    rank: rank ? String(rank) : undefined,
    max_num_score: board.tournament?.max_num_score ?? DEFAULT_MAX_NUM_SCORE,
  });
}

/**
 * Validates and applies a record write; returns the record and its rank, formatted.
 * @example Write
 * ```ts
 * writeRecord(ctx, board);
 * ```
 */
export function writeRecord(ctx: HandlerContext, board: FakeLeaderboard): Record<string, unknown> {
  const { state, body, caller } = ctx;
  const metadata = body.metadata as string | undefined;
  if (metadata !== undefined && metadata !== "" && !isJsonObjectText(metadata)) {
    fail(Code.INVALID_ARGUMENT, "Metadata value must be JSON, if provided.");
  }
  const override = (body.operator as number | undefined) ?? 0;
  const record = applyScore(board, {
    ownerId: caller.userId,
    username: caller.user.username,
    score: (body.score as bigint | undefined) ?? 0n,
    subscore: (body.subscore as bigint | undefined) ?? 0n,
    metadata: metadata || undefined,
    operator: override > 0 && override <= 4 ? (override - 1) as LeaderboardOperator : undefined,
  }, state.now());
  const ranked = rankedRecords(board, state.now() / 1000);
  return recordJson(board, record, ranked.indexOf(record) + 1);
}

/** Which listing a cursor belongs to. */
interface PageCursor {
  o: number;
}

function readCursor(ctx: HandlerContext): PageCursor | undefined {
  const text = ctx.query.string("cursor");
  if (!text) return undefined;
  const cursor = decodeCursor("records", text);
  if (!cursor || typeof cursor.o !== "number" || cursor.o < 0) {
    fail(Code.INVALID_ARGUMENT, "Cursor is invalid or expired.");
  }
  return { o: cursor.o };
}

function limitParam(ctx: HandlerContext, fallback: number | undefined): number | undefined {
  const limit = ctx.query.int("limit") ?? fallback;
  if (limit !== undefined && (limit < 1 || limit > 100)) {
    fail(Code.INVALID_ARGUMENT, "Invalid limit - limit must be between 1 and 100.");
  }
  return limit;
}

function pageJson(
  board: FakeLeaderboard,
  ranked: LeaderboardRecordData[],
  start: number,
  limit: number,
): Record<string, unknown> {
  const page = ranked.slice(start, start + limit);
  return {
    records: page.map((r, i) => recordJson(board, r, start + i + 1)),
    next_cursor: start + limit < ranked.length ? encodeCursor("records", { o: start + limit }) : undefined,
    prev_cursor: start > 0 ? encodeCursor("records", { o: Math.max(0, start - limit) }) : undefined,
  };
}

function rankedAt(ctx: HandlerContext, board: FakeLeaderboard): LeaderboardRecordData[] {
  const expiry = ctx.query.int("expiry", 64);
  return rankedRecords(board, ctx.state.now() / 1000, expiry || undefined);
}

/**
 * Lists a board's records: a page (unless only `owner_ids` are given without a limit) and the owners' records.
 * @example List
 * ```ts
 * listRecords(ctx, board, 1);
 * ```
 */
export function listRecords(
  ctx: HandlerContext,
  board: FakeLeaderboard,
  defaultLimit: number,
): Record<string, unknown> {
  const ownerIds = ctx.query.all("owner_ids");
  for (const id of ownerIds) if (!isUuid(id)) fail(Code.INVALID_ARGUMENT, "One or more owner IDs are invalid.");
  const explicitLimit = limitParam(ctx, undefined);
  const cursor = readCursor(ctx);
  const ranked = rankedAt(ctx, board);
  const result: Record<string, unknown> = {};
  if (explicitLimit !== undefined || ownerIds.length === 0 || cursor) {
    Object.assign(result, pageJson(board, ranked, cursor?.o ?? 0, explicitLimit ?? defaultLimit));
  }
  if (ownerIds.length) {
    const wanted = new Set(ownerIds.map((id) => id.toLowerCase()));
    result.owner_records = ranked
      .map((r, i) => [r, i] as const)
      .filter(([r]) => wanted.has(r.owner_id))
      .map(([r, i]) => recordJson(board, r, i + 1));
  }
  return omitZero({
    records: result.records,
    owner_records: result.owner_records,
    next_cursor: result.next_cursor,
    prev_cursor: result.prev_cursor,
    rank_count: ranked.length ? String(ranked.length) : undefined,
  });
}

/**
 * Lists the records around an owner ("haystack"): the owner near the middle of the window, clamped at the ends.
 * @example Around me
 * ```ts
 * listAroundOwner(ctx, board, 1);
 * ```
 */
export function listAroundOwner(
  ctx: HandlerContext,
  board: FakeLeaderboard,
  defaultLimit: number,
): Record<string, unknown> {
  const ownerId = ctx.params.owner_id;
  if (!isUuid(ownerId)) fail(Code.INVALID_ARGUMENT, "Invalid owner ID provided.");
  const limit = limitParam(ctx, defaultLimit)!;
  const cursor = readCursor(ctx);
  const ranked = rankedAt(ctx, board);
  let start: number;
  if (cursor) start = cursor.o;
  else {
    const index = ranked.findIndex((r) => r.owner_id === ownerId.toLowerCase());
    if (index < 0) return {};
    start = Math.max(0, Math.min(index - Math.floor(limit / 2), ranked.length - limit));
  }
  const page = pageJson(board, ranked, start, limit);
  return omitZero({
    records: page.records,
    next_cursor: page.next_cursor,
    prev_cursor: page.prev_cursor,
    rank_count: ranked.length ? String(ranked.length) : undefined,
  });
}

function board(ctx: HandlerContext): FakeLeaderboard {
  const found = ctx.state.leaderboards.get(ctx.params.leaderboard_id);
  if (!found) fail(Code.NOT_FOUND, "Leaderboard not found.");
  return found;
}

/**
 * The leaderboard routes.
 * @example Mount
 * ```ts
 * new Router(leaderboardRoutes());
 * ```
 */
export function leaderboardRoutes(): Route[] {
  return [
    {
      method: "POST",
      path: "/v2/leaderboard/{leaderboard_id}",
      auth: "bearer",
      body: RECORD_WRITE,
      handle(ctx) {
        const b = board(ctx);
        if (b.authoritative) fail(Code.PERMISSION_DENIED, "Leaderboard only allows authoritative score submissions.");
        return writeRecord(ctx, b);
      },
    },
    {
      method: "GET",
      path: "/v2/leaderboard/{leaderboard_id}",
      auth: "bearer",
      handle: (ctx) => listRecords(ctx, board(ctx), 1),
    },
    {
      method: "GET",
      path: "/v2/leaderboard/{leaderboard_id}/owner/{owner_id}",
      auth: "bearer",
      handle: (ctx) => listAroundOwner(ctx, board(ctx), 1),
    },
    {
      method: "DELETE",
      path: "/v2/leaderboard/{leaderboard_id}",
      auth: "bearer",
      handle(ctx) {
        const b = board(ctx);
        if (b.authoritative) fail(Code.PERMISSION_DENIED, "Leaderboard only allows authoritative score deletions.");
        deleteOwnerRecord(b, ctx.caller.userId, ctx.state.now() / 1000);
        return {};
      },
    },
  ];
}
