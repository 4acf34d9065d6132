/**
 * `deno task bench`: runs every benchmark of issue 6 side by side in one run (this client, @heroiclabs/nakama-js
 * 2.8.0 and the floor), on Node 20 (this client from the npm build) and Bun (from the TypeScript source), and writes
 * `BENCHMARKS.md` at the repository root with medians, ratios and the machine they ran on.
 *
 * Each measurement is a fresh child process running one subject (see `common.ts`); repetitions rotate the order of
 * the subjects so drift cannot favour one of them. The fake Nakama server runs in its own Deno process; set
 * `NAKAMA_URL` (and `NAKAMA_SERVER_KEY`) to measure the network rows against a real server instead (its RPC `echo`
 * must echo its payload, as the capture server's does).
 *
 * Usage: `deno run -A scripts/bench/run.ts [--quick] [--rows=LIST] [--out=FILE]`, where LIST is any of
 * `rest,stub,rpc,decode,send,bundle,cold,memory` (default: all).
 * @module
 */

import { gzipSync } from "node:zlib";

const ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");
const CACHE = `${ROOT}/.cache/bench`;
const BIN = `${ROOT}/node_modules/.bin`;
/** The copy of the npm build that Node imports (see {@link snapshotNpmBuild}). */
const NPM = `${CACHE}/npm`;

// ------------------------------------------------------------------ options

const args = new Map(
  Deno.args.map((arg) => {
    const [key, value] = arg.replace(/^--/, "").split("=");
    return [key, value ?? "true"] as const;
  }),
);
const QUICK = args.has("quick");
const ROWS = new Set((args.get("rows") ?? "rest,stub,rpc,decode,send,bundle,cold,memory").split(","));
const OUT = args.get("out") ?? `${ROOT}/BENCHMARKS.md`;
/** Processes per (row, runtime, subject); the median is reported. */
const REPS = QUICK ? 2 : 5;
/** The network rows share the machine with the server and vary more: more, shorter repetitions. */
const NET_REPS = QUICK ? 2 : 9;
const WINDOW_MS = QUICK ? 400 : 500;
const WARMUP_MS = QUICK ? 150 : 250;
const COLD_RUNS = QUICK ? 6 : 20;
const MEMORY_REPS = QUICK ? 1 : 3;
const SOCKETS = 200;

type Subject = "ours" | "nakama-js" | "floor" | "floor-deadline";
type Runtime = "node" | "bun";
const SUBJECTS: Subject[] = ["ours", "nakama-js", "floor"];
const RUNTIMES: Runtime[] = ["node", "bun"];

// ------------------------------------------------------------------ small helpers

