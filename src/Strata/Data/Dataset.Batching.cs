using Strata.Kernels;

namespace Strata.Data;

public partial class Dataset<T>
{
    /// <summary>
    /// <c>batch</c>: consecutive elements stacked along a new first axis, component by component; the last batch is
    /// smaller unless <paramref name="dropRemainder"/>. Elements of one batch must have one shape (else PaddedBatch).
    /// </summary>
    public Dataset<T> Batch(int batchSize, bool dropRemainder = false)
    {
        if (batchSize <= 0) throw new InvalidArgumentError($"Batch: batchSize must be positive, got {batchSize}.");
        if (_batches is { } direct) return new Dataset<T>(() => direct(batchSize, dropRemainder), BatchCardinality(batchSize, dropRemainder));
        return new Dataset<T>(() => Batches(batchSize, dropRemainder, null, null), BatchCardinality(batchSize, dropRemainder));
    }

    /// <summary>
    /// <c>padded_batch</c>: as Batch, each component first padded at the end of each axis to the largest size in its
    /// batch (or to <paramref name="paddedShapes"/>, one per component in element order, −1 for "the largest"), with
    /// <paramref name="paddingValue"/> (0 by default).
    /// </summary>
    public Dataset<T> PaddedBatch(int batchSize, IReadOnlyList<Shape>? paddedShapes = null, double paddingValue = 0, bool dropRemainder = false)
    {
        if (batchSize <= 0) throw new InvalidArgumentError($"PaddedBatch: batchSize must be positive, got {batchSize}.");
        return new Dataset<T>(() => Batches(batchSize, dropRemainder, paddedShapes ?? [], paddingValue), BatchCardinality(batchSize, dropRemainder));
    }

    private long BatchCardinality(int batchSize, bool dropRemainder) => Cardinality < 0 ? Cardinality
        : dropRemainder ? Cardinality / batchSize : (Cardinality + batchSize - 1) / batchSize;

    private IEnumerable<T> Batches(int batchSize, bool dropRemainder, IReadOnlyList<Shape>? padded, double? paddingValue)
    {
        var pending = new List<T>(batchSize);
        foreach (var e in this)
        {
            pending.Add(e);
            if (pending.Count < batchSize) continue;
            yield return Stack(pending, padded, paddingValue);
            pending.Clear();
        }
        if (pending.Count > 0 && !dropRemainder) yield return Stack(pending, padded, paddingValue);
    }

    private static T Stack(List<T> elements, IReadOnlyList<Shape>? padded, double? paddingValue)
    {
        string op = padded is null ? "Batch" : "PaddedBatch";
        var flat = elements.Select(e => Structure.Flatten(e, op)).ToList();
        int components = flat[0].Count;
        var stacked = new Tensor[components];
        for (int c = 0; c < components; c++)
        {
            var parts = new Tensor[flat.Count];
            for (int i = 0; i < parts.Length; i++)
            {
                if (flat[i].Count != components)
                    throw new InvalidArgumentError($"{op}: elements have different structures ({components} and {flat[i].Count} components).");
                parts[i] = flat[i][c];
                if (parts[i].DType != parts[0].DType)
                    throw new InvalidArgumentError($"{op}: component {c} has dtype {parts[0].DType.Name()} in one element and {parts[i].DType.Name()} in another.");
            }
            if (padded is not null) parts = Pad(parts, c < padded.Count ? padded[c] : (Shape?)null, paddingValue ?? 0, c);
            foreach (var p in parts)
                if (p.Shape != parts[0].Shape)
                    throw new InvalidArgumentError(
                        $"Batch: cannot batch tensors with different shapes in component {c}: {parts[0].Shape} and {p.Shape}; use PaddedBatch for elements of varying size.");
            stacked[c] = RowKernels.Stack(parts);
        }
        return Structure.Pack(elements[0], stacked);
    }

