/**
 * Shared pieces of the hardening suites (faults, fuzz, security, load): guards that end a hung call through its
 * AbortSignal (and leave no timer behind), a seeded PRNG that names its seed when a property fails, an in-memory
 * WebSocket for the socket's receive path, unsigned JWTs, and an unhandled-rejection watcher that works on Deno, Bun
 * and Node.
 * @module
 */

import { isNakamaError, NakamaError } from "../../mod.ts";

// ------------------------------------------------------------------ guards

/** How long a guard lets a call run before it counts as hung. Never reached by a passing test. */
export const GUARD_MS = 10_000;

/** The reason a guard aborts with, so a hang is told apart from every error the SDK gives. */
export class HungError extends Error {
  override name = "HungError";
}

/**
 * Runs `fn` with a signal that aborts after `ms` (a hang then rejects with {@link HungError} instead of stalling the
 * test), and clears the timer however `fn` ends, so nothing lingers.
 * @example Guard one call
 * ```ts
 * const account = await guarded((signal) => client.getAccount(session, { signal }));
 * ```
 */
export async function guarded<T>(fn: (signal: AbortSignal) => Promise<T>, ms = GUARD_MS): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new HungError(`no settlement within ${ms} ms`)), ms);
  try {
    return await fn(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Waits until every promise has settled, or rejects with {@link HungError} when `signal` aborts first. For promises
 * that cannot take a signal themselves (socket requests queued before a drop).
 */
export function allSettledOrAbort<T>(
  promises: readonly Promise<T>[],
  signal: AbortSignal,
): Promise<PromiseSettledResult<T>[]> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    Promise.allSettled(promises).then((results) => {
      signal.removeEventListener("abort", onAbort);
      resolve(results);
    });
  });
}

/** True for an error of the SDK: a NakamaError subclass whose `name` is its class name and `code` a string. */
export function isTyped(error: unknown): error is NakamaError {
  return error instanceof NakamaError && isNakamaError(error) && error.name === error.constructor.name;
}

