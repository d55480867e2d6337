#!/usr/bin/env bash
# @brief Hostile input files: runs the real diplo-index over a source folder full
# of malformed, huge, looping and special files beside good documents, under an
# address-space cap, and checks that each one is indexed (sanitised) or reported
# with a reason, that the job finishes, and that nothing outside the root is read.
#
# usage: hostile_inputs_test.sh DIPLO_INDEX DIPLO_SEARCH
#
# Environment:
#   TORTURE_LONG=1        also index a 1 GB JSONL file of ordinary records to the
#                         end under the cap (several minutes; TORTURE_LONG_MB
#                         sets its size, default 1024)
#   TORTURE_AS_LIMIT_MB   address-space cap for the indexer in MiB (default 1536,
#                         the figure documented in docs/reliability.md)
#   TORTURE_KEEP=1        keep the work folder even on success
#
# Exit codes: 0 pass, 1 fail, 2 usage, 77 skipped (prlimit missing).
set -euo pipefail

say() { printf 'hostile_inputs: %s\n' "$*"; }

if (($# != 2)); then
    echo "usage: $0 DIPLO_INDEX DIPLO_SEARCH" >&2
    exit 2
fi
readonly g_index=$1 g_search=$2
[[ -x "$g_index" && -x "$g_search" ]] || { echo "$0: binaries not executable" >&2; exit 2; }
if ! command -v prlimit >/dev/null; then
    say "SKIP: prlimit not installed (Debian package util-linux)"
    exit 77
fi

# In bytes: prlimit 2.38 takes no unit suffix (it crashes on "1536M").
g_as_limit=$(( ${TORTURE_AS_LIMIT_MB:-1536} << 20 ))
g_timeout=120  # Per indexer run: a hang is a failure, never a stuck CI job.
# AddressSanitizer reserves terabytes of address space for its shadow memory,
# so a sanitizer build cannot run under any cap: there it is lifted (the
# memory figures come from normal builds) and the runs may take longer.
if grep -q __asan_init "$g_index"; then
    say "sanitizer build: no address-space cap"
    g_as_limit=unlimited g_timeout=600
fi
readonly g_as_limit
g_work=$(mktemp -d "${TMPDIR:-/tmp}/diplo-hostile.XXXXXX")
readonly g_work
readonly g_src=$g_work/src g_outside=$g_work/outside g_db=$g_work/db
g_log=""
g_failures=0
g_passed=0
g_started=$SECONDS

cleanup() {
    if ((g_passed)) && [[ -z "${TORTURE_KEEP:-}" ]]; then
        chmod -R u+rwX "$g_work" 2>/dev/null || true
        rm -rf "$g_work"
    else
        say "work folder kept: $g_work"
    fi
}
trap cleanup EXIT

fail() {
    printf 'hostile_inputs: FAIL: %s\n' "$*" >&2
    g_failures=$((g_failures + 1))
}

# check_log CASE PATTERN: the indexer's log names the problem (file and reason).
check_log() {
    if grep -qF -- "$2" "$g_log"; then
        say "ok: $1"
    else
        fail "$1: log has no line with: $2"
    fi
}

# ids_for WORD...: ids of the documents matching every WORD (no spelling
# correction), one per line.
ids_for() {
    "$g_search" --db "$g_db" --format json --facets none --snippet-length 0 --match all \
        --no-collapse --limit 50 "$@" | sed -n 's/^      "id": "\(.*\)",$/\1/p' || true
}

# check_ids CASE WORD EXPECTED: the documents holding WORD are exactly EXPECTED
# (ids separated by spaces; "" for none).
check_ids() {
    local got
    got=$(ids_for "$2" | sort | tr '\n' ' ' | sed 's/ $//')
    if [[ "$got" == "$3" ]]; then
        say "ok: $1"
    else
        fail "$1: search for '$2' gave [$got], expected [$3]"
    fi
}

# run_indexer LOG ARGS...: diplo-index under the address-space cap and a
# timeout; sets g_rc and g_peak_kb (peak RSS, from GNU time when installed).
run_indexer() {
    g_log=$1
    shift
    local timefile=$g_work/time.out
    g_rc=0
    if [[ -x /usr/bin/time ]]; then
        timeout -s KILL "$g_timeout" /usr/bin/time -f '%M' -o "$timefile" \
            prlimit --as="$g_as_limit" -- "$g_index" "$@" >"$g_log.out" 2>"$g_log" || g_rc=$?
        g_peak_kb=$(tail -n 1 "$timefile" 2>/dev/null || echo 0)
    else
        timeout -s KILL "$g_timeout" prlimit --as="$g_as_limit" -- "$g_index" "$@" \
            >"$g_log.out" 2>"$g_log" || g_rc=$?
        g_peak_kb=0
    fi
    if ((g_rc == 137)); then
        fail "diplo-index $* did not finish within ${g_timeout} s (hang?)"
    fi
}

# repeat TEXT BYTES: TEXT on repeated lines, cut at BYTES (yes dies of SIGPIPE).
repeat() { yes "$1" | head -c "$2" || true; }

# --- The source folder --------------------------------------------------------
mkdir -p "$g_src/docs" "$g_outside/dir"
printf 'Outside\n\noutsidesecretword must never be indexed\n' >"$g_outside/secret.txt"
printf 'Outside too\n\noutsidesecretword again\n' >"$g_outside/dir/inside.txt"
cd "$g_src/docs"

# Good documents, sorted before, between and after the hostile ones, so the job
# must carry on past every problem.
# Their texts differ, or search would fold them together as near-duplicates.
printf -- '---\nid: 00-good\n---\nsentinelword opens the folder with talks on trade.\n' >00-good.md
printf -- '---\nid: 50-good\n---\nsentinelword sits among the hostile files, on fisheries.\n' \
    >50-good.md
printf -- '---\nid: zz-good\n---\nsentinelword closes it: a communique on energy.\n' >zz-good.md

# Encodings.
printf 'Invalid UTF-8\n\ninvalidutfword before \xc3\x28 \xa0\xa1 \xff after\n' >invalid-utf8.txt
printf 'Overlong UTF-8\n\noverlongword slash \xc0\xaf and \xe0\x80\xaf and \xf0\x80\x80\xaf\n' \
    >overlong-utf8.txt
printf 'UTF-16 document\n\nutfsixteenword in little endian\n' | iconv -f UTF-8 -t UTF-16LE \
    | { printf '\xff\xfe'; cat; } >utf16-le.txt
printf 'UTF-16 document\n\nutfsixteenbigword in big endian\n' | iconv -f UTF-8 -t UTF-16BE \
    | { printf '\xfe\xff'; cat; } >utf16-be.txt
printf 'NUL bytes\n\nnulfileword\0\0\0 binary\n' >nul-bytes.txt
{
    printf '{"id":"nul-escaped","text":"nulescapedword \\u0000 inside"}\n'
    printf '{"id":"nul-raw","text":"nulrawword \0 inside"}\n'
} >nul.jsonl

# Size: a 100 MB single line followed by a good record in the same file; a
# 1 GB sparse file and a 1 GB zstd bomb (no disk, but 1 GB to read); a 200 MB
# sparse JSON file; a record just under the per-document limit (16 MiB), of
# real prose, which must be indexed.
{
    printf '{"id":"long-line","text":"'
    repeat longlineword 100M | tr '\n' ' '
    printf '"}\n{"id":"after-long-line","text":"afterlonglineword"}\n'
} >long-line.jsonl
truncate -s 1G sparse-1g.txt
truncate -s 200M sparse.json
if command -v zstd >/dev/null; then
    repeat 'zstdbombword lorem ipsum' 1G | zstd -q -1 -o bomb-1g.txt.zst
fi
paragraph='The ministers reaffirmed their commitment to the negotiations on trade, energy and security, and agreed to meet again before the summit. '
{
    printf '{"id":"near-limit","text":"nearlimitword '
    repeat "$paragraph" 15M | tr '\n' ' '
    printf '"}\n'
} >near-limit.jsonl

# JSON.
{
    printf '{"id":"deep-field","text":"deepfieldword","extra":'
    head -c 100000 /dev/zero | tr '\0' '['
    head -c 100000 /dev/zero | tr '\0' ']'
    printf '}\n'
} >deep-field.json
{
    head -c 100000 /dev/zero | tr '\0' '['
    head -c 100000 /dev/zero | tr '\0' ']'
} >deep-array.json
{
    printf '{"id":"huge-float","text":"hugefloatword","score":1e400}\n'
    printf '{"id":"huge-int","text":"hugeintword","n":123456789012345678901234567890}\n'
    printf '{"id":123456789012345678901234567890,"text":"hugeidword"}\n'
    printf '{"id":"huge-string","title":"'
    head -c 5M /dev/zero | tr '\0' 'x'
    printf '","text":"hugestringword"}\n'
    printf '{"id":"dup-a","id":"dup-b","text":"duplicatekeyword","text":"duplicatelastword"}\n'
} >numbers.jsonl

# Empty and binary files.
: >empty.txt
: >empty.jsonl
: >empty.json
: >empty.html
printf '   \n\n' >blank.md
head -c 65536 /dev/urandom >binary.txt
head -c 65536 /dev/urandom >binary.html

# HTML.
{
    printf '<html><body>'
    repeat '<div>' 600000 | tr -d '\n'
    printf 'deephtmlword'
} >deep.html
{
    printf '<html><body>'
    repeat '<section><b>' 26000  # 2,000 whole lines | tr -d '\n'
    printf 'nestedhtmlword'
} >nested-4000.html
# Two million '<a' and no '>': the depth estimate must stay linear in the size.
repeat '<a' 6M >tags-unended.html
printf '<html><head><title>Unclosed<body><p>unclosedhtmlword <b><i>bold <div><table><tr><td' \
    >unclosed.html

# Ids and terms.
{
    printf '{"id":"../../etc/passwd","text":"traversalword"}\n'
    printf '{"id":"/etc/shadow","text":"absoluteidword"}\n'
    printf '{"id":"line\\nbreak","text":"newlineidword"}\n'
    printf '{"id":"%s","text":"longidword"}\n' "$(head -c 300 /dev/zero | tr '\0' 'i')"
    long=$(head -c 1000 /dev/zero | tr '\0' 'q')
    printf '{"id":"long-terms","text":"longtermsword %s","url":"https://example.org/%s",' \
        "$long" "$long"
    printf '"topic":"%s","type":"%s","source":"%s","lang":"%s","country":"%s",' \
        "$long" "$long" "$long" "$long" "$long"
    printf '"speaker":"%s","symbols":["A/RES/%s"]}\n' "$long" "$long"
} >ids.jsonl
printf -- '---\nid: ../../../outside/escape\n---\nescapeidword\n' >escape-id.md
# A file name with a newline, whose derived id would carry it.
printf 'Newline name\n\nnewlinenameword\n' >"$(printf 'new\nline.txt')"

# Links and special files.
ln -s "$g_outside/secret.txt" link-outside-abs.txt
ln -s ../../outside/secret.txt link-outside-rel.txt
ln -s "$g_outside/dir" link-outside-dir
ln -s ../docs link-inside-dir
printf 'Inside target\n\ninsidelinkword\n' >inside-target.txt
ln -s inside-target.txt link-inside.txt
ln -s loop-b.txt loop-a.txt
ln -s loop-a.txt loop-b.txt
ln -s self.txt self.txt
ln -s missing-target.txt dangling.txt
ln -s /dev/zero dev-zero.txt
mkfifo fifo.txt
g_have_device=0
if mknod dev-null.txt c 1 3 2>/dev/null; then g_have_device=1; fi
g_unreadable=0
if ((EUID != 0)); then
    printf 'Unreadable\n\nunreadableword\n' >unreadable.txt
    chmod 000 unreadable.txt
    mkdir unreadable-dir
    printf 'In an unreadable dir\n\nunreadabledirword\n' >unreadable-dir/a.txt
    chmod 000 unreadable-dir
    g_unreadable=1
fi
cd "$g_work"
passwd_before=$(sha256sum /etc/passwd)
say "generated the hostile files in $((SECONDS - g_started)) s ($(du -sh "$g_work" 2>/dev/null | cut -f1) on disk)"

# --- The main job ---------------------------------------------------------------
t0=$SECONDS
run_indexer "$g_work/main.log" --db "$g_db" "$g_src/docs"
say "main job: exit $g_rc in $((SECONDS - t0)) s, peak RSS $((g_peak_kb / 1024)) MB" \
    "(address space $([[ $g_as_limit == unlimited ]] && echo "not capped" ||
        echo "capped at $((g_as_limit >> 20)) MiB"))"
