#!/usr/bin/env bash
# @brief Installs what the browser tests (tests/browser/) need: Debian's chromium, nodejs
# and npm. Idempotent: installs only what is missing; without root, prints the command.
set -euo pipefail

missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v node > /dev/null || missing+=(nodejs)
command -v npm > /dev/null || missing+=(npm)

if ((${#missing[@]} == 0)); then
    echo "install-browser-deps: chromium, node and npm are installed"
    exit 0
fi
if ((EUID != 0)); then
    echo "install-browser-deps: missing ${missing[*]}; run as root:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
