#!/usr/bin/env bash
# CI: trains the Fashion-MNIST tutorial MLP for one epoch on the real data and fails unless the
# test accuracy is >= 0.80 (tests/FashionMnistCheck). Needs the data set: scripts/install-fashion-mnist.sh.
# Release build, because a Debug build of the kernels is several times slower.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/FashionMnistCheck -c Release -v q -nologo
exec timeout 600 dotnet tests/FashionMnistCheck/bin/Release/net10.0/FashionMnistCheck.dll
