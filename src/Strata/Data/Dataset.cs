using System.Collections;

namespace Strata.Data;

/// <summary>
/// <c>tf.data.Dataset</c>: a sequence of elements (tensors, tuples, arrays or dictionaries of tensors) described
/// by a pipeline of sources and transformations, iterated afresh each time it is enumerated (each epoch).
/// Transformations return new datasets and leave this one unchanged, as in TensorFlow. Make one with
/// <c>tf.data.Dataset.FromTensorSlices</c>, <c>Range</c> or <c>FromGenerator</c>. The constructors are internal: the class
/// is open only to Strata's own assemblies, for datasets that carry attributes as Keras sets them on a dataset object
/// (<c>keras.utils.ImageDatasetFromDirectory</c>'s class names); a transformation returns a plain dataset, as in Keras.
/// </summary>
public partial class Dataset<T> : IEnumerable<T>
{
    private readonly Func<IEnumerator<T>> _iterate;

    /// <summary>Set by a transformation that can make its own batches more cheaply than Batch stacking its elements
    /// (Shuffle, from its packed buffer): (batchSize, dropRemainder) → the batches Batch would make, in the same order.</summary>
    private Func<int, bool, IEnumerable<T>>? _batches;

    /// <summary>The number of elements when it is known (TensorFlow's cardinality), <see cref="tf.data.INFINITE_CARDINALITY"/>
    /// for a dataset that repeats forever, <see cref="tf.data.UNKNOWN_CARDINALITY"/> when it cannot be known without
    /// iterating (after Filter, for instance).</summary>
    public long Cardinality { get; }

    internal Dataset(Func<IEnumerable<T>> iterate, long cardinality) : this(() => iterate().GetEnumerator(), cardinality)
    {
    }

    internal Dataset(Func<IEnumerator<T>> iterate, long cardinality)
    {
        _iterate = iterate;
        Cardinality = cardinality;
    }

    private Dataset(Func<IEnumerable<T>> iterate, long cardinality, Func<int, bool, IEnumerable<T>> batches) : this(iterate, cardinality) =>
        _batches = batches;

    /// <summary>Iterates the elements, as Python's <c>for element in ds</c>; each enumeration runs the pipeline from its start.</summary>
    public IEnumerator<T> GetEnumerator() => _iterate();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The elements as a list (TensorFlow's <c>list(ds.as_numpy_iterator())</c>); refuses an infinite dataset.</summary>
    public List<T> ToList()
    {
        if (Cardinality == tf.data.INFINITE_CARDINALITY)
            throw new InvalidArgumentError("Dataset.ToList: the dataset is infinite (it repeats forever); Take(n) first.");
        return Enumerable.ToList(this);
    }

    internal static long Known(long cardinality) => cardinality >= 0 ? cardinality : -1;
}
