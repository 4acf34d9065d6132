/**
 * Builds the npm package into `npm/`, as dnt would, with the TypeScript compiler API and nothing else:
 *
 * - `npm/esm/`: ES modules plus `.d.ts`, for `import` (Node, Bun, bundlers, browsers, workers);
 * - `npm/cjs/`: CommonJS plus `.d.ts`, for Node 20's `require`, marked `"type": "commonjs"`;
 * - `npm/package.json` with an `exports` map of every entry of deno.json that exists, README.md and LICENSE.
 *
 * Then, unless `--skip-tests` is given, it compiles `tests/` (except the Deno-only `tests/leaks/`) to
 * `.cache/node-tests/` with the same compiler, rewriting every import of an entry file to the package name
 * (`../mod.ts` → `@nakama-ts/sdk`) and every import of `src/` to the built file, so Node runs the suite against the
 * JavaScript users get. `import.meta.url` in a compiled test still names its source file, so paths relative to the
 * test (fixtures, captures) resolve as they do on Deno and Bun.
 *
 * Usage: `deno run -A scripts/build_npm.ts [--skip-tests]`
 * @module
 */

// Resolved from node_modules (deno.json has nodeModulesDir "manual"); pinned in package.json.
import ts from "typescript";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUT = path.join(ROOT, "npm");
const TESTS_OUT = path.join(ROOT, ".cache", "node-tests");

/** The npm package's description; the README says the rest. */
const DESCRIPTION =
  "A zero-dependency TypeScript client for the Nakama game server and the Satori live-ops server, built only on web standards.";
const KEYWORDS = ["nakama", "satori", "heroiclabs", "game-server", "multiplayer", "deno", "bun", "workers"];

interface DenoJson {
  name: string;
  version: string;
  license?: string;
  exports: string | Record<string, string>;
}

/** One entry point of the package: its subpath in `exports` and its source file relative to the root. */
interface Entry {
  subpath: string;
  source: string;
}

function fail(message: string): never {
  console.error(`build_npm: ${message}`);
  Deno.exit(1);
}

function readDenoJson(): DenoJson {
  const json = JSON.parse(fs.readFileSync(path.join(ROOT, "deno.json"), "utf8")) as DenoJson;
  if (!json.name || !json.version) fail("deno.json needs a name and a version");
  return json;
}

/** The entries of deno.json whose file exists; the others are reported and left out of the package. */
function findEntries(denoJson: DenoJson): Entry[] {
  const map = typeof denoJson.exports === "string" ? { ".": denoJson.exports } : denoJson.exports;
  const entries: Entry[] = [];
  for (const [subpath, target] of Object.entries(map)) {
    const source = path.normalize(target);
    if (fs.existsSync(path.join(ROOT, source))) entries.push({ subpath, source });
    else console.warn(`build_npm: ${target} (export "${subpath}") does not exist yet; left out of the package`);
  }
  if (!entries.some((e) => e.subpath === ".")) fail('the "." export of deno.json is missing');
  return entries;
}

/** The compiler options of tsconfig.json (lib ES2022+DOM, no ambient types, strictness), the base of every build. */
function baseOptions(): ts.CompilerOptions {
  const file = path.join(ROOT, "tsconfig.json");
  const read = ts.readConfigFile(file, ts.sys.readFile);
  if (read.error) fail(formatDiagnostics([read.error]));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT, undefined, file);
  if (parsed.errors.length > 0) fail(formatDiagnostics(parsed.errors));
  return parsed.options;
}

function formatDiagnostics(diagnostics: readonly ts.Diagnostic[]): string {
  return ts.formatDiagnosticsWithColorAndContext(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => ROOT,
    getNewLine: () => "\n",
  });
}

function withoutExtension(file: string): string {
  return file.replace(/\.(?:d\.)?[cm]?[jt]sx?$/, "");
}

function posix(file: string): string {
  return file.split(path.sep).join("/");
}

