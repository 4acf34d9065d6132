/**
 * Counts a test run from its JUnit XML, so that every runtime is counted the same way: one count per leaf test (an
 * `it`, a `test` without subtests, a subtest), never per `describe`.
 *
 * Node and Bun nest `<testsuite>`s and list only leaves as `<testcase>`. Deno lists containers and steps flat, with
 * " > " in step names ("Client > getAccount() …"): a case whose name prefixes another's is a container and is not
 * counted, unless it failed for a reason of its own (a hook, a sanitizer), which counts as one failure. When the
 * runner exits non-zero and no failure was found (a crash, a missing report), that counts as one failure too.
 *
 * Usage: `deno run --allow-read scripts/test_report.ts <label> <junit.xml> <exit code>`
 * Prints one tab-separated line for scripts/test_all.sh: `<label> <passed> <failed> <skipped> <todo>`.
 * @module
 */

interface Case {
  name: string;
  status: "passed" | "failed" | "skipped";
  todo: boolean;
  /** The failure message, for telling Deno's "1 test step failed" from a container's own failure. */
  message: string;
}

const TAG = /<(\/?)(testcase|failure|error|skipped)\b((?:\s+[^\s=/>]+(?:\s*=\s*"[^"]*")?)*)\s*(\/?)>/g;

function attribute(attributes: string, name: string): string {
  return new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`).exec(attributes)?.[1] ?? "";
}

function decode(text: string): string {
  return text.replace(
    /&(lt|gt|quot|apos|amp);/g,
    (_, entity: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[entity]!,
  );
}

function parse(xml: string): Case[] {
  const cases: Case[] = [];
  let current: Case | undefined;
  for (const [, closing, tag, attributes, selfClosing] of xml.matchAll(TAG)) {
    if (tag === "testcase") {
      if (closing) {
        current = undefined;
      } else {
        current = { name: decode(attribute(attributes, "name")), status: "passed", todo: false, message: "" };
        cases.push(current);
        if (selfClosing) current = undefined;
      }
    } else if (current && !closing) {
      const message = decode(attribute(attributes, "message"));
      if (tag === "skipped") {
        current.status = "skipped";
        // Node reports `{ todo }` tests as `<skipped type="todo">`.
        current.todo = attribute(attributes, "type") === "todo";
      } else {
        current.status = "failed";
        current.message = message;
      }
    }
  }
  return cases;
}

/** Counts the leaves of a run. */
export function count(
  xml: string,
  exitCode: number,
): { passed: number; failed: number; skipped: number; todo: number } {
  const cases = parse(xml);
  const containers = new Set<string>();
  for (const { name } of cases) {
    const parts = name.split(" > ");
    for (let i = 1; i < parts.length; i++) containers.add(parts.slice(0, i).join(" > "));
  }
  const totals = { passed: 0, failed: 0, skipped: 0, todo: 0 };
  for (const c of cases) {
    if (containers.has(c.name)) {
      if (c.status === "failed" && !/^\d+ test steps? failed/.test(c.message)) totals.failed++;
    } else if (c.todo) totals.todo++;
    else totals[c.status]++;
  }
  if (exitCode !== 0 && totals.failed === 0) totals.failed = 1;
  if (exitCode === 0 && cases.length === 0) totals.failed = 1;
  return totals;
}

if (import.meta.main) {
  const [label, file, exitCode] = Deno.args;
  if (!label || !file || exitCode === undefined) {
    console.error("usage: test_report.ts <label> <junit.xml> <exit code>");
    Deno.exit(2);
  }
  let xml = "";
  try {
    xml = await Deno.readTextFile(file);
  } catch {
    console.error(`${label}: no JUnit report at ${file} (the runner died before writing one?)`);
  }
  const totals = count(xml, Number(exitCode));
  const cases = parse(xml);
  if (Number(exitCode) !== 0 && cases.every((c) => c.status !== "failed")) {
    console.error(`${label}: the runner exited with ${exitCode} but no test failed; counted as 1 failure`);
  } else if (Number(exitCode) === 0 && cases.length === 0) {
    console.error(`${label}: no test ran; counted as 1 failure`);
  }
  console.log([label, totals.passed, totals.failed, totals.skipped, totals.todo].join("\t"));
}
