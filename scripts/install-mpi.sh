#!/usr/bin/env bash
# Installs Open MPI (openmpi-bin, libopenmpi-dev) from Debian/Ubuntu for Strata.Distributed, and MPICH (mpich) beside
# it, so that the tests also check the second MPI ABI. Both install side by side: `mpirun` stays Open MPI's
# (update-alternatives), MPICH's launcher is `mpiexec.mpich`. Idempotent: does nothing when both are there.
#
#   scripts/install-mpi.sh [--no-mpich]
set -euo pipefail

packages=(openmpi-bin libopenmpi-dev mpich)
[[ ${1:-} == --no-mpich ]] && packages=(openmpi-bin libopenmpi-dev)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "MPI already installed: $(mpirun --version 2>/dev/null | head -1)"
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "error: installing packages needs root, and sudo is not available." >&2
  echo "Run as root:  apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: apt-get not found; this script is for Debian/Ubuntu. Install Open MPI (4.x, libmpi.so.40) or MPICH" >&2
  echo "(libmpich.so.12) with your system's package manager, or set STRATA_MPI_LIBRARY to the library's path." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Only refresh the package lists when apt does not know the packages yet (a fresh container).
if ! apt-cache show openmpi-bin mpich >/dev/null 2>&1; then
  "${SUDO[@]}" apt-get update -qq
fi
"${SUDO[@]}" apt-get install -y "${missing[@]}" >/dev/null
echo "installed ${missing[*]}: $(mpirun --version 2>/dev/null | head -1)"
