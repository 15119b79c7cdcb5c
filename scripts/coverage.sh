#!/usr/bin/env bash
# Line and branch coverage of src/Strata and src/Strata.Keras by the engine and Keras tests (coverlet.collector,
# Cobertura), merged over both test projects and printed; the reports stay under out/coverage/. Debug build.
# Prints figures only: it fails only if the tests or the tools fail.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out=out/coverage
rm -rf "$out"
mkdir -p "$out"
for p in tests/Strata.Tests tests/Strata.Keras.Tests; do
  dotnet test "$p" -c Debug --nologo -v q --settings tests/coverage.runsettings --collect "XPlat Code Coverage" \
    --results-directory "$out/$(basename "$p")" --blame-hang-timeout 5m --blame-hang-dump-type none
done
mapfile -t reports < <(find "$out" -name coverage.cobertura.xml)
dotnet run scripts/coverage-summary.cs -- "$PWD" "${reports[@]}"
