/**
 * The benchmarks' server: the fake Nakama of the test suite, in its own Deno process so its CPU never counts as the
 * client's. Prints one line `{"url": ...}` once it listens, and stops when its stdin closes (the orchestrator
 * exiting, even abnormally, closes it).
 *
 * Usage: `deno run -A scripts/bench/server.ts`
 * @module
 */

import { FakeNakama } from "../../tests/support/fake_nakama/mod.ts";

// Long-lived tokens: no client may spend the run refreshing sessions.
const fake = await FakeNakama.start({ tokenExpirySec: 24 * 3600, refreshTokenExpirySec: 48 * 3600 });
// The fake records every request for tests; a benchmark sends hundreds of thousands, so keep the list empty.
const requests = fake.requests;
const trim = setInterval(() => requests.length = 0, 250);
console.log(JSON.stringify({ url: fake.url, port: fake.port }));

for await (const _chunk of Deno.stdin.readable) {
  // Nothing is read from stdin; its end is the signal to stop.
}
clearInterval(trim);
await fake.close();
