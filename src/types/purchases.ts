/**
 * Wire types of in-app purchase and subscription validation. `store` is 0 Apple, 1 Google, 2 Huawei,
 * 3 Facebook Instant, 4 Samsung; `environment` is 0 unknown, 1 sandbox, 2 production.
 * @module
 */

/**
 * One validated purchase.
 *
 * @example Granting a purchase once
 * ```ts
 * const { validated_purchases = [] } = await client.validatePurchaseApple(session, receipt);
 * for (const p of validated_purchases) if (!p.seen_before) console.log("grant", p.product_id);
 * ```
 */
export interface ApiValidatedPurchase {
  /** The owner's user id. */
  user_id?: string;
  /** The product id. */
  product_id?: string;
  /** The store's transaction id. */
  transaction_id?: string;
  /** The store (0 Apple … 4 Samsung). */
  store?: number;
  /** When it was bought (RFC 3339). */
  purchase_time?: string;
  /** When it was stored (RFC 3339). */
  create_time?: string;
  /** When it was last updated (RFC 3339). */
  update_time?: string;
  /** When it was refunded (RFC 3339); absent when not. */
  refund_time?: string;
  /** The store's raw reply. */
  provider_response?: string;
  /** 0 unknown, 1 sandbox, 2 production. */
  environment?: number;
  /** True when it had been validated before (a replay). */
  seen_before?: boolean;
}

/**
 * The reply of every purchase validation.
 *
 * @example Counting purchases
 * ```ts
 * const reply = await client.validatePurchaseGoogle(session, purchaseJson);
 * console.log(reply.validated_purchases?.length ?? 0);
 * ```
 */
export interface ApiValidatePurchaseResponse {
  /** The validated purchases. */
  validated_purchases?: ApiValidatedPurchase[];
}

/**
 * One validated subscription.
 *
 * @example Checking a subscription
 * ```ts
 * const subscription = await client.getSubscription(session, "com.example.monthly");
 * console.log(subscription.active === true, subscription.expiry_time);
 * ```
 */
export interface ApiValidatedSubscription {
  /** The owner's user id. */
  user_id?: string;
  /** The product id. */
  product_id?: string;
  /** The original transaction id. */
  original_transaction_id?: string;
  /** The store (0 Apple … 4 Samsung). */
  store?: number;
  /** When it was bought (RFC 3339). */
  purchase_time?: string;
  /** When it was stored (RFC 3339). */
  create_time?: string;
  /** When it was last updated (RFC 3339). */
  update_time?: string;
  /** 0 unknown, 1 sandbox, 2 production. */
  environment?: number;
  /** When it expires (RFC 3339). */
  expiry_time?: string;
  /** When it was refunded (RFC 3339). */
  refund_time?: string;
  /** The store's raw reply. */
  provider_response?: string;
  /** The store's raw notification. */
  provider_notification?: string;
  /** Whether it is active now. */
  active?: boolean;
}

/**
 * The reply of the subscription validations.
 *
 * @example Reading the subscription
 * ```ts
 * const reply = await client.validateSubscriptionApple(session, receipt);
 * console.log(reply.validated_subscription?.active === true);
 * ```
 */
export interface ApiValidateSubscriptionResponse {
  /** The validated subscription. */
  validated_subscription?: ApiValidatedSubscription;
}

/**
 * A page of the session user's subscriptions.
 *
 * @example Listing subscriptions
 * ```ts
 * const page = await client.listSubscriptions(session, { limit: 10 });
 * console.log(page.validated_subscriptions?.map((s) => s.product_id), page.cursor);
 * ```
 */
export interface ApiSubscriptionList {
  /** The subscriptions. */
  validated_subscriptions?: ApiValidatedSubscription[];
  /** The next page's cursor. */
  cursor?: string;
  /** The previous page's cursor. */
  prev_cursor?: string;
}
