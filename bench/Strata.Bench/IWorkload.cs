namespace Strata.Bench;

/// <summary>One benchmark: the same work done by Strata and by TorchSharp in this process.
/// Add a workload by writing one class that implements this and listing it in <see cref="WorkloadRegistry.All"/>.</summary>
internal interface IWorkload
{
    /// <summary>The name given on the command line and printed first on the result line.</summary>
    string Name { get; }

    /// <summary>True for matrix products: the machine's FMA peak is measured first and each line
    /// also reports the percentage of it that each side reaches.</summary>
    bool ReportsPeakPercent => false;

    /// <summary>What the second column measures: TorchSharp, unless a workload compares two Strata paths.</summary>
    string Peer => "torchsharp";

    WorkloadResult Run(BenchContext ctx);
}

/// <summary>What a workload measured. <see cref="Torch"/> is null where TorchSharp has no counterpart.
/// <see cref="StrataAllocBytesPerOp"/>: bytes the Strata side allocated per operation on the calling thread.</summary>
internal sealed record WorkloadResult(double Strata, double? Torch, string Unit, bool HigherIsBetter, double? StrataAllocBytesPerOp = null)
{
    /// <summary>Greater than 1 when Strata is faster: the time ratio TorchSharp/Strata for time units,
    /// the throughput ratio Strata/TorchSharp for rates.</summary>
    /// <summary>Peak working set of the process that ran each side (epoch workloads, which run a side per child).</summary>
    public double? StrataPeakMiB { get; init; }
    public double? TorchPeakMiB { get; init; }

    public double? Speedup => Torch is { } t && t > 0 && Strata > 0 ? (HigherIsBetter ? Strata / t : t / Strata) : null;
}

/// <summary>Settings for one run of the bench.</summary>
internal sealed class BenchContext
{
    public int Threads { get; init; }

    /// <summary>Peak float32 FMA throughput in GFLOP/s on <see cref="Threads"/> threads, once measured.</summary>
    public double? PeakGflops { get; set; }

    /// <summary>How long one timed sample should last, in seconds (repeat count is derived from it).</summary>
    public double SampleSeconds { get; init; } = 0.1;

    /// <summary>Timed samples per side; the median is reported.</summary>
    public int Samples { get; init; } = 7;
}
