/**
 * Base64 and UTF-8 helpers that are exact for every input: Unicode beyond the BMP, and byte views that start at a
 * non-zero `byteOffset` (a sub-array of a larger buffer) encode only the bytes they view.
 * @module
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/** UTF-8 bytes of a string. Lone surrogates become U+FFFD, as the Encoding standard requires. */
export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Text of UTF-8 bytes; throws a TypeError on invalid UTF-8 rather than guessing. */
export function utf8Decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

// btoa/atob work on "binary strings"; chunking keeps String.fromCharCode's argument list small.
const CHUNK = 0x8000;

/** Standard, padded base64 of exactly the bytes the view covers. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return btoa(binary);
}

/** Unpadded base64url (RFC 4648 §5) of exactly the bytes the view covers. */
export function bytesToBase64Url(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const BASE64 = /^[A-Za-z0-9+/\-_]*={0,2}$/;

/**
 * Bytes of standard or URL-safe base64, padded or not.
 * @throws {TypeError} when the text is not base64.
 */
export function base64ToBytes(text: string): Uint8Array {
  if (!BASE64.test(text) || text.replace(/=+$/, "").length % 4 === 1) {
    throw new TypeError("Invalid base64 text");
  }
  let normal = text.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  normal += "===".slice(0, (4 - (normal.length % 4)) % 4);
  const binary = atob(normal);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
