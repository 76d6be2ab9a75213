#!/usr/bin/env bash
# scripts/slurm_local.sh starts a working single-node cluster and stops it without leftovers:
# a job array runs every task, a cancelled job reads CANCELLED, a failing job keeps its exit
# code, and after `stop` no daemon of the cluster is left.
set -euo pipefail
root=$1
dir=$(mktemp -d /tmp/codesign-slurm-test.XXXXXX)
port=$((20000 + RANDOM % 20000))
trap '"$root/scripts/slurm_local.sh" stop "$dir" >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
state_of() { scontrol -o show job "$1" | grep -oE 'JobState=[A-Z_]+' | cut -d= -f2; }
wait_state() {  # wait_state JOB STATE
  for _ in $(seq 300); do [ "$(state_of "$1")" = "$2" ] && return 0; sleep 0.1; done
  fail "job $1 is $(state_of "$1"), expected $2"
}

eval "$("$root/scripts/slurm_local.sh" start "$dir" --cpus 4 --port "$port")"
[ "$(sinfo -h -N -o %t)" = idle ] || fail "node not idle"

array=$(sbatch --parsable --array=0-3 -o "$dir/out-%a.txt" --wrap 'echo task $SLURM_ARRAY_TASK_ID')
for i in 0 1 2 3; do wait_state "${array}_$i" COMPLETED; done
for i in 0 1 2 3; do [ "$(cat "$dir/out-$i.txt")" = "task $i" ] || fail "array task $i output"; done

sleeper=$(sbatch --parsable -o /dev/null --wrap 'sleep 300')
wait_state "$sleeper" RUNNING
scancel "$sleeper"
wait_state "$sleeper" CANCELLED

failing=$(sbatch --parsable -o /dev/null --wrap 'exit 3')
wait_state "$failing" FAILED
scontrol -o show job "$failing" | grep -q 'ExitCode=3:0' || fail "exit code not kept"

"$root/scripts/slurm_local.sh" stop "$dir"
for f in slurmctld.pid slurmd.pid munge/run/munged.pid; do [ ! -e "$dir/$f" ] || fail "$f left behind"; done
if pgrep -f "$dir" >/dev/null; then fail "a daemon of the cluster still runs"; fi
echo "slurm_local: ok"
