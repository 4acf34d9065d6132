/**
 * HS256 JSON Web Tokens for the fake server, signed and verified with Web Crypto. The claim layout is Nakama's:
 * `tid`, `uid`, `usn`, optional `vrs`, `exp`, `iat`, in that order, with no padding in any segment.
 * @module
 */

/** The claims the fake server puts in session and refresh tokens. */
export interface TokenClaims {
  /** Token id, shared by a session token and its refresh token. */
  tid: string;
  /** User id. */
  uid: string;
  /** Username at issue time. */
  usn: string;
  /** Session variables; omitted when empty. */
  vrs?: Record<string, string>;
  /** Expiry, Unix seconds. */
  exp: number;
  /** Issue time of the original authentication, Unix seconds. */
  iat?: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Encodes bytes as unpadded base64url.
 * @example Encode
 * ```ts
 * base64UrlEncode(new TextEncoder().encode("hi")); // "aGk"
 * ```
 */
export function base64UrlEncode(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/**
 * Decodes unpadded (or padded) base64url; undefined when the text is not base64url.
 * @example Decode
 * ```ts
 * base64UrlDecode("aGk"); // Uint8Array [104, 105]
 * ```
 */
export function base64UrlDecode(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) return undefined;
  const b64 = text.replaceAll("-", "+").replaceAll("_", "/").replace(/=+$/, "");
  try {
    const binary = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

/** Keys are imported once per secret: signing is on every authenticate and every authorised request. */
const keyCache = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
    keyCache.set(secret, key);
  }
  return key;
}

const HEADER = base64UrlEncode(encoder.encode(JSON.stringify({ alg: "HS256", typ: "JWT" })));

/**
 * Signs claims as an HS256 JWT, keeping Nakama's claim order and omitting empty `vrs`.
 * @example Sign a token
 * ```ts
 * const token = await signJwt({ tid: "t", uid: "u", usn: "alice", exp: 2000000000 }, "defaultencryptionkey");
 * ```
 */
export async function signJwt(claims: TokenClaims, secret: string): Promise<string> {
  const ordered: Record<string, unknown> = { tid: claims.tid, uid: claims.uid, usn: claims.usn };
  if (claims.vrs && Object.keys(claims.vrs).length > 0) {
    // Go marshals map keys sorted, so the fake does too.
    const sorted: Record<string, string> = {};
    for (const key of Object.keys(claims.vrs).sort()) sorted[key] = claims.vrs[key];
    ordered.vrs = sorted;
  }
  ordered.exp = claims.exp;
  if (claims.iat !== undefined) ordered.iat = claims.iat;
  const payload = base64UrlEncode(encoder.encode(JSON.stringify(ordered)));
  const input = `${HEADER}.${payload}`;
  const signature = await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(input));
  return `${input}.${base64UrlEncode(new Uint8Array(signature))}`;
}

/**
 * Verifies an HS256 JWT's signature and expiry; returns its claims, or undefined when anything is wrong.
 * @example Verify a token
 * ```ts
 * const claims = await verifyJwt(token, "defaultencryptionkey", Date.now() / 1000);
 * ```
 */
export async function verifyJwt(token: string, secret: string, nowSec: number): Promise<TokenClaims | undefined> {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  const header = base64UrlDecode(parts[0]);
  const payload = base64UrlDecode(parts[1]);
  const signature = base64UrlDecode(parts[2]);
  if (!header || !payload || !signature) return undefined;
  try {
    const h = JSON.parse(decoder.decode(header));
    if (h?.alg !== "HS256") return undefined;
    const ok = await crypto.subtle.verify(
      "HMAC",
      await hmacKey(secret),
      signature as Uint8Array<ArrayBuffer>,
      encoder.encode(`${parts[0]}.${parts[1]}`),
    );
    if (!ok) return undefined;
    const claims = JSON.parse(decoder.decode(payload));
    if (typeof claims !== "object" || claims === null) return undefined;
    if (typeof claims.exp !== "number" || claims.exp <= nowSec) return undefined;
    if (typeof claims.uid !== "string" || typeof claims.tid !== "string") return undefined;
    return claims as TokenClaims;
  } catch {
    return undefined;
  }
}
