#!/usr/bin/env bash
# Configures and builds one CMake preset (default: release).
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
dir="build/$preset"
had_cache=false
[ -f "$dir/CMakeCache.txt" ] && had_cache=true
if ! cmake --preset "$preset" >/dev/null; then
  # A cache made with another compiler (the asan preset moved from g++ to clang++): CMake
  # deletes it but fails that run. Configure once more, from nothing; objects stay.
  $had_cache || exit 1
  echo "build.sh: $dir was configured with another compiler; configuring it afresh" >&2
  rm -rf "$dir/CMakeCache.txt" "$dir/CMakeFiles"
  cmake --preset "$preset" >/dev/null
fi
cmake --build --preset "$preset"
