#!/usr/bin/env bash
# @brief Deterministic crash points: kills diplo-index with SIGKILL on the Kth
# call of a syscall that makes data durable (strace fault injection), for K =
# 1, 2, ... until the run completes, and checks what each kill leaves.
#
# usage: crash_points.sh DIPLO_INDEX DIPLO_SEARCH CORPUS_DOCUMENTS [WORK_DIR]
#
# Random kills (tests/crash/crash_test.sh) land mostly while documents are
# being built; the moments that matter for durability are the few syscalls of
# a commit or a generation switch, so each of those is hit here on purpose:
# fdatasync (each Xapian table, then its version file), rename (the version
# file, the XAPIANDB stub, last-job.json), fsync (the stub, the folder) and
# pwrite64 (table blocks). Three jobs are interrupted: creating a database,
# an incremental job replacing every synthetic document, and a --rebuild
# (compacted, then switched). After every kill: the live generation passes
# xapian-check, holds exactly the documents of its last checkpoint and can be
# searched; a killed rebuild leaves the live generation as it was unless it
# had switched; and a rerun of the same command converges to an uninterrupted
# run's documents.
#
# Environment:
#   TORTURE_LONG=1   every K up to the run's completion (default: K = 1..4,
#                    then 3 more spread over the rest, and the last call)
#   TORTURE_KEEP=1   keep the work folder even on success
#
# Exit codes: 0 pass, 1 fail, 2 usage, 77 skipped (no xapian-check or strace,
# or strace cannot inject faults here).
set -euo pipefail

# Synthetic records only: the write path is what is under test, and
# extracting facets from real documents would triple every run's time.
readonly kBatchSize=20
readonly kCopies=0
readonly kSyntheticRecords=120
readonly kSearchWord=treaty
readonly kSyscalls=(fdatasync rename fsync pwrite64)
readonly kDense=4    # Every K up to here in the default profile...
readonly kSpread=3   # ...then this many more, evenly spread.

g_program=crash_points
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

take_arguments "$@"
require_fault_tools

readonly g_long=${TORTURE_LONG:-0}
make_work_folder "$@"
readonly g_corpus=$g_work/corpus
g_crash_db=$g_work/crash.db
g_last_log=""
g_where=""

g_points=0 g_killed=0 g_switched=0
declare -A g_combo_points

# crash_at SCENARIO SYSCALL K N: one run from the scenario's start state,
# killed on the Kth of the N SYSCALL calls an uninterrupted run makes.
# Returns 1 when the run completed instead, which only K > N may do.
crash_at() {
    local scenario=$1 syscall=$2 k=$3 n=$4
    local -a args=()
    [[ "$scenario" == rebuild ]] && args=(--rebuild)
    start_state "$scenario"
    g_where="$scenario, SIGKILL on $syscall call $k"
    g_last_log=$g_work/killed.log
    local status=0
    # In the background so that bash does not report the kill on stderr.
    traced -f -qq -o /dev/null -e trace="$syscall" \
        -e inject="$syscall:signal=SIGKILL:when=$k" \
        "$g_index" --db "$g_crash_db" --batch-size "$kBatchSize" "${args[@]}" "$g_corpus" \
        >"$g_last_log" 2>&1 &
    wait $! 2>/dev/null || status=$?
    check_consistent "$g_crash_db"
    g_points=$((g_points + 1))
    local outcome
    case $status in
        0)
            ((k > n)) || fail "the run completed, though an uninterrupted run makes $n calls"
            check_converged "completed run"
            check_no_debris
            say "$g_where: completed ($s_doccount documents)"
            return 1
            ;;
        137) g_killed=$((g_killed + 1)) ;;
        *) fail "diplo-index under strace exited with $status, not killed" ;;
    esac
    if ((!s_exists)); then
        outcome="killed before the database existed"
    elif [[ "$scenario" == rebuild ]]; then
        if ((s_live == 1)); then
            [[ "$s_digest" == "${g_ref_digest[a]}" ]] ||
                fail "killed rebuild changed live generation 1 (digest $s_digest, was ${g_ref_digest[a]})"
            outcome="killed; live generation 1 unchanged"
        elif ((s_live == 2)); then
            check_converged "rebuild killed after its switch"
            g_switched=$((g_switched + 1))
            outcome="killed after the switch to generation 2"
        else
            fail "killed rebuild: live generation $s_live"
        fi
    else
        outcome="killed; $s_doccount documents (checkpoint $s_checkpoint)"
    fi
    # The same command again must finish the job.
    g_where="$g_where, rerun"
    index "$g_crash_db" "$g_work/rerun.log" "${args[@]}"
    check_consistent "$g_crash_db"
    check_converged "rerun"
    check_no_debris
    say "$scenario $syscall K=$k: $outcome; rerun converged"
    return 0
}

main() {
    local started=$SECONDS scenario syscall n k
    say "work folder $g_work$([[ "$g_long" == 1 ]] && echo ', long profile')"
    make_fault_references

    for scenario in fresh incremental rebuild; do
        for syscall in "${kSyscalls[@]}"; do
            n=$(calls_in_run "$scenario" "$syscall")
            ((n > 0)) || fail "$scenario makes no $syscall call: is this still the write path?"
            local tried=0 completed=0
            for k in $(sample_points "$n"); do
                tried=$((tried + 1))
                if ! crash_at "$scenario" "$syscall" "$k" "$n"; then
                    completed=1
                    break
                fi
            done
            ((completed)) || fail "$scenario: the run still did not complete after $syscall call $k of $n"
            g_combo_points["$scenario $syscall"]="$tried of $((n + 1))"
        done
    done

    local combo summary=""
    for combo in "${!g_combo_points[@]}"; do summary+="$combo: ${g_combo_points[$combo]}; "; done
    say "points per job and syscall (tried of calls+1): ${summary%; }"
    say "PASS: $g_points crash points ($g_killed killed, $g_switched of them rebuilds after the switch; $((g_points - g_killed)) runs completed), every rerun converged, in $((SECONDS - started)) s"
    g_passed=1
}

main
