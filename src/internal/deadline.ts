/**
 * A signal that aborts when the caller's signal does or when a deadline passes, with a `dispose()` that clears the
 * timer and the listener on every exit path. `AbortSignal.timeout` is not used: its timer cannot be cleared early, and
 * Deno's sanitizers (rightly) report it as a leak.
 * @module
 */

import { MAX_TIMER_MS } from "./delay.ts";

/** The combined signal and its clean-up. */
export interface Deadline {
  /** Aborts on the caller's abort (with its reason) or at the deadline (with `onTimeout()`'s error). */
  readonly signal: AbortSignal;
  /** True once the deadline, not the caller, aborted the signal. */
  readonly timedOut: boolean;
  /** Clears the timer and detaches from the caller's signal. Safe to call more than once. */
  dispose(): void;
}

/**
 * Starts a deadline of `timeoutMs` (no deadline when it is 0 or Infinity) linked to `parent`.
 */
export function deadline(timeoutMs: number, parent: AbortSignal | undefined, onTimeout: () => Error): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onParentAbort = () => controller.abort(parent!.reason);
  if (parent?.aborted) {
    controller.abort(parent.reason);
  } else {
    parent?.addEventListener("abort", onParentAbort, { once: true });
    if (timeoutMs > 0 && Number.isFinite(timeoutMs)) {
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort(onTimeout());
      }, Math.min(timeoutMs, MAX_TIMER_MS));
    }
  }
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      parent?.removeEventListener("abort", onParentAbort);
    },
  };
}
