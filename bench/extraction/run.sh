#!/usr/bin/env bash
# @brief Extraction accuracy, on demand (not part of CTest): country recall on the
# UN General Debate corpus and topic precision/recall on the hand-judged set.
#
# Usage: bench/extraction/run.sh [BUILD_DIR]   (default: build)
# Needs ../shared/corpus/ungdc.jsonl.zst beside the checkout (or DIPLOSEARCH_SHARED_CORPUS).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
corpus=${DIPLOSEARCH_SHARED_CORPUS:-../shared/corpus/ungdc.jsonl.zst}
if [ ! -f "$corpus" ]; then
    echo "extraction bench: $corpus not present; nothing to measure" >&2
    exit 77
fi
cmake --build "$build" -j"$(nproc)" --target country_eval topic_eval >/dev/null

echo "## Countries: speaking state among the extracted principal countries (country and title withheld)"
"$build/bench/country_eval" "$corpus" --since 1990
echo
echo "## Topics: precision and recall on bench/extraction/topics_judged.tsv"
"$build/bench/topic_eval" corpus/documents "$corpus" bench/extraction/topics_judged.tsv
