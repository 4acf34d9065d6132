/**
 * The Satori event queue: events are collected and sent in batches, kept and retried after a transient failure,
 * split and reported after a rejection, and flushed by `close()`. Each event gets an id when it is queued, so a batch
 * sent again after a dropped connection is recognised by the server rather than recorded twice.
 * @module
 */

import { disposeWithClose } from "../internal/dispose.ts";
import { invalidArgument, NakamaError, SessionExpiredError, TimeoutError } from "../errors.ts";
import { MAX_TIMER_MS } from "../internal/delay.ts";
import { type Logger, silentLogger } from "../logger.ts";
import { isRetryable, type RetryConfiguration } from "../retry.ts";
import { Session } from "../session.ts";
import type { ApiEvent } from "./types.ts";
import type { SatoriClient } from "./client.ts";
import { type SatoriEvent, toApiEvent } from "./event.ts";

/**
 * Events the queue gave up on, as passed to {@link EventQueueOptions.onDropped}.
 *
 * @example Keeping rejected events for later
 * ```ts
 * import type { DroppedEvents } from "@nakama-ts/sdk/satori";
 * const unsent: DroppedEvents["events"][number][] = [];
 * const onDropped = ({ events, reason }: DroppedEvents) => {
 *   if (reason === "closed") unsent.push(...events);
 * };
 * ```
 */
export interface DroppedEvents {
  /** The events, in wire form, in the order they were queued. */
  readonly events: readonly ApiEvent[];
  /**
   * Why: `"rejected"` — the server refused them (a 4xx reply, or a session that can no longer be refreshed);
   * `"overflow"` — the queue held `maxQueued` events, so the oldest waiting one made room;
   * `"closed"` — `close()` could not send them (the server stayed unreachable, or the close was aborted).
   */
  readonly reason: "rejected" | "overflow" | "closed";
  /** The failure: the server's error, the last transient error, the abort reason, or a RangeError on overflow. */
  readonly error: unknown;
}

/**
 * Options of {@link SatoriClient.createEventQueue}.
 *
 * @example A queue tuned for a mobile game
 * ```ts
 * import type { EventQueueOptions } from "@nakama-ts/sdk/satori";
 * const options: EventQueueOptions = { maxBatch: 50, flushIntervalMs: 30_000, maxQueued: 5_000 };
 * ```
 */
export interface EventQueueOptions {
  /** The most events sent in one request; reaching it starts a send at once. Default 100. */
  maxBatch?: number;
  /** How long an event may wait before it is sent, in ms; also the base of the wait after a failure. Default 10 000. */
  flushIntervalMs?: number;
  /** The most events held; beyond it the oldest waiting event is dropped ("overflow"). Default 10 000. */
  maxQueued?: number;
  /** Called with events the queue gives up on. A callback that throws is logged and ignored. */
  onDropped?: (dropped: DroppedEvents) => void;
  /** The retry configuration of each send; default: the client's. */
  retry?: RetryConfiguration;
  /** The per-attempt timeout of each send, in ms; default: the client's. */
  timeoutMs?: number;
  /** Where background send failures are logged; `createEventQueue` passes the client's logger. */
  logger?: Logger;
}

/** The longest wait between background retries, however many failed in a row. */
const MAX_BACKOFF_MS = 300_000;

function checkInteger(name: string, value: unknown, min: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    const error = new RangeError(`"${name}" must be an integer >= ${min}, got ${String(value)}`);
    (error as RangeError & { code: string }).code = "ERR_INVALID_ARG_VALUE";
    throw error;
  }
  return value;
}

/** What to do with a batch that failed. */
function classify(error: unknown): "keep" | "split" | "drop" {
  if (error instanceof SessionExpiredError) return "drop";
  if (isRetryable(error) || error instanceof TimeoutError) return "keep";
  const status = error instanceof NakamaError ? error.status : undefined;
  if (status === undefined || status < 400 || status > 499 || status === 408) return "keep";
  // A 400 or 413 may be caused by one event or by the batch's size: halves isolate the event the server refuses.
  return status === 400 || status === 413 ? "split" : "drop";
}

