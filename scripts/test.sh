#!/usr/bin/env bash
# The whole test suite: set-up, format check, release build + ctest (all but 'slow'),
# then one clang build with AddressSanitizer + UBSan that runs the C++ unit tests and the
# command line's bad-input tests again and fuzzes each configuration loader for a bounded
# time (libFuzzer, fuzz/).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/check_format.sh
scripts/build.sh release
ctest --preset release
scripts/build.sh asan
ctest --preset asan
