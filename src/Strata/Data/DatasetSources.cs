using Strata.Kernels;

namespace Strata.Data;

/// <summary><c>tf.data.Dataset</c>'s constructors, reached as <c>tf.data.Dataset.FromTensorSlices(…)</c>.</summary>
public sealed class DatasetFactory
{
    internal DatasetFactory()
    {
    }

    /// <summary>
    /// <c>from_tensor_slices</c>: one element per row (first-axis slice) of <paramref name="tensors"/> — a tensor, a
    /// tuple such as <c>(images, labels)</c>, an array or a dictionary of tensors, all with the same first dimension.
    /// </summary>
    public Dataset<T> FromTensorSlices<T>(T tensors)
    {
        var components = Structure.Flatten(tensors, "FromTensorSlices");
        if (components.Count == 0) throw new InvalidArgumentError("FromTensorSlices: the structure holds no tensors.");
        foreach (var c in components)
            if (c.Rank == 0)
                throw new InvalidArgumentError($"FromTensorSlices: a component is a scalar (shape {c.Shape}); slicing needs a first dimension.");
        int n = components[0].Shape[0];
        foreach (var c in components)
            if (c.Shape[0] != n)
                throw new InvalidArgumentError(
                    $"FromTensorSlices: all components must have the same size in the 0th dimension, got {string.Join(", ", components.Select(x => x.Shape))}.");
        // Variables are read once, now: the dataset keeps what they held when it was made, as TensorFlow's does.
        var fixedComponents = components.Select(c => c is Variable v ? v.Value() : c).ToArray();
        return new Dataset<T>(() => Slices(tensors, fixedComponents, n), n);
    }

    private static IEnumerable<T> Slices<T>(T template, Tensor[] components, int n)
    {
        var parts = new Tensor[components.Length];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < parts.Length; c++) parts[c] = RowKernels.Row(components[c], i);
            yield return Structure.Pack(template, parts);
        }
    }

    /// <summary><c>from_tensors</c>: a dataset of the one element <paramref name="tensors"/>.</summary>
    public Dataset<T> FromTensors<T>(T tensors)
    {
        Structure.Flatten(tensors, "FromTensors");
        return new Dataset<T>(() => new[] { tensors }, 1);
    }

    /// <summary><c>from_generator</c>: the elements an <see cref="IEnumerable{T}"/> gives, enumerated afresh each
    /// time the dataset is (so a generator method runs again each epoch).</summary>
    public Dataset<T> FromGenerator<T>(Func<IEnumerable<T>> generator, long cardinality = tf.data.UNKNOWN_CARDINALITY)
    {
        Guard.NotNull(generator, "FromGenerator", "generator");
        return new Dataset<T>(() => generator() ?? throw new InvalidArgumentError("FromGenerator: the generator returned null."), cardinality);
    }

    /// <summary><c>Dataset.range(stop)</c>: 0, 1, …, stop − 1 as int64 scalars.</summary>
    public Dataset<Tensor> Range(long stop) => Range(0, stop, 1);

    /// <summary><c>Dataset.range(start, stop, step)</c>, as Python's range, int64 scalars.</summary>
    public Dataset<Tensor> Range(long start, long stop, long step = 1)
    {
        if (step == 0) throw new InvalidArgumentError("Range: step must not be 0.");
        long count = step > 0 ? Math.Max(0, (stop - start + step - 1) / step) : Math.Max(0, (start - stop - step - 1) / -step);
        return new Dataset<Tensor>(() => RangeValues(start, step, count), count);
    }

    private static IEnumerable<Tensor> RangeValues(long start, long step, long count)
    {
        for (long i = 0; i < count; i++) yield return tf.Constant(start + i * step);
    }

    /// <summary><c>Dataset.zip((a, b))</c>: pairs of elements, as long as the shorter dataset.</summary>
    public Dataset<(T1, T2)> Zip<T1, T2>(Dataset<T1> first, Dataset<T2> second)
    {
        Guard.NotNull(first, "Zip", "first");
        Guard.NotNull(second, "Zip", "second");
        return first.Zip(second);
    }
}
