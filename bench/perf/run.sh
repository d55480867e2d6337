#!/usr/bin/env bash
# @brief Performance benchmark, on demand (issue 6): indexing and query speed of DiploSearch
# against a naive Xapian indexer, SQLite FTS5 and (when installed) Omega's scriptindex, all
# measured in the same invocation so the ratios hold on a noisy machine. See bench/README.md.
#
# Usage: bench/perf/run.sh [--runs N] [--quick] [--records N] [--no-build] [--work DIR]
#                          [--output PREFIX] [--corpus PATH] [--queries PATH] [BUILD_DIR]
#
#   BUILD_DIR        a build tree (default: $BUILD_DIR, else build); configured as Release
#                    when it has no CMakeCache.txt; the script builds diplo-index,
#                    diplo-search and perf_tool in it
#   --runs N         repetitions of every figure (default 3); tables give the median and
#                    the min-max
#   --quick          a try-out: 1 run over the first 2,000 documents
#   --records N      index only the first N documents of the corpus
#   --no-build       use the binaries already in BUILD_DIR
#   --work DIR       databases, logs and raw figures (default: $PERF_WORK, else
#                    /tmp/diplosearch-perf); every database is rebuilt each run
#   --output PREFIX  writes PREFIX.md and PREFIX.json (default: bench/results/perf, or
#                    bench/results/perf-quick with --quick / --records)
#   --corpus PATH    default: $DIPLOSEARCH_SHARED_CORPUS, else ../shared/corpus/ungdc.jsonl.zst
#   --queries PATH   default: $DIPLOSEARCH_SHARED_QUERIES, else ../shared/bench/queries.tsv;
#                    when absent the query figures are skipped
#   --report-only    measure nothing: rebuild PREFIX.md and PREFIX.json from the raw figures
#                    of the last run kept in the work dir (give the same --runs/--records)
#
# Every process runs under `nice` (the machines are shared). Peak RSS and CPU time come
# from GNU time; sizes from `du`; compaction with xapian-compact.
set -euo pipefail
cd "$(dirname "$0")/../.."

bench_name="perf bench"
. bench/lib.sh

runs=3
records=
build_bin=1
report_only=0
work=${PERF_WORK:-/tmp/diplosearch-perf}
output=
build=${BUILD_DIR:-build}
corpus=${DIPLOSEARCH_SHARED_CORPUS:-../shared/corpus/ungdc.jsonl.zst}
queries=${DIPLOSEARCH_SHARED_QUERIES:-../shared/bench/queries.tsv}
while [ $# -gt 0 ]; do
    case $1 in
        --runs) runs=${2:?--runs needs a value}; shift 2 ;;
        --quick) runs=1; records=2000; shift ;;
        --records) records=${2:?--records needs a value}; shift 2 ;;
        --no-build) build_bin=0; shift ;;
        --report-only) report_only=1; build_bin=0; shift ;;
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
[ -n "$output" ] || output=bench/results/perf${records:+-quick}
for c in jq zstd xapian-compact; do command -v $c >/dev/null || die "$c is needed"; done
[ -x /usr/bin/time ] || die "GNU time (/usr/bin/time, package time) is needed"
[ -f "$corpus" ] || die "corpus $corpus is missing (set DIPLOSEARCH_SHARED_CORPUS or pass --corpus)"
run_nice() { nice -n 10 "$@"; }

if ((build_bin)); then
    [ -f "$build/CMakeCache.txt" ] || cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release \
        -DDIPLOSEARCH_BUILD_TESTS=OFF >/dev/null
    run_nice cmake --build "$build" -j"$(nproc)" --target diplo-index diplo-search perf_tool >/dev/null
fi
index=$build/indexer/diplo-index
search=$build/searcher/diplo-search
tool=$build/bench/perf/perf_tool
for b in "$index" "$search" "$tool"; do [ -x "$b" ] || die "missing $b (build it, or drop --no-build)"; done
has_fts5=1
"$tool" fts5-index /dev/null /dev/null 2>/dev/null >/dev/null || [ $? -ne 3 ] || has_fts5=0
((has_fts5)) || say "perf_tool was built without SQLite (libsqlite3-dev): FTS5 rows skipped"
has_scriptindex=0
if command -v scriptindex >/dev/null; then
    has_scriptindex=1
else
    say "Omega's scriptindex is not installed (package xapian-omega): its row is skipped"
fi
has_queries=1
[ -f "$queries" ] || { has_queries=0; say "query set $queries is missing: query figures skipped"; }

