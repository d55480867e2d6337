#!/usr/bin/env bash
# @brief Relevance benchmark, on demand: nDCG@10, MRR and recall@100 of DiploSearch and of
# two baselines (plain Xapian BM25, SQLite FTS5 bm25()) over judged queries. See README.md.
#
# Usage: bench/relevance/run.sh [--fast] [--work DIR] [--output PREFIX] [--no-build] [BUILD_DIR]
#
#   BUILD_DIR        a configured build tree (default: $BUILD_DIR, else build); the script
#                    builds diplo-index, diplo-search and relevance_tool in it
#   --fast           only the team's sample corpus (corpus/documents; seconds). CI uses this
#                    through check.sh
#   --work DIR       where databases and runs are kept (default: $RELEVANCE_WORK, else
#                    /tmp/diplosearch-relevance); the UNGDC databases are reused when the
#                    corpus and the binaries are older than them
#   --output PREFIX  writes PREFIX.md and PREFIX.json (default: bench/results/relevance, or
#                    bench/results/relevance-fast with --fast)
#   --no-build       use the binaries already in BUILD_DIR
#   --corpus PATH    UNGDC file (default: $DIPLOSEARCH_SHARED_CORPUS, else
#                    ../shared/corpus/ungdc.jsonl.zst)
#
# DiploSearch runs with its default options plus $DIPLO_SEARCH_ARGS (e.g. --auto-correct).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
here=bench/relevance

bench_name="relevance bench"
. bench/lib.sh

fast=0
build_bin=1
work=${RELEVANCE_WORK:-/tmp/diplosearch-relevance}
output=
build=${BUILD_DIR:-build}
corpus=${DIPLOSEARCH_SHARED_CORPUS:-../shared/corpus/ungdc.jsonl.zst}
while [ $# -gt 0 ]; do
    case $1 in
        --fast) fast=1; shift ;;
        --work) work=${2:?--work needs a value}; shift 2 ;;
        --output) output=${2:?--output needs a value}; shift 2 ;;
        --corpus) corpus=${2:?--corpus needs a value}; shift 2 ;;
        --no-build) build_bin=0; shift ;;
        -h|--help) print_usage "$0"; exit 0 ;;
        -*) die "unknown option $1 (try --help)" ;;
        *) build=$1; shift ;;
    esac
done
[ -n "$output" ] || { if ((fast)); then output=bench/results/relevance-fast; else output=bench/results/relevance; fi; }
command -v jq >/dev/null || die "jq is needed"

if ((build_bin)); then
    [ -f "$build/CMakeCache.txt" ] || cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release \
        -DDIPLOSEARCH_BUILD_TESTS=OFF >/dev/null
    cmake --build "$build" -j"$(nproc)" --target diplo-index diplo-search relevance_tool >/dev/null
fi
index=$build/indexer/diplo-index
search=$build/searcher/diplo-search
tool=$build/bench/relevance/relevance_tool
for b in "$index" "$search" "$tool"; do [ -x "$b" ] || die "missing $b (build it, or drop --no-build)"; done
has_fts5=1
"$tool" fts5-search /nonexistent /dev/null 1 2>/dev/null || [ $? -ne 3 ] || has_fts5=0
((has_fts5)) || echo "relevance bench: relevance_tool was built without SQLite; FTS5 row skipped" >&2

mkdir -p "$work"

# diplo_run DB QUERIES > RUN: one line per hit (query_id, rank, doc_id), top 100.
diplo_run() {
    local db=$1 queries=$2 qid kind text
    # shellcheck disable=SC2086
    while IFS=$'\t' read -r qid kind text; do
        [ "$qid" = query_id ] && continue
        [ -n "$qid" ] || continue
        "$search" --db "$db" --format json --limit 100 --facets none --snippet-length 0 -q \
            ${DIPLO_SEARCH_ARGS:-} "$text" 2>/dev/null |
            jq -r --arg q "$qid" '.hits[] | [$q, (.rank|tostring), .id] | @tsv' || true
    done <"$queries"
}

# older_than A B...: true when A exists and is newer than every B.
newer_than_all() {
    local a=$1 b
    shift
    [ -e "$a" ] || return 1
    for b in "$@"; do [ "$a" -nt "$b" ] || return 1; done
}

