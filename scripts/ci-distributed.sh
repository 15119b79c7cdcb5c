#!/usr/bin/env bash
# CI: trains samples/DistributedFashionMnist's MLP for one epoch on 2 MPI processes over loopback (Open MPI, installed by
# scripts/install-mpi.sh) and requires the chief's "Test accuracy" line to reach 0.80. The multi-process tests
# (equivalence, failures, MPICH) run in `dotnet test` (tests/Strata.Distributed.Tests).
set -euo pipefail
cd "$(dirname "$0")/.."
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 TERM=dumb
dotnet build -c Release samples/DistributedFashionMnist -v q -nologo >/dev/null
log=$(mktemp)
timeout 600 mpirun -np 2 dotnet samples/DistributedFashionMnist/bin/Release/net10.0/DistributedFashionMnist.dll --epochs 1 >"$log" 2>&1 || {
  cat "$log"; echo "!!! the 2-process training failed"; exit 1; }
line=$(grep -E '^Test accuracy: ' "$log" | tail -1)
echo "2 processes: ${line:-no Test accuracy line}"
acc=${line#Test accuracy: }
awk -v a="${acc:-0}" 'BEGIN { exit !(a >= 0.80) }' || { cat "$log"; echo "!!! accuracy ${acc:-none} < 0.80"; exit 1; }
