#!/usr/bin/env bash
# CI: trains on the real Fashion-MNIST data for one epoch and fails unless the test accuracy reaches the bar
# (tests/FashionMnistCheck): the tutorial's MLP (>= 0.80), then samples/FashionMnistCnn's CNN (>= 0.86).
# Needs the data set: scripts/install-fashion-mnist.sh. Release build, because a Debug build of the kernels is
# several times slower. Each model runs twice and both runs must print the same accuracy to every digit:
# a seeded run is deterministic.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/FashionMnistCheck -c Release -v q -nologo
for model in mlp cnn; do
  arg=(); [[ $model == cnn ]] && arg=(cnn)
  runs=()
  for i in 1 2; do
    rc=0
    out=$(timeout 600 dotnet tests/FashionMnistCheck/bin/Release/net10.0/FashionMnistCheck.dll "${arg[@]}") || rc=$?
    echo "$out"
    if [[ $rc -ne 0 ]]; then echo "FAIL: $model run $i exited with $rc"; exit 1; fi
    runs+=("$(grep -o 'test accuracy: [0-9.]*' <<<"$out")")
  done
  if [[ -z "${runs[0]}" || "${runs[0]}" != "${runs[1]}" ]]; then
    echo "FAIL: two seeded $model runs differ: '${runs[0]}' vs '${runs[1]}'"
    exit 1
  fi
  echo "PASS: both $model runs give ${runs[0]}"
done
