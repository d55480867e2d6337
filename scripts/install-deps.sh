#!/usr/bin/env bash
# @brief Installs the Debian packages DiploSearch needs to build and test; safe to re-run.
set -euo pipefail

packages=(
    build-essential cmake pkg-config
    libxapian-dev xapian-tools
    libboost-program-options-dev libspdlog-dev libfmt-dev
    nlohmann-json3-dev libgumbo-dev libzstd-dev zstd libxxhash-dev libcpp-httplib-dev
    catch2
    libpoppler-cpp-dev libzip-dev libpugixml-dev libgmime-3.0-dev
    # Languages: detection (CLD2) and country names in other languages (ICU locale data).
    libcld2-dev libicu-dev
    # Tests and benchmarks: the crash test's tools, the relevance benchmark's FTS5
    # baseline and JSON handling, and the pseudo-terminal for the progress-bar test.
    jq libsqlite3-dev bsdutils strace
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO=sudo
    else
        echo "install-deps: missing packages: ${missing[*]}" >&2
        echo "install-deps: run as root: apt-get update && apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
else
    SUDO=
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
