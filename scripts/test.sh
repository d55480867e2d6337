#!/usr/bin/env bash
# @brief The README's second command: install, build, and run the whole test suite via CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)" --timeout 600
