/**
 * Wire types of the REST listings of matches, parties and the matchmaker (the socket messages differ).
 * @module
 */

/**
 * A running match, as `listMatches` returns it.
 *
 * @example Finding a match to join
 * ```ts
 * const { matches = [] } = await client.listMatches(session, { authoritative: true, query: "+label.mode:ctf" });
 * const target = matches.find((match) => (match.size ?? 0) < 8);
 * ```
 */
export interface ApiMatch {
  /** The match id: `<uuid>.<node>` when authoritative, `<uuid>.` when relayed. */
  match_id?: string;
  /** Whether the server runs the match. */
  authoritative?: boolean;
  /** The label (authoritative matches). */
  label?: string;
  /** The current number of presences; omitted when 0. */
  size?: number;
  /** The tick rate (authoritative matches). */
  tick_rate?: number;
  /** The match handler's name (authoritative matches). */
  handler_name?: string;
}

/**
 * The reply of `listMatches` (not paginated).
 *
 * @example Counting matches
 * ```ts
 * const reply = await client.listMatches(session, { limit: 100 });
 * console.log(reply.matches?.length ?? 0);
 * ```
 */
export interface ApiMatchList {
  /** The matches. */
  matches?: ApiMatch[];
}

/**
 * One recently completed matchmaker ticket.
 *
 * @example Measuring the wait
 * ```ts
 * const stats = await client.getMatchmakerStats(session);
 * for (const c of stats.completions ?? []) console.log(Date.parse(c.complete_time!) - Date.parse(c.create_time!));
 * ```
 */
export interface ApiMatchmakerCompletionStats {
  /** When the ticket was made (RFC 3339). */
  create_time?: string;
  /** When it was matched (RFC 3339). */
  complete_time?: string;
}

/**
 * Matchmaker statistics.
 *
 * @example Showing the queue
 * ```ts
 * const stats = await client.getMatchmakerStats(session);
 * console.log(stats.ticket_count ?? 0, "waiting since", stats.oldest_ticket_create_time);
 * ```
 */
export interface ApiMatchmakerStats {
  /** Tickets waiting now. */
  ticket_count?: number;
  /** When the oldest waiting ticket was made (RFC 3339). */
  oldest_ticket_create_time?: string;
  /** Recent completions. */
  completions?: ApiMatchmakerCompletionStats[];
}

/**
 * A party, as `listParties` returns it.
 *
 * @example Finding an open party
 * ```ts
 * const { parties = [] } = await client.listParties(session, { open: true });
 * console.log(parties.map((party) => `${party.label} (${party.max_size})`));
 * ```
 */
export interface ApiParty {
  /** The party id. */
  party_id?: string;
  /** Whether anyone may join. */
  open?: boolean;
  /** Whether it is hidden from listings. */
  hidden?: boolean;
  /** The most members. */
  max_size?: number;
  /** The label. */
  label?: string;
}

/**
 * A page of parties.
 *
 * @example Reading a page
 * ```ts
 * const page = await client.listParties(session, { limit: 10 });
 * console.log(page.parties?.length ?? 0, page.cursor);
 * ```
 */
export interface ApiPartyList {
  /** The parties. */
  parties?: ApiParty[];
  /** The next page's cursor. */
  cursor?: string;
}
