#!/usr/bin/env bash
# @brief The README's second command: install, build, and run the whole test suite via CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# The browser tests skip (with a message) when chromium, node or npm cannot be installed.
scripts/install-browser-deps.sh || echo "test.sh: the browser tests will be skipped" >&2
scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)" --timeout 600
