/**
 * Base64 and UTF-8 helpers that are exact for every input: Unicode beyond the BMP, and byte views that start at a
 * non-zero `byteOffset` (a sub-array of a larger buffer) encode only the bytes they view.
 * @module
 */

const encoder = new TextEncoder();
// ignoreBOM keeps a leading U+FEFF: it is part of the payload, and dropping it would corrupt data that starts with one.
// Made on first use: creating a fatal TextDecoder is measurable at start-up, and many processes never decode.
let decoder: TextDecoder | undefined;

/** UTF-8 bytes of a string. Lone surrogates become U+FFFD, as the Encoding standard requires. */
export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Text of UTF-8 bytes; throws a TypeError on invalid UTF-8 rather than guessing. */
export function utf8Decode(bytes: Uint8Array): string {
  decoder ??= new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  return decoder.decode(bytes);
}

// btoa/atob work on "binary strings"; chunking keeps String.fromCharCode's argument list small.
const CHUNK = 0x8000;

const toBase64 = (Uint8Array.prototype as unknown as { toBase64?: () => string }).toBase64;

/** Standard, padded base64 of exactly the bytes the view covers. */
export function bytesToBase64(bytes: Uint8Array): string {
  // The runtime's native encoder where there is one (Bun, Deno, browsers); it encodes exactly the view too.
  if (toBase64 !== undefined) return toBase64.call(bytes);
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

// Both alphabets decode ("+/" and "-_", even mixed); 64 marks every other code unit below 128.
const DECODE = new Uint8Array(128).fill(64);
for (let i = 0; i < 64; i++) {
  DECODE["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".charCodeAt(i)] = i;
}
DECODE[45] = 62; // "-"
DECODE[95] = 63; // "_"

// The runtime's native decoder where there is one (Bun, Deno, browsers): several times faster than any JS loop.
const fromBase64 = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array }).fromBase64;

function invalid(): TypeError {
  return new TypeError("Invalid base64 text");
}

/**
 * Bytes of standard or URL-safe base64, padded or not.
 * @throws {TypeError} when the text is not base64.
 */
export function base64ToBytes(text: string): Uint8Array {
  // Up to two "=" may end the text; any other "=" is refused by the table below.
  let end = text.length;
  if (end > 0 && text.charCodeAt(end - 1) === 61) end--;
  if (end > 0 && text.charCodeAt(end - 1) === 61) end--;
  if (end % 4 === 1) throw invalid();
  const size = (end * 3) >> 2;
  if (fromBase64 !== undefined) {
    try {
      const bytes = fromBase64(text);
      // The native decoder skips whitespace, which this function rejects: a length that differs means it did.
      if (bytes.length === size) return bytes;
    } catch {
      // URL-safe letters, or padding the native decoder refuses: the loop below decides.
    }
  }
  const out = new Uint8Array(size);
  let o = 0;
  let i = 0;
  for (; i + 4 <= end; i += 4) {
    const c0 = text.charCodeAt(i);
    const c1 = text.charCodeAt(i + 1);
    const c2 = text.charCodeAt(i + 2);
    const c3 = text.charCodeAt(i + 3);
    // Code units above 127 would index past the table; 64 in any entry marks a letter outside both alphabets.
    if ((c0 | c1 | c2 | c3) > 127) throw invalid();
    const d0 = DECODE[c0];
    const d1 = DECODE[c1];
    const d2 = DECODE[c2];
    const d3 = DECODE[c3];
    if ((d0 | d1 | d2 | d3) & 64) throw invalid();
    const n = (d0 << 18) | (d1 << 12) | (d2 << 6) | d3;
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 0xff;
    out[o++] = n & 0xff;
  }
  if (i < end) {
    // Two or three letters are left (one was refused above); a missing third reads as "A", which is zero.
    const c0 = text.charCodeAt(i);
    const c1 = text.charCodeAt(i + 1);
    const c2 = i + 2 < end ? text.charCodeAt(i + 2) : 65;
    if ((c0 | c1 | c2) > 127) throw invalid();
    const d0 = DECODE[c0];
    const d1 = DECODE[c1];
    const d2 = DECODE[c2];
    if ((d0 | d1 | d2) & 64) throw invalid();
    const n = (d0 << 18) | (d1 << 12) | (d2 << 6);
    out[o++] = n >> 16;
    if (i + 2 < end) out[o++] = (n >> 8) & 0xff;
  }
  return out;
}
