#!/usr/bin/env bash
# Installs every Debian package codesign needs. Idempotent: installs only what is missing.
set -euo pipefail

packages=(
  cmake g++ make pkg-config git
  verilator libsystemc-dev
  libeigen3-dev nlohmann-json3-dev libgtest-dev
  libnlopt-cxx-dev libsqlite3-dev zlib1g-dev libcli11-dev libpugixml-dev
  libonnx-dev libprotobuf-dev
  yosys clang-format clang libclang-rt-14-dev
  slurmctld slurmd slurm-client munge
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: not root and no sudo; install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
echo "setup: done"
