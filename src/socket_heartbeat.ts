/**
 * The socket's heartbeat: an application `ping` every interval, each expecting its `pong` within a timeout. It
 * talks to the socket through two callbacks, owns exactly one timer, and `start()` always cancels first, so it can
 * never run twice or outlive the connection.
 * @module
 */

import { MAX_TIMER_MS } from "./internal/delay.ts";
import { TimeoutError } from "./errors.ts";

/** What the heartbeat needs from its socket. */
export interface HeartbeatHost {
  /** Sends a ping that rejects with a `TimeoutError` when no pong arrives within `timeoutMs`. */
  ping(timeoutMs: number): Promise<void>;
  /** The connection is dead: no pong in time. */
  timedOut(): void;
}

/** Pings on a schedule while started. */
export class Heartbeat {
  readonly #host: HeartbeatHost;
  readonly #intervalMs: number;
  readonly #timeoutMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by every start and cancel, so a ping that settles late cannot re-arm a stopped heartbeat. */
  #generation = 0;

  /** An interval of 0 turns the heartbeat off. */
  constructor(host: HeartbeatHost, intervalMs: number, timeoutMs: number) {
    this.#host = host;
    this.#intervalMs = intervalMs;
    this.#timeoutMs = timeoutMs;
  }

  /** Starts (or restarts) the schedule: the first ping goes out one interval from now. */
  start(): void {
    this.cancel();
    if (this.#intervalMs > 0) this.#schedule(this.#generation);
  }

  /** Stops the schedule and forgets any ping in flight. */
  cancel(): void {
    this.#generation++;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(generation: number): void {
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#host.ping(this.#timeoutMs).then(
        () => {
          if (generation === this.#generation) this.#schedule(generation);
        },
        (error) => {
          // A ping that failed because the connection closed is not a heartbeat failure: the close is handled.
          if (generation === this.#generation && error instanceof TimeoutError) this.#host.timedOut();
        },
      );
    }, Math.min(this.#intervalMs, MAX_TIMER_MS));
  }
}
