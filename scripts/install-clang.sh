#!/usr/bin/env bash
# @brief Installs Debian's clang and its sanitizer and libFuzzer runtimes (scripts/sanitize.sh,
# fuzz/run.sh). Idempotent; without root, prints the command to run.
set -euo pipefail

# libclang-rt-dev holds libFuzzer and the ASan/UBSan runtimes; clang only recommends it.
wanted=(clang libclang-rt-dev)
missing=()
for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
        missing+=("$package")
done
((${#missing[@]} == 0)) && exit 0
if ((EUID != 0)); then
    echo "install-clang: missing ${missing[*]}; as root run:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
fi
echo "install-clang: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
