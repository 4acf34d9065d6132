// The console client against a REAL Nakama console, run only when NAKAMA_CONSOLE_URL is set (skipped otherwise):
//   NAKAMA_CONSOLE_URL        base URL of the console (http or https, usually port 7351); unset = skip everything
//   NAKAMA_CONSOLE_USER       console username (default "admin")
//   NAKAMA_CONSOLE_PASSWORD   console password (default "password")
//   NAKAMA_URL                optional: the game API of the same server, to check that a game user shows up in the
//                             console (and is then deleted through it); NAKAMA_SERVER_KEY (default "defaultkey")
// It writes only its own objects (a fresh storage collection, a fresh device account) and deletes them again.
// Operations newer than the server must reject with UnsupportedOperationError, which is what the version checks test.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import process from "node:process";
import { Client } from "../mod.ts";
import { ConsoleClient, type ConsoleSession, NakamaError, UnsupportedOperationError } from "../console.ts";

const env = (name: string): string | undefined => process.env[name] || undefined;
const CONSOLE_URL = env("NAKAMA_CONSOLE_URL");
const GAME_URL = env("NAKAMA_URL");

function clientOptions(base: string) {
  const url = new URL(base);
  const useSSL = url.protocol === "https:";
  return { host: url.hostname.replace(/^\[|\]$/g, ""), port: Number(url.port || (useSSL ? 443 : 80)), useSSL };
}

/** Resolves with the reply, or with undefined when the server is too old for the operation. */
async function ifSupported<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof UnsupportedOperationError) return undefined;
    throw error;
  }
}

describe("Nakama console integration (NAKAMA_CONSOLE_URL)", {
  skip: CONSOLE_URL ? false : "NAKAMA_CONSOLE_URL is not set",
}, () => {
  let admin: ConsoleClient;
  let session: ConsoleSession;
  const collection = `nakama_ts_it_${crypto.randomUUID().slice(0, 8)}`;

  before(async () => {
    admin = new ConsoleClient({ ...clientOptions(CONSOLE_URL!), timeoutMs: 10_000 });
    session = await admin.authenticate(
      env("NAKAMA_CONSOLE_USER") ?? "admin",
      env("NAKAMA_CONSOLE_PASSWORD") ?? "password",
      {
        reauthenticate: true,
      },
    );
  });
  after(async () => {
    if (session) await admin.authenticateLogout(session).catch(() => undefined);
  });

  it("authenticate() gives a console session with a future expiry", () => {
    assert.ok(session.token.split(".").length === 3);
    assert.ok(session.expiresAt > Date.now() / 1000);
    assert.notEqual(session.username, "");
  });

  it("getStatus() / getConfig() / getRuntime() describe the server", async () => {
    const status = await admin.getStatus(session);
    assert.ok((status.nodes ?? []).length >= 1);
    const config = await admin.getConfig(session);
    assert.equal(typeof config.config, "string");
    assert.doesNotThrow(() => JSON.parse(config.config ?? "{}"));
    const runtime = await admin.getRuntime(session);
    assert.equal(typeof runtime, "object");
  });

  it("listAccounts() / listLeaderboards() / listStorageCollections() answer with their list shapes", async () => {
    const accounts = await admin.listAccounts(session);
    assert.ok(Array.isArray(accounts.users ?? []));
    const boards = await admin.listLeaderboards(session);
    assert.ok(Array.isArray(boards.leaderboards ?? []));
    const collections = await admin.listStorageCollections(session);
    assert.ok(Array.isArray(collections.collections ?? []));
  });

  it("operations newer than the server reject with UnsupportedOperationError, never anything else", async () => {
    await ifSupported(admin.listSettings(session));
    await ifSupported(admin.listAclTemplates(session));
    await ifSupported(admin.listNotifications(session, { limit: 1 }));
    await ifSupported(admin.listAuditLogsUsers(session));
  });

  it("getAccount() of an unknown user is a 404 NakamaError, not UnsupportedOperationError", async () => {
    await assert.rejects(admin.getAccount(session, crypto.randomUUID()), (error: unknown) => {
      assert.ok(error instanceof NakamaError && !(error instanceof UnsupportedOperationError));
      assert.equal(error.status, 404);
      return true;
    });
  });

  describe("with the game API (NAKAMA_URL)", { skip: GAME_URL ? false : "NAKAMA_URL is not set" }, () => {
    it("a game user appears in the console; storage written through the console is read back; then both go", async () => {
      const game = new Client({ ...clientOptions(GAME_URL!), serverKey: env("NAKAMA_SERVER_KEY") ?? "defaultkey" });
      const player = await game.authenticateDevice(`nakama-ts-it-${crypto.randomUUID()}`, { create: true });
      try {
        const { users = [] } = await admin.listAccounts(session, { filter: player.userId });
        assert.deepEqual(users.map((u) => u.id), [player.userId]);
        const ack = await admin.writeStorageObject(session, collection, "probe", player.userId, { ok: true });
        const object = await admin.getStorage(session, collection, "probe", player.userId);
        assert.deepEqual(JSON.parse(object.value ?? "{}"), { ok: true });
        await admin.deleteStorageObject(session, collection, "probe", player.userId, { version: ack.version });
        await admin.banAccount(session, player.userId);
        assert.ok((await admin.getAccount(session, player.userId)).account?.disable_time);
        const exported = await admin.exportAccount(session, player.userId);
        assert.equal(exported.account?.user?.id, player.userId);
      } finally {
        await admin.deleteAccount(session, player.userId);
      }
    });
  });
});
