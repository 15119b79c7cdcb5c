using System.Collections.Concurrent;

namespace Strata.Kernels;

/// <summary>
/// Recycles large float32 buffers (the .NET large-object heap starts at 85,000 bytes, and it is only collected
/// by full GCs: a training loop that allocates a weight-sized gradient per step grows the process by hundreds of
/// MiB before the GC looks). <see cref="Tensor.AllocBuffer"/> rents from here; only code that knows for certain
/// that a tensor is dead gives its buffer back (Keras's Fit, after a step, for the gradients and the batch it
/// made itself). Tensors never return buffers on their own, so user code cannot be surprised.
/// </summary>
internal static class BufferPool
{
    /// <summary>Float buffers from this many elements up (64 KiB) are pooled; smaller ones are cheap gen-0 garbage.</summary>
    public const int MinElements = 16 * 1024;

    /// <summary>At most this many idle buffers are kept per size.</summary>
    private const int MaxPerSize = 8;

    private static readonly ConcurrentDictionary<int, ConcurrentBag<float[]>> Idle = new();

    /// <summary>A float buffer of exactly <paramref name="length"/> elements with unspecified contents.</summary>
    public static float[] RentFloat(int length)
    {
        if (length >= MinElements && Idle.TryGetValue(length, out var bag) && bag.TryTake(out var buffer)) return buffer;
        return GC.AllocateUninitializedArray<float>(length);
    }

    /// <summary>
    /// Gives back the buffers of tensors the caller knows nothing will read again. Variables are skipped, and a
    /// buffer shared by several of the tensors (a reshape) is returned once.
    /// </summary>
    public static void Return(IEnumerable<Tensor?> deadTensors)
    {
        HashSet<float[]>? seen = null;
        foreach (var t in deadTensors)
        {
            if (t is null or Variable || t.Buffer is not float[] { Length: >= MinElements } buffer) continue;
            if (!(seen ??= new(ReferenceEqualityComparer.Instance)).Add(buffer)) continue;
            var bag = Idle.GetOrAdd(buffer.Length, static _ => new ConcurrentBag<float[]>());
            if (bag.Count < MaxPerSize) bag.Add(buffer);
        }
    }
}
