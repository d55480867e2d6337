#!/usr/bin/env bash
# @brief HTTP service benchmark, on demand (issue 7): diplo-serve driven by wrk over loopback
# with the shared mixed query set, for 1 and 2 server threads: throughput and p50/p99 latency
# of GET /search with the service's defaults (top 10, snippets, four facets). See bench/README.md.
#
# Usage: bench/serve/run.sh [--runs N] [--records N] [--db PATH] [--duration S]
#                           [--connections N] [--no-build] [--work DIR] [--output PREFIX]
#                           [--corpus PATH] [--queries PATH] [BUILD_DIR]
#
#   BUILD_DIR         a build tree (default: $BUILD_DIR, else build); configured as Release
#                     when it has no CMakeCache.txt; the script builds diplo-index and diplo-serve
#   --runs N          wrk runs per thread count (default 3); the table gives the median and min-max
#   --records N       index only the first N documents of the corpus
#   --db PATH         serve this database instead of indexing the corpus
#   --duration S      seconds per wrk run (default 15), after a 3 s warm-up per server start
#   --connections N   concurrent wrk connections (default 4)
#   --no-build        use the binaries already in BUILD_DIR
#   --work DIR        database, request paths and logs (default: $SERVE_WORK, else
#                     /tmp/diplosearch-serve-bench)
#   --output PREFIX   writes PREFIX.md (default: bench/results/serve, or
#                     bench/results/serve-quick with --records)
#   --corpus PATH     default: $DIPLOSEARCH_SHARED_CORPUS, else ../shared/corpus/ungdc.jsonl.zst
#   --queries PATH    default: $DIPLOSEARCH_SHARED_QUERIES, else ../shared/bench/queries.tsv
#
# The query set's types become DiploSearch queries as bench/perf does: terms and or as
# `a OR b`, and as `a AND b`, phrase as `"a b"`, filter as `q=word&country=C&year=A..B`.
# wrk and the service share the machine's cores; the service logs every request (the
# access log on, as in production) to a file in the work dir.
set -euo pipefail
cd "$(dirname "$0")/../.."

bench_name="serve bench"
. bench/lib.sh

runs=3
records=
db=
duration=15
connections=4
build_bin=1
work=${SERVE_WORK:-/tmp/diplosearch-serve-bench}
output=
build=${BUILD_DIR:-build}
corpus=${DIPLOSEARCH_SHARED_CORPUS:-../shared/corpus/ungdc.jsonl.zst}
queries=${DIPLOSEARCH_SHARED_QUERIES:-../shared/bench/queries.tsv}
while [ $# -gt 0 ]; do
    case $1 in
        --runs) runs=${2:?--runs needs a value}; shift 2 ;;
        --records) records=${2:?--records needs a value}; shift 2 ;;
        --db) db=${2:?--db needs a value}; shift 2 ;;
        --duration) duration=${2:?--duration needs a value}; shift 2 ;;
        --connections) connections=${2:?--connections needs a value}; shift 2 ;;
        --no-build) build_bin=0; shift ;;
        --work) work=${2:?--work needs a value}; shift 2 ;;
        --output) output=${2:?--output needs a value}; shift 2 ;;
        --corpus) corpus=${2:?--corpus needs a value}; shift 2 ;;
        --queries) queries=${2:?--queries needs a value}; shift 2 ;;
        -h|--help) print_usage "$0"; exit 0 ;;
        -*) die "unknown option $1 (try --help)" ;;
        *) build=$1; shift ;;
    esac
done
check_counts "$runs" "$records"
[[ $duration =~ ^[1-9][0-9]*$ ]] || die "--duration must be a positive integer, not '$duration'"
[[ $connections =~ ^[1-9][0-9]*$ ]] || die "--connections must be a positive integer, not '$connections'"
[ -n "$output" ] || output=bench/results/serve${records:+-quick}
for c in wrk jq zstd; do command -v $c >/dev/null || die "$c is needed"; done
[ -f "$queries" ] || die "query set $queries is missing (set DIPLOSEARCH_SHARED_QUERIES or pass --queries)"

if ((build_bin)); then
    [ -f "$build/CMakeCache.txt" ] || cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release \
        -DDIPLOSEARCH_BUILD_TESTS=OFF >/dev/null
    nice cmake --build "$build" -j"$(nproc)" --target diplo-index diplo-serve >/dev/null
fi
index=$build/indexer/diplo-index
serve=$build/server/diplo-serve
for b in "$index" "$serve"; do [ -x "$b" ] || die "missing $b (build it, or drop --no-build)"; done
mkdir -p "$work"

