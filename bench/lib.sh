# @brief Shell helpers shared by the bench/*/run.sh scripts: sourced, never run.
# The sourcing script sets bench_name first ("perf bench", ...), which prefixes messages.

# die MESSAGE...: prints "bench_name: MESSAGE" on stderr and exits 1.
die() {
    echo "$bench_name: $*" >&2
    exit 1
}

# say MESSAGE...: a progress line on stderr.
say() { echo "$bench_name: $*" >&2; }

# print_usage SCRIPT: SCRIPT's header comment (from line 2 to `set -euo`), unprefixed.
print_usage() { sed -n '2,/^set -euo/p' "$1" | sed '$d; s/^# \{0,1\}//'; }

# check_counts RUNS RECORDS: --runs must be a positive integer, --records empty or one.
check_counts() {
    [[ $1 =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer, not '$1'"
    [ -z "$2" ] || [[ $2 =~ ^[1-9][0-9]*$ ]] ||
        die "--records must be a positive integer, not '$2'"
}
