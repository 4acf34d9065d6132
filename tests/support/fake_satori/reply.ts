/**
 * Replies of the fake Satori: JSON bodies, and gateway-style errors `{code, message}` with the HTTP status mapped
 * from the gRPC code, as Nakama's gateway does.
 * @module
 */

/** HTTP status of each gRPC code the fake uses. */
const HTTP_STATUS: Record<number, number> = {
  3: 400,
  5: 404,
  6: 409,
  7: 403,
  8: 429,
  9: 400,
  12: 501,
  13: 500,
  14: 503,
  16: 401,
};

/** A failure a handler throws; the router turns it into an error reply. */
export class ApiError extends Error {
  readonly code: number;
  constructor(code: number, message: string) {
    super(message);
    this.name = "ApiError";
    this.code = code;
  }
}

/** 400 INVALID_ARGUMENT. */
export function badInput(message: string): ApiError {
  return new ApiError(3, message);
}

/** 404 NOT_FOUND. */
export function notFound(message: string): ApiError {
  return new ApiError(5, message);
}

/** 401 UNAUTHENTICATED. */
export function unauthenticated(message: string): ApiError {
  return new ApiError(16, message);
}

/** A 200 (or other status) JSON reply. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** The gateway's error reply for a gRPC code. */
export function errorReply(code: number, message: string): Response {
  return json({ code, message }, HTTP_STATUS[code] ?? 500);
}
