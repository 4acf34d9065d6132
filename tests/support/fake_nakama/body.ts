/**
 * Request decoding like grpc-gateway: the body is first read by Go's `encoding/json` (whose syntax errors are the
 * 400 messages clients see, e.g. `invalid character 'o' in literal null (expecting 'u')`), then unmarshalled by
 * protojson against the route's message schema (`proto: (line 1:10): invalid value for int64 type: "abc"`).
 * Unknown fields are ignored; both snake_case and lowerCamelCase names are accepted. Query strings are decoded the
 * same way, with `strconv` error texts.
 * @module
 */

import { Code, GatewayError } from "./errors.ts";

// ------------------------------------------------------------------ JSON with positions

/** A parsed JSON value with its 1-based line and column in the body. */
export type JsonNode =
  | { kind: "string"; value: string; line: number; col: number }
  | { kind: "number"; value: string; line: number; col: number }
  | { kind: "bool"; value: boolean; line: number; col: number }
  | { kind: "null"; line: number; col: number }
  | { kind: "array"; items: JsonNode[]; line: number; col: number }
  | { kind: "object"; entries: [string, JsonNode][]; line: number; col: number };

function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === "\n") return "'\\n'";
  if (c === "\r") return "'\\r'";
  if (c === "\t") return "'\\t'";
  if (c === '"') return "'\"'";
  return `'${c}'`;
}

class GoJsonParser {
  i = 0;
  readonly s: string;
  constructor(s: string) {
    this.s = s;
  }

  error(message: string): never {
    throw new GatewayError(Code.INVALID_ARGUMENT, message);
  }

  pos(): { line: number; col: number } {
    let line = 1, col = 1;
    for (let k = 0; k < this.i; k++) {
      if (this.s[k] === "\n") {
        line++;
        col = 1;
      } else col++;
    }
    return { line, col };
  }

  ws(): void {
    while (this.i < this.s.length && " \t\n\r".includes(this.s[this.i])) this.i++;
  }

  eof(): never {
    this.error("unexpected EOF");
  }

  value(context: string): JsonNode {
    this.ws();
    if (this.i >= this.s.length) this.eof();
    const c = this.s[this.i];
    const at = this.pos();
    if (c === "{") return this.object(at);
    if (c === "[") return this.array(at);
    if (c === '"') return { kind: "string", value: this.string(), ...at };
    if (c === "-" || (c >= "0" && c <= "9")) return { kind: "number", value: this.number(), ...at };
    for (const [lit, node] of [["true", true], ["false", false], ["null", null]] as const) {
      if (c === lit[0]) {
        for (let k = 1; k < lit.length; k++) {
          const d = this.s[this.i + k];
          if (d === undefined) {
            this.i += k;
            this.eof();
          }
          if (d !== lit[k]) this.error(`invalid character ${quoteChar(d)} in literal ${lit} (expecting '${lit[k]}')`);
        }
        this.i += lit.length;
        return node === null ? { kind: "null", ...at } : { kind: "bool", value: node, ...at };
      }
    }
    this.error(`invalid character ${quoteChar(c)} ${context}`);
  }

  number(): string {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.s.slice(this.i));
    if (!m || m[0] === "-") {
      const c = this.s[this.i + 1];
      if (c === undefined) this.eof();
      this.error(`invalid character ${quoteChar(c)} in numeric literal`);
    }
    this.i += m[0].length;
    return m[0];
  }

  string(): string {
    const start = this.i;
    this.i++;
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === '"') {
        this.i++;
        return JSON.parse(this.s.slice(start, this.i));
      }
      if (c === "\\") {
        const e = this.s[this.i + 1];
        if (e === undefined) this.eof();
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))) {
            this.error("invalid character in \\u hexadecimal character escape");
          }
          this.i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e)) this.error(`invalid character ${quoteChar(e)} in string escape code`);
        this.i += 2;
        continue;
      }
      if (c < " ") this.error(`invalid character ${quoteChar(c)} in string literal`);
      this.i++;
    }
    this.eof();
  }

  object(at: { line: number; col: number }): JsonNode {
    this.i++;
    const entries: [string, JsonNode][] = [];
    this.ws();
    if (this.s[this.i] === "}") {
      this.i++;
      return { kind: "object", entries, ...at };
    }
    for (;;) {
      this.ws();
      if (this.i >= this.s.length) this.eof();
      if (this.s[this.i] !== '"') {
        this.error(`invalid character ${quoteChar(this.s[this.i])} looking for beginning of object key string`);
      }
      const key = this.string();
      this.ws();
      if (this.i >= this.s.length) this.eof();
      if (this.s[this.i] !== ":") this.error(`invalid character ${quoteChar(this.s[this.i])} after object key`);
      this.i++;
      entries.push([key, this.value("looking for beginning of value")]);
      this.ws();
      if (this.i >= this.s.length) this.eof();
      const c = this.s[this.i++];
      if (c === "}") return { kind: "object", entries, ...at };
      if (c !== ",") this.error(`invalid character ${quoteChar(c)} after object key:value pair`);
    }
  }

  array(at: { line: number; col: number }): JsonNode {
    this.i++;
    const items: JsonNode[] = [];
    this.ws();
    if (this.s[this.i] === "]") {
      this.i++;
      return { kind: "array", items, ...at };
    }
    for (;;) {
      items.push(this.value("looking for beginning of value"));
      this.ws();
      if (this.i >= this.s.length) this.eof();
      const c = this.s[this.i++];
      if (c === "]") return { kind: "array", items, ...at };
      if (c !== ",") this.error(`invalid character ${quoteChar(c)} after array element`);
    }
  }
}

