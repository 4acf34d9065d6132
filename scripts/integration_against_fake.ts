/**
 * Runs the real-server suites against the in-process fake Nakama, to prove the suites themselves: starts the fake
 * on a loopback port, points NAKAMA_URL (and the optional leaderboard / RPC / HTTP key variables) at it, and runs
 * each suite as a subprocess on each runtime:
 *
 * - tests/integration_test.ts         the REST client
 * - tests/socket_integration_test.ts  the realtime socket (the fake's matchmaker matches at once)
 *
 * on Deno (`deno test -A <file> [extra args…]`) and then on Bun (`bun test ./<file>`). It exits with 1 if any run
 * failed, or if a suite never reached the fake (which would mean it was skipped).
 *
 * `deno run -A scripts/integration_against_fake.ts [extra deno test args…]`; set `INTEGRATION_RUNTIMES` to a comma
 * list to choose: `deno`, `bun`, and (opt-in) `node`, which runs the compiled copies in `.cache/node-tests/` that
 * `deno run -A scripts/build_npm.ts` writes (`node --test`; Node 20 gets the `ws` package for sockets). Bun and Node
 * are taken from PATH, else from node_modules/.bin.
 * @module
 */

import { FakeNakama } from "../tests/support/fake_nakama/mod.ts";

const root = new URL("../", import.meta.url);
const runtimes = (Deno.env.get("INTEGRATION_RUNTIMES") ?? "deno,bun").split(",").map((r) => r.trim()).filter(Boolean);

/** A binary on PATH, or the one `npm install` put in node_modules/.bin. */
function binary(name: string): string {
  for (const dir of (Deno.env.get("PATH") ?? "").split(":")) {
    if (!dir) continue;
    try {
      if (Deno.statSync(`${dir}/${name}`).isFile) return `${dir}/${name}`;
    } catch { /* not in this directory */ }
  }
  return new URL(`node_modules/.bin/${name}`, root).pathname;
}

/** The command that runs one suite file on one runtime. */
function command(runtime: string, file: string): { bin: string; args: string[] } {
  switch (runtime) {
    case "deno":
      return { bin: Deno.execPath(), args: ["test", "-A", file, ...Deno.args] };
    case "bun":
      return { bin: binary("bun"), args: ["test", `./${file}`] };
    case "node": {
      const compiled = `.cache/node-tests/${file.replace(/\.ts$/, ".js")}`;
      try {
        Deno.statSync(new URL(compiled, root));
      } catch {
        throw new Error(`${compiled} is missing: run \`deno run -A scripts/build_npm.ts\` first`);
      }
      return { bin: binary("node"), args: ["--enable-source-maps", "--test", compiled] };
    }
    default:
      throw new Error(`INTEGRATION_RUNTIMES: unknown runtime ${runtime}`);
  }
}

const fake = await FakeNakama.start();
/** Requests of each kind that reached the fake: REST calls, and socket upgrades on /ws. */
const rest = () => fake.requests.filter((r) => r.path !== "/ws").length;
const sockets = () => fake.requests.filter((r) => r.path === "/ws").length;
const suites = [
  { file: "tests/integration_test.ts", reached: rest, unit: "requests" },
  { file: "tests/socket_integration_test.ts", reached: sockets, unit: "socket connections" },
];
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
  const failed: string[] = [];
  for (const runtime of runtimes) {
    for (const suite of suites) {
      console.log(`fake Nakama on ${fake.url}; running ${suite.file} on ${runtime}`);
      const before = suite.reached();
      const { bin, args } = command(runtime, suite.file);
      // Spawned, not awaited synchronously: this process keeps serving the fake while the child runs.
      const child = new Deno.Command(bin, {
        args,
        cwd: root,
        env,
        stdout: "inherit",
        stderr: "inherit",
      }).spawn();
      let status = (await child.status).code;
      // The suite must have run for real: every request and every socket it opens is recorded by the fake.
      const reached = suite.reached() - before;
      if (status === 0 && reached === 0) {
        console.error(`${suite.file} on ${runtime} sent nothing to the fake: was it skipped?`);
        status = 1;
      }
      console.log(`${suite.file} on ${runtime}: exit ${status}, ${reached} ${suite.unit} reached the fake`);
      if (status !== 0) failed.push(`${suite.file} on ${runtime}`);
    }
  }
  code = failed.length === 0 ? 0 : 1;
  console.log(failed.length === 0 ? "all integration runs passed" : `FAILED: ${failed.join(", ")}`);
} finally {
  await fake.close();
}
Deno.exit(code);
