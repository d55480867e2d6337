#!/usr/bin/env bash
# @brief The README's first command: install, build, index corpus/documents, run a sample query.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh >/dev/null
db=var/diplosearch.db
build/indexer/diplo-index --db "$db" corpus/documents
echo "+ diplo-search --db $db CPEC Gwadar --limit 5" >&2
build/searcher/diplo-search --db "$db" CPEC Gwadar --limit 5
