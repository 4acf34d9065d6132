/**
 * A fake Satori server for the tests: real HTTP on loopback (through `serve()`), the wire format of
 * `satori.md` (paths, Basic API key and Bearer session auth, snake_case, `{code, message}` errors with the gateway's
 * HTTP statuses, zero values omitted), real state and injectable faults.
 *
 * ```ts
 * const fake = await FakeSatori.start({ flags: [{ name: "max_lives", value: "3" }] });
 * const satori = new SatoriClient({ port: fake.port });
 * fake.injectFault({ match: "/v1/event", kind: "status", status: 503, times: 2 });
 * // ... fake.state.events, fake.requests
 * await fake.close();
 * ```
 * @module
 */

import { type Listener, serve } from "../serve.ts";
import { scheme } from "./auth.ts";
import { eventRoutes } from "./events.ts";
import { experimentRoutes } from "./experiments.ts";
import { Delays, type Fault, faultReply, Faults, resetReply } from "./faults.ts";
import { flagRoutes } from "./flags.ts";
import { identityRoutes } from "./identity.ts";
import { liveEventRoutes } from "./live_events.ts";
import { messageRoutes } from "./messages.ts";
import { propertiesRoutes } from "./properties.ts";
import { dispatch, type Route } from "./router.ts";
import { type FakeSatoriOptions, FakeSatoriState } from "./state.ts";

export type { Fault } from "./faults.ts";
export type * from "./state.ts";
export { FakeSatoriState } from "./state.ts";

/** A request as the fake received it. */
export interface RecordedRequest {
  method: string;
  /** The path as sent (percent-encoded), without the query. */
  path: string;
  /** Query values; a repeated key gives an array. */
  query: Record<string, string | string[]>;
  /** The Authorization scheme. */
  auth: "basic" | "bearer" | "none" | "other";
  /** The parsed JSON body, the raw text when it is not JSON, or undefined without one. */
  body: unknown;
}

const ROUTES: readonly Route[] = [
  { method: "GET", pattern: /^\/healthcheck$/, auth: "none", handle: () => ({}) },
  { method: "GET", pattern: /^\/readycheck$/, auth: "none", handle: () => ({}) },
  ...identityRoutes,
  ...propertiesRoutes,
  ...eventRoutes,
  ...experimentRoutes,
  ...flagRoutes,
  ...liveEventRoutes,
  ...messageRoutes,
];

function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0] : values;
  }
  return query;
}

function parsed(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A running fake Satori. */
export class FakeSatori {
  /** Everything the server knows; tests seed it and read it. */
  readonly state: FakeSatoriState;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[] = [];
  readonly #faults = new Faults();
  readonly #delays = new Delays();
  /** Handlers still running: close() waits for them, so none outlives the server (Deno's sanitizers see that). */
  readonly #inFlight = new Set<Promise<Response>>();
  /** Pending `waitFor` checks, each with the function that abandons it. */
  readonly #waiters = new Map<() => void, () => void>();
  #listener: Listener | undefined;

  constructor(options: FakeSatoriOptions = {}) {
    this.state = new FakeSatoriState(options);
  }

  /** Starts a server on 127.0.0.1 and an ephemeral port. */
  static async start(options: FakeSatoriOptions = {}): Promise<FakeSatori> {
    const fake = new FakeSatori(options);
    fake.#listener = await serve({
      fetch: (request) => {
        const handled = fake.#handle(request);
        fake.#inFlight.add(handled);
        handled.then(() => fake.#inFlight.delete(handled), () => fake.#inFlight.delete(handled));
        return handled;
      },
    });
    return fake;
  }

  /** `http://127.0.0.1:<port>`. */
  get url(): string {
    return this.#listener!.url;
  }

  /** The port it listens on. */
  get port(): number {
    return this.#listener!.port;
  }

  /** Adds a fault for the next matching request(s). */
  injectFault(fault: Fault): void {
    this.#faults.add(fault);
  }

  /** Removes every pending fault. */
  clearFaults(): void {
    this.#faults.clear();
  }

  /** The requests received for one method and path. */
  requestsTo(method: string, path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method && request.path === path);
  }

  /**
   * Resolves once `predicate(state)` holds, checking after every request; rejects after `timeoutMs` so that a
   * broken client fails the test instead of hanging it.
   */
  waitFor(predicate: (state: FakeSatoriState) => boolean, timeoutMs = 5_000): Promise<void> {
    if (predicate(this.state)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate(this.state)) return;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`fake satori: condition not met within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(check);
      };
      this.#waiters.set(check, () => {
        done();
        reject(new Error("fake satori: closed while waiting"));
      });
    });
  }

  /** Ends pending delays and stops the server; resolves once every connection is released. */
  async close(): Promise<void> {
    this.#faults.clear();
    for (const abandon of [...this.#waiters.values()]) abandon();
    this.#delays.releaseAll();
    await Promise.allSettled([...this.#inFlight]);
    await this.#listener?.close();
  }

  async #handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const text = request.method === "GET" || request.method === "HEAD" ? "" : await request.text();
    this.requests.push({
      method: request.method,
      path: url.pathname,
      query: queryOf(url),
      auth: scheme(request),
      body: parsed(text),
    });
    const fault = this.#faults.take(request.method, url.pathname);
    if (fault?.kind === "status" || fault?.kind === "html") return faultReply(fault);
    if (fault?.kind === "reset" && fault.stage === "before") return resetReply();
    if (fault?.kind === "delay") await this.#delays.wait(fault.ms);
    const reply = await dispatch(this.state, ROUTES, request, text);
    for (const check of [...this.#waiters.keys()]) check();
    return fault?.kind === "reset" ? resetReply() : reply;
  }
}
