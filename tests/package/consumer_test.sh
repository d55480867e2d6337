#!/usr/bin/env bash
# @brief Installs the build into a temporary prefix and builds tests/package/consumer against
# it twice, as users would: with CMake (find_package) and with pkg-config; runs both.
# Also checks the installed files, the soname, and that only the diplosearch namespace is
# exported.
# Usage: consumer_test.sh BUILD_DIR CONFIG CONSUMER_DIR CMAKE GENERATOR MAKE_PROGRAM CXX
set -euo pipefail

if (($# != 7)); then
    echo "usage: consumer_test.sh BUILD_DIR CONFIG CONSUMER_DIR CMAKE GENERATOR MAKE_PROGRAM CXX" >&2
    exit 2
fi
build_dir=$1 config=$2 consumer_dir=$3 cmake=$4 generator=$5 make_program=$6 cxx=$7

work=$(mktemp -d "${TMPDIR:-/tmp}/diplosearch-package.XXXXXX")
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix

fail() {
    echo "consumer_test: $*" >&2
    exit 1
}

# Runs a step quietly, showing its output only when it fails.
step() {
    local name=$1
    shift
    if ! "$@" >"$work/$name.log" 2>&1; then
        cat "$work/$name.log" >&2
        fail "$name failed: $*"
    fi
}

step install "$cmake" --install "$build_dir" --config "$config" --prefix "$prefix"

pc_file=$(find "$prefix" -name diplosearch.pc -path '*/pkgconfig/*')
[[ -n $pc_file ]] || fail "no diplosearch.pc installed"
libdir=$(dirname "$(dirname "$pc_file")")
for file in "$libdir/cmake/diplosearch/diplosearchConfig.cmake" \
    "$libdir/cmake/diplosearch/diplosearchConfigVersion.cmake" \
    "$prefix/bin/diplo-index" "$prefix/bin/diplo-search"; do
    [[ -e $file ]] || fail "not installed: $file"
done

# The library's name, and that it needs nothing of the prefix to load: no RPATH.
library=$(find "$libdir" -maxdepth 1 -name 'libdiplosearch.so.*.*.*' | head -n 1)
[[ -n $library ]] || fail "no libdiplosearch.so.MAJOR.MINOR.PATCH in $libdir"
dynamic=$(readelf -d "$library")
soname=$(sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p' <<<"$dynamic")
[[ -n $soname && -e $libdir/$soname && -e $libdir/libdiplosearch.so ]] ||
    fail "soname link missing: '$soname' or libdiplosearch.so in $libdir"
! grep -qE 'RPATH|RUNPATH' <<<"$dynamic" || fail "$library has an RPATH: $dynamic"

# The ABI is the diplosearch namespace: anything else exported (a standard-library or Xapian
# instantiation, an internal class) is a leak.
leaks=$(nm -D --defined-only --demangle "$library" | cut -d' ' -f3- |
    grep -vE '^((typeinfo|typeinfo name|vtable) for )?diplosearch::' || true)
[[ -z $leaks ]] || fail "symbols exported outside namespace diplosearch:"$'\n'"$leaks"

# Every installed header compiles on its own, with nothing but the prefix on the path.
for header in "$prefix"/include/diplosearch/*.hpp; do
    echo "#include <diplosearch/$(basename "$header")>" |
        "$cxx" -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I"$prefix/include" -x c++ - ||
        fail "diplosearch/$(basename "$header") does not compile on its own"
done

# CMake: the version file accepts this minor release only (0.x), then find_package.
version=$(sed -n 's/^Version: //p' "$pc_file")
IFS=. read -r major minor _ <<<"$version"
cat >"$work/check_version.cmake" <<CMAKE
set(PACKAGE_FIND_VERSION \${WANT})
string(REPLACE "." ";" parts \${WANT})
list(GET parts 0 PACKAGE_FIND_VERSION_MAJOR)
list(GET parts 1 PACKAGE_FIND_VERSION_MINOR)
set(PACKAGE_FIND_VERSION_COUNT 2)
include("$libdir/cmake/diplosearch/diplosearchConfigVersion.cmake")
message("\${PACKAGE_VERSION_COMPATIBLE}")
CMAKE
compatible() { "$cmake" -DWANT="$1" -P "$work/check_version.cmake" 2>&1; }
[[ $(compatible "$major.$minor") == TRUE ]] || fail "version file refuses $major.$minor"
if ((major == 0)); then
    [[ $(compatible "0.$((minor + 1))") == FALSE ]] || fail "version file accepts 0.$((minor + 1))"
fi

step cmake-configure "$cmake" -S "$consumer_dir" -B "$work/cmake-build" -G "$generator" \
    -DCMAKE_MAKE_PROGRAM="$make_program" -DCMAKE_CXX_COMPILER="$cxx" \
    -DCMAKE_PREFIX_PATH="$prefix"
step cmake-build "$cmake" --build "$work/cmake-build"
# CMake's build RPATH finds the library; a user's environment need not.
consumer=$(find "$work/cmake-build" -name consumer -type f -perm -u+x | head -n 1)
env -u LD_LIBRARY_PATH "$consumer" || fail "the CMake-built consumer failed"

# pkg-config: the flags alone build it; the library is found at run time the way a user
# of a non-system prefix finds it, with LD_LIBRARY_PATH.
export PKG_CONFIG_PATH=$(dirname "$pc_file")
[[ $(pkg-config --modversion diplosearch) == "$version" ]] || fail "pkg-config version"
# shellcheck disable=SC2046  # pkg-config prints several words on purpose.
"$cxx" -std=c++17 -o "$work/consumer-pkg-config" "$consumer_dir/main.cpp" \
    $(pkg-config --cflags diplosearch) $(pkg-config --libs diplosearch) ||
    fail "building the consumer with pkg-config flags failed"
LD_LIBRARY_PATH=$libdir "$work/consumer-pkg-config" || fail "the pkg-config-built consumer failed"
