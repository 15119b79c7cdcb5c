#!/usr/bin/env bash
# CI: samples/KerasInterop on the three real Keras files of ../shared/fixtures/keras (STRATA_SHARED overrides ../shared):
# each must print the test accuracy an independent NumPy forward pass gives its weights, and export to ONNX; Debian's
# python3-onnx checker (when /usr/bin/python3 has it) must accept the exported files. Needs Fashion-MNIST
# (scripts/install-fashion-mnist.sh). Skips, and says so, when the fixtures are absent.
set -euo pipefail
cd "$(dirname "$0")/.."
fixtures="${STRATA_SHARED:-../shared}/fixtures/keras"
if [[ ! -d $fixtures ]]; then echo "SKIP: $fixtures not present"; exit 0; fi
out=out/keras-interop
rm -rf "$out" && mkdir -p "$out"
dotnet build samples/KerasInterop -c Release -warnaserror -v q -nologo
status=0
for pair in fashion_mlp_keras2.h5:0.8751 fashion_mlp_keras3.keras:0.8933 fashion_cnn_keras3.h5:0.8921; do
  file=${pair%%:*} expected=${pair##*:}
  line=$(dotnet run -c Release --no-build --project samples/KerasInterop -- "$fixtures/$file" --export-onnx "$out/${file%%.*}.onnx" | tail -1)
  echo "$file: $line (NumPy: $expected)"
  if [[ $line != "Test accuracy: $expected" ]]; then echo "FAIL: $file"; status=1; fi
done
if /usr/bin/python3 -c "import onnx" 2>/dev/null; then
  /usr/bin/python3 - "$out"/*.onnx <<'PY'
import sys, onnx
for path in sys.argv[1:]:
    onnx.checker.check_model(onnx.load(path), full_check=True)
    print(f"onnx.checker accepts {path}")
PY
else
  echo "python3-onnx is not installed for /usr/bin/python3: the ONNX checker step is skipped"
fi
if [[ $status == 0 ]]; then echo "PASS: the Keras fixtures load, reach their accuracy and export to ONNX"; fi
exit $status
