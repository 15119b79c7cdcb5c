#!/usr/bin/env bash
# cold-start: from process start to the first op's result, as a whole process (wall-clock, fork+exec to exit), for
#   strata       StrataStart, framework-dependent (the apphost, `dotnet` runtime, JIT; Release)
#   torchsharp   TorchSharpStart, the same op through TorchSharp-cpu 0.107.0, framework-dependent (libtorch loaded)
#   strata-aot   StrataStart published with NativeAOT
#   lab1-aot     samples/Lab1 published with NativeAOT: the whole lab (every section, its checks and its PNG)
# Each program runs WARMUP times untimed, then RUNS times in rounds (one run of each per round, so drift hits all
# alike); the median and the minimum are printed in milliseconds, then the bench's line format:
#   cold-start | strata <ms> ms | torchsharp <ms> ms | speedup <r>x
# Targets (issue 14): strata <= half of torchsharp (speedup >= 2), strata-aot and lab1-aot < 50 ms.
# Needs the NativeAOT prerequisites (scripts/install-aot-deps.sh; the AOT rows are skipped without clang).
# Run it on an idle machine: the figures are whole-process wall times and every busy core shows in them.
#
#   bench/cold-start/run.sh [--runs N] [--warmup N] [--no-build]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RUNS=20 WARMUP=3 BUILD=1
while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) RUNS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) echo "usage: $0 [--runs N] [--warmup N] [--no-build]" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
OUT=$HERE/out
STRATA=$HERE/StrataStart/bin/Release/net10.0/StrataStart
TORCH=$HERE/TorchSharpStart/bin/Release/net10.0/TorchSharpStart
STRATA_AOT=$OUT/StrataStart-aot/StrataStart
LAB1_AOT=$OUT/Lab1-aot/Lab1
aot=0; command -v clang >/dev/null 2>&1 && aot=1

if [[ $BUILD -eq 1 ]]; then
  echo "# building (Release) ..." >&2
  dotnet build "$HERE/StrataStart" -c Release -v q -nologo >/dev/null
  dotnet build "$HERE/TorchSharpStart" -c Release -v q -nologo >/dev/null
  if [[ $aot -eq 1 ]]; then
    dotnet publish "$HERE/StrataStart" -c Release -r linux-x64 -p:PublishAot=true -o "$OUT/StrataStart-aot" -v q -nologo >/dev/null
    dotnet publish "$ROOT/samples/Lab1" -c Release -r linux-x64 -p:PublishAot=true -o "$OUT/Lab1-aot" -v q -nologo >/dev/null
  else
    echo "# no clang: NativeAOT rows skipped (scripts/install-aot-deps.sh installs the prerequisites)" >&2
  fi
fi

names=(strata torchsharp) cmds=("$STRATA" "$TORCH") expect=("7 10 15 22" "7 10 15 22")
if [[ $aot -eq 1 && -x $STRATA_AOT ]]; then names+=(strata-aot lab1-aot); cmds+=("$STRATA_AOT" "$LAB1_AOT"); expect+=("7 10 15 22" "All checks passed."); fi
RUNDIR=$(mktemp -d)   # Lab1 writes out/lab1/sgd_history.png where it runs
trap 'rm -rf "$RUNDIR"' EXIT
cd "$RUNDIR"

for i in "${!names[@]}"; do   # the programs print what they should before any timing
  got=$("${cmds[$i]}" | tail -n 1)
  [[ $got == "${expect[$i]}" ]] || { echo "error: ${names[$i]} printed '$got', expected '${expect[$i]}'" >&2; exit 1; }
done
for ((w = 0; w < WARMUP; w++)); do for c in "${cmds[@]}"; do "$c" >/dev/null; done; done
declare -A times
for ((r = 0; r < RUNS; r++)); do
  for i in "${!names[@]}"; do
    t0=$(date +%s%N); "${cmds[$i]}" >/dev/null; t1=$(date +%s%N)
    times[${names[$i]}]+="$(( (t1 - t0) / 1000 )) "
  done
done
summarize() { # microseconds… -> "median min" in ms
  tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f %.1f", m / 1000, v[1] / 1000 }'
}
echo "# $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $RUNS runs each after $WARMUP warm-ups; ms, median (min)" >&2
declare -A med
for n in "${names[@]}"; do
  read -r m lo <<<"$(summarize "${times[$n]}")"
  med[$n]=$m
  printf '%-11s %8.1f ms  (min %.1f)\n' "$n" "$m" "$lo"
done
awk -v s="${med[strata]}" -v t="${med[torchsharp]}" 'BEGIN { printf "cold-start | strata %.1f ms | torchsharp %.1f ms | speedup %.2fx\n", s, t, t / s }'
if [[ -n ${med[strata-aot]:-} ]]; then
  awk -v a="${med[strata-aot]}" -v t="${med[torchsharp]}" 'BEGIN { printf "cold-start-aot | strata %.1f ms | torchsharp %.1f ms | speedup %.2fx\n", a, t, t / a }'
  awk -v a="${med[lab1-aot]}" 'BEGIN { printf "cold-start-lab1-aot | strata %.1f ms (the whole lab)\n", a }'
  for f in "$STRATA_AOT" "$LAB1_AOT"; do echo "# $(basename "$f") NativeAOT binary: $(stat -c %s "$f") bytes" >&2; done
fi
