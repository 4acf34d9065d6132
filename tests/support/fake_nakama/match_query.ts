/**
 * A small subset of the Bleve query-string syntax Nakama uses for match (and party) listings:
 * `+label.mode:dm -label.region:us label.skill:>=40 label.name:"two words"`. `+` terms must match, `-` terms
 * must not, and when only plain terms are given at least one must. Values compare as numbers when both sides
 * are numbers (with `>`, `>=`, `<`, `<=`), otherwise as case-insensitive strings; `*` and `?` are wildcards.
 * @module
 */

interface Term {
  occur: "must" | "mustNot" | "should";
  path: string[];
  op: "=" | ">" | ">=" | "<" | "<=";
  value: string;
}

function tokenize(query: string): string[] {
  const tokens: string[] = [];
  const re = /([+-]?[^\s:"]+:(?:"[^"]*"|\S+))|(\S+)/g;
  for (const m of query.matchAll(re)) tokens.push(m[0]);
  return tokens;
}

function parse(query: string): Term[] {
  const terms: Term[] = [];
  for (let token of tokenize(query)) {
    let occur: Term["occur"] = "should";
    if (token.startsWith("+")) {
      occur = "must";
      token = token.slice(1);
    } else if (token.startsWith("-")) {
      occur = "mustNot";
      token = token.slice(1);
    }
    const colon = token.indexOf(":");
    if (colon < 0) {
      terms.push({ occur, path: [], op: "=", value: token });
      continue;
    }
    const field = token.slice(0, colon);
    let value = token.slice(colon + 1);
    let op: Term["op"] = "=";
    for (const candidate of [">=", "<=", ">", "<"] as const) {
      if (value.startsWith(candidate)) {
        op = candidate;
        value = value.slice(candidate.length);
        break;
      }
    }
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    terms.push({ occur, path: field.split("."), op, value });
  }
  return terms;
}

function lookup(document: unknown, path: string[]): unknown[] {
  let current: unknown[] = [document];
  for (const part of path) {
    const next: unknown[] = [];
    for (const value of current) {
      if (value && typeof value === "object" && !Array.isArray(value) && part in value) {
        const v = (value as Record<string, unknown>)[part];
        if (Array.isArray(v)) next.push(...v);
        else next.push(v);
      }
    }
    current = next;
  }
  return current;
}

function wildcard(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`, "i");
}

function matchValue(actual: unknown, term: Term): boolean {
  const wantedNumber = Number(term.value);
  if (typeof actual === "number" && term.value !== "" && !Number.isNaN(wantedNumber)) {
    switch (term.op) {
      case "=":
        return actual === wantedNumber;
      case ">":
        return actual > wantedNumber;
      case ">=":
        return actual >= wantedNumber;
      case "<":
        return actual < wantedNumber;
      case "<=":
        return actual <= wantedNumber;
    }
  }
  if (term.op !== "=") return false;
  if (typeof actual === "boolean") return String(actual) === term.value.toLowerCase();
  if (typeof actual !== "string") return false;
  return /[*?]/.test(term.value)
    ? wildcard(term.value).test(actual)
    : actual.toLowerCase() === term.value.toLowerCase() ||
      actual.toLowerCase().split(/\W+/).includes(term.value.toLowerCase());
}

function matchTerm(document: Record<string, unknown>, term: Term): boolean {
  if (term.path.length === 0) {
    return Object.values(document).some((v) => matchValue(typeof v === "object" ? JSON.stringify(v) : v, term));
  }
  return lookup(document, term.path).some((v) => matchValue(v, term));
}

/**
 * Whether a document (e.g. `{ label: <parsed label> }`) matches a query string.
 * @example Filter by mode and skill
 * ```ts
 * matchesQuery({ label: { mode: "dm", skill: 80 } }, "+label.mode:dm +label.skill:>=40"); // true
 * ```
 */
export function matchesQuery(document: Record<string, unknown>, query: string): boolean {
  const terms = parse(query.trim());
  if (terms.length === 0) return true;
  let should = 0, shouldMatched = 0;
  for (const term of terms) {
    const hit = matchTerm(document, term);
    if (term.occur === "must" && !hit) return false;
    if (term.occur === "mustNot" && hit) return false;
    if (term.occur === "should") {
      should++;
      if (hit) shouldMatched++;
    }
  }
  const hasMust = terms.some((t) => t.occur === "must");
  return hasMust || should === 0 || shouldMatched > 0;
}

/**
 * Parses a label into a query document: JSON object labels are searchable by field, others as plain text.
 * @example Label document
 * ```ts
 * labelDocument('{"mode":"dm"}'); // { label: { mode: "dm" } }
 * ```
 */
export function labelDocument(label: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(label);
    if (parsed && typeof parsed === "object") return { label: parsed };
  } catch { /* plain label */ }
  return { label };
}
