#!/usr/bin/env bash
# @brief Sharded search equals one database (issue 10): the sample corpus indexed
# once whole and once as 3 shards, two of them served by xapian-tcpsrv on loopback
# and one local; 24 queries must give the same top-10 ids in the same order, the
# same totals, facet counts and suggestions. Then one server is killed and the
# other stopped: the search fails fast naming the shard (exit 7, HTTP 503) or,
# with allow-partial, answers from the shards left and names the missing ones.
#
# Usage: sharding_test.sh DIPLO-INDEX DIPLO-SEARCH DIPLO-SERVE CORPUS-DOCUMENTS
# Exits 77 (skipped) without xapian-tcpsrv, jq or curl.
set -euo pipefail

g_index=$1
g_search=$2
g_serve=$3
g_documents=$4
g_program=sharding_test

for tool in xapian-tcpsrv jq curl; do
    if ! command -v "$tool" >/dev/null; then
        echo "$g_program: SKIP: $tool is not installed (apt-get install xapian-tools jq curl)"
        exit 77
    fi
done

g_work=$(mktemp -d "${TMPDIR:-/tmp}/diplosearch-sharding.XXXXXX")
g_pids=()
cleanup() {
    local pid
    for pid in "${g_pids[@]}"; do
        kill -CONT "$pid" 2>/dev/null || true
        kill "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    rm -rf "$g_work"
}
trap cleanup EXIT

say() { printf '%s: %s\n' "$g_program" "$*"; }
fail() {
    printf '%s: FAIL: %s\n' "$g_program" "$*" >&2
    exit 1
}

# Starts xapian-tcpsrv on a free loopback port for database $1; sets g_port and
# g_server_pid. Tries random ports until one binds.
start_server() {
    local db=$1 log attempt
    for attempt in $(seq 1 20); do
        g_port=$((20000 + RANDOM % 40000))
        log="$g_work/tcpsrv-$g_port.log"
        # A session of its own: xapian-tcpsrv signals its whole process group
        # when it is terminated, which would take this script with it.
        setsid xapian-tcpsrv --interface 127.0.0.1 --port "$g_port" "$db" >"$log" 2>&1 &
        g_server_pid=$!
        for _ in $(seq 1 50); do
            if grep -qs "Listening" "$log"; then
                g_pids+=("$g_server_pid")
                return 0
            fi
            kill -0 "$g_server_pid" 2>/dev/null || break
            sleep 0.1
        done
        kill "$g_server_pid" 2>/dev/null || true
    done
    fail "xapian-tcpsrv would not start for $db"
}

# --- Indexing ---------------------------------------------------------------

"$g_index" --quiet --db "$g_work/one" "$g_documents"
"$g_index" --quiet --db "$g_work/three" --shards 3 "$g_documents"
total_one=$(xapian-delve "$g_work/one" | sed -n 's/^number of documents = //p')
total_three=$(xapian-delve "$g_work/three" | sed -n 's/^number of documents = //p')
[[ "$total_one" == "$total_three" && "$total_one" -gt 0 ]] ||
    fail "3 shards hold $total_three documents, one database $total_one"
for k in 0 1 2; do
    n=$(xapian-delve "$g_work/three/shard-0$k" | sed -n 's/^number of documents = //p')
    [[ "$n" -gt 0 ]] || fail "shard $k is empty"
    [[ -d "$g_work/three/lexicon-0$k" ]] || fail "shard $k has no lexicon"
done
say "indexed $total_one documents whole and as 3 shards"

# A rerun changes nothing; another number of shards is refused (exit 2).
"$g_index" --db "$g_work/three" "$g_documents" 2>"$g_work/rerun.err"
grep -q "indexed 0 (added 0, updated 0), unchanged $total_one" "$g_work/rerun.err" ||
    fail "a rerun on the shards was not a no-op: $(cat "$g_work/rerun.err")"
