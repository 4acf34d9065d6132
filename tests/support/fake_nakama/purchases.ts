/**
 * In-app purchase routes. With no store configured (the capture server's setup) validation fails with the
 * captured "… IAP is not configured." errors; a test can seed {@link FakeState.purchaseValidator} to accept
 * receipts, and the validated purchases and subscriptions are then stored (unless `persist` is false) and
 * listed like the server does.
 * @module
 */

import type { Schema } from "./body.ts";
import { Code, fail, GatewayError } from "./errors.ts";
import type { HandlerContext, Route } from "./router.ts";
import type { ValidatedPurchase, ValidatedSubscription } from "./state.ts";
import { decodeCursor, encodeCursor, omitZero } from "./wire.ts";

interface StoreSpec {
  store: string;
  label: string;
  /** Required body fields and their "cannot be empty" messages, in check order. */
  required: [string, string][];
  schema: Schema;
}

const PURCHASES: StoreSpec[] = [
  {
    store: "apple",
    label: "Apple",
    required: [["receipt", "Receipt cannot be empty."]],
    schema: { receipt: "string", persist: "BoolValue" },
  },
  {
    store: "google",
    label: "Google",
    required: [["purchase", "Purchase cannot be empty."]],
    schema: { purchase: "string", persist: "BoolValue" },
  },
  {
    store: "huawei",
    label: "Huawei",
    required: [["purchase", "Purchase cannot be empty."], ["signature", "Signature cannot be empty."]],
    schema: { purchase: "string", signature: "string", persist: "BoolValue" },
  },
  {
    store: "facebookinstant",
    label: "Facebook Instant",
    required: [["signed_request", "SignedRequest cannot be empty."]],
    schema: { signed_request: "string", persist: "BoolValue" },
  },
  {
    store: "samsung",
    label: "Samsung",
    required: [["purchase_id", "Purchase ID cannot be empty."]],
    schema: { purchase_id: "string", persist: "BoolValue" },
  },
];

const SUBSCRIPTIONS: StoreSpec[] = [
  {
    store: "apple",
    label: "Apple",
    required: [["receipt", "Receipt cannot be empty."]],
    schema: { receipt: "string", persist: "BoolValue" },
  },
  {
    store: "google",
    label: "Google",
    required: [["receipt", "Receipt cannot be empty."]],
    schema: { receipt: "string", persist: "BoolValue" },
  },
];

async function validate(ctx: HandlerContext, spec: StoreSpec, kind: "purchase" | "subscription") {
  for (const [field, message] of spec.required) if (!ctx.body[field]) fail(Code.INVALID_ARGUMENT, message);
  const validator = ctx.state.purchaseValidator;
  if (!validator) throw new GatewayError(Code.FAILED_PRECONDITION, `${spec.label} IAP is not configured.`);
  return await validator({ store: spec.store, kind, userId: ctx.caller.userId, body: ctx.body });
}

function purchaseRoute(spec: StoreSpec): Route {
  return {
    method: "POST",
    path: `/v2/iap/purchase/${spec.store}`,
    auth: "bearer",
    body: spec.schema,
    async handle(ctx) {
      const result = await validate(ctx, spec, "purchase");
      const persist = ctx.body.persist !== false;
      const out: ValidatedPurchase[] = [];
      for (const p of result.purchases ?? []) {
        const seen = ctx.state.purchases.some((q) => q.transaction_id === p.transaction_id && q.store === p.store);
        const full = { user_id: ctx.caller.userId, ...p, seen_before: p.seen_before ?? seen };
        if (persist && !seen) ctx.state.purchases.push({ ...full, seen_before: false });
        out.push(full);
      }
      return omitZero({ validated_purchases: out.map((p) => omitZero({ ...p })) });
    },
  };
}

function subscriptionRoute(spec: StoreSpec): Route {
  return {
    method: "POST",
    path: `/v2/iap/subscription/${spec.store}`,
    auth: "bearer",
    body: spec.schema,
    async handle(ctx) {
      const result = await validate(ctx, spec, "subscription");
      const sub = result.subscription;
      if (!sub) return {};
      const full: ValidatedSubscription = { user_id: ctx.caller.userId, ...sub };
      if (ctx.body.persist !== false) {
        const list = ctx.state.subscriptions;
        const index = list.findIndex((s) => s.original_transaction_id === full.original_transaction_id);
        if (index >= 0) list[index] = full;
        else list.push(full);
      }
      return { validated_subscription: omitZero({ ...full }) };
    },
  };
}

/**
 * The purchase and subscription routes.
 * @example Mount
 * ```ts
 * new Router(purchaseRoutes());
 * ```
 */
export function purchaseRoutes(): Route[] {
  return [
    ...PURCHASES.map(purchaseRoute),
    ...SUBSCRIPTIONS.map(subscriptionRoute),
    {
      method: "POST",
      path: "/v2/iap/subscription",
      auth: "bearer",
      body: { limit: "Int32Value", cursor: "string" },
      handle(ctx) {
        const limit = (ctx.body.limit as number | undefined) ?? 100;
        if (limit < 1 || limit > 100) fail(Code.INVALID_ARGUMENT, "Invalid limit - limit must be between 1 and 1000.");
        let offset = 0;
        const cursorText = ctx.body.cursor as string | undefined;
        if (cursorText) {
          const cursor = decodeCursor("subscriptions", cursorText);
          if (!cursor || typeof cursor.o !== "number") fail(Code.INVALID_ARGUMENT, "Invalid cursor.");
          offset = cursor.o;
        }
        const mine = ctx.state.subscriptions.filter((s) => s.user_id === ctx.caller.userId);
        const page = mine.slice(offset, offset + limit);
        return omitZero({
          validated_subscriptions: page.map((s) => omitZero({ ...s })),
          cursor: offset + limit < mine.length ? encodeCursor("subscriptions", { o: offset + limit }) : undefined,
          prev_cursor: offset > 0 ? encodeCursor("subscriptions", { o: Math.max(0, offset - limit) }) : undefined,
        });
      },
    },
    {
      method: "GET",
      path: "/v2/iap/subscription/{product_id}",
      auth: "bearer",
      handle(ctx) {
        const found = ctx.state.subscriptions.find((s) =>
          s.user_id === ctx.caller.userId && s.product_id === ctx.params.product_id
        );
        if (!found) fail(Code.NOT_FOUND, "subscription not found");
        return omitZero({ ...found });
      },
    },
  ];
}
