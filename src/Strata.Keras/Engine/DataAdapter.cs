using Strata.Data;
using Strata.Keras.Distribute;

namespace Strata.Keras.Engine;

/// <summary>
/// Keras 3's data adapters: what Fit, Evaluate and Predict iterate over, one epoch at a time — batches cut from
/// in-memory tensors (<see cref="TensorAdapter"/>) or the elements of a tf.data pipeline (<see cref="DatasetAdapter"/>).
/// </summary>
internal abstract class DataAdapter
{
    /// <summary>Steps per epoch, or null when not known before the epoch has run (a dataset of unknown cardinality).</summary>
    public abstract int? Steps { get; }

    /// <summary>The batches of one epoch, as (inputs, labels); labels are empty for Predict.</summary>
    public abstract IEnumerable<(Tensor[] X, Tensor[] Y)> Epoch();

    /// <summary>A batch is no longer read: its buffers may serve the next step.</summary>
    public virtual void Release(Tensor[] x)
    {
    }

    /// <summary>Under a multi-replica strategy: the rows of the global batch the last yielded batch is this replica's share of.</summary>
    public int GlobalBatchRows { get; protected set; }

    /// <summary>The sample weights of the batch last handed out (Keras's third element of a batch), or null.</summary>
    public Tensor? BatchWeights { get; protected set; }
}

/// <summary>Batches of rows of in-memory tensors, in order or shuffled from tf.random each epoch.
/// Under a multi-replica strategy each global batch of <c>batchSize</c> rows is split across the replicas
/// (<see cref="DistributionStrategy.ShardOf"/>), in the order replica 0 drew, so that together they take every row once.</summary>
internal sealed class TensorAdapter(Tensor[] x, Tensor[] y, int batchSize, bool shuffle, DistributionStrategy? replicas = null, Tensor? sampleWeight = null) : DataAdapter
{
    private readonly int _n = x[0].Shape[0];

    public override int? Steps => (_n + batchSize - 1) / batchSize;

    public override IEnumerable<(Tensor[] X, Tensor[] Y)> Epoch()
    {
        var order = shuffle ? Permutation(_n) : null;
        if (order is not null && replicas is not null) replicas.Broadcast(System.Runtime.InteropServices.MemoryMarshal.AsBytes(order.AsSpan()), root: 0);
        var xb = new Tensor[x.Length];
        var yb = new Tensor[y.Length];
        for (int start = 0; start < _n; start += batchSize)
        {
            int count = Math.Min(batchSize, _n - start);
            GlobalBatchRows = count;
            var (first, rows) = replicas?.ShardOf(count) ?? (0, count);
            for (int i = 0; i < x.Length; i++) xb[i] = Batch.Rows(x[i], order, start + first, rows);
            for (int i = 0; i < y.Length; i++) yb[i] = Batch.Rows(y[i], order, start + first, rows);
            if (sampleWeight is not null) BatchWeights = Batch.Rows(sampleWeight, order, start + first, rows);
            yield return (xb, yb);
        }
    }

    public override void Release(Tensor[] batch) => Batch.Release(batch, x);

    /// <summary>A permutation of 0..n-1 from tf.random (so tf.random.SetSeed fixes it): the order of n uniform draws.</summary>
    private static int[] Permutation(int n)
    {
        var keys = tf.random.Uniform([n], dtype: DType.Float64).ToArray<double>();
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Array.Sort(keys, order);
        return order;
    }
}

/// <summary>
/// The elements of a dataset of (x, y) batches. Without <c>steps</c>, each epoch iterates the dataset afresh to its
/// end; with <c>steps</c> (Keras's steps_per_epoch), one iterator runs across epochs, taking that many batches per
/// epoch, and running out of data ends training with Keras's warning.
/// </summary>
internal sealed class DatasetAdapter : DataAdapter
{
    private readonly IEnumerable<(Tensor[] X, Tensor[] Y)> _batches;
    private readonly int? _steps;
    private readonly long _cardinality;
    private IEnumerator<(Tensor[] X, Tensor[] Y)>? _shared;
    private readonly bool _withWeights;

