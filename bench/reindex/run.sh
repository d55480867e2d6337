#!/usr/bin/env bash
# @brief Reindex speed, on demand (not part of CTest): the time of an unchanged
# incremental rerun over the UN General Debate corpus as a fraction of a full index
# (target: under 5 %), beside a --rehash rerun and a rerun after `touch`.
#
# Usage: bench/reindex/run.sh [--runs N] [--records N] [--binary PATH] [--corpus PATH]
#                             [--output PREFIX] [BUILD_DIR]
#
#   BUILD_DIR        where diplo-index was built (default: $BUILD_DIR, else build);
#                    the binary is BUILD_DIR/indexer/diplo-index unless --binary is given
#   --runs N         repetitions of the four steps (default 3); medians are quoted
#   --records N      index only the first N records (a quick run)
#   --corpus PATH    default: $DIPLOSEARCH_SHARED_CORPUS, else ../shared/corpus/ungdc.jsonl.zst
#   --output PREFIX  writes PREFIX.md and PREFIX.json (default: bench/results/reindex, or
#                    bench/results/reindex-first-N with --records N)
#
# Each run: (1) full index into a fresh database (the baseline); (2) an unchanged rerun,
# where the file stamp short-cuts reading; (3) an unchanged rerun with --rehash, which
# reads, parses and hashes every record; (4) a rerun after `touch` (new mtime, same
# content), which must behave like --rehash. The source is a private copy of the corpus,
# so touching it leaves the shared file alone. Wall time is measured around the process;
# the page cache is warm (the realistic case of a rerun soon after a job).
set -euo pipefail
cd "$(dirname "$0")/../.."

bench_name="reindex bench"
. bench/lib.sh

runs=3
records=
binary=
corpus=${DIPLOSEARCH_SHARED_CORPUS:-../shared/corpus/ungdc.jsonl.zst}
output=
build=${BUILD_DIR:-build}
while [ $# -gt 0 ]; do
    case $1 in
        --runs) runs=${2:?--runs needs a value}; shift 2 ;;
        --records) records=${2:?--records needs a value}; shift 2 ;;
        --binary) binary=${2:?--binary needs a value}; shift 2 ;;
        --corpus) corpus=${2:?--corpus needs a value}; shift 2 ;;
        --output) output=${2:?--output needs a value}; shift 2 ;;
        -h|--help) print_usage "$0"; exit 0 ;;
        -*) die "unknown option $1 (try --help)" ;;
        *) build=$1; shift ;;
    esac
done
check_counts "$runs" "$records"
binary=${binary:-$build/indexer/diplo-index}
[ -x "$binary" ] || die "$binary is not an executable diplo-index (build it, or pass --binary PATH)"
[ -f "$corpus" ] || die "corpus $corpus is missing (set DIPLOSEARCH_SHARED_CORPUS or pass --corpus PATH)"
command -v zstdcat >/dev/null || die "zstdcat is needed (package zstd)"
if [ -z "$output" ]; then
    output=bench/results/reindex${records:+-first-$records}
fi

gnu_time=
if [ -x /usr/bin/time ] && /usr/bin/time -f '%M' -o /dev/null true 2>/dev/null; then
    gnu_time=/usr/bin/time
else
    echo "reindex bench: GNU time (/usr/bin/time, package 'time') not found; peak RSS not measured" >&2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/reindex-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# A private copy of the source: `touch` must not change the shared corpus.
if [ -n "$records" ]; then
    source="$work/ungdc-first-$records.jsonl"
    zstdcat -q "$corpus" | head -n "$records" >"$source" || true
else
    source="$work/ungdc.jsonl.zst"
    cp "$corpus" "$source"
fi
count=$(zstdcat -q -f "$source" | grep -c .)
[ "$count" -gt 0 ] || die "$source holds no records"
source_mb=$(du -k "$source" | awk '{printf "%.1f", $1 / 1024}')
text_mb=$(zstdcat -q -f "$source" | wc -c | awk '{printf "%.1f", $1 / 1048576}')

# Files changed within the last 2 s are not stamped (racy-clean rule); let it settle.
settle() { sleep 3; }
settle

