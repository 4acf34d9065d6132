/**
 * Helpers shared by the benchmark children (`rest.ts`, `socket_rpc.ts`, ...). Each child runs ONE subject (this
 * client, nakama-js or the floor) in a fresh process on Node or Bun, prints one `RESULT {json}` line and exits, so no
 * subject's timers, garbage or JIT state can leak into another's numbers. Bun runs these files as they are; for
 * Node, `run.ts` bundles them first (`esbuild --packages=external`), so `ws` and nakama-js resolve from
 * node_modules and this client is imported from the path the orchestrator passes (the npm build on Node).
 *
 * Only children import this module; it may use `node:process`, the library may not.
 * @module
 */

import process from "node:process";
import type * as Ours from "../../mod.ts";

/**
 * Which implementation a child measures. `floor-deadline` (REST only) is the floor plus what any cancellable,
 * deadline-bounded call needs: an AbortSignal passed to fetch and a timer cleared when the reply is read.
 */
export type Subject = "ours" | "nakama-js" | "floor" | "floor-deadline";

/** What every child receives as its one argument (JSON). */
export interface ChildConfig {
  subject: Subject;
  /** The fake (or real) server, `http://127.0.0.1:<port>`; unused by the no-network rows. */
  url: string;
  /** The server key for authenticate calls. */
  serverKey: string;
  /** What to import for this client: `npm/esm/mod.js` on Node, `mod.ts` on Bun (absolute file URL). */
  lib: string;
  /** Measurement window in ms, for the rate rows. */
  windowMs: number;
  /** Warm-up before the window, in ms. */
  warmupMs: number;
}

/** A minimal W3C WebSocket constructor type, enough for the floor and for handing to the clients. */
export type AnyWebSocketCtor = new (url: string) => {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  readonly readyState: number;
  binaryType: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
};

/** Reads the child's configuration from its first argument. */
export function childConfig<T extends ChildConfig = ChildConfig>(): T {
  const text = process.argv[2];
  if (!text) throw new Error("bench child: missing the JSON configuration argument");
  return JSON.parse(text) as T;
}

/** Prints the result line the orchestrator parses, then exits at once (nakama-js leaves 10 s timers behind). */
export function finish(result: Record<string, unknown>): never {
  process.stdout.write("RESULT " + JSON.stringify(result) + "\n");
  process.exit(0);
}

/** CPU time this process has used so far (user + system, every thread), in µs. */
export function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

/** The runtime running this child, for labels. */
export function runtimeName(): string {
  return (globalThis as { Bun?: unknown }).Bun ? "bun" : "node";
}

/** The global WebSocket where there is one (Bun), else the `ws` package's (Node 20 has none). */
export async function realWebSocket(): Promise<AnyWebSocketCtor> {
  const global = (globalThis as { WebSocket?: unknown }).WebSocket;
  if (typeof global === "function") return global as AnyWebSocketCtor;
  const ws = await import("ws");
  return ws.WebSocket as unknown as AnyWebSocketCtor;
}

/** This client, from the path the orchestrator chose. */
export async function loadOurs(config: ChildConfig): Promise<typeof Ours> {
  return await import(config.lib) as typeof Ours;
}

/** The subset of nakama-js 2.8.0 the benchmarks call (its own types need DOM globals we do not load here). */
export interface NakamaJs {
  Client: new (
    serverKey?: string,
    host?: string,
    port?: string,
    useSSL?: boolean,
    timeout?: number,
    autoRefreshSession?: boolean,
  ) => NakamaJsClient;
  Session: { restore(token: string, refreshToken: string): unknown };
}

/** The nakama-js client methods used here. */
export interface NakamaJsClient {
  authenticateDevice(id: string, create?: boolean, username?: string): Promise<unknown>;
  getAccount(session: unknown): Promise<{ user?: { id?: string } }>;
  createSocket(useSSL?: boolean, verbose?: boolean): NakamaJsSocket;
}

/** The nakama-js socket methods used here. */
export interface NakamaJsSocket {
  connect(session: unknown, createStatus?: boolean): Promise<unknown>;
  disconnect(fireDisconnectEvent?: boolean): void;
  rpc(id: string, payload?: string): Promise<{ payload?: string }>;
  sendMatchState(matchId: string, opCode: number, data: string | Uint8Array): Promise<void>;
  onmatchdata: (data: { op_code: number; data: Uint8Array }) => void;
}

/**
 * nakama-js, loaded after installing `WebSocket` as the global it reads (`new WebSocket(url)` and
 * `WebSocket.OPEN`). This polyfill lives only in this benchmark process, never in the library.
 */
export async function loadNakamaJs(WebSocket: unknown): Promise<NakamaJs> {
  if (WebSocket !== undefined) (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
  const module = await import("@heroiclabs/nakama-js") as unknown as NakamaJs;
  return module;
}

/** `http://127.0.0.1:7350` → host and port strings, as nakama-js takes them. */
export function hostPort(url: string): { host: string; port: string } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: parsed.port || (parsed.protocol === "https:" ? "443" : "80") };
}