    /// <summary>With <paramref name="withWeights"/>, each element's last label tensor is its sample weights (a dataset of
    /// (x, y, sample_weight) batches): it is sharded with the labels and handed out as <see cref="DataAdapter.BatchWeights"/>.</summary>
    public DatasetAdapter(IEnumerable<(Tensor[] X, Tensor[] Y)> batches, long cardinality, int? steps, string op, DistributionStrategy? replicas = null,
        bool withWeights = false)
    {
        _withWeights = withWeights;
        if (steps is <= 0) throw new InvalidArgumentError($"{op}: steps must be positive, got {steps}.");
        if (steps is null && cardinality == tf.data.INFINITE_CARDINALITY)
            throw new InvalidArgumentError(
                $"{op}: the dataset is infinite (it repeats forever); give stepsPerEpoch (or steps) to say how many batches make an epoch.");
        _batches = replicas is null ? batches : Shard(batches, replicas);
        _steps = steps;
        _cardinality = cardinality;
    }

    /// <summary>True once a steps-bounded epoch found the data exhausted.</summary>
    public bool RanOut { get; private set; }

    public override int? Steps => _steps ?? (_cardinality >= 0 ? (int)Math.Min(_cardinality, int.MaxValue) : null);

    public override IEnumerable<(Tensor[] X, Tensor[] Y)> Epoch()
    {
        if (!_withWeights) return Batches();
        return Batches().Select(b =>
        {
            BatchWeights = b.Y[^1];
            return (b.X, b.Y[..^1]);
        });
    }

    private IEnumerable<(Tensor[] X, Tensor[] Y)> Batches()
    {
        if (_steps is not { } steps)
        {
            foreach (var b in _batches) yield return b;
            yield break;
        }
        _shared ??= _batches.GetEnumerator();
        for (int s = 0; s < steps; s++)
        {
            if (!_shared.MoveNext())
            {
                RanOut = true;
                Console.Error.WriteLine(
                    "UserWarning: Your input ran out of data; interrupting training. Make sure that your dataset or generator can " +
                    $"generate at least `steps_per_epoch * epochs` batches. You may need to use the `.repeat()` function when building your dataset.");
                yield break;
            }
            yield return _shared.Current;
        }
    }

    /// <summary>Each element (a global batch) cut to this replica's rows; every replica iterates the same pipeline
    /// (TensorFlow's DATA auto-shard policy), which must then give the same elements on each: seed its shuffles.</summary>
    private IEnumerable<(Tensor[] X, Tensor[] Y)> Shard(IEnumerable<(Tensor[] X, Tensor[] Y)> batches, DistributionStrategy replicas)
    {
        foreach (var (x, y) in batches)
        {
            int count = x[0].Rank == 0 ? 0 : x[0].Shape[0];
            GlobalBatchRows = count;
            var (first, rows) = replicas.ShardOf(count);
            yield return (x.Select(t => Batch.Rows(t, null, first, rows)).ToArray(), y.Select(t => Batch.Rows(t, null, first, rows)).ToArray());
        }
    }

    public static IEnumerable<(Tensor[] X, Tensor[] Y)> Pairs(Dataset<(Tensor, Tensor)> data) => data.Select(e => (new[] { e.Item1 }, new[] { e.Item2 }));

    /// <summary>(x, y, sample_weight) elements, the weights carried as a last label tensor (see the constructor).</summary>
    public static IEnumerable<(Tensor[] X, Tensor[] Y)> Triples(Dataset<(Tensor, Tensor, Tensor)> data) =>
        data.Select(e => (new[] { e.Item1 }, new[] { e.Item2, e.Item3 }));

    public static IEnumerable<(Tensor[] X, Tensor[] Y)> Inputs(Dataset<Tensor> data) => data.Select(e => (new[] { e }, Array.Empty<Tensor>()));
}
