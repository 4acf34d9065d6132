/**
 * Smoke test on workerd, the Cloudflare Workers runtime: `examples/cloudflare_worker.ts` is bundled with esbuild
 * against the installed npm package, a capnp config is written on the fly (no wrangler), and workerd serves it on
 * an ephemeral loopback port. The worker talks to the fake server through a network service that allows only
 * local addresses: workerd's default `globalOutbound` ("internet") refuses private and loopback addresses. The same
 * service carries the worker's realtime socket: workerd's global `new WebSocket(url)` connects out through
 * `globalOutbound` like `fetch` does, so the SDK needs no adapter there.
 *
 * Runs on Node (compiled, from `scripts/test_all.sh`), because it drives child processes.
 * @module
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Readable } from "node:stream";
import { build } from "esbuild";
import { FakeNakama, realtimeControl, socketsGone } from "../fake.ts";
import { consumerDir, deviceId, repoRoot } from "../env.ts";

/** workerd refuses a compatibility date later than its own release; this one is old enough for any pinned build. */
const COMPATIBILITY_DATE = "2025-09-01";
const STARTUP_TIMEOUT_MS = 20_000;

let fake: FakeNakama;
let workdir: string;
let workerd: ChildProcess | undefined;
let stderr = "";
let base: string;

function capnp(bindings: Record<string, string>): string {
  const texts = Object.entries(bindings).map(([name, text]) =>
    `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(text)})`
  );
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    # Workers may reach only publicly-routable addresses by default; the fake server is on 127.0.0.1.
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "${COMPATIBILITY_DATE}",
  bindings = [${texts.join(", ")}],
  globalOutbound = "loopback",
);
`;
}

/** Resolves with the port workerd reports on its control descriptor once the "http" socket listens. */
function listeningPort(child: ChildProcess): Promise<number> {
  const control = child.stdio[3] as Readable;
  return new Promise((resolve, reject) => {
    let buffered = "";
    const timer = setTimeout(
      () => fail(new Error(`workerd did not listen within ${STARTUP_TIMEOUT_MS} ms`)),
      STARTUP_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      for (const line of buffered.split("\n").slice(0, -1)) {
        const message = JSON.parse(line) as { event?: string; socket?: string; port?: number };
        if (message.event === "listen" && message.socket === "http" && message.port) {
          done();
          resolve(message.port);
        }
      }
      buffered = buffered.slice(buffered.lastIndexOf("\n") + 1);
    };
    const onExit = (code: number | null) => fail(new Error(`workerd exited with ${code} before listening`));
    const done = () => {
      clearTimeout(timer);
      control.off("data", onData);
      child.off("exit", onExit);
    };
    const fail = (error: Error) => {
      done();
      reject(new Error(`${error.message}\n${stderr}`));
    };
    control.on("data", onData);
    child.on("exit", onExit);
  });
}

before(async () => {
  const root = repoRoot();
  const consumer = consumerDir();
  fake = await FakeNakama.start();
  workdir = fs.mkdtempSync(path.join(os.tmpdir(), "nakama-ts-workerd-"));
  await build({
    entryPoints: [path.join(root, "examples", "cloudflare_worker.ts")],
    outfile: path.join(workdir, "worker.js"),
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    // `@nakama-ts/sdk` comes from the tarball installed in the consumer project: the npm build, not the source.
    nodePaths: [path.join(consumer, "node_modules")],
    logLevel: "warning",
  });
  fs.writeFileSync(
    path.join(workdir, "config.capnp"),
    capnp({ NAKAMA_HOST: "127.0.0.1", NAKAMA_PORT: String(fake.port), NAKAMA_SERVER_KEY: "defaultkey" }),
  );
  const binary = path.join(root, "node_modules", ".bin", "workerd");
  workerd = spawn(binary, ["serve", "config.capnp", "--control-fd=3"], {
    cwd: workdir,
    stdio: ["ignore", "inherit", "pipe", "pipe"],
  });
  workerd.stderr!.on("data", (chunk: Buffer) => stderr += chunk.toString("utf8"));
  base = `http://127.0.0.1:${await listeningPort(workerd)}`;
});

after(async () => {
  if (workerd && workerd.exitCode === null && workerd.signalCode === null) {
    const exited = new Promise((resolve) => workerd!.once("exit", resolve));
    workerd.kill("SIGTERM");
    await exited;
  }
  await fake?.close();
  if (workdir) fs.rmSync(workdir, { recursive: true, force: true });
});

describe("workerd (Cloudflare Workers runtime)", () => {
  it("the worker authenticates, reads the account and calls an RPC on the fake server", async () => {
    const device = deviceId("workerd");
    const response = await fetch(`${base}/?device=${device}&username=workerd-user`);
    const text = await response.text();
    assert.equal(response.status, 200, `${text}\n${stderr}`);
    const body = JSON.parse(text);
    assert.match(body.user_id, /^[0-9a-f-]{36}$/);
    assert.equal(body.username, "workerd-user");
    assert.deepEqual(JSON.parse(body.rpc), { from: "cloudflare-worker", device });
  });

  it("the same device signs in to the same account twice", async () => {
    const device = deviceId("workerd-again");
    const first = await (await fetch(`${base}/?device=${device}`)).json();
    const second = await (await fetch(`${base}/?device=${device}`)).json();
    assert.match(first.user_id, /^[0-9a-f-]{36}$/);
    assert.equal(second.user_id, first.user_id);
  });

  it("the worker answers 400 without calling the server when the device is missing", async () => {
    const response = await fetch(`${base}/`);
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), { error: "pass ?device=<id>" });
  });

  it("the worker opens a realtime socket (workerd's global WebSocket) and calls an RPC over it", async () => {
    const device = deviceId("workerd-socket");
    const upgrades = () => fake.requests.filter((r) => r.path === "/ws").length;
    const before = upgrades();
    const response = await fetch(`${base}/?device=${device}&socket=1`);
    const text = await response.text();
    assert.equal(response.status, 200, `${text}\n${stderr}`);
    const body = JSON.parse(text);
    assert.deepEqual(JSON.parse(body.socket_rpc), { from: "cloudflare-worker-socket", device });
    assert.deepEqual(JSON.parse(body.rpc), { from: "cloudflare-worker", device }, "the REST call still answers");
    assert.equal(upgrades() - before, 1, "exactly one socket reached the fake");
    // The worker closes its socket before it answers; the fake must see that close, not a dropped connection later.
    await socketsGone((id) => realtimeControl(fake.state).sessions(id), body.user_id);
  });
});