db="$work/db"
steps=(full unchanged rehash touched)
declare -A label=(
    [full]="full index (fresh database)"
    [unchanged]="unchanged rerun (stamps)"
    [rehash]="unchanged rerun, --rehash"
    [touched]="rerun after touch (same content)"
)
declare -A seconds=() rss=() internal=()
db_mb=

# Runs one step: diplo-index with "$@", timed; checks its summary line against the
# expected counts; appends wall seconds, peak RSS (KB) and the indexer's own seconds.
# Sets `revision` to the database revision the job left.
run_step() {
    local step=$1 expect=$2
    shift 2
    local log="$work/$step.log" rssfile="$work/$step.rss" start end rc=0
    start=$(date +%s.%N)
    if [ -n "$gnu_time" ]; then
        "$gnu_time" -f '%M' -o "$rssfile" "$binary" --db "$db" "$@" "$source" 2>"$log" || rc=$?
    else
        "$binary" --db "$db" "$@" "$source" 2>"$log" || rc=$?
    fi
    end=$(date +%s.%N)
    local line
    line=$(grep -F ": indexed " "$log" | tail -n 1 || true)
    if [ "$rc" -ne 0 ] || [ -z "$line" ]; then
        cat "$log" >&2
        die "step '$step' failed (exit $rc, diplo-index $*)"
    fi
    if ! grep -qF -- "$expect" <<<"$line"; then
        echo "$line" >&2
        die "step '$step': expected '$expect' in the diplo-index summary above"
    fi
    if ! grep -qF -- " $count documents at revision " <<<"$line"; then
        echo "$line" >&2
        die "step '$step': expected $count documents in the database"
    fi
    seconds[$step]+="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }') "
    rss[$step]+="$( [ -n "$gnu_time" ] && tail -n 1 "$rssfile" || echo 0) "
    internal[$step]+="$(sed -n 's/.* in \([0-9.]*\) s;.*/\1/p' <<<"$line") "
    revision=$(sed -n 's/.* at revision \([0-9]*\).*/\1/p' <<<"$line")
}

echo "reindex bench: $runs run(s) over $count records ($source_mb MB source, $text_mb MB JSONL) with $binary" >&2
date_utc=$(date -u +%Y-%m-%dT%H:%M:%SZ)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ "$commit" != unknown ] && ! git diff --quiet HEAD -- 2>/dev/null; then commit+="-dirty"; fi
bench_start=$(date +%s)
for ((run = 1; run <= runs; run++)); do
    rm -rf "$db"
    same="indexed 0 (added 0, updated 0), unchanged $count,"
    run_step full "indexed $count (added $count, updated 0), unchanged 0,"
    rev_full=$revision
    db_mb=$(du -sk "$db" | awk '{printf "%.0f", $1 / 1024}')
    run_step unchanged "$same"
    grep -qF "(0 files read, 1 unchanged)" "$work/unchanged.log" ||
        die "step 'unchanged': the source file was read again; its stamp did not short-cut"
    [ "$revision" = "$rev_full" ] ||
        die "step 'unchanged' wrote to the database (revision $rev_full -> $revision)"
    run_step rehash "$same" --rehash
    grep -qF "(1 files read, 0 unchanged)" "$work/rehash.log" ||
        die "step 'rehash': expected the source file to be read"
    [ "$revision" = "$rev_full" ] ||
        die "step 'rehash' wrote to the database (revision $rev_full -> $revision)"
    touch "$source"
    settle
    run_step touched "$same"
    grep -qF "(1 files read, 0 unchanged)" "$work/touched.log" ||
        die "step 'touched': expected the touched source file to be read"
    printf '  run %d/%d:' "$run" "$runs" >&2
    for step in "${steps[@]}"; do
        printf ' %s %ss' "$step" "$(awk '{print $NF}' <<<"${seconds[$step]}")" >&2
    done
    echo >&2
done
bench_seconds=$(($(date +%s) - bench_start))
rm -rf "$db"

median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
minimum() { tr ' ' '\n' | grep . | sort -g | head -n 1; }
maximum() { tr ' ' '\n' | grep . | sort -g | tail -n 1; }

