/**
 * `GET|POST /v2/rpc/{id}`: the RPC route, served (as in Nakama) by its own handler with its own auth order and
 * error bodies. The POST body is a JSON string holding the payload unless `?unwrap` is present; GET carries no
 * payload (3.18 ignores `?payload=`). Functions come from {@link FakeState.rpcs}.
 * @module
 */

import { requireRpcAccess, rpcRouteError } from "./access.ts";
import { type JsonNode, parseBody } from "./body.ts";
import { Code, GatewayError, httpStatusOf, jsonResponse } from "./errors.ts";
import type { HandlerContext, Route } from "./router.ts";
import { RpcError } from "./state.ts";

function stringPayload(raw: string): string {
  const unmarshal = (what: string) =>
    rpcRouteError(Code.INVALID_ARGUMENT, `json: cannot unmarshal ${what} into Go value of type string`);
  if (raw === "") throw unmarshal("object");
  let node: JsonNode | undefined;
  try {
    node = parseBody(raw);
  } catch (error) {
    if (error instanceof GatewayError) throw rpcRouteError(Code.INVALID_ARGUMENT, error.message);
    throw error;
  }
  if (!node) throw unmarshal("object");
  switch (node.kind) {
    case "string":
      return node.value;
    case "null":
      return "";
    case "number":
      throw unmarshal("number");
    case "bool":
      throw unmarshal("bool");
    case "array":
      throw unmarshal("array");
    case "object":
      throw unmarshal("object");
  }
}

async function rpc(ctx: HandlerContext): Promise<Response> {
  const { state, request, url } = ctx;
  const caller = await requireRpcAccess(state, url.searchParams, request.headers);
  const id = (ctx.params.id ?? "").toLowerCase();
  if (!id) throw rpcRouteError(Code.INVALID_ARGUMENT, "RPC ID must be set");
  const fn = state.rpcs.get(id);
  if (!fn) throw rpcRouteError(Code.NOT_FOUND, "RPC function not found");
  const unwrap = url.searchParams.has("unwrap");
  let payload = "";
  if (request.method === "POST") payload = unwrap ? ctx.rawBody : stringPayload(ctx.rawBody);
  const query = new URLSearchParams(url.searchParams);
  query.delete("http_key");
  let result: string | void;
  try {
    result = await fn({
      userId: caller?.userId ?? "",
      username: caller?.user.username ?? "",
      vars: caller?.vars ?? {},
      query,
      headers: new Headers(request.headers),
      state,
    }, payload);
  } catch (error) {
    const code = error instanceof RpcError ? error.code : Code.INTERNAL;
    const message = error instanceof Error ? error.message : String(error);
    // A Go error marshals as an empty object; the map's keys come out sorted.
    return jsonResponse({ code, error: {}, message }, httpStatusOf(code));
  }
  const text = typeof result === "string" ? result : "";
  if (unwrap) {
    const headers = new Headers(jsonResponse(null).headers);
    headers.set("content-type", request.headers.get("content-type") || "text/plain");
    return new Response(text, { status: 200, headers });
  }
  return jsonResponse({ payload: text });
}

/**
 * The RPC routes.
 * @example Mount
 * ```ts
 * new Router(rpcRoutes());
 * ```
 */
export function rpcRoutes(): Route[] {
  return [
    { method: "POST", path: "/v2/rpc/{id}", auth: "custom", allowEmptyParams: true, handle: rpc },
    { method: "GET", path: "/v2/rpc/{id}", auth: "custom", allowEmptyParams: true, handle: rpc },
  ];
}
