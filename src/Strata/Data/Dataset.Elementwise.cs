namespace Strata.Data;

public partial class Dataset<T>
{
    /// <summary>
    /// <c>map</c>: <paramref name="fn"/> applied to every element. With <paramref name="numParallelCalls"/> > 1 (or
    /// <see cref="tf.data.AUTOTUNE"/>, the core count) that many elements are mapped at once on pool threads; with
    /// <paramref name="deterministic"/> (the default) the output keeps the input's order either way.
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
        return new Dataset<TOut>(() => ParallelMap(this, fn, parallel, deterministic), Cardinality);
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
