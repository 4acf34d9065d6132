/**
 * HS256 JSON Web Tokens for the fake Satori, signed and verified with Web Crypto. Claims are the ones the .NET
 * client reads from a Satori token: `iid` (identity id), `sid` (session id), `iat` and `exp`.
 * @module
 */

/** The claims of a Satori session or refresh token. */
export interface SatoriClaims {
  /** Identity id. */
  iid: string;
  /** Session id, shared by a session token and its refresh token. */
  sid: string;
  /** Issue time, Unix seconds. */
  iat: number;
  /** Expiry, Unix seconds. */
  exp: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function base64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/") + "===".slice(0, (4 - (text.length % 4)) % 4));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** Keys are imported once per secret: every authorised request verifies a token. */
const keys = new Map<string, Promise<CryptoKey>>();

function key(secret: string): Promise<CryptoKey> {
  let found = keys.get(secret);
  if (!found) {
    found = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
    keys.set(secret, found);
  }
  return found;
}

const HEADER = base64Url(encoder.encode(JSON.stringify({ alg: "HS256", typ: "JWT" })));

/** Signs the claims as an HS256 JWT. */
export async function signToken(claims: SatoriClaims, secret: string): Promise<string> {
  const payload = base64Url(encoder.encode(JSON.stringify(claims)));
  const input = `${HEADER}.${payload}`;
  const signature = await crypto.subtle.sign("HMAC", await key(secret), encoder.encode(input));
  return `${input}.${base64Url(new Uint8Array(signature))}`;
}

/** The claims of a token signed with `secret` and not expired at `nowSec`, or undefined. */
export async function verifyToken(token: string, secret: string, nowSec: number): Promise<SatoriClaims | undefined> {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== HEADER) return undefined;
  const signature = fromBase64Url(parts[2]);
  const payload = fromBase64Url(parts[1]);
  if (!signature || !payload) return undefined;
  const ok = await crypto.subtle.verify(
    "HMAC",
    await key(secret),
    signature,
    encoder.encode(`${parts[0]}.${parts[1]}`),
  );
  if (!ok) return undefined;
  try {
    const claims = JSON.parse(decoder.decode(payload));
    if (typeof claims?.iid !== "string" || typeof claims.sid !== "string") return undefined;
    if (typeof claims.exp !== "number" || claims.exp <= nowSec) return undefined;
    return claims as SatoriClaims;
  } catch {
    return undefined;
  }
}
