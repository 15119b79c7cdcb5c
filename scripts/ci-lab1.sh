#!/usr/bin/env bash
# CI: runs samples/Lab1 (MIT Lab 1 Part 1, with MIT's own value checks) and fails when it exits non-zero, that is
# when any of its [PASS]/[FAIL] checks fails; the last line must say so too.
set -euo pipefail
cd "$(dirname "$0")/.."
rc=0
out=$(timeout 600 dotnet run -c Release --project samples/Lab1 -- "$@") || rc=$?
echo "$out"
if [[ $rc -ne 0 ]]; then echo "FAIL: samples/Lab1 exited with $rc"; exit 1; fi
grep -q '^\[PASS\] test_custom_dense_layer_output (after tf.random.SetSeed(1)' <<<"$out"
grep -q '^\[PASS\] test_custom_dense_layer_output (after keras.utils.SetRandomSeed(1)' <<<"$out"
[[ "$(tail -n 1 <<<"$out")" == "All checks passed." ]]