declare -A med=() lo=() hi=() peak=() imed=()
for step in "${steps[@]}"; do
    med[$step]=$(median <<<"${seconds[$step]}")
    lo[$step]=$(minimum <<<"${seconds[$step]}")
    hi[$step]=$(maximum <<<"${seconds[$step]}")
    peak[$step]=$(maximum <<<"${rss[$step]}")
    imed[$step]=$(median <<<"${internal[$step]}")
done
fraction() { awk -v a="$1" -v b="${med[full]}" 'BEGIN { printf "%.4f", (b > 0) ? a / b : 0 }'; }

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
cpus=$(nproc)
mem_gb=$(awk '/^MemTotal:/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)
unchanged_pct=$(awk -v f="$(fraction "${med[unchanged]}")" 'BEGIN { printf "%.2f", f * 100 }')
verdict=$(awk -v p="$unchanged_pct" 'BEGIN { print (p < 5) ? "met" : "missed" }')

mkdir -p "$(dirname "$output")"
{
    echo "## Reindex: unchanged reruns against a full index"
    echo
    echo "Started $date_utc, checkout $commit; $cpus CPUs ($cpu), $mem_gb GB RAM;"
    echo "$count records (${records:+first $records of }$(basename "$corpus"); $source_mb MB source, $text_mb MB JSONL), database $db_mb MB;"
    echo "$runs runs, warm page cache; total $bench_seconds s."
    echo
    echo "| Step | Median s | Min–max s | Peak RSS MB | Fraction of full index |"
    echo "|---|---:|---:|---:|---:|"
    for step in "${steps[@]}"; do
        awk -v l="${label[$step]}" -v m="${med[$step]}" -v a="${lo[$step]}" -v b="${hi[$step]}" \
            -v r="${peak[$step]}" -v f="$(fraction "${med[$step]}")" -v g="$gnu_time" \
            'BEGIN { printf "| %s | %.3f | %.3f–%.3f | %s | %.2f %% |\n", l, m, a, b,
                     (g == "") ? "n/a" : sprintf("%.0f", r / 1024), f * 100 }'
    done
    echo
    echo "Target: the unchanged rerun under 5 % of the full index: $verdict ($unchanged_pct %)."
} >"$output.md"

{
    printf '{\n'
    printf '  "date": "%s",\n  "commit": "%s",\n' "$date_utc" "$commit"
    printf '  "machine": {"nproc": %s, "cpu": "%s", "mem_gb": %s},\n' "$cpus" "${cpu//\"/\\\"}" "$mem_gb"
    printf '  "corpus": {"file": "%s", "records": %s, "first_records_only": %s, "source_mb": %s, "jsonl_mb": %s},\n' \
        "$(basename "$corpus")" "$count" "${records:-null}" "$source_mb" "$text_mb"
    printf '  "database_mb": %s,\n  "runs": %s,\n  "bench_seconds": %s,\n  "rss_measured": %s,\n' \
        "$db_mb" "$runs" "$bench_seconds" "$([ -n "$gnu_time" ] && echo true || echo false)"
    printf '  "steps": {\n'
    sep=
    for step in "${steps[@]}"; do
        printf '%s    "%s": {"label": "%s", "median_s": %s, "min_s": %s, "max_s": %s, "seconds": [%s], "indexer_seconds_median": %s, "peak_rss_kb": %s, "fraction_of_full": %s}' \
            "$sep" "$step" "${label[$step]}" "${med[$step]}" "${lo[$step]}" "${hi[$step]}" \
            "$(xargs <<<"${seconds[$step]}" | sed 's/ /, /g')" "${imed[$step]}" "${peak[$step]}" \
            "$(fraction "${med[$step]}")"
        sep=$',\n'
    done
    printf '\n  },\n'
    printf '  "target": {"unchanged_fraction_below": 0.05, "met": %s}\n}\n' \
        "$([ "$verdict" = met ] && echo true || echo false)"
} >"$output.json"

cat "$output.md"
echo >&2
echo "reindex bench: wrote $output.md and $output.json" >&2
