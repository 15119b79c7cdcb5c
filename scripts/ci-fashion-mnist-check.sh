#!/usr/bin/env bash
# CI: trains the Fashion-MNIST tutorial MLP for one epoch on the real data and fails unless the
# test accuracy is >= 0.80 (tests/FashionMnistCheck). Needs the data set: scripts/install-fashion-mnist.sh.
# Release build, because a Debug build of the kernels is several times slower.
# It runs twice and requires both runs to print the same accuracy to every digit: a seeded run is deterministic.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/FashionMnistCheck -c Release -v q -nologo
runs=()
for i in 1 2; do
  rc=0
  out=$(timeout 600 dotnet tests/FashionMnistCheck/bin/Release/net10.0/FashionMnistCheck.dll) || rc=$?
  echo "$out"
  if [[ $rc -ne 0 ]]; then echo "FAIL: run $i exited with $rc"; exit 1; fi
  runs+=("$(grep -o 'test accuracy: [0-9.]*' <<<"$out")")
done
if [[ -z "${runs[0]}" || "${runs[0]}" != "${runs[1]}" ]]; then
  echo "FAIL: two seeded runs differ: '${runs[0]}' vs '${runs[1]}'"
  exit 1
fi
echo "PASS: both runs give ${runs[0]}"
