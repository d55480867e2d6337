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

# common_defaults: the defaults of the options common_option takes (--work excepted).
common_defaults() {
    runs=3
    records=
    build_bin=1
    output=
    build=${BUILD_DIR:-build}
    corpus=${DIPLOSEARCH_SHARED_CORPUS:-../shared/corpus/ungdc.jsonl.zst}
    queries=${DIPLOSEARCH_SHARED_QUERIES:-../shared/bench/queries.tsv}
}

# common_option ARGS...: takes the option at the head of ARGS if the bench scripts share it
# (--runs, --records, --no-build, --work, --output, --corpus, --queries, --help, or a
# BUILD_DIR) into the variable of that name (build_bin=0 for --no-build); sets `consumed`
# to the number of words it took. Dies on any other option.
common_option() {
    consumed=2
    case $1 in
        --runs) runs=${2:?--runs needs a value} ;;
        --records) records=${2:?--records needs a value} ;;
        --work) work=${2:?--work needs a value} ;;
        --output) output=${2:?--output needs a value} ;;
        --corpus) corpus=${2:?--corpus needs a value} ;;
        --queries) queries=${2:?--queries needs a value} ;;
        --no-build) build_bin=0; consumed=1 ;;
        -h|--help) print_usage "$0"; exit 0 ;;
        -*) die "unknown option $1 (try --help)" ;;
        *) build=$1; consumed=1 ;;
    esac
}

# build_targets BUILD_DIR TARGET...: configures BUILD_DIR as Release when it has no
# CMakeCache.txt, then builds the targets under nice.
build_targets() {
    local dir=$1
    shift
    [ -f "$dir/CMakeCache.txt" ] || cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release \
        -DDIPLOSEARCH_BUILD_TESTS=OFF >/dev/null
    nice -n 10 cmake --build "$dir" -j"$(nproc)" --target "$@" >/dev/null
}
