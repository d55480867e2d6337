#!/usr/bin/env bash
# @brief Sharding benchmark, on demand (issue 10): the UNGDC corpus as one database and as 2
# and 4 shards, searched locally and through one xapian-tcpsrv per shard on loopback: query
# latency and throughput of each, with the cost of the remote protocol and of sharding as
# ratios. See bench/shards/README.md.
#
# Usage: bench/shards/run.sh [--runs N] [--records N] [--threads LIST] [--no-build]
#                            [--work DIR] [--output PREFIX] [--corpus PATH] [--queries PATH]
#                            [--report-only] [BUILD_DIR]
#
#   BUILD_DIR        a build tree (default: $BUILD_DIR, else build); configured as Release
#                    when it has no CMakeCache.txt; the script builds diplo-index and
#                    perf_tool in it
#   --runs N         query runs (default 3): each run is one process per configuration and
#                    thread count (a warm-up pass, then one timed pass over every query),
#                    configurations interleaved; tables give the median and min-max
#   --records N      index only the first N documents of the corpus
#   --threads LIST   query threads, comma-separated (default 1,2)
#   --no-build       use the binaries already in BUILD_DIR
#   --work DIR       databases, server logs and raw figures (default: $SHARDS_WORK, else
#                    /tmp/diplosearch-shards-bench); the databases are rebuilt every time
#   --output PREFIX  writes PREFIX.md and PREFIX.json (default: bench/results/shards, or
#                    bench/results/shards-quick with --records)
#   --corpus PATH    default: $DIPLOSEARCH_SHARED_CORPUS, else ../shared/corpus/ungdc.jsonl.zst;
#                    when it is missing the benchmark is skipped (exit 0) with a message
#   --queries PATH   default: $DIPLOSEARCH_SHARED_QUERIES, else ../shared/bench/queries.tsv
#   --report-only    measure nothing: rebuild the report from the raw figures in the work dir
#
# Configurations: `unsharded` (one database), `local-N` (the stub of N local shards) and
# `remote-N` (a stub of `remote 127.0.0.1:PORT` lines and the N lexicons, each shard served
# by its own xapian-tcpsrv), N = 2 and 4. Queries run through perf_tool's in-process runner
# (the embedded API, SearchRequest defaults with facets, as bench/perf's `diplo` row with
# facets). The binaries are copied into the work dir first, so a rebuild of BUILD_DIR during
# the run changes nothing. Every process runs under `nice` (the machines are shared).
set -euo pipefail
cd "$(dirname "$0")/../.."

bench_name="shards bench"
. bench/lib.sh

common_defaults
threads_list=1,2
report_only=0
work=${SHARDS_WORK:-/tmp/diplosearch-shards-bench}
while [ $# -gt 0 ]; do
    case $1 in
        --threads) threads_list=${2:?--threads needs a value}; shift 2 ;;
        --report-only) report_only=1; build_bin=0; shift ;;
        *) common_option "$@"; shift "$consumed" ;;
    esac
