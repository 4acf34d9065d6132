/**
 * Deno-only leak suite for the Satori client and its event queue (see rest_leaks_test.ts for why).
 */
import { SatoriClient } from "../../satori.ts";
import { FakeSatori } from "../support/fake_satori/mod.ts";

const strict = { sanitizeOps: true, sanitizeResources: true, sanitizeExit: true };

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function withFake(fn: (fake: FakeSatori, client: SatoriClient) => Promise<void>): Promise<void> {
  const fake = await FakeSatori.start();
  try {
    await fn(fake, new SatoriClient({ port: fake.port, retry: { baseDelayMs: 1, maxRetries: 1 } }));
  } finally {
    await fake.close();
  }
}

Deno.test(
  { name: "an event queue closed with its interval timer armed leaves nothing behind", ...strict },
  () =>
    withFake(async (fake, client) => {
      const session = await client.authenticate("leak-identity-1");
      const queue = client.createEventQueue(session, { flushIntervalMs: 60_000 });
      queue.enqueue({ name: "started" });
      await queue.close();
      assert(fake.state.eventsOf("leak-identity-1").length === 1, "close() must flush the queued event");
    }),
);

Deno.test(
  { name: "an event queue whose sends fail closes cleanly", ...strict },
  () =>
    withFake(async (fake, client) => {
      const session = await client.authenticate("leak-identity-2");
      const dropped: unknown[] = [];
      const queue = client.createEventQueue(session, { flushIntervalMs: 5, onDropped: (d) => dropped.push(d) });
      fake.injectFault({ match: "/v1/event", kind: "status", status: 503, times: 100 });
      queue.enqueue({ name: "lost" });
      await queue.flush().catch(() => {});
      await queue.close().catch(() => {});
      assert(dropped.length > 0, "events that cannot be sent at close are reported");
    }),
);

Deno.test(
  { name: "a flag lookup with a default that times out leaves nothing behind", ...strict },
  () =>
    withFake(async (fake, client) => {
      const session = await client.authenticate("leak-identity-3");
      fake.injectFault({ match: "/v1/flag", kind: "delay", ms: 5_000 });
      const flag = await client.getFlag(session, "missing", { defaultValue: "fallback", timeoutMs: 20 });
      assert(flag.value === "fallback", `expected the default, got ${flag.value}`);
    }),
);
