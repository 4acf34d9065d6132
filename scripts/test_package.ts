/**
 * Checks the npm package the way a user meets it: `npm pack` of `npm/`, `npm install` of the tarball into a fresh
 * consumer project (`.cache/consumer/`), then type-checks the examples against the installed package:
 *
 * - `examples/cloudflare_worker.ts` with lib ES2022+DOM and no ambient types (what a Worker has);
 * - `examples/bun_bot.ts` and `examples/node_esm.mjs` (checkJs) with Node's types and `module: nodenext`;
 * - a one-line `.cts` file, so the `require` condition's `.d.ts` is proven to resolve and type-check.
 *
 * Then `entries_probe.mjs`, on Node and on Bun, loads every entry of the exports map both ways: each bundle (one file
 * per entry plus the `shared.js` they import, see `scripts/build_npm.ts`) must give the same names to `import` and
 * `require`, one and the same class to every entry that exports it (per format), and classes and functions whose
 * `.name` is their export name.
 *
 * The runtime side (import and require on Node and Bun, the examples run against the fake server) is
 * `tests/runtimes/package/package_smoke.ts`, which runs on the consumer this script leaves behind.
 *
 * Prints one `ok`/`FAILED` line per check and ends with `checks: N passed, N failed`; exits 1 on any failure.
 * Usage: `deno run -A scripts/test_package.ts` (after `scripts/build_npm.ts`).
 * @module
 */

import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PACK = path.join(ROOT, ".cache", "pack");
const CONSUMER = path.join(ROOT, ".cache", "consumer");
const BIN = path.join(ROOT, "node_modules", ".bin");

let passed = 0;
let failed = 0;

async function run(
  command: string,
  args: string[],
  cwd: string,
): Promise<{ ok: boolean; stdout: string; output: string }> {
  const child = new Deno.Command(command, {
    args,
    cwd,
    stdout: "piped",
    stderr: "piped",
    env: { PATH: `${BIN}:${Deno.env.get("PATH") ?? ""}`, npm_config_update_notifier: "false" },
  });
  const { success, stdout, stderr } = await child.output();
  const decoder = new TextDecoder();
  const out = decoder.decode(stdout);
  return { ok: success, stdout: out, output: out + decoder.decode(stderr) };
}

/**
 * Loads every subpath of the installed package's exports map with `import` and with `require`; exits 1 listing what
 * is wrong. Plain JavaScript, so Node and Bun run it as it is.
 */
const ENTRIES_PROBE = `import { createRequire } from "node:module";
import * as fs from "node:fs";
const require = createRequire(import.meta.url);
const name = "@nakama-ts/sdk";
const pkg = JSON.parse(fs.readFileSync(new URL("./node_modules/" + name + "/package.json", import.meta.url), "utf8"));
const problems = [];
const loaded = { esm: [], cjs: [] };
for (const subpath of Object.keys(pkg.exports).filter((s) => s !== "./package.json")) {
  const specifier = subpath === "." ? name : name + subpath.slice(1);
  const esm = await import(specifier);
  const cjs = require(specifier);
  if (Object.keys(esm).sort().join() !== Object.keys(cjs).sort().join()) {
    problems.push(specifier + ": import and require export different names");
  }
  loaded.esm.push([specifier, esm]);
  loaded.cjs.push([specifier, cjs]);
}
for (const [format, modules] of Object.entries(loaded)) {
  const first = new Map();
  for (const [specifier, exports] of modules) {
    for (const [key, value] of Object.entries(exports)) {
      if (typeof value === "function" && value.name !== key) {
        problems.push(format + " " + specifier + ": " + key + ".name is " + JSON.stringify(value.name));
      }
      const seen = first.get(key);
      if (seen === undefined) first.set(key, [specifier, value]);
      else if (seen[1] !== value) problems.push(format + ": " + key + " of " + specifier + " is not " + seen[0] + "'s");
    }
  }
}
if (problems.length > 0) {
  console.error(problems.join("\\n"));
  process.exit(1);
}
console.log("entries: " + loaded.esm.map(([s]) => s).join(", "));
`;

/** Runs one check and prints its line; returns its stdout when it passes. */
async function check(name: string, command: string, args: string[], cwd: string): Promise<string | undefined> {
  const started = performance.now();
  const { ok, stdout, output } = await run(command, args, cwd);
  const ms = Math.round(performance.now() - started);
  if (ok) {
    passed++;
    console.log(`ok      ${name} (${ms} ms)`);
    return stdout;
  }
  failed++;
  console.log(`FAILED  ${name} (${ms} ms)\n${output.trimEnd().replace(/^/gm, "        ")}`);
  return undefined;
}

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + "\n");
}