status=0
"$g_index" --quiet --db "$g_work/three" --shards 4 "$g_documents" 2>"$g_work/four.err" || status=$?
[[ $status -eq 2 ]] && grep -q "has 3 shards, not 4" "$g_work/four.err" ||
    fail "--shards 4 on a 3-shard database: exit $status, $(cat "$g_work/four.err")"

# One process per shard, in parallel, gives the same shards.
for k in 0 1 2; do
    "$g_index" --quiet --db "$g_work/parallel" --shards 3 --only-shard "$k" "$g_documents" &
    pids[k]=$!
done
for k in 0 1 2; do wait "${pids[k]}" || fail "--only-shard $k failed"; done
for k in 0 1 2; do
    want=$(xapian-delve "$g_work/three/shard-0$k" | sed -n 's/^number of documents = //p')
    got=$(xapian-delve "$g_work/parallel/shard-0$k" | sed -n 's/^number of documents = //p')
    [[ "$want" == "$got" ]] || fail "parallel shard $k holds $got documents, not $want"
done
say "--only-shard in 3 parallel processes gives the same shards"

# --- Mixed local and remote shards ------------------------------------------

start_server "$g_work/three/shard-01"
port1=$g_port
pid1=$g_server_pid
start_server "$g_work/three/shard-02"
port2=$g_port
pid2=$g_server_pid
mkdir "$g_work/mixed"
ln -s "$g_work/three/shard-00" "$g_work/mixed/shard-00"
ln -s "$g_work/three/lexicon-01" "$g_work/mixed/lexicon-01"
ln -s "$g_work/three/lexicon-02" "$g_work/mixed/lexicon-02"
printf 'auto shard-00\nremote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$port1" "$port2" \
    >"$g_work/mixed/XAPIANDB"
say "shards 1 and 2 served on ports $port1 and $port2, shard 0 local"

# What must agree: counts, suggestion, hits in order with their scores (to 4
# decimals), every facet. Wildcards are the exception: Xapian weighs a wildcard's
# terms as one synonym of estimated frequency, and a remote shard expands and
# estimates it over its own terms, so only its counts and facets must agree
# (docs/sharding.md).
# A filter alone weighs every match 0, and Xapian lists equal weights in docid
# order, which shards interleave differently: there the matches must agree as a set.
summary() {
    local mode=${1:-full}
    if [[ "$mode" == counts ]]; then
        jq -c '{total, collapsed, all_words, facets}'
    elif [[ "$mode" == set ]]; then
        jq -c '{total, collapsed, all_words, facets, ids: ([.hits[].id] | sort)}'
    else
        jq -c '{total, collapsed, all_words, suggestion, corrected_query, facets,
                hits: [.hits[] | [.id, .duplicates, (.score * 10000 | round)]]}'
    fi
}

queries=(
    "CPEC Gwadar"
    "sea level"
    "nuclear"
    "nucelar"
    '"loss and damage"'
    "climate --country PAK"
    "water --year 2015..2025"
    "ceasefire --sort date"
    "trade --sort -date"
    "securi*"
    "--country CHN"
    "grain --no-collapse"
    "summit --match all"
    "--like cpec-jcc-2017-joint-statement"
    "Kashmir earthquake"
    "Indus Waters Treaty"
    "refugees --facets country,topic,year,type,mentions --facet-size 0"
    "UNSC"
    "energy gas --year 2000..2010"
    "-- talks -Iran"
    "title:CPEC"
    "investment --topic trade"
    "nucelar enrgy --auto-correct"
    "wire --limit 20 --offset 5"
)
for q in "${queries[@]}"; do
    read -r -a words <<<"$q"
    mode=full
    [[ "$q" == *'*'* ]] && mode=counts
    if [[ "$q" == --country* ]]; then mode=set; words+=(--limit 200); fi
    expected=$("$g_search" --db "$g_work/one" --format json "${words[@]}" | summary $mode)
    for db in three mixed; do
        got=$("$g_search" --db "$g_work/$db" --format json "${words[@]}" | summary $mode)
        if [[ "$got" != "$expected" ]]; then
            diff <(jq . <<<"$expected") <(jq . <<<"$got") | head -40 >&2 || true
            fail "'$q' on $db differs from one database (above: < one database, > $db)"
        fi
    done
    total=$(jq '.total' <<<"$expected")
    [[ "$q" == "nucelar enrgy --auto-correct" || "$total" -gt 0 ]] || fail "'$q' found nothing"
