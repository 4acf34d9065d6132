/**
 * Every REST route of the fake, gathered from the per-area handler files (88 routes, as in Nakama 3.40).
 * @module
 */

import { accountRoutes } from "./account.ts";
import { authRoutes } from "./auth.ts";
import { channelRoutes } from "./channels.ts";
import { eventRoutes } from "./events.ts";
import { friendRoutes } from "./friends.ts";
import { groupRoutes } from "./groups.ts";
import { leaderboardRoutes } from "./leaderboards.ts";
import { matchRoutes } from "./matches.ts";
import { notificationRoutes } from "./notifications.ts";
import { partyRoutes } from "./parties.ts";
import { purchaseRoutes } from "./purchases.ts";
import type { Route } from "./router.ts";
import { rpcRoutes } from "./rpc.ts";
import { storageRoutes } from "./storage.ts";
import { tournamentRoutes } from "./tournaments.ts";

/**
 * All routes, in a fixed order.
 * @example Count them
 * ```ts
 * allRoutes().length; // 88
 * ```
 */
export function allRoutes(): Route[] {
  return [
    ...eventRoutes(),
    ...authRoutes(),
    ...accountRoutes(),
    ...friendRoutes(),
    ...groupRoutes(),
    ...storageRoutes(),
    ...leaderboardRoutes(),
    ...tournamentRoutes(),
    ...notificationRoutes(),
    ...channelRoutes(),
    ...matchRoutes(),
    ...partyRoutes(),
    ...purchaseRoutes(),
    ...rpcRoutes(),
  ];
}
