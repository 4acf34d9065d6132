#!/usr/bin/env bash
# The whole test matrix, as CI runs it (`npm test`):
#   checks   deno fmt/lint/check, deno doc --lint, tsc (no ambient types), deno publish --dry-run, npm build
#   deno     tests/**/*_test.ts on the TypeScript source (tests/leaks/ included: Deno-only sanitizer tests)
#   bun      the same files minus tests/leaks/, on the source
#   node     the same files minus tests/leaks/, compiled by scripts/build_npm.ts against the built package
#   package  npm pack + install + example type checks, then import/require smoke on Node and Bun
#   workerd  examples/cloudflare_worker.ts bundled from the package, served by workerd
#   browser  the ESM build in headless Chromium
# Every runner writes JUnit; scripts/test_report.ts counts leaf tests the same way for all of them.
# The last line is always `N passed, N failed`; the exit status is 1 when anything failed.
# Environment: SKIP_BROWSER=1 skips the browser row (reported as skipped, never silently).
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
export PATH="$ROOT/node_modules/.bin:$PATH"
REPORTS=.cache/reports
SUMMARY=$REPORTS/summary.tsv
STARTED=$SECONDS

rm -rf "$REPORTS"
mkdir -p "$REPORTS"
: >"$SUMMARY"

banner() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
loud() { printf '\n\033[1;31m!!!!!!!!!! %s !!!!!!!!!!\033[0m\n\n' "$*" >&2; }
# record <row> <passed> <failed> [skipped] [todo]
record() { printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "${4:-0}" "${5:-0}" >>"$SUMMARY"; }

finish() {
  banner "summary ($((SECONDS - STARTED)) s)"
  awk -F'\t' '
    { p[$1] += $2; f[$1] += $3; s[$1] += $4; t[$1] += $5; if (!($1 in seen)) { seen[$1] = 1; order[n++] = $1 } }
    END {
      for (i = 0; i < n; i++) {
        r = order[i]; extra = ""
        if (s[r] > 0) extra = extra ", " s[r] " skipped"
        if (t[r] > 0) extra = extra ", " t[r] " todo"
        printf "  %-8s %5d passed, %d failed%s\n", r, p[r], f[r], extra
        P += p[r]; F += f[r]
      }
      printf "%d passed, %d failed\n", P, F
      exit (F > 0 ? 1 : 0)
    }' "$SUMMARY"
  exit $?
}

# --------------------------------------------------------------------------------------------------- tools
missing=()
[ -d node_modules ] || missing+=("node_modules (run \`npm install\`)")
for tool in deno bun tsc esbuild workerd; do
  [ -x "node_modules/.bin/$tool" ] || missing+=("node_modules/.bin/$tool (run \`npm install\`)")
