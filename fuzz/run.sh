#!/usr/bin/env bash
# @brief Builds the libFuzzer targets with clang and fuzzes each for a bounded time.
#
#   fuzz/run.sh [--seconds N] [--no-configure] [BUILD_DIR]
#
# Configures a clang build with DIPLOSEARCH_FUZZ=ON into BUILD_DIR (default
# build-fuzz/ in the checkout), builds the targets, replays every committed input in
# fuzz/regressions/<target>/, then fuzzes each target for N seconds (default 20) from
# fuzz/corpus/<target>/ (the committed seeds; new inputs go to a scratch copy). A
# crash fails the run and its input is copied to fuzz/regressions/<target>/, to be
# committed with the fix. Every target fuzz/CMakeLists.txt defines is run.
# --no-configure uses BUILD_DIR as it is configured (CI passes scripts/sanitize.sh's
# clang build, which holds the targets too).
set -euo pipefail

seconds=20
build_dir=""
configure=1
while (($#)); do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --seconds=*) seconds="${1#*=}"; shift ;;
        --no-configure) configure=0; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) build_dir="$1"; shift ;;
    esac
done

fuzz_dir="$(cd "$(dirname "$0")" && pwd)"
source_dir="$(dirname "$fuzz_dir")"
build_dir="${build_dir:-$source_dir/build-fuzz}"

start=$(date +%s)
if ((configure)); then
    "$source_dir/scripts/install-clang.sh"
    CC=clang CXX=clang++ cmake -S "$source_dir" -B "$build_dir" -G Ninja \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDIPLOSEARCH_FUZZ=ON -DDIPLOSEARCH_BUILD_TESTS=OFF \
        -DDIPLOSEARCH_BUILD_BENCH=OFF -DDIPLOSEARCH_BUILD_EXAMPLES=OFF >/dev/null
fi
# fuzz/all is the Ninja target of every executable under fuzz/, so a new target needs
# no change here.
cmake --build "$build_dir" --target fuzz/all
mapfile -t targets < <(find "$build_dir/fuzz" -maxdepth 1 -type f -executable -name 'fuzz_*' \
                           -printf '%f\n' | sort)
if ((${#targets[@]} == 0)); then
    echo "fuzz: no fuzz targets in $build_dir/fuzz (configured with DIPLOSEARCH_FUZZ=ON?)" >&2
    exit 1
fi
echo "fuzz: built ${#targets[@]} targets in $(($(date +%s) - start)) s"

# Xapian's own allocations live as long as the process; leaks are not what we hunt.
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

failed=()
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for target in "${targets[@]}"; do
    binary="$build_dir/fuzz/$target"
    regressions="$fuzz_dir/regressions/$target"
    if [[ -d "$regressions" ]] && compgen -G "$regressions/*" >/dev/null; then
        if ! "$binary" -runs=0 "$regressions"/* >"$work/$target.replay.log" 2>&1; then
            echo "fuzz: $target: a committed regression input fails again" >&2
            tail -40 "$work/$target.replay.log" >&2
            failed+=("$target")
            continue
        fi
    fi
    mkdir -p "$work/$target/corpus" "$work/$target/crashes"
    cp "$fuzz_dir/corpus/$target"/* "$work/$target/corpus/" 2>/dev/null || true
    if "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$work/$target/crashes/" -print_final_stats=1 \
        "$work/$target/corpus" >"$work/$target.log" 2>&1; then
        runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$target.log" |
               grep -o '[0-9]*$' || echo '?')
        echo "fuzz: $target: ok, $runs executions in ${seconds} s"
    else
        echo "fuzz: $target: FAILED" >&2
        tail -60 "$work/$target.log" >&2
        mkdir -p "$regressions"
        cp "$work/$target/crashes"/* "$regressions/" 2>/dev/null || true
        echo "fuzz: crashing input copied to $regressions/" >&2
        failed+=("$target")
    fi
done
echo "fuzz: total $(($(date +%s) - start)) s"
if ((${#failed[@]})); then
    echo "fuzz: failed: ${failed[*]}" >&2
    exit 1
fi
