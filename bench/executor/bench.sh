#!/usr/bin/env bash
# RTL-in-the-loop co-design on the executors: trials per hour, the simulator-build cache's
# hit rate, and the speed-up from more local slots and more Slurm array tasks.
#
#   bench/executor/bench.sh [BUILD_DIR] [OUT_DIR]
#
# Every run is `codesign search --fidelity rtl` from an empty simulator-build cache (so
# that runs compare like for like); the same seed and batch size give the same trials,
# whatever the executor and however many slots. Slurm runs use a throw-away single-node
# cluster (scripts/slurm_local.sh) that declares 4 CPUs on this 2-core machine: the 4-task
# runs are oversubscribed and show the mechanism, not a 4-core speed-up. Prints one Markdown
# table row per run.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build/release}
out=${2:-$(mktemp -d /tmp/codesign-executor-bench.XXXXXX)}
codesign=$build/cli/codesign
mkdir -p "$out"
cluster=$out/cluster
trap '"$root/scripts/slurm_local.sh" stop "$cluster" >/dev/null 2>&1 || true' EXIT

# run NAME WORKLOAD BUDGET BATCH EXECUTOR WORKERS: one search, one table row.
run() {
  local name=$1 workload=$2 budget=$3 batch=$4 executor=$5 workers=$6
  rm -rf "$out/$name.db" "$out/$name.db.jobs" "$out/$name.cache"
  local start=$SECONDS
  "$codesign" search --workload "$root/configs/workloads/$workload.json" \
    --space "$root/configs/spaces/edge.json" --study "$out/$name.db" --budget "$budget" \
    --batch "$batch" --workers "$workers" --seed 1 --mapper-budget 100 --fidelity rtl \
    --executor "$executor" --cache "$out/$name.cache" --trial-timeout 3600 \
    >"$out/$name.out" 2>"$out/$name.err"
  local wall=$((SECONDS - start))
  local sims hits
  sims=$(grep -oE '[0-9]+ layer simulations' "$out/$name.out" | grep -oE '^[0-9]+')
  hits=$(grep -oE ', [0-9]+ with the simulator already built' "$out/$name.out" | grep -oE '[0-9]+')
  printf '| %s | %s | %s | %s | %s | %d | %.1f | %s | %s (%.0f%%) |\n' "$name" "$workload" \
    "$executor" "$workers" "$budget" "$wall" "$(echo "3600 * $budget / $wall" | bc -l)" "$sims" \
    "$hits" "$(echo "100 * $hits / $sims" | bc -l)"
}

echo "| run | workload | executor | slots | trials | wall s | trials/hour | layer simulations | simulator already built |"
echo "|---|---|---|---|---|---|---|---|---|"
run dqn-local-1 dqn 4 2 local 1
run dqn-local-2 dqn 4 2 local 2
run resnet50-local-2 resnet50 2 2 local 2
eval "$("$root/scripts/slurm_local.sh" start "$cluster" --cpus 4 --port 27817)"
run dqn-slurm-1 dqn 4 4 slurm 1
run dqn-slurm-4 dqn 4 4 slurm 4
