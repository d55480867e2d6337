#!/usr/bin/env bash
# @brief The README's first command: install, build, index corpus/documents, run a sample query.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh >/dev/null
db=var/diplosearch.db
# A database left here by DiploSearch 0.1 (one plain Xapian folder, schema 1) cannot be
# rebuilt in place; this one is only the demo's, so start it afresh.
if [ -d "$db" ] && [ ! -e "$db/XAPIANDB" ]; then
    echo "quickstart: removing $db, made by an older version" >&2
    rm -rf "$db"
fi
build/indexer/diplo-index --db "$db" corpus/documents
echo "+ diplo-search --db $db CPEC Gwadar --limit 5" >&2
build/searcher/diplo-search --db "$db" CPEC Gwadar --limit 5