/**
 * A transformer that rewrites module specifiers (import/export declarations, `import()` and `import("…")` types)
 * with `rewrite`, which gets the specifier and the source file's path and returns the new specifier or undefined.
 */
function specifierRewriter<T extends ts.SourceFile | ts.Bundle>(
  rewrite: (specifier: string, fromFile: string) => string | undefined,
): ts.TransformerFactory<T> {
  return (context) => {
    const f = context.factory;
    const visitFile = (file: ts.SourceFile): ts.SourceFile => {
      const literal = (node: ts.Expression | undefined): ts.StringLiteral | undefined => {
        if (!node || !ts.isStringLiteral(node)) return undefined;
        const next = rewrite(node.text, file.fileName);
        return next === undefined || next === node.text ? undefined : f.createStringLiteral(next);
      };
      const visit = (node: ts.Node): ts.Node => {
        if (ts.isImportDeclaration(node)) {
          const spec = literal(node.moduleSpecifier);
          if (spec) {
            return f.updateImportDeclaration(node, node.modifiers, node.importClause, spec, node.attributes);
          }
        } else if (ts.isExportDeclaration(node)) {
          const spec = literal(node.moduleSpecifier);
          if (spec) {
            return f.updateExportDeclaration(
              node,
              node.modifiers,
              node.isTypeOnly,
              node.exportClause,
              spec,
              node.attributes,
            );
          }
        } else if (ts.isCallExpression(node) && node.arguments.length > 0) {
          const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
          const isRequire = ts.isIdentifier(node.expression) && node.expression.text === "require";
          const spec = isImport || isRequire ? literal(node.arguments[0]) : undefined;
          if (spec) {
            return f.updateCallExpression(node, node.expression, node.typeArguments, [
              spec,
              ...node.arguments.slice(1),
            ]);
          }
        } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
          const spec = literal(node.argument.literal as ts.Expression);
          if (spec) {
            return f.updateImportTypeNode(
              node,
              f.createLiteralTypeNode(spec),
              node.attributes,
              node.qualifier,
              node.typeArguments,
              node.isTypeOf,
            );
          }
        }
        return ts.visitEachChild(node, visit, context);
      };
      return ts.visitNode(file, visit) as ts.SourceFile;
    };
    return (node: T) => (ts.isSourceFile(node) ? visitFile(node) : node) as T;
  };
}

/**
 * A transformer that makes `import.meta.url`, `import.meta.filename` and `import.meta.dirname` name the TypeScript
 * source, so a compiled test finds what it reads relative to itself (fixtures, `../shared/captures`) where it is in
 * the source tree, not under `.cache/node-tests/`.
 */
function sourceLocation(): ts.TransformerFactory<ts.SourceFile> {
  return (context) => (file) => {
    const f = context.factory;
    const values: Record<string, string> = {
      url: pathToFileURL(file.fileName).href,
      filename: path.resolve(file.fileName),
      dirname: path.dirname(path.resolve(file.fileName)),
    };
    const visit = (node: ts.Node): ts.Node => {
      if (
        ts.isPropertyAccessExpression(node) && ts.isMetaProperty(node.expression) &&
        node.expression.keywordToken === ts.SyntaxKind.ImportKeyword && ts.isIdentifier(node.name) &&
        Object.hasOwn(values, node.name.text)
      ) {
        return f.createStringLiteral(values[node.name.text]);
      }
      return ts.visitEachChild(node, visit, context);
    };
    return ts.visitNode(file, visit) as ts.SourceFile;
  };
}

/** `.d.ts` output keeps the `.ts` of relative specifiers; consumers without allowImportingTsExtensions need `.js`. */
const declarationSpecifiers = specifierRewriter<ts.SourceFile | ts.Bundle>((specifier) =>
  /^\.\.?\//.test(specifier) && /\.ts$/.test(specifier) && !/\.d\.ts$/.test(specifier)
    ? specifier.replace(/\.ts$/, ".js")
    : undefined
);