if [ -z "$db" ]; then
    [ -f "$corpus" ] || die "corpus $corpus is missing (set DIPLOSEARCH_SHARED_CORPUS or pass --corpus)"
    db=$work/db
    rm -rf "$db"
    say "indexing $corpus${records:+ (first $records records)} into $db"
    if [ -n "$records" ]; then
        zstdcat -q "$corpus" | head -n "$records" | "$index" -q --db "$db" --format jsonl - ||
            die "indexing failed"
    else
        "$index" -q --db "$db" "$corpus" || die "indexing failed"
    fi
fi
documents=$("$index" stats --db "$db" --json | jq -r '.doccount')

# One request path per query, URL-encoded.
targets=$work/targets.txt
jq -R -r 'split("\t") as [$type, $words, $country, $from, $to]
    | ($words | split(" ")) as $w
    | (if $type == "and" then $w | join(" AND ")
       elif $type == "phrase" then "\"" + ($w | join(" ")) + "\""
       else $w | join(" OR ") end) as $q
    | "/search?q=" + ($q | @uri)
      + (if $type == "filter" then "&country=" + $country + "&year=" + $from + ".." + $to
         else "" end)' "$queries" >"$targets"
[ -s "$targets" ] || die "no queries in $queries"

# Starts diplo-serve with $1 threads; sets `pid` and `port`.
start_server() {
    local log=$work/serve-$1.log
    "$serve" --db "$db" --threads "$1" --queue 64 --listen 127.0.0.1:0 2>"$log" &
    pid=$!
    port=
    for _ in $(seq 100); do
        port=$(grep -o -m1 'listening on http://127.0.0.1:[0-9]*' "$log" | sed 's/.*://' || true)
        [ -n "$port" ] && return
        kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; die "diplo-serve did not start"; }
        sleep 0.1
    done
    die "diplo-serve did not report its port (see $log)"
}

stop_server() {
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" || die "diplo-serve exited with status $? on SIGTERM"
}
trap '[ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true' EXIT

declare -A qps p50 p99 failed
for threads in 1 2; do
    start_server "$threads"
    say "$threads server thread(s): warm-up, then $runs x ${duration}s of wrk -c $connections"
    TARGETS=$targets wrk -t1 -c"$connections" -d3s -s bench/serve/mixed_queries.lua \
        "http://127.0.0.1:$port" >/dev/null
    for run in $(seq "$runs"); do
        line=$(TARGETS=$targets wrk -t1 -c"$connections" -d"${duration}s" \
            -s bench/serve/mixed_queries.lua "http://127.0.0.1:$port" | grep '^RESULT ')
        [ -n "$line" ] || die "wrk printed no RESULT line"
        eval "$(sed 's/^RESULT //' <<<"$line")"
        qps[$threads,$run]=$(awk -v r="$requests" -v s="$seconds" 'BEGIN { printf "%.0f", r / s }')
        p50[$threads,$run]=$(awk -v u="$p50_us" 'BEGIN { printf "%.2f", u / 1000 }')
        p99[$threads,$run]=$(awk -v u="$p99_us" 'BEGIN { printf "%.2f", u / 1000 }')
        failed[$threads,$run]=$((non2xx + socket_errors))
        say "  run $run: ${qps[$threads,$run]} QPS, p50 ${p50[$threads,$run]} ms, p99 ${p99[$threads,$run]} ms, $((non2xx + socket_errors)) failed"
    done
    stop_server
    pid=
done

# median_range KEY_PREFIX ARRAY: "median (min-max)" of the runs.
median_range() {
    local -n values=$2
    local sorted
    sorted=$(for run in $(seq "$runs"); do echo "${values[$1,$run]}"; done | sort -g)
    awk '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        if (NR == 1) print m; else printf "%s (%s-%s)\n", m, v[1], v[NR] }' <<<"$sorted"
}

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
{
    echo "# HTTP service benchmark"
    echo
    echo "\`bench/serve/run.sh\` at $commit on $(date -u +%Y-%m-%d), $(nproc) cores:"
    echo "diplo-serve over $documents documents, wrk (1 thread, $connections connections,"
    echo "${duration} s per run, $runs runs) on loopback drawing GET /search requests from"
    echo "\`$(basename "$queries")\` ($(wc -l <"$targets") queries, mixed types), service defaults"
    echo "(top 10, snippets, country/topic/year/type facets), access log on."
    echo "Median of the runs, min-max in brackets."
    echo
    echo "| server threads | QPS | p50 ms | p99 ms | failed requests |"
    echo "|---:|---:|---:|---:|---:|"
    for threads in 1 2; do
        total_failed=0
        for run in $(seq "$runs"); do total_failed=$((total_failed + failed[$threads,$run])); done
        echo "| $threads | $(median_range "$threads" qps) | $(median_range "$threads" p50) |" \
            "$(median_range "$threads" p99) | $total_failed |"
    done
} >"$output.md"
cat "$output.md"
say "wrote $output.md"
