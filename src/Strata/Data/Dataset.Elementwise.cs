namespace Strata.Data;

public partial class Dataset<T>
{
    /// <summary>
    /// <c>map</c>: <paramref name="fn"/> applied to every element. With <paramref name="numParallelCalls"/> > 1 that
    /// many elements are mapped at once on pool threads; with <see cref="tf.data.AUTOTUNE"/> the first elements are
    /// mapped inline and timed, and the rest go to the pool threads (as many as cores) only if an element takes long
    /// enough to pay for the hand-off (<see cref="AutotuneParallelSeconds"/>). With <paramref name="deterministic"/>
    /// (the default) the output keeps the input's order either way.
    /// </summary>
    public Dataset<TOut> Map<TOut>(Func<T, TOut> fn, int? numParallelCalls = null, bool deterministic = true)
    {
        Guard.NotNull(fn, "Map", "fn");
        int parallel = numParallelCalls switch
        {
            null => 1,
            tf.data.AUTOTUNE => Math.Max(1, Environment.ProcessorCount),
            > 0 => numParallelCalls.Value,
            _ => throw new InvalidArgumentError($"Map: numParallelCalls must be positive or tf.data.AUTOTUNE, got {numParallelCalls}."),
        };
        if (parallel == 1) return new Dataset<TOut>(() => this.Select(fn), Cardinality);
        if (numParallelCalls == tf.data.AUTOTUNE) return new Dataset<TOut>(() => AutotunedMap(this, fn, parallel, deterministic), Cardinality);
        return new Dataset<TOut>(() => ParallelMap(this, fn, parallel, deterministic), Cardinality);
    }

    /// <summary>An element must take this long to map for AUTOTUNE to send the elements to pool threads. Below it the
    /// hand-offs cost more than they save: a cast and a scale of a 28×28 image (~0.75 µs) took 0.23 s an epoch on 2
    /// cores through the pool against 0.045 s inline.</summary>
    internal const double AutotuneParallelSeconds = 20e-6;

    private const int AutotuneProbe = 64;

    /// <summary>AUTOTUNE's map: the first <see cref="AutotuneProbe"/> elements inline, each timed; then inline or on pool
    /// threads by their median time (not the mean: the first calls compile, and a collection may land in one).</summary>
    private static IEnumerable<TOut> AutotunedMap<TOut>(IEnumerable<T> source, Func<T, TOut> fn, int parallel, bool deterministic)
    {
        using var elements = source.GetEnumerator();
        var ticks = new long[AutotuneProbe];
        int probed = 0;
        while (probed < AutotuneProbe && elements.MoveNext())
        {
            long start = System.Diagnostics.Stopwatch.GetTimestamp();   // fn alone: not the consumer's work between elements
            var mapped = fn(elements.Current);
            ticks[probed++] = System.Diagnostics.Stopwatch.GetTimestamp() - start;
            yield return mapped;
        }
        if (probed < AutotuneProbe) yield break;
        Array.Sort(ticks);
        double median = (double)ticks[AutotuneProbe / 2] / System.Diagnostics.Stopwatch.Frequency;
        var rest = Remaining(elements);
        var others = median < AutotuneParallelSeconds ? rest.Select(fn) : ParallelMap(rest, fn, parallel, deterministic);
        foreach (var e in others) yield return e;
    }

    private static IEnumerable<T> Remaining(IEnumerator<T> elements)
    {
        while (elements.MoveNext()) yield return elements.Current;
    }

    /// <summary>Elements mapped <see cref="MapChunk"/> at a time on pool threads, at most <paramref name="parallel"/> chunks
    /// in flight: one task per element cost more than a small map itself (a cast and a scale of a 28×28 image).</summary>
    private static IEnumerable<TOut> ParallelMap<TOut>(IEnumerable<T> source, Func<T, TOut> fn, int parallel, bool deterministic)
    {
        var inFlight = new LinkedList<Task<TOut[]>>();
        var chunk = new List<T>(MapChunk);
        foreach (var element in source)
        {
            chunk.Add(element);
            if (chunk.Count < MapChunk) continue;
            inFlight.AddLast(Start(chunk.ToArray(), fn));
            chunk.Clear();
            if (inFlight.Count < parallel) continue;
            foreach (var r in Next(inFlight, deterministic)) yield return r;
        }
        if (chunk.Count > 0) inFlight.AddLast(Start(chunk.ToArray(), fn));
        while (inFlight.Count > 0)
            foreach (var r in Next(inFlight, deterministic)) yield return r;
    }

    private const int MapChunk = 32;

    private static Task<TOut[]> Start<TOut>(T[] items, Func<T, TOut> fn) => Task.Run(() => Array.ConvertAll(items, e => fn(e)));

    private static TOut[] Next<TOut>(LinkedList<Task<TOut[]>> inFlight, bool deterministic)
    {
        var task = deterministic ? inFlight.First!.Value : Task.WhenAny(inFlight).GetAwaiter().GetResult();
        inFlight.Remove(task);
        return task.GetAwaiter().GetResult();   // rethrows fn's own exception, not an AggregateException
    }

    /// <summary><c>filter</c>: the elements for which <paramref name="predicate"/> is true (a bool or a scalar bool tensor).</summary>
    public Dataset<T> Filter(Func<T, bool> predicate)
    {
        Guard.NotNull(predicate, "Filter", "predicate");
        return new Dataset<T>(() => this.Where(predicate), Cardinality == tf.data.INFINITE_CARDINALITY ? Cardinality : tf.data.UNKNOWN_CARDINALITY);
    }

    /// <summary><c>filter</c> with a predicate that returns a scalar bool tensor, as TensorFlow's do.</summary>
    public Dataset<T> Filter(Func<T, Tensor> predicate)
    {
        Guard.NotNull(predicate, "Filter", "predicate");
        return Filter(e => ScalarBool(predicate(e), "Filter"));
    }

    /// <summary><c>take_while</c>: elements up to (not including) the first for which <paramref name="predicate"/> is false.</summary>
    public Dataset<T> TakeWhile(Func<T, bool> predicate)
    {
        Guard.NotNull(predicate, "TakeWhile", "predicate");
        return new Dataset<T>(() => Enumerable.TakeWhile(this, predicate), tf.data.UNKNOWN_CARDINALITY);
    }

    /// <summary><c>take_while</c> with a predicate that returns a scalar bool tensor, as TensorFlow's do: elements up to
    /// (not including) the first for which it is false.</summary>
    public Dataset<T> TakeWhile(Func<T, Tensor> predicate)
    {
        Guard.NotNull(predicate, "TakeWhile", "predicate");
        return TakeWhile(e => ScalarBool(predicate(e), "TakeWhile"));
    }

    /// <summary><c>enumerate</c>: (index as an int64 scalar, element) pairs, counting from <paramref name="start"/>.</summary>
    public Dataset<(Tensor Index, T Element)> Enumerate(long start = 0) =>
        new(() => this.Select((e, i) => (tf.Constant(start + i), e)), Cardinality);

    private static bool ScalarBool(Tensor t, string op)
    {
        if (t is null || t.DType != DType.Bool || t.Size != 1 || t.Rank != 0)
            throw new InvalidArgumentError($"{op}: the predicate must return a scalar bool tensor, got {(t is null ? "null" : $"{t.DType.Name()} with shape {t.Shape}")}.");
        return t.Item<bool>();
    }
}
