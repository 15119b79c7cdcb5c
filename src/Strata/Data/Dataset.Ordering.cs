using Strata.Kernels;

namespace Strata.Data;

public partial class Dataset<T>
{
    /// <summary><c>take(count)</c>: the first <paramref name="count"/> elements (all of them for −1).</summary>
    public Dataset<T> Take(long count)
    {
        if (count < -1) throw new InvalidArgumentError($"Take: count must be >= -1, got {count}.");
        if (count == -1) return this;
        long card = Cardinality == tf.data.INFINITE_CARDINALITY ? count : Cardinality >= 0 ? Math.Min(count, Cardinality) : tf.data.UNKNOWN_CARDINALITY;
        return new Dataset<T>(() => TakeLong(this, count), card);
    }

    private static IEnumerable<T> TakeLong(IEnumerable<T> source, long count)
    {
        if (count == 0) yield break;
        long i = 0;
        foreach (var e in source)
        {
            yield return e;
            if (++i == count) yield break;
        }
    }

    /// <summary><c>skip(count)</c>: all but the first <paramref name="count"/> elements (none for −1).</summary>
    public Dataset<T> Skip(long count)
    {
        if (count < -1) throw new InvalidArgumentError($"Skip: count must be >= -1, got {count}.");
        if (count == -1) return new Dataset<T>(() => Array.Empty<T>(), 0);
        long card = Cardinality >= 0 ? Math.Max(0, Cardinality - count) : Cardinality;
        return new Dataset<T>(() => SkipLong(this, count), card);
    }

    private static IEnumerable<T> SkipLong(IEnumerable<T> source, long count)
    {
        long i = 0;
        foreach (var e in source)
            if (i++ >= count) yield return e;
    }

    /// <summary><c>repeat(count)</c>: the dataset <paramref name="count"/> times over (forever when null or −1),
    /// each pass a fresh iteration (so a Shuffle before it reshuffles).</summary>
    public Dataset<T> Repeat(long? count = null)
    {
        long times = count ?? -1;
        if (times < -1) throw new InvalidArgumentError($"Repeat: count must be >= -1, got {times}.");
        long card = times == -1 ? (Cardinality == 0 ? 0 : tf.data.INFINITE_CARDINALITY)
            : Cardinality >= 0 ? Cardinality * times : Cardinality;
        return new Dataset<T>(() => RepeatPasses(times), card);
    }

    private IEnumerable<T> RepeatPasses(long times)
    {
        for (long pass = 0; times == -1 || pass < times; pass++)
        {
            bool any = false;
            foreach (var e in this) { any = true; yield return e; }
            if (!any) yield break;   // an empty dataset repeated forever is empty, not a hang
        }
    }

    /// <summary><c>concatenate</c>: this dataset's elements, then <paramref name="other"/>'s.</summary>
    public Dataset<T> Concatenate(Dataset<T> other)
    {
        Guard.NotNull(other, "Concatenate", "other");
        long card = Cardinality == tf.data.INFINITE_CARDINALITY || other.Cardinality == tf.data.INFINITE_CARDINALITY ? tf.data.INFINITE_CARDINALITY
            : Cardinality >= 0 && other.Cardinality >= 0 ? Cardinality + other.Cardinality : tf.data.UNKNOWN_CARDINALITY;
        return new Dataset<T>(() => Enumerable.Concat(this, other), card);
    }

    /// <summary><c>Dataset.zip((this, other))</c>: pairs, as long as the shorter dataset.</summary>
    public Dataset<(T, TOther)> Zip<TOther>(Dataset<TOther> other)
    {
        Guard.NotNull(other, "Zip", "other");
        long card = (Cardinality, other.Cardinality) switch
        {
            (tf.data.INFINITE_CARDINALITY, var b) => b,
            (var a, tf.data.INFINITE_CARDINALITY) => a,
            (>= 0 and var a, >= 0 and var b) => Math.Min(a, b),
            _ => tf.data.UNKNOWN_CARDINALITY,
        };
        return new Dataset<(T, TOther)>(() => Enumerable.Zip(this, other, (a, b) => (a, b)), card);
    }

