#!/usr/bin/env bash
# @brief I/O errors and disk full: makes diplo-index's writes, syncs and
# renames fail (strace fault injection of EIO and ENOSPC), then fills a real
# small file system mid-job, and checks what each failure leaves.
#
# usage: io_faults.sh DIPLO_INDEX DIPLO_SEARCH CORPUS_DOCUMENTS [WORK_DIR]
#
# Every injected failure must give exit code 1 with an error naming the cause
# (or 134, an abort, where a Xapian error escapes every handler, with the
# writer's explanation logged first: see docs/reliability.md; never
# exit 0 unless the failure was in the job report, which is only a warning); the live generation must pass xapian-check, hold exactly
# the documents of its last checkpoint and be searchable; a failed --rebuild
# must leave the live generation as it was; after the failure the job must not
# write, sync or rename anything in the database again (Xapian's handle is
# dropped, not reused or committed by its destructor); and a rerun without the
# fault must converge to an uninterrupted run's documents. Transient faults
# fail one call (when=K); a full disk fails every call from the Kth (when=K+).
#
# The small file system is a tmpfs of a few MB, else a loop-mounted ext4
# image (both need root); without either that part is skipped with a message.
#
# Environment:
#   TORTURE_LONG=1   every K (default: K = 1, one in the middle, the last)
#   TORTURE_KEEP=1   keep the work folder even on success
#
# Exit codes: 0 pass, 1 fail, 2 usage, 77 skipped (no xapian-check or strace,
# or strace cannot inject faults here).
set -euo pipefail

# Synthetic records only, as in crash_points.sh: the write path is under test.
readonly kBatchSize=20
readonly kCopies=0
readonly kSyntheticRecords=120
readonly kSearchWord=treaty
readonly kDense=1
readonly kSpread=1
# Faults as SYSCALL:ERRNO:MODE, MODE "once" (transient) or "on" (every call
# from K on: a full disk). The incremental job, the one with committed work
# to lose, gets them all; creating a database and rebuilding get those that
# hit their own steps (the first commit and the stub; the switch). write()
# also writes the log, so it only fails once: a full disk that swallowed
# the error message would prove nothing.
readonly kAllFaults=(
    pwrite64:EIO:once pwrite64:ENOSPC:on
    write:EIO:once write:ENOSPC:once
    fdatasync:EIO:once fdatasync:ENOSPC:once
    fsync:EIO:once
    rename:EIO:once rename:ENOSPC:once
)
readonly kFreshFaults=(pwrite64:ENOSPC:on write:EIO:once fsync:EIO:once rename:EIO:once)
readonly kRebuildFaults=(pwrite64:ENOSPC:on write:EIO:once fdatasync:EIO:once fsync:EIO:once rename:EIO:once)
readonly kSmallFsMb=4

g_program=io_faults
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

take_arguments "$@"
require_fault_tools

make_work_folder "$@"
readonly g_corpus=$g_work/corpus
g_crash_db=$g_work/crash.db
g_last_log=""
g_where=""
g_mount=""
g_loop_image=""

# Unmounts the small file system before the work folder goes.
cleanup_io_faults() {
    if [[ -n "$g_mount" ]] && mountpoint -q "$g_mount"; then umount "$g_mount" || true; fi
    remove_work_folder
}
trap cleanup_io_faults EXIT

declare -A kStrerror=([EIO]="Input/output error" [ENOSPC]="No space left on device")

