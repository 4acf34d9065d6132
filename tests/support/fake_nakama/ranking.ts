/**
 * Leaderboard and tournament rules of the fake: score operators, ordering and ranks, reset periods (record
 * expiry) and tournament activity windows, computed like Nakama does for the captured cases.
 * @module
 */

import { type Cron, cronNext, cronPrev, parseCron } from "./cron.ts";
import type { FakeLeaderboard, LeaderboardOperator, LeaderboardRecordData, TournamentSettings } from "./state.ts";

/**
 * Nakama's default `max_num_score`, reported for every record of a leaderboard.
 * @example Read it
 * ```ts
 * DEFAULT_MAX_NUM_SCORE; // 1000000
 * ```
 */
export const DEFAULT_MAX_NUM_SCORE = 1_000_000;
/**
 * `max_size` of a tournament created without one (math.MaxInt32).
 * @example Read it
 * ```ts
 * UNLIMITED_SIZE; // 2147483647
 * ```
 */
export const UNLIMITED_SIZE = 2147483647;

/** Options to create a leaderboard. */
export interface LeaderboardInit {
  id: string;
  authoritative?: boolean;
  /** `"asc"`/`"desc"` or 0/1. Default desc. */
  sortOrder?: "asc" | "desc" | 0 | 1;
  /** `"best" | "set" | "incr" | "decr"` or 0-3. Default best. */
  operator?: "best" | "set" | "incr" | "decr" | LeaderboardOperator;
  resetSchedule?: string;
  metadata?: string;
  /** Epoch ms. */
  createTime: number;
}

/** Options to create a tournament (a leaderboard with a schedule and rules). */
export interface TournamentInit extends LeaderboardInit {
  title?: string;
  description?: string;
  category?: number;
  duration: number;
  /** Unix seconds; 0 = now. */
  startTime?: number;
  /** Unix seconds; 0 = never. */
  endTime?: number;
  maxSize?: number;
  maxNumScore?: number;
  joinRequired?: boolean;
}

const OPERATORS = { best: 0, set: 1, incr: 2, decr: 3 } as const;

function operatorOf(value: LeaderboardInit["operator"]): LeaderboardOperator {
  if (typeof value === "number") return value;
  return OPERATORS[value ?? "best"];
}

function sortOf(value: LeaderboardInit["sortOrder"]): 0 | 1 {
  if (typeof value === "number") return value;
  return value === "asc" ? 0 : 1;
}

/**
 * Builds a leaderboard (not yet registered in the state).
 * @example A weekly board
 * ```ts
 * fake.state.leaderboards.set("weekly", newLeaderboard({ id: "weekly", resetSchedule: "0 0 * * 1", createTime: Date.now() }));
 * ```
 */
export function newLeaderboard(init: LeaderboardInit): FakeLeaderboard {
  if (init.resetSchedule) parseCron(init.resetSchedule);
  return {
    id: init.id,
    authoritative: init.authoritative ?? false,
    sort_order: sortOf(init.sortOrder),
    operator: operatorOf(init.operator),
    reset_schedule: init.resetSchedule ?? "",
    metadata: init.metadata ?? "{}",
    create_time: init.createTime,
    records: new Map(),
  };
}

/**
 * Builds a tournament (not yet registered in the state).
 * @example A one-hour tournament
 * ```ts
 * fake.state.leaderboards.set("cup", newTournament({ id: "cup", duration: 3600, createTime: Date.now() }));
 * ```
 */
export function newTournament(init: TournamentInit): FakeLeaderboard {
  const board = newLeaderboard(init);
  const settings: TournamentSettings = {
    title: init.title ?? "",
    description: init.description ?? "",
    category: init.category ?? 0,
    duration: init.duration,
    start_time: init.startTime || Math.floor(init.createTime / 1000),
    end_time: init.endTime ?? 0,
    max_size: init.maxSize || UNLIMITED_SIZE,
    max_num_score: init.maxNumScore || DEFAULT_MAX_NUM_SCORE,
    join_required: init.joinRequired ?? false,
    joined: new Set(),
  };
  board.tournament = settings;
  return board;
}

