/**
 * Smoke test in headless Chromium: a page served from one loopback origin loads the npm package's ESM build
 * unbundled (an import map points `@nakama-ts/sdk` at the installed `esm/mod.js`) and calls the fake server on
 * another origin, so CORS is part of what is tested, and opens a realtime socket with the browser's own WebSocket.
 * Chromium is driven with playwright-core over CDP.
 *
 * Chromium comes from the system (`apt-get install -y chromium`), or from `CHROMIUM_PATH`. Without it this test
 * FAILS, loudly: a browser smoke that silently does not run proves nothing.
 *
 * Runs on Node (compiled, from `scripts/test_all.sh`), Playwright's home runtime.
 * @module
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import process from "node:process";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { FakeNakama, realtimeControl, socketsGone } from "../fake.ts";
import { consumerDir, deviceId } from "../env.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".json": "application/json",
};

let fake: FakeNakama;
let site: http.Server;
let origin: string;
let profile: string;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

/** Serves the page and the installed package, read-only, on 127.0.0.1. */
async function serveSite(packageDir: string): Promise<http.Server> {
  const exports = JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")).exports;
  const imports: Record<string, string> = {};
  for (const [subpath, target] of Object.entries(exports as Record<string, { import?: { default: string } }>)) {
    if (target.import) imports[path.posix.join("@nakama-ts/sdk", subpath)] = `/pkg/${target.import.default.slice(2)}`;
  }
  const html = `<!doctype html><meta charset="utf-8"><title>nakama-ts browser smoke</title>
<script type="importmap">${JSON.stringify({ imports })}</script>
<script type="module">
  import * as sdk from "@nakama-ts/sdk";
  globalThis.sdk = sdk;
  document.title = "ready";
</script>`;
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/") {
      response.writeHead(200, { "content-type": TYPES[".html"] }).end(html);
      return;
    }
    const file = path.resolve(packageDir, "." + decodeURIComponent(url.pathname.replace(/^\/pkg/, "")));
    if (!url.pathname.startsWith("/pkg/") || !file.startsWith(packageDir + path.sep) || !fs.existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    response.end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

before(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `CHROMIUM NOT FOUND at ${CHROMIUM}: the browser smoke test cannot run. ` +
        "Install it with `apt-get install -y chromium` (Debian/Ubuntu) or set CHROMIUM_PATH.",
    );
  }
  const packageDir = fs.realpathSync(path.join(consumerDir(), "node_modules", "@nakama-ts", "sdk"));
  fake = await FakeNakama.start();
  site = await serveSite(packageDir);
  origin = `http://127.0.0.1:${(site.address() as { port: number }).port}`;
  profile = fs.mkdtempSync(path.join(os.tmpdir(), "nakama-ts-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    timeout: 30_000,
  });
  page = context.pages()[0] ?? await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    // Chromium logs every non-2xx fetch as "Failed to load resource"; the 401 test provokes one on purpose.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      pageErrors.push(message.text());
    }
  });
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => document.title === "ready", undefined, { timeout: 10_000 });
});

after(async () => {
  await context?.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
  if (site) await new Promise((resolve) => site.close(resolve));
  await fake?.close();
});

describe("Chromium (headless)", () => {
  it("loads the ESM build through an import map, with no page errors", async () => {
    const names = await page.evaluate(() => Object.keys((globalThis as unknown as { sdk: object }).sdk).sort());
    assert.ok(names.includes("Client") && names.includes("Session") && names.includes("isNakamaError"), `${names}`);
    assert.deepEqual(pageErrors, []);
  });

  it("authenticates, reads the account and calls an RPC across origins (CORS)", async () => {
    const device = deviceId("chromium");
    const result = await page.evaluate(async ({ port, device }) => {
      // deno-lint-ignore no-explicit-any
      const { Client } = (globalThis as any).sdk;
      const client = new Client({ port });
      const session = await client.authenticateDevice(device, { create: true, username: "chromium-user" });
      const account = await client.getAccount(session);
      const reply = await client.rpc(session, "echo", { from: "chromium", device });
      return { userId: session.userId, account, payload: reply.payload, origin: location.origin };
    }, { port: fake.port, device });
    assert.notEqual(result.origin, fake.url, "the page and the server must be different origins");
    assert.equal(result.account.user.id, result.userId);
    assert.equal(result.account.user.username, "chromium-user");
    assert.deepEqual(JSON.parse(result.payload), { from: "chromium", device });
    assert.deepEqual(pageErrors, []);
  });

  it("a wrong server key is a NakamaError with status 401 in the browser", async () => {
    const result = await page.evaluate(async ({ port, device }) => {
      // deno-lint-ignore no-explicit-any
      const { Client, isNakamaError } = (globalThis as any).sdk;
      try {
        await new Client({ port, serverKey: "not-the-key" }).authenticateDevice(device);
        return { rejected: false };
      } catch (error) {
        return { rejected: true, isNakamaError: isNakamaError(error), status: (error as { status?: number }).status };
      }
    }, { port: fake.port, device: deviceId("chromium-bad-key") });
    assert.deepEqual(result, { rejected: true, isNakamaError: true, status: 401 });
  });

  it("opens a realtime socket from the page (Chromium's WebSocket) and calls an RPC over it", async () => {
    const device = deviceId("chromium-socket");
    const upgrades = () => fake.requests.filter((r) => r.path === "/ws").length;
    const before = upgrades();
    const result = await page.evaluate(async ({ port, device }) => {
      // deno-lint-ignore no-explicit-any
      const { Client } = (globalThis as any).sdk;
      const client = new Client({ port });
      const session = await client.authenticateDevice(device, { create: true });
      const socket = client.createSocket();
      const events: string[] = [];
      socket.on("connect", () => events.push("connect"));
      socket.on("disconnect", (e: { code: number; byApp: boolean }) => events.push(`disconnect ${e.code} ${e.byApp}`));
      try {
        await socket.connect(session);
        const reply = await socket.rpc("echo", { from: "chromium-socket", device, text: "ünïcödé ✓" });
        await socket.ping();
        return { userId: session.userId, id: reply.id, payload: reply.payload, connected: socket.isConnected, events };
      } finally {
        await socket.close();
        events.push(`state ${socket.state}`);
      }
    }, { port: fake.port, device });
    assert.equal(result.id, "echo");
    assert.deepEqual(JSON.parse(result.payload), { from: "chromium-socket", device, text: "ünïcödé ✓" });
    assert.equal(result.connected, true);
    assert.deepEqual(result.events, ["connect", "disconnect 1000 true", "state closed"]);
    assert.equal(upgrades() - before, 1, "exactly one socket reached the fake");
    await socketsGone((id) => realtimeControl(fake.state).sessions(id), result.userId);
    assert.deepEqual(pageErrors, []);
  });
});
