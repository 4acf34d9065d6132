/**
 * Smoke test of the packed npm package, installed from its tarball into `.cache/consumer/` by
 * `scripts/test_package.ts`: `import` and `require` both load, expose the same names, and talk to the fake server;
 * the runtime's own example script runs against it. Runs on Node (compiled, like the suite) and on Bun (source);
 * Deno users import the source from JSR, which `deno test` already covers.
 * @module
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";
import process from "node:process";
import { pathToFileURL } from "node:url";
import { FakeNakama } from "../fake.ts";
import { consumerDir, deviceId, runtime } from "../env.ts";

type Sdk = typeof import("../../../mod.ts");

let fake: FakeNakama;
let esm: Sdk;
let cjs: Sdk;
let dir: string;

before(async () => {
  dir = consumerDir();
  fake = await FakeNakama.start();
  // probe.mjs is `export * from "@nakama-ts/sdk"`, so this goes through the exports map's "import" condition.
  esm = await import(pathToFileURL(path.join(dir, "probe.mjs")).href);
  cjs = createRequire(path.join(dir, "package.json"))("@nakama-ts/sdk");
});
after(() => fake?.close());

async function roundTrip(sdk: Sdk, label: string) {
  const client = new sdk.Client({ port: fake.port });
  const username = `${label}-${crypto.randomUUID().slice(0, 8)}`;
  const session = await client.authenticateDevice(deviceId(label), { create: true, username });
  const account = await client.getAccount(session);
  const reply = await client.rpc(session, "echo", { label });
  return { session, account, reply, username };
}

function runExample(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, NAKAMA_PORT: String(fake.port), NAKAMA_USERNAME: `example-${runtime}` };
    execFile(command, args, { cwd: dir, env, timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

describe(`npm package on ${runtime}`, () => {
  it("import and require expose the same export names", () => {
    const names = Object.keys(esm).sort();
    assert.ok(names.includes("Client") && names.includes("Session") && names.includes("NakamaError"));
    assert.deepEqual(Object.keys(cjs).sort(), names);
  });

  it("import and require are two builds (ESM and CommonJS), and isNakamaError() works across them", () => {
    assert.notEqual(esm.NakamaError, cjs.NakamaError);
    const error = new cjs.NakamaError("nope", { status: 401 });
    assert.equal(error.name, "NakamaError");
    assert.equal(esm.isNakamaError(error), true);
  });

  it("the ESM build (import) authenticates, reads the account and calls an RPC", async () => {
    const { session, account, reply, username } = await roundTrip(esm, "esm");
    assert.ok(session instanceof esm.Session);
    assert.equal(account.user?.id, session.userId);
    assert.equal(account.user?.username, username);
    assert.deepEqual(JSON.parse(reply.payload ?? ""), { label: "esm" });
  });

  it("the CommonJS build (require) authenticates, reads the account and calls an RPC", async () => {
    const { session, account, reply, username } = await roundTrip(cjs, "cjs");
    assert.ok(session instanceof cjs.Session);
    assert.equal(account.user?.id, session.userId);
    assert.equal(account.user?.username, username);
    assert.deepEqual(JSON.parse(reply.payload ?? ""), { label: "cjs" });
  });

  it("a wrong server key is a NakamaError with status 401 from the built package", async () => {
    const client = new esm.Client({ port: fake.port, serverKey: "not-the-key" });
    await assert.rejects(client.authenticateDevice(deviceId("bad-key")), (error: unknown) => {
      assert.ok(esm.isNakamaError(error));
      assert.equal(error.status, 401);
      return true;
    });
  });

  it(`the ${runtime} example script runs against the installed package`, async () => {
    const script = runtime === "bun" ? "examples/bun_bot.ts" : "examples/node_esm.mjs";
    const { code, stdout, stderr } = await runExample(process.execPath, [script]);
    assert.equal(code, 0, `${script} exited with ${code}: ${stderr}`);
    const printed = JSON.parse(stdout.trim().split("\n").pop() ?? "");
    assert.equal(printed.username, `example-${runtime}`);
    assert.match(printed.user_id, /^[0-9a-f-]{36}$/);
    assert.equal(JSON.parse(printed.rpc).device.length > 0, true);
  });
});
