#!/usr/bin/env bash
# Configures and builds one CMake preset (default: release).
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
dir="build/$preset"
if ! cmake --preset "$preset" >/dev/null; then
  # A cache that CMake cannot reconfigure in place (one made with another compiler: the asan
  # preset moved from g++ to clang++) is started afresh, once; built files stay where valid.
  [ -f "$dir/CMakeCache.txt" ] || exit 1
  echo "build.sh: configuring $dir afresh" >&2
  rm -rf "$dir/CMakeCache.txt" "$dir/CMakeFiles"
  cmake --preset "$preset" >/dev/null
fi
cmake --build --preset "$preset"