    /// <summary><c>flat_map</c>: the elements of the dataset <paramref name="fn"/> makes of each element, in order.</summary>
    public Dataset<TOut> FlatMap<TOut>(Func<T, Dataset<TOut>> fn)
    {
        Guard.NotNull(fn, "FlatMap", "fn");
        return new Dataset<TOut>(() => this.SelectMany(e => (IEnumerable<TOut>)fn(e)), tf.data.UNKNOWN_CARDINALITY);
    }

    /// <summary>
    /// <c>interleave</c>: <paramref name="cycleLength"/> of the datasets <paramref name="fn"/> makes are open at once;
    /// <paramref name="blockLength"/> elements are taken from each in turn, and an exhausted one is replaced by the
    /// next input element's dataset (TensorFlow's order).
    /// </summary>
    public Dataset<TOut> Interleave<TOut>(Func<T, Dataset<TOut>> fn, int? cycleLength = null, int blockLength = 1)
    {
        Guard.NotNull(fn, "Interleave", "fn");
        int cycle = cycleLength switch
        {
            null or tf.data.AUTOTUNE => Math.Max(1, Environment.ProcessorCount),
            > 0 => cycleLength.Value,
            _ => throw new InvalidArgumentError($"Interleave: cycleLength must be positive or tf.data.AUTOTUNE, got {cycleLength}."),
        };
        if (blockLength <= 0) throw new InvalidArgumentError($"Interleave: blockLength must be positive, got {blockLength}.");
        return new Dataset<TOut>(() => InterleaveElements(fn, cycle, blockLength), tf.data.UNKNOWN_CARDINALITY);
    }

    private IEnumerable<TOut> InterleaveElements<TOut>(Func<T, Dataset<TOut>> fn, int cycle, int block)
    {
        using var inputs = GetEnumerator();
        var open = new IEnumerator<TOut>?[cycle];
        bool inputsLeft = true;
        IEnumerator<TOut>? OpenNext()
        {
            if (!inputsLeft || !inputs.MoveNext()) { inputsLeft = false; return null; }
            return fn(inputs.Current).GetEnumerator();
        }
        try
        {
            for (int i = 0; i < cycle; i++) open[i] = OpenNext();
            while (open.Any(e => e is not null))
            {
                for (int i = 0; i < cycle; i++)
                {
                    for (int taken = 0; taken < block && open[i] is { } current; taken++)
                    {
                        if (current.MoveNext()) { yield return current.Current; continue; }
                        current.Dispose();
                        open[i] = OpenNext();
                        // TensorFlow moves on to the next slot after refilling this one.
                        break;
                    }
                }
            }
        }
        finally
        {
            foreach (var e in open) e?.Dispose();
        }
    }