/** Polls `condition` every millisecond until it holds; throws after `ms`. */
export async function until(condition: () => boolean, what: string, ms = 5_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error(`${what}: not reached within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

// ------------------------------------------------------------------ unhandled rejections

interface ProcessLike {
  on(event: string, listener: (reason: unknown) => void): void;
  off(event: string, listener: (reason: unknown) => void): void;
}

/**
 * Records unhandled rejections from now until `stop()`, on Deno (the `unhandledrejection` event, cancelled so the
 * run goes on and the test can report it), Bun and Node (`process`).
 */
export function watchUnhandledRejections(): { readonly reasons: unknown[]; stop(): void } {
  const reasons: unknown[] = [];
  const g = globalThis as unknown as {
    Deno?: unknown;
    process?: ProcessLike;
    addEventListener?: (name: string, fn: (event: Event) => void) => void;
    removeEventListener?: (name: string, fn: (event: Event) => void) => void;
  };
  if (g.Deno && g.addEventListener && g.removeEventListener) {
    const onEvent = (event: Event) => {
      event.preventDefault();
      reasons.push((event as PromiseRejectionEvent).reason);
    };
    g.addEventListener("unhandledrejection", onEvent);
    return { reasons, stop: () => g.removeEventListener!("unhandledrejection", onEvent) };
  }
  const process = g.process!;
  const onReason = (reason: unknown) => void reasons.push(reason);
  process.on("unhandledRejection", onReason);
  return { reasons, stop: () => process.off("unhandledRejection", onReason) };
}

// ------------------------------------------------------------------ seeded randomness

function readSeed(): number {
  const g = globalThis as unknown as {
    process?: { env?: Record<string, string | undefined> };
    Deno?: { env: { get(name: string): string | undefined } };
  };
  let text: string | undefined;
  try {
    text = g.Deno ? g.Deno.env.get("HARDENING_SEED") : g.process?.env?.HARDENING_SEED;
  } catch { /* no env permission */ }
  const seed = text === undefined ? NaN : Number(text);
  return Number.isInteger(seed) ? seed >>> 0 : (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) >>> 0;
}

/** The seed of this run: `HARDENING_SEED` when set (to replay a failure), otherwise a fresh one. */
export const SEED: number = readSeed();

/** A small, fast PRNG (mulberry32) with the helpers the generators need. */
export class Random {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.int(256);
    return out;
  }
}

/**
 * Runs `cases` cases of a property with a PRNG seeded from {@link SEED} and the property's name; the first failing
 * case throws an error naming the seed and the case, so `HARDENING_SEED=<seed>` replays it.
 */
export async function property(
  name: string,
  cases: number,
  check: (random: Random, index: number) => void | Promise<void>,
): Promise<void> {
  let hash = SEED;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 16777619) >>> 0;
  const random = new Random(hash);
  for (let i = 0; i < cases; i++) {
    try {
      const done = check(random, i);
      if (done) await done;
    } catch (error) {
      const message = `property "${name}" failed at case ${i} (HARDENING_SEED=${SEED}): ${
        error instanceof Error ? error.message : String(error)
      }`;
      console.error(message);
      throw new Error(message, { cause: error });
    }
  }
}

// ------------------------------------------------------------------ tokens

function base64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** An unsigned HS256-shaped JWT with `payload` (an object, or raw payload bytes). Only the server checks signatures. */
export function jwt(payload: Record<string, unknown> | Uint8Array, signature = "c2lnbmF0dXJl"): string {
  const header = base64Url(new TextEncoder().encode('{"alg":"HS256","typ":"JWT"}'));
  const body = payload instanceof Uint8Array ? payload : new TextEncoder().encode(JSON.stringify(payload));
  return `${header}.${base64Url(body)}.${signature}`;
}

/** A session token for `userId` valid for a day, for sockets and clients that never reach a server. */
export function offlineToken(userId = "00000000-0000-4000-8000-000000000001", username = "offline"): string {
  const now = Math.floor(Date.now() / 1000);
  return jwt({ tid: "t", uid: userId, usn: username, exp: now + 86_400, iat: now });
}

// ------------------------------------------------------------------ an in-memory WebSocket

/**
 * A WebSocket that opens on the next microtask and records what is sent; tests push frames in with `receive()`.
 * Passed as the socket's `WebSocket` option, it drives the socket's real receive path with no network.
 */
export class MemoryWebSocket {
  /** Every instance, newest last. */
  static readonly instances: MemoryWebSocket[] = [];
  binaryType = "blob";
  readyState = 0;
  readonly url: string;
  readonly sent: string[] = [];
  // deno-lint-ignore no-explicit-any
  onopen: ((event: any) => void) | null = null;
  // deno-lint-ignore no-explicit-any
  onmessage: ((event: any) => void) | null = null;
  // deno-lint-ignore no-explicit-any
  onerror: ((event: any) => void) | null = null;
  // deno-lint-ignore no-explicit-any
  onclose: ((event: any) => void) | null = null;

  constructor(url: string) {
    this.url = url;
    MemoryWebSocket.instances.push(this);
    queueMicrotask(() => {
      if (this.readyState !== 0) return;
      this.readyState = 1;
      this.onopen?.({});
    });
  }

  /** The newest instance. */
  static get last(): MemoryWebSocket {
    return MemoryWebSocket.instances[MemoryWebSocket.instances.length - 1];
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error("MemoryWebSocket: not open");
    this.sent.push(data);
  }

  close(code = 1000, reason = ""): void {
    if (this.readyState >= 2) return;
    this.readyState = 2;
    queueMicrotask(() => this.serverClose(code, reason));
  }

  /** Delivers a frame as the server would (text, or bytes as an ArrayBuffer or a view). */
  receive(data: string | ArrayBuffer | Uint8Array): void {
    this.onmessage?.({ data });
  }

  /** Ends the connection from the server's side. */
  serverClose(code: number, reason = ""): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ code, reason, wasClean: code !== 1006 });
  }
}