function log(text: string): void {
  console.error(`bench: ${text}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

async function output(command: string, argv: string[], options: { cwd?: string } = {}): Promise<string> {
  const result = await new Deno.Command(command, { args: argv, cwd: options.cwd ?? ROOT, stderr: "piped" }).output();
  const text = new TextDecoder().decode(result.stdout);
  if (!result.success) {
    throw new Error(`${command} ${argv.join(" ")} failed:\n${new TextDecoder().decode(result.stderr)}\n${text}`);
  }
  return text;
}

function binary(name: string): string {
  try {
    Deno.statSync(`${BIN}/${name}`);
    return `${BIN}/${name}`;
  } catch {
    return name;
  }
}

const NODE = "node";
const BUN = binary("bun");
const ESBUILD = binary("esbuild");
const DENO = Deno.execPath();

// ------------------------------------------------------------------ the machine

interface Machine {
  cpu: string;
  cores: number;
  os: string;
  memoryGb: number;
  node: string;
  bun: string;
  deno: string;
  nakamaJs: string;
  ws: string;
  esbuild: string;
}

async function machine(): Promise<Machine> {
  const cpuinfo = await Deno.readTextFile("/proc/cpuinfo").catch(() => "");
  const cpu = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? "unknown";
  const version = async (path: string) => JSON.parse(await Deno.readTextFile(`${ROOT}/node_modules/${path}`)).version;
  return {
    cpu,
    cores: navigator.hardwareConcurrency,
    os: `${Deno.build.os} ${Deno.osRelease()} ${Deno.build.arch}`,
    memoryGb: Math.round(Deno.systemMemoryInfo().total / 2 ** 30),
    node: (await output(NODE, ["--version"])).trim(),
    bun: (await output(BUN, ["--version"])).trim(),
    deno: Deno.version.deno,
    nakamaJs: await version("@heroiclabs/nakama-js/package.json"),
    ws: await version("ws/package.json"),
    esbuild: (await output(ESBUILD, ["--version"])).trim(),
  };
}

// ------------------------------------------------------------------ preparing

/** The newest modification time of the library's sources. */
async function newestSource(): Promise<number> {
  let newest = 0;
  const visit = async (path: string) => {
    const info = await Deno.stat(path);
    if (info.isDirectory) {
      for await (const entry of Deno.readDir(path)) await visit(`${path}/${entry.name}`);
    } else if (path.endsWith(".ts")) {
      newest = Math.max(newest, info.mtime?.getTime() ?? 0);
    }
  };
  for (const path of ["mod.ts", "satori.ts", "src"]) {
    if (await exists(`${ROOT}/${path}`)) await visit(`${ROOT}/${path}`);
  }
  return newest;
}

/** Node runs this client from the npm build: build it when it is missing or older than the sources. */
async function ensureNpmBuild(): Promise<void> {
  const built = `${ROOT}/npm/esm/mod.js`;
  const builtAt = (await exists(built)) ? (await Deno.stat(built)).mtime?.getTime() ?? 0 : 0;
  if (builtAt >= await newestSource()) return;
  log("npm/ is missing or older than src/: deno run -A scripts/build_npm.ts --skip-tests");
  await output(DENO, ["run", "-A", "scripts/build_npm.ts", "--skip-tests"]);
}

/**
 * Copies the npm build to `.cache/bench/npm`, and Node imports that copy: other work may rebuild `npm/` while the
 * benchmarks run, and a child must never import a half-written package.
 */
async function snapshotNpmBuild(): Promise<void> {
  for (let attempt = 0; !(await exists(`${ROOT}/npm/esm/mod.js`)); attempt++) {
    if (attempt === 60) throw new Error("npm/esm/mod.js does not exist: run deno run -A scripts/build_npm.ts");
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  await Deno.remove(NPM, { recursive: true }).catch(() => {});
  await Deno.mkdir(CACHE, { recursive: true });
  await output("cp", ["-r", `${ROOT}/npm`, NPM]);
}

const CHILDREN = ["rest", "rest_stub", "socket_rpc", "rpc_stub", "match_decode", "match_send", "memory"];

/** Node 20 cannot run TypeScript: bundle each child (dependencies stay external, resolved from node_modules). */
async function bundleChildren(): Promise<void> {
  await Deno.mkdir(CACHE, { recursive: true });
  await output(ESBUILD, [
    ...CHILDREN.map((name) => `scripts/bench/${name}.ts`),
    "--bundle",
    "--platform=node",
    "--format=esm",
    "--target=node20",
    "--packages=external",
    `--outdir=${CACHE}`,
    "--out-extension:.js=.mjs",
    "--log-level=warning",
  ]);
}

interface Server {
  url: string;
  serverKey: string;
  stop(): Promise<void>;
}

async function startServer(): Promise<Server> {
  const serverKey = Deno.env.get("NAKAMA_SERVER_KEY") ?? "defaultkey";
  const external = Deno.env.get("NAKAMA_URL");
  if (external) {
    log(`using the server at ${external}`);
    return { url: external.replace(/\/$/, ""), serverKey, stop: () => Promise.resolve() };
  }
  const child = new Deno.Command(DENO, {
    args: ["run", "-A", "scripts/bench/server.ts"],
    cwd: ROOT,
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error("the bench server exited before it listened");
    text += value;
  }
  const { url } = JSON.parse(text.split("\n")[0]);
  log(`fake Nakama server at ${url} (pid ${child.pid})`);
  return {
    url,
    serverKey,
    async stop() {
      await child.stdin.close();
      reader.releaseLock();
      await child.stdout.cancel().catch(() => {});
      await child.status;
    },
  };
}

// ------------------------------------------------------------------ children

type Result = Record<string, number | string>;

async function runChild(
  runtime: Runtime,
  script: string,
  config: Record<string, unknown>,
  flags: string[] = [],
): Promise<Result> {
  const lib = runtime === "node" ? `file://${NPM}/esm/mod.js` : `file://${ROOT}/mod.ts`;
  const argument = JSON.stringify({ lib, windowMs: WINDOW_MS, warmupMs: WARMUP_MS, ...config });
  const [command, argv] = runtime === "node"
    ? [NODE, [...flags, `${CACHE}/${script}.mjs`, argument]]
    : [BUN, [...flags, `${ROOT}/scripts/bench/${script}.ts`, argument]];
  const result = await new Deno.Command(command, { args: argv, cwd: ROOT, stdout: "piped", stderr: "piped" })
    .output();
  const stdout = new TextDecoder().decode(result.stdout);
  const line = stdout.split("\n").find((l) => l.startsWith("RESULT "));
  if (!result.success || !line) {
    throw new Error(
      `${runtime} ${script} (${config.subject}) failed:\n${new TextDecoder().decode(result.stderr)}\n${stdout}`,
    );
  }
  return JSON.parse(line.slice("RESULT ".length));
}

/** Runs every subject `reps` times on `runtime`, rotating the order each repetition; returns results by subject. */
/** Every child's result, written to `.cache/bench/results.json` for a closer look. */
const raw: Array<{ runtime: Runtime; script: string; results: Record<Subject, Result[]> }> = [];

async function sideBySide(
  runtime: Runtime,
  script: string,
  config: Record<string, unknown>,
  reps = REPS,
  flags: string[] = [],
  subjects: Subject[] = SUBJECTS,
): Promise<Record<Subject, Result[]>> {
  const out = { ours: [], "nakama-js": [], floor: [], "floor-deadline": [] } as Record<Subject, Result[]>;
  for (let rep = 0; rep < reps; rep++) {
    for (let i = 0; i < subjects.length; i++) {
      const subject = subjects[(i + rep) % subjects.length];
      out[subject].push(await runChild(runtime, script, { ...config, subject }, flags));
    }
  }
  raw.push({ runtime, script, results: out });
  return out;
}

function medianOf(results: Result[], key: string): number {
  return median(results.map((r) => Number(r[key])));
}

/**
 * Medians of `key` for this client, nakama-js and a floor, and the ratios as medians of the per-repetition ratios:
 * the subjects of one repetition ran back to back, so pairing them cancels most of the drift of a shared machine.
 */
function sided(r: Record<Subject, Result[]>, key: string, floor: Subject = "floor") {
  const paired = (base: Subject) =>
    r[base].length === r.ours.length && r.ours.length > 0
      ? r.ours.map((x, i) => Number(x[key]) / Number(r[base][i][key]))
      : undefined;
  const withNakamaJs = floor === "floor" && r["nakama-js"].length > 0;
  return {
    ours: medianOf(r.ours, key),
    nakamaJs: withNakamaJs ? medianOf(r["nakama-js"], key) : undefined,
    floor: medianOf(r[floor], key),
    ratios: { floor: paired(floor), nakamaJs: withNakamaJs ? paired("nakama-js") : undefined },
  };
}

// ------------------------------------------------------------------ the table

type Better = "higher" | "lower";

interface Row {
  row: string;
  metric: string;
  runtime: string;
  ours: number;
  nakamaJs?: number;
  floor?: number;
  unit: string;
  better: Better;
  /** Ratios of ours to the floor and to nakama-js, one per repetition (else the ratio of the medians is shown). */
  ratios?: { floor?: number[]; nakamaJs?: number[] };
  /** The target as a ratio of ours to the floor or nakama-js, or an absolute bound. */
  target?: { ratio: number; against: "floor" | "nakama-js" | "absolute"; text: string };
}

const rows: Row[] = [];
const notes: string[] = [];

function fmt(value: number | undefined, unit: string): string {
  if (value === undefined || Number.isNaN(value)) return "—";
  if (unit === "/s") {
    return value >= 1e6
      ? `${(value / 1e6).toFixed(2)} M/s`
      : value >= 1e4
      ? `${(value / 1e3).toFixed(1)} k/s`
      : `${value.toFixed(0)}/s`;
  }
  if (unit === "µs") return `${value.toFixed(value < 10 ? 2 : 1)} µs`;
  if (unit === "ns") return `${value.toFixed(0)} ns`;
  if (unit === "KB") return `${(value / 1000).toFixed(2)} KB`;
  if (unit === "ms") return `${value.toFixed(1)} ms`;
  return `${value}`;
}

function ratioOf(row: Row, against: "floor" | "nakama-js"): number | undefined {
  const paired = against === "floor" ? row.ratios?.floor : row.ratios?.nakamaJs;
  if (paired !== undefined) return median(paired);
  const base = against === "floor" ? row.floor : row.nakamaJs;
  return base === undefined || !base ? undefined : row.ours / base;
}

/** The first and third quartiles of paired ratios: how much a ratio moved between repetitions. */
function quartiles(values: number[]): [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
  return [at(0.25), at(0.75)];
}

function ratio(row: Row, against: "floor" | "nakama-js"): string {
  const value = ratioOf(row, against);
  if (value === undefined) return "—";
  const paired = against === "floor" ? row.ratios?.floor : row.ratios?.nakamaJs;
  if (paired === undefined || paired.length < 5) return `${value.toFixed(2)}×`;
  const [low, high] = quartiles(paired);
  return `${value.toFixed(2)}× <sub>${low.toFixed(2)}–${high.toFixed(2)}</sub>`;
}

function verdict(row: Row): string {
  const target = row.target;
  if (!target) return "";
  const value = target.against === "absolute" ? row.ours : ratioOf(row, target.against);
  if (value === undefined) return target.text;
  const paired = target.against === "floor"
    ? row.ratios?.floor
    : target.against === "nakama-js"
    ? row.ratios?.nakamaJs
    : undefined;
  if (paired !== undefined && paired.length >= 5) {
    const [low, high] = quartiles(paired);
    if (low <= target.ratio && target.ratio <= high) {
      return `${target.text} ❔ within the spread`;
    }
  }
  const met = row.better === "higher" ? value >= target.ratio : value <= target.ratio;
  return `${target.text} ${met ? "✅ met" : "❌ missed"}`;
}

function table(): string {
  const lines = [
    "| Row | Metric | Runtime | this client | nakama-js 2.8.0 | floor | ours ÷ floor | ours ÷ nakama-js | target |",
    "|---|---|---|---:|---:|---:|---:|---:|---|",
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.row} | ${row.metric} | ${row.runtime} | ${fmt(row.ours, row.unit)} | ${fmt(row.nakamaJs, row.unit)} | ${
        fmt(row.floor, row.unit)
      } | ${ratio(row, "floor")} | ${ratio(row, "nakama-js")} | ${verdict(row)} |`,
    );
  }
  return lines.join("\n");
}

// ------------------------------------------------------------------ rows 1-4, 7

async function restRow(server: Server): Promise<void> {
  for (const runtime of RUNTIMES) {
    log(`1 REST getAccount on ${runtime}`);
    const r = await sideBySide(runtime, "rest", { url: server.url, serverKey: server.serverKey }, NET_REPS, [], [
      ...SUBJECTS,
      "floor-deadline",
    ]);
    rows.push({
      row: "1 REST",
      metric: "getAccount calls/s, sequential",
      runtime,
      ...sided(r, "sequentialPerSecond"),
      unit: "/s",
      better: "higher",
      target: { ratio: 0.98, against: "floor", text: "≥ 0.98× floor" },
    });
    rows.push({
      row: "1 REST",
      metric: "client CPU per call, sequential",
      runtime,
      ...sided(r, "sequentialCpuMicros"),
      unit: "µs",
      better: "lower",
      target: { ratio: 1.03, against: "floor", text: "≤ 1.03× floor" },
    });
    rows.push({
      row: "1 REST",
      metric: "… floor = fetch with an AbortSignal + timer (a cancellable deadline), calls/s",
      runtime,
      ...sided(r, "sequentialPerSecond", "floor-deadline"),
      unit: "/s",
      better: "higher",
    });
    rows.push({
      row: "1 REST",
      metric: "… floor = fetch with an AbortSignal + timer, client CPU per call",
      runtime,
      ...sided(r, "sequentialCpuMicros", "floor-deadline"),
      unit: "µs",
      better: "lower",
    });
    rows.push({
      row: "1 REST",
      metric: "getAccount calls/s, 32 in flight",
      runtime,
      ...sided(r, "parallelPerSecond"),
      unit: "/s",
      better: "higher",
    });
    rows.push({
      row: "1 REST",
      metric: "client CPU per call, 32 in flight",
      runtime,
      ...sided(r, "parallelCpuMicros"),
      unit: "µs",
      better: "lower",
    });
  }
}

async function stubRow(): Promise<void> {
  for (const runtime of RUNTIMES) {
    log(`1b REST bookkeeping (stub fetch) on ${runtime}`);
    const r = await sideBySide(runtime, "rest_stub", {}, REPS, [], [...SUBJECTS, "floor-deadline"]);
    rows.push({
      row: "1b REST, no network",
      metric: "getAccount against a stub fetch, µs per call",
      runtime,
      ...sided(r, "microsPerCall"),
      unit: "µs",
      better: "lower",
    });
    rows.push({
      row: "1b REST, no network",
      metric: "… floor = stub fetch with an AbortSignal + timer",
      runtime,
      ...sided(r, "microsPerCall", "floor-deadline"),
      unit: "µs",
      better: "lower",
    });
  }
}

async function rpcRow(server: Server): Promise<void> {
  for (const runtime of RUNTIMES) {
    log(`2 socket RPC on ${runtime}`);
    const r = await sideBySide(runtime, "socket_rpc", { url: server.url, serverKey: server.serverKey }, NET_REPS);
    rows.push({
      row: "2 Socket RPC",
      metric: "echo round trips/s, sequential",
      runtime,
      ...sided(r, "perSecond"),
      unit: "/s",
      better: "higher",
      target: { ratio: 0.97, against: "floor", text: "≥ 0.97× raw WebSocket" },
    });
    rows.push({
      row: "2 Socket RPC",
      metric: "client CPU per round trip",
      runtime,
      ...sided(r, "cpuMicros"),
      unit: "µs",
      better: "lower",
      target: { ratio: 1.1, against: "floor", text: "≤ 1.1× raw WebSocket" },
    });
  }
}

async function rpcStubRow(): Promise<void> {
  for (const runtime of RUNTIMES) {
    log(`2b socket RPC bookkeeping (echoing fake WebSocket) on ${runtime}`);
    const r = await sideBySide(runtime, "rpc_stub", {});
    rows.push({
      row: "2b Socket RPC, no network",
      metric: "rpc() through an echoing fake WebSocket, µs per round trip",
      runtime,
      ...sided(r, "microsPerCall"),
      unit: "µs",
      better: "lower",
    });
  }
}

async function decodeRow(): Promise<void> {
  for (const runtime of RUNTIMES) {
    log(`3 match-data decoding on ${runtime}`);
    const r = await sideBySide(runtime, "match_decode", {});
    const sums = new Set(SUBJECTS.flatMap((s) => r[s].map((x) => x.checksum)));
    if (sums.size !== 1) throw new Error(`match_decode: the subjects decoded different bytes (${[...sums]})`);
    rows.push({
      row: "3 Match data in",
      metric: "100k match_data envelopes (64 B), msgs/s",
      runtime,
      ...sided(r, "perSecond"),
      unit: "/s",
      better: "higher",
      target: { ratio: 0.95, against: "floor", text: "≥ 0.95× floor" },
    });
  }
}

async function sendRow(): Promise<void> {
  for (const runtime of RUNTIMES) {
    log(`4 match-data sending on ${runtime}`);
    const r = await sideBySide(runtime, "match_send", {});
    rows.push({
      row: "4 Match data out",
      metric: "sendMatchState(64 B) encode + send, per message",
      runtime,
      ...sided(r, "nsPerMessage"),
      unit: "ns",
      better: "lower",
      target: { ratio: 1, against: "nakama-js", text: "≤ nakama-js" },
    });
  }
}

async function memoryRow(server: Server): Promise<void> {
  log(`7 memory: authenticating ${SOCKETS} devices`);
  const sessions: Array<{ token: string; refresh_token: string }> = [];
  for (let i = 0; i < SOCKETS; i++) {
    const response = await fetch(`${server.url}/v2/account/authenticate/device?create=true`, {
      method: "POST",
      headers: { authorization: `Basic ${btoa(`${server.serverKey}:`)}`, "content-type": "application/json" },
      body: JSON.stringify({ id: `bench-memory-${String(i).padStart(4, "0")}` }),
    });
    if (!response.ok) throw new Error(`authenticate: ${response.status}`);
    const body = await response.json();
    sessions.push({ token: body.token, refresh_token: body.refresh_token });
  }
  const sessionsFile = `${CACHE}/sessions.json`;
  await Deno.writeTextFile(sessionsFile, JSON.stringify(sessions));
  log(`7 memory: ${SOCKETS} sockets per process on node`);
  const r = await sideBySide(
    "node",
    "memory",
    { url: server.url, serverKey: server.serverKey, sessionsFile },
    MEMORY_REPS,
    ["--expose-gc"],
  );
  rows.push({
    row: "7 Memory",
    metric: `heap + external per open socket (${SOCKETS} sockets, ws)`,
    runtime: "node",
    ...sided(r, "bytesPerSocket"),
    unit: "KB",
    better: "lower",
    target: { ratio: 1.05, against: "floor", text: "≤ 1.05× raw ws" },
  });
}

// ------------------------------------------------------------------ row 5: bundle size

async function bundleSize(entry: string, name: string): Promise<{ minified: number; gzipped: number }> {
  const dir = `${CACHE}/bundle`;
  await Deno.mkdir(dir, { recursive: true });
  const file = `${dir}/${name}.ts`;
  await Deno.writeTextFile(file, entry);
  const outfile = `${dir}/${name}.min.js`;
  await output(ESBUILD, [file, "--bundle", "--minify", "--format=esm", `--outfile=${outfile}`, "--log-level=warning"]);
  const bytes = await Deno.readFile(outfile);
  return { minified: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
}

async function bundleRow(): Promise<void> {
  log("5 bundle sizes");
  const theirs = await bundleSize(`export * from "@heroiclabs/nakama-js";\n`, "nakama_js");
  const theirSession = await bundleSize(`export { Session } from "@heroiclabs/nakama-js";\n`, "nakama_js_session");
  // From the TypeScript source (JSR, Deno and bundler users of the source) and from the npm build, whose
  // package.json tells bundlers what they may drop.
  const sources = [
    { label: "esbuild, TS source", nakama: `${ROOT}/mod.ts`, satori: `${ROOT}/satori.ts` },
    { label: "esbuild, npm build", nakama: `${NPM}/esm/mod.js`, satori: `${NPM}/esm/satori.js` },
  ];
  for (const [i, source] of sources.entries()) {
    const nakama = await bundleSize(`export * from "${source.nakama}";\n`, `nakama_entry_${i}`);
    const session = await bundleSize(`export { Session } from "${source.nakama}";\n`, `session_only_${i}`);
    const satori = await bundleSize(`export * from "${source.satori}";\n`, `satori_entry_${i}`);
    rows.push({
      row: "5 Bundle",
      metric: "Nakama entry, min + gzip",
      runtime: source.label,
      ours: nakama.gzipped,
      nakamaJs: theirs.gzipped,
      unit: "KB",
      better: "lower",
      target: { ratio: 0.5, against: "nakama-js", text: "≤ 0.5× nakama-js" },
    });
    rows.push({
      row: "5 Bundle",
      metric: "Nakama entry, minified only",
      runtime: source.label,
      ours: nakama.minified,
      nakamaJs: theirs.minified,
      unit: "KB",
      better: "lower",
    });
    rows.push({
      row: "5 Bundle",
      metric: "`Session` alone, min + gzip",
      runtime: source.label,
      ours: session.gzipped,
      nakamaJs: theirSession.gzipped,
      unit: "KB",
      better: "lower",
      target: { ratio: 2000, against: "absolute", text: "≤ 2 KB" },
    });
    rows.push({
      row: "5 Bundle",
      metric: "Satori entry, min + gzip",
      runtime: source.label,
      ours: satori.gzipped,
      unit: "KB",
      better: "lower",
    });
  }
}

// ------------------------------------------------------------------ row 6: cold start

async function coldRow(): Promise<void> {
  // The programs, written here so they import the snapshot of the npm build (Node) or the source (Bun, Deno).
  const cold = `${CACHE}/cold`;
  await Deno.mkdir(cold, { recursive: true });
  await Deno.writeTextFile(`${cold}/empty.mjs`, "// the baseline: an empty module\n");
  await Deno.writeTextFile(`${cold}/ours_npm.mjs`, `import { Client } from "${NPM}/esm/mod.js";\nnew Client();\n`);
  await Deno.writeTextFile(`${cold}/ours_src.ts`, `import { Client } from "${ROOT}/mod.ts";\nnew Client();\n`);
  // A bare specifier: resolved from the repository's node_modules, as an app would.
  await Deno.writeTextFile(`${cold}/nakama_js.mjs`, `import { Client } from "@heroiclabs/nakama-js";\nnew Client();\n`);
  const variants: Array<{ runtime: string; name: string; argv: [string, ...string[]] }> = [
    { runtime: "node", name: "empty", argv: [NODE, `${cold}/empty.mjs`] },
    { runtime: "node", name: "ours", argv: [NODE, `${cold}/ours_npm.mjs`] },
    { runtime: "node", name: "nakama-js", argv: [NODE, `${cold}/nakama_js.mjs`] },
    { runtime: "bun", name: "empty", argv: [BUN, `${cold}/empty.mjs`] },
    { runtime: "bun", name: "ours", argv: [BUN, `${cold}/ours_src.ts`] },
    { runtime: "bun", name: "nakama-js", argv: [BUN, `${cold}/nakama_js.mjs`] },
    { runtime: "deno", name: "empty", argv: [DENO, "run", "--no-config", `${cold}/empty.mjs`] },
    { runtime: "deno", name: "ours", argv: [DENO, "run", "--no-config", `${cold}/ours_src.ts`] },
  ];
  const times = new Map<string, number[]>(variants.map((v) => [`${v.runtime}/${v.name}`, []]));
  const spawn = async (argv: [string, ...string[]]) => {
    const t0 = performance.now();
    const result = await new Deno.Command(argv[0], { args: argv.slice(1), cwd: ROOT, stdout: "null", stderr: "piped" })
      .output();
    const ms = performance.now() - t0;
    if (!result.success) throw new Error(`${argv.join(" ")} failed: ${new TextDecoder().decode(result.stderr)}`);
    return ms;
  };
  log(`6 cold start: ${COLD_RUNS} spawns of each of ${variants.length} variants`);
  // Warm the file cache and Deno's transpile cache first; then interleave so drift hits every variant alike.
  for (const v of variants) for (let i = 0; i < 3; i++) await spawn(v.argv);
  for (let i = 0; i < COLD_RUNS; i++) {
    for (const v of variants) times.get(`${v.runtime}/${v.name}`)!.push(await spawn(v.argv));
  }
  for (const runtime of ["node", "bun", "deno"]) {
    const empty = median(times.get(`${runtime}/empty`)!);
    const ours = median(times.get(`${runtime}/ours`)!) - empty;
    const theirs = times.has(`${runtime}/nakama-js`) ? median(times.get(`${runtime}/nakama-js`)!) - empty : undefined;
    rows.push({
      row: "6 Cold start",
      metric: `import + new Client, added to an empty process (${empty.toFixed(1)} ms)`,
      runtime,
      ours,
      nakamaJs: theirs,
      unit: "ms",
      better: "lower",
      target: { ratio: 3, against: "absolute", text: "≤ 3 ms" },
    });
  }
}

// ------------------------------------------------------------------ main

const started = performance.now();
const loadBefore = Deno.loadavg()[0];
const info = await machine();
log(`${info.cpu}, ${info.cores} cores; node ${info.node}, bun ${info.bun}, deno ${info.deno}`);
await ensureNpmBuild();
await snapshotNpmBuild();
await bundleChildren();

const needsServer = ["rest", "rpc", "memory"].some((row) => ROWS.has(row));
const server = needsServer ? await startServer() : undefined;
try {
  if (ROWS.has("rest")) await restRow(server!);
  if (ROWS.has("stub")) await stubRow();
  if (ROWS.has("rpc")) await rpcRow(server!);
  if (ROWS.has("stub")) await rpcStubRow();
  if (ROWS.has("decode")) await decodeRow();
  if (ROWS.has("send")) await sendRow();
  if (ROWS.has("bundle")) await bundleRow();
  if (ROWS.has("cold")) await coldRow();
  if (ROWS.has("memory")) await memoryRow(server!);
} finally {
  await server?.stop();
}

await Deno.writeTextFile(`${CACHE}/results.json`, JSON.stringify(raw, null, 1));
const seconds = (performance.now() - started) / 1000;
const { report } = await import("./report.ts");
await Deno.writeTextFile(
  OUT,
  report({
    machine: info,
    table: table(),
    seconds,
    quick: QUICK,
    reps: REPS,
    netReps: NET_REPS,
    windowMs: WINDOW_MS,
    coldRuns: COLD_RUNS,
    memoryReps: MEMORY_REPS,
    server: Deno.env.get("NAKAMA_URL") ? "a real Nakama server (NAKAMA_URL)" : "the fake Nakama server",
    load: [loadBefore, Deno.loadavg()[0]],
    notes,
  }),
);
// The house formatter, so `deno fmt --check` stays clean on the generated file.
await output(DENO, ["fmt", "--quiet", OUT]).catch((error) => log(`deno fmt ${OUT} failed: ${error.message}`));
console.log(table());
log(`wrote ${OUT} in ${seconds.toFixed(0)} s`);
