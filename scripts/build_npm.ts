/**
 * Builds the npm package into `npm/`, as dnt would, with the TypeScript compiler API and esbuild:
 *
 * - `npm/esm/`: one ES module per entry (`mod.js`, `satori.js`, `console.js`) plus `shared.js`, for `import` (Node,
 *   Bun, bundlers, browsers, workers), with per-file `.d.ts` from the compiler;
 * - `npm/cjs/`: the same files as CommonJS, for Node 20's `require`, marked `"type": "commonjs"`;
 * - `npm/package.json` with an `exports` map of every entry of deno.json that exists, README.md and LICENSE.
 *
 * The compiler type-checks the entries and writes the declarations; esbuild writes the JavaScript. Each entry is
 * bundled into one file because Node 20 pays about 0.5 ms per module it loads: the 36 modules the compiler used to
 * emit made `import` + `new Client()` cost 17 ms, one file costs about 3 ms (BENCHMARKS.md, row 6). The source modules
 * that more than one entry reaches (Session, the errors, the HTTP transport…) are bundled once, into `shared.js`,
 * which the entries import: a class is one class whichever entry it came from, so `instanceof` holds across entries,
 * in both formats, as it did with one file per module. (esbuild's own code splitting would keep that too, but makes
 * one chunk per combination of entries: three files for `mod.js` to load instead of one.) The two formats are still
 * two copies (`import` and `require` of the package give different classes), which is what `isNakamaError()`, which
 * matches by name, is for. Identifiers are never minified, so stack traces and `error.name` (taken from
 * `new.target.name`) read as in the source; syntax is, and whitespace too in the CommonJS build only (see `bundle`).
 * A linked source map (without the sources' text, to keep the package small) maps each file back to `src/`.
 *
 * Then, unless `--skip-tests` is given, it compiles `tests/` (except the Deno-only `tests/leaks/`) to
 * `.cache/node-tests/` with the same compiler, rewriting every import of an entry file to the package name
 * (`../mod.ts` → `@nakama-ts/sdk`), so Node runs the suite against the JavaScript users get. A test may not import
 * `src/` directly: internal modules are not files of the package. `import.meta.url` in a compiled test still names its
 * source file, so paths relative to the test (fixtures, captures) resolve as they do on Deno and Bun.
 *
 * Usage: `deno run -A scripts/build_npm.ts [--skip-tests]`
 * @module
 */

// Resolved from node_modules (deno.json has nodeModulesDir "manual"); pinned in package.json.
import ts from "typescript";
import * as esbuild from "esbuild";
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

/** Type-checks the entries and writes their declarations into `outDir`; stops the build on any diagnostic. */
function compile(label: string, rootNames: string[], options: ts.CompilerOptions): void {
  const program = ts.createProgram({ rootNames, options });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  if (diagnostics.length > 0) fail(`${label}: type errors\n${formatDiagnostics(diagnostics)}`);
  const result = program.emit(undefined, undefined, undefined, false, { afterDeclarations: [declarationSpecifiers] });
  if (result.emitSkipped || result.diagnostics.length > 0) {
    fail(`${label}: emit failed\n${formatDiagnostics(result.diagnostics)}`);
  }
}

// ---------------------------------------------------------------------------------------------- bundles

/** The file the entries import what they share from, next to them in `esm/` and `cjs/` (no `.d.ts`, not exported). */
const SHARED = "shared";
/** The shared bundle's entry: a generated module re-exporting every shared source module. */
const SHARED_ENTRY = "nakama-shared-entry";
const SHARED_NAMESPACE = "nakama-shared";

/** How the source modules divide between the entries' bundles and `shared.js`, from esbuild's import graph. */
interface Layout {
  /** Absolute paths of the modules reached from more than one entry: they go to `shared.js`. */
  shared: Set<string>;
  /** For every other module, the bundle (its `out` name, such as `mod`) of the one entry that reaches it. */
  owner: Map<string, string>;
}

