#!/usr/bin/env bash
# @brief The search page's browser tests: tests/browser/run.sh [BUILD_DIR]
#
# Indexes the sample corpus with BUILD_DIR's diplo-index, serves it with its diplo-serve
# and drives the page in headless Chromium (Debian's /usr/bin/chromium, through the
# playwright-core pinned in package-lock.json). Screenshots go to
# $DIPLOSEARCH_BROWSER_ARTIFACTS (default BUILD_DIR/browser-artifacts).
# Exits 77 (a CTest skip) when node, npm or Chromium is missing:
# scripts/install-browser-deps.sh installs them.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=$(cd "${1:-$here/../../build}" && pwd)
export DIPLO_INDEX_BIN=${DIPLO_INDEX_BIN:-$build/indexer/diplo-index}
export DIPLO_SERVE_BIN=${DIPLO_SERVE_BIN:-$build/server/diplo-serve}
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export DIPLOSEARCH_BROWSER_ARTIFACTS=${DIPLOSEARCH_BROWSER_ARTIFACTS:-$build/browser-artifacts}

skip() {
    echo "SKIP: $1; run scripts/install-browser-deps.sh to run the browser tests" >&2
    exit 77
}
command -v node > /dev/null || skip "node is not installed"
command -v npm > /dev/null || skip "npm is not installed"
[[ -x $CHROMIUM ]] || skip "$CHROMIUM is not installed"
node_major=$(node -p 'process.versions.node.split(".")[0]')
((node_major >= 18)) || skip "node $node_major is too old (playwright-core needs 18 or later)"
for bin in "$DIPLO_INDEX_BIN" "$DIPLO_SERVE_BIN"; do
    [[ -x $bin ]] || { echo "run.sh: $bin is not built" >&2; exit 1; }
done

cd "$here"
# npm ci wipes node_modules, so it runs only when the pinned package is not already there.
if ! npm ls --silent playwright-core > /dev/null 2>&1; then
    npm ci --no-audit --no-fund --loglevel=error
fi
mkdir -p "$DIPLOSEARCH_BROWSER_ARTIFACTS"
exec node --test --test-concurrency=1 --test-reporter=spec search_page.test.mjs
