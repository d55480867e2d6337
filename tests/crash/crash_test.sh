#!/usr/bin/env bash
# @brief Crash test: kills diplo-index with SIGKILL at random moments and checks
# that the database is always consistent and that reruns converge.
#
# usage: crash_test.sh DIPLO_INDEX DIPLO_SEARCH CORPUS_DOCUMENTS [WORK_DIR]
#
# Every kill must leave the live generation passing xapian-check, holding
# exactly the documents of its last checkpoint, and searchable; a killed
# --rebuild must leave the live generation as it was. Kills accumulate on one
# database (repeated recovery is part of the test); every few kills, and at the
# end, a run to completion must give the same documents as an uninterrupted run.
#
# Environment:
#   CRASH_ITERATIONS      kills to attempt (default 30; raise for a long profile)
#   CRASH_COMPLETE_EVERY  kills between runs to completion (default 5)
#   CRASH_SEED            seed for $RANDOM, to replay a failing sequence of delays
#   CRASH_KEEP=1          keep the work folder even on success
#   CRASH_NO_JQ=1         read `diplo-index stats --json` with sed even if jq is installed
#
# Exit codes: 0 pass, 1 fail, 2 usage, 77 skipped (xapian-check not installed).
set -euo pipefail

readonly kBatchSize=50
readonly kRebuildEvery=3     # Every third kill interrupts a --rebuild.
readonly kCopies=2           # Copies of corpus/documents in the test corpus.
readonly kSyntheticRecords=1000
readonly kSearchWord=treaty  # In every synthetic record.

say() { printf 'crash_test: %s\n' "$*"; }

fail() {
    printf 'crash_test: FAIL: %s%s\n' "${g_where:+$g_where: }" "$*" >&2
    if [[ -n "${g_last_log:-}" && -s "$g_last_log" ]]; then
        printf 'crash_test: last indexer log (%s):\n' "$g_last_log" >&2
        tail -n 20 "$g_last_log" >&2
    fi
    printf 'crash_test: replay with CRASH_SEED=%s; work folder kept: %s\n' "$g_seed" "$g_work" >&2
    exit 1
}

