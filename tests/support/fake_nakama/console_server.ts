/**
 * Console routes that inspect the server and its live data: status, config, runtime, extensions, settings, running
 * matches, chat messages and notifications.
 * @module
 */

import { consoleFail, type ConsoleRoute } from "./console_auth.ts";
import { consoleMessageJson, consoleNotificationJson } from "./console_wire.ts";
import { Code } from "./errors.ts";
import type { HandlerContext } from "./router.ts";
import { isUuid } from "./state.ts";
import { rfc3339 } from "./wire.ts";

function settingJson(name: string, setting: { value: string; update_time: number }): Record<string, unknown> {
  return { name, value: setting.value, update_time_sec: String(Math.floor(setting.update_time / 1000)) };
}

function notificationById(ctx: HandlerContext): { userId: string; index: number } {
  const id = ctx.params.id;
  if (!isUuid(id)) consoleFail(Code.INVALID_ARGUMENT, "Invalid notification ID.");
  for (const [userId, list] of ctx.state.notifications) {
    const index = list.findIndex((n) => n.id === id.toLowerCase());
    if (index >= 0) return { userId, index };
  }
  consoleFail(Code.NOT_FOUND, "Notification not found.");
}

/**
 * The console server-inspection routes.
 * @example Mount
 * ```ts
 * consoleServerRoutes().map(mountConsoleRoute);
 * ```
 */
export function consoleServerRoutes(): ConsoleRoute[] {
  return [
    {
      operation: "GetStatus",
      method: "GET",
      path: "/v2/console/status",
      handle(ctx) {
        const online = [...ctx.state.users.values()].filter((u) => u.online).length;
        return {
          nodes: [{
            name: "nakama",
            health: 0,
            session_count: online,
            presence_count: online,
            match_count: [...ctx.state.matches.values()].filter((m) => m.authoritative).length,
            goroutine_count: 1,
            avg_latency_ms: 0,
            avg_rate_sec: 0,
            avg_input_kbs: 0,
            avg_output_kbs: 0,
            party_count: ctx.state.parties.size,
            create_time: null,
          }],
          timestamp: rfc3339(ctx.state.now()),
        };
      },
    },
    {
      operation: "GetConfig",
      method: "GET",
      path: "/v2/console/config",
      handle: (ctx, { console: cs }) => ({
        config: JSON.stringify({
          name: "nakama",
          session: { token_expiry_sec: ctx.state.tokenExpirySec, encryption_key: "<redacted>" },
          console: { port: 7351, username: cs.username, password: "<redacted>" },
        }),
        warnings: [],
        server_version: cs.serverVersion,
      }),
    },
    {
      operation: "GetRuntime",
      method: "GET",
      path: "/v2/console/runtime",
      handle: (ctx) => ({
        lua_rpc_functions: [...ctx.state.rpcs.keys()].sort(),
        go_rpc_functions: [],
        js_rpc_functions: [],
        go_modules: [],
        lua_modules: [],
        js_modules: [],
      }),
    },
    {
      operation: "RegisteredExtensions",
      method: "GET",
      path: "/v2/console/extensions",
      handle: () => ({ hiro: false, hiro_systems: null, satori: false }),
    },
    {
      operation: "ListSettings",
      method: "GET",
      path: "/v2/console/setting",
      handle(ctx, { console: cs }) {
        const names = ctx.query.all("names");
        const settings = [...cs.settings]
          .filter(([name]) => names.length === 0 || names.includes(name))
          .map(([name, setting]) => settingJson(name, setting));
        return { settings, acl_resources: [] };
      },
    },
    {
      operation: "GetSetting",
      method: "GET",
      path: "/v2/console/setting/{name}",
      handle(ctx, { console: cs }) {
        const setting = cs.settings.get(ctx.params.name);
        if (!setting) consoleFail(Code.NOT_FOUND, "Setting not found.");
        return settingJson(ctx.params.name, setting);
      },
    },
    {
      operation: "UpdateSetting",
      method: "POST",
      path: "/v2/console/setting/{name}",
      body: { value: "string" },
      handle(ctx, { console: cs }) {
        const setting = { value: (ctx.body.value as string | undefined) ?? "", update_time: ctx.state.now() };
        cs.settings.set(ctx.params.name, setting);
        return settingJson(ctx.params.name, setting);
      },
    },
    {
      operation: "ListMatches",
      method: "GET",
      path: "/v2/console/match",
      handle(ctx) {
        const limit = ctx.query.int("limit") || 100;
        const matches = [...ctx.state.matches.values()].slice(0, limit).map((m) => ({
          api_match: {
            match_id: m.match_id,
            authoritative: m.authoritative,
            label: m.label,
            size: m.size,
            tick_rate: m.tick_rate,
            handler_name: m.handler_name,
          },
          node: "nakama",
        }));
        return { matches };
      },
    },
    {
      operation: "ListChannelMessages",
      method: "GET",
      path: "/v2/console/channel",
      handle(ctx) {
        const type = ctx.query.string("type") ?? "";
        const label = ctx.query.string("label") ?? "";
        const groupId = ctx.query.string("group_id") ?? "";
        const channel = type === "ROOM" || type === "1"
          ? `2...${label}`
          : type === "GROUP" || type === "2"
          ? `3.${groupId}..`
          : `4.${ctx.query.string("user_id_one") ?? ""}.${ctx.query.string("user_id_two") ?? ""}.`;
        const messages = ctx.state.listChannelMessages(channel).map(consoleMessageJson);
        return { messages, next_cursor: "", prev_cursor: "", cacheable_cursor: "" };
      },
    },
    {
      operation: "ListNotifications",
      method: "GET",
      path: "/v2/console/notification",
      handle(ctx) {
        const userId = (ctx.query.string("user_id") ?? "").toLowerCase();
        const limit = ctx.query.int("limit") || 100;
        const all = [...ctx.state.notifications].flatMap(([owner, list]) =>
          !userId || owner === userId ? list.map((n) => ({ ...consoleNotificationJson(n), user_id: owner })) : []
        );
        return { notifications: all.slice(0, limit), next_cursor: "", prev_cursor: "" };
      },
    },
    {
      operation: "SendNotification",
      method: "POST",
      path: "/v2/console/notification",
      body: {
        user_ids: { repeated: "string" },
        subject: "string",
        content: "json",
        code: "int32",
        persistent: "bool",
        sender_id: "string",
      },
      handle(ctx) {
        const { body, state } = ctx;
        const ids = (body.user_ids as string[] | undefined) ?? [];
        const targets = ids.length ? ids.map((id) => id.toLowerCase()) : [...state.users.keys()];
        for (const userId of targets) {
          state.notify(userId, {
            subject: (body.subject as string | undefined) ?? "",
            content: JSON.stringify(body.content ?? {}),
            code: (body.code as number | undefined) ?? 0,
            persistent: (body.persistent as boolean | undefined) ?? false,
            sender_id: (body.sender_id as string | undefined) ?? "",
          });
        }
        return {};
      },
    },
    {
      operation: "GetNotification",
      method: "GET",
      path: "/v2/console/notification/{id}",
      handle(ctx) {
        const { userId, index } = notificationById(ctx);
        return { ...consoleNotificationJson(ctx.state.notifications.get(userId)![index]), user_id: userId };
      },
    },
    {
      operation: "DeleteNotification",
      method: "DELETE",
      path: "/v2/console/notification/{id}",
      handle(ctx) {
        const { userId, index } = notificationById(ctx);
        ctx.state.notifications.get(userId)!.splice(index, 1);
        return {};
      },
    },
  ];
}