const cronCache = new Map<string, Cron>();

function cronOf(expression: string): Cron | undefined {
  if (!expression) return undefined;
  let cron = cronCache.get(expression);
  if (!cron) cronCache.set(expression, cron = parseCron(expression));
  return cron;
}

/** A tournament's current period, all in Unix seconds (0 = none). */
export interface TournamentWindow {
  startActive: number;
  endActive: number;
  /** When records of the current period expire. */
  expiry: number;
  nextReset: number;
  prevReset: number;
  /** Whether scores are accepted now. */
  active: boolean;
}

/**
 * Computes a tournament's active window at `nowSec`.
 * @example Is it open?
 * ```ts
 * tournamentWindow(board, Date.now() / 1000).active;
 * ```
 */
export function tournamentWindow(board: FakeLeaderboard, nowSec: number): TournamentWindow {
  const t = board.tournament!;
  const now = Math.floor(nowSec);
  const cron = cronOf(board.reset_schedule);
  if (!cron) {
    const endActive = t.start_time + t.duration;
    const active = now >= t.start_time && now < endActive && (t.end_time === 0 || now < t.end_time);
    return {
      startActive: t.start_time,
      endActive: t.end_time > 0 ? Math.min(endActive, t.end_time) : endActive,
      expiry: t.end_time,
      nextReset: t.end_time,
      prevReset: 0,
      active,
    };
  }
  let periodStart: number;
  if (now < t.start_time) periodStart = cronNext(cron, t.start_time - 1);
  else periodStart = cronPrev(cron, now);
  let expiry = cronNext(cron, periodStart);
  let endActive = Math.min(periodStart + t.duration, expiry);
  if (t.end_time > 0 && expiry > t.end_time) {
    expiry = t.end_time;
    endActive = Math.min(endActive, t.end_time);
  }
  const startActive = Math.max(periodStart, t.start_time);
  return {
    startActive,
    endActive,
    expiry,
    nextReset: cronNext(cron, now),
    prevReset: cronPrev(cron, now),
    active: now >= startActive && now < endActive,
  };
}

/**
 * The expiry (Unix seconds, 0 = never) that records written now belong to.
 * @example Current period
 * ```ts
 * currentExpiry(board, Date.now() / 1000);
 * ```
 */
export function currentExpiry(board: FakeLeaderboard, nowSec: number): number {
  if (board.tournament) return tournamentWindow(board, nowSec).expiry;
  const cron = cronOf(board.reset_schedule);
  return cron ? cronNext(cron, Math.floor(nowSec)) : 0;
}

function recordKey(ownerId: string, expiry: number): string {
  return `${expiry}:${ownerId}`;
}

/**
 * The live record of an owner in the current period.
 * @example Read a record
 * ```ts
 * ownerRecord(board, userId, Date.now() / 1000)?.score;
 * ```
 */
export function ownerRecord(
  board: FakeLeaderboard,
  ownerId: string,
  nowSec: number,
): LeaderboardRecordData | undefined {
  return board.records.get(recordKey(ownerId, currentExpiry(board, nowSec)));
}

/**
 * Removes the owner's record of the current period; whether there was one.
 * @example Delete
 * ```ts
 * deleteOwnerRecord(board, userId, Date.now() / 1000);
 * ```
 */
export function deleteOwnerRecord(board: FakeLeaderboard, ownerId: string, nowSec: number): boolean {
  return board.records.delete(recordKey(ownerId, currentExpiry(board, nowSec)));
}

/**
 * The records of the current period (or of the period ending at `expiry`) in rank order (desc: score, subscore, owner id all descending; asc: ascending).
 * @example Top record
 * ```ts
 * rankedRecords(board, Date.now() / 1000)[0];
 * ```
 */