mkdir -p "$work"
raw=$work/raw
source=$corpus
[ -z "$records" ] || source=$work/corpus-first-$records.jsonl.zst
if ((report_only)); then
    [ -f "$raw/index.jsonl" ] || die "no raw figures in $raw to report"
else
rm -rf "$raw"
mkdir -p "$raw"
# Product sources modified against HEAD when the measurement starts (the binaries may
# carry uncommitted work).
git status --porcelain -- indexer searcher common include 2>/dev/null | wc -l >"$raw/dirty.txt"
if [ -n "$records" ] && { [ ! -f "$source" ] || [ "$source" -ot "$corpus" ]; }; then
    { zstd -dc "$corpus" 2>/dev/null || true; } | head -n "$records" | zstd -q -f -o "$source"
fi

# timed NAME RUN KIND CMD...: runs CMD under GNU time; appends wall, CPU and peak RSS to
# $raw/index.jsonl (the JSON CMD prints on stdout, if any, is merged in).
timed() {
    local name=$1 run=$2 kind=$3 rc=0
    shift 3
    run_nice /usr/bin/time -f '%e %U %S %M' -o "$raw/time.txt" "$@" >"$raw/out.txt" \
        2>>"$raw/$name.log" || rc=$?
    # diplo-index exits 5 when it rejected a document: still a complete run.
    [ $rc -eq 0 ] || [ $rc -eq 5 ] || die "$name failed (exit $rc); see $raw/$name.log"
    local extra
    extra=$(jq -c 'select(type == "object")' "$raw/out.txt" 2>/dev/null | tail -1) || true
    [ -n "$extra" ] || extra='{}'
    tail -1 "$raw/time.txt" | jq -R -c --arg s "$name" --argjson r "$run" --arg k "$kind" \
        --argjson x "$extra" '
        split(" ") | map(tonumber) |
        {system: $s, run: $r, kind: $k, wall_s: .[0], cpu_s: (.[1] + .[2]), rss_mb: (.[3] / 1024)} + $x' \
        >>"$raw/index.jsonl"
}

bytes() { du -sb "$1" | cut -f1; }

# record_size NAME DB [XAPIAN_DB]: size of DB, of XAPIAN_DB after xapian-compact, and of
# its document data table (docdata.glass: DiploSearch keeps the text for snippets there).
record_size() {
    local name=$1 db=$2 xdb=${3:-} compacted=null data=null
    if [ -n "$xdb" ]; then
        [ -f "$xdb/docdata.glass" ] && data=$(bytes "$xdb/docdata.glass")
        rm -rf "$work/compacted"
        run_nice xapian-compact -m "$xdb" "$work/compacted" >/dev/null
        compacted=$(bytes "$work/compacted")
        rm -rf "$work/compacted"
    fi
    jq -n -c --arg s "$name" --argjson b "$(bytes "$db")" --argjson c "$compacted" \
        --argjson d "$data" \
        '{system: $s, size_mb: ($b / 1e6), compacted_mb: (if $c then $c / 1e6 else null end),
          data_mb: (if $d then $d / 1e6 else null end)}' \
        >>"$raw/sizes.jsonl"
}

# The live generation of a DiploSearch database (a stub file names it), else the folder.
diplo_xapian_db() {
    local db=$1 gen
    gen=$(sed -n 's/^auto //p' "$db/XAPIANDB" 2>/dev/null | head -1)
    if [ -n "$gen" ]; then echo "$db/$gen"; else echo "$db"; fi
}

# scriptindex_input: the corpus in Omega's dump format (field=value, `=` continues a line).
scriptindex_input() {
    zstd -dc "$source" | jq -r '"id=\(.id)", "title=\(.title // "")",
        "country=\(.country // "" | if type == "array" then join(" ") else . end)",
        "year=\(.year // "")", "type=\(.type // "")",
        "text=\(.text // "" | ltrimstr("\ufeff") | gsub("\r"; "") | gsub("\n"; "\n="))", ""'
}

diplo_db=$work/diplo.db
xapian_db=$work/xapian.db
fts5_db=$work/fts5.sqlite
omega_db=$work/omega.db
if ((has_scriptindex)); then
    cat >"$work/omega.script" <<'EOF'
id: unique=Q boolean=Q field=id
title: index=S index field=title
country: boolean=XC value=0
year: value=1
type: value=2
text: index
EOF
    scriptindex_input >"$work/omega.dump"
fi

