import { it } from "node:test";
import { Client } from "../mod.ts";
import { FakeNakama } from "./support/fake_nakama/mod.ts";
import { startTcpProxy } from "./support/tcp_proxy.ts";
import { socketOptions } from "./support/websocket.ts";
it("probe", async () => {
  const fake = await FakeNakama.start();
  const proxy = await startTcpProxy(fake.port);
  const client = new Client({ port: proxy.port });
  const session = await client.authenticateDevice("probe-device-000001");
  for (const code of [undefined, "drop", 1000, 1001, 1005, 1006, 1008, 1009, 1011, 4000, 1002, 1015]) {
    const socket = client.createSocket(await socketOptions({ heartbeatIntervalMs: 0 }));
    await socket.connect(session);
    const got = new Promise((r) => socket.on("disconnect", r));
    const p = socket.rpc("echo_never").catch((e) => e.constructor.name + ": " + e.message);
    if (code === "drop") proxy.dropWebSockets(); else proxy.closeWebSockets(code as number | undefined, "r");
    console.log(code, "->", JSON.stringify(await got), await p);
    await socket.close();
  }
  await proxy.close();
  await fake.close();
});
