/**
 * Every error the SDK raises at run time is a {@link NakamaError}, and each kind of failure has a subclass with a
 * stable `code`. Caller mistakes (a wrong argument) are `TypeError`/`RangeError` thrown at once, and a caller's own
 * abort rejects with the signal's reason, unwrapped.
 *
 * Messages name the method, path and status, and never a token, a refresh token or a key.
 * @module
 */

/** Names of the gRPC status codes, indexed by code. */
const GRPC_STATUS = [
  "OK",
  "CANCELLED",
  "UNKNOWN",
  "INVALID_ARGUMENT",
  "DEADLINE_EXCEEDED",
  "NOT_FOUND",
  "ALREADY_EXISTS",
  "PERMISSION_DENIED",
  "RESOURCE_EXHAUSTED",
  "FAILED_PRECONDITION",
  "ABORTED",
  "OUT_OF_RANGE",
  "UNIMPLEMENTED",
  "INTERNAL",
  "UNAVAILABLE",
  "DATA_LOSS",
  "UNAUTHENTICATED",
] as const;

/**
 * The name of a gRPC status code, such as `"NOT_FOUND"` for 5, or `undefined` for a code outside the table.
 *
 * @example Naming a code
 * ```ts
 * import { grpcStatusName } from "@nakama-ts/sdk";
 * console.log(grpcStatusName(16)); // "UNAUTHENTICATED"
 * ```
 */
export function grpcStatusName(code: number | undefined): string | undefined {
  return code === undefined ? undefined : GRPC_STATUS[code];
}

/**
 * Which server an error came from.
 *
 * @example Telling Satori failures apart
 * ```ts
 * import { NakamaError, type Service } from "@nakama-ts/sdk";
 * const service: Service = new NakamaError("POST /v1/event: 503").service;
 * console.log(service); // "nakama"
 * ```
 */
export type Service = "nakama" | "satori" | "console";

/**
 * What an error carries besides its message.
 *
 * @example Building an error in a test double
 * ```ts
 * import { NakamaError, type NakamaErrorDetails } from "@nakama-ts/sdk";
 * const details: NakamaErrorDetails = { status: 404, grpcCode: 5, method: "GET", path: "/v2/account" };
 * console.log(new NakamaError("GET /v2/account: 404 not found", details).grpcStatus); // "NOT_FOUND"
 * ```
 */
export interface NakamaErrorDetails {
  /** HTTP status of the reply, when there was one. */
  status?: number;
  /** gRPC status code from the server's error body or socket error envelope. */
  grpcCode?: number;
  /** HTTP method of the request. */
  method?: string;
  /** Request path, without the query string (which may hold a key). */
  path?: string;
  /** Correlation id of a socket request. */
  cid?: string;
  /** The server's parsed error body, or the raw text when it was not JSON. */
  data?: unknown;
  /** The server that answered. */
  service?: Service;
  /** The underlying failure. */
  cause?: unknown;
}

/**
 * The base class of every run-time error of the SDK. Used directly, it means the server answered "no": a non-2xx
 * HTTP reply or a socket `error` envelope, with the server's `message`, the gRPC code and the HTTP status.
 *
 * @example Telling a missing object from other failures
 * ```ts
 * import { Client, NakamaError } from "@nakama-ts/sdk";
 * const client = new Client();
 * try {
 *   await client.authenticateDevice("device-id-0001", { create: false });
 * } catch (error) {
 *   if (error instanceof NakamaError && error.grpcStatus === "NOT_FOUND") console.log("no such account");
 * }
 * ```
 */
export class NakamaError extends Error {
  /** A stable code for the kind of error, such as `"NAKAMA_SERVER_ERROR"`. */
  readonly code: string = "NAKAMA_SERVER_ERROR";
  /** HTTP status of the reply, when there was one. */
  readonly status: number | undefined;
  /** gRPC status code from the server, when it sent one. */
  readonly grpcCode: number | undefined;
  /** Name of {@link NakamaError.grpcCode}, such as `"NOT_FOUND"`. */
  readonly grpcStatus: string | undefined;
  /** HTTP method of the failed request. */
  readonly method: string | undefined;
  /** Path of the failed request, without its query string. */
  readonly path: string | undefined;
  /** Correlation id of a failed socket request. */
  readonly cid: string | undefined;
  /** The server's parsed error body, or its raw text. */
  readonly data: unknown;
  /** Which server answered. */
  readonly service: Service;