if ((g_rc != 5)); then
    fail "main job: exit code $g_rc, expected 5 (finished, some input rejected)"
    tail -n 30 "$g_log" >&2
fi
check_log "job summary printed" "indexed "
check_ids "good documents indexed beside the hostile ones" sentinelword "00-good 50-good zz-good"

check_ids "invalid UTF-8 repaired and indexed" invalidutfword "docs/invalid-utf8.txt"
check_log "invalid UTF-8 warned" "invalid-utf8.txt: repaired"
check_ids "overlong UTF-8 repaired and indexed" overlongword "docs/overlong-utf8.txt"
check_log "overlong UTF-8 warned" "overlong-utf8.txt: repaired"
check_ids "UTF-16 LE with BOM decoded and indexed" utfsixteenword "docs/utf16-le.txt"
check_ids "UTF-16 BE with BOM decoded and indexed" utfsixteenbigword "docs/utf16-be.txt"
check_log "NUL bytes in a text file: skipped as binary" \
    "nul-bytes.txt: skipped: binary content, not text"
check_ids "escaped NUL in JSON indexed" nulescapedword "nul-escaped"
check_log "raw NUL in a JSONL record rejected with its line" "nul.jsonl:2: rejected: invalid JSON"

check_log "100 MB line rejected with its line" \
    "long-line.jsonl:1: rejected: record longer than 16 MiB"
