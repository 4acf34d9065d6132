/**
 * The fake server's realtime side (`/ws`). Placeholder: refuses every upgrade until the socket work lands.
 * Owned by the socket work; the HTTP side only calls {@link createRealtime} and {@link Realtime.accept}.
 * @module
 */

import type { SocketHandlers } from "../serve.ts";
import type { FakeState } from "./state.ts";

/** The realtime side of one fake server. */
export interface Realtime {
  /** Accepts (handlers) or refuses (a Response) an upgrade request for `/ws`. */
  accept(request: Request, url: URL): SocketHandlers | Response;
  /** Closes every socket and clears every timer (match loops, matchmaker). */
  close(): void;
}

/** Builds the realtime side over the server's state. */
export function createRealtime(_state: FakeState): Realtime {
  return {
    accept: () => new Response("realtime not implemented yet\n", { status: 501 }),
    close() {},
  };
}
