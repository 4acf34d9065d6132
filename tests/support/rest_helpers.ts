/**
 * Helpers shared by the REST test files (tests/rest_*_test.ts): unique ids, the last recorded request, and an
 * assertion for the server's `{code, message}` errors.
 * @module
 */
import assert from "node:assert/strict";
import { NakamaError } from "../../mod.ts";
import type { FakeNakama, RecordedRequest } from "./fake_nakama/mod.ts";

let counter = 0;

/** A name no other test in the process uses. */
export const unique = (prefix: string): string => `${prefix}-${++counter}-${crypto.randomUUID().slice(0, 8)}`;

/** The last request the fake recorded for a method and (raw) path; fails the test when there is none. */
export function lastRequest(fake: FakeNakama, method: string, path: string): RecordedRequest {
  const found = [...fake.requests].reverse().find((r) => r.method === method && r.path === path);
  assert.ok(found, `no ${method} ${path} was recorded`);
  return found;
}

/** An `assert.rejects` predicate for a NakamaError with this status and exactly this `{code, message}` body. */
export function serverError(status: number, grpcCode: number, message: string): (error: unknown) => boolean {
  return (error: unknown) => {
    assert.ok(error instanceof NakamaError, `expected a NakamaError, got ${error}`);
    assert.equal(error.status, status);
    assert.equal(error.grpcCode, grpcCode);
    assert.deepEqual(error.data, { code: grpcCode, message });
    return true;
  };
}
