/**
 * Row 1b, REST bookkeeping with no network: `getAccount` against a stub fetch that answers at once with a canned
 * account, so what is left is each client's own work per call (argument checks, session check, URL and headers,
 * deadline, body read, JSON). The network rows cannot show a difference of a few µs on a shared machine; this can.
 * The floors call the same stub; `floor-deadline` adds an AbortSignal and a cleared timer.
 *
 * Usage (by run.ts): `<node|bun> rest_stub.(ts|mjs) '<ChildConfig JSON>'`
 * @module
 */

import { childConfig, fakeJwt, finish, loadNakamaJs, loadOurs, runtimeName } from "./common.ts";

const CALLS = 8_000;
const PASSES = 5;
const config = childConfig();

const body = JSON.stringify({
  user: {
    id: "fd0e6c38-5e89-4cc1-b7b4-a86edcb3ef20",
    username: "player_one",
    lang_tag: "en",
    metadata: "{}",
    create_time: "2026-11-24T06:00:00Z",
    update_time: "2026-11-24T06:00:00Z",
  },
  wallet: "{}",
  devices: [{ id: "device-0001" }],
});
const stub = (_input: Request | string | URL, _init?: RequestInit) =>
  Promise.resolve(new Response(body, { status: 200, headers: { "content-type": "application/json" } }));
const token = fakeJwt("fd0e6c38-5e89-4cc1-b7b4-a86edcb3ef20", "player_one");
const URL_ACCOUNT = "http://127.0.0.1:7350/v2/account";
const headers = { Accept: "application/json", Authorization: `Bearer ${token}` };
let step: () => Promise<unknown>;

if (config.subject === "ours") {
  const { Client, Session } = await loadOurs(config);
  const client = new Client({ fetch: stub });
  const session = Session.restore(token, token);
  step = () => client.getAccount(session);
} else if (config.subject === "nakama-js") {
  // nakama-js calls the global fetch: replace it in this process only.
  (globalThis as { fetch: unknown }).fetch = stub;
  const nakama = await loadNakamaJs(undefined);
  const client = new nakama.Client();
  const session = nakama.Session.restore(token, token);
  step = () => client.getAccount(session);
} else if (config.subject === "floor") {
  step = async () => JSON.parse(await (await stub(URL_ACCOUNT, { headers })).text());
} else {
  step = async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error("timeout")), 10_000);
    try {
      return JSON.parse(await (await stub(URL_ACCOUNT, { headers, signal: controller.signal })).text());
    } finally {
      clearTimeout(timer);
    }
  };
}

const first = await step() as { user?: { id?: string } };
if (first?.user?.id !== "fd0e6c38-5e89-4cc1-b7b4-a86edcb3ef20") throw new Error("getAccount returned no user id");

async function pass(): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < CALLS; i++) await step();
  return (performance.now() - t0) * 1000 / CALLS;
}

await pass(); // warm-up
const costs: number[] = [];
for (let p = 0; p < PASSES; p++) costs.push(await pass());
costs.sort((a, b) => a - b);
finish({ runtime: runtimeName(), subject: config.subject, microsPerCall: costs[costs.length >> 1] });