if (!fs.existsSync(path.join(ROOT, "npm", "package.json"))) {
  console.error("test_package: npm/ is not built; run `deno run -A scripts/build_npm.ts` first");
  Deno.exit(1);
}

fs.rmSync(PACK, { recursive: true, force: true });
fs.mkdirSync(PACK, { recursive: true });
const packed = await check("npm pack", "npm", ["pack", "--json", "--pack-destination", PACK], path.join(ROOT, "npm"));
const tarball = packed === undefined ? undefined : (JSON.parse(packed) as [{ filename: string }])[0].filename;

if (tarball !== undefined) {
  fs.rmSync(CONSUMER, { recursive: true, force: true });
  writeJson(path.join(CONSUMER, "package.json"), {
    name: "nakama-ts-consumer",
    private: true,
    type: "module",
    dependencies: { "@nakama-ts/sdk": `file:../pack/${path.basename(tarball)}` },
  });
  // The package has no dependencies, so the install needs no registry.
  const installed = await check(
    "npm install <tarball>",
    "npm",
    ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock"],
    CONSUMER,
  );

  if (installed !== undefined) {
    const examples = path.join(CONSUMER, "examples");
    fs.mkdirSync(examples, { recursive: true });
    for (const file of fs.readdirSync(path.join(ROOT, "examples"))) {
      // The Deno Deploy example imports jsr:@nakama-ts/sdk and is checked by `deno check` against the source.
      if (/\.(?:ts|mjs|cjs)$/.test(file) && !file.startsWith("deno_")) {
        fs.copyFileSync(path.join(ROOT, "examples", file), path.join(examples, file));
      }
    }
    // Resolves through the "require" condition: the CommonJS build's declarations must load and agree.
    fs.writeFileSync(
      path.join(examples, "require_types.cts"),
      'import { Client, Session, isNakamaError } from "@nakama-ts/sdk";\n' +
        "const client: Client = new Client({ port: 7350 });\n" +
        "export const parts = [client.baseUrl, Session.name, isNakamaError(new Error())] as const;\n",
    );
    // The ESM entry the smoke test imports, so `import` goes through the "import" condition of the exports map.
    fs.writeFileSync(path.join(CONSUMER, "probe.mjs"), 'export * from "@nakama-ts/sdk";\n');
    fs.writeFileSync(path.join(CONSUMER, "entries_probe.mjs"), ENTRIES_PROBE);
    for (const runtime of ["node", "bun"]) {
      await check(
        `${runtime}: every entry, import and require: same names, one class per format, .name intact`,
        runtime,
        ["entries_probe.mjs"],
        CONSUMER,
      );
    }

    const strict = { strict: true, noEmit: true, skipLibCheck: false, target: "ES2022" };
    const typeRoots = [path.join(ROOT, "node_modules", "@types")];
    const workerFiles = fs.readdirSync(examples).filter((f) => f.startsWith("cloudflare_"));
    writeJson(path.join(CONSUMER, "tsconfig.worker.json"), {
      compilerOptions: { ...strict, lib: ["ES2022", "DOM"], types: [], module: "ESNext", moduleResolution: "Bundler" },
      files: workerFiles.map((f) => `examples/${f}`),
    });
    const nodeFiles = fs.readdirSync(examples).filter((f) => !f.startsWith("cloudflare_"));
    writeJson(path.join(CONSUMER, "tsconfig.node.json"), {
      compilerOptions: {
        ...strict,
        lib: ["ES2022", "DOM"],
        types: ["node"],
        typeRoots,
        module: "NodeNext",
        moduleResolution: "NodeNext",
        allowJs: true,
        checkJs: true,
      },
      files: nodeFiles.map((f) => `examples/${f}`),
    });
    const tsc = path.join(BIN, "tsc");
    if (workerFiles.length > 0) {
      await check(`tsc: ${workerFiles.join(", ")} (no ambient types)`, tsc, ["-p", "tsconfig.worker.json"], CONSUMER);
    }
    await check(`tsc: ${nodeFiles.join(", ")} (node types, nodenext)`, tsc, ["-p", "tsconfig.node.json"], CONSUMER);
  }
}

console.log(`checks: ${passed} passed, ${failed} failed`);
if (failed > 0) Deno.exit(1);
