#!/usr/bin/env bash
# @brief CI gate for the relevance benchmark: runs the fast subset (the sample corpus in
# corpus/documents) and fails when DiploSearch's nDCG@10 falls more than the tolerance
# (0.02) below the figure recorded in bench/relevance/baseline.json.
#
# Usage: bench/relevance/check.sh [--no-build] [BUILD_DIR]
#   BUILD_DIR   a configured build tree (default: $BUILD_DIR, else build)
# Exit codes: 0 pass, 1 regression (or the benchmark failed to run).
# After an intended ranking improvement, raise the recorded figure: copy the new value
# printed here into baseline.json (never lower it to make a regression pass).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/relevance-check.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$here/run.sh" --fast --work "$work" --output "$work/relevance-fast" "$@" >/dev/null
got=$(jq -r 'select(.corpus=="documents" and .system=="diplosearch") | .metrics.all["ndcg@10"]' \
    "$work/results.jsonl")
want=$(jq -r '.documents.diplosearch["ndcg@10"]' "$here/baseline.json")
tol=$(jq -r '.tolerance // 0.02' "$here/baseline.json")
[ -n "$got" ] || { echo "relevance check: no DiploSearch figure produced" >&2; exit 1; }
if awk -v g="$got" -v w="$want" -v t="$tol" 'BEGIN { exit !(g + t < w) }'; then
    printf 'relevance check: FAIL: DiploSearch nDCG@10 %.4f < recorded %.4f - %.2f\n' "$got" "$want" "$tol" >&2
    exit 1
fi
printf 'relevance check: ok: DiploSearch nDCG@10 %.4f (recorded %.4f, tolerance %.2f)\n' "$got" "$want" "$tol"