/**
 * Parses a request body like Go's json.Decoder (first value only); undefined for an empty body (io.EOF, which
 * the gateway treats as an empty message). Throws a 400 {@link GatewayError} with Go's message on bad syntax.
 * @example Parse
 * ```ts
 * parseBody('{"id":"x"}');
 * ```
 */
export function parseBody(text: string): JsonNode | undefined {
  const p = new GoJsonParser(text);
  p.ws();
  if (p.i >= text.length) return undefined;
  return p.value("looking for beginning of value");
}

// ------------------------------------------------------------------ protojson schema decoding

/** A field type of a request message. */
export type FieldType =
  | "string"
  | "int64"
  | "int32"
  | "uint32"
  | "bool"
  | "double"
  | "bytes"
  | "BoolValue"
  | "Int32Value"
  | "StringValue"
  | "Int64Value"
  | "json"
  | { enum: readonly string[] }
  | { message: Schema }
  | { repeated: FieldType }
  | { map: FieldType };

/** A request message: proto field name -> type. */
export type Schema = Record<string, FieldType>;

function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function protoError(node: JsonNode, message: string): never {
  throw new GatewayError(Code.INVALID_ARGUMENT, `proto: (line ${node.line}:${node.col}): ${message}`);
}

function show(node: JsonNode): string {
  switch (node.kind) {
    case "string":
      return JSON.stringify(node.value);
    case "number":
      return node.value;
    case "bool":
      return String(node.value);
    case "null":
      return "null";
    case "array":
      return "[";
    case "object":
      return "{";
  }
}

function toPlain(node: JsonNode): unknown {
  switch (node.kind) {
    case "string":
    case "bool":
      return node.value;
    case "number":
      return Number(node.value);
    case "null":
      return null;
    case "array":
      return node.items.map(toPlain);
    case "object":
      return Object.fromEntries(node.entries.map(([k, v]) => [k, toPlain(v)]));
  }
}

const INT_RE = /^-?\d+$/;

function integer(node: JsonNode, type: string, min: bigint, max: bigint): bigint {
  let text: string | undefined;
  if (node.kind === "number") text = node.value;
  else if (node.kind === "string") text = node.value.trim() === node.value ? node.value : undefined;
  if (text !== undefined) {
    let value: bigint | undefined;
    if (INT_RE.test(text)) value = BigInt(text);
    else if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) {
      const n = Number(text);
      if (Number.isInteger(n)) value = BigInt(n);
    }
    if (value !== undefined && value >= min && value <= max) return value;
  }
  protoError(node, `invalid value for ${type} type: ${show(node)}`);
}

function decodeValue(node: JsonNode, type: FieldType): unknown {
  if (typeof type === "string") {
    switch (type) {
      case "string":
      case "StringValue":
      case "bytes":
        if (node.kind !== "string") protoError(node, `invalid value for string type: ${show(node)}`);
        return node.value;
      case "int64":
      case "Int64Value":
        return integer(node, "int64", -(2n ** 63n), 2n ** 63n - 1n);
      case "int32":
      case "Int32Value":
        return Number(integer(node, "int32", -(2n ** 31n), 2n ** 31n - 1n));
      case "uint32":
        return Number(integer(node, "uint32", 0n, 2n ** 32n - 1n));
      case "bool":
      case "BoolValue":
        if (node.kind !== "bool") protoError(node, `invalid value for bool type: ${show(node)}`);
        return node.value;
      case "double":
        if (node.kind === "number") return Number(node.value);
        if (node.kind === "string" && node.value !== "" && !Number.isNaN(Number(node.value))) {
          return Number(node.value);
        }
        protoError(node, `invalid value for double type: ${show(node)}`);
        break;
      case "json":
        return toPlain(node);
    }
  }
  if ("enum" in type) {
    if (node.kind === "number" && INT_RE.test(node.value)) return Number(node.value);
    if (node.kind === "string") {
      const index = type.enum.indexOf(node.value);
      if (index >= 0) return index;
    }
    protoError(node, `invalid value for enum type: ${show(node)}`);
  }
  if ("message" in type) {
    if (node.kind !== "object") protoError(node, `unexpected token ${show(node)}`);
    return decodeMessage(node, type.message);
  }
  if ("repeated" in type) {
    if (node.kind !== "array") protoError(node, `unexpected token ${show(node)}`);
    return node.items.filter((item) => item.kind !== "null").map((item) => decodeValue(item, type.repeated));
  }
  if (node.kind !== "object") protoError(node, `unexpected token ${show(node)}`);
  const out: Record<string, unknown> = {};
  for (const [key, value] of node.entries) out[key] = decodeValue(value, type.map);
  return out;
}