export function rankedRecords(board: FakeLeaderboard, nowSec: number, expiry?: number): LeaderboardRecordData[] {
  const wanted = expiry ?? currentExpiry(board, nowSec);
  const list = [...board.records.values()].filter((r) => r.expiry_time === wanted);
  const dir = board.sort_order === 1 ? -1 : 1;
  list.sort((a, b) => {
    if (a.score !== b.score) return a.score < b.score ? -dir : dir;
    if (a.subscore !== b.subscore) return a.subscore < b.subscore ? -dir : dir;
    return a.owner_id < b.owner_id ? -dir : a.owner_id > b.owner_id ? dir : 0;
  });
  return list;
}

/** A score write. */
export interface ScoreWrite {
  ownerId: string;
  username: string;
  score: bigint;
  subscore: bigint;
  /** JSON text, or undefined to keep the record's metadata. */
  metadata?: string;
  /** Override operator (internal numbering), or undefined for the board's own. */
  operator?: LeaderboardOperator;
}

function better(board: FakeLeaderboard, score: bigint, subscore: bigint, than: LeaderboardRecordData): boolean {
  if (board.sort_order === 1) return score > than.score || (score === than.score && subscore > than.subscore);
  return score < than.score || (score === than.score && subscore < than.subscore);
}

/**
 * Applies a score write with the board's (or the override) operator and returns the resulting record.
 * A `best` write that does not improve, or a tournament write past `max_num_score`, leaves the record as it was.
 * @example Submit a score
 * ```ts
 * applyScore(board, { ownerId, username, score: 100n, subscore: 0n }, Date.now());
 * ```
 */
export function applyScore(board: FakeLeaderboard, write: ScoreWrite, nowMs: number): LeaderboardRecordData {
  const expiry = currentExpiry(board, nowMs / 1000);
  const key = recordKey(write.ownerId, expiry);
  const existing = board.records.get(key);
  const operator = write.operator ?? board.operator;
  const maxNum = board.tournament?.max_num_score ?? DEFAULT_MAX_NUM_SCORE;
  if (!existing) {
    let score = write.score, subscore = write.subscore;
    if (operator === 3) {
      // Decrement starts from zero and never goes below it (the capture server's first decr write shows 0).
      score = 0n;
      subscore = 0n;
    }
    const record: LeaderboardRecordData = {
      owner_id: write.ownerId,
      username: write.username,
      score,
      subscore,
      num_score: 1,
      metadata: write.metadata ?? "{}",
      create_time: nowMs,
      update_time: nowMs,
      expiry_time: expiry,
    };
    board.records.set(key, record);
    return record;
  }
  if (board.tournament && existing.num_score >= maxNum) return existing;
  let score = existing.score, subscore = existing.subscore;
  switch (operator) {
    case 0:
      if (!better(board, write.score, write.subscore, existing)) return existing;
      score = write.score;
      subscore = write.subscore;
      break;
    case 1:
      score = write.score;
      subscore = write.subscore;
      break;
    case 2:
      score += write.score;
      subscore += write.subscore;
      break;
    case 3:
      score -= write.score;
      subscore -= write.subscore;
      if (score < 0n) score = 0n;
      if (subscore < 0n) subscore = 0n;
      break;
  }
  existing.score = score;
  existing.subscore = subscore;
  existing.num_score++;
  existing.username = write.username;
  if (write.metadata !== undefined) existing.metadata = write.metadata;
  existing.update_time = nowMs;
  return existing;
}

/**
 * Creates the empty record a `join_required` tournament gives on join (score 0, num_score 0).
 * @example Join
 * ```ts
 * joinRecord(board, userId, "alice", Date.now());
 * ```
 */
export function joinRecord(board: FakeLeaderboard, ownerId: string, username: string, nowMs: number): void {
  const expiry = currentExpiry(board, nowMs / 1000);
  const key = recordKey(ownerId, expiry);
  if (board.records.has(key)) return;
  board.records.set(key, {
    owner_id: ownerId,
    username,
    score: 0n,
    subscore: 0n,
    num_score: 0,
    metadata: "{}",
    create_time: nowMs,
    update_time: nowMs,
    expiry_time: expiry,
  });
}