for ((r = 1; r <= runs; r++)); do
    say "run $r of $runs: indexing (DiploSearch, naive Xapian$( ((has_fts5)) && echo ', FTS5')$( ((has_scriptindex)) && echo ', scriptindex'))..."
    rm -rf "$diplo_db"
    # A first build with --compact, as docs/reindexing.md advises for a large archive.
    timed diplosearch "$r" full "$index" --db "$diplo_db" -q --compact "$source"
    timed diplosearch "$r" incremental "$index" --db "$diplo_db" -q "$source"
    timed diplosearch "$r" rehash "$index" --db "$diplo_db" -q --rehash "$source"
    rm -rf "$xapian_db"
    timed naive-xapian "$r" full "$tool" xapian-index "$xapian_db" "$source"
    if ((has_fts5)); then
        rm -f "$fts5_db"
        timed fts5 "$r" full "$tool" fts5-index "$fts5_db" "$source"
    fi
    if ((has_scriptindex)); then
        rm -rf "$omega_db"
        timed scriptindex "$r" full scriptindex --overwrite "$omega_db" "$work/omega.script" \
            "$work/omega.dump"
    fi
    if [ "$r" -eq 1 ]; then
        # Sizes do not change from run to run: measured once.
        record_size diplosearch "$diplo_db" "$(diplo_xapian_db "$diplo_db")"
        record_size naive-xapian "$xapian_db" "$xapian_db"
        ((has_fts5)) && record_size fts5 "$fts5_db"
        ((has_scriptindex)) && record_size scriptindex "$omega_db" "$omega_db"
    fi
done

# Queries: each configuration is one process with a warm-up pass, then $runs timed passes.
if ((has_queries)); then
    engines="diplo:$diplo_db diplo-lean:$diplo_db xapian:$xapian_db"
    ((has_fts5)) && engines+=" fts5:$fts5_db"
    for e in $engines; do
        name=${e%%:*} db=${e#*:} engine=${name%-lean} lean=
        [ "$name" = diplo-lean ] && lean=--lean
        for facets in "" --facets; do
            for threads in 1 2; do
                say "queries: $name, $threads thread(s)${facets:+, with facets}..."
                run_nice "$tool" query "$engine" "$db" "$queries" --threads "$threads" \
                    --passes "$runs" $facets $lean 2>>"$raw/queries.log" |
                    jq -c --arg n "$name" '. + {system: $n}' >>"$raw/queries.jsonl"
            done
        done
    done
fi

# CLI end to end: process start to exit, default options (text output, facets on).
cli_queries=("nuclear disarmament" "peace")
if command -v hyperfine >/dev/null; then
    for q in "${cli_queries[@]}"; do
        say "CLI: diplo-search '$q'..."
        run_nice hyperfine -N --warmup 2 --runs $((runs < 10 ? 10 : runs)) \
            --export-json "$raw/cli.json" "$search --db $diplo_db '$q'" >/dev/null
        jq -c --arg q "$q" '.results[0] | {query: $q, runs: (.times | length),
            median_ms: (.median * 1000), min_ms: (.min * 1000), max_ms: (.max * 1000)}' \
            "$raw/cli.json" >>"$raw/cli.jsonl"
    done
else
    say "hyperfine is not installed: CLI time from $runs plain runs"
    for q in "${cli_queries[@]}"; do
        for ((r = 1; r <= runs; r++)); do
            s=$(date +%s.%N)
            "$search" --db "$diplo_db" "$q" >/dev/null
            echo "$s $(date +%s.%N)"
        done | jq -R -s -c --arg q "$q" 'split("\n") | map(select(length > 0) | split(" ") |
            map(tonumber) | (.[1] - .[0]) * 1000) | sort |
            {query: $q, runs: length, median_ms: .[length / 2 | floor], min_ms: min, max_ms: max}' \
            >>"$raw/cli.jsonl"
    done
fi

