/**
 * `POST /v2/event` (custom analytics events; recorded in {@link FakeState.events}, `external` forced true) and
 * the unauthenticated health check.
 * @module
 */

import type { Route } from "./router.ts";

/**
 * The event and health routes.
 * @example Mount
 * ```ts
 * new Router(eventRoutes());
 * ```
 */
export function eventRoutes(): Route[] {
  return [
    {
      method: "POST",
      path: "/v2/event",
      auth: "bearer",
      body: { name: "string", properties: { map: "string" }, timestamp: "string", external: "bool" },
      handle(ctx) {
        ctx.state.events.push({
          user_id: ctx.caller.userId,
          name: (ctx.body.name as string | undefined) ?? "",
          timestamp: (ctx.body.timestamp as string | undefined) ?? "",
          external: true,
          properties: (ctx.body.properties as Record<string, string> | undefined) ?? {},
        });
        return {};
      },
    },
    { method: "GET", path: "/healthcheck", auth: "none", handle: () => ({}) },
  ];
}