    private static Tensor[] Pad(Tensor[] parts, Shape? target, double value, int component)
    {
        int rank = parts[0].Rank;
        var dims = new int[rank];
        foreach (var p in parts)
        {
            if (p.Rank != rank)
                throw new InvalidArgumentError($"PaddedBatch: component {component} has rank {rank} in one element and {p.Rank} in another.");
            for (int d = 0; d < rank; d++) dims[d] = Math.Max(dims[d], p.Shape[d]);
        }
        if (target is { } t)
        {
            if (t.Rank != rank)
                throw new InvalidArgumentError($"PaddedBatch: padded shape {t} for component {component} does not have its rank {rank}.");
            for (int d = 0; d < rank; d++)
            {
                if (t[d] < 0) continue;
                if (t[d] < dims[d])
                    throw new InvalidArgumentError(
                        $"PaddedBatch: an element of component {component} has dimension {d} of size {dims[d]}, larger than the padded shape {t}.");
                dims[d] = t[d];
            }
        }
        var fill = Tensor.Scalar(value, parts[0].DType);
        return parts.Select(p => p.Shape.ToArray().SequenceEqual(dims) ? p : RowKernels.PadTo(p, dims, fill)).ToArray();
    }

    /// <summary><c>unbatch</c>: each element split back into its rows (the inverse of Batch).</summary>
    public Dataset<T> Unbatch() => new(() => Rows(), tf.data.UNKNOWN_CARDINALITY);

    private IEnumerable<T> Rows()
    {
        foreach (var e in this)
        {
            var flat = Structure.Flatten(e, "Unbatch");
            int n = -1;
            foreach (var c in flat)
            {
                if (c.Rank == 0) throw new InvalidArgumentError($"Unbatch: a component is a scalar (shape {c.Shape}); it has no rows.");
                if (n >= 0 && c.Shape[0] != n)
                    throw new InvalidArgumentError($"Unbatch: components have different first dimensions: {string.Join(", ", flat.Select(x => x.Shape))}.");
                n = c.Shape[0];
            }
            var row = new Tensor[flat.Count];
            for (int i = 0; i < n; i++)
            {
                for (int c = 0; c < row.Length; c++) row[c] = RowKernels.Row(flat[c], i);
                yield return Structure.Pack(e, row);
            }
        }
    }

    /// <summary>
    /// <c>window</c>: datasets of <paramref name="size"/> consecutive elements (every <paramref name="stride"/>-th), a new
    /// window starting every <paramref name="shift"/> elements (default: size); the last, shorter windows are kept
    /// unless <paramref name="dropRemainder"/>. Usually followed by <c>FlatMap(w =&gt; w.Batch(size))</c>.
    /// </summary>
    public Dataset<Dataset<T>> Window(int size, int? shift = null, int stride = 1, bool dropRemainder = false)
    {
        int step = shift ?? size;
        if (size <= 0 || step <= 0 || stride <= 0)
            throw new InvalidArgumentError($"Window: size, shift and stride must be positive, got size={size}, shift={step}, stride={stride}.");
        return new Dataset<Dataset<T>>(() => Windows(size, step, stride, dropRemainder), tf.data.UNKNOWN_CARDINALITY);
    }

    private IEnumerable<Dataset<T>> Windows(int size, int shift, int stride, bool dropRemainder)
    {
        int span = (size - 1) * stride + 1;
        var buffer = new List<T>();
        long dropped = 0, nextStart = 0;
        using var it = GetEnumerator();
        bool more = true;
        while (true)
        {
            // Fill the buffer to the end of the next window (or the end of the input).
            while (more && dropped + buffer.Count < nextStart + span)
                if (it.MoveNext()) buffer.Add(it.Current); else more = false;
            int offset = (int)(nextStart - dropped);
            if (offset >= buffer.Count) yield break;
            var window = new List<T>(size);
            for (int k = offset; k < buffer.Count && window.Count < size; k += stride) window.Add(buffer[k]);
            if (window.Count < size && dropRemainder) yield break;
            var frozen = window.ToArray();
            yield return new Dataset<T>(() => frozen, frozen.Length);
            nextStart += shift;
            int drop = (int)Math.Min(buffer.Count, nextStart - dropped);
            buffer.RemoveRange(0, drop);
            dropped += drop;
            if (!more && window.Count < size) yield break;
        }
    }
}