# evaluate CORPUS: indexes (if needed) and scores every system; prints metrics JSON per system.
evaluate() {
    local name=$1 src=$2 dir=$work/$1
    local queries=$here/queries/$name.tsv qrels=$here/judgments/$name.tsv
    mkdir -p "$dir"
    if [ "$name" = documents ]; then
        # Small: rebuilt every time so the figures follow the current indexer.
        rm -rf "$dir/diplo" "$dir/xapian" "$dir/fts5.db"
        "$index" --db "$dir/diplo" -q "$src" >/dev/null
        "$tool" export-diplo "$dir/diplo" >"$dir/export.jsonl"
        jsonl=$dir/export.jsonl
        "$tool" xapian-index "$dir/xapian" "$jsonl" 2>/dev/null
        ((has_fts5)) && "$tool" fts5-index "$dir/fts5.db" "$jsonl" 2>/dev/null
    else
        [ -f "$src" ] || die "UNGDC corpus not found at $src (use --corpus)"
        if ! newer_than_all "$dir/diplo.stamp" "$src" "$index"; then
            echo "relevance bench: indexing $name with diplo-index (a few minutes)..." >&2
            rm -rf "$dir/diplo"
            "$index" --db "$dir/diplo" -q "$src" >/dev/null
            touch "$dir/diplo.stamp"
        fi
        if ! newer_than_all "$dir/xapian.stamp" "$src" "$tool"; then
            echo "relevance bench: indexing $name with the Xapian baseline..." >&2
            rm -rf "$dir/xapian"
            zstd -dc "$src" | "$tool" xapian-index "$dir/xapian" - 2>/dev/null
            touch "$dir/xapian.stamp"
        fi
        if ((has_fts5)) && ! newer_than_all "$dir/fts5.stamp" "$src" "$tool"; then
            echo "relevance bench: indexing $name with the FTS5 baseline..." >&2
            zstd -dc "$src" | "$tool" fts5-index "$dir/fts5.db" - 2>/dev/null
            touch "$dir/fts5.stamp"
        fi
    fi
    diplo_run "$dir/diplo" "$queries" >"$dir/run-diplosearch.tsv"
    "$tool" xapian-search "$dir/xapian" "$queries" 100 >"$dir/run-xapian-bm25.tsv"
    ((has_fts5)) && "$tool" fts5-search "$dir/fts5.db" "$queries" 100 >"$dir/run-fts5-bm25.tsv"
    local sys
    for sys in diplosearch xapian-bm25 fts5-bm25; do
        [ -f "$dir/run-$sys.tsv" ] || continue
        [ "$sys" != fts5-bm25 ] || ((has_fts5)) || continue
        "$tool" eval "$qrels" "$queries" "$dir/run-$sys.tsv" --per-query |
            jq -c --arg s "$sys" --arg c "$name" '{corpus: $c, system: $s, metrics: .}'
    done
}

results=$work/results.jsonl
: >"$results"
evaluate documents corpus/documents >>"$results"
((fast)) || evaluate ungdc "$corpus" >>"$results"

jq -s --arg date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --arg commit "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
    '{date: $date, commit: $commit, results: .}' "$results" >"$output.json"

# f3: a number with exactly three decimals.
f3='def f3: (. * 1000 | round) as $n | "\($n / 1000 | floor).\((($n % 1000) + 1000) | tostring | .[1:])";'
{
    echo "# Relevance benchmark"
    echo
    echo "Generated by \`bench/relevance/run.sh$( ((fast)) && echo ' --fast')\` on $(date -u +%Y-%m-%d) (commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown))."
    echo "nDCG@10 (gain 2^g-1), MRR (first grade >= 2), recall@100 (grade >= 1); see bench/relevance/README.md."
    for c in $(jq -r '.corpus' "$results" | uniq); do
        echo
        echo "## $c ($(jq -r --arg c "$c" 'select(.corpus==$c) | .metrics.all.queries' "$results" | head -1) queries)"
        echo
        echo "| system | nDCG@10 | MRR | recall@100 |"
        echo "|---|---:|---:|---:|"
        jq -r --arg c "$c" "$f3"' select(.corpus==$c) | "| \(.system) | \(.metrics.all["ndcg@10"]|f3) | \(.metrics.all.mrr|f3) | \(.metrics.all["recall@100"]|f3) |"' "$results"
        echo
        echo "nDCG@10 by query kind:"
        echo
        echo "| system | known-item | topical | acronym | misspelled |"
        echo "|---|---:|---:|---:|---:|"
        jq -r --arg c "$c" "$f3"' select(.corpus==$c) | .metrics as $m | "| \(.system) | " + ([ "known-item", "topical", "acronym", "misspelled" ] | map(if $m[.] then ($m[.]["ndcg@10"]|f3) + " (\($m[.].queries))" else "-" end) | join(" | ")) + " |"' "$results"
    done
} >"$output.md"
cat "$output.md"
