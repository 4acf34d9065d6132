// REST purchase and subscription routes against the fake Nakama over loopback HTTP. With no store configured they
// fail exactly as the capture server did (/work/shared/captures/nakama-3.18/rest/Validate*.json,
// GetSubscription.json, ListSubscriptions.json); with a validator seeded in `fake.state` they succeed and persist.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Client, NakamaError, type Session } from "../mod.ts";
import { FakeNakama, type PurchaseValidator } from "./support/fake_nakama/mod.ts";
import { lastRequest, serverError, unique } from "./support/rest_helpers.ts";

let fake: FakeNakama;
let client: Client;
before(async () => {
  fake = await FakeNakama.start();
  client = new Client({ port: fake.port, retry: { maxRetries: 0 } });
});
after(() => fake.close());

async function newUser(prefix = "user"): Promise<Session> {
  return await client.authenticateDevice(unique(`dev-${prefix}`), { create: true, username: unique(prefix) });
}

/** Runs `fn` with a store validator installed, and removes it afterwards. */
async function withValidator(validator: PurchaseValidator, fn: () => Promise<void>): Promise<void> {
  fake.state.purchaseValidator = validator;
  try {
    await fn();
  } finally {
    fake.state.purchaseValidator = undefined;
  }
}

describe("Client purchase validation with no store configured", () => {
  it("validatePurchaseApple() is 400 Apple IAP is not configured.", async () => {
    const alice = await newUser("apple");
    await assert.rejects(
      client.validatePurchaseApple(alice, "MIIT...base64receipt", { persist: true }),
      serverError(400, 9, "Apple IAP is not configured."),
    );
    assert.deepEqual(JSON.parse(lastRequest(fake, "POST", "/v2/iap/purchase/apple").body), {
      receipt: "MIIT...base64receipt",
      persist: true,
    });
  });

  it("validatePurchaseGoogle() is 400 Google IAP is not configured.", async () => {
    const alice = await newUser("google");
    await assert.rejects(
      client.validatePurchaseGoogle(alice, '{"orderId":"GPA.1234"}', { persist: true }),
      serverError(400, 9, "Google IAP is not configured."),
    );
    assert.deepEqual(JSON.parse(lastRequest(fake, "POST", "/v2/iap/purchase/google").body), {
      purchase: '{"orderId":"GPA.1234"}',
      persist: true,
    });
  });

  it("validatePurchaseHuawei() is 400 Huawei IAP is not configured.", async () => {
    const alice = await newUser("huawei");
    await assert.rejects(
      client.validatePurchaseHuawei(alice, '{"productId":"x"}', "sig"),
      serverError(400, 9, "Huawei IAP is not configured."),
    );
    assert.deepEqual(JSON.parse(lastRequest(fake, "POST", "/v2/iap/purchase/huawei").body), {
      purchase: '{"productId":"x"}',
      signature: "sig",
    });
  });

  it("validateSubscriptionApple() and validateSubscriptionGoogle() are 400 not configured", async () => {
    const alice = await newUser("subs");
    await assert.rejects(
      client.validateSubscriptionApple(alice, "MIIT...", { persist: false }),
      serverError(400, 9, "Apple IAP is not configured."),
    );
    assert.deepEqual(JSON.parse(lastRequest(fake, "POST", "/v2/iap/subscription/apple").body), {
      receipt: "MIIT...",
      persist: false,
    });
    await assert.rejects(
      client.validateSubscriptionGoogle(alice, '{"orderId":"GPA.1"}'),
      serverError(400, 9, "Google IAP is not configured."),
    );
    assert.deepEqual(JSON.parse(lastRequest(fake, "POST", "/v2/iap/subscription/google").body), {
      receipt: '{"orderId":"GPA.1"}',
    });
  });

  it("validatePurchaseFacebookInstant() and validatePurchaseSamsung() (newer servers) send their fields", async () => {
    const alice = await newUser("newer-stores");
    await assert.rejects(client.validatePurchaseFacebookInstant(alice, "signed.request"), (error: unknown) => {
      assert.ok(error instanceof NakamaError);
      assert.equal(error.status, 400);
      assert.equal(error.grpcCode, 9);
      return true;
    });
    assert.deepEqual(JSON.parse(lastRequest(fake, "POST", "/v2/iap/purchase/facebookinstant").body), {
      signed_request: "signed.request",
    });
    await assert.rejects(client.validatePurchaseSamsung(alice, "purchase-42", { persist: true }), (error: unknown) => {
      assert.ok(error instanceof NakamaError);
      assert.equal(error.status, 400);
      assert.equal(error.grpcCode, 9);
      return true;
    });
    assert.deepEqual(JSON.parse(lastRequest(fake, "POST", "/v2/iap/purchase/samsung").body), {
      purchase_id: "purchase-42",
      persist: true,
    });
  });

  it("getSubscription() of an unknown product is 404; listSubscriptions() is empty", async () => {
    const alice = await newUser("no-subs");
    await assert.rejects(
      client.getSubscription(alice, "com.example.monthly"),
      serverError(404, 5, "subscription not found"),
    );
    assert.deepEqual(await client.listSubscriptions(alice, { limit: 10 }), {});
    // The limit travels in the body, as a POST.
    assert.deepEqual(JSON.parse(lastRequest(fake, "POST", "/v2/iap/subscription").body), { limit: 10 });
    await assert.rejects(
      client.listSubscriptions(alice, { limit: 5000 }),
      serverError(400, 3, "Invalid limit - limit must be between 1 and 1000."),
    );
  });
});