/** A signal that aborts when either one does; `dispose()` detaches it. */
function either(a: AbortSignal, b: AbortSignal | undefined): { signal: AbortSignal; dispose(): void } {
  if (b === undefined) return { signal: a, dispose() {} };
  const controller = new AbortController();
  const onA = () => controller.abort(a.reason);
  const onB = () => controller.abort(b.reason);
  const dispose = () => {
    a.removeEventListener("abort", onA);
    b.removeEventListener("abort", onB);
  };
  if (b.aborted) controller.abort(b.reason);
  else if (a.aborted) controller.abort(a.reason);
  else {
    a.addEventListener("abort", onA, { once: true });
    b.addEventListener("abort", onB, { once: true });
  }
  return { signal: controller.signal, dispose };
}

/** Waits for `promise`, or rejects with the signal's reason as soon as it aborts. */
function until(promise: Promise<unknown>, signal: AbortSignal | undefined): Promise<unknown> {
  if (signal === undefined) return promise;
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * Whether `await using queue = …` works yet: the first queue attaches `Symbol.asyncDispose` (flush and close) to the
 * prototype. A call at the top of this module would keep the class in every bundle, and marked pure it is dropped,
 * with the method, by bundlers and by Bun's transpiler.
 */
let disposable = false;

/**
 * A queue of Satori events for one session, sent in batches. Create it with
 * {@link SatoriClient.createEventQueue}.
 *
 * - A send starts when `maxBatch` events wait, when the oldest has waited `flushIntervalMs`, and on `flush()`.
 * - A transient failure (network, timeout, 5xx, 429; after the client's retries) keeps the events at the head of the
 *   queue, in order, and tries again later with a growing wait.
 * - A rejection (4xx) drops the events and reports them to `onDropped`; a 400 or 413 on a batch first splits it in
 *   halves, so only the events the server refuses are dropped.
 * - `close()` sends what is left and stops the timer; nothing the queue owns outlives it.
 *
 * @example Queue events during play and send the rest on exit
 * ```ts
 * import { SatoriClient } from "@nakama-ts/sdk/satori";
 * const satori = new SatoriClient();
 * const session = await satori.authenticate("player-0001");
 * await using queue = satori.createEventQueue(session, { maxBatch: 20, flushIntervalMs: 10_000 });
 * queue.enqueue({ name: "levelStarted", value: "3" });
 * queue.enqueue({ name: "itemBought", metadata: { item: "sword", price: "120" } });
 * await queue.flush(); // or let `await using` close it
 * ```
 */
export class EventQueue {
  /** The most events sent in one request. */
  readonly maxBatch: number;
  /** The longest an event waits before a send starts, in ms. */
  readonly flushIntervalMs: number;
  /** The most events held. */
  readonly maxQueued: number;
  readonly #client: SatoriClient;
  readonly #session: Session;
  readonly #onDropped: ((dropped: DroppedEvents) => void) | undefined;
  readonly #retry: RetryConfiguration | undefined;
  readonly #timeoutMs: number | undefined;
  readonly #logger: Logger;
  /** Events not yet delivered; the first `#inFlight` of them are being sent. */
  readonly #queue: ApiEvent[] = [];
  #inFlight = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #drain: Promise<void> | undefined;
  #failures = 0;
  #closed = false;
  #closing: Promise<void> | undefined;
  /** Aborted only when a close gives up, to stop a send still running. */
  readonly #stop = new AbortController();

  /**
   * Builds a queue; prefer {@link SatoriClient.createEventQueue}, which also passes the client's logger.
   * @throws {TypeError} for a session or callback of the wrong type.
   * @throws {RangeError} naming an option that is out of range.
   */
  constructor(client: SatoriClient, session: Session, options: EventQueueOptions = {}) {
    if (options === null || typeof options !== "object") throw invalidArgument("options", "an object");
    if (!(session instanceof Session)) throw invalidArgument("session", "a Session");
    if (options.onDropped !== undefined && typeof options.onDropped !== "function") {
      throw invalidArgument("options.onDropped", "a function");
    }
    this.maxBatch = checkInteger("options.maxBatch", options.maxBatch ?? 100, 1);
    this.maxQueued = checkInteger("options.maxQueued", options.maxQueued ?? Math.max(10_000, this.maxBatch), 1);
    if (this.maxQueued < this.maxBatch) checkInteger("options.maxQueued", this.maxQueued, this.maxBatch);
    const interval = options.flushIntervalMs ?? 10_000;
    if (typeof interval !== "number" || !(interval > 0) || interval > MAX_TIMER_MS) {
      const error = new RangeError(`"options.flushIntervalMs" must be a number of ms > 0, got ${String(interval)}`);
      (error as RangeError & { code: string }).code = "ERR_INVALID_ARG_VALUE";
      throw error;
    }
    this.flushIntervalMs = interval;
    this.#client = client;
    this.#session = session;
    this.#onDropped = options.onDropped;
    this.#retry = options.retry;
    this.#timeoutMs = options.timeoutMs;
    this.#logger = options.logger ?? silentLogger;
    if (!disposable) {
      disposable = true;
      disposeWithClose(EventQueue);
    }
  }

  /** Events not yet delivered, including a batch being sent. */
  get size(): number {
    return this.#queue.length;
  }

  /** True once `close()` was called; `enqueue` then throws. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Adds an event and returns its id (the caller's, or a new UUID). The timestamp defaults to now.
   * @throws {TypeError} naming a field of the event that is wrong.
   * @throws {Error} with code `ERR_INVALID_STATE` after `close()`.
   *
   * @example Queue an event
   * ```ts
   * import { SatoriClient } from "@nakama-ts/sdk/satori";
   * const satori = new SatoriClient();
   * const queue = satori.createEventQueue(await satori.authenticate("player-0001"));
   * const id = queue.enqueue({ name: "tutorialStepCompleted", value: "2" });
   * await queue.close();
   * ```
   */
  enqueue(event: SatoriEvent): string {
    if (this.closed) {
      const error = new Error("The event queue is closed.");
      (error as Error & { code: string }).code = "ERR_INVALID_STATE";
      throw error;
    }
    const wire = toApiEvent(event);
    if (this.#queue.length >= this.maxQueued) {
      // Events in flight stay: their fate is decided by the reply. With every held event in flight, the new one goes.
      const victim = this.#inFlight < this.#queue.length ? this.#queue.splice(this.#inFlight, 1) : [wire];
      this.#report({
        events: victim,
        reason: "overflow",
        error: new RangeError(`The event queue holds ${this.maxQueued} events (maxQueued); one was dropped.`),
      });
      if (victim[0] === wire) return wire.id!;
    }
    this.#queue.push(wire);
    if (this.#drain === undefined && this.#failures === 0 && this.#queue.length >= this.maxBatch) {
      this.#background();
    } else {
      this.#arm(this.flushIntervalMs);
    }
    return wire.id!;
  }

  /**
   * Sends every queued event now and resolves once they are delivered or dropped as rejected. When the server
   * stays unreachable it rejects with the last error; the events stay queued and are retried later. The signal
   * stops the wait (and a send this call started), leaving the events queued.
   *
   * @example Flush before the app goes to the background
   * ```ts
   * import { SatoriClient } from "@nakama-ts/sdk/satori";
   * const satori = new SatoriClient();
   * const queue = satori.createEventQueue(await satori.authenticate("player-0001"));
   * queue.enqueue({ name: "appPaused" });
   * await queue.flush({ signal: AbortSignal.timeout(5_000) });
   * await queue.close();
   * ```
   */
  async flush(options: { signal?: AbortSignal } = {}): Promise<void> {
    const signal = options?.signal;
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      throw invalidArgument("options.signal", "an AbortSignal");
    }
    signal?.throwIfAborted();
    for (;;) {
      // A send already running (from the timer or another flush) is joined, then whatever is left is sent.
      if (this.#drain !== undefined) {
        await until(this.#drain.catch(() => {}), signal);
        continue;
      }
      if (this.#queue.length === 0) return;
      return await this.#start(signal);
    }
  }

  /**
   * Stops the queue: no more events are accepted, the timer is cleared, and what is queued is sent. Events that
   * still cannot be sent are reported to `onDropped` as `"closed"`, and the call rejects with the error. Calling it
   * again returns the same promise.
   *
   * @example Close on shutdown
   * ```ts
   * import { SatoriClient } from "@nakama-ts/sdk/satori";
   * const satori = new SatoriClient();
   * const queue = satori.createEventQueue(await satori.authenticate("player-0001"));
   * queue.enqueue({ name: "appClosed" });
   * await queue.close({ signal: AbortSignal.timeout(3_000) });
   * ```
   */
  close(options: { signal?: AbortSignal } = {}): Promise<void> {
    if (this.#closing) return this.#closing;
    this.#closed = true;
    this.#clearTimer();
    this.#closing = this.#close(options);
    return this.#closing;
  }

  async #close(options: { signal?: AbortSignal }): Promise<void> {
    let failure: unknown;
    try {
      await this.flush(options);
      return;
    } catch (error) {
      failure = error;
    }
    // Stop any send still running (a background one the flush was waiting for), so nothing changes the queue after
    // its events are reported.
    this.#stop.abort(failure);
    await this.#drain?.catch(() => {});
    this.#clearTimer();
    const left = this.#queue.splice(0);
    if (left.length > 0) this.#report({ events: left, reason: "closed", error: failure });
    throw failure;
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #arm(delayMs: number): void {
    if (this.#timer !== undefined || this.closed) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#background();
    }, delayMs);
  }

  #background(): void {
    if (this.#drain !== undefined || this.#queue.length === 0) return;
    this.#start(undefined).catch((error) => {
      this.#logger.warn(`Satori event queue: ${this.#queue.length} events kept for a later retry.`, error);
    });
  }

  /** Starts a send of what is queued now; the returned promise settles when it ends. */
  #start(signal: AbortSignal | undefined): Promise<void> {
    this.#clearTimer();
    const run = (async () => {
      const linked = either(this.#stop.signal, signal);
      try {
        await this.#sendQueued(linked.signal);
        this.#failures = 0;
      } catch (error) {
        if (!linked.signal.aborted) this.#failures++;
        throw error;
      } finally {
        linked.dispose();
        this.#drain = undefined;
        this.#schedule();
      }
    })();
    this.#drain = run;
    return run;
  }

  /** After a send: start the next one or arm the timer, unless the queue is empty or closed. */
  #schedule(): void {
    if (this.#queue.length === 0 || this.closed) return;
    if (this.#failures === 0 && this.#queue.length >= this.maxBatch) {
      this.#background();
      return;
    }
    const backoff = this.flushIntervalMs * 2 ** Math.min(this.#failures, 20);
    this.#arm(Math.min(backoff, Math.max(this.flushIntervalMs, MAX_BACKOFF_MS)));
  }

  /** Sends the events queued when it starts, batch by batch; later ones wait for the next send. */
  async #sendQueued(signal: AbortSignal): Promise<void> {
    let left = this.#queue.length;
    while (left > 0 && this.#queue.length > 0) {
      const count = Math.min(this.maxBatch, left, this.#queue.length);
      await this.#deliver(count, signal);
      left -= count;
    }
  }

  /** Sends the first `count` queued events; removes them once delivered or rejected, keeps them otherwise. */
  async #deliver(count: number, signal: AbortSignal): Promise<void> {
    const batch = this.#queue.slice(0, Math.max(0, count));
    if (batch.length === 0) return;
    this.#inFlight = batch.length;
    try {
      await this.#client.events(this.#session, batch, { signal, retry: this.#retry, timeoutMs: this.#timeoutMs });
    } catch (error) {
      this.#inFlight = 0;
      const verdict = signal.aborted ? "keep" : classify(error);
      if (verdict === "keep") throw error;
      if (verdict === "split" && count > 1) {
        const half = Math.ceil(count / 2);
        await this.#deliver(half, signal);
        await this.#deliver(count - half, signal);
        return;
      }
      this.#queue.splice(0, batch.length);
      this.#report({ events: batch, reason: "rejected", error });
      return;
    }
    this.#inFlight = 0;
    this.#queue.splice(0, batch.length);
  }

  #report(dropped: DroppedEvents): void {
    this.#logger.warn(`Satori event queue: ${dropped.events.length} events dropped (${dropped.reason}).`);
    try {
      this.#onDropped?.(dropped);
    } catch (error) {
      this.#logger.warn("onDropped threw.", error);
    }
  }
}
