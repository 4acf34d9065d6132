/**
 * Online status: sockets that connect with `status=true` or call `status_update` are tracked with a status text,
 * and every socket that follows the user (each socket follows its own user) gets `status_presence_event`s: a join
 * when a session comes online, leave-old plus join-new on an update, a leave when it goes offline or disconnects.
 * `state.users[…].online` follows along for REST.
 * @module
 */

import { badInput, type Feature, type Hub, type RtSession, type WirePresence } from "./realtime_hub.ts";
import { isUuid } from "./state.ts";

/** Status presence and follows. */
export function createStatus(hub: Hub): Feature {
  /** The status of each tracked (online) session. */
  const statuses = new Map<RtSession, string>();
  /** The user ids each session follows (its own user is implied). */
  const follows = new Map<RtSession, Set<string>>();

  const presence = (session: RtSession, status: string): WirePresence => ({ ...hub.presence(session), status });

  const notify = (userId: string, event: { joins?: WirePresence[]; leaves?: WirePresence[] }) => {
    for (const session of hub.sessions.values()) {
      if (session.userId === userId || follows.get(session)?.has(userId)) {
        hub.send(session, { status_presence_event: event });
      }
    }
  };

  const refreshOnline = (userId: string) => {
    hub.state.setOnline(userId, [...statuses.keys()].some((s) => s.userId === userId));
  };

  const checkIds = (ids: unknown): string[] => {
    const list = (ids as string[] | undefined) ?? [];
    if (list.some((id) => !isUuid(id))) badInput("Invalid user identifier");
    return list.map((id) => id.toLowerCase());
  };

  return {
    sessionOpened(session, appearOnline) {
      follows.set(session, new Set());
      if (!appearOnline) return;
      statuses.set(session, "");
      refreshOnline(session.userId);
      notify(session.userId, { joins: [presence(session, "")] });
    },
    sessionClosed(session) {
      follows.delete(session);
      const old = statuses.get(session);
      if (old === undefined) return;
      statuses.delete(session);
      refreshOnline(session.userId);
      notify(session.userId, { leaves: [presence(session, old)] });
    },
    handlers: {
      status_follow(session, cid, message) {
        const ids = checkIds(message.user_ids);
        const names = (message.usernames as string[] | undefined) ?? [];
        if (names.some((name) => name === "")) badInput("Invalid username");
        const wanted = new Set(ids.filter((id) => hub.state.users.has(id)));
        for (const name of names) {
          const user = hub.state.userByUsername(name);
          if (user) wanted.add(user.id);
        }
        wanted.delete(session.userId);
        const set = follows.get(session) ?? new Set<string>();
        follows.set(session, set);
        for (const id of wanted) set.add(id);
        const presences: WirePresence[] = [];
        for (const [tracked, status] of statuses) {
          if (wanted.has(tracked.userId)) presences.push(presence(tracked, status));
        }
        hub.reply(session, cid, "status", presences.length > 0 ? { presences } : {});
      },
      status_unfollow(session, cid, message) {
        const ids = checkIds(message.user_ids);
        const set = follows.get(session);
        for (const id of ids) set?.delete(id);
        hub.reply(session, cid);
      },
      status_update(session, cid, message) {
        const old = statuses.get(session);
        const status = message.status as string | undefined;
        if (status !== undefined && [...status].length > 2048) badInput("Status must be 2048 characters or less");
        hub.reply(session, cid);
        if (status === undefined) {
          if (old === undefined) return;
          statuses.delete(session);
          refreshOnline(session.userId);
          notify(session.userId, { leaves: [presence(session, old)] });
          return;
        }
        statuses.set(session, status);
        refreshOnline(session.userId);
        notify(
          session.userId,
          old === undefined
            ? { joins: [presence(session, status)] }
            : { joins: [presence(session, status)], leaves: [presence(session, old)] },
        );
      },
    },
    close() {
      statuses.clear();
      follows.clear();
    },
  };
}
