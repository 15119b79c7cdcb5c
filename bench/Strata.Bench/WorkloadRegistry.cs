using Strata.Bench.Workloads;

namespace Strata.Bench;

/// <summary>Every workload the bench knows, in the order "all" runs them.</summary>
internal static class WorkloadRegistry
{
    public static readonly IReadOnlyList<IWorkload> All =
    [
        new PeakWorkload(),
        new MatMulWorkload(128),
        new MatMulWorkload(256),
        new MatMulWorkload(512),
        new MatMulWorkload(1024),
        new MatMulWorkload(2048),
    ];
}
