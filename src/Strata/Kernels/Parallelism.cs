using System.Runtime.ExceptionServices;

namespace Strata.Kernels;

/// <summary>How many threads Strata's kernels may use (GEMM tiles, large elementwise ops, optimizer updates).
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
    /// The other ranges go to the GEMM's helper threads, which spin for a while after each job: right after a
    /// multi-threaded product a range starts within a microsecond; asleep, they wake as a pool thread would.
    /// </summary>
    public static void ForRanges(int n, int minPerThread, Action<int, int> body, int align = 16)
    {
        int threads = Math.Min(MaxThreads, n / Math.Max(1, minPerThread));
        if (threads <= 1) { body(0, n); return; }
        int chunk = ((n + threads - 1) / threads + align - 1) / align * align;
        var job = new RangeJob(n, (n + chunk - 1) / chunk, chunk, body);
        GemmWorkers.Dispatch(job, job.Pieces - 1);
        job.Run();
        job.Wait();
    }

    /// <summary>Ranges taken from a counter by whichever threads come (the caller included).</summary>
    private sealed class RangeJob(int n, int pieces, int chunk, Action<int, int> body) : IThreadPoolWorkItem
    {
        public readonly int Pieces = pieces;
        private int _next, _done;
        private Exception? _error;

        void IThreadPoolWorkItem.Execute() => Run();

        public void Run()
        {
            int p;
            while ((p = Interlocked.Increment(ref _next) - 1) < Pieces)
            {
                try { body(p * chunk, Math.Min(n, (p + 1) * chunk)); }
                catch (Exception e) { Interlocked.CompareExchange(ref _error, e, null); }
                finally { Interlocked.Increment(ref _done); }
            }
        }

        /// <summary>Returns once every range is done (ranges other threads took run now); rethrows a failure.</summary>
        public void Wait()
        {
            var spin = new SpinWait();
            while (Volatile.Read(ref _done) < Pieces) spin.SpinOnce(sleep1Threshold: -1);
            if (_error is { } e) ExceptionDispatchInfo.Throw(e);
        }
    }
}
