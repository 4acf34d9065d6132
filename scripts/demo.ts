/**
 * The README's first command: authenticate, read the account, write and read storage, call an RPC.
 * Against `NAKAMA_URL` (server key `NAKAMA_SERVER_KEY`, default "defaultkey") when set, otherwise against the
 * embedded fake server on 127.0.0.1.
 */
import { Client, NakamaError } from "../mod.ts";
import { FakeNakama } from "../tests/support/fake_nakama/mod.ts";

const env = (name: string): string | undefined => Deno.env.get(name) || undefined;
const target = env("NAKAMA_URL");
const fake = target ? undefined : await FakeNakama.start();
const url = new URL(target ?? fake!.url);
const useSSL = url.protocol === "https:";
const client = new Client({
  host: url.hostname,
  port: Number(url.port || (useSSL ? 443 : 80)),
  useSSL,
  serverKey: env("NAKAMA_SERVER_KEY") ?? "defaultkey",
});
const rpcId = env("NAKAMA_RPC_ID") ?? "echo";

try {
  console.log(`Nakama at ${client.baseUrl}${fake ? " (embedded fake server)" : ""}`);
  const session = await client.authenticateDevice(`demo-device-${crypto.randomUUID()}`, {
    create: true,
    username: `demo_${Math.random().toString(36).slice(2, 10)}`,
  });
  console.log(`1. authenticated as ${session.username} (${session.userId}), created=${session.created}`);

  const account = await client.getAccount(session);
  console.log(`2. account: username=${account.user?.username}, wallet=${account.wallet ?? "{}"}`);

  const acks = await client.writeStorageObjects(session, [
    { collection: "demo", key: "profile", value: { level: 4, name: "Jörg 🎮" } },
  ]);
  const read = await client.readStorageObjects(session, [{
    collection: "demo",
    key: "profile",
    userId: session.userId,
  }]);
  console.log(`3. storage: wrote version ${acks.acks?.[0]?.version}, read back ${read.objects?.[0]?.value}`);

  const reply = await client.rpc(session, rpcId, { hello: "world" });
  console.log(`4. rpc "${rpcId}" answered ${reply.payload}`);
  console.log("Demo finished.");
} catch (error) {
  console.error(error instanceof NakamaError ? `Demo failed: ${error.message}` : error);
  Deno.exitCode = 1;
} finally {
  await fake?.close();
}