done
say "${#queries[@]} queries: same hits, order, totals, facets and suggestions on 3 shards (local, and 2 of them remote)"

# --- Failures -------------------------------------------------------------------

# The shards that stay up, joined without the one that goes down: what a partial
# answer must equal.
mkdir "$g_work/two"
ln -s "$g_work/three/shard-00" "$g_work/two/shard-00"
ln -s "$g_work/three/lexicon-01" "$g_work/two/lexicon-01"
printf 'auto shard-00\nremote 127.0.0.1:%s\n' "$port1" >"$g_work/two/XAPIANDB"
partial_expected=$("$g_search" --db "$g_work/two" --format json nuclear climate | summary)

kill "$pid2"
wait "$pid2" 2>/dev/null || true
status=0
"$g_search" --db "$g_work/mixed" nuclear climate >/dev/null 2>"$g_work/down.err" || status=$?
[[ $status -eq 7 ]] || fail "with a shard down: exit $status, not 7"
grep -q "shard 127.0.0.1:$port2 does not answer" "$g_work/down.err" ||
    fail "the error does not name the shard: $(cat "$g_work/down.err")"
partial=$("$g_search" --db "$g_work/mixed" --allow-partial --format json nuclear climate)
[[ $(jq -c .missing_shards <<<"$partial") == "[\"127.0.0.1:$port2\"]" ]] ||
    fail "missing_shards is $(jq -c .missing_shards <<<"$partial")"
[[ $(summary <<<"$partial") == "$partial_expected" ]] ||
    fail "partial results differ from those of the shards that answered"
say "a killed shard: exit 7 naming it; --allow-partial answers from the other two"

# The service: 503 naming the shard, or 200 with the header when partial is allowed.
"$g_serve" --db "$g_work/mixed" --listen 127.0.0.1:0 2>"$g_work/serve.err" &
serve_pid=$!
g_pids+=("$serve_pid")
url=""
for _ in $(seq 1 100); do
    url=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$g_work/serve.err" | head -1)
    [[ -n "$url" ]] && break
    sleep 0.1
done
[[ -n "$url" ]] || fail "diplo-serve did not start: $(cat "$g_work/serve.err")"
code=$(curl -s -o "$g_work/503.json" -w '%{http_code}' "$url/search?q=nuclear")
[[ "$code" == 503 && $(jq -r .error.code "$g_work/503.json") == shard_unavailable ]] ||
    fail "HTTP with a shard down: $code $(cat "$g_work/503.json")"
header=$(curl -s -D - -o "$g_work/partial.json" "$url/search?q=nuclear&allow-partial=true" |
    tr -d '\r' | sed -n 's/^X-DiploSearch-Missing-Shards: //Ip')
[[ "$header" == "127.0.0.1:$port2" ]] || fail "X-DiploSearch-Missing-Shards: '$header'"
kill "$serve_pid"
say "HTTP: 503 shard_unavailable, or 200 with X-DiploSearch-Missing-Shards"

# A shard that hangs (stopped) fails within the remote timeout, not forever.
kill -STOP "$pid1"
start=$(date +%s%N)
status=0
"$g_search" --db "$g_work/mixed" --remote-timeout 1 nuclear >/dev/null 2>"$g_work/slow.err" ||
    status=$?
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
kill -CONT "$pid1"
[[ $status -eq 7 ]] || fail "with a stopped shard: exit $status, not 7"
((elapsed_ms < 5000)) || fail "a stopped shard took $elapsed_ms ms to report (timeout 1 s)"
grep -q "127.0.0.1:$port1" "$g_work/slow.err" || fail "the error does not name the stopped shard"
say "a stopped shard: exit 7 after $elapsed_ms ms (remote timeout 1 s)"
say "PASS"
