/**
 * Injected faults for retry, timeout and hardening tests: queued, matched against each request's path, and
 * consumed `times` times. They run before normal handling (`truncate` cuts the normal reply in half).
 * @module
 */

/** Which requests a fault applies to: an exact path (raw or decoded), a RegExp tested on the path, or a predicate. */
export type FaultMatch = string | RegExp | ((request: Request) => boolean);

interface FaultBase {
  /** Which requests; every request when omitted. */
  match?: FaultMatch;
  /** How many matching requests it affects. Default 1. */
  times?: number;
}

/** Answer with a status (e.g. 503 bursts, 429 with Retry-After). */
export interface StatusFault extends FaultBase {
  kind: "status";
  status: number;
  /** A string is sent as is; anything else as JSON. Default `{"code": <grpc>, "message": <reason>}`. */
  body?: unknown;
  headers?: HeadersInit;
}

/** Drop the connection in the middle of the body. */
export interface ResetFault extends FaultBase {
  kind: "reset";
}

/** Answer normally after `ms` (cancelled when the server closes or the client goes away). */
export interface DelayFault extends FaultBase {
  kind: "delay";
  ms: number;
}

/** Valid headers, but the normal JSON body cut in half. */
export interface TruncateFault extends FaultBase {
  kind: "truncate";
}

/** An HTML error page, as a proxy in front of the server would send. Default status 502. */
export interface HtmlFault extends FaultBase {
  kind: "html";
  status?: number;
}

/** A 200 whose JSON body is garbage. */
export interface InvalidJsonFault extends FaultBase {
  kind: "invalid-json";
}

/** Any injectable fault. */
export type Fault = StatusFault | ResetFault | DelayFault | TruncateFault | HtmlFault | InvalidJsonFault;

const GRPC_OF_STATUS: Record<number, [number, string]> = {
  400: [3, "Bad Request"],
  401: [16, "Unauthorized"],
  403: [7, "Forbidden"],
  404: [5, "Not Found"],
  409: [10, "Conflict"],
  429: [8, "Too Many Requests"],
  500: [13, "Internal Server Error"],
  501: [12, "Not Implemented"],
  502: [14, "Bad Gateway"],
  503: [14, "Service Unavailable"],
  504: [4, "Gateway Timeout"],
};

interface Queued {
  fault: Fault;
  remaining: number;
}

/**
 * The queue of pending faults of one server.
 * @example Queue and take
 * ```ts
 * const queue = new FaultQueue();
 * queue.add({ kind: "status", status: 503 });
 * queue.take(request, new URL(request.url)); // the fault, once
 * ```
 */
export class FaultQueue {
  readonly #queue: Queued[] = [];

  /** Adds a fault. */
  add(fault: Fault): void {
    const remaining = fault.times ?? 1;
    if (!Number.isInteger(remaining) || remaining < 1) throw new RangeError('"fault.times" must be a positive integer');
    this.#queue.push({ fault, remaining });
  }

  /** Removes every pending fault. */
  clear(): void {
    this.#queue.length = 0;
  }

  /** Number of pending faults. */
  get size(): number {
    return this.#queue.length;
  }

  /** Takes one use of the first fault matching the request, if any. */
  take(request: Request, url: URL): Fault | undefined {
    const index = this.#queue.findIndex((q) => matches(q.fault.match, request, url));
    if (index < 0) return undefined;
    const queued = this.#queue[index];
    if (--queued.remaining === 0) this.#queue.splice(index, 1);
    return queued.fault;
  }
}

function matches(match: FaultMatch | undefined, request: Request, url: URL): boolean {
  if (match === undefined) return true;
  if (typeof match === "function") return match(request);
  let decoded = url.pathname;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch { /* keep raw */ }
  if (typeof match === "string") return url.pathname === match || decoded === match;
  match.lastIndex = 0;
  return match.test(url.pathname);
}

/**
 * The reply of a fault that replaces the normal one; undefined for `delay` and `truncate`, which wrap it.
 * Timers it starts register a canceller in `pending`, so the server's close can stop them.
 * @example Build a 503
 * ```ts
 * faultResponse({ kind: "status", status: 503 }, new Set());
 * ```
 */
export function faultResponse(fault: Fault, pending: Set<() => void>): Response | undefined {
  switch (fault.kind) {
    case "status": {
      const headers = new Headers(fault.headers);
      let body: string;
      if (typeof fault.body === "string") body = fault.body;
      else {
        const [code, message] = GRPC_OF_STATUS[fault.status] ?? [2, "Error"];
        body = JSON.stringify(fault.body ?? { code, message });
        if (!headers.has("content-type")) headers.set("content-type", "application/json");
      }
      return new Response(body, { status: fault.status, headers });
    }
    case "reset": {
      const bytes = new TextEncoder().encode('{"token":"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.');
      let timer: ReturnType<typeof setTimeout> | undefined;
      let cancel: (() => void) | undefined;
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes);
          const fail = () => {
            clearTimeout(timer);
            pending.delete(cancel!);
            try {
              controller.error(new Error('FakeNakama: injected "reset" fault (runtimes may log this; it is expected)'));
            } catch { /* already closed */ }
          };
          cancel = fail;
          pending.add(fail);
          // One macrotask later, so the headers and the first bytes are on the wire before the connection drops
          // (erroring at once lets some clients, e.g. Bun's fetch, retry silently on a fresh connection).
          timer = setTimeout(fail, 0);
        },
        cancel() {
          clearTimeout(timer);
          if (cancel) pending.delete(cancel);
        },
      });
      return new Response(stream, { status: 200, headers: { "content-type": "application/json" } });
    }
    case "html": {
      const status = fault.status ?? 502;
      const reason = GRPC_OF_STATUS[status]?.[1] ?? "Error";
      return new Response(
        `<!DOCTYPE html>\n<html><head><title>${status} ${reason}</title></head>` +
          `<body><h1>${status} ${reason}</h1><hr><p>nginx</p></body></html>\n`,
        { status, headers: { "content-type": "text/html; charset=utf-8" } },
      );
    }
    case "invalid-json":
      return new Response('{"token": <<garbage>> not json', {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    default:
      return undefined;
  }
}

/**
 * Cuts a reply's body in half, keeping status and headers (a truncated JSON document).
 * @example Truncate
 * ```ts
 * await truncateResponse(new Response('{"a":1}'));
 * ```
 */
export async function truncateResponse(response: Response): Promise<Response> {
  const text = await response.text();
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  const cut = text.length > 1 ? text.slice(0, Math.floor(text.length / 2)) : "{";
  return new Response(cut, { status: response.status, headers });
}