# check_failed_run STATUS LOG WHAT: the exit code and message of a job that
# met an I/O error. Returns 1 when the job succeeded despite it (tolerated).
check_failed_run() {
    local status=$1 log=$2 errno_name=$3
    case $status in
        0) return 1 ;;
        1) ;;
        134)
            # A Xapian error that escaped every handler: Xapian 1.4 aborts
            # when its recovery from a failed commit fails too, and the
            # indexer lets some read errors through. The writer logs the
            # cause first, and the index must still be intact (checked by
            # the caller).
            # Xapian may also terminate inside its own recovery, before the
            # error reaches the writer (seen with ENOSPC on every pwrite64 of
            # a rebuild from call 249 on): only the C++ runtime says so, and
            # there is no cause to look for.
            g_aborted=$((g_aborted + 1))
            if ! grep -q "stopped without writing again; the database keeps its last commit" "$log"; then
                grep -q "terminate called without an active exception" "$log" ||
                    fail "exit code 134 (abort) without the writer's explanation"
                return 0
            fi
            ;;
        *) fail "exit code $status, expected 1 (hard failure)" ;;
    esac
    # Xapian names the cause, except for its version file's rename
    # ("Failed to create iamglass file").
    grep -qE "^diplo-index: .*(${kStrerror[$errno_name]}|Failed to create)" "$log" ||
        fail "no 'diplo-index: ...${kStrerror[$errno_name]}' error in the log"
    if grep -qE 'internal error|Assertion' "$log"; then
        fail "the failure was not handled: $(grep -m1 -E 'internal error|Assertion' "$log")"
    fi
    return 0
}

