// Keeps docs/endpoints.md, the Client class and the REST tests from drifting apart: every route of the table names
// methods that exist on Client.prototype, every public Client method is in the table, and every one of them is
// called by at least one tests/rest_*_test.ts file. Reads files only; it shares no state with the other tests.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Client } from "../mod.ts";

/** The repository root: the nearest ancestor holding docs/endpoints.md (this file may run from a build copy). */
function projectRoot(): URL {
  let dir = new URL("./", import.meta.url);
  for (let i = 0; i < 6; i++) {
    if (existsSync(fileURLToPath(new URL("docs/endpoints.md", dir)))) return dir;
    dir = new URL("../", dir);
  }
  throw new Error("docs/endpoints.md not found above " + import.meta.url);
}

interface Row {
  number: number;
  route: string;
  operation: string;
  methods: string[];
}

function readTable(root: URL): Row[] {
  const text = readFileSync(fileURLToPath(new URL("docs/endpoints.md", root)), "utf8");
  const rows: Row[] = [];
  for (const line of text.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    // | # | `METHOD /path` | Operation | `method(...)` | Auth |
    if (cells.length < 6 || !/^\d+$/.test(cells[1])) continue;
    const methods = [...cells[4].matchAll(/`([a-zA-Z]+)\(/g)].map((m) => m[1]);
    rows.push({ number: Number(cells[1]), route: cells[2].replaceAll("`", ""), operation: cells[3], methods });
  }
  return rows;
}

/** Public Client members that are not REST routes. */
const NOT_ROUTES = new Set(["constructor", "createSocket"]);

function clientMethods(): string[] {
  return Object.getOwnPropertyNames(Client.prototype).filter((name) => {
    const descriptor = Object.getOwnPropertyDescriptor(Client.prototype, name);
    return typeof descriptor?.value === "function" && !NOT_ROUTES.has(name);
  });
}

describe("docs/endpoints.md and Client", () => {
  const root = projectRoot();
  const rows = readTable(root);

  it("the table lists the 88 routes, numbered 1 to 88, each with a method and a distinct route", () => {
    assert.deepEqual(rows.map((r) => r.number), Array.from({ length: 88 }, (_, i) => i + 1));
    for (const row of rows) {
      assert.match(row.route, /^(GET|POST|PUT|DELETE) \/\S+$/, `row ${row.number}`);
      assert.ok(row.methods.length > 0, `row ${row.number} names no method`);
    }
    assert.equal(new Set(rows.map((r) => r.route)).size, 88, "a route is listed twice");
  });

  it("every method the table names exists on Client.prototype", () => {
    const missing = rows.flatMap((row) =>
      row.methods.filter((name) => typeof (Client.prototype as unknown as Record<string, unknown>)[name] !== "function")
        .map((name) => `${row.number} ${row.operation}: ${name}`)
    );
    assert.deepEqual(missing, []);
  });

  it("every public Client method is in the table", () => {
    const listed = new Set(rows.flatMap((r) => r.methods));
    assert.deepEqual(clientMethods().filter((name) => !listed.has(name)), []);
  });

  it("every method of the table is called by a tests/rest_*_test.ts file", () => {
    const testsDir = new URL("tests/", root);
    const files = readdirSync(fileURLToPath(testsDir)).filter((f) => /^rest_\w+_test\.ts$/.test(f));
    assert.ok(files.length >= 13, `found only ${files.join(", ")}`);
    const source = files.map((f) => readFileSync(fileURLToPath(new URL(f, testsDir)), "utf8")).join("\n");
    const uncalled = [...new Set(rows.flatMap((r) => r.methods))].filter(
      (name) => !new RegExp(`client\\.${name}\\(`).test(source),
    );
    assert.deepEqual(uncalled, []);
    // The two routes that share a method: the POST binding of WriteTournamentRecord and the GET form of the RPC.
    assert.match(source, /writeTournamentRecord\([^)]*method: "POST"/);
    assert.match(source, /client\.rpc\(\w+, "[^"]+"\)/);
  });
});
