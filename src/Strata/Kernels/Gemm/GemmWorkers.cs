using System.Diagnostics;

namespace Strata.Kernels;

/// <summary>
/// Helper threads for multi-threaded GEMM calls. Each waits for work by spinning briefly after its last job
/// (as OpenMP runtimes do), then sleeps: back-to-back products, the common case in a training loop, start on a
/// running thread instead of waking one, which costs tens of microseconds, as much as a small product takes.
/// A job is an <see cref="IThreadPoolWorkItem"/> that claims its own pieces of work, so a helper that starts
/// late, or not at all, only leaves more for the caller. When every helper is busy (concurrent callers),
/// the job goes to the .NET thread pool instead.
/// </summary>
internal static class GemmWorkers
{
    /// <summary>How long an idle helper spins for the next job before it sleeps.</summary>
    internal static double SpinMicroseconds = 100;

    private static Worker[] s_workers = [];
    private static readonly Lock s_growLock = new();

    /// <summary>Offers <paramref name="job"/> to <paramref name="helpers"/> helper threads.</summary>
    public static void Dispatch(IThreadPoolWorkItem job, int helpers)
    {
        if (helpers <= 0) return;
        var workers = s_workers;
        if (workers.Length < helpers) workers = Grow(helpers);
        for (int i = 0; i < helpers; i++)
        {
            if (!workers[i].TryGive(job))
                ThreadPool.UnsafeQueueUserWorkItem(job, preferLocal: false);
        }
    }

    private static Worker[] Grow(int count)
    {
        lock (s_growLock)
        {
            var old = s_workers;
            if (old.Length >= count) return old;
            var grown = new Worker[count];
            Array.Copy(old, grown, old.Length);
            for (int i = old.Length; i < count; i++) grown[i] = new Worker(i);
            s_workers = grown;
            return grown;
        }
    }

    private sealed class Worker
    {
        private IThreadPoolWorkItem? _job;
        private int _sleeping;                       // 1 while blocked (or about to block) on _wake
        private readonly SemaphoreSlim _wake = new(0);

        public Worker(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"Strata GEMM helper {index}" };
            thread.Start();
        }

        public bool TryGive(IThreadPoolWorkItem job)
        {
            if (Interlocked.CompareExchange(ref _job, job, null) is not null) return false;   // busy
            // Full fence (Interlocked) before reading _sleeping; the worker fences before re-reading _job.
            if (Interlocked.CompareExchange(ref _sleeping, 0, 1) == 1) _wake.Release();
            return true;
        }

        private void Loop()
        {
            long spinTicks;
            int spins = 0;
            long idleSince = Stopwatch.GetTimestamp();
            while (true)
            {
                var job = Volatile.Read(ref _job);
                if (job is not null)
                {
                    try { job.Execute(); }
                    catch { /* jobs record their own failures for the caller */ }
                    Volatile.Write(ref _job, null);
                    idleSince = Stopwatch.GetTimestamp();
                    continue;
                }
                spinTicks = (long)(SpinMicroseconds * Stopwatch.Frequency / 1e6);
                if (Stopwatch.GetTimestamp() - idleSince < spinTicks)
                {
                    // Spin, but let another runnable thread have the core (the machine may be shared).
                    if (++spins % 64 == 0) Thread.Yield();
                    else Thread.SpinWait(20);
                    continue;
                }
                Interlocked.Exchange(ref _sleeping, 1);
                if (Volatile.Read(ref _job) is not null)
                {
                    // A job arrived between the check and the flag: whoever clears the flag releases once.
                    if (Interlocked.CompareExchange(ref _sleeping, 0, 1) == 1) continue;
                }
                _wake.Wait();
                idleSince = Stopwatch.GetTimestamp();
            }
        }
    }
}
