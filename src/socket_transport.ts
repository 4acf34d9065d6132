/**
 * The socket's transport seam: one W3C WebSocket (the global one, or a constructor the app passes, such as the `ws`
 * package's on Node 20) wrapped so that its events reach one callback sink, and its closing can be awaited with a
 * bound. Each socket owns its transports; nothing here is global.
 * @module
 */

import { MAX_TIMER_MS } from "./internal/delay.ts";

/**
 * The part of the W3C WebSocket the socket uses. The global `WebSocket` of browsers, Deno, Bun, Workers and Node 22+
 * fits, and so does the `ws` package's `WebSocket`.
 *
 * @example Checking a constructor's shape
 * ```ts
 * import type { WebSocketLike } from "@nakama-ts/sdk";
 * const ws: WebSocketLike = new WebSocket("ws://127.0.0.1:7350/ws");
 * ```
 */
export interface WebSocketLike {
  /** Set to `"arraybuffer"` so binary frames are never Blobs. */
  binaryType: string;
  /** 0 connecting, 1 open, 2 closing, 3 closed. */
  readonly readyState: number;
  // Event parameters are `any` because every implementation types its own event classes.
  /** Set by the socket: the connection opened. */
  // deno-lint-ignore no-explicit-any
  onopen: ((event: any) => void) | null;
  /** Set by the socket: a frame arrived. */
  // deno-lint-ignore no-explicit-any
  onmessage: ((event: any) => void) | null;
  /** Set by the socket: the connection failed. */
  // deno-lint-ignore no-explicit-any
  onerror: ((event: any) => void) | null;
  /** Set by the socket: the connection closed. */
  // deno-lint-ignore no-explicit-any
  onclose: ((event: any) => void) | null;
  /** Sends a text frame. */
  send(data: string): void;
  /** Starts the closing handshake. */
  close(code?: number, reason?: string): void;
}

/**
 * A WebSocket constructor: `globalThis.WebSocket`, or `WebSocket` from the `ws` package on Node 20.
 *
 * @example Passing the `ws` package on Node 20
 * ```ts
 * import { WebSocket } from "ws";
 * const socket = client.createSocket({ WebSocket });
 * ```
 */
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/**
 * Where a transport delivers what happens to it. Each callback names the transport it comes from, so one sink can
 * serve every connection of a socket without keeping any of them alive. Each runs at most once, except `message`.
 */
export interface TransportSink {
  open(transport: WebSocketTransport): void;
  message(text: string, transport: WebSocketTransport): void;
  /** The connection ended: a close frame arrived, the connection failed, or it dropped. */
  close(transport: WebSocketTransport, code: number, reason: string, error: string | undefined): void;
}

/**
 * `text` with every occurrence of `secret` (as it is, and URL-encoded) replaced by `<token>`: what a WebSocket
 * implementation reports may quote the URL, and so the token.
 */
export function redact(text: string, secret: string): string {
  if (secret === "") return text;
  const encoded = encodeURIComponent(secret);
  const out = text.split(secret).join("<token>");
  return encoded === secret ? out : out.split(encoded).join("<token>");
}

const OPEN = 1;
const decoder = new TextDecoder();

/** One WebSocket connection. */
export class WebSocketTransport {
  readonly #ws: WebSocketLike;
  #sink: TransportSink | undefined;
  /** The token the URL carries, scrubbed from every text kept from the WebSocket. */
  readonly #secret: string;
  #error: string | undefined;
  #done = false;
  /** Made only when someone waits for the close: most transports end without anyone waiting. */
  #markClosed: (() => void) | undefined;
  #closed: Promise<void> | undefined;

  /**
   * Opens the connection. Texts that may embed the URL have `secret` (the token) scrubbed before they are kept.
   * The handlers capture only the transport, so nothing of the caller's scope outlives the call.
   * @throws whatever the constructor throws for a malformed URL.
   */
  constructor(WebSocket: WebSocketConstructor, url: string, sink: TransportSink, secret: string) {
    this.#sink = sink;
    this.#secret = secret;
    const ws = new WebSocket(url);
    this.#ws = ws;
    ws.binaryType = "arraybuffer";
    ws.onopen = () => this.#sink?.open(this);
    ws.onmessage = (event: { data: unknown }) => {
      const data = event.data;
      if (typeof data === "string") this.#sink?.message(data, this);
      else if (data instanceof ArrayBuffer) this.#sink?.message(decoder.decode(data), this);
      else if (ArrayBuffer.isView(data)) this.#sink?.message(decoder.decode(data), this);
    };
    ws.onerror = (event: { message?: unknown; error?: { message?: unknown } }) => {
      // Browsers say nothing; `ws` and Deno say why (`Unexpected server response: 401`). Keep it, scrubbed.
      const text = typeof event?.message === "string"
        ? event.message
        : typeof event?.error?.message === "string"
        ? event.error.message
        : undefined;
      if (text) this.#error = redact(text, this.#secret);
    };
    ws.onclose = (event: { code?: unknown; reason?: unknown }) => {
      // Deno reports a connection lost without a close frame as code 0; every runtime must see 1006 for it.
      const code = typeof event?.code === "number" && event.code >= 1000 && event.code <= 4999 ? event.code : 1006;
      const reason = typeof event?.reason === "string" ? redact(event.reason, this.#secret) : "";
      this.#finish(code, reason);
    };
  }

  /** Whether frames can be sent. */
  get isOpen(): boolean {
    return !this.#done && this.#ws.readyState === OPEN;
  }

  /** Sends one text frame; false when the connection is not open. */
  send(text: string): boolean {
    if (this.#done || this.#ws.readyState !== OPEN) return false;
    this.#ws.send(text);
    return true;
  }

  /** Starts the closing handshake; the sink hears `close` when it completes (or when {@link abandon} is called). */
  close(code?: number, reason?: string): void {
    if (this.#done) return;
    try {
      if (code === undefined) this.#ws.close();
      else this.#ws.close(code, reason);
    } catch {
      // An invalid code or an already-failed socket: the close event still follows, or abandon() ends it.
    }
  }

  /**
   * Stops listening at once and reports the given close to the sink now, for a connection that is dead (no pong):
   * its own close event could take minutes. The WebSocket is asked to close in the background.
   */
  abandon(code: number, reason: string): void {
    if (this.#done) return;
    const sink = this.#sink;
    this.#sink = undefined;
    this.close();
    sink?.close(this, code, reason, this.#error);
  }

  /** Resolves once the WebSocket has closed, or after `maxMs` (then its handlers are detached). */
  async waitClosed(maxMs: number): Promise<void> {
    if (this.#done) return;
    this.#closed ??= new Promise((resolve) => this.#markClosed = resolve);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => timer = setTimeout(resolve, Math.min(maxMs, MAX_TIMER_MS)));
    try {
      await Promise.race([this.#closed, timeout]);
    } finally {
      clearTimeout(timer);
    }
    if (!this.#done) this.#finish(1006, "");
  }

  #finish(code: number, reason: string): void {
    if (this.#done) return;
    this.#done = true;
    const ws = this.#ws;
    ws.onopen =
      ws.onmessage =
      ws.onerror =
      ws.onclose =
        null;
    const sink = this.#sink;
    this.#sink = undefined;
    this.#markClosed?.();
    sink?.close(this, code, reason, this.#error);
  }
}
