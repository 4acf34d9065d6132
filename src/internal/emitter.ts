/**
 * A tiny typed event emitter. EventTarget is not used because it allocates an Event per dispatch, and the socket
 * dispatches one per inbound message. Listener lists are copied on write, so dispatch allocates nothing and a
 * listener that adds or removes listeners during dispatch never disturbs the loop in progress.
 * @module
 */

/**
 * Receives what a listener threw, with the event name; the emitter itself never rethrows. An object rather than a
 * function, so an owner can pass an object it already has instead of allocating a closure per emitter.
 */
export interface ListenerErrorHandler {
  listenerThrew(error: unknown, name: string): void;
}

/** An emitter whose event names and payloads are given by the map `M`. */
export class Emitter<M> {
  readonly #listeners = new Map<keyof M, ReadonlyArray<(value: never) => void>>();
  readonly #onError: ListenerErrorHandler;

  /** `onError` is told about every listener that throws; dispatch goes on with the next listener. */
  constructor(onError: ListenerErrorHandler) {
    this.#onError = onError;
  }

  /** Adds a listener and returns its remover (idempotent). */
  on<K extends keyof M>(name: K, listener: (value: M[K]) => void): () => void {
    const entry = (value: never) => listener(value as M[K]);
    this.#listeners.set(name, [...(this.#listeners.get(name) ?? []), entry]);
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      const rest = (this.#listeners.get(name) ?? []).filter((item) => item !== entry);
      if (rest.length === 0) this.#listeners.delete(name);
      else this.#listeners.set(name, rest);
    };
  }

  /** Whether anything listens to `name`, so callers can skip building a payload nobody reads. */
  has(name: keyof M): boolean {
    return this.#listeners.has(name);
  }

  /** Calls every listener of `name` in the order they were added. A throwing listener is reported, not rethrown. */
  emit<K extends keyof M>(name: K, value: M[K]): void {
    const list = this.#listeners.get(name);
    if (list === undefined) return;
    for (let i = 0; i < list.length; i++) {
      try {
        (list[i] as (value: M[K]) => void)(value);
      } catch (error) {
        this.#onError.listenerThrew(error, String(name));
      }
    }
  }
}