/** Authenticates a device with plain fetch (setup only, never measured) and returns the session token. */
export async function rawAuthenticate(config: ChildConfig, deviceId: string): Promise<string> {
  const response = await fetch(`${config.url}/v2/account/authenticate/device?create=true`, {
    method: "POST",
    headers: { authorization: `Basic ${btoa(`${config.serverKey}:`)}`, "content-type": "application/json" },
    body: JSON.stringify({ id: deviceId }),
  });
  if (!response.ok) throw new Error(`authenticate ${deviceId}: ${response.status}`);
  const body = await response.json() as { token: string };
  return body.token;
}

/** A device id unique to this process (the fake keeps accounts for the whole run). */
export function deviceId(tag: string): string {
  return `bench-${tag}-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * Runs `step` back to back (sequentially, or `concurrency` loops at once) for a warm-up and then a window, and
 * returns calls per second and client CPU µs per call over the window.
 */
export async function rate(
  step: () => Promise<unknown>,
  options: { warmupMs: number; windowMs: number; concurrency?: number },
): Promise<{ perSecond: number; cpuMicrosPerCall: number; calls: number }> {
  const concurrency = options.concurrency ?? 1;
  let phase: "warmup" | "measure" | "stop" = "warmup";
  let calls = 0;
  const loop = async () => {
    while (phase !== "stop") {
      await step();
      if (phase === "measure") calls++;
    }
  };
  const loops = Array.from({ length: concurrency }, loop);
  await sleep(options.warmupMs);
  phase = "measure";
  const cpu0 = cpuMicros();
  const t0 = performance.now();
  await sleep(options.windowMs);
  const elapsed = performance.now() - t0;
  const cpu = cpuMicros() - cpu0;
  const counted = calls;
  phase = "stop";
  await Promise.all(loops);
  return { perSecond: counted / (elapsed / 1000), cpuMicrosPerCall: cpu / Math.max(counted, 1), calls: counted };
}

/** A plain timer wait (benchmarks only). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Standard base64 → bytes with the fastest standard means: `Uint8Array.fromBase64` where it exists, else atob. */
export const standardBase64Decode: (text: string) => Uint8Array = (() => {
  const fromBase64 = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array }).fromBase64;
  if (typeof fromBase64 === "function") return (text: string) => fromBase64(text);
  return (text: string) => {
    const binary = atob(text);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  };
})();

/** Bytes → standard base64 with the fastest standard means: `toBase64` where it exists, else btoa. */
export const standardBase64Encode: (bytes: Uint8Array) => string = (() => {
  const proto = Uint8Array.prototype as unknown as { toBase64?: () => string };
  if (typeof proto.toBase64 === "function") {
    return (bytes: Uint8Array) => (bytes as unknown as { toBase64(): string }).toBase64();
  }
  return (bytes: Uint8Array) => btoa(String.fromCharCode.apply(null, bytes as unknown as number[]));
})();

/**
 * A WebSocket that never touches the network: it opens on the next tick, counts what is sent, and lets the
 * benchmark push frames into `onmessage` exactly as a real socket would. Passed as the `WebSocket` option (this
 * client) or installed as the global (nakama-js), so both go through their public receive and send paths.
 */
export class FakeWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  /** The most recently constructed instance. */
  static last: FakeWebSocket | undefined;
  readonly url: string;
  binaryType = "blob";
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  /** Frames sent, and their total length in UTF-16 code units. */
  sent = 0;
  sentChars = 0;
  /** Last frame sent (kept so the encoder's output is observably used). */
  lastSent = "";

  constructor(url: string) {
    this.url = url;
    FakeWebSocket.last = this;
    setTimeout(() => {
      this.readyState = 1;
      this.onopen?.({ type: "open" });
    }, 0);
  }

  send(data: string): void {
    this.sent++;
    this.sentChars += data.length;
    this.lastSent = data;
  }

  close(code = 1000, reason = ""): void {
    if (this.readyState >= 2) return;
    this.readyState = 2;
    setTimeout(() => {
      this.readyState = 3;
      this.onclose?.({ type: "close", code, reason, wasClean: true });
    }, 0);
  }
}

/** An unsigned JWT whose claims decode like Nakama's (neither client checks the signature). */
export function fakeJwt(userId: string, username: string): string {
  const b64url = (value: unknown) =>
    btoa(JSON.stringify(value)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  const exp = Math.floor(Date.now() / 1000) + 24 * 3600;
  return `${b64url({ alg: "HS256", typ: "JWT" })}.${
    b64url({ tid: "5f0e3c9b-0000-4000-8000-000000000001", uid: userId, usn: username, exp, iat: exp - 3600 })
  }.c2lnbmF0dXJl`;
}
