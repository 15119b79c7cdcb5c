#!/usr/bin/env bash
# CI: packs Strata, Strata.Keras, Strata.Datasets, Strata.Plot, Strata.Distributed and Strata.Onnx (README, license, XML docs, symbols), checks that
# Strata + Strata.Keras stay under 2 MB together, then builds samples/PackageConsumer against those packages from a
# local folder feed (a fresh packages folder, so no stale copy of the same version is used), runs it, and checks that
# its bin/ stays under 5 MB and that its runtimeconfig.json has the runtime settings Strata.Keras's build file gives
# executables (the GC thresholds, the tiering delay).
set -euo pipefail
cd "$(dirname "$0")/.."
out=out/packages
rm -rf "$out" out/package-consumer
for p in Strata Strata.Keras Strata.Datasets Strata.Plot Strata.Distributed Strata.Onnx; do
  dotnet pack "src/$p" -c Release -o "$out" -v q -nologo
done
ls -l "$out"
core_bytes=$(( $(stat -c %s "$out"/Strata.0.1.0.nupkg) + $(stat -c %s "$out"/Strata.Keras.0.1.0.nupkg) ))
echo "Strata + Strata.Keras packages: $core_bytes bytes"
if (( core_bytes >= 2 * 1024 * 1024 )); then echo "FAIL: the core packages are 2 MB or more"; exit 1; fi

dotnet build samples/PackageConsumer -c Release -v q -nologo \
  --packages out/package-consumer/packages -o out/package-consumer/bin
dotnet out/package-consumer/bin/PackageConsumer.dll
bin_bytes=$(du -sb out/package-consumer/bin | cut -f1)
echo "PackageConsumer bin/: $bin_bytes bytes"
if (( bin_bytes >= 5 * 1024 * 1024 )); then echo "FAIL: the consumer's bin/ is 5 MB or more"; exit 1; fi
config=out/package-consumer/bin/PackageConsumer.runtimeconfig.json
for setting in '"System.GC.LOHThreshold": 33554432' '"System.GC.RegionSize": 33554432' \
               '"System.Runtime.TieredCompilation.CallCountingDelayMs": 0'; do
  if ! grep -qF "$setting" "$config"; then echo "FAIL: $config lacks $setting (Strata.Keras's buildTransitive targets)"; exit 1; fi
done
echo "PASS: packages build, a consumer restores and runs them"