if (($# < 3 || $# > 4)); then
    echo "usage: $0 DIPLO_INDEX DIPLO_SEARCH CORPUS_DOCUMENTS [WORK_DIR]" >&2
    exit 2
fi
readonly g_index=$1 g_search=$2 g_documents=$3
if ! command -v xapian-check >/dev/null; then
    say "SKIP: xapian-check not installed (Debian package xapian-tools)"
    exit 77
fi
[[ -x "$g_index" && -x "$g_search" ]] || { echo "$0: binaries not executable" >&2; exit 2; }
[[ -d "$g_documents" ]] || { echo "$0: no such folder: $g_documents" >&2; exit 2; }

readonly g_iterations=${CRASH_ITERATIONS:-30}
readonly g_complete_every=${CRASH_COMPLETE_EVERY:-5}
g_seed=${CRASH_SEED:-$(( ($$ * 7919 + $(date +%s)) % 32768 ))}
RANDOM=$g_seed

g_made_work=0
if (($# == 4)); then
    g_work=$4
    mkdir -p "$g_work"
    # A database left by an earlier run would change where the kills start.
    rm -rf "$g_work/corpus" "$g_work/variants" "$g_work"/*.db
else
    g_work=$(mktemp -d "${TMPDIR:-/tmp}/diplo-crash.XXXXXX")
    g_made_work=1
fi
readonly g_corpus=$g_work/corpus
readonly g_crash_db=$g_work/crash.db
g_indexer_pid=""
g_last_log=""
g_where=""  # What is being checked, for failure messages.
g_passed=0

# On any exit: never leave an indexer we started running; remove a work folder
# we made only when the test passed, so a failure can be inspected.
cleanup() {
    if [[ -n "$g_indexer_pid" ]]; then
        kill -9 "$g_indexer_pid" 2>/dev/null || true
        wait "$g_indexer_pid" 2>/dev/null || true
    fi
    if ((g_passed && g_made_work)) && [[ "${CRASH_KEEP:-0}" != 1 ]]; then
        rm -rf "$g_work"
    fi
}
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# sleep_while_running PID MS: sleeps MS milliseconds or until PID exits, and
# sets g_exited_after_ms to when it exited ("" if it still runs). An exited
# child stays a zombie until reaped, so kill -0 cannot tell; /proc can.
sleep_while_running() {
    local pid=$1 ms=$2 start state
    if [[ ! -r /proc/self/stat ]]; then  # No /proc: just sleep.
        sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
        g_exited_after_ms=""
        return
    fi
    start=$(now_ms)
    g_exited_after_ms=""
    while (($(now_ms) - start < ms)); do
        state=Z
        read -r _ _ state _ 2>/dev/null <"/proc/$pid/stat" || true
        if [[ "$state" == Z ]]; then
            g_exited_after_ms=$(($(now_ms) - start))
            return
        fi
        sleep 0.02
    done
}

# --- the corpus -------------------------------------------------------------

# Writes kSyntheticRecords JSONL records whose texts depend on VARIANT, with
# the same ids in every variant: switching variants replaces every synthetic
# document, so runs after a switch have real work to interrupt.
write_synthetic() {
    local variant=$1 out=$2
    local -a words=(treaty minister embassy summit sanctions trade border ceasefire
        delegation envoy accord ratify nuclear climate refugees maritime tariff
        investment corridor security council resolution bilateral multilateral
        humanitarian pipeline port railway election sovereignty fisheries aviation
        pandemic vaccine grain energy water customs visa students)
    local -i n=${#words[@]} i a
    local w1 w2 w3 w4 w5 w6 w7 w8
    for ((i = 1; i <= kSyntheticRecords; i++)); do
        a=$((i * 7 + variant * 11))
        w1=${words[a % n]} w2=${words[(a * 3 + 1) % n]} w3=${words[(a * 5 + 2) % n]}
        w4=${words[(a * 11 + 3) % n]} w5=${words[(a * 13 + 5) % n]}
        w6=${words[(a * 17 + 7) % n]} w7=${words[(a * 19 + 11) % n]}
        w8=${words[(a + variant) % n]}
        printf '{"id":"synthetic-%05d","title":"Report %d on the %s and %s talks","text":"The %s %s held talks on %s and %s with the visiting %s. Both sides agreed that the %s framework on %s needs review before the %s. Officials said the %s question remained open, and a further round on %s and %s is planned. The %s statement mentions the treaty of %d.","date":"%04d-%02d-%02d"}\n' \
            "$i" "$i" "$w1" "$w2" "$w3" "$w4" "$w5" "$w6" "$w7" "$w8" "$w1" "$w2" "$w3" \
            "$w4" "$w5" "$w6" $((1900 + a % 120)) \
            $((1960 + i % 65)) $((1 + i % 12)) $((1 + (i * variant) % 28))
    done >"$out"
}

# The copies share the documents whose front matter gives an id (ids come from
# the path only when there is none), so they also replace one another.
make_corpus() {
    local i
    mkdir -p "$g_corpus" "$g_work/variants"
    for ((i = 1; i <= kCopies; i++)); do cp -R "$g_documents" "$g_corpus/copy$i"; done
    write_synthetic 1 "$g_work/variants/a.jsonl"
    write_synthetic 2 "$g_work/variants/b.jsonl"
}

# Puts synthetic variant a or b in the corpus. The path stays the same because
# a document's content hash covers its source path.
g_variant=""
use_variant() {
    g_variant=$1
    cp "$g_work/variants/$1.jsonl" "$g_corpus/synthetic.jsonl"
}

# --- reading a database -----------------------------------------------------

# json_top FILE KEY: a top-level scalar of the pretty-printed stats JSON.
json_top() {
    sed -n "s/^  \"$2\": \"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}\$/\1/p" "$1"
}

# stats_fields FILE: from `diplo-index stats --json` output, prints one line
# "doccount checkpoint.doccount checkpoint.documents content_digest
# live_generation", the checkpoint fields "null" when there is no checkpoint.
# Uses jq when installed (one call: jq starts slowly) unless CRASH_NO_JQ=1,
# else sed on the output's two-space indentation.
stats_fields() {
    local file=$1
    if [[ "${CRASH_NO_JQ:-0}" != 1 ]] && command -v jq >/dev/null; then
        jq -r '[.doccount, (.checkpoint.doccount // "null"), (.checkpoint.documents // "null"),
                .content_digest, .live_generation] | map(tostring) | join(" ")' "$file"
        return
    fi
    local checkpoint_doccount=null checkpoint_documents=null
    if ! grep -q '^  "checkpoint": null' "$file"; then
        checkpoint_doccount=$(sed -n '/^  "checkpoint": {/,/^  }/s/^    "doccount": \([0-9]*\).*/\1/p' "$file")
        checkpoint_documents=$(sed -n '/^  "checkpoint": {/,/^  }/s/^    "documents": \([0-9]*\).*/\1/p' "$file")
    fi
    echo "$(json_top "$file" doccount) $checkpoint_doccount $checkpoint_documents $(json_top "$file" content_digest) $(json_top "$file" live_generation)"
}

# read_state DB: sets s_exists (0/1), s_live (generation number), s_doccount,
# s_checkpoint (checkpoint.doccount), s_written (checkpoint.documents: what the
# last job to commit had written) and s_digest. s_exists=0 while the first run
# has not yet written the stub, which is a legitimate state after an early kill.
read_state() {
    local db=$1 json=$g_work/stats.json backend target
    s_exists=0 s_live="" s_doccount="" s_checkpoint="" s_written="" s_digest=""
    [[ -f "$db/XAPIANDB" ]] || return 0
    s_exists=1
    read -r backend target <"$db/XAPIANDB" || fail "$db/XAPIANDB is unreadable"
    [[ "$backend" == auto && "$target" =~ ^gen-([0-9]+)$ ]] ||
        fail "$db/XAPIANDB holds '$backend $target', not 'auto gen-NNNNNN'"
    s_live=$((10#${BASH_REMATCH[1]}))
    [[ -d "$db/$target" ]] || fail "the stub names $target, which does not exist"
    "$g_index" stats --db "$db" --json >"$json" 2>"$g_work/stats.err" ||
        fail "diplo-index stats failed on $db: $(cat "$g_work/stats.err")"
    local reported
    read -r s_doccount s_checkpoint s_written s_digest reported < <(stats_fields "$json")
    [[ "$s_doccount" =~ ^[0-9]+$ && "$s_checkpoint" =~ ^([0-9]+|null)$ && -n "$s_digest" ]] ||
        fail "cannot read doccount, checkpoint and content_digest from $json"
    [[ "$reported" == "$s_live" ]] ||
        fail "stats says generation $reported is live, the stub says $s_live"
}

# Generations present in DB, oldest first, as plain numbers.
generations_of() {
    local dir
    for dir in "$1"/gen-*; do
        [[ -d "$dir" ]] && echo $((10#${dir##*/gen-}))
    done
    return 0
}

# The checks every kill must pass: (a) the live generation passes
# xapian-check, (b) it holds exactly the documents of its last checkpoint,
# (c) it can be searched. Leaves the state in s_*.
check_consistent() {
    local db=$1
    read_state "$db"
    ((s_exists)) || return 0
    local gen_dir
    gen_dir=$(printf '%s/gen-%06d' "$db" "$s_live")
    xapian-check "$gen_dir" >"$g_work/check.log" 2>&1 ||
        fail "xapian-check $gen_dir failed: $(tail -n 5 "$g_work/check.log")"
    if [[ "$s_checkpoint" == null ]]; then
        [[ "$s_doccount" == 0 ]] ||
            fail "generation $s_live has $s_doccount documents but no checkpoint"
    else
        [[ "$s_doccount" == "$s_checkpoint" ]] ||
            fail "generation $s_live has $s_doccount documents, its checkpoint says $s_checkpoint"
    fi
    "$g_search" --db "$db" --limit 1 --facets none "$kSearchWord" >/dev/null 2>"$g_work/search.err" ||
        fail "diplo-search on $db failed: $(cat "$g_work/search.err")"
}

# --- running the indexer ----------------------------------------------------

# index DB LOG [ARGS...]: one run to completion, which must succeed.
index() {
    local db=$1 log=$2
    shift 2
    g_last_log=$log
    "$g_index" --db "$db" --batch-size "$kBatchSize" "$@" "$g_corpus" >"$log" 2>&1 ||
        fail "diplo-index --db $db $* exited with $? (expected 0)"
}

# Reference digests per variant from uninterrupted runs. Their duration sets
# the range of kill delays; the shorter one is taken, since commits wait for
# fsync and a busy disk can stretch a single run several times over.
declare -A g_ref_digest g_ref_doccount
g_ref_ms=0
make_references() {
    local variant start elapsed
    for variant in a b; do
        use_variant "$variant"
        g_where="reference run $variant"
        start=$(now_ms)
        index "$g_work/ref-$variant.db" "$g_work/ref-$variant.log"
        elapsed=$(($(now_ms) - start))
        ((g_ref_ms > 0 && g_ref_ms <= elapsed)) || g_ref_ms=$elapsed
        check_consistent "$g_work/ref-$variant.db"
        g_ref_digest[$variant]=$s_digest
        g_ref_doccount[$variant]=$s_doccount
        say "reference $variant: $s_doccount documents, digest $s_digest, $elapsed ms"
    done
}

# The database equals the reference for the current variant.
check_converged() {
    local what=$1
    [[ "$s_digest" == "${g_ref_digest[$g_variant]}" && "$s_doccount" == "${g_ref_doccount[$g_variant]}" ]] ||
        fail "$what: $s_doccount documents, digest $s_digest; uninterrupted run: ${g_ref_doccount[$g_variant]}, ${g_ref_digest[$g_variant]}"
}

# No generation newer than the live one and no half-written file (XAPIANDB.tmp,
# last-job.json.tmp) may survive a completed run. With KEPT, the generations must be exactly live-KEPT..live.
check_no_debris() {
    local kept=${1:-} number expected=""
    local -a present
    mapfile -t present < <(generations_of "$g_crash_db")
    for number in "${present[@]}"; do
        ((number <= s_live)) ||
            fail "generation $number, newer than the live $s_live, survived a completed run"
    done
    local leftover
    for leftover in "$g_crash_db"/*.tmp; do
        [[ ! -e "$leftover" ]] || fail "${leftover##*/} survived a completed run"
    done
    if [[ -n "$kept" ]]; then
        for ((number = s_live - kept; number <= s_live; number++)); do expected+="$number "; done
        [[ "${present[*]} " == "$expected" ]] ||
            fail "generations present: ${present[*]}; expected ${expected% } (live plus $kept kept)"
    fi
}

# Runs to completion on the crash database and checks it converged.
complete_run() {
    local label=$1
    shift
    g_where=$label
    index "$g_crash_db" "$g_work/complete.log" "$@"
    check_consistent "$g_crash_db"
    check_converged "$label"
    check_no_debris
    say "$label: converged ($s_doccount documents, generation $s_live, variant $g_variant)"
}

# --- the crash loop ---------------------------------------------------------

g_kills=0 g_finished_first=0 g_rebuild_kills=0 g_after_switch=0 g_completions=0

# crash_once N: starts a run, kills it after a random delay, and checks what
# it left. The delays spread over 1.25 times the reference duration so that
# some kills land in a run's last steps (final commit, switching generations,
# removing old ones) and some runs finish first. Expects s_* to describe the
# crash database as it is now (every caller ends with check_consistent).
crash_once() {
    local iteration=$1 mode=incremental
    local -a args=()
    if ((iteration % kRebuildEvery == 0)); then
        mode=rebuild
        args=(--rebuild)
    fi

    local before_exists=$s_exists before_live=$s_live
    local before_doccount=$s_doccount before_digest=$s_digest

    local delay_ms=$((10 + RANDOM * (g_ref_ms * 5 / 4) / 32768))
    g_where="iteration $iteration ($mode, variant $g_variant, kill after $delay_ms ms)"
    g_last_log=$g_work/crash.log
    "$g_index" --db "$g_crash_db" --batch-size "$kBatchSize" "${args[@]}" "$g_corpus" \
        >"$g_last_log" 2>&1 &
    g_indexer_pid=$!
    sleep_while_running "$g_indexer_pid" "$delay_ms"
    kill -9 "$g_indexer_pid" 2>/dev/null || true
    # A reaped status of 137 means the kill landed; 0 means the run finished
    # first. Redirecting wait's stderr hides bash's "Killed" notice.
    local status=0
    wait "$g_indexer_pid" 2>/dev/null || status=$?
    g_indexer_pid=""
    local outcome
    case $status in
        137) outcome=killed; g_kills=$((g_kills + 1)) ;;
        0)
            outcome="finished first (after ${g_exited_after_ms:-about $delay_ms} ms)"
            g_finished_first=$((g_finished_first + 1))
            # The machine got faster than when the references ran (their
            # fsyncs compete with whatever else runs): a rebuild does all the
            # work, so move the delay range towards its duration.
            if [[ "$mode" == rebuild && -n "$g_exited_after_ms" ]]; then
                g_ref_ms=$(((g_ref_ms + g_exited_after_ms) / 2))
            fi
            ;;
        *) fail "diplo-index exited with $status before the kill" ;;
    esac

    check_consistent "$g_crash_db"
    if ((!s_exists)); then
        ((status == 137)) || fail "a finished run left no database"
        say "$(printf '%3d' "$iteration") $mode $g_variant after ${delay_ms} ms: $outcome before the database existed"
        return
    fi

    if ((status == 0)); then
        check_converged "the run finished before the kill"
        check_no_debris
    elif [[ "$mode" == rebuild ]] && ((before_exists)); then
        g_rebuild_kills=$((g_rebuild_kills + 1))
        # (d) A killed rebuild leaves the live generation untouched, unless it
        # was killed after switching to the complete new one (while removing
        # old generations or writing last-job.json).
        if ((s_live == before_live)); then
            [[ "$s_doccount" == "$before_doccount" && "$s_digest" == "$before_digest" ]] ||
                fail "killed rebuild changed live generation $s_live: $before_doccount -> $s_doccount documents, digest $before_digest -> $s_digest"
        elif ((s_live == before_live + 1)); then
            check_converged "rebuild killed after its switch"
            outcome="killed after its switch"
            g_after_switch=$((g_after_switch + 1))
        else
            fail "killed rebuild: live generation went from $before_live to $s_live"
        fi
    fi
    say "$(printf '%3d' "$iteration") $mode $g_variant after ${delay_ms} ms: $outcome; generation $s_live, $s_doccount documents (checkpoint $s_checkpoint, its job wrote $s_written), generations: $(generations_of "$g_crash_db" | tr '\n' ' ')"
}

main() {
    local started=$SECONDS iteration
    say "work folder $g_work, seed $g_seed, $g_iterations kills, completion every $g_complete_every"
    make_corpus
    make_references

    # Every run gets the other synthetic variant than the run before, so it
    # replaces documents the last one wrote instead of finding less and less
    # to do as kills accumulate; a completion finishes the variant of the
    # kill before it.
    read_state "$g_crash_db"
    for ((iteration = 1; iteration <= g_iterations; iteration++)); do
        use_variant "$([[ $g_variant == a ]] && echo b || echo a)"
        crash_once "$iteration"
        if ((iteration % g_complete_every == 0 || iteration == g_iterations)); then
            complete_run "after kill $iteration"
            g_completions=$((g_completions + 1))
        fi
    done

    # A final rebuild to completion must converge too, and remove every
    # generation beyond the one it keeps (--keep 1 by default).
    complete_run "final rebuild" --rebuild
    check_no_debris 1
    say "PASS: $g_iterations iterations ($g_kills killed mid-run, $g_rebuild_kills of them rebuilds, $g_after_switch after the switch; $g_finished_first finished before the kill), $((g_completions + 1)) runs to completion converged, in $((SECONDS - started)) s"
    g_passed=1
}

main
