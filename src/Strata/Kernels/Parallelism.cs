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

    /// <summary>
    /// Runs body(start, end) over [0, n) cut into one contiguous range per thread, using as many threads (up to
    /// <see cref="MaxThreads"/>) as give each at least <paramref name="minPerThread"/> items; range starts are
    /// multiples of <paramref name="align"/> (16 floats: a cache line). One range: the caller runs it alone.
    /// </summary>
    public static void ForRanges(int n, int minPerThread, Action<int, int> body, int align = 16)
    {
        int threads = Math.Min(MaxThreads, n / Math.Max(1, minPerThread));
        if (threads <= 1) { body(0, n); return; }
        int chunk = ((n + threads - 1) / threads + align - 1) / align * align;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            int start = t * chunk;
            if (start < n) body(start, Math.Min(n, start + chunk));
        });
    }
}