  /** Builds an error; `message` is used as it is. */
  constructor(message: string, details: NakamaErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.status = details.status;
    this.grpcCode = details.grpcCode;
    this.grpcStatus = grpcStatusName(details.grpcCode);
    this.method = details.method;
    this.path = details.path;
    this.cid = details.cid;
    this.data = details.data;
    this.service = details.service ?? "nakama";
  }
}

/**
 * The server's reply could not be understood: invalid or truncated JSON, an HTML error page, or a body of the wrong
 * shape. `data` holds the start of the raw text.
 *
 * @example Catching a malformed reply
 * ```ts
 * import { InvalidResponseError } from "@nakama-ts/sdk";
 * const error = new InvalidResponseError("GET /v2/account: the reply is not JSON", { status: 200 });
 * console.log(error.code); // "NAKAMA_INVALID_RESPONSE"
 * ```
 */
export class InvalidResponseError extends NakamaError {
  /** Always `"NAKAMA_INVALID_RESPONSE"`. */
  override readonly code: string = "NAKAMA_INVALID_RESPONSE";
}

/**
 * No reply arrived: the connection was refused, reset or dropped. `cause` holds the runtime's own error.
 *
 * @example Checking for a network failure
 * ```ts
 * import { NetworkError } from "@nakama-ts/sdk";
 * const error = new NetworkError("GET /v2/account: network failure");
 * console.log(error instanceof NetworkError, error.code); // true "NAKAMA_NETWORK_ERROR"
 * ```
 */
export class NetworkError extends NakamaError {
  /** Always `"NAKAMA_NETWORK_ERROR"`. */
  override readonly code: string = "NAKAMA_NETWORK_ERROR";
}

/**
 * The SDK's own deadline fired before the reply arrived (`timeoutMs`).
 *
 * @example Giving a call 2 seconds
 * ```ts
 * import { Client, TimeoutError } from "@nakama-ts/sdk";
 * const client = new Client({ timeoutMs: 2000 });
 * try {
 *   await client.healthcheck();
 * } catch (error) {
 *   if (error instanceof TimeoutError) console.log("the server is slow");
 * }
 * ```
 */
export class TimeoutError extends NakamaError {
  /** Always `"NAKAMA_TIMEOUT"`. */
  override readonly code: string = "NAKAMA_TIMEOUT";
}

/**
 * The session cannot be refreshed: its refresh token has expired or was revoked, so the user must authenticate again.
 *
 * @example Sending the user back to the login screen
 * ```ts
 * import { SessionExpiredError } from "@nakama-ts/sdk";
 * const error = new SessionExpiredError("The refresh token has expired; authenticate again.");
 * console.log(error.code); // "NAKAMA_SESSION_EXPIRED"
 * ```
 */
export class SessionExpiredError extends NakamaError {
  /** Always `"NAKAMA_SESSION_EXPIRED"`. */
  override readonly code: string = "NAKAMA_SESSION_EXPIRED";
}

/**
 * A socket closed, or was never open, while a request waited for its reply.
 *
 * @example Detecting a dropped socket
 * ```ts
 * import { ConnectionClosedError } from "@nakama-ts/sdk";
 * const error = new ConnectionClosedError("The socket closed (code 1006).");
 * console.log(error.code); // "NAKAMA_CONNECTION_CLOSED"
 * ```
 */
export class ConnectionClosedError extends NakamaError {
  /** Always `"NAKAMA_CONNECTION_CLOSED"`. */
  override readonly code: string = "NAKAMA_CONNECTION_CLOSED";
}

const NAMES = new Set([
  "NakamaError",
  "InvalidResponseError",
  "NetworkError",
  "TimeoutError",
  "SessionExpiredError",
  "ConnectionClosedError",
  // The console client's own kinds (src/console/errors.ts).
  "UnsupportedOperationError",
  "MfaRequiredError",
]);

/**
 * True for any error of this SDK. It matches on `name` and `code`, so it also works when two copies of the package
 * are loaded (ESM and CommonJS), where `instanceof` fails.
 *
 * @example Guarding a catch block
 * ```ts
 * import { isNakamaError } from "@nakama-ts/sdk";
 * try {
 *   JSON.parse("{");
 * } catch (error) {
 *   console.log(isNakamaError(error)); // false
 * }
 * ```
 */
export function isNakamaError(error: unknown): error is NakamaError {
  return error instanceof Error && NAMES.has(error.name) &&
    typeof (error as { code?: unknown }).code === "string";
}

/** A `TypeError` for a wrong argument, with Node's `code` and the argument named in quotes. */
export function invalidArgument(name: string, expectation: string): TypeError {
  const error = new TypeError(`"${name}" must be ${expectation}`);
  (error as TypeError & { code: string }).code = "ERR_INVALID_ARG_TYPE";
  return error;
}
