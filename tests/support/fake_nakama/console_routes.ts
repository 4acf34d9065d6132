/**
 * Every console route of the fake, gathered from the `console_*.ts` area files and mounted with the console's
 * authentication. The fake serves them on the same port as the game API, over the same state.
 * @module
 */

import { consoleAccountRoutes } from "./console_accounts.ts";
import { consoleAuthRoutes, mountConsoleRoute } from "./console_auth.ts";
import { consoleGroupRoutes } from "./console_groups.ts";
import { consoleLeaderboardRoutes } from "./console_leaderboards.ts";
import { consoleServerRoutes } from "./console_server.ts";
import { consoleStorageRoutes } from "./console_storage.ts";
import { consoleUserRoutes } from "./console_users.ts";
import type { Route } from "./router.ts";

/**
 * The console routes, ready for the router. Operations not listed here answer 404 `Not Found`, like a server
 * version that lacks them.
 * @example Mount beside the game routes
 * ```ts
 * new Router([...allRoutes(), ...consoleRoutes()]);
 * ```
 */
export function consoleRoutes(): Route[] {
  return [
    ...consoleAuthRoutes(),
    ...consoleAccountRoutes(),
    ...consoleStorageRoutes(),
    ...consoleLeaderboardRoutes(),
    ...consoleGroupRoutes(),
    ...consoleUserRoutes(),
    ...consoleServerRoutes(),
  ].map(mountConsoleRoute);
}