cut -d' ' -f1-3 /proc/loadavg >"$raw/load.txt"
date -u +%Y-%m-%dT%H:%M:%SZ >"$raw/date.txt"
fi  # report_only
touch "$raw/queries.jsonl" "$raw/cli.jsonl" "$raw/sizes.jsonl"
dirty=$(cat "$raw/dirty.txt" 2>/dev/null || echo 0)
jq -n --arg date "$(cat "$raw/date.txt" 2>/dev/null || date -u +%Y-%m-%dT%H:%M:%SZ)" \
    --arg commit "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
    --argjson dirty "$dirty" --argjson runs "$runs" --arg corpus "$source" \
    --arg records "${records:-all}" --argjson cores "$(nproc)" --arg load "$(cat "$raw/load.txt" 2>/dev/null || cut -d' ' -f1-3 /proc/loadavg)" \
    --arg scriptindex "$( ((has_scriptindex)) && echo measured || echo 'not installed')" \
    --slurpfile index "$raw/index.jsonl" --slurpfile sizes "$raw/sizes.jsonl" \
    --slurpfile queries "$raw/queries.jsonl" --slurpfile cli "$raw/cli.jsonl" '
    def stat: sort | {median: (if length % 2 == 1 then .[length / 2 | floor]
                               else (.[length / 2 - 1] + .[length / 2]) / 2 end),
                      min: min, max: max};
    ($index | map(select(.system == "naive-xapian")) | .[0]) as $ref |
    {date: $date, commit: $commit, product_files_modified: $dirty, runs: $runs, corpus: $corpus,
     records: $records, cores: $cores, load_at_end: $load, scriptindex: $scriptindex,
     documents: $ref.documents, text_mb: ($ref.text_bytes / 1e6),
     indexing: ($index | group_by(.system + "/" + .kind) | map(
        .[0] as $f | ($sizes | map(select(.system == $f.system)) | .[0] // {}) as $sz | {
        system: $f.system, kind: $f.kind, runs: length,
        wall_s: (map(.wall_s) | stat), cpu_s: (map(.cpu_s) | stat), rss_mb: (map(.rss_mb) | stat),
        docs_per_s: (map($ref.documents / ([.wall_s, 0.01] | max)) | stat),
        mb_per_s: (map($ref.text_bytes / 1e6 / ([.wall_s, 0.01] | max)) | stat)}
        + (if $f.kind == "full" then {size_mb: $sz.size_mb, compacted_mb: $sz.compacted_mb,
                                      data_mb: $sz.data_mb} else {} end))),
     queries: ($queries | map({system, threads, facets, queries, errors: (.passes | map(.errors) | max),
        matches: .passes[0].matches, passes: (.passes | length),
        qps: (.passes | map(.qps) | stat), p50_ms: (.passes | map(.p50_ms) | stat),
        p95_ms: (.passes | map(.p95_ms) | stat), p99_ms: (.passes | map(.p99_ms) | stat)})),
     cli: $cli}' >"$output.json"

