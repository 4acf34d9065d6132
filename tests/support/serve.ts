/**
 * A loopback HTTP + WebSocket server on an ephemeral port that works the same on Deno, Bun and Node, so the fake
 * servers are written once against web-standard `Request`/`Response`. Each runtime gets its native server:
 * `Deno.serve`, `Bun.serve`, or `node:http` with the `ws` package for upgrades (Node 20 has no WebSocket server).
 * @module
 */

/** The server side of one accepted WebSocket. */
export interface ServerSocket {
  /** Sends a text frame (or a binary one for bytes). Ignored once the socket is closed. */
  send(data: string | Uint8Array): void;
  /** Closes the socket. Without a code the close frame has no status (clients then see 1005). */
  close(code?: number, reason?: string): void;
  /** Drops the TCP connection without a close frame (clients then see 1006). */
  terminate(): void;
}

/** Callbacks of one accepted WebSocket. */
export interface SocketHandlers {
  onOpen?(socket: ServerSocket): void;
  onMessage(socket: ServerSocket, data: string | Uint8Array): void;
  onClose?(socket: ServerSocket, code: number, reason: string): void;
}

/** What the server does with requests. */
export interface ServeOptions {
  /** Answers a plain HTTP request. */
  fetch(request: Request): Response | Promise<Response>;
  /**
   * Decides a WebSocket upgrade request: handlers accept it, a Response refuses it (sent as it is), and undefined
   * passes it to `fetch`.
   */
  upgrade?(request: Request): SocketHandlers | Response | undefined | Promise<SocketHandlers | Response | undefined>;
}

/** A running server. */
export interface Listener {
  /** The port it listens on, on 127.0.0.1. */
  readonly port: number;
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Stops listening, closes every open socket and connection, and resolves once all is released. */
  close(): Promise<void>;
}

const HOST = "127.0.0.1";

function isUpgrade(request: Request): boolean {
  return request.headers.get("upgrade")?.toLowerCase() === "websocket";
}

/** Starts a server on 127.0.0.1 and an ephemeral port. */
export function serve(options: ServeOptions): Promise<Listener> {
  const g = globalThis as Record<string, unknown>;
  if (g.Deno) return serveDeno(options);
  if (g.Bun) return serveBun(options);
  return serveNode(options);
}

// ------------------------------------------------------------------ Deno

async function serveDeno(options: ServeOptions): Promise<Listener> {
  // deno-lint-ignore no-explicit-any
  const Deno = (globalThis as any).Deno;
  const sockets = new Set<WebSocket>();
  const controller = new AbortController();
  let port = 0;
  const ready = Promise.withResolvers<void>();
  const server = Deno.serve({
    hostname: HOST,
    port: 0,
    signal: controller.signal,
    onListen(addr: { port: number }) {
      port = addr.port;
      ready.resolve();
    },
  }, async (request: Request) => {
    if (options.upgrade && isUpgrade(request)) {
      const decision = await options.upgrade(request);
      if (decision instanceof Response) return decision;
      if (decision) {
        const { socket, response } = Deno.upgradeWebSocket(request, { idleTimeout: 0 });
        socket.binaryType = "arraybuffer";
        sockets.add(socket);
        const wrapped: ServerSocket = {
          send(data) {
            if (socket.readyState === WebSocket.OPEN) socket.send(data);
          },
          close(code, reason) {
            if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) {
              socket.close(code, reason);
            }
          },
          terminate() {
            // Deno has no way to drop the TCP connection of an upgraded socket; closing with a non-standard code
            // that clients see as an abnormal close is the nearest.
            if (socket.readyState === WebSocket.OPEN) socket.close(4999, "terminated");
          },
        };
        socket.onopen = () => decision.onOpen?.(wrapped);
        socket.onmessage = (event: MessageEvent) =>
          decision.onMessage(wrapped, typeof event.data === "string" ? event.data : new Uint8Array(event.data));
        socket.onclose = (event: CloseEvent) => {
          sockets.delete(socket);
          decision.onClose?.(wrapped, event.code, event.reason);
        };
        return response;
      }
    }
    return options.fetch(request);
  });
  await ready.promise;
  return {
    port,
    url: `http://${HOST}:${port}`,
    async close() {
      for (const socket of sockets) {
        try {
          socket.close();
        } catch { /* already closing */ }
      }
      controller.abort();
      await server.finished;
    },
  };
}

// ------------------------------------------------------------------ Bun