done
check_counts "$runs" "$records"
[[ $threads_list =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] ||
    die "--threads must be a comma-separated list of positive integers, not '$threads_list'"
[ -n "$output" ] || output=bench/results/shards${records:+-quick}
raw=$work/raw
shard_counts="2 4"
run_nice() { nice -n 10 "$@"; }

if ((!report_only)); then
if [ ! -f "$corpus" ]; then
    say "skipped: corpus $corpus is missing (set DIPLOSEARCH_SHARED_CORPUS or pass --corpus)"
    exit 0
fi
for c in jq zstd xapian-tcpsrv ss; do command -v $c >/dev/null || die "$c is needed"; done
[ -f "$queries" ] || die "query set $queries is missing (set DIPLOSEARCH_SHARED_QUERIES or pass --queries)"

if ((build_bin)); then build_targets "$build" diplo-index perf_tool; fi
for b in indexer/diplo-index bench/perf/perf_tool; do
    [ -x "$build/$b" ] || die "missing $build/$b (build it, or drop --no-build)"
done
rm -rf "${raw:?}" "${work:?}/bin"
mkdir -p "$raw" "$work/bin"
cp "$build/indexer/diplo-index" "$build/bench/perf/perf_tool" "$work/bin/"
index=$work/bin/diplo-index
tool=$work/bin/perf_tool
# Product sources modified against HEAD when the measurement starts (the binaries may
# carry uncommitted work).
git status --porcelain -- indexer searcher common include 2>/dev/null | wc -l >"$raw/dirty.txt"
git rev-parse --short HEAD >"$raw/commit.txt" 2>/dev/null || echo unknown >"$raw/commit.txt"

source=$corpus
if [ -n "$records" ]; then
    source=$work/corpus-first-$records.jsonl.zst
    { zstd -dc "$corpus" 2>/dev/null || true; } | head -n "$records" | zstd -q -f -o "$source"
fi

# Indexing: one diplo-index process per database (a sharded one writes all its shards).
for n in 1 $shard_counts; do
    db=$work/db-$n
    rm -rf "$db"
    say "indexing $source into $n shard(s)..."
    shard_option=()
    ((n == 1)) || shard_option=(--shards "$n")
    start=$(date +%s.%N)
    rc=0
    run_nice "$index" -q --db "$db" "${shard_option[@]}" "$source" 2>>"$raw/index.log" || rc=$?
    # Exit 5: some document was rejected, still a complete job.
    [ $rc -eq 0 ] || [ $rc -eq 5 ] || die "indexing into $db failed (exit $rc); see $raw/index.log"
    jq -n -c --argjson n "$n" --argjson s "$start" --argjson e "$(date +%s.%N)" \
        --argjson b "$(du -sb "$db" | cut -f1)" \
        '{shards: $n, wall_s: ($e - $s), size_mb: ($b / 1e6)}' >>"$raw/index.jsonl"
done

# One xapian-tcpsrv per shard on a free loopback port; the remote-N folder holds a stub
# naming them and a copy of the shards' lexicons, as a search host would.
server_pids=()
stop_servers() {
    local pid
    for pid in "${server_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    server_pids=()
}
trap stop_servers EXIT
trap 'exit 130' INT TERM

# start_tcpsrv SHARD_PATH LOG: serves SHARD_PATH; sets `port`.
start_tcpsrv() {
    local pid
    for _ in $(seq 20); do
        port=$((20000 + RANDOM % 40000))
        [ -z "$(ss -Htln "sport = :$port")" ] || continue
        # Its own session: on SIGTERM xapian-tcpsrv signals its whole process group (its
        # children serving connections), which would otherwise take this script with it.
        setsid nice -n 10 xapian-tcpsrv --port "$port" --interface 127.0.0.1 "$1" >>"$2" 2>&1 &
        pid=$!
        for _ in $(seq 50); do
            kill -0 "$pid" 2>/dev/null || break
            if [ -n "$(ss -Htln "sport = :$port")" ]; then
                server_pids+=("$pid")
                return
            fi
            sleep 0.1
        done
        kill "$pid" 2>/dev/null || true  # Lost a race for the port: another one.
    done
    die "xapian-tcpsrv did not start on a free port (see $2)"
}

for n in $shard_counts; do
    remote=$work/remote-$n
    rm -rf "$remote"
    mkdir -p "$remote"
    echo "# $n shards of $work/db-$n, each served by xapian-tcpsrv on loopback" >"$remote/XAPIANDB"
    for ((k = 0; k < n; k++)); do
        shard=$(printf 'shard-%02d' "$k")
        start_tcpsrv "$work/db-$n/$shard" "$raw/tcpsrv-$n-$k.log"
        echo "remote 127.0.0.1:$port" >>"$remote/XAPIANDB"
        cp -r "$work/db-$n/lexicon-$(printf '%02d' "$k")" "$remote/"
    done
done
configs="unsharded:$work/db-1"
for n in $shard_counts; do configs+=" local-$n:$work/db-$n remote-$n:$work/remote-$n"; done
for ((r = 1; r <= runs; r++)); do
    for threads in ${threads_list//,/ }; do
        for c in $configs; do
            name=${c%%:*} db=${c#*:}
            say "run $r of $runs: $name, $threads thread(s)..."
            run_nice "$tool" query diplo "$db" "$queries" --threads "$threads" --passes 1 \
                --facets 2>>"$raw/queries.log" |
                jq -c --arg n "$name" --argjson r "$r" '. + {config: $n, run: $r}' \
                    >>"$raw/queries.jsonl"
        done
    done
done
stop_servers
cut -d' ' -f1-3 /proc/loadavg >"$raw/load.txt"
date -u +%Y-%m-%dT%H:%M:%SZ >"$raw/date.txt"
documents=$(zstd -dc "$source" 2>/dev/null | wc -l || true)
echo "$documents" >"$raw/documents.txt"
fi  # report_only
[ -f "$raw/queries.jsonl" ] || die "no raw figures in $raw to report"

jq -n --arg date "$(cat "$raw/date.txt")" \
    --arg commit "$(cat "$raw/commit.txt" 2>/dev/null || echo unknown)" \
    --argjson dirty "$(cat "$raw/dirty.txt")" --argjson runs "$runs" \
    --argjson documents "$(cat "$raw/documents.txt")" --argjson cores "$(nproc)" \
    --arg load "$(cat "$raw/load.txt")" \
    --slurpfile index "$raw/index.jsonl" --slurpfile queries "$raw/queries.jsonl" '
    def stat: sort | {median: (if length % 2 == 1 then .[length / 2 | floor]
                               else (.[length / 2 - 1] + .[length / 2]) / 2 end),
                      min: min, max: max};
    {date: $date, commit: $commit, product_files_modified: $dirty, runs: $runs,
     documents: $documents, cores: $cores, load_at_end: $load, indexing: $index,
     queries: ($queries | group_by(.config + "/" + (.threads | tostring)) | map(
        .[0] as $f | (.[0].config | capture("^(?<mode>[a-z]+)(-(?<n>[0-9]+))?$")) as $c | {
        config: $f.config, mode: $c.mode, shards: ($c.n // "1" | tonumber),
        threads: $f.threads, queries: $f.queries, runs: length,
        errors: (map(.passes[0].errors) | add), matches: (map(.passes[0].matches) | unique),
        qps: (map(.passes[0].qps) | stat), p50_ms: (map(.passes[0].p50_ms) | stat),
        p99_ms: (map(.passes[0].p99_ms) | stat)}) | sort_by(.threads, .shards, .mode))}' \
    >"$output.json"

jq -r --arg cmd "bench/shards/run.sh${records:+ --records $records} --runs $runs --threads $threads_list" '
    def r2: (. * 100 | round) / 100 | tostring;
    def num: if . == null then "-" elif . >= 100 then round | tostring
             elif . >= 10 then (. * 10 | round) / 10 | tostring else r2 end;
    def cell: "\(.median | num) (\(.min | num)-\(.max | num))";
    def ratio($a; $b): if $a == null or $b == null or $b == 0 then "-" else "\($a / $b | r2)x" end;
    def q($mode; $n; $t): .queries | map(select(.mode == $mode and .shards == $n and .threads == $t)) | .[0];
    . as $all |
    "# Sharding benchmark",
    "",
    "Generated by `\($cmd)` on \(.date[0:10]) (commit \(.commit)\(if .product_files_modified > 0 then "; the working tree had \(.product_files_modified) uncommitted product files when measured" else "" end)), \(.cores) cores, load average at the end \(.load_at_end).",
    "\(.documents) documents. Queries: the shared set (\(.queries[0].queries) queries), SearchRequest defaults with facets, in process (perf_tool); each figure the median (min-max) of \(.runs) run(s), one warm-up and one timed pass each.",
    "",
    "## Indexing (one diplo-index process)",
    "",
    "| shards | wall s | size MB |",
    "|---:|---:|---:|",
    (.indexing[] | "| \(.shards) | \(.wall_s | num) | \(.size_mb | num) |"),
    "",
    "## Queries",
    "",
    "Ratios compare medians: `vs unsharded` divides by the unsharded figure at the same thread count, `remote/local` the remote configuration by the local one with as many shards. Latency ratios above 1 and QPS ratios below 1 are costs.",
    "",
    "| configuration | threads | QPS | p50 ms | p99 ms | p50 vs unsharded | p99 vs unsharded | QPS vs unsharded | p50 remote/local | p99 remote/local | QPS remote/local | errors |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    (.queries[] as $x | q("unsharded"; 1; $x.threads) as $u | q("local"; $x.shards; $x.threads) as $l |
     (if $x.mode == "remote" then [ratio($x.p50_ms.median; $l.p50_ms.median), ratio($x.p99_ms.median; $l.p99_ms.median), ratio($x.qps.median; $l.qps.median)] else ["", "", ""] end) as $rl |
     "| \($x.config) | \($x.threads) | \($x.qps | cell) | \($x.p50_ms | cell) | \($x.p99_ms | cell) | \(ratio($x.p50_ms.median; $u.p50_ms.median)) | \(ratio($x.p99_ms.median; $u.p99_ms.median)) | \(ratio($x.qps.median; $u.qps.median)) | \($rl[0]) | \($rl[1]) | \($rl[2]) | \($x.errors) |"),
    "",
    (.queries | map(.matches) | add | unique |
     if length == 1 then "Every configuration found the same summed total of matches (\(.[0])), so each searched the whole corpus."
     else "**The summed totals of matches differ between configurations: \(map(tostring) | join(", ")).**" end)
' "$output.json" >"$output.md"
cat "$output.md"
say "wrote $output.md and $output.json"
