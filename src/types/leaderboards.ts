/**
 * Wire types of leaderboards and tournaments. Scores and ranks are int64, so they are decimal strings.
 * @module
 */

/**
 * A score entry of a leaderboard or tournament; also the reply of the write calls.
 *
 * @example Comparing scores exactly
 * ```ts
 * const record = await client.writeLeaderboardRecord(session, "weekly", 9_007_199_254_740_993n);
 * console.log(BigInt(record.score ?? "0"), record.rank);
 * ```
 */
export interface ApiLeaderboardRecord {
  /** The leaderboard or tournament id. */
  leaderboard_id?: string;
  /** The owner (a user or group id). */
  owner_id?: string;
  /** The owner's username. */
  username?: string;
  /** The score, a decimal string; omitted when 0. */
  score?: string;
  /** The subscore, a decimal string; omitted when 0. */
  subscore?: string;
  /** How many scores the owner submitted. */
  num_score?: number;
  /** JSON text. */
  metadata?: string;
  /** When the record was created (RFC 3339). */
  create_time?: string;
  /** When the record was last updated (RFC 3339). */
  update_time?: string;
  /** When the record expires (RFC 3339); absent when never. */
  expiry_time?: string;
  /** The 1-based rank, a decimal string. */
  rank?: string;
  /** The most submissions allowed. */
  max_num_score?: number;
}

/**
 * A page of records, plus the records of the owners asked for by id.
 *
 * @example My record next to the top ten
 * ```ts
 * const page = await client.listLeaderboardRecords(session, "weekly", { ownerIds: [session.userId], limit: 10 });
 * console.log(page.records?.length, page.owner_records?.[0]?.rank);
 * ```
 */
export interface ApiLeaderboardRecordList {
  /** The page of records. */
  records?: ApiLeaderboardRecord[];
  /** The records of the owners given in `ownerIds`, whatever the page. */
  owner_records?: ApiLeaderboardRecord[];
  /** The next page's cursor. */
  next_cursor?: string;
  /** The previous page's cursor. */
  prev_cursor?: string;
  /** How many records are ranked, a decimal string. */
  rank_count?: string;
}

/**
 * A tournament: a leaderboard with a schedule and entry rules. Times in Unix seconds are numbers.
 *
 * @example Listing the active tournaments of a category
 * ```ts
 * const { tournaments = [] } = await client.listTournaments(session, { categoryStart: 1, categoryEnd: 1 });
 * for (const t of tournaments) console.log(t.title, t.can_enter === true, t.end_active);
 * ```
 */
export interface ApiTournament {
  /** The id. */
  id?: string;
  /** The title. */
  title?: string;
  /** The description. */
  description?: string;
  /** The category, 0 to 127. */
  category?: number;
  /** 0 ascending, 1 descending. */
  sort_order?: number;
  /** The current number of participants. */
  size?: number;
  /** The most participants allowed. */
  max_size?: number;
  /** The most scores per participant per period. */
  max_num_score?: number;
  /** Whether the session user may join or submit now. */
  can_enter?: boolean;
  /** When the current active period ends (Unix seconds). */
  end_active?: number;
  /** When the next reset happens (Unix seconds). */
  next_reset?: number;
  /** JSON text. */
  metadata?: string;
  /** When the tournament was created (RFC 3339). */
  create_time?: string;
  /** When the tournament starts (RFC 3339). */
  start_time?: string;
  /** When the tournament ends (RFC 3339); absent when never. */
  end_time?: string;
  /** The length of each active period, in seconds. */
  duration?: number;
  /** When the current active period started (Unix seconds). */
  start_active?: number;
  /** When the previous reset happened (Unix seconds). */
  prev_reset?: number;
  /** The score operator: 1 best, 2 set, 3 increment, 4 decrement. */
  operator?: number;
  /** Whether only the server may submit scores. */
  authoritative?: boolean;
  /** Whether players must join before submitting. */
  join_required?: boolean;
}

/**
 * A page of tournaments.
 *
 * @example Reading a page
 * ```ts
 * const page = await client.listTournaments(session, { limit: 10 });
 * console.log(page.tournaments?.length ?? 0, page.cursor);
 * ```
 */
export interface ApiTournamentList {
  /** The tournaments. */
  tournaments?: ApiTournament[];
  /** The next page's cursor. */
  cursor?: string;
}

/**
 * A page of tournament records (the same layout as {@link ApiLeaderboardRecordList}).
 *
 * @example Records around me
 * ```ts
 * const page = await client.listTournamentRecordsAroundOwner(session, "cup", session.userId, { limit: 5 });
 * console.log(page.records?.map((record) => `${record.rank}. ${record.username}`));
 * ```
 */
export interface ApiTournamentRecordList {
  /** The page of records. */
  records?: ApiLeaderboardRecord[];
  /** The records of the owners given in `ownerIds`, whatever the page. */
  owner_records?: ApiLeaderboardRecord[];
  /** The next page's cursor. */
  next_cursor?: string;
  /** The previous page's cursor. */
  prev_cursor?: string;
  /** How many records are ranked, a decimal string. */
  rank_count?: string;
}