check_ids "record after the 100 MB line indexed" afterlonglineword "after-long-line"
check_ids "100 MB line not indexed" longlineword ""
check_log "1 GB sparse file rejected" "sparse-1g.txt: rejected: larger than 16 MiB, the most read from one file"
if [[ -f "$g_src/docs/bomb-1g.txt.zst" ]]; then
    check_log "1 GB zstd bomb rejected" "bomb-1g.txt.zst: rejected: larger than 16 MiB, the most read from one file"
fi
check_log "200 MB JSON file rejected" "sparse.json: rejected: larger than 128 MiB"
check_ids "15 MB record (under the limit) indexed" nearlimitword "near-limit"

check_ids "JSON with a field nested 100,000 deep indexed" deepfieldword "deep-field"
check_log "JSON array nested 100,000 deep rejected" "deep-array.json: rejected:"
check_log "number too large for a double: record rejected" \
    "numbers.jsonl:1: rejected: invalid JSON: number overflow parsing '1e400'"
check_ids "huge integer in an ignored field indexed" hugeintword "huge-int"
check_log "huge number as id rejected" "numbers.jsonl:3: rejected: field 'id' must be a string"
check_ids "5 MB title indexed" hugestringword "huge-string"
check_ids "duplicate keys: the last one wins" duplicatelastword "dup-b"
check_ids "duplicate keys: earlier values dropped" duplicatekeyword ""