    /// <summary>
    /// <c>shuffle</c>: elements drawn at random from a buffer of <paramref name="bufferSize"/> that refills from the
    /// input (a buffer as large as the dataset shuffles it fully). With a seed (or after tf.random.SetSeed) the order
    /// is reproducible; with <paramref name="reshuffleEachIteration"/> each iteration (epoch) draws a new order.
    /// </summary>
    public Dataset<T> Shuffle(long bufferSize, long? seed = null, bool reshuffleEachIteration = true)
    {
        if (bufferSize <= 0) throw new InvalidArgumentError($"Shuffle: bufferSize must be positive, got {bufferSize}.");
        var seeds = tf.random.SeedPairFor(seed);
        long baseSeed = seeds is { } p ? p.Seed * 1_000_003 + p.Seed2 : System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue);
        long iteration = 0;
        Random NextPass() => new(PassSeed(baseSeed, reshuffleEachIteration ? Interlocked.Increment(ref iteration) - 1 : 0));
        if (!Packable) return new Dataset<T>(() => ShuffleReferences(bufferSize, NextPass()), Cardinality);
        var recycled = new RecycledArrays(Math.Min(bufferSize, 1L << 20) * 2);   // the slots of one pass (two components at most)
        return new Dataset<T>(() => ShufflePacked(bufferSize, NextPass(), recycled), Cardinality,
            (batchSize, dropRemainder) => ShufflePackedBatches(bufferSize, NextPass(), recycled, batchSize, dropRemainder));
    }

    /// <summary>Elements whose structure their type fixes (a tensor, an (x, y) pair): Shuffle keeps their data in
    /// <see cref="PackedSlots"/> and can batch them itself.</summary>
    private static bool Packable => typeof(T) == typeof(Tensor) || typeof(T) == typeof((Tensor, Tensor));

    /// <summary>The seed of one pass: the same in every process for the same seed and pass (HashCode.Combine is
    /// randomised per process, so a seeded order would not repeat across runs or agree across MPI ranks): SplitMix64's
    /// finaliser over the two.</summary>
    private static int PassSeed(long baseSeed, long pass)
    {
        ulong z = unchecked((ulong)baseSeed * 0x9E3779B97F4A7C15UL + (ulong)pass);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)(z ^ (z >> 31));
    }

    /// <summary>A packed shuffle's buffer: its slots (made with the first element) and that element, the template the
    /// drawn elements are packed like.</summary>
    private sealed class PackedBuffer
    {
        public PackedSlots? Slots;
        public T Template = default!;
    }

    /// <summary>
    /// The slots a shuffle of <see cref="Packable"/> elements draws, in order, with the buffered elements' data in
    /// <see cref="PackedSlots"/> rather than kept alive as tensors (see there why): the same draws as
    /// <see cref="ShuffleReferences"/>, so the same order. A yielded slot holds the drawn element until the caller moves
    /// on; then the slot takes the next input element (or, once the input ends, the last slot's).
    /// </summary>
    private IEnumerable<int> PackedDraws(long bufferSize, Random rng, PackedBuffer buffer, RecycledArrays recycled)
    {
        foreach (var e in this)
        {
            var flat = Structure.Flatten(e, "Shuffle");
            if (buffer.Slots is null) (buffer.Slots, buffer.Template) = (new PackedSlots(flat.Count, recycled), e);
            var slots = buffer.Slots;
            if (slots.Count < bufferSize) { slots.Add(flat); continue; }
            int k = rng.Next(slots.Count);
            yield return k;
            slots.Write(k, flat);
        }
        while (buffer.Slots is { Count: > 0 } left)
        {
            int k = rng.Next(left.Count);
            yield return k;
            left.RemoveByMovingLast(k);
        }
    }

    private IEnumerable<T> ShufflePacked(long bufferSize, Random rng, RecycledArrays recycled)
    {
        var buffer = new PackedBuffer();
        Tensor[]? parts = null;
        foreach (int k in PackedDraws(bufferSize, rng, buffer, recycled))
        {
            parts ??= new Tensor[buffer.Slots!.Components];
            buffer.Slots!.Read(k, parts);
            yield return Structure.Pack(buffer.Template, parts);
        }
    }

    /// <summary>Shuffle → Batch fused: Batch's batches of the packed shuffle's order, each drawn element copied from its
    /// slot straight into its row of the batch (no tensor per element on the way out).</summary>
    private IEnumerable<T> ShufflePackedBatches(long bufferSize, Random rng, RecycledArrays recycled, int size, bool dropRemainder)
    {
        var buffer = new PackedBuffer();
        Tensor[]? batch = null;
        int rows = 0;
        foreach (int k in PackedDraws(bufferSize, rng, buffer, recycled))
        {
            batch ??= buffer.Slots!.NewBatch(k, size);
            buffer.Slots!.CopyRow(k, batch, rows++);
            if (rows < size) continue;
            yield return Structure.Pack(buffer.Template, batch);
            (batch, rows) = (null, 0);
        }
        // The last, smaller batch (Batch's remainder), unless dropped.
        if (batch is not null && !dropRemainder) yield return Structure.Pack(buffer.Template, PackedSlots.FirstRows(batch, rows));
    }

    private IEnumerable<T> ShuffleReferences(long bufferSize, Random rng)
    {
        var buffer = new List<T>((int)Math.Min(bufferSize, 1 << 16));
        foreach (var e in this)
        {
            if (buffer.Count < bufferSize) { buffer.Add(e); continue; }
            int k = rng.Next(buffer.Count);
            yield return buffer[k];
            buffer[k] = e;
        }
        while (buffer.Count > 0)
        {
            int k = rng.Next(buffer.Count);
            yield return buffer[k];
            buffer[k] = buffer[^1];
            buffer.RemoveAt(buffer.Count - 1);
        }
    }
}
