/**
 * Deno-only leak suite: each test runs with Deno's op and resource sanitizers on, so a timer, a pending fetch or an
 * open connection left behind by a close, timeout, abort or failure path fails the test. (`node:test` has no
 * sanitizers, and Deno 2.9 turns them off unless asked.)
 */
import { Client, NetworkError, TimeoutError } from "../../mod.ts";
import { FakeNakama } from "../support/fake_nakama/mod.ts";

const strict = { sanitizeOps: true, sanitizeResources: true, sanitizeExit: true };

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function withFake(fn: (fake: FakeNakama, client: Client) => Promise<void>): Promise<void> {
  const fake = await FakeNakama.start();
  try {
    await fn(fake, new Client({ port: fake.port, retry: { baseDelayMs: 1, maxRetries: 2 } }));
  } finally {
    await fake.close();
  }
}

Deno.test({ name: "a successful call leaves nothing behind", ...strict }, () =>
  withFake(async (_fake, client) => {
    const session = await client.authenticateDevice("leak-device-0001");
    await client.getAccount(session);
  }));

Deno.test(
  { name: "a timeout clears its timer and aborts the fetch", ...strict },
  () =>
    withFake(async (fake, client) => {
      fake.injectFault({ match: "/healthcheck", kind: "delay", ms: 5_000 });
      const error = await client.healthcheck({ timeoutMs: 20 }).catch((e) => e);
      assert(error instanceof TimeoutError, `expected TimeoutError, got ${error}`);
    }),
);

Deno.test(
  { name: "an abort during a backoff wait clears the backoff timer", ...strict },
  () =>
    withFake(async (fake, client) => {
      fake.injectFault({ match: "/healthcheck", kind: "status", status: 503, times: 3 });
      const controller = new AbortController();
      const reason = new Error("stop");
      const error = await client.healthcheck({
        signal: controller.signal,
        retry: { baseDelayMs: 60_000, maxRetries: 3, listener: () => controller.abort(reason) },
      }).catch((e) => e);
      assert(error === reason, `expected the abort reason, got ${error}`);
    }),
);

Deno.test({ name: "an abort in flight releases the request", ...strict }, () =>
  withFake(async (fake, client) => {
    fake.injectFault({ match: "/healthcheck", kind: "delay", ms: 5_000 });
    const controller = new AbortController();
    const call = client.healthcheck({ signal: controller.signal });
    setTimeout(() => controller.abort(new Error("cancel")), 5);
    const error = await call.catch((e) => e);
    assert(error instanceof Error && error.message === "cancel", `expected the abort reason, got ${error}`);
  }));

Deno.test(
  { name: "a connection reset mid-body leaves nothing behind", ...strict },
  () =>
    withFake(async (fake, client) => {
      fake.injectFault({ match: "/healthcheck", kind: "reset", times: 5 });
      const error = await client.healthcheck().catch((e) => e);
      assert(error instanceof NetworkError, `expected NetworkError, got ${error}`);
    }),
);

Deno.test({ name: "a refused connection is a NetworkError and leaves nothing behind", ...strict }, async () => {
  const fake = await FakeNakama.start();
  const port = fake.port;
  await fake.close();
  const client = new Client({ port, retry: { baseDelayMs: 1, maxRetries: 1 } });
  const error = await client.healthcheck().catch((e) => e);
  assert(error instanceof NetworkError, `expected NetworkError, got ${error}`);
});
