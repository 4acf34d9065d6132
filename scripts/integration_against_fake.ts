/**
 * Runs tests/integration_test.ts (the real-server suite) against the in-process fake Nakama, to prove the suite
 * itself: starts the fake on a loopback port, points NAKAMA_URL (and the optional leaderboard / RPC / HTTP key
 * variables) at it, runs `deno test -A tests/integration_test.ts` as a subprocess, and exits with its status.
 *
 * Deno only: `deno run -A scripts/integration_against_fake.ts [extra deno test args…]`
 * @module
 */

import { FakeNakama } from "../tests/support/fake_nakama/mod.ts";

const root = new URL("../", import.meta.url);
const fake = await FakeNakama.start();
let code = 1;
try {
  const env = {
    NAKAMA_URL: fake.url,
    NAKAMA_SERVER_KEY: fake.state.serverKey,
    NAKAMA_LEADERBOARD_ID: "test_leaderboard",
    NAKAMA_RPC_ID: "echo",
    NAKAMA_RPC_ECHO: "true",
    NAKAMA_HTTP_KEY: fake.state.httpKey,
  };
  console.log(`fake Nakama on ${fake.url}; running tests/integration_test.ts`);
  // Spawned, not awaited synchronously: this process keeps serving the fake while the child runs.
  const child = new Deno.Command(Deno.execPath(), {
    args: ["test", "-A", "tests/integration_test.ts", ...Deno.args],
    cwd: root,
    env,
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  code = (await child.status).code;
  // The suite must have run for real: every request it makes is recorded by the fake.
  if (code === 0 && fake.requests.length === 0) {
    console.error("integration_test.ts sent no request to the fake: was it skipped?");
    code = 1;
  }
  console.log(`${fake.requests.length} requests reached the fake`);
} finally {
  await fake.close();
}
Deno.exit(code);