/** Compiles the entries into `outDir` with `options`; stops the build on any diagnostic. */
function compile(label: string, rootNames: string[], options: ts.CompilerOptions): void {
  const program = ts.createProgram({ rootNames, options });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  if (diagnostics.length > 0) fail(`${label}: type errors\n${formatDiagnostics(diagnostics)}`);
  const result = program.emit(undefined, undefined, undefined, false, { afterDeclarations: [declarationSpecifiers] });
  if (result.emitSkipped || result.diagnostics.length > 0) {
    fail(`${label}: emit failed\n${formatDiagnostics(result.diagnostics)}`);
  }
}

function buildPackage(denoJson: DenoJson, entries: Entry[]): void {
  const base = baseOptions();
  fs.rmSync(OUT, { recursive: true, force: true });
  const rootNames = entries.map((e) => path.join(ROOT, e.source));
  const shared: ts.CompilerOptions = {
    ...base,
    noEmit: false,
    declaration: true,
    stripInternal: true,
    removeComments: false,
    sourceMap: false,
    rootDir: ROOT,
    allowImportingTsExtensions: true,
    rewriteRelativeImportExtensions: true,
    newLine: ts.NewLineKind.LineFeed,
  };
  compile("esm", rootNames, {
    ...shared,
    outDir: path.join(OUT, "esm"),
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
  });
  compile("cjs", rootNames, {
    ...shared,
    outDir: path.join(OUT, "cjs"),
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    // verbatimModuleSyntax forbids CommonJS output by design; the ESM build already enforced it on the source.
    verbatimModuleSyntax: false,
  });
  // The package is "type": "module"; this marks the .js and .d.ts under cjs/ as CommonJS for Node and TypeScript.
  writeJson(path.join(OUT, "cjs", "package.json"), { type: "commonjs" });

  const exportsMap: Record<string, unknown> = {};
  for (const entry of entries) {
    const base = posix(withoutExtension(entry.source));
    exportsMap[entry.subpath] = {
      import: { types: `./esm/${base}.d.ts`, default: `./esm/${base}.js` },
      require: { types: `./cjs/${base}.d.ts`, default: `./cjs/${base}.js` },
    };
  }
  exportsMap["./package.json"] = "./package.json";
  const main = posix(withoutExtension(entries.find((e) => e.subpath === ".")!.source));

  const files = ["esm/", "cjs/"];
  for (const doc of ["README.md", "LICENSE"]) {
    const source = path.join(ROOT, doc);
    if (fs.existsSync(source)) {
      fs.copyFileSync(source, path.join(OUT, doc));
      files.push(doc);
    } else {
      console.warn(`build_npm: ${doc} does not exist yet; the package ships without it`);
    }
  }

  writeJson(path.join(OUT, "package.json"), {
    name: denoJson.name,
    version: denoJson.version,
    description: DESCRIPTION,
    keywords: KEYWORDS,
    license: denoJson.license ?? "Apache-2.0",
    type: "module",
    main: `./cjs/${main}.js`,
    module: `./esm/${main}.js`,
    types: `./esm/${main}.d.ts`,
    exports: exportsMap,
    files,
    sideEffects: false,
    engines: { node: ">=20" },
  });
  console.log(`build_npm: ${denoJson.name}@${denoJson.version} → npm/ (${entries.map((e) => e.subpath).join(", ")})`);
}

// ---------------------------------------------------------------------------------------------- tests for Node

