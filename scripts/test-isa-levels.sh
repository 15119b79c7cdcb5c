#!/usr/bin/env bash
# Runs the engine and Keras tests at every x64 instruction-set level the JIT can be held to, in Debug and in
# Release (how the kernels ship): as is (AVX-512 where the machine has it), DOTNET_EnableAVX512=0 (the AVX2 +
# FMA paths), DOTNET_EnableAVX2=0 (128-bit SSE; .NET also turns FMA off with it, so GEMM runs its scalar
# path) and DOTNET_EnableHWIntrinsic=0 (scalar everywhere). Tests that need an instruction set the level
# lacks are reported as skipped, with the reason. A test that runs past the hang timeout is killed and
# named (VSTest's blame collector) instead of hanging the run.
#
#   scripts/test-isa-levels.sh [--configs "Debug Release"] [--levels "native avx2 sse scalar"] [--no-build]
#
# Prints one line per run and a summary; exits non-zero if any run failed.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

configs="Debug Release"
levels="native avx2 sse scalar"
build=1
hang_timeout="${HANG_TIMEOUT:-5m}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --configs) configs="$2"; shift 2 ;;
    --levels) levels="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

projects=(tests/Strata.Tests/Strata.Tests.csproj tests/Strata.Keras.Tests/Strata.Keras.Tests.csproj)

level_env() {
  case "$1" in
    native) echo "" ;;
    avx2) echo "DOTNET_EnableAVX512=0" ;;
    sse) echo "DOTNET_EnableAVX2=0" ;;
    scalar) echo "DOTNET_EnableHWIntrinsic=0" ;;
    *) echo "unknown level: $1" >&2; exit 2 ;;
  esac
}

if [[ $build == 1 ]]; then
  for c in $configs; do
    for p in "${projects[@]}"; do dotnet build "$p" -c "$c" -warnaserror -nologo -v q; done
  done
fi

log_dir="$(mktemp -d)"
trap 'rm -rf "$log_dir"' EXIT
summary=()
total_passed=0 total_failed=0 total_skipped=0 status=0
start_all=$SECONDS
for c in $configs; do
  for level in $levels; do
    vars="$(level_env "$level")"
    for p in "${projects[@]}"; do
      name="$(basename "$p" .csproj)"
      log="$log_dir/$name-$c-$level.log"
      start=$SECONDS
      echo "=== $name  $c  $level ${vars:+($vars)}"
      rc=0
      # The level's variable is set for the test host only: `dotnet test` passes its environment on.
      env $vars dotnet test "$p" -c "$c" --no-build --nologo --logger "console;verbosity=detailed" \
        --blame-hang-timeout "$hang_timeout" --blame-hang-dump-type none \
        > "$log" 2>&1 || rc=$?
      secs=$((SECONDS - start))
      count() { grep -E "^ +$1: +[0-9]+\$" "$log" | tail -1 | grep -oE '[0-9]+' || echo 0; }
      pa=$(count Passed) f=$(count Failed) sk=$(count Skipped)
      if [[ $rc != 0 || $pa == 0 ]]; then
        status=1
        grep -vE '^ +Passed |^\[xUnit.net' "$log" || true
      fi
      # Skipped tests with their reasons, so that what a level leaves untested shows.
      awk '/^  Skipped /{t=$0; sub(/^  Skipped /, "", t); sub(/ \[[^]]*\]$/, "", t)} t && /^  Error Message:/{getline r; sub(/^ +/, "", r); print "    skipped " t ": " r; t=""}' "$log"
      total_passed=$((total_passed + pa)) total_failed=$((total_failed + f)) total_skipped=$((total_skipped + sk))
      [[ $rc != 0 && $f == 0 ]] && total_failed=$((total_failed + 1))
      summary+=("$(printf '%-20s %-8s %-7s %5s passed %3s failed %3s skipped %5ss  rc=%s' "$name" "$c" "$level" "$pa" "$f" "$sk" "$secs" "$rc")")
      echo "${summary[-1]}"
    done
  done
done

echo
echo "Instruction-set levels (hang timeout $hang_timeout), $((SECONDS - start_all)) s:"
printf '  %s\n' "${summary[@]}"
echo "isa-levels: $total_passed passed, $total_failed failed, $total_skipped skipped"
exit $status
