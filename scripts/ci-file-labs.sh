#!/usr/bin/env bash
# CI: runs the labs as .NET 10 file-based apps, as a user would (`dotnet run samples/labs/<lab>.cs`), in short
# settings, and checks what they print:
#   lab1.cs        MIT Lab 1 Part 1 whole (it is short): MIT's two value checks pass and the last line is
#                  "All checks passed." (the app exits non-zero when any [PASS]/[FAIL] check fails).
#   lab2.cs        MIT Lab 2 Part 1 with --quick (1 epoch of each model on the first 4,000 MNIST training images,
#                  150 GradientTape steps, 1,000 test images): each of the three test accuracies is printed and
#                  at least 0.6 (chance is 0.1; seeded, so the same digits every run). Needs scripts/install-mnist.sh.
#   lab1_music.cs  MIT Lab 1 Part 2 with 2 training iterations and 100 generated characters: the lab's three
#                  get_batch checks pass, and the final training loss is below the untrained model's.
# Each lab's seconds (build included) are printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bash scripts/install-mnist.sh

fail() { echo "FAIL: $*"; exit 1; }
timings=()
run_lab() { # file, args…: runs it, prints its output, leaves it in $out
  local file=$1; shift
  local start=$SECONDS rc=0
  echo "=== dotnet run $file $*"
  out=$(timeout 600 dotnet run "$file" "$@" 2>&1) || rc=$?
  echo "$out"
  timings+=("$(basename "$file") $((SECONDS - start)) s")
  [[ $rc -eq 0 ]] || fail "$file exited with $rc"
}
value() { # a line's prefix: the number after it, from $out
  grep -a "^$1" <<<"$out" | tail -n 1 | sed "s/^$1 *//"
}
at_least() { # name, value, bar
  awk -v v="$2" -v b="$3" 'BEGIN { exit !(v != "" && v + 0 >= b + 0) }' || fail "$1 is '$2', expected >= $3"
  echo "ok: $1 $2 >= $3"
}

run_lab samples/labs/lab1.cs
grep -q '^\[PASS\] test_custom_dense_layer_output (after tf.random.SetSeed(1)' <<<"$out" || fail "lab1: MIT's check after tf.random.SetSeed(1)"
grep -q '^\[PASS\] test_custom_dense_layer_output (after keras.utils.SetRandomSeed(1)' <<<"$out" || fail "lab1: MIT's check after keras.utils.SetRandomSeed(1)"
[[ "$(tail -n 1 <<<"$out")" == "All checks passed." ]] || fail "lab1: the last line is not 'All checks passed.'"
echo "ok: lab1 All checks passed."

run_lab samples/labs/lab2.cs --quick
at_least "lab2 dense test accuracy" "$(value 'Dense model test accuracy:')" 0.6
at_least "lab2 CNN test accuracy" "$(value 'CNN test accuracy:')" 0.6
at_least "lab2 tape-loop CNN test accuracy" "$(value 'CNN (GradientTape loop, one pass) test accuracy:')" 0.6
[[ "$(tail -n 1 <<<"$out")" == "CNN (GradientTape loop, one pass) test accuracy:"* ]] || fail "lab2: unexpected last line"

run_lab samples/labs/lab1_music.cs --iterations 2 --generate 100 --out out/ci_lab1_music
grep -q '^\[PASS\] passed all tests!' <<<"$out" || fail "lab1_music: the get_batch checks"
untrained=$(value 'scalar_loss:')
final=$(value 'Final training loss:')
awk -v f="$final" -v u="$untrained" 'BEGIN { exit !(f != "" && u != "" && f + 0 < u + 0) }' \
  || fail "lab1_music: final loss '$final' is not below the untrained loss '$untrained'"
echo "ok: lab1_music loss $untrained -> $final"
[[ "$(tail -n 1 <<<"$out")" == "Complete songs generated: "* ]] || fail "lab1_music: unexpected last line"

echo "file-based labs passed (${timings[*]})"