function walk(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

/** Where a test's import of the repository's own TypeScript goes in the built package, if it is one. */
function packageSpecifier(
  entries: Entry[],
): (specifier: string, fromFile: string) => string | undefined {
  const entryByPath = new Map(entries.map((e) => [withoutExtension(path.join(ROOT, e.source)), e.subpath]));
  const srcDir = path.join(ROOT, "src") + path.sep;
  return (specifier, fromFile) => {
    if (!/^\.\.?\//.test(specifier)) return undefined;
    const target = withoutExtension(path.resolve(path.dirname(fromFile), specifier));
    const subpath = entryByPath.get(target);
    if (subpath !== undefined) return subpath === "." ? "@nakama-ts/sdk" : `@nakama-ts/sdk/${subpath.slice(2)}`;
    if (target.startsWith(srcDir)) {
      // Internal modules are not exported; the test reaches the very file the package's entry points load.
      const outFile = path.join(TESTS_OUT, path.relative(ROOT, fromFile));
      const built = path.join(OUT, "esm", path.relative(ROOT, target)) + ".js";
      const relative = posix(path.relative(path.dirname(outFile), built));
      return relative.startsWith(".") ? relative : `./${relative}`;
    }
    return undefined;
  };
}

function buildTests(entries: Entry[]): void {
  const testsDir = path.join(ROOT, "tests");
  const leaks = path.join(testsDir, "leaks") + path.sep;
  const all = walk(testsDir).filter((f) => !f.startsWith(leaks));
  const sources = all.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));
  fs.rmSync(TESTS_OUT, { recursive: true, force: true });
  fs.mkdirSync(TESTS_OUT, { recursive: true });
  const options: ts.CompilerOptions = {
    ...baseOptions(),
    lib: ["lib.esnext.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
    types: ["node"],
    noEmit: false,
    // The suite is type-checked by `deno check`; here it is only compiled, the way Node would see it.
    noCheck: true,
    declaration: false,
    sourceMap: true,
    rootDir: ROOT,
    outDir: TESTS_OUT,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    rewriteRelativeImportExtensions: true,
    newLine: ts.NewLineKind.LineFeed,
  };
  const program = ts.createProgram({ rootNames: sources, options });
  const syntax = program.getSyntacticDiagnostics();
  if (syntax.length > 0) fail(`tests: syntax errors\n${formatDiagnostics(syntax)}`);
  const testsPrefix = path.join(TESTS_OUT, "tests") + path.sep;
  const result = program.emit(
    undefined,
    (fileName, text) => {
      // The suite's imports of mod.ts and src/ go to npm/, so their compiled copies here would only mislead.
      if (!path.resolve(fileName).startsWith(testsPrefix)) return;
      fs.mkdirSync(path.dirname(fileName), { recursive: true });
      fs.writeFileSync(fileName, text);
    },
    undefined,
    false,
    { before: [sourceLocation()], after: [specifierRewriter<ts.SourceFile>(packageSpecifier(entries))] },
  );
  if (result.emitSkipped) fail(`tests: emit failed\n${formatDiagnostics(result.diagnostics)}`);
  // import.meta.url names the source (sourceLocation), so fixtures are read from the source tree; these copies are
  // for relative imports of non-TypeScript modules (`import data from "./x.json" with { type: "json" }`).
  for (const file of all.filter((f) => !f.endsWith(".ts"))) {
    const target = path.join(TESTS_OUT, path.relative(ROOT, file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
  }
  writeJson(path.join(TESTS_OUT, "package.json"), { type: "module", private: true });
  // `@nakama-ts/sdk` resolves from the compiled tests to npm/; other packages (ws) resolve from the root's node_modules.
  const scope = path.join(TESTS_OUT, "node_modules", "@nakama-ts");
  fs.mkdirSync(scope, { recursive: true });
  fs.symlinkSync(path.relative(scope, OUT), path.join(scope, "sdk"), "dir");
  const count = sources.filter((f) => f.endsWith("_test.ts")).length;
  console.log(`build_npm: ${sources.length} test files (${count} *_test.ts) → ${path.relative(ROOT, TESTS_OUT)}/`);
}

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + "\n");
}

const denoJson = readDenoJson();
const entries = findEntries(denoJson);
buildPackage(denoJson, entries);
if (!Deno.args.includes("--skip-tests")) buildTests(entries);
