#!/usr/bin/env bash
# The main job on the default example: set up, build, then validate the default 16x16
# accelerator on a 3x3 convolution layer on the RTL and print its report.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh release
mkdir -p out
build/release/cli/codesign simulate --hw configs/hw/default.json \
  --layer configs/layers/default.json --out out/simulate_report.json "$@"
