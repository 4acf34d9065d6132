/**
 * Faults the tests inject, matched by path (exact string or pattern) and optionally method, each for `times`
 * requests (default 1), in the order injected:
 * - `status`: answer with that status and a gateway error body (or `body`), without running the handler;
 * - `html`: answer with an HTML error page, as a proxy would;
 * - `reset`: drop the connection in the middle of the reply body; with `stage: "after"` (the default) the handler
 *   has already run, so the server's state changed although the client saw no reply; `"before"` skips the handler;
 * - `delay`: wait `ms` before handling (cut short, and answered, when the server closes).
 * @module
 */

/** One injected fault. */
export type Fault =
  & {
    /** The path, exactly as sent (percent-encoded), or a pattern tested against it. */
    match: string | RegExp;
    method?: string;
    /** How many requests it applies to. Default 1. */
    times?: number;
  }
  & (
    | { kind: "status"; status: number; body?: unknown; headers?: Record<string, string> }
    | { kind: "html"; status: number }
    | { kind: "reset"; stage?: "before" | "after" }
    | { kind: "delay"; ms: number }
  );

/** gRPC code of a status fault's default body. */
function grpcCode(status: number): number {
  if (status === 429) return 8;
  if (status === 401) return 16;
  if (status === 403) return 7;
  if (status === 404) return 5;
  if (status >= 500) return status === 500 ? 13 : 14;
  return 3;
}

/** The pending faults of one server. */
export class Faults {
  readonly #pending: { fault: Fault; left: number }[] = [];

  add(fault: Fault): void {
    this.#pending.push({ fault, left: fault.times ?? 1 });
  }

  clear(): void {
    this.#pending.length = 0;
  }

  /** The first fault matching the request, counted as used. */
  take(method: string, path: string): Fault | undefined {
    const index = this.#pending.findIndex(({ fault }) =>
      (fault.method === undefined || fault.method === method) &&
      (typeof fault.match === "string" ? fault.match === path : fault.match.test(path))
    );
    if (index < 0) return undefined;
    const entry = this.#pending[index];
    if (--entry.left <= 0) this.#pending.splice(index, 1);
    return entry.fault;
  }
}

/** The reply of a `status` or `html` fault. */
export function faultReply(fault: Fault & { kind: "status" | "html" }): Response {
  if (fault.kind === "html") {
    return new Response(`<html><body><h1>${fault.status} Bad Gateway</h1></body></html>`, {
      status: fault.status,
      headers: { "content-type": "text/html" },
    });
  }
  const body = fault.body ?? { code: grpcCode(fault.status), message: "fault injected" };
  return new Response(JSON.stringify(body), {
    status: fault.status,
    headers: { "content-type": "application/json", ...fault.headers },
  });
}

/** A 200 reply whose body starts and then fails, so the connection drops in the middle of it. */
export function resetReply(): Response {
  let sent = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent) {
        controller.error(new Error("fake satori: connection reset (injected)"));
        return;
      }
      sent = true;
      controller.enqueue(new TextEncoder().encode('{"partial":'));
    },
  });
  return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
}

/** Waits the server can cut short: every pending wait ends at once on `releaseAll()`. */
export class Delays {
  readonly #pending = new Map<ReturnType<typeof setTimeout>, () => void>();

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(timer);
        resolve();
      }, ms);
      this.#pending.set(timer, resolve);
    });
  }

  releaseAll(): void {
    for (const [timer, resolve] of this.#pending) {
      clearTimeout(timer);
      resolve();
    }
    this.#pending.clear();
  }
}
