/**
 * Error answers of the fake gateway: `{"code": <grpc code>, "message": "…"}` with the HTTP status grpc-gateway
 * maps the code to, plus the headers every gateway reply carries.
 * @module
 */

/**
 * gRPC status codes the fake uses.
 * @example Refuse with NOT_FOUND
 * ```ts
 * fail(Code.NOT_FOUND, "Group not found.");
 * ```
 */
export const Code = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

const HTTP_STATUS: Record<number, number> = {
  0: 200,
  1: 499,
  2: 500,
  3: 400,
  4: 504,
  5: 404,
  6: 409,
  7: 403,
  8: 429,
  9: 400,
  10: 409,
  11: 400,
  12: 501,
  13: 500,
  14: 503,
  15: 500,
  16: 401,
};

/**
 * The HTTP status grpc-gateway uses for a gRPC code.
 * @example Map a code
 * ```ts
 * httpStatusOf(5); // 404
 * ```
 */
export function httpStatusOf(code: number): number {
  return HTTP_STATUS[code] ?? 500;
}

/**
 * A gateway error: handlers throw it, the router turns it into the wire reply.
 * @example Refuse a request
 * ```ts
 * throw new GatewayError(Code.NOT_FOUND, "Group not found.");
 * ```
 */
export class GatewayError extends Error {
  /** gRPC code. */
  readonly code: number;
  /** A body to send instead of `{code, message}` (the RPC route's own shapes). */
  readonly body?: unknown;
  constructor(code: number, message: string, body?: unknown) {
    super(message);
    this.name = "GatewayError";
    this.code = code;
    this.body = body;
  }
}

/**
 * Throws a {@link GatewayError}; handy in expressions.
 * @example Validate
 * ```ts
 * if (!id) fail(Code.INVALID_ARGUMENT, "ID is required.");
 * ```
 */
export function fail(code: number, message: string): never {
  throw new GatewayError(code, message);
}

/**
 * Headers on every gateway reply (3.18 sends no-store caching and open CORS).
 * @example An empty reply
 * ```ts
 * new Response(null, { headers: baseHeaders() });
 * ```
 */
export function baseHeaders(): Headers {
  return new Headers({
    "cache-control": "no-store, no-cache, must-revalidate",
    "access-control-allow-origin": "*",
    "vary": "Origin",
  });
}

/**
 * A JSON reply with the gateway's headers.
 * @example Reply
 * ```ts
 * return jsonResponse({ ok: true });
 * ```
 */
export function jsonResponse(body: unknown, status = 200, extra?: HeadersInit): Response {
  const headers = baseHeaders();
  headers.set("content-type", "application/json");
  if (extra) new Headers(extra).forEach((value, key) => headers.set(key, value));
  return new Response(JSON.stringify(body), { status, headers });
}

/**
 * The wire reply for a gateway error (`WWW-Authenticate` carries the message for code 16, like grpc-gateway).
 * @example Reply with an error
 * ```ts
 * return errorResponse(new GatewayError(16, "Auth token invalid"));
 * ```
 */
export function errorResponse(error: GatewayError): Response {
  const body = error.body ?? { code: error.code, message: error.message };
  const extra: Record<string, string> = {};
  if (error.code === Code.UNAUTHENTICATED) extra["www-authenticate"] = error.message;
  return jsonResponse(body, httpStatusOf(error.code), extra);
}
