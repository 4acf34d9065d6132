/**
 * Socket RPC (the same functions as REST, from `state.rpcs`), `ping`/`pong`, and live pushes of notifications
 * that REST actions and RPCs send through `state.notify`.
 * @module
 */

import { badInput, type Feature, type Hub, RtCode, type RtSession } from "./realtime_hub.ts";
import type { FakeNotification } from "./state.ts";
import { omitZero, rfc3339 } from "./wire.ts";

/** The session whose socket RPC is running, so hooks such as `sendStreamData` know the calling socket. */
let current: RtSession | undefined;

/**
 * The socket that is calling an RPC right now (set only during the synchronous start of the call).
 * @example Inside a hook
 * ```ts
 * const session = callingSession();
 * ```
 */
export function callingSession(): RtSession | undefined {
  return current;
}

/**
 * A notification as `notifications` pushes carry it: content as produced, zero values omitted.
 * @example Format
 * ```ts
 * notificationJson(notification);
 * ```
 */
export function notificationJson(n: FakeNotification): Record<string, unknown> {
  return omitZero({
    id: n.id,
    subject: n.subject,
    content: n.content,
    code: n.code,
    sender_id: n.sender_id,
    create_time: rfc3339(n.create_time),
    persistent: n.persistent,
  });
}

/** RPC, ping and notification pushes. */
export function createRpc(hub: Hub): Feature {
  const stopNotifications = hub.state.onNotification((userId, notification) => {
    const body = { notifications: [notificationJson(notification)] };
    for (const session of hub.sessionsOf(userId)) hub.send(session, { notifications: body });
  });
  return {
    handlers: {
      ping(session, cid) {
        if (session.answerPings) hub.reply(session, cid, "pong", {});
      },
      pong() {
        // A client pong is accepted and ignored.
      },
      async rpc(session, cid, message) {
        const id = typeof message.id === "string" ? message.id : "";
        if (id === "") badInput("RPC ID must be set");
        const fn = hub.state.rpcs.get(id.toLowerCase());
        if (!fn) badInput("RPC function not found", RtCode.RUNTIME_FUNCTION_NOT_FOUND);
        let result: string | void;
        try {
          current = session;
          const pending = fn({
            userId: session.userId,
            username: session.username,
            vars: session.vars,
            query: new URLSearchParams(),
            headers: new Headers(),
            state: hub.state,
          }, typeof message.payload === "string" ? message.payload : "");
          current = undefined;
          result = await pending;
        } catch (error) {
          current = undefined;
          badInput(error instanceof Error ? error.message : String(error), RtCode.RUNTIME_FUNCTION_EXCEPTION);
        }
        hub.reply(session, cid, "rpc", omitZero({ id, payload: result ?? "" }));
      },
    },
    close: stopNotifications,
  };
}