# The Markdown report, from the JSON alone.
jq -r --arg cmd "bench/perf/run.sh${records:+ --records $records} --runs $runs" '
    def r1: (. * 10 | round) / 10 | tostring;
    def r2: (. * 100 | round) / 100 | tostring;
    def pct: if . < 1 then r2 else r1 end;
    def num: if . == null then "-" elif . >= 100 then round | tostring elif . >= 10 then r1 else r2 end;
    def cell: "\(.median | num) (\(.min | num)–\(.max | num))";
    def ratio($a; $b): if $a == null or $b == null or $b == 0 then "-" else "\($a / $b | r2)x" end;
    def idx($s; $k): .indexing | map(select(.system == $s and .kind == $k)) | .[0];
    def q($s; $t; $f): .queries | map(select(.system == $s and .threads == $t and .facets == $f)) | .[0];
    def yes($b): if $b == null then "-" elif $b then "yes" else "**no**" end;
    . as $all |
    idx("naive-xapian"; "full") as $naive | idx("fts5"; "full") as $fts |
    idx("diplosearch"; "full") as $dfull | idx("diplosearch"; "incremental") as $dinc |
    "# Performance benchmark",
    "",
    "Generated by `\($cmd)` on \(.date[0:10]) (commit \(.commit)\(if .product_files_modified > 0 then "; the working tree had \(.product_files_modified) uncommitted product files when measured" else "" end)), \(.cores) cores, load average at the end \(.load_at_end).",
    "Corpus: \(.documents) documents, \(.text_mb | r1) MB of title and text (\(.corpus)). Each figure: median (min–max) of \(.runs) run(s).",
    "Omega scriptindex: \(.scriptindex).",
    "",
    "## Indexing",
    "",
    "| system | wall s | CPU s | peak RSS MB | size MB | compacted MB | docs/s | MB/s | wall vs naive Xapian | wall vs FTS5 |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    (.indexing | sort_by(.system != "diplosearch", .kind != "full", .system) | .[] |
     if .kind == "full" then
       "| \(.system) | \(.wall_s | cell) | \(.cpu_s | cell) | \(.rss_mb | cell) | \(.size_mb | num) | \(.compacted_mb | num) | \(.docs_per_s.median | num) | \(.mb_per_s.median | num) | \(ratio(.wall_s.median; $naive.wall_s.median)) | \(ratio(.wall_s.median; $fts.wall_s.median)) |"
     else
       "| \(.system) \(if .kind == "incremental" then "unchanged rerun" else "unchanged rerun, --rehash" end) (\(.wall_s.median / $dfull.wall_s.median * 100 | pct)% of full) | \(.wall_s | cell) | \(.cpu_s | cell) | \(.rss_mb | cell) | | | | | | |"
     end),
    "",
    "## Queries (top 10 by relevance; facets: exact counts over the whole match set)",
    "",
    "`diplo` is DiploSearch as users run it (defaults: snippets, synonyms, typo tolerance, near-duplicate collapsing, title and phrase boosts, most-words matching; facets country, topic, year, type); `diplo-lean` switches off what the baselines lack (snippets, synonyms, typo tolerance, collapsing, boosts). The baselines count country, year and type (UNGDC has no topics).",
    "",
    "| system | threads | facets | QPS | p50 ms | p95 ms | p99 ms | QPS vs naive Xapian | QPS vs FTS5 | errors |",
    "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    (.queries[] as $x | q("xapian"; $x.threads; $x.facets) as $n | q("fts5"; $x.threads; $x.facets) as $f |
     "| \($x.system) | \($x.threads) | \(if $x.facets then "yes" else "no" end) | \($x.qps | cell) | \($x.p50_ms | cell) | \($x.p95_ms | cell) | \($x.p99_ms | cell) | \(ratio($x.qps.median; $n.qps.median)) | \(ratio($x.qps.median; $f.qps.median)) | \($x.errors) |"),
    "",
    "## CLI end to end (process start to exit, `diplo-search --db DB QUERY`, default options)",
    "",
    "| query | runs | median ms | min ms | max ms |",
    "|---|---:|---:|---:|---:|",
    (.cli[] | "| `\(.query)` | \(.runs) | \(.median_ms | num) | \(.min_ms | num) | \(.max_ms | num) |"),
    "",
    "## Issue 6 targets",
    "",
    "| target | measured | met |",
    "|---|---|---|",
    (($dfull.wall_s.median / $naive.wall_s.median) as $v | "| full index wall ≤ 0.3x naive Xapian | \($v | r2)x (\($dfull.wall_s.median | num) s vs \($naive.wall_s.median | num) s) | \(yes($v <= 0.3)) |"),
    "| full index peak RSS ≤ 1 GB | \($dfull.rss_mb.median | num) MB | \(yes($dfull.rss_mb.median <= 1024)) |",
    (if $naive.compacted_mb and $dfull.data_mb then (($dfull.size_mb - $dfull.data_mb) / $naive.compacted_mb) as $v | "| size after the job (`--compact`) ≤ 1.2x naive Xapian compacted, document data (stored text) excluded | \($v | r2)x (\($dfull.size_mb - $dfull.data_mb | num) MB = \($dfull.size_mb | num) MB - \($dfull.data_mb | num) MB of document data, vs \($naive.compacted_mb | num) MB) | \(yes($v <= 1.2)) |" else empty end),
    (($dinc.wall_s.median / $dfull.wall_s.median * 100) as $v | "| unchanged rerun < 5% of full | \($v | pct)% (\($dinc.wall_s.median | num) s) | \(yes($v < 5)) |"),
    (idx("diplosearch"; "rehash") | if . then (.wall_s.median / $dfull.wall_s.median * 100) as $v | "| (same, every record read and hashed: `--rehash`) | \($v | pct)% (\(.wall_s.median | num) s) | \(yes($v < 5)) |" else empty end),
    (("diplo-lean", "diplo") as $s | q($s; 1; true) as $d | q("fts5"; 1; true) as $f | q($s; 2; true) as $d2 |
     if $d then
       "| `\($s)` facets p50 ≤ 1.5 ms, 1 thread | \($d.p50_ms.median | num) ms | \(yes($d.p50_ms.median <= 1.5)) |",
       "| `\($s)` facets p99 ≤ 8 ms, 1 thread | \($d.p99_ms.median | num) ms | \(yes($d.p99_ms.median <= 8)) |",
       (if $f then "| `\($s)` facets QPS ≥ 5x FTS5, 1 thread | \(ratio($d.qps.median; $f.qps.median)) | \(yes($d.qps.median >= 5 * $f.qps.median)) |" else empty end),
       (if $d2 then "| `\($s)` facets QPS, 2 threads ≥ 1.7x 1 thread | \(ratio($d2.qps.median; $d.qps.median)) | \(yes($d2.qps.median >= 1.7 * $d.qps.median)) |" else empty end)
     else empty end),
    (.cli | max_by(.median_ms) | if . then "| CLI one query < 50 ms (the slowest query above) | \(.median_ms | num) ms (`\(.query)`) | \(yes(.median_ms < 50)) |" else empty end)
' "$output.json" >"$output.md"
cat "$output.md"
