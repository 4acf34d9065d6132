/**
 * The fake Nakama server the runtime launchers talk to: one import site for all of them.
 * @module
 */

export { FakeNakama } from "../support/fake_nakama/mod.ts";
export { realtimeControl } from "../support/fake_nakama/realtime.ts";

/**
 * Resolves once the fake holds no socket of `userId` (a client's close can reach the server a moment after the
 * client saw it complete). Polls every millisecond; rejects after `maxMs` instead of hanging.
 */
export async function socketsGone(
  sessions: (userId: string) => ReadonlyArray<unknown>,
  userId: string,
  maxMs = 5000,
): Promise<void> {
  const started = Date.now();
  while (sessions(userId).length > 0) {
    if (Date.now() - started > maxMs) throw new Error(`The fake still holds a socket of ${userId} after ${maxMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
