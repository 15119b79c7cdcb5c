using Strata.Kernels;

namespace Strata.Tests.Kernels;

public class ParallelismTests
{
    [Theory]
    [InlineData(0, 16)]
    [InlineData(1, 16)]
    [InlineData(1000, 16)]
    [InlineData(100_003, 1024)]
    [InlineData(37, 1)]
    public void ForRangesCoversEveryIndexOnce(int n, int minPerThread)
    {
        var hits = new int[n];
        Parallelism.ForRanges(n, minPerThread, (start, end) =>
        {
            for (int i = start; i < end; i++) Interlocked.Increment(ref hits[i]);
        });
        Assert.All(hits, h => Assert.Equal(1, h));
    }

    [Fact]
    public void ForRangesRethrowsAFailureOfAnyRange()
    {
        const int n = 1 << 16;
        var e = Assert.Throws<InvalidOperationException>(() => Parallelism.ForRanges(n, 16, (_, end) =>
        {
            if (end == n) throw new InvalidOperationException("range failed");   // the last range, on whichever thread
        }));
        Assert.Equal("range failed", e.Message);
    }

    [Fact]
    public void ForRangesRunsOnTheCallerAloneWhenTheItemsAreFew()
    {
        int caller = Environment.CurrentManagedThreadId, other = 0;
        Parallelism.ForRanges(100, 64, (_, _) => { if (Environment.CurrentManagedThreadId != caller) other++; });
        Assert.Equal(0, other);
    }
}
