/**
 * Row 1, REST: `getAccount` calls per second, sequential and with 32 in flight, and client CPU µs per call, for one
 * subject: this client, nakama-js, the floor (raw fetch + JSON.parse with the same headers), or the floor with an
 * AbortSignal deadline (what cancelling a call and bounding it in time costs at the least).
 *
 * Usage (by run.ts): `<node|bun> rest.(ts|mjs) '<ChildConfig JSON>'`
 * @module
 */

import {
  childConfig,
  deviceId,
  finish,
  hostPort,
  loadNakamaJs,
  loadOurs,
  rate,
  rawAuthenticate,
  runtimeName,
} from "./common.ts";

const config = childConfig();
let step: () => Promise<unknown>;

if (config.subject === "ours") {
  const { Client } = await loadOurs(config);
  const { host, port } = hostPort(config.url);
  const client = new Client({ host, port: Number(port), serverKey: config.serverKey });
  const session = await client.authenticateDevice(deviceId("rest"), { create: true });
  step = () => client.getAccount(session);
} else if (config.subject === "nakama-js") {
  const nakama = await loadNakamaJs(undefined);
  const { host, port } = hostPort(config.url);
  const client = new nakama.Client(config.serverKey, host, port, false);
  const session = await client.authenticateDevice(deviceId("rest"), true);
  step = () => client.getAccount(session);
} else if (config.subject === "floor") {
  const token = await rawAuthenticate(config, deviceId("rest"));
  const url = `${config.url}/v2/account`;
  const headers = { Accept: "application/json", Authorization: `Bearer ${token}` };
  step = async () => {
    const response = await fetch(url, { headers });
    const text = await response.text();
    if (!response.ok) throw new Error(`GET /v2/account: ${response.status}`);
    return JSON.parse(text);
  };
} else {
  const token = await rawAuthenticate(config, deviceId("rest"));
  const url = `${config.url}/v2/account`;
  const headers = { Accept: "application/json", Authorization: `Bearer ${token}` };
  step = async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error("timeout")), 10_000);
    try {
      const response = await fetch(url, { headers, signal: controller.signal });
      const text = await response.text();
      if (!response.ok) throw new Error(`GET /v2/account: ${response.status}`);
      return JSON.parse(text);
    } finally {
      clearTimeout(timer);
    }
  };
}

// A wrong answer must fail the run, not produce a fast number.
const first = await step() as { user?: { id?: string } };
if (typeof first?.user?.id !== "string") throw new Error("getAccount returned no user id");

const sequential = await rate(step, { warmupMs: config.warmupMs, windowMs: config.windowMs });
const parallel = await rate(step, { warmupMs: config.warmupMs, windowMs: config.windowMs, concurrency: 32 });

finish({
  runtime: runtimeName(),
  subject: config.subject,
  sequentialPerSecond: sequential.perSecond,
  sequentialCpuMicros: sequential.cpuMicrosPerCall,
  parallelPerSecond: parallel.perSecond,
  parallelCpuMicros: parallel.cpuMicrosPerCall,
});
