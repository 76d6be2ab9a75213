#!/usr/bin/env bash
# The whole test suite: set-up, format check, release build + ctest (all but 'slow'),
# then the C++ unit tests again under AddressSanitizer + UBSan, then each configuration
# loader fuzzed for a bounded time (libFuzzer, fuzz/).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/check_format.sh
scripts/build.sh release
ctest --preset release
scripts/build.sh asan
ctest --preset asan
scripts/build.sh fuzz
ctest --preset fuzz
