/**
 * Social identity providers (Apple, Facebook, Facebook Instant, Game Center, Google, Steam). Out of the box they
 * fail exactly like the capture server, which had none configured; a test can plug in
 * {@link FakeState.socialVerifier} to accept tokens and map them to provider ids.
 * @module
 */

import { Code, GatewayError } from "./errors.ts";
import type { FakeState } from "./state.ts";

/** The social providers. */
export type SocialProvider = "apple" | "facebook" | "facebookinstantgame" | "gamecenter" | "google" | "steam";

/** Where a social check happens: each fails differently in 3.18. */
export type SocialUse = "authenticate" | "link" | "unlink" | "import";

/**
 * Validates the request fields of a provider and resolves the provider's user id via the state's verifier.
 * Throws the errors the capture server gave when no provider is configured.
 * @example Resolve a Google token
 * ```ts
 * const googleId = await verifySocial(state, "google", { token }, "link");
 * ```
 */
export async function verifySocial(
  state: FakeState,
  provider: SocialProvider,
  account: Record<string, unknown>,
  use: SocialUse,
): Promise<string> {
  const str = (key: string) => (typeof account[key] === "string" ? account[key] as string : "");
  const bad = (message: string) => new GatewayError(Code.INVALID_ARGUMENT, message);
  switch (provider) {
    case "apple":
      if (!str("token")) throw bad("Apple ID token is required.");
      break;
    case "facebook":
      if (!str("token")) {
        throw bad(use === "import" ? "Facebook token is required." : "Facebook access token is required.");
      }
      break;
    case "google":
      if (!str("token")) throw bad("Google access token is required.");
      break;
    case "steam":
      if (!state.socialVerifier) {
        throw new GatewayError(Code.FAILED_PRECONDITION, "Steam authentication is not configured.");
      }
      if (!str("token")) throw bad(use === "import" ? "Steam token is required." : "Steam access token is required.");
      break;
    case "facebookinstantgame":
      if (!str("signed_player_info")) throw bad("Signed Player Info for a Facebook Instant Game is required.");
      break;
    case "gamecenter":
      if (!str("player_id")) throw bad("GameCenter Player ID is required.");
      if (!str("bundle_id")) throw bad("GameCenter bundle ID is required.");
      if (!account.timestamp_seconds) throw bad("GameCenter timestamp is required.");
      if (!str("salt")) throw bad("GameCenter salt is required.");
      if (!str("signature")) throw bad("GameCenter signature is required.");
      if (!str("public_key_url")) throw bad("GameCenter public key URL is required.");
      break;
  }
  const verified = state.socialVerifier ? await state.socialVerifier(provider, account) : undefined;
  if (verified) return verified;
  throw unverified(provider, use);
}

function unverified(provider: SocialProvider, use: SocialUse): GatewayError {
  switch (provider) {
    case "apple":
      return new GatewayError(Code.FAILED_PRECONDITION, "Apple authentication is not configured.");
    case "steam":
      return new GatewayError(Code.UNAUTHENTICATED, "Could not authenticate Steam profile.");
    case "facebook":
      return new GatewayError(Code.UNAUTHENTICATED, "Could not authenticate Facebook profile.");
    case "google":
      return new GatewayError(Code.UNAUTHENTICATED, "Could not authenticate Google profile.");
    case "gamecenter":
      return new GatewayError(Code.UNAUTHENTICATED, "Could not authenticate GameCenter profile.");
    case "facebookinstantgame":
      return use === "authenticate"
        ? new GatewayError(
          Code.DATA_LOSS,
          "Error extracting the Facebook Instant Game player ID or validating the signature",
        )
        : new GatewayError(Code.UNAUTHENTICATED, "Could not authenticate Facebook Instant Game profile.");
  }
}

/**
 * The user field that stores a provider's id.
 * @example Field of Steam
 * ```ts
 * socialField("steam"); // "steam_id"
 * ```
 */
export function socialField(
  provider: SocialProvider,
): "apple_id" | "facebook_id" | "facebook_instant_game_id" | "gamecenter_id" | "google_id" | "steam_id" {
  switch (provider) {
    case "apple":
      return "apple_id";
    case "facebook":
      return "facebook_id";
    case "facebookinstantgame":
      return "facebook_instant_game_id";
    case "gamecenter":
      return "gamecenter_id";
    case "google":
      return "google_id";
    case "steam":
      return "steam_id";
  }
}

/**
 * What each provider's account message looks like in a body.
 * @example Decode a Google account
 * ```ts
 * decodeBody('{"token":"t"}', SOCIAL_ACCOUNT_SCHEMAS.google as unknown as Schema);
 * ```
 */
export const SOCIAL_ACCOUNT_SCHEMAS = {
  apple: { token: "string", vars: { map: "string" } },
  facebook: { token: "string", vars: { map: "string" } },
  facebookinstantgame: { signed_player_info: "string", vars: { map: "string" } },
  gamecenter: {
    player_id: "string",
    bundle_id: "string",
    timestamp_seconds: "int64",
    salt: "string",
    signature: "string",
    public_key_url: "string",
    vars: { map: "string" },
  },
  google: { token: "string", vars: { map: "string" } },
  steam: { token: "string", vars: { map: "string" } },
} as const;
