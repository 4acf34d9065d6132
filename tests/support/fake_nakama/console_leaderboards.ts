/**
 * Console leaderboard routes over the game leaderboards and tournaments: list, get, delete, list records (the game
 * API's ranking and cursors, a page of 100 by default) and delete one owner's record.
 * @module
 */

import { consoleFail, type ConsoleRoute } from "./console_auth.ts";
import { consoleLeaderboardJson, consoleRecordJson } from "./console_wire.ts";
import { Code } from "./errors.ts";
import { listRecords } from "./leaderboards.ts";
import { deleteOwnerRecord, rankedRecords } from "./ranking.ts";
import type { HandlerContext } from "./router.ts";
import { type FakeLeaderboard, isUuid } from "./state.ts";

function board(ctx: HandlerContext, param = "id"): FakeLeaderboard {
  const found = ctx.state.leaderboards.get(ctx.params[param]);
  if (!found) consoleFail(Code.NOT_FOUND, "Leaderboard not found.");
  return found;
}

/**
 * The console leaderboard routes.
 * @example Mount
 * ```ts
 * consoleLeaderboardRoutes().map(mountConsoleRoute);
 * ```
 */
export function consoleLeaderboardRoutes(): ConsoleRoute[] {
  return [
    {
      operation: "ListLeaderboards",
      method: "GET",
      path: "/v2/console/leaderboard",
      handle(ctx) {
        const boards = [...ctx.state.leaderboards.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
        return {
          leaderboards: boards.map((b) => consoleLeaderboardJson(ctx.state, b)),
          total: boards.length,
          cursor: "",
        };
      },
    },
    {
      operation: "GetLeaderboard",
      method: "GET",
      path: "/v2/console/leaderboard/{id}",
      handle: (ctx) => consoleLeaderboardJson(ctx.state, board(ctx)),
    },
    {
      operation: "DeleteLeaderboard",
      method: "DELETE",
      path: "/v2/console/leaderboard/{id}",
      handle(ctx) {
        ctx.state.leaderboards.delete(board(ctx).id);
        return {};
      },
    },
    {
      operation: "DeleteLeaderboardRecord",
      method: "DELETE",
      path: "/v2/console/leaderboard/{id}/owner/{owner_id}",
      handle(ctx) {
        const b = board(ctx);
        if (!isUuid(ctx.params.owner_id)) consoleFail(Code.INVALID_ARGUMENT, "Invalid owner ID provided.");
        deleteOwnerRecord(b, ctx.params.owner_id.toLowerCase(), ctx.state.now() / 1000);
        return {};
      },
    },
    {
      operation: "ListLeaderboardRecords",
      method: "GET",
      path: "/v2/console/leaderboard/{leaderboard_id}/records",
      handle(ctx) {
        const b = board(ctx, "leaderboard_id");
        // The game listing gives the ranking, cursors and owner filter; the records are re-shaped with every field.
        const listed = listRecords(ctx, b, 100) as {
          records?: { owner_id: string }[];
          owner_records?: { owner_id: string }[];
        } & Record<string, unknown>;
        const ranked = rankedRecords(b, ctx.state.now() / 1000, ctx.query.int("expiry", 64) || undefined);
        const full = (list: { owner_id: string }[] | undefined) =>
          (list ?? []).map((r) => {
            const index = ranked.findIndex((x) => x.owner_id === r.owner_id);
            return consoleRecordJson(b, ranked[index], index + 1);
          });
        return {
          records: full(listed.records),
          owner_records: full(listed.owner_records),
          next_cursor: listed.next_cursor ?? "",
          prev_cursor: listed.prev_cursor ?? "",
          rank_count: String(ranked.length),
        };
      },
    },
  ];
}