function serveBun(options: ServeOptions): Promise<Listener> {
  // deno-lint-ignore no-explicit-any
  const Bun = (globalThis as any).Bun;
  type Data = { handlers: SocketHandlers; wrapped?: ServerSocket };
  // deno-lint-ignore no-explicit-any
  const open = new Set<any>();
  const server = Bun.serve({
    hostname: HOST,
    port: 0,
    idleTimeout: 0,
    // deno-lint-ignore no-explicit-any
    async fetch(request: Request, srv: any) {
      if (options.upgrade && isUpgrade(request)) {
        const decision = await options.upgrade(request);
        if (decision instanceof Response) return decision;
        if (decision) {
          if (srv.upgrade(request, { data: { handlers: decision } satisfies Data })) return undefined;
          return new Response("upgrade failed", { status: 400 });
        }
      }
      return options.fetch(request);
    },
    websocket: {
      idleTimeout: 0,
      sendPings: false,
      // deno-lint-ignore no-explicit-any
      open(ws: any) {
        open.add(ws);
        let closed = false;
        const wrapped: ServerSocket = {
          send(data) {
            if (!closed) ws.send(data);
          },
          close(code, reason) {
            if (closed) return;
            closed = true;
            code === undefined ? ws.close() : ws.close(code, reason);
          },
          terminate() {
            if (closed) return;
            closed = true;
            ws.terminate();
          },
        };
        ws.data.wrapped = wrapped;
        ws.data.handlers.onOpen?.(wrapped);
      },
      // deno-lint-ignore no-explicit-any
      message(ws: any, message: string | Uint8Array) {
        ws.data.handlers.onMessage(ws.data.wrapped, typeof message === "string" ? message : new Uint8Array(message));
      },
      // deno-lint-ignore no-explicit-any
      close(ws: any, code: number, reason: string) {
        open.delete(ws);
        ws.data.handlers.onClose?.(ws.data.wrapped, code, reason);
      },
    },
  });
  return Promise.resolve({
    port: server.port,
    url: `http://${HOST}:${server.port}`,
    async close() {
      for (const ws of open) ws.close();
      await server.stop(true);
    },
  });
}

// ------------------------------------------------------------------ Node

async function serveNode(options: ServeOptions): Promise<Listener> {
  const http = await import("node:http");
  const { WebSocketServer } = await import("ws");
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  // deno-lint-ignore no-explicit-any
  const toRequest = (req: any, body?: Uint8Array<ArrayBuffer>): Request => {
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) {
      if (Array.isArray(value)) { for (const v of value) headers.append(key, v); }
      else if (typeof value === "string") headers.set(key, value);
    }
    const method = req.method ?? "GET";
    return new Request(`http://${HOST}${req.url}`, {
      method,
      headers,
      body: method === "GET" || method === "HEAD" ? undefined : body,
    });
  };
  // deno-lint-ignore no-explicit-any
  const writeResponse = async (res: any, response: Response) => {
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => headers[key] = value);
    res.writeHead(response.status, response.statusText, headers);
    if (!response.body) {
      res.end();
      return;
    }
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        res.write(value);
      }
      res.end();
    } catch {
      // A body stream that errors is how a fault drops the connection in the middle of a body.
      res.destroy();
    }
  };
  // deno-lint-ignore no-explicit-any
  const server = http.createServer(async (req: any, res: any) => {
    const chunks: Uint8Array[] = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let offset = 0;
    for (const c of chunks) {
      body.set(c, offset);
      offset += c.length;
    }
    try {
      await writeResponse(res, await options.fetch(toRequest(req, body)));
    } catch (error) {
      res.destroy(error as Error);
    }
  });
  // deno-lint-ignore no-explicit-any
  server.on("upgrade", async (req: any, socket: any, head: any) => {
    const request = toRequest(req);
    const decision = options.upgrade ? await options.upgrade(request) : undefined;
    if (!decision || decision instanceof Response) {
      const response = decision ?? await options.fetch(request);
      const text = await response.text();
      const lines = [`HTTP/1.1 ${response.status} ${response.statusText || "Error"}`];
      response.headers.forEach((value, key) => lines.push(`${key}: ${value}`));
      lines.push(`content-length: ${new TextEncoder().encode(text).length}`, "connection: close", "", text);
      socket.end(lines.join("\r\n"));
      return;
    }
    // deno-lint-ignore no-explicit-any
    wss.handleUpgrade(req, socket, head, (ws: any) => {
      const wrapped: ServerSocket = {
        send(data) {
          if (ws.readyState === 1) ws.send(data);
        },
        close(code, reason) {
          if (ws.readyState === 1 || ws.readyState === 0) ws.close(code, reason);
        },
        terminate() {
          ws.terminate();
        },
      };
      ws.on(
        "message",
        (data: Uint8Array, isBinary: boolean) =>
          decision.onMessage(wrapped, isBinary ? new Uint8Array(data) : new TextDecoder().decode(data)),
      );
      ws.on(
        "close",
        (code: number, reason: Uint8Array) => decision.onClose?.(wrapped, code, new TextDecoder().decode(reason)),
      );
      decision.onOpen?.(wrapped);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    url: `http://${HOST}:${port}`,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