done
command -v node >/dev/null || missing+=("node (Node.js 20 or later)")
command -v npm >/dev/null || missing+=("npm")
if [ ${#missing[@]} -gt 0 ]; then
  loud "missing tools"
  printf '  %s\n' "${missing[@]}" >&2
  record tools 0 1
  finish
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  loud "Node $(node --version) is too old: Node 20 or later is needed"
  record tools 0 1
  finish
fi
echo "node $(node --version), $(deno --version | head -1), bun $(bun --version), tsc $(tsc --version | cut -d' ' -f2)"

# ---------------------------------------------------------------------------------------------- file lists
entries=()
for entry in mod.ts satori.ts console.ts; do [ -f "$entry" ] && entries+=("$entry"); done
mapfile -t deno_tests < <(find tests -name '*_test.ts' -not -path 'tests/runtimes/*' | LC_ALL=C sort)
# tests/leaks/ holds Deno.test files with sanitizers; tests/runtimes/ holds launchers, not unit tests.
mapfile -t portable_tests < <(printf '%s\n' "${deno_tests[@]}" | grep -v '^tests/leaks/' | grep -v '^$')

# ---------------------------------------------------------------------------------------------- checks
# check <name> <command…>: one pass or one failure in the "checks" row; output shown only on failure.
check() {
  local name=$1 log="$REPORTS/check-${1//[^a-zA-Z0-9]/_}.log" start=$SECONDS
  shift
  if env NO_COLOR=1 "$@" >"$log" 2>&1; then
    printf '  ok      %s (%d s)\n' "$name" $((SECONDS - start))
    record checks 1 0
    return 0
  fi
  printf '  FAILED  %s (%d s): %s\n' "$name" $((SECONDS - start)) "$*"
  sed 's/^/          /' "$log" | tail -n 80
  record checks 0 1
  return 1
}

banner "checks"
check "deno fmt --check" deno fmt --check
check "deno lint" deno lint
check "deno check" deno check "${entries[@]}" tests/ scripts/ examples/
check "deno doc --lint" deno doc --lint "${entries[@]}"
check "tsc -p tsconfig.json (lib ES2022+DOM, no ambient types)" tsc -p tsconfig.json --noEmit
check "deno publish --dry-run" deno publish --dry-run --allow-dirty
built=0
check "npm build (scripts/build_npm.ts)" deno run -A scripts/build_npm.ts && built=1

# ---------------------------------------------------------------------------------------------- runners
# suite <row> <junit file> <command…>: runs a test runner and counts its JUnit report.
suite() {
  local row=$1 junit=$2 start=$SECONDS code
  shift 2
  "$@"
  code=$?
  echo "  ($row: exit $code, $((SECONDS - start)) s)"
  deno run --allow-read scripts/test_report.ts "$row" "$junit" "$code" >>"$SUMMARY"
}

banner "deno: ${#portable_tests[@]} files on the source"
if [ ${#portable_tests[@]} -gt 0 ]; then
  # Type-checking is the "deno check" row's job.
  suite deno "$REPORTS/deno.xml" deno test -A --no-check --junit-path="$REPORTS/deno.xml" "${portable_tests[@]}"
fi

# The sanitizer suite runs in a process of its own, so that nothing another file left pending is blamed on it.
mapfile -t leak_tests < <(printf '%s\n' "${deno_tests[@]}" | grep '^tests/leaks/')
banner "leaks: ${#leak_tests[@]} Deno files with sanitizers on"
if [ ${#leak_tests[@]} -gt 0 ]; then
  suite leaks "$REPORTS/leaks.xml" deno test -A --no-check --junit-path="$REPORTS/leaks.xml" "${leak_tests[@]}"
fi

banner "bun: ${#portable_tests[@]} files on the source"
if [ ${#portable_tests[@]} -gt 0 ]; then
  # Explicit ./paths: `bun test` alone would also collect compiled copies under .cache/ and the leaks tests.
  suite bun "$REPORTS/bun.xml" bun test --reporter=junit --reporter-outfile="$REPORTS/bun.xml" \
    "${portable_tests[@]/#/./}"
fi

node_test() {
  node --enable-source-maps --test --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=junit --test-reporter-destination="$1" "${@:2}"
}

banner "node: ${#portable_tests[@]} files, compiled against npm/"
if [ $built = 1 ]; then
  node_files=()
  for file in "${portable_tests[@]}"; do node_files+=(".cache/node-tests/${file%.ts}.js"); done
  [ ${#node_files[@]} -gt 0 ] && suite node "$REPORTS/node.xml" node_test "$REPORTS/node.xml" "${node_files[@]}"
else
  echo "  not run: the npm build failed"
  record node 0 1
fi

banner "node exit: the compiled SDK leaves nothing that keeps a Node process alive"
if [ $built = 1 ]; then
  # No process.exit() in the probe: it must end on its own once its work is closed.
  if timeout 60 node .cache/node-tests/tests/runtimes/node_exit/exit_probe.js; then
    record node-exit 1 0
  else
    loud "the Node process did not exit by itself (or failed): a timer, socket or listener was left behind"
    record node-exit 0 1
  fi
else
  record node-exit 0 1
fi

banner "package: npm pack, install, types, import/require on Node and Bun"
packaged=0
if [ $built = 1 ]; then
  deno run -A scripts/test_package.ts | tee "$REPORTS/package.log"
  read -r p f < <(sed -n 's/^checks: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$REPORTS/package.log")
  record package "${p:-0}" "${f:-1}"
  # The smoke tests need only the installed tarball; a failed type check is already counted above.
  [ -f .cache/consumer/node_modules/@nakama-ts/sdk/package.json ] && [ -f .cache/consumer/probe.mjs ] && packaged=1
fi
if [ $packaged = 1 ]; then
  suite package "$REPORTS/package-node.xml" node_test "$REPORTS/package-node.xml" \
    .cache/node-tests/tests/runtimes/package/package_smoke.js
  suite package "$REPORTS/package-bun.xml" bun test --reporter=junit \
    --reporter-outfile="$REPORTS/package-bun.xml" ./tests/runtimes/package/package_smoke.ts
else
  echo "  smoke not run: the package could not be built or installed"
  record package 0 1
fi

banner "workerd: examples/cloudflare_worker.ts on the npm build"
if [ $packaged = 1 ]; then
  suite workerd "$REPORTS/workerd.xml" node_test "$REPORTS/workerd.xml" \
    .cache/node-tests/tests/runtimes/workerd/workerd_smoke.js
else
  echo "  not run: no installed package"
  record workerd 0 1
fi

banner "browser: the ESM build in headless Chromium"
if [ "${SKIP_BROWSER:-}" = 1 ]; then
  loud "SKIP_BROWSER=1: the browser smoke test was NOT run"
  record browser 0 0 1
elif [ $packaged = 1 ]; then
  if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    # A fresh Debian/Ubuntu machine has no browser; Debian's chromium is the one the smoke test is written for.
    banner "installing Debian's chromium for the browser smoke test"
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; } \
      >"$REPORTS/apt.log" 2>&1 || tail -20 "$REPORTS/apt.log" >&2
  fi
  if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
    loud "CHROMIUM NOT FOUND at ${CHROMIUM_PATH:-/usr/bin/chromium}: install it (apt-get install -y chromium) or set CHROMIUM_PATH"
  fi
  suite browser "$REPORTS/browser.xml" node_test "$REPORTS/browser.xml" \
    .cache/node-tests/tests/runtimes/browser/browser_smoke.js
else
  echo "  not run: no installed package"
  record browser 0 1
fi

finish
