#!/usr/bin/env bash
# CI: publishes samples/Lab1 with NativeAOT (linux-x64; warnings are errors, so the core, Keras and the lab's plot
# must stay trim- and AOT-clean), runs the native binary and requires all its checks to pass and its output to equal
# the JIT build's line for line (paths aside); prints the binary's size and one start-to-exit time.
# Installs the NativeAOT prerequisites first (scripts/install-aot-deps.sh: clang, lld, zlib1g-dev).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bash scripts/install-aot-deps.sh
pub=$(mktemp -d); run=$(mktemp -d)
trap 'rm -rf "$pub" "$run"' EXIT
dotnet publish samples/Lab1 -c Release -r linux-x64 -p:PublishAot=true -o "$pub" -nologo -v q
aot=$(cd "$run" && "$pub/Lab1") || { echo "FAIL: the NativeAOT Lab1 exited non-zero"; echo "$aot"; exit 1; }
echo "$aot"
[[ "$(tail -n 1 <<<"$aot")" == "All checks passed." ]] || { echo "FAIL: the NativeAOT Lab1's last line"; exit 1; }
jit=$(cd "$run" && dotnet run -c Release --project "$OLDPWD/samples/Lab1") || { echo "FAIL: the JIT Lab1"; exit 1; }
if ! diff <(sed "s|$run|RUN|g" <<<"$jit") <(sed "s|$run|RUN|g" <<<"$aot"); then
  echo "FAIL: the NativeAOT Lab1 prints otherwise than the JIT build"; exit 1
fi
start=$(date +%s%N); (cd "$run" && "$pub/Lab1" >/dev/null); end=$(date +%s%N)
echo "NativeAOT Lab1: $(stat -c %s "$pub/Lab1") bytes, one run $(( (end - start) / 1000000 )) ms; same output as the JIT build"
