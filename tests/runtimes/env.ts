/**
 * The only place the runtime launchers look at their surroundings: which runtime runs them, where the repository
 * and the packed-package consumer are, and how to wait for a child process. The unit tests never import this.
 * @module
 */

import * as fs from "node:fs";
import * as path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

/** The runtime running this file. */
export const runtime: "deno" | "bun" | "node" = "Deno" in globalThis ? "deno" : "Bun" in globalThis ? "bun" : "node";

/**
 * The repository root: the nearest directory above this file that holds deno.json. The launchers run from the
 * source tree (Deno, Bun) and compiled under `.cache/node-tests/` (Node); both sit inside the repository.
 */
export function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, "deno.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("repoRoot(): no deno.json above " + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

/**
 * The directory where `scripts/test_package.ts` installed the packed tarball (`npm pack` of `npm/`).
 * @throws {Error} telling how to make it when it is missing.
 */
export function consumerDir(): string {
  const dir = process.env.NAKAMA_TS_CONSUMER_DIR ?? path.join(repoRoot(), ".cache", "consumer");
  if (!fs.existsSync(path.join(dir, "node_modules", "@nakama-ts", "sdk", "package.json"))) {
    throw new Error(
      `No installed package in ${dir}: run \`deno run -A scripts/build_npm.ts && deno run -A scripts/test_package.ts\``,
    );
  }
  return dir;
}

/** A short random device id (Nakama wants 6 to 128 bytes). */
export function deviceId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID()}`;
}
