using System.Collections.Concurrent;

namespace Strata.Kernels;

/// <summary>Arrays of one size and dtype kept for reuse (at most <paramref name="capacity"/> in all), shared by the passes
/// of one Shuffle dataset, which may run on several threads at once.</summary>
internal sealed class RecycledArrays(long capacity)
{
    private readonly ConcurrentDictionary<(DType, int), ConcurrentBag<Array>> _bags = new();
    private long _count;

    /// <summary>A kept array of <paramref name="size"/> elements of <paramref name="dtype"/> (contents unspecified), or null.</summary>
    public Array? Take(DType dtype, int size)
    {
        if (!_bags.TryGetValue((dtype, size), out var bag) || !bag.TryTake(out var array)) return null;
        Interlocked.Decrement(ref _count);
        return array;
    }

    /// <summary>Keeps an array nothing reads any more, unless enough are kept.</summary>
    public void Give(DType dtype, Array array)
    {
        if (Interlocked.Increment(ref _count) > capacity) { Interlocked.Decrement(ref _count); return; }
        _bags.GetOrAdd((dtype, array.Length), static _ => new()).Add(array);
    }
}
