// REST RPC (`POST|GET /v2/rpc/{id}`) against the fake Nakama over loopback HTTP, with a session and with the runtime
// HTTP key. The wire format (the POST body is a JSON string holding the payload) and the route's own error bodies
// follow /work/shared/captures/nakama-3.18/rest/RpcFunc.json.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Client, NakamaError, type Session } from "../mod.ts";
import { FakeNakama, RpcError } from "./support/fake_nakama/mod.ts";
import { lastRequest, unique } from "./support/rest_helpers.ts";

const HTTP_KEY = "defaulthttpkey";

let fake: FakeNakama;
let client: Client;
before(async () => {
  fake = await FakeNakama.start();
  client = new Client({ port: fake.port, retry: { maxRetries: 0 } });
});
after(() => fake.close());

async function newUser(prefix = "user", vars?: Record<string, string>): Promise<Session> {
  return await client.authenticateDevice(unique(`dev-${prefix}`), { create: true, username: unique(prefix), vars });
}

/** The RPC route's own error body: `{error, message, code}`. */
function rpcRouteError(status: number, grpcCode: number, message: string) {
  return (error: unknown) => {
    assert.ok(error instanceof NakamaError, `expected a NakamaError, got ${error}`);
    assert.equal(error.status, status);
    assert.equal(error.grpcCode, grpcCode);
    assert.deepEqual(error.data, { error: message, message, code: grpcCode });
    assert.ok(error.message.includes(message), error.message);
    return true;
  };
}

describe("Client.rpc() with a session", () => {
  it("an object payload is sent JSON-encoded, inside a JSON string body", async () => {
    const alice = await newUser("object");
    const reply = await client.rpc(alice, "echo", { hello: "world", n: 1 });
    assert.deepEqual(reply, { payload: '{"hello":"world","n":1}' });
    const request = lastRequest(fake, "POST", "/v2/rpc/echo");
    assert.equal(request.body, JSON.stringify('{"hello":"world","n":1}'));
    assert.equal(request.headers.get("content-type"), "application/json");
    assert.equal(request.headers.get("authorization"), `Bearer ${alice.token}`);
    assert.equal(request.rawUrl, "/v2/rpc/echo");
  });

  it("a string payload reaches the function as it is", async () => {
    const alice = await newUser("string");
    for (const payload of ["plain text payload", '{"already":"json"}', "", 'ünïcødé ✓ "quoted"\n']) {
      const reply = await client.rpc(alice, "echo", payload);
      assert.equal(reply.payload, payload);
      assert.equal(JSON.parse(lastRequest(fake, "POST", "/v2/rpc/echo").body), payload);
    }
  });

  it("no payload is a GET without a body", async () => {
    const alice = await newUser("get");
    assert.deepEqual(await client.rpc(alice, "clientrpc.rpc_get"), { payload: '{"message":"PONG"}' });
    const request = lastRequest(fake, "GET", "/v2/rpc/clientrpc.rpc_get");
    assert.equal(request.body, "");
    assert.equal(request.rawUrl, "/v2/rpc/clientrpc.rpc_get");
    assert.equal(request.headers.get("content-type"), null);
  });

  it("the function sees the caller and the session vars", async () => {
    const id = unique("whoami");
    fake.registerRpc(
      id,
      (ctx, payload) => JSON.stringify({ user: ctx.userId, name: ctx.username, vars: ctx.vars, payload }),
    );
    const alice = await newUser("caller", { tier: "gold" });
    const reply = await client.rpc(alice, id, [1, 2, 3]);
    assert.deepEqual(JSON.parse(reply.payload ?? ""), {
      user: alice.userId,
      name: alice.username,
      vars: { tier: "gold" },
      payload: "[1,2,3]",
    });
  });

  it("ids match case-insensitively; a function that returns nothing gives an empty payload", async () => {
    const alice = await newUser("case");
    assert.deepEqual(await client.rpc(alice, "ECHO", "upper"), { payload: "upper" });
    fake.registerRpc("nothing_back", () => undefined);
    assert.deepEqual(await client.rpc(alice, "nothing_back", {}), { payload: "" });
  });

  it("an unknown id is 404 with the route's own error body", async () => {
    const alice = await newUser("unknown");
    await assert.rejects(client.rpc(alice, "does_not_exist", ""), rpcRouteError(404, 5, "RPC function not found"));
  });

  it("a function error is 500 code 13 with `error: {}`, as a Lua error() gives", async () => {
    const alice = await newUser("raises");
    await assert.rejects(client.rpc(alice, "clientrpc.rpc_error", {}), (error: unknown) => {
      assert.ok(error instanceof NakamaError);
      assert.equal(error.status, 500);
      assert.equal(error.grpcCode, 13);
      assert.deepEqual(error.data, { code: 13, error: {}, message: "Some error occured." });
      assert.ok(error.message.includes("Some error occured."));
      return true;
    });
    const id = unique("refuses");
    fake.registerRpc(id, () => {
      throw new RpcError("Not enough coins.", 9);
    });
    await assert.rejects(client.rpc(alice, id, {}), (error: unknown) => {
      assert.ok(error instanceof NakamaError);
      assert.equal(error.status, 400);
      assert.equal(error.grpcCode, 9);
      assert.equal((error.data as { message?: string }).message, "Not enough coins.");
      return true;
    });
  });

  it("a logged-out session is 401 Auth token invalid", async () => {
    const alice = await newUser("logged-out");
    await client.sessionLogout(alice);
    await assert.rejects(client.rpc(alice, "echo", "x"), rpcRouteError(401, 16, "Auth token invalid"));
  });
});

