#!/usr/bin/env bash
# The nightly regression: builds codesign, then re-simulates configs/regress/nightly.json on
# the RTL against the baselines kept in STATE_DIR, appending to its history and writing
# JUnit XML and the trend page there. The first night records the baselines.
#   scripts/nightly.sh [STATE_DIR] [extra codesign regress arguments...]
# STATE_DIR defaults to ./nightly. Exit status: codesign regress's (0 all passed, 1 a case
# failed, 2 bad input), or the build's.
set -euo pipefail
cd "$(dirname "$0")/.."
state="${1:-nightly}"
shift || true
mkdir -p "$state"
cmake --preset release >/dev/null
cmake --build --preset release --target codesign >/dev/null

args=(--suite configs/regress/nightly.json --baselines "$state/baselines.json"
      --history "$state/history.db" --junit "$state/junit.xml" --html "$state/index.html")
if [ ! -f "$state/baselines.json" ]; then
  echo "nightly: no baselines in $state yet; this run records them"
  args+=(--update-baselines)
fi
exec build/release/cli/codesign regress "${args[@]}" "$@"
