/**
 * Route table and dispatch of the fake gateway: path matching on raw segments (each percent-decoded), 404
 * `Not Found` for unknown paths and 501 `Method Not Allowed` for a known path with another method, body decoding
 * before authentication (as the gateway decodes before the gRPC interceptor runs), then the handler.
 * @module
 */

import { type Caller, requireServerKey, requireSession } from "./access.ts";
import { decodeBody, Query, type Schema } from "./body.ts";
import { baseHeaders, Code, errorResponse, GatewayError, jsonResponse } from "./errors.ts";
import type { FakeState } from "./state.ts";

/** What a handler gets. */
export interface HandlerContext {
  state: FakeState;
  request: Request;
  url: URL;
  /** Path parameters, percent-decoded. */
  params: Record<string, string>;
  query: Query;
  /** The body text as received. */
  rawBody: string;
  /** The body decoded against the route's schema (empty without one). */
  body: Record<string, unknown>;
  /** The caller, for Bearer routes. */
  caller: Caller;
}

/** How a route authenticates. `custom` routes (RPC) do it themselves. */
export type AuthKind = "basic" | "bearer" | "none" | "custom";

/** One route. */
export interface Route {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Pattern with `{name}` segments, e.g. `/v2/group/{group_id}/add`. */
  path: string;
  auth: AuthKind;
  /** Schema of the JSON body (full body or the partial-body field). */
  body?: Schema;
  /** Let `{param}` segments match an empty segment (the RPC route answers "RPC ID must be set" itself). */
  allowEmptyParams?: boolean;
  /** Returns a JSON-able body (sent with 200) or a ready Response. */
  handle(ctx: HandlerContext): unknown | Promise<unknown>;
}

/** `socket.max_request_size_bytes` of the capture server. */
const MAX_REQUEST_BYTES = 262_144;

interface Compiled {
  route: Route;
  segments: string[];
}

/**
 * Matches requests to routes and runs them.
 * @example Answer a request
 * ```ts
 * const router = new Router(allRoutes());
 * const response = await router.handle(state, request, new URL(request.url), await request.text());
 * ```
 */
export class Router {
  readonly #routes: Compiled[];

  constructor(routes: Route[]) {
    this.#routes = routes.map((route) => ({ route, segments: route.path.split("/").slice(1) }));
  }

  /** Number of routes. */
  get size(): number {
    return this.#routes.length;
  }

  #match(segments: string[], compiled: Compiled): Record<string, string> | undefined {
    if (segments.length !== compiled.segments.length) return undefined;
    const params: Record<string, string> = {};
    for (let i = 0; i < segments.length; i++) {
      const pattern = compiled.segments[i];
      const raw = segments[i];
      if (pattern.startsWith("{")) {
        if (raw === "" && !compiled.route.allowEmptyParams) return undefined;
        let value: string;
        try {
          value = decodeURIComponent(raw);
        } catch {
          value = raw;
        }
        params[pattern.slice(1, -1)] = value;
      } else if (pattern !== raw) return undefined;
    }
    return params;
  }

  /** Answers one request. */
  async handle(state: FakeState, request: Request, url: URL, rawBody: string): Promise<Response> {
    try {
      return await this.#dispatch(state, request, url, rawBody);
    } catch (error) {
      if (error instanceof GatewayError) return errorResponse(error);
      const message = error instanceof Error ? error.message : String(error);
      return errorResponse(new GatewayError(Code.INTERNAL, message));
    }
  }

  async #dispatch(state: FakeState, request: Request, url: URL, rawBody: string): Promise<Response> {
    const path = url.pathname;
    if (new TextEncoder().encode(rawBody).length > MAX_REQUEST_BYTES) {
      throw new GatewayError(Code.INVALID_ARGUMENT, "http: request body too large");
    }
    if (path === "/" && request.method === "GET") return new Response(null, { status: 200, headers: baseHeaders() });
    if (request.method === "OPTIONS") return preflight();
    const segments = path.split("/").slice(1);
    let pathKnown = false;
    for (const compiled of this.#routes) {
      const params = this.#match(segments, compiled);
      if (!params) continue;
      pathKnown = true;
      if (compiled.route.method !== request.method) continue;
      return await this.#run(state, compiled.route, request, url, params, rawBody);
    }
    if (pathKnown) throw new GatewayError(Code.UNIMPLEMENTED, "Method Not Allowed");
    throw new GatewayError(Code.NOT_FOUND, "Not Found");
  }

  async #run(
    state: FakeState,
    route: Route,
    request: Request,
    url: URL,
    params: Record<string, string>,
    rawBody: string,
  ): Promise<Response> {
    const query = new Query(url.searchParams);
    const body = route.body ? decodeBody(rawBody, route.body) : {};
    let caller: Caller | undefined;
    if (route.auth === "basic") requireServerKey(state, request.headers);
    else if (route.auth === "bearer") caller = await requireSession(state, request.headers);
    const result = await route.handle({
      state,
      request,
      url,
      params,
      query,
      rawBody,
      body,
      caller: caller as Caller,
    });
    if (result instanceof Response) return result;
    return jsonResponse(result ?? {});
  }
}

function preflight(): Response {
  const headers = baseHeaders();
  headers.set("access-control-allow-methods", "GET, HEAD, POST, PUT, DELETE");
  headers.set("access-control-allow-headers", "Authorization, Content-Type, User-Agent");
  return new Response(null, { status: 200, headers });
}