describe("Client.rpcHttpKey()", () => {
  it("sends the key as the http_key query parameter and no Authorization header", async () => {
    const reply = await client.rpcHttpKey(HTTP_KEY, "echo", { via: "http_key" });
    assert.deepEqual(reply, { payload: '{"via":"http_key"}' });
    const request = lastRequest(fake, "POST", "/v2/rpc/echo");
    assert.deepEqual([...request.query.keys()], ["http_key"]);
    assert.equal(request.query.get("http_key"), HTTP_KEY);
    assert.equal(request.headers.get("authorization"), null);
    assert.equal(request.body, JSON.stringify('{"via":"http_key"}'));
  });

  it("GET without a payload; the function sees no user", async () => {
    assert.deepEqual(await client.rpcHttpKey(HTTP_KEY, "clientrpc.rpc_get"), { payload: '{"message":"PONG"}' });
    assert.equal(
      lastRequest(fake, "GET", "/v2/rpc/clientrpc.rpc_get").rawUrl,
      `/v2/rpc/clientrpc.rpc_get?http_key=${HTTP_KEY}`,
    );
    const id = unique("server-side");
    fake.registerRpc(id, (ctx) => JSON.stringify({ user: ctx.userId }));
    assert.deepEqual(JSON.parse((await client.rpcHttpKey(HTTP_KEY, id, "")).payload ?? ""), { user: "" });
  });

  it("a wrong key is 401 HTTP key invalid, and the key appears in no message", async () => {
    const wrong = "wrong-http-key-1234";
    await assert.rejects(client.rpcHttpKey(wrong, "echo", ""), (error: unknown) => {
      rpcRouteError(401, 16, "HTTP key invalid")(error);
      assert.ok(!(error as Error).message.includes(wrong));
      assert.ok(!String((error as Error).stack).includes(wrong));
      return true;
    });
    assert.equal(lastRequest(fake, "POST", "/v2/rpc/echo").query.get("http_key"), wrong);
  });

  it("rejects an empty key before sending anything", () => {
    const before = fake.requests.length;
    assert.throws(() => client.rpcHttpKey("", "echo"), TypeError);
    assert.equal(fake.requests.length, before);
  });
});
