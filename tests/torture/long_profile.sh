#!/usr/bin/env bash
# @brief Runs the long profile of every torture test that has one (TORTURE_LONG=1), outside CTest's timeouts.
#
#   tests/torture/long_profile.sh [BUILD_DIR]        (default build/)
#
# Hours, not minutes: every crash point and I/O fault of crash_points.sh and
# io_faults.sh, 300 random kills in crash_test.sh, a 1 GB file in
# hostile_inputs_test.sh, 200,000 queries in torture_concurrent_readers. CTest
# cannot lift a test's TIMEOUT from the command line, so the tests run here
# directly; CI runs the fast profile through CTest (docs/reliability.md).
set -euo pipefail
source_dir="$(cd "$(dirname "$0")/../.." && pwd)"
build_dir="$(cd "${1:-$source_dir/build}" && pwd)"
index="$build_dir/indexer/diplo-index"
search="$build_dir/searcher/diplo-search"
documents="$source_dir/corpus/documents"
export TORTURE_LONG=1

failed=()
run() {
    local name=$1 started=$SECONDS status=0
    shift
    echo "long_profile: $name"
    "$@" || status=$?
    # 77: skipped (a tool is missing); the script says why.
    if ((status != 0 && status != 77)); then failed+=("$name"); fi
    echo "long_profile: $name: exit $status in $((SECONDS - started)) s"
}
run crash_kill9 bash "$source_dir/tests/crash/crash_test.sh" "$index" "$search" "$documents"
for script in crash_points io_faults; do
    run "torture_$script" bash "$source_dir/tests/torture/$script.sh" "$index" "$search" "$documents"
done
run torture_hostile_inputs bash "$source_dir/tests/torture/hostile_inputs_test.sh" "$index" "$search"
run torture_concurrent_readers "$build_dir/tests/torture/torture_concurrent_readers"

if ((${#failed[@]})); then
    echo "long_profile: failed: ${failed[*]}" >&2
    exit 1
fi
echo "long_profile: all passed"
