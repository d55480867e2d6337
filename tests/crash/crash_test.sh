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
#   CRASH_ITERATIONS      kills to attempt (default 30, or 300 with TORTURE_LONG=1)
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

g_program=crash_test
# shellcheck source=../torture/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../torture/lib.sh"

take_arguments "$@"
if ! command -v xapian-check >/dev/null; then
    say "SKIP: xapian-check not installed (Debian package xapian-tools)"
    exit 77
fi

# The torture suite's long profile (TORTURE_LONG=1) kills ten times as often.
g_default_iterations=30
[[ "${TORTURE_LONG:-0}" != 1 ]] || g_default_iterations=300
readonly g_iterations=${CRASH_ITERATIONS:-$g_default_iterations}
readonly g_complete_every=${CRASH_COMPLETE_EVERY:-5}
g_seed=${CRASH_SEED:-$(( ($$ * 7919 + $(date +%s)) % 32768 ))}
RANDOM=$g_seed
g_replay_hint="replay with CRASH_SEED=$g_seed"

# CRASH_KEEP predates the torture suite's TORTURE_KEEP; either keeps the folder.
TORTURE_KEEP=${TORTURE_KEEP:-${CRASH_KEEP:-0}}
make_work_folder "$@"
readonly g_corpus=$g_work/corpus
readonly g_crash_db=$g_work/crash.db
g_indexer_pid=""
g_last_log=""
g_where=""  # What is being checked, for failure messages.

# On any exit: never leave an indexer we started running; remove a work folder
# we made only when the test passed, so a failure can be inspected.
cleanup() {
    if [[ -n "$g_indexer_pid" ]]; then
        kill -9 "$g_indexer_pid" 2>/dev/null || true
        wait "$g_indexer_pid" 2>/dev/null || true
    fi
    remove_work_folder
}
trap cleanup EXIT


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
