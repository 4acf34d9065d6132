/**
 * Routing of the fake Satori: each route names its method, path pattern and auth scheme; the router checks auth,
 * parses the JSON body and turns thrown {@link ApiError}s into gateway error replies.
 * @module
 */

import { requireApiKey, requireSession, scheme } from "./auth.ts";
import type { SatoriClaims } from "./jwt.ts";
import { ApiError, badInput, errorReply, json } from "./reply.ts";
import { compact, type FakeSatoriState, type Identity } from "./state.ts";

/** What a handler gets. */
export interface Context {
  state: FakeSatoriState;
  request: Request;
  url: URL;
  /** Decoded path parameters, in order. */
  params: string[];
  /** The parsed JSON body, or undefined without one. */
  body: unknown;
  /** The session's identity (Bearer routes, and "either" routes called with a token). */
  identity?: Identity;
  claims?: SatoriClaims;
}

/** One route. A handler returns the reply body (zero values are dropped) or a Response. */
export interface Route {
  method: "GET" | "POST" | "PUT" | "DELETE";
  pattern: RegExp;
  /** `either`: Bearer when a token is sent, else the Basic API key. */
  auth: "none" | "basic" | "bearer" | "either";
  handle(context: Context): unknown | Promise<unknown>;
}

/** A JSON object body, or an empty one. */
export function objectBody(context: Context): Record<string, unknown> {
  const body = context.body ?? {};
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw badInput("Request body must be an object.");
  }
  return body as Record<string, unknown>;
}

function parseBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badInput((error as Error).message);
  }
}

/** Answers one request from the route table; `text` is its body, already read. */
export async function dispatch(
  state: FakeSatoriState,
  routes: readonly Route[],
  request: Request,
  text: string,
): Promise<Response> {
  const url = new URL(request.url);
  const candidates = routes.filter((route) => route.pattern.test(url.pathname));
  if (candidates.length === 0) return errorReply(5, "Not Found");
  const route = candidates.find((candidate) => candidate.method === request.method);
  if (!route) return errorReply(12, "Method Not Allowed");
  try {
    const match = route.pattern.exec(url.pathname)!;
    const context: Context = {
      state,
      request,
      url,
      params: match.slice(1).map((segment) => decodeURIComponent(segment)),
      body: undefined,
    };
    if (route.auth === "basic" || (route.auth === "either" && scheme(request) !== "bearer")) {
      requireApiKey(state, request);
    } else if (route.auth === "bearer" || route.auth === "either") {
      Object.assign(context, await requireSession(state, request));
    }
    if (request.method !== "GET" && request.method !== "DELETE") context.body = parseBody(text);
    const result = await route.handle(context);
    return result instanceof Response ? result : json(compact(result ?? {}));
  } catch (error) {
    if (error instanceof ApiError) return errorReply(error.code, error.message);
    return errorReply(13, `fake satori: ${(error as Error)?.message ?? error}`);
  }
}
