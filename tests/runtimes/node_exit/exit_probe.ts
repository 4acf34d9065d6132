/**
 * Run by scripts/test_all.sh as a plain Node process (compiled to .cache/node-tests/): it uses the REST client, a
 * socket, a failed call with retries, a timeout and a Satori event queue, closes everything, and then simply ends.
 * The script's caller checks that the process exits by itself: a timer, socket or listener the SDK left behind
 * would keep Node's event loop alive and the caller's time limit would fail it.
 */
import { Client, TimeoutError } from "../../../mod.ts";
import { SatoriClient } from "../../../satori.ts";
import { FakeNakama } from "../../support/fake_nakama/mod.ts";
import { FakeSatori } from "../../support/fake_satori/mod.ts";
import { socketOptions } from "../../support/websocket.ts";

const fake = await FakeNakama.start();
const satoriFake = await FakeSatori.start();
const client = new Client({ port: fake.port, retry: { baseDelayMs: 1, maxRetries: 2 } });
const session = await client.authenticateDevice("exit-probe-device-01");
await client.getAccount(session);

fake.injectFault({ match: "/v2/account", kind: "status", status: 503, times: 10 });
await client.getAccount(session).catch(() => {});
fake.injectFault({ match: "/healthcheck", kind: "delay", ms: 60_000 });
const timedOut = await client.healthcheck({ timeoutMs: 20 }).catch((error) => error);
if (!(timedOut instanceof TimeoutError)) throw new Error(`expected a TimeoutError, got ${timedOut}`);

const socket = client.createSocket(await socketOptions({ heartbeatIntervalMs: 50 }));
await socket.connect(session);
await socket.rpc("echo", "hello");
await socket.close();

const satori = new SatoriClient({ port: satoriFake.port });
const identity = await satori.authenticate("exit-probe-identity");
const queue = satori.createEventQueue(identity, { flushIntervalMs: 60_000 });
queue.enqueue({ name: "probe" });
await queue.close();

await satoriFake.close();
await fake.close();
console.log("exit probe: everything closed; the process should now exit by itself");
