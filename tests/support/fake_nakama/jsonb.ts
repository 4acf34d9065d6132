/**
 * Re-serialises JSON text the way PostgreSQL `jsonb` prints it, because Nakama hands JSON-in-string fields back
 * from the database that way: object keys sorted by length then bytes, duplicate keys collapsed (last wins),
 * `", "` and `": "` separators, numbers kept as written (exponents expanded).
 * @module
 */

type Node =
  | { t: "s"; v: string }
  | { t: "n"; v: string }
  | { t: "l"; v: string }
  | { t: "a"; v: Node[] }
  | { t: "o"; v: Map<string, Node> };

class Parser {
  i = 0;
  readonly s: string;
  constructor(s: string) {
    this.s = s;
  }
  ws(): void {
    while (this.i < this.s.length && " \t\n\r".includes(this.s[this.i])) this.i++;
  }
  value(): Node {
    this.ws();
    const c = this.s[this.i];
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (c === '"') return { t: "s", v: this.string() };
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.s.slice(this.i));
    if (m && m[0].length > 0) {
      this.i += m[0].length;
      return { t: "n", v: m[0] };
    }
    for (const lit of ["true", "false", "null"]) {
      if (this.s.startsWith(lit, this.i)) {
        this.i += lit.length;
        return { t: "l", v: lit };
      }
    }
    throw new SyntaxError("invalid JSON");
  }
  string(): string {
    // JSON strings may not contain raw control characters, so the class excludes them on purpose.
    // deno-lint-ignore no-control-regex
    const m = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(this.s.slice(this.i));
    if (!m) throw new SyntaxError("invalid JSON string");
    this.i += m[0].length;
    return JSON.parse(m[0]);
  }
  object(): Node {
    this.i++;
    const map = new Map<string, Node>();
    this.ws();
    if (this.s[this.i] === "}") {
      this.i++;
      return { t: "o", v: map };
    }
    for (;;) {
      this.ws();
      const key = this.string();
      this.ws();
      if (this.s[this.i++] !== ":") throw new SyntaxError("invalid JSON object");
      map.delete(key);
      map.set(key, this.value());
      this.ws();
      const c = this.s[this.i++];
      if (c === "}") return { t: "o", v: map };
      if (c !== ",") throw new SyntaxError("invalid JSON object");
    }
  }
  array(): Node {
    this.i++;
    const list: Node[] = [];
    this.ws();
    if (this.s[this.i] === "]") {
      this.i++;
      return { t: "a", v: list };
    }
    for (;;) {
      list.push(this.value());
      this.ws();
      const c = this.s[this.i++];
      if (c === "]") return { t: "a", v: list };
      if (c !== ",") throw new SyntaxError("invalid JSON array");
    }
  }
}

const encoder = new TextEncoder();

function compareKeys(a: string, b: string): number {
  const ab = encoder.encode(a), bb = encoder.encode(b);
  if (ab.length !== bb.length) return ab.length - bb.length;
  for (let i = 0; i < ab.length; i++) if (ab[i] !== bb[i]) return ab[i] - bb[i];
  return 0;
}

function number(text: string): string {
  if (!/[eE]/.test(text)) return text;
  // PostgreSQL numeric prints the expanded decimal form; JS number formatting is close enough for exponents.
  const n = Number(text);
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? BigInt(n).toString() : String(n);
}

function print(node: Node): string {
  switch (node.t) {
    case "s":
      return JSON.stringify(node.v);
    case "n":
      return number(node.v);
    case "l":
      return node.v;
    case "a":
      return `[${node.v.map(print).join(", ")}]`;
    case "o": {
      const keys = [...node.v.keys()].sort(compareKeys);
      return `{${keys.map((k) => `${JSON.stringify(k)}: ${print(node.v.get(k)!)}`).join(", ")}}`;
    }
  }
}

/**
 * Parses JSON text; undefined when it is not valid JSON.
 * @example Check a value
 * ```ts
 * isJsonObjectText('{"a":1}'); // true
 * ```
 */
function parse(text: string): Node | undefined {
  try {
    const p = new Parser(text);
    const node = p.value();
    p.ws();
    return p.i === text.length ? node : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Prints JSON text as PostgreSQL jsonb would; returns the text unchanged when it is not valid JSON.
 * @example Reorder keys
 * ```ts
 * jsonb('{"level":4,"name":"Alice"}'); // '{"name": "Alice", "level": 4}'
 * ```
 */
export function jsonb(text: string): string {
  const node = parse(text);
  return node ? print(node) : text;
}

/**
 * Whether text is a JSON object (what Nakama requires of storage values and chat content).
 * @example Check a value
 * ```ts
 * isJsonObjectText("[1]"); // false
 * ```
 */
export function isJsonObjectText(text: string): boolean {
  return parse(text)?.t === "o";
}

/**
 * Whether text is any valid JSON value.
 * @example Check a value
 * ```ts
 * isJsonText("1"); // true
 * ```
 */
export function isJsonText(text: string): boolean {
  return parse(text) !== undefined;
}
