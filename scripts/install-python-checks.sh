#!/usr/bin/env bash
# Installs the independent checkers some tests run when they are present: Debian's python3-h5py and hdf5-tools'
# h5dump read every file Strata's saving writes (tests/Strata.Keras.Tests/Saving/H5pyCompatibilityTests.cs), and
# python3-onnx's checker reads the ONNX files Strata.Onnx exports. CI runs this before the tests, so there those
# checks run instead of skipping. Idempotent.
set -euo pipefail

packages=(python3-h5py python3-numpy hdf5-tools python3-onnx)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "python checkers already installed (${packages[*]})"
  exit 0
fi
if [[ $(id -u) -eq 0 ]]; then SUDO=(); elif command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else
  echo "error: installing packages needs root; run: apt-get update && apt-get install -y ${missing[*]}" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then "${SUDO[@]}" apt-get update -qq; fi
"${SUDO[@]}" apt-get install -y "${missing[@]}" >/dev/null
echo "installed ${missing[*]}"