for f in empty.txt empty.json empty.html blank.md; do
    check_log "$f skipped" "$f: skipped: empty file"
done
check_log "empty.jsonl skipped" "empty.jsonl: skipped: no JSONL records"
check_log "binary.txt skipped" "binary.txt: skipped: binary content, not text"
check_log "binary.html skipped" "binary.html: skipped: binary content, not text"

check_log "HTML nested 100,000 deep rejected" \
    "deep.html: rejected: HTML nested deeper than 5000 elements"
check_log "HTML of unended tags rejected" \
    "tags-unended.html: rejected: HTML nested deeper than 5000 elements"
check_ids "HTML nested 4,000 deep indexed" nestedhtmlword "docs/nested-4000.html"
check_ids "unclosed HTML indexed" unclosedhtmlword "docs/unclosed.html"

check_ids "id ../../etc/passwd is only a name" traversalword "../../etc/passwd"
check_ids "id /etc/shadow is only a name" absoluteidword "/etc/shadow"
check_ids "front matter id ../../../outside/escape is only a name" escapeidword \
    "../../../outside/escape"
check_log "id with a newline rejected" "ids.jsonl:3: rejected: id contains a control character"
check_ids "id with a newline not indexed" newlineidword ""
check_log "id over 200 bytes rejected" "ids.jsonl:4: rejected: id longer than 200 bytes"
check_ids "1000-byte url, topic, type, source, lang, speaker, symbol: indexed" longtermsword \
    "long-terms"
