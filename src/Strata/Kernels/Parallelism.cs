namespace Strata.Kernels;

/// <summary>How many threads Strata's kernels may use (GEMM tiles, large elementwise ops).
/// Set through <c>tf.config.SetNumThreads</c>; defaults to the machine's core count.</summary>
internal static class Parallelism
{
    private static int _maxThreads = Environment.ProcessorCount;

    public static int MaxThreads
    {
        get => _maxThreads;
        set => _maxThreads = value < 1 ? throw new InvalidArgumentError($"SetNumThreads: thread count must be >= 1, got {value}.") : value;
    }
}