# check_no_write_after_failure TRACE: after the first injected failure, no
# write, sync or rename in the database comes from closing or destroying the
# handle (Xapian 1.4 commits what a handle holds when it is closed or its last
# copy destroyed). Xapian's own recovery inside the failing call, which
# rewrites the old revision under a new number, is allowed. TRACE has strace
# -k stacks: each syscall line is followed by its frames (" > ...").
check_no_write_after_failure() {
    local trace=$1 late
    late=$(awk -v db="$g_crash_db" '
        /^[0-9]+ / {
            if (suspect && reused) { print suspect; exit }
            suspect = ""; reused = 0
            if (failed && index($0, db) && $0 ~ / (pwrite64|write|fdatasync|fsync|rename)\(/) suspect = $0
            if ($0 ~ /\(INJECTED\)/) failed = 1
            next
        }
        suspect && /dtor_called|~WritableDatabase|~Database\(|~DatabaseWriter|Database::close/ { reused = 1 }
        END { if (suspect && reused) print suspect }' "$trace")
    [[ -z "$late" ]] || fail "closing the failed handle wrote to the database: ${late:0:200}"
}

g_points=0 g_failed=0 g_tolerated=0 g_aborted=0 g_unseen=0
declare -A g_fault_points

# fault_at SCENARIO SYSCALL ERRNO MODE K: one run from the scenario's start
# state with the Kth SYSCALL call failing with ERRNO.
fault_at() {
    local scenario=$1 syscall=$2 errno_name=$3 mode=$4 k=$5
    # Warnings only: a failed job report must still be reported.
    local -a args=(--log-level warn)
    [[ "$scenario" == rebuild ]] && args+=(--rebuild)
    local when=$k
    [[ "$mode" == on ]] && when="$k+"
    start_state "$scenario"
    g_where="$scenario, $errno_name on $syscall call $when"
    g_last_log=$g_work/failed.log
    local status=0 trace=$g_work/failed.trace
    # Stacks (-k) triple a run's time: only failed commits of the
    # incremental job, whose handle holds committed work, are checked for
    # writes after the failure.
    local -a stacks=()
    [[ "$scenario" == incremental && "$syscall" =~ ^(pwrite64|fdatasync)$ ]] && stacks=(-k)
    traced -f -qq -y "${stacks[@]}" -o "$trace" -e trace=pwrite64,write,fdatasync,fsync,rename \
        -e inject="$syscall:error=$errno_name:when=$when" \
        "$g_index" --db "$g_crash_db" --batch-size "$kBatchSize" "${args[@]}" "$g_corpus" \
        >"$g_last_log" 2>&1 &
    wait $! 2>/dev/null || status=$?  # In the background: no "Aborted" notice.
    g_points=$((g_points + 1))
    g_fault_status=$status
    g_fault_left_compaction=0
    [[ ! -e "$g_crash_db/compact.tmp" ]] || g_fault_left_compaction=1
    local outcome
    if check_failed_run "$status" "$g_last_log" "$errno_name"; then
        g_failed=$((g_failed + 1))
        ((${#stacks[@]} == 0)) || check_no_write_after_failure "$trace"
        outcome="exit $status"
    else
        # Only the job report may fail without failing the job: the index
        # is complete, and the failure is reported as a warning. Xapian's
        # compaction ignores a failed sync of its output; the writer's own
        # sync of the same files afterwards (compaction_sync_faults) then
        # succeeds, since an injected failure loses nothing.
        if grep -m1 '(INJECTED)' "$trace" | grep -q "fdatasync(.*/compact.tmp/"; then
            g_unseen=$((g_unseen + 1))
        else
            grep -q "warning: .*${kStrerror[$errno_name]}" "$g_last_log" ||
                fail "exit code 0 and no warning although $syscall call $when failed"
        fi
        check_consistent "$g_crash_db"
        check_converged "job that only lost its report"
        g_tolerated=$((g_tolerated + 1))
        outcome="exit 0 (job report not written, or compaction sync failure unseen)"
    fi
    check_consistent "$g_crash_db"
    if ((s_exists)) && [[ "$scenario" == rebuild ]]; then
        if ((s_live == 1)); then
            [[ "$s_digest" == "${g_ref_digest[a]}" ]] ||
                fail "failed rebuild changed live generation 1 (digest $s_digest, was ${g_ref_digest[a]})"
            # An abort skips the clean-up; the rerun removes it (check_no_debris).
            [[ ! -e "$g_crash_db/gen-000002" ]] || ((status == 0 || status == 134)) ||
                fail "the failed rebuild left gen-000002 behind"
        else
            check_converged "rebuild that failed after its switch"
        fi
    fi
    outcome+=", generation ${s_live:-none}, ${s_doccount:-0} documents (checkpoint ${s_checkpoint:-none})"
    g_where="$g_where, rerun"
    index "$g_crash_db" "$g_work/rerun.log" "${args[@]:2}"
    check_consistent "$g_crash_db"
    check_converged "rerun"
    check_no_debris
    say "$scenario $errno_name on $syscall K=$when: $outcome; rerun converged"
}

# --- the compacted copy's sync ------------------------------------------------

# Xapian 1.4's compaction ignores a failed fdatasync of its output, so the
# writer syncs every file of the compacted copy (compact.tmp) and the folder
# again before it may go live. A failure of that sync must fail the job: exit
# 1 naming the file, the live generation as it was (fault_at checks it),
# neither compact.tmp nor the new generation left behind. The writer's calls
# are the last fdatasync calls on compact.tmp of an uninterrupted rebuild, one
# per file of the generation it makes; the calls before them are Xapian's
# (ignored by Xapian, then synced again by the writer: exit 0). In CI the
# writer's first and last call fail; with TORTURE_LONG=1 each of its calls and
# each of Xapian's.
g_compaction_faults=0
compaction_sync_faults() {
    local trace=$g_work/compaction.trace
    start_state rebuild
    traced -f -qq -y -o "$trace" -e trace=fdatasync \
        "$g_index" --db "$g_crash_db" --batch-size "$kBatchSize" --rebuild "$g_corpus" \
        >/dev/null 2>&1 || fail "compaction: the counting run failed"
    local -a on_copy
    mapfile -t on_copy < <(awk '/ fdatasync\(/ { k++; if (index($0, "/compact.tmp/")) print k }' "$trace")
    local files
    files=$(find "$g_crash_db/gen-000002" -maxdepth 1 -type f | wc -l)
    ((${#on_copy[@]} > files && files > 0)) ||
        fail "compaction: ${#on_copy[@]} fdatasync calls on compact.tmp for $files files; is the writer's sync gone?"
    local -a ours=("${on_copy[@]: -files}") xapians=("${on_copy[@]:0:${#on_copy[@]}-files}") points
    if [[ "${TORTURE_LONG:-0}" == 1 ]]; then
        points=("${ours[@]}")
    else
        points=("${ours[0]}" "${ours[-1]}")
    fi
    local k
    for k in "${points[@]}"; do
        fault_at rebuild fdatasync EIO once "$k"
        ((g_fault_status == 1)) ||
            fail "compaction: exit $g_fault_status when the writer's sync of the copy failed (expected 1)"
        grep -qE "^diplo-index: .*cannot sync compact\.tmp/[^:]+: Input/output error" "$g_work/failed.log" ||
            fail "compaction: no 'cannot sync compact.tmp/FILE: Input/output error' in the log"
        ((g_fault_left_compaction == 0)) || fail "compaction: the failed job left compact.tmp"
        g_compaction_faults=$((g_compaction_faults + 1))
    done
    if [[ "${TORTURE_LONG:-0}" == 1 ]]; then
        for k in "${xapians[@]}"; do
            fault_at rebuild fdatasync EIO once "$k"
            g_compaction_faults=$((g_compaction_faults + 1))
        done
    fi
    say "compaction: ${#xapians[@]} fdatasync calls of Xapian's on the copy, then ${#ours[@]} of the writer's; $g_compaction_faults injected"
}

# --- a real file system that fills up ---------------------------------------

# mount_small_fs DIR: a kSmallFsMb tmpfs at DIR, else an ext4 image; sets
# g_mount and says which. Returns 1 when neither can be mounted.
mount_small_fs() {
    local dir=$1
    mkdir -p "$dir"
    if mount -t tmpfs -o "size=${kSmallFsMb}m" tmpfs "$dir" 2>"$g_work/mount.err"; then
        g_mount=$dir g_small_fs="tmpfs of $kSmallFsMb MB"
        return 0
    fi
    g_loop_image=$g_work/small.ext4
    if truncate -s "$((kSmallFsMb * 2))M" "$g_loop_image" &&
        mkfs.ext4 -q -F -m 0 "$g_loop_image" >>"$g_work/mount.err" 2>&1 &&
        mount -o loop "$g_loop_image" "$dir" 2>>"$g_work/mount.err"; then
        g_mount=$dir g_small_fs="loop-mounted ext4 image of $((kSmallFsMb * 2)) MB"
        return 0
    fi
    return 1
}

# fill_leaving DIR KB: fills DIR's file system with a ballast file, then
# frees KB kilobytes of it.
fill_leaving() {
    local dir=$1 kb=$2
    rm -f "$dir/ballast"
    dd if=/dev/zero of="$dir/ballast" bs=64k 2>/dev/null || true  # Stops at ENOSPC.
    local size
    size=$(stat -c %s "$dir/ballast")
    truncate -s $((size > kb * 1024 ? size - kb * 1024 : 0)) "$dir/ballast"
    sync
}

g_disk_full_runs=0
disk_full() {
    local dir=$g_work/small
    if ! mount_small_fs "$dir"; then
        say "SKIP disk full: cannot mount a tmpfs or an ext4 image (needs root): $(head -n 1 "$g_work/mount.err")"
        return 1
    fi
    say "disk full: on a $g_small_fs"
    local kb mode status failed_mid_job=0
    for mode in incremental rebuild; do
        # An incremental job should run out of space after a commit at least
        # once: the window between failing before the first commit and fitting
        # is a few KB wide, if any, and moves with the index format.
        local -a sizes=(64 256 1024)
        [[ "$mode" == incremental ]] && sizes=(64 96 100 104 108 112 116 120 124 128 256 1024)
        for kb in "${sizes[@]}"; do
            g_crash_db=$dir/db
            rm -rf "$g_crash_db" "$dir/ballast"
            cp -a "$g_work/ref-a.db" "$g_crash_db"
            fill_leaving "$dir" "$kb"
            local -a args=()
            [[ "$mode" == rebuild ]] && args=(--rebuild)
            g_where="disk full, $mode with $kb KB free"
            g_last_log=$g_work/full.log
            status=0
            "$g_index" --db "$g_crash_db" --batch-size "$kBatchSize" "${args[@]}" "$g_corpus" \
                >"$g_last_log" 2>&1 || status=$?
            g_disk_full_runs=$((g_disk_full_runs + 1))
            local outcome
            if check_failed_run "$status" "$g_last_log" ENOSPC; then
                check_consistent "$g_crash_db"
                if [[ "$mode" == rebuild ]]; then
                    ((s_live == 1)) && [[ "$s_digest" == "${g_ref_digest[a]}" ]] ||
                        fail "the failed rebuild changed the live generation"
                    [[ ! -e "$g_crash_db/gen-000002" ]] || fail "the failed rebuild left gen-000002"
                elif [[ "$s_digest" != "${g_ref_digest[a]}" ]]; then
                    failed_mid_job=1
                fi
                outcome="exit 1 (No space left on device), $s_doccount documents (checkpoint $s_checkpoint)"
            else
                check_consistent "$g_crash_db"
                check_converged "job that fit in $kb KB"
                outcome="fitted"
            fi
            rm -f "$dir/ballast"  # Space is back.
            g_where="$g_where, rerun with space"
            index "$g_crash_db" "$g_work/rerun.log" "${args[@]}"
            check_consistent "$g_crash_db"
            check_converged "rerun with space"
            say "disk full, $mode with $kb KB free: $outcome; rerun with space converged"
        done
    done
    # Where the space runs out depends on the index format: Xapian's first
    # commit needs the most new blocks, so with some formats every job either
    # fails before its first commit or fits. Both outcomes were checked above.
    ((failed_mid_job)) ||
        say "disk full: no incremental job ran out of space after a commit (all failed before the first or fitted)"
    umount "$dir"
    g_mount=""
    g_crash_db=$g_work/crash.db
    return 0
}

main() {
    local started=$SECONDS scenario fault syscall errno_name mode n k
    say "work folder $g_work$([[ "${TORTURE_LONG:-0}" == 1 ]] && echo ', long profile')"
    make_fault_references

    local ran_disk_full=0
    disk_full && ran_disk_full=1
    compaction_sync_faults

    for scenario in fresh incremental rebuild; do
        local -n faults=kAllFaults
        [[ "$scenario" == fresh ]] && local -n faults=kFreshFaults
        [[ "$scenario" == rebuild ]] && local -n faults=kRebuildFaults
        for fault in "${faults[@]}"; do
            IFS=: read -r syscall errno_name mode <<<"$fault"
            n=$(calls_in_run "$scenario" "$syscall" --log-level warn)
            ((n > 0)) || fail "$scenario makes no $syscall call: is this still the write path?"
            local tried=0
            for k in $(sample_points "$n"); do
                ((k <= n)) || break
                fault_at "$scenario" "$syscall" "$errno_name" "$mode" "$k"
                tried=$((tried + 1))
            done
            g_fault_points["$scenario $fault"]="$tried of $n"
        done
        unset -n faults
    done

    local combo summary=""
    for combo in "${!g_fault_points[@]}"; do summary+="$combo: ${g_fault_points[$combo]}; "; done
    say "faults per job (injected of calls): ${summary%; }"
    say "PASS: $((g_failed + g_tolerated)) faults injected ($g_failed failed the job, $g_aborted of them by Xapian aborting; $g_tolerated ended with exit 0: $g_unseen compaction syncs Xapian ignored, the rest only lost the job report); $g_disk_full_runs disk-full runs$( ((ran_disk_full)) || echo ' (skipped)'); $g_compaction_faults of the faults on the compacted copy's sync; every rerun converged, in $((SECONDS - started)) s"
    g_passed=1
}

main