check_log "file name with a newline rejected" "rejected: id contains a control character (U+000A)"
check_ids "file name with a newline not indexed" newlinenameword ""

check_log "symlink outside the root (absolute) skipped" \
    "link-outside-abs.txt: skipped: symbolic link leads outside the source root"
check_log "symlink outside the root (relative) skipped" \
    "link-outside-rel.txt: skipped: symbolic link leads outside the source root"
check_log "symlink to a directory outside skipped" \
    "link-outside-dir: skipped: symbolic link leads outside the source root"
check_ids "nothing outside the root indexed" outsidesecretword ""
check_log "symlink to a directory inside not followed" \
    "link-inside-dir: skipped: symbolic link to a directory"
check_ids "symlink to a file inside the root read" insidelinkword \
    "docs/inside-target.txt docs/link-inside.txt"
check_log "symlink loop skipped" "loop-a.txt: skipped: symbolic link cannot be followed"
check_log "symlink to itself skipped" "self.txt: skipped: symbolic link cannot be followed"
check_log "dangling symlink skipped" "dangling.txt: skipped: symbolic link cannot be followed"
check_log "symlink to /dev/zero skipped" \
    "dev-zero.txt: skipped: symbolic link leads outside the source root"
check_log "FIFO skipped" "fifo.txt: skipped: a FIFO, not a regular file"
if ((g_have_device)); then
    check_log "character device skipped" "dev-null.txt: skipped: a character device"
else
    say "skip: cannot create a device node here (mknod not permitted)"
fi
if ((g_unreadable)); then
    check_log "unreadable file rejected" "unreadable.txt: rejected: cannot open: Permission denied"
    check_log "unreadable folder skipped" "unreadable-dir: skipped: cannot read directory"
else
    say "skip: unreadable files (running as root, which reads everything)"
fi
if [[ "$(sha256sum /etc/passwd)" != "$passwd_before" ]]; then
    fail "/etc/passwd changed"
fi
if [[ -e "$g_work/outside/escape" || -e "$g_work/etc" ]]; then
    fail "an id created a file outside the database"
fi

# --- Special files named as SOURCE arguments: refused, never waited on ------------
mkfifo "$g_work/arg-fifo.jsonl"
run_indexer "$g_work/fifo-arg.log" --db "$g_db" "$g_work/arg-fifo.jsonl" "$g_src/docs/00-good.md"
((g_rc == 5)) || fail "FIFO as SOURCE: exit code $g_rc, expected 5"
check_log "FIFO as SOURCE refused" "arg-fifo.jsonl: rejected: not a regular file"
run_indexer "$g_work/zero-arg.log" --db "$g_db" --format text /dev/zero
((g_rc == 5)) || fail "/dev/zero as SOURCE: exit code $g_rc, expected 5"
check_log "/dev/zero as SOURCE refused" "/dev/zero: rejected: not a regular file"

