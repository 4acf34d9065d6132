/**
 * A bounded push queue read by one `for await` loop. The producer pushes without waiting; the consumer pulls.
 * `break`, `return()`, an abort, `end()` and `fail()` all run the `onDone` clean-up exactly once, so an iterator
 * never outlives its subscription.
 * @module
 */

/**
 * What happens when the buffer is full and the consumer has not caught up: `"dropOldest"` discards the oldest
 * buffered value (counted in {@link AsyncQueue.dropped}); `"error"` ends the loop with a `RangeError` once the
 * values already buffered have been read.
 */
export type OverflowPolicy = "dropOldest" | "error";

/** Options of an {@link AsyncQueue}. */
export interface AsyncQueueOptions {
  /** Most values held while the consumer is busy. */
  capacity: number;
  /** See {@link OverflowPolicy}. */
  overflow: OverflowPolicy;
  /** Aborting ends the loop at once: the pending or next `next()` rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Runs once when the queue finishes for any reason (unsubscribe here). */
  onDone?: () => void;
}

/** A single-consumer async iterator fed by {@link AsyncQueue.push}. */
export class AsyncQueue<T> implements AsyncIterableIterator<T> {
  readonly #capacity: number;
  readonly #overflow: OverflowPolicy;
  readonly #signal: AbortSignal | undefined;
  #onDone: (() => void) | undefined;
  #buffer: T[] = [];
  #head = 0;
  #waiter: { resolve(result: IteratorResult<T>): void; reject(error: unknown): void } | undefined;
  /** Set once no more values will be pushed; `error` is thrown after the buffer drains. */
  #ending: { error?: unknown; hasError: boolean } | undefined;
  #finished = false;
  #iterating = false;
  #dropped = 0;
  readonly #onAbort = () => this.#abort();

  constructor(options: AsyncQueueOptions) {
    this.#capacity = options.capacity;
    this.#overflow = options.overflow;
    this.#signal = options.signal;
    this.#onDone = options.onDone;
    if (this.#signal?.aborted) this.#abort();
    else this.#signal?.addEventListener("abort", this.#onAbort, { once: true });
  }

  /** Values discarded by the `"dropOldest"` policy so far. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Hands a value to the waiting consumer, or buffers it. Ignored once the queue is ending. */
  push(value: T): void {
    if (this.#ending || this.#finished) return;
    if (this.#waiter) {
      const waiter = this.#waiter;
      this.#waiter = undefined;
      waiter.resolve({ value, done: false });
      return;
    }
    if (this.#buffer.length - this.#head >= this.#capacity) {
      if (this.#overflow === "error") {
        this.fail(
          new RangeError(`The iterator's buffer of ${this.#capacity} values overflowed; the loop is too slow.`),
        );
        return;
      }
      this.#head++;
      this.#dropped++;
    }
    this.#buffer.push(value);
  }

  /** Ends the loop cleanly after the buffered values are read. */
  end(): void {
    this.#finish({ hasError: false });
  }

  /** Ends the loop by throwing `error` into it after the buffered values are read. */
  fail(error: unknown): void {
    this.#finish({ error, hasError: true });
  }

  /** The next value, or done. */
  next(): Promise<IteratorResult<T>> {
    if (this.#head < this.#buffer.length) {
      const value = this.#buffer[this.#head];
      this.#buffer[this.#head++] = undefined as T;
      if (this.#head === this.#buffer.length) {
        this.#buffer = [];
        this.#head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.#ending) {
      const ending = this.#ending;
      this.#ending = { hasError: false };
      this.#cleanUp();
      return ending.hasError ? Promise.reject(ending.error) : Promise.resolve({ value: undefined, done: true });
    }
    if (this.#finished) return Promise.resolve({ value: undefined, done: true });
    if (this.#waiter) return Promise.reject(new TypeError("This iterator already has a pending next() call."));
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
    });
  }

  /** Called by `break` and `return`: stops the queue and drops what is buffered. */
  return(): Promise<IteratorResult<T>> {
    this.#buffer = [];
    this.#head = 0;
    this.#ending = { hasError: false };
    this.#cleanUp();
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.resolve({ value: undefined, done: true });
    return Promise.resolve({ value: undefined, done: true });
  }

  /** Stops the queue; the error is rethrown to the caller, as for a generator that does not catch it. */
  throw(error?: unknown): Promise<IteratorResult<T>> {
    void this.return();
    return Promise.reject(error);
  }

  /** The queue itself; a second loop over the same queue is refused, because each queue serves one consumer. */
  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    if (this.#iterating) throw new TypeError("This iterator is already being read; each one serves a single loop.");
    this.#iterating = true;
    return this;
  }

  #abort(): void {
    this.#buffer = [];
    this.#head = 0;
    this.fail(this.#signal!.reason);
  }

  #finish(ending: { error?: unknown; hasError: boolean }): void {
    if (this.#ending || this.#finished) return;
    this.#ending = ending;
    if (this.#waiter) {
      const waiter = this.#waiter;
      this.#waiter = undefined;
      this.#ending = { hasError: false };
      this.#cleanUp();
      if (ending.hasError) waiter.reject(ending.error);
      else waiter.resolve({ value: undefined, done: true });
    } else if (this.#head >= this.#buffer.length) {
      // Nothing left to read: release the subscription now rather than on the next pull, which may never come.
      this.#detach();
    }
  }

  #detach(): void {
    this.#signal?.removeEventListener("abort", this.#onAbort);
    const onDone = this.#onDone;
    this.#onDone = undefined;
    onDone?.();
  }

  #cleanUp(): void {
    this.#finished = true;
    this.#detach();
  }
}