/**
 * Decodes an object node against a schema (unknown fields ignored, `null` = unset).
 * @example Decode
 * ```ts
 * decodeMessage(parseBody('{"id":"x"}')!, { id: "string" }); // { id: "x" }
 * ```
 */
export function decodeMessage(node: JsonNode, schema: Schema): Record<string, unknown> {
  if (node.kind !== "object") protoError(node, `unexpected token ${show(node)}`);
  const out: Record<string, unknown> = {};
  const names = new Map<string, string>();
  for (const name of Object.keys(schema)) {
    names.set(name, name);
    names.set(camel(name), name);
  }
  for (const [key, value] of node.entries) {
    const name = names.get(key);
    if (!name || value.kind === "null") continue;
    out[name] = decodeValue(value, schema[name]);
  }
  return out;
}

/**
 * Parses and decodes a body against a schema; an empty body is an empty message.
 * @example Decode a body
 * ```ts
 * decodeBody('{"score":"10"}', { score: "int64" }); // { score: 10n }
 * ```
 */
export function decodeBody(text: string, schema: Schema): Record<string, unknown> {
  const node = parseBody(text);
  if (!node) return {};
  if (node.kind !== "object") protoError(node, `unexpected token ${show(node)}`);
  return decodeMessage(node, schema);
}

// ------------------------------------------------------------------ query strings

/**
 * Typed access to query parameters, accepting the proto (snake_case) and lowerCamelCase names like the gateway.
 * Invalid numbers and booleans throw 400 with Go's `strconv` text.
 * @example Read a limit
 * ```ts
 * new Query(url.searchParams).int("limit");
 * ```
 */
export class Query {
  readonly params: URLSearchParams;
  constructor(params: URLSearchParams) {
    this.params = params;
  }

  /** All values of a (possibly repeated) parameter. */
  all(name: string): string[] {
    const values = this.params.getAll(name);
    const alt = camel(name);
    return alt === name ? values : [...values, ...this.params.getAll(alt)];
  }

  /** The last value of a parameter, or undefined. */
  string(name: string): string | undefined {
    const values = this.all(name);
    return values.length ? values[values.length - 1] : undefined;
  }

  /** The last value of a numeric or boolean parameter; an empty value counts as unset. */
  #scalar(name: string): string | undefined {
    const text = this.string(name);
    return text === "" ? undefined : text;
  }

  /** Whether the parameter is present. */
  has(name: string): boolean {
    return this.all(name).length > 0;
  }

  /** An integer parameter (int32 range unless `bits` says otherwise). */
  int(name: string, bits: 32 | 64 = 32): number | undefined {
    const text = this.#scalar(name);
    if (text === undefined) return undefined;
    const limit = 2n ** BigInt(bits - 1);
    if (!INT_RE.test(text) && !/^\+\d+$/.test(text)) {
      throw new GatewayError(
        Code.INVALID_ARGUMENT,
        `parsing field "${name}": strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`,
      );
    }
    const value = BigInt(text);
    if (value < -limit || value >= limit) {
      throw new GatewayError(
        Code.INVALID_ARGUMENT,
        `parsing field "${name}": strconv.ParseInt: parsing ${JSON.stringify(text)}: value out of range`,
      );
    }
    return Number(value);
  }

  /** A boolean parameter (`true`/`false`/`1`/`0`/`t`/`f` and case variants, like strconv.ParseBool). */
  bool(name: string): boolean | undefined {
    const text = this.#scalar(name);
    if (text === undefined) return undefined;
    if (["1", "t", "T", "TRUE", "true", "True"].includes(text)) return true;
    if (["0", "f", "F", "FALSE", "false", "False"].includes(text)) return false;
    throw new GatewayError(
      Code.INVALID_ARGUMENT,
      `parsing field "${name}": strconv.ParseBool: parsing ${JSON.stringify(text)}: invalid syntax`,
    );
  }
}
