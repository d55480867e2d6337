#!/usr/bin/env bash
# @brief Shell functions shared by the tests that interrupt or fail diplo-index
# (tests/crash/crash_test.sh, tests/torture/crash_points.sh, io_faults.sh):
# the synthetic corpus, reading a database's state, and the checks every
# interrupted job must pass. Sourced, not run.
#
# The sourcing script sets, before calling these functions:
#   g_program            name prefixed to messages (say, fail)
#   g_index, g_search    the diplo-index and diplo-search binaries
#   g_documents          corpus/documents, copied kCopies times into the corpus
#   g_work               the work folder; g_corpus and g_crash_db inside it
#   kBatchSize kCopies kSyntheticRecords kSearchWord
# and may set g_replay_hint, printed by fail() (e.g. the seed to replay).

say() { printf '%s: %s\n' "$g_program" "$*"; }

fail() {
    printf '%s: FAIL: %s%s\n' "$g_program" "${g_where:+$g_where: }" "$*" >&2
    if [[ -n "${g_last_log:-}" && -s "$g_last_log" ]]; then
        printf '%s: last indexer log (%s):\n' "$g_program" "$g_last_log" >&2
        tail -n 20 "$g_last_log" >&2
    fi
    printf '%s: %swork folder kept: %s\n' "$g_program" "${g_replay_hint:+$g_replay_hint; }" "$g_work" >&2
    exit 1
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

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


# --- for the tests under tests/torture --------------------------------------

# take_arguments "$@": DIPLO_INDEX DIPLO_SEARCH CORPUS_DOCUMENTS [WORK_DIR],
# setting g_index, g_search and g_documents; exits 2 on a usage error.
take_arguments() {
    if (($# < 3 || $# > 4)); then
        echo "usage: $0 DIPLO_INDEX DIPLO_SEARCH CORPUS_DOCUMENTS [WORK_DIR]" >&2
        exit 2
    fi
    g_index=$1 g_search=$2 g_documents=$3
    [[ -x "$g_index" && -x "$g_search" ]] || { echo "$0: binaries not executable" >&2; exit 2; }
    [[ -d "$g_documents" ]] || { echo "$0: no such folder: $g_documents" >&2; exit 2; }
}


# traced STRACE_ARGS...: strace with LeakSanitizer off in the traced program.
# LSan cannot work under ptrace (it stops the threads with ptrace itself), so
# a sanitizer build's indexer would fail at exit; the runs that are not
# traced check its leaks. Harmless in other builds.
traced() {
    strace -E "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" "$@"
}

# Exits 77 (skipped) when the tools to inject faults are missing.
require_fault_tools() {
    if ! command -v xapian-check >/dev/null; then
        say "SKIP: xapian-check not installed (Debian package xapian-tools)"
        exit 77
    fi
    if ! command -v strace >/dev/null; then
        say "SKIP: strace not installed (Debian package strace)"
        exit 77
    fi
    # Containers may forbid ptrace, and old strace versions cannot inject:
    # the injected error must make bash's cd fail. (strace 6.1 does not
    # inject with --seccomp-bpf, so no caller uses it.)
    if strace -f -qq -o /dev/null -e trace=chdir -e inject=chdir:error=EIO \
        bash -c 'cd /' 2>/dev/null; then
        say "SKIP: strace cannot inject faults here (ptrace forbidden, or no inject support)"
        exit 77
    fi
}

# make_work_folder [WORK_DIR]: sets g_work (made afresh unless given) and an
# EXIT trap that removes a folder it made once the test passed (g_passed=1),
# unless TORTURE_KEEP=1, so a failure can be inspected.
g_made_work=0 g_passed=0
make_work_folder() {
    if (($# == 4)); then
        g_work=$4
        mkdir -p "$g_work"
        rm -rf "$g_work/corpus" "$g_work/variants" "$g_work"/*.db
    else
        g_work=$(mktemp -d "${TMPDIR:-/tmp}/diplo-$g_program.XXXXXX")
        g_made_work=1
    fi
    trap remove_work_folder EXIT
}

remove_work_folder() {
    if ((g_passed && g_made_work)) && [[ "${TORTURE_KEEP:-0}" != 1 ]]; then
        rm -rf "$g_work"
    fi
}

# --- fault points ------------------------------------------------------------

# make_fault_references: the corpus, and uninterrupted runs from nothing on
# variant a (ref-a.db, every scenario's start) and on variant b (ref-b.db,
# where every scenario must end), with their digests in g_ref_digest.
make_fault_references() {
    make_corpus
    use_variant a
    index "$g_work/ref-a.db" "$g_work/ref-a.log"
    read_state "$g_work/ref-a.db"
    g_ref_digest[a]=$s_digest g_ref_doccount[a]=$s_doccount
    use_variant b
    index "$g_work/ref-b.db" "$g_work/ref-b.log"
    read_state "$g_work/ref-b.db"
    g_ref_digest[b]=$s_digest g_ref_doccount[b]=$s_doccount
    say "references: a ${g_ref_doccount[a]} documents, b ${g_ref_doccount[b]} documents"
    # Past the indexer's 2-second racy rule, every run records the file's
    # stamp, so every run makes the same calls as the counting run.
    sleep 2
}

# start_state SCENARIO: the crash database as the scenario's job finds it.
start_state() {
    rm -rf "$g_crash_db"
    [[ "$1" == fresh ]] || cp -a "$g_work/ref-a.db" "$g_crash_db"
}

# sample_points N: the K values to try when an uninterrupted run makes N
# calls: every K with TORTURE_LONG=1 or when N is at most 6 (a stub switch
# or a job report: each call is a different step), else 1..kDense, kSpread
# more spread evenly, and N; then N + 1, with which the run completes.
sample_points() {
    local n=$1 k stride
    if [[ "${TORTURE_LONG:-0}" == 1 ]] || ((n <= kDense + kSpread || n <= 6)); then
        seq 1 $((n + 1))
        return
    fi
    seq 1 "$kDense"
    stride=$(((n - kDense + kSpread) / (kSpread + 1)))
    for ((k = kDense + stride; k < n; k += stride)); do echo "$k"; done
    echo "$n"
    echo $((n + 1))
}

# calls_in_run SCENARIO SYSCALL [ARGS...]: how many times an uninterrupted
# run (with ARGS) makes SYSCALL. They all come from the main thread, which
# matters because strace's when= counts calls per thread.
calls_in_run() {
    local scenario=$1 syscall=$2 trace=$g_work/count.trace
    local -a args=()
    [[ "$scenario" == rebuild ]] && args=(--rebuild)
    args+=("${@:3}")
    start_state "$scenario"
    traced -f -qq -o "$trace" -e trace="$syscall" \
        "$g_index" --db "$g_crash_db" --batch-size "$kBatchSize" "${args[@]}" "$g_corpus" \
        >/dev/null 2>&1 || fail "$scenario: the counting run failed"
    grep -cE "^[0-9]+ +$syscall\(" "$trace" || true
}
