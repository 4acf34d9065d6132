/**
 * A loopback TCP proxy in front of a fake server, for faults that the server side cannot produce on every runtime:
 * a connection dropped without a close frame (clients see 1006; Deno's WebSocket server can only close cleanly),
 * a WebSocket close frame with any code, including an empty one (clients see 1005), and a network that drops every
 * connection or refuses new ones for a while. Plain HTTP passes through
 * untouched, so a client pointed at the proxy works exactly as against the server itself.
 * Built on `node:net`, which Deno, Bun and Node all provide.
 * @module
 */

import net from "node:net";

const HOST = "127.0.0.1";

/** A running proxy. */
export interface TcpProxy {
  /** The port clients connect to. */
  readonly port: number;
  /** Connections open now. */
  readonly size: number;
  /** Connections that were upgraded to a WebSocket and are still open. */
  readonly webSockets: number;
  /** Destroys every WebSocket connection without a close frame (clients see 1006). Returns how many. */
  dropWebSockets(): number;
  /**
   * Sends every WebSocket client a close frame with `code` (none: an empty frame, which clients see as 1005) and
   * `reason`, then ends the connection as a server that initiated the close would. Returns how many.
   */
  closeWebSockets(code?: number, reason?: string): number;
  /** Destroys every connection, HTTP ones included (a dropped network). Returns how many. */
  dropAll(): number;
  /** While true, every new connection is dropped at once (the server looks unreachable). */
  refuse(refusing: boolean): void;
  /** Connections dropped by {@link TcpProxy.refuse} so far. */
  readonly refused: number;
  /** Stops listening and destroys every connection; resolves once all is released. */
  close(): Promise<void>;
}

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
  webSocket: boolean;
  /** Set once a fault took over: nothing more is forwarded. */
  cut: boolean;
}

function closeFrame(code: number | undefined, reason: string): Uint8Array {
  if (code === undefined) return new Uint8Array([0x88, 0x00]);
  const text = new TextEncoder().encode(reason);
  const payload = new Uint8Array(2 + text.length);
  payload[0] = code >> 8;
  payload[1] = code & 0xff;
  payload.set(text, 2);
  if (payload.length > 125) throw new RangeError("close reason too long");
  const frame = new Uint8Array(2 + payload.length);
  frame[0] = 0x88;
  frame[1] = payload.length;
  frame.set(payload, 2);
  return frame;
}

/**
 * Starts a proxy on 127.0.0.1 and an ephemeral port that forwards to `targetPort` on 127.0.0.1.
 * @example Drop every socket without a close frame
 * ```ts
 * const proxy = await startTcpProxy(fake.port);
 * const client = new Client({ port: proxy.port });
 * // ... connect a socket ...
 * proxy.dropWebSockets();
 * await proxy.close();
 * ```
 */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  let refusing = false;
  let refused = 0;
  const server = net.createServer((client) => {
    if (refusing) {
      refused++;
      client.on("error", () => {});
      client.destroy();
      return;
    }
    const upstream = net.connect(targetPort, HOST);
    const pair: Pair = { client, upstream, webSocket: false, cut: false };
    pairs.add(pair);
    let head = "";
    client.on("data", (chunk: Uint8Array) => {
      if (pair.cut) return;
      if (!pair.webSocket && head.length < 8192) {
        head += new TextDecoder().decode(chunk);
        if (/\r\nupgrade:\s*websocket/i.test(head)) pair.webSocket = true;
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Uint8Array) => {
      if (!pair.cut) client.write(chunk);
    });
    const done = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    // Once a fault took over, the client side is the fault's to end; the server side going away must not end it.
    const upstreamDone = () => pair.cut ? upstream.destroy() : done();
    client.on("close", done);
    upstream.on("close", upstreamDone);
    // Errors (ECONNRESET after a drop) end the pair; they are expected here.
    client.on("error", done);
    upstream.on("error", upstreamDone);
    client.on("end", () => upstream.end());
    upstream.on("end", () => pair.cut || client.end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, HOST, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  const webSockets = () => [...pairs].filter((pair) => pair.webSocket && !pair.cut);
  let closed: Promise<void> | undefined;
  return {
    port,
    get size() {
      return pairs.size;
    },
    get refused() {
      return refused;
    },
    get webSockets() {
      return webSockets().length;
    },
    dropWebSockets() {
      const victims = webSockets();
      for (const pair of victims) {
        pair.cut = true;
        pair.client.destroy();
        pair.upstream.destroy();
      }
      return victims.length;
    },
    dropAll() {
      const victims = [...pairs];
      for (const pair of victims) {
        pair.cut = true;
        pair.client.destroy();
        pair.upstream.destroy();
      }
      return victims.length;
    },
    refuse(value) {
      refusing = value;
    },
    closeWebSockets(code, reason = "") {
      const frame = closeFrame(code, reason);
      const victims = webSockets();
      for (const pair of victims) {
        pair.cut = true;
        pair.upstream.destroy();
        // Like a server that starts the closing handshake: the frame now, the TCP close once the client answers.
        pair.client.write(frame);
        pair.client.once("data", () => pair.client.end());
      }
      return victims.length;
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        for (const pair of pairs) {
          pair.client.destroy();
          pair.upstream.destroy();
        }
        server.close(() => resolve());
      });
      return closed;
    },
  };
}
