#!/usr/bin/env bash
# Installs Fashion-MNIST from Debian's dataset-fashion-mnist package into
# /usr/share/datasets/fashion-mnist (where Strata.Datasets looks by default).
# Idempotent: does nothing when the four files are already there.
set -euo pipefail

DIR=/usr/share/datasets/fashion-mnist
FILES=(train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz)

have_all() {
  for f in "${FILES[@]}"; do [[ -s "$DIR/$f" ]] || return 1; done
}

if have_all; then
  echo "Fashion-MNIST already installed in $DIR"
  exit 0
fi

# Root runs apt directly; anyone else goes through sudo, if there is one.
if [[ $(id -u) -eq 0 ]]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "error: installing a package needs root, and sudo is not available." >&2
  echo "Run as root:  apt-get update && apt-get install -y dataset-fashion-mnist" >&2
  echo "or put the four files (${FILES[*]}) in a folder and set STRATA_FASHION_MNIST_DIR to it." >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: apt-get not found; this script is for Debian/Ubuntu." >&2
  echo "Download the four files from https://github.com/zalandoresearch/fashion-mnist (data/fashion)" >&2
  echo "into ~/.strata/datasets/fashion-mnist, or set STRATA_FASHION_MNIST_DIR to their folder." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Only refresh the package lists when apt does not know the package yet (a fresh container).
if ! apt-cache show dataset-fashion-mnist >/dev/null 2>&1; then
  "${SUDO[@]}" apt-get update
fi
"${SUDO[@]}" apt-get install -y dataset-fashion-mnist

if ! have_all; then
  echo "error: dataset-fashion-mnist is installed but $DIR lacks some of: ${FILES[*]}" >&2
  exit 1
fi
echo "Fashion-MNIST installed in $DIR"
