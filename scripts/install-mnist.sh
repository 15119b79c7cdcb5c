#!/usr/bin/env bash
# Installs MNIST (LeCun, Cortes, Burges) into ~/.strata/datasets/mnist, where Strata.Datasets looks for it.
# Debian ships no MNIST package, so the four original files come from the project's shared folder
# (../shared/datasets/mnist beside the repository, or $STRATA_MNIST_SOURCE), and each is checked against the
# published MD5 before it is copied. Idempotent: does nothing when the checked files are already there.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST=${STRATA_MNIST_DIR:-$HOME/.strata/datasets/mnist}
declare -A MD5=(
  [train-images-idx3-ubyte.gz]=f68b3c2dcbeaaa9fbdd348bbdeb94873
  [train-labels-idx1-ubyte.gz]=d53e105ee54ea40749a09fcbcd1e9432
  [t10k-images-idx3-ubyte.gz]=9fb629c4189551a2d022fa330f9573f3
  [t10k-labels-idx1-ubyte.gz]=ec29112dd5afa0611ce80d1b7f02629c
)

checked() { # folder: all four files present with the published MD5s
  for f in "${!MD5[@]}"; do
    [[ -s "$1/$f" ]] || return 1
    [[ $(md5sum "$1/$f" | cut -d' ' -f1) == "${MD5[$f]}" ]] || return 1
  done
}

if checked "$DEST"; then
  echo "MNIST already installed in $DEST"
  exit 0
fi

SOURCE=""
for candidate in "${STRATA_MNIST_SOURCE:-}" "$ROOT/../shared/datasets/mnist" /work/shared/datasets/mnist; do
  if [[ -n "$candidate" ]] && checked "$candidate"; then SOURCE=$candidate; break; fi
done
if [[ -z "$SOURCE" ]]; then
  echo "error: no folder with the four MNIST files (and their published MD5s) was found." >&2
  echo "Looked in \$STRATA_MNIST_SOURCE, $ROOT/../shared/datasets/mnist and /work/shared/datasets/mnist." >&2
  echo "Download ${!MD5[*]} from an MNIST mirror (e.g. https://storage.googleapis.com/cvdf-datasets/mnist/)" >&2
  echo "and run again with STRATA_MNIST_SOURCE=/that/folder." >&2
  exit 1
fi

mkdir -p "$DEST"
for f in "${!MD5[@]}"; do
  # Copy beside the target, then rename: a reader never sees half a file.
  cp "$SOURCE/$f" "$DEST/$f.tmp.$$" && mv -f "$DEST/$f.tmp.$$" "$DEST/$f"
done
checked "$DEST" || { echo "error: the copies in $DEST do not match the published MD5s" >&2; exit 1; }
echo "MNIST installed in $DEST (from $SOURCE)"