describe("Client purchase validation with a store validator seeded", () => {
  it("validated purchases come back, persist, and are marked seen_before on the next validation", async () => {
    const alice = await newUser("buyer");
    const seen: { store: string; kind: string; userId: string; body: Record<string, unknown> }[] = [];
    await withValidator((request) => {
      seen.push(request);
      return {
        purchases: [{
          product_id: "gems_100",
          transaction_id: "tx-1",
          store: 0,
          purchase_time: "2026-11-24T04:56:54Z",
        }],
      };
    }, async () => {
      const first = await client.validatePurchaseApple(alice, "receipt-1");
      assert.deepEqual(
        first.validated_purchases?.map((p) => [p.user_id, p.product_id, p.transaction_id, p.seen_before]),
        [
          [alice.userId, "gems_100", "tx-1", undefined],
        ],
      );
      const again = await client.validatePurchaseApple(alice, "receipt-1");
      assert.equal(again.validated_purchases?.[0].seen_before, true);
    });
    assert.deepEqual(seen.map((s) => [s.store, s.kind, s.userId, s.body.receipt]), [
      ["apple", "purchase", alice.userId, "receipt-1"],
      ["apple", "purchase", alice.userId, "receipt-1"],
    ]);
  });

  it("a validated subscription is listed and readable by product id", async () => {
    const alice = await newUser("subscriber");
    const product = unique("com.example.monthly");
    await withValidator(() => ({
      subscription: {
        product_id: product,
        original_transaction_id: unique("otx"),
        store: 1,
        expiry_time: "2099-01-01T00:00:00Z",
        active: true,
      },
    }), async () => {
      const { validated_subscription } = await client.validateSubscriptionGoogle(alice, '{"orderId":"GPA.2"}', {
        persist: true,
      });
      assert.equal(validated_subscription?.product_id, product);
      assert.equal(validated_subscription?.user_id, alice.userId);
      assert.equal(validated_subscription?.active, true);
    });
    const { validated_subscriptions = [] } = await client.listSubscriptions(alice, { limit: 10 });
    assert.deepEqual(validated_subscriptions.map((s) => [s.product_id, s.store]), [[product, 1]]);
    const subscription = await client.getSubscription(alice, product);
    assert.equal(subscription.product_id, product);
    assert.equal(subscription.expiry_time, "2099-01-01T00:00:00Z");
    assert.equal(lastRequest(fake, "GET", `/v2/iap/subscription/${product}`).method, "GET");
    // Another user has none.
    const bob = await newUser("no-subscriber");
    assert.deepEqual(await client.listSubscriptions(bob), {});
  });
});
