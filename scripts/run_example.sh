#!/usr/bin/env bash
# The main job on the default example: set up, build, then a short co-design search for DQN
# (analytical model, best design confirmed on the RTL, every output bit-exact), its export
# as a SystemVerilog configuration with programs, and an HTML report. Outputs in out/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh release
mkdir -p out
rm -rf out/study.db out/study.db-wal out/study.db-shm out/study.db.jobs out/export
codesign=build/release/cli/codesign
"$codesign" search --workload configs/workloads/dqn.json --space configs/spaces/edge.json \
  --study out/study.db --budget 40 --seed 1 "$@"
"$codesign" export --study out/study.db --out out/export
"$codesign" report --study out/study.db --out out/report.html
echo "study: out/study.db | export: out/export (manifest.json, rtl/) | report: out/report.html"