function entryPoint(entry: Entry): { in: string; out: string } {
  return { in: path.join(ROOT, entry.source), out: posix(withoutExtension(entry.source)) };
}

/**
 * A statement that is nothing but a call marked `/* @__PURE__ *\/` is removed by every bundler (this build's esbuild
 * and Bun's runtime transpiler included), so its side effect, such as attaching `Symbol.asyncDispose`, is lost.
 */
function checkPureStatements(file: string): void {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node): void => {
    if (ts.isExpressionStatement(node)) {
      const comments = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
      if (comments.some((c) => /[#@]__PURE__/.test(text.slice(c.pos, c.end)))) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        fail(`${file}:${line + 1}: a statement marked /* @__PURE__ */ is removed by bundlers; unmark it`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

/**
 * Bundles the entries once without writing anything, and reads from the import graph which modules each entry
 * reaches. What only one entry reaches is bundled into that entry; what several reach goes to `shared.js`. Everything
 * a shared module imports is reached by the same entries, so `shared.js` never needs an entry's code.
 */
async function planLayout(entries: Entry[]): Promise<Layout> {
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: entries.map(entryPoint),
    outdir: path.join(OUT, "esm"),
    bundle: true,
    format: "esm",
    platform: "neutral",
    tsconfig: path.join(ROOT, "tsconfig.json"),
    write: false,
    metafile: true,
    logLevel: "warning",
  });
  const inputs = result.metafile.inputs;
  for (const file of Object.keys(inputs)) checkPureStatements(file);
  const reachedBy = new Map<string, string[]>();
  for (const entry of entries.map(entryPoint)) {
    const stack = [posix(path.relative(ROOT, entry.in))];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const file = stack.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const input = inputs[file];
      if (input === undefined) fail(`esbuild's graph has no ${file}`);
      for (const imported of input.imports) if (!imported.external) stack.push(imported.path);
    }
    for (const file of seen) {
      const absolute = path.join(ROOT, file);
      reachedBy.set(absolute, [...reachedBy.get(absolute) ?? [], entry.out]);
    }
  }
  const layout: Layout = { shared: new Set(), owner: new Map() };
  for (const [file, outs] of reachedBy) {
    if (outs.length > 1) layout.shared.add(file);
    else layout.owner.set(file, outs[0]);
  }
  return layout;
}

/**
 * Sends every import of a shared module from an entry's side to `shared.js` (an external import, left for the
 * runtime to load), and serves the shared bundle's entry: `export * from` each shared module.
 */
function sharedPlugin(layout: Layout): esbuild.Plugin {
  const sharedFiles = [...layout.shared].sort();
  return {
    name: "nakama-shared",
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${SHARED_ENTRY}$`) }, () => ({
        path: SHARED_ENTRY,
        namespace: SHARED_NAMESPACE,
      }));
      build.onLoad({ filter: /.*/, namespace: SHARED_NAMESPACE }, () => ({
        contents: sharedFiles.map((file) => `export * from ${JSON.stringify(file)};\n`).join(""),
        resolveDir: ROOT,
        loader: "js",
      }));
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.namespace === SHARED_NAMESPACE || args.importer === "") return undefined;
        const target = path.resolve(args.resolveDir, args.path);
        const owner = layout.owner.get(path.resolve(args.importer));
        if (!layout.shared.has(target) || owner === undefined) return undefined;
        // Relative to the entry's output file, which is where this import will stand.
        const relative = posix(path.relative(path.dirname(owner), SHARED)) + ".js";
        return { path: relative.startsWith(".") ? relative : `./${relative}`, external: true };
      });
    },
  };
}

/** Every runtime export name of each shared module (a bundle of each on its own, not written). */
async function exportNames(files: string[]): Promise<Map<string, string[]>> {
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: files,
    outdir: path.join(OUT, "names"),
    outbase: ROOT,
    bundle: false,
    format: "esm",
    tsconfig: path.join(ROOT, "tsconfig.json"),
    write: false,
    metafile: true,
    logLevel: "warning",
  });
  const names = new Map<string, string[]>();
  for (const output of Object.values(result.metafile.outputs)) {
    if (output.entryPoint) names.set(path.join(ROOT, output.entryPoint), output.exports);
  }
  return names;
}

/** Writes the entries' bundles and `shared.js` in `format` into `outDir`, and checks that no module is in two. */
async function bundle(
  entries: Entry[],
  layout: Layout,
  format: "esm" | "cjs",
  outDir: string,
): Promise<esbuild.Metafile> {
  const points = entries.map(entryPoint);
  if (points.some((p) => p.out === SHARED)) fail(`an entry named ${SHARED} would overwrite the shared bundle`);
  if (layout.shared.size > 0) points.push({ in: SHARED_ENTRY, out: SHARED });
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: points,
    outdir: outDir,
    bundle: true,
    format,
    platform: "neutral",
    // The compiler's target (tsconfig.json): nothing is lowered, private fields and class fields stay native.
    target: "es2022",
    tsconfig: path.join(ROOT, "tsconfig.json"),
    // Syntax, and whitespace in CommonJS only: names stay, for stack traces and `error.name` (see the module doc).
    // Removing whitespace also removes the `/* @__PURE__ */` annotations, and a bundler that takes only `Session`
    // from the ES build needs them to drop the client's endpoint tables (3.6 KB gzipped instead of 1.8 KB). It would
    // save Node about 0.25 ms more at import; bundlers do not tree-shake CommonJS, so that build has it.
    minifyWhitespace: format === "cjs",
    minifySyntax: true,
    minifyIdentifiers: false,
    sourcemap: "linked",
    sourcesContent: false,
    legalComments: "none",
    metafile: true,
    logLevel: "warning",
    plugins: [sharedPlugin(layout)],
  });
  if (result.errors.length > 0) fail(`${format}: esbuild failed`);
  restoreClassNames(result.metafile);
  // One copy of each module across the files: what makes instanceof hold across entries.
  const bundledIn = new Map<string, string>();
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      if (bytesInOutput === 0 || input.startsWith(`${SHARED_NAMESPACE}:`)) continue;
      const other = bundledIn.get(input);
      if (other !== undefined) fail(`${format}: ${input} is bundled into both ${other} and ${file}`);
      bundledIn.set(input, file);
    }
  }
  return result.metafile;
}

/**
 * `export *` drops a name that two shared modules both export (the ES rule for ambiguous star exports), and an
 * entry importing it would then fail to link: every name must reach `shared.js`.
 */
async function checkSharedExports(layout: Layout, metafile: esbuild.Metafile, outDir: string): Promise<void> {
  if (layout.shared.size === 0) return;
  const output = metafile.outputs[posix(path.relative(ROOT, path.join(outDir, `${SHARED}.js`)))];
  if (output === undefined) fail(`no ${SHARED}.js in esbuild's metafile`);
  const exported = new Set(output.exports);
  for (const [file, names] of await exportNames([...layout.shared])) {
    const missing = names.filter((name) => !exported.has(name));
    if (missing.length > 0) {
      fail(
        `${path.relative(ROOT, file)} exports ${missing.join(", ")}, which another shared module exports too: ` +
          `rename one (${SHARED}.js re-exports every shared module with export *)`,
      );
    }
  }
}

/**
 * esbuild turns each top-level `class X` into `var X = class {…}`, whose `.name` is still `X`, but a class that names
 * itself in its body (`Session.restore` returns `new Session(…)`) becomes `var X = class _X {…}`, and then
 * `X.name` is `"_X"` (esbuild issue 3516). Its fix, `keepNames`, also wraps every named closure in a `__name()` call,
 * on the request and message paths too. Here, instead, the inner name `_X` is renamed back to `X`: inside the class
 * body `X` is the class either way. `X ` (with a space) keeps every column, so the source map stays exact. Safe
 * because no source module uses the identifier `_X` (checked): every `_X` in the output is that inner name.
 */
function restoreClassNames(metafile: esbuild.Metafile): void {
  const sources = Object.keys(metafile.inputs)
    .filter((file) => !file.startsWith(`${SHARED_NAMESPACE}:`))
    .map((file) => ({ file, text: fs.readFileSync(path.join(ROOT, file), "utf8") }));
  for (const file of Object.keys(metafile.outputs).filter((f) => f.endsWith(".js"))) {
    const full = path.join(ROOT, file);
    let code = fs.readFileSync(full, "utf8");
    // `var X = class _X {`, or `…,X=class _X{` where minifySyntax merged the declarations.
    const names = [...code.matchAll(/(?<![\w$.])([A-Za-z$][\w$]*)\s*=\s*class _\1(?![\w$])/g)].map((m) => m[1]);
    for (const name of new Set(names)) {
      const inner = new RegExp(`(?<![\\w$.])_${name.replace(/\$/g, "\\$")}(?![\\w$])`, "g");
      const clash = sources.find((source) => new RegExp(inner.source).test(source.text));
      if (clash) fail(`${clash.file} uses the identifier _${name}, which esbuild gives class ${name}: rename it`);
      code = code.replace(inner, `${name} `);
    }
    fs.writeFileSync(full, code);
  }
}

function sizes(metafile: esbuild.Metafile): string {
  return Object.entries(metafile.outputs)
    .filter(([file]) => file.endsWith(".js"))
    .map(([file, output]) => `${path.basename(file)} ${(output.bytes / 1024).toFixed(1)} KB`)
    .join(", ");
}

async function buildPackage(denoJson: DenoJson, entries: Entry[]): Promise<void> {
  const base = baseOptions();
  fs.rmSync(OUT, { recursive: true, force: true });
  const rootNames = entries.map((e) => path.join(ROOT, e.source));
  const shared: ts.CompilerOptions = {
    ...base,
    noEmit: false,
    declaration: true,
    // The JavaScript is esbuild's (below); the compiler checks the types and writes the declarations.
    emitDeclarationOnly: true,
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

  const layout = await planLayout(entries);
  const built: string[] = [];
  for (const format of ["esm", "cjs"] as const) {
    const outDir = path.join(OUT, format);
    const metafile = await bundle(entries, layout, format, outDir);
    // esbuild lists the exports of ES modules only; both formats come from the same modules.
    if (format === "esm") await checkSharedExports(layout, metafile, outDir);
    built.push(`${format}: ${sizes(metafile)}`);
  }

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
  for (const line of built) console.log(`build_npm:   ${line}`);
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
  const testsDir = path.join(ROOT, "tests") + path.sep;
  return (specifier, fromFile) => {
    // The program also compiles the sources the tests import; only the tests' own output is kept.
    if (!path.resolve(fromFile).startsWith(testsDir) || !/^\.\.?\//.test(specifier)) return undefined;
    const target = withoutExtension(path.resolve(path.dirname(fromFile), specifier));
    const subpath = entryByPath.get(target);
    if (subpath !== undefined) return subpath === "." ? "@nakama-ts/sdk" : `@nakama-ts/sdk/${subpath.slice(2)}`;
    if (target.startsWith(srcDir)) {
      // A copy compiled for the test would be a second copy of its classes, unlike anything users load.
      fail(
        `${path.relative(ROOT, fromFile)} imports ${specifier}: the package bundles src/ into its entry points, ` +
          "so tests import mod.ts, satori.ts or console.ts (type-only imports of src/ are fine)",
      );
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
try {
  await buildPackage(denoJson, entries);
} finally {
  // esbuild's service process would keep this one alive.
  await esbuild.stop();
}
if (!Deno.args.includes("--skip-tests")) buildTests(entries);