# --- Files deleted during the walk ------------------------------------------------
# A big file and many small ones keep the job busy; the last one is removed once
# the indexer has listed them all (it holds a source file open) and before it
# gets there.
mkdir -p "$g_work/vanish"
for i in $(seq -w 1 1500); do printf 'Doc %s\n\nvanishword %s\n' "$i" "$i" >"$g_work/vanish/d$i.md"; done
# Listed first and big, so that a file is held open long enough to be seen.
repeat "$paragraph" 8M >"$g_work/vanish/a-big.txt"
printf 'Last\n\nlastword\n' >"$g_work/vanish/zz-last.md"
(
    exec prlimit --as="$g_as_limit" -- "$g_index" --db "$g_work/vanish.db" --batch-size 100 \
        "$g_work/vanish" 2>"$g_work/vanish.log" >/dev/null
) &
vanish_pid=$!
deleted=0
for _ in $(seq 1 2000); do
    if ls -l "/proc/$vanish_pid/fd" 2>/dev/null | grep -q "$g_work/vanish/"; then
        rm -f "$g_work/vanish/zz-last.md"
        deleted=1
        break
    fi
    kill -0 "$vanish_pid" 2>/dev/null || break
    sleep 0.005
done
vanish_rc=0
wait "$vanish_pid" || vanish_rc=$?
g_log=$g_work/vanish.log
if ((deleted)); then
    ((vanish_rc == 0)) || fail "file deleted during the walk: exit code $vanish_rc, expected 0"
    check_log "file deleted during the walk skipped" \
        "zz-last.md: skipped: cannot open: No such file or directory (removed since it was listed)"
else
    fail "file deleted during the walk: the indexer finished before the file could be removed"
fi

# --- Long profile: a 1 GB file read to the end ------------------------------------
if [[ "${TORTURE_LONG:-0}" == 1 ]]; then
    long_mb=${TORTURE_LONG_MB:-1024}
    mkdir -p "$g_work/long"
    # ~2 KB records, numbered so that no two are near-duplicates.
    awk -v bytes=$((long_mb << 20)) -v text="$paragraph" 'BEGIN {
        body = ""; for (k = 0; k < 15; ++k) body = body text;
        for (i = 1; total < bytes; ++i) {
            line = sprintf("{\"id\":\"big-%d\",\"text\":\"bigfileword record %d %s\"}", i, i, body);
            print line; total += length(line) + 1;
        }
    }' >"$g_work/long/big.jsonl"
    records=$(wc -l <"$g_work/long/big.jsonl")
    t0=$SECONDS
    g_timeout=3600 run_indexer "$g_work/long.log" --db "$g_work/long.db" --no-spelling \
        "$g_work/long/big.jsonl"
    say "long profile: $long_mb MB, $records records: exit $g_rc in $((SECONDS - t0)) s," \
        "peak RSS $((g_peak_kb / 1024)) MB"
    ((g_rc == 0)) || fail "long profile: exit code $g_rc, expected 0"
    check_log "long profile: every record indexed" "indexed $records (added $records"
    rm -f "$g_work/long/big.jsonl"
fi

# --- Every document is still searchable after all that -----------------------------
"$g_search" --db "$g_db" --format json sentinelword >/dev/null ||
    fail "diplo-search failed on the database"
if command -v xapian-check >/dev/null; then
    xapian-check "$g_db"/gen-* >/dev/null || fail "xapian-check failed on the database"
fi

elapsed=$((SECONDS - g_started))
if ((g_failures > 0)); then
    say "$g_failures check(s) FAILED in $elapsed s"
    exit 1
fi
g_passed=1
say "PASS in $elapsed s"
