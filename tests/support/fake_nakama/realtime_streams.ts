/**
 * Custom streams, as server code uses them: the `clientrpc.send_stream_data` RPC (through `state.sendStreamData`)
 * joins the calling socket to the stream `{mode: 20, label: "Stream Data Test"}` (members get a
 * `stream_presence_event`) and sends the payload to every member as `stream_data` (plain text, no sender).
 * @module
 */

import type { Feature, Hub, RtSession } from "./realtime_hub.ts";
import { callingSession } from "./realtime_rpc.ts";

const STREAM = { mode: 20, label: "Stream Data Test" };

/** The test stream. */
export function createStreams(hub: Hub): Feature {
  const members = new Set<RtSession>();

  const send = (envelope: Record<string, unknown>) => {
    for (const member of members) hub.send(member, envelope);
  };

  hub.state.sendStreamData = (userId, payload) => {
    const caller = callingSession();
    const joiners = caller && caller.userId === userId ? [caller] : hub.sessionsOf(userId);
    for (const session of joiners) {
      if (members.has(session)) continue;
      members.add(session);
      send({ stream_presence_event: { stream: STREAM, joins: [hub.presence(session)] } });
    }
    send({
      stream_data: payload === ""
        ? { stream: STREAM, reliable: true }
        : { stream: STREAM, data: payload, reliable: true },
    });
  };

  return {
    handlers: {},
    sessionClosed(session) {
      if (!members.delete(session)) return;
      send({ stream_presence_event: { stream: STREAM, leaves: [hub.presence(session)] } });
    },
    close() {
      members.clear();
      hub.state.sendStreamData = undefined;
    },
  };
}
