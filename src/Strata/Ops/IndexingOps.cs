#pragma warning disable CS8981
using Strata.Kernels;

namespace Strata;

// Indexing by tuples and masks: gather_nd, scatter_nd, tensor_scatter_nd_update/add, boolean_mask, where(condition)
// and the batch_dims form of gather. Each gradient is the adjoint gather or scatter, itself recorded, so that
// higher orders follow.
public static partial class tf
{
    /// <summary>tf.gather_nd: slices of <paramref name="params"/> addressed by the index tuples on the last axis of
    /// <paramref name="indices"/>; the result has shape indices.shape[:-1] + params.shape[K:] (K the tuple length).
    /// With <paramref name="batchDims"/> b the first b dimensions of both are a batch, each element indexing its own
    /// params (shape indices.shape[:-1] + params.shape[b + K:]).</summary>
    public static Tensor GatherNd(Tensor @params, Tensor indices, int batchDims = 0)
    {
        NotNull(@params, "GatherNd", "params");
        if (batchDims != 0) return GatherNdBatched(@params, indices, batchDims);
        var (idx, k, lead) = IndexTuples(indices, "GatherNd");
        if (k > @params.Rank)
            throw new InvalidArgumentError($"GatherNd: index innermost dimension length must be <= params rank; saw: {k} vs. {@params.Rank} (indices {indices.Shape}, params {@params.Shape}).");
        var offsets = IndexingKernels.SliceOffsets(idx, k, @params.Shape.Dims, "GatherNd", $"param shape {@params.Shape}");
        var sliceDims = @params.Shape.Dims[k..].ToArray();
        var y = Tensor.Empty(@params.DType, Shape.Wrap(lead.Concat(sliceDims).ToArray()), "GatherNd");
        IndexingKernels.GatherSlices(@params.Buffer, y.Buffer, offsets, Shape.Wrap(sliceDims).Size);
        if (GradientTape.IsRecording)
            Record("GatherNd", y, [@params, indices], (dy, i, _) => [ScatterNd(i[1], dy, i[0].Shape), null]);
        return y;
    }

    /// <summary>gather_nd with batch dimensions, as one plain gather_nd on the flattened batch: each tuple is
    /// prefixed with its batch element's index.</summary>
    private static Tensor GatherNdBatched(Tensor @params, Tensor indices, int batchDims)
    {
        var (idx, k, lead) = IndexTuples(indices, "GatherNd");
        int b = batchDims;
        if (b < 0 || b >= indices.Rank)
            throw new InvalidArgumentError($"GatherNd: batch_dims must be in [0, rank(indices)) = [0, {indices.Rank}), got {batchDims}.");
        if (b + k > @params.Rank)
            throw new InvalidArgumentError($"GatherNd: index innermost dimension length must be <= params rank - batch_dims; saw: {k} vs. {@params.Rank - b} (indices {indices.Shape}, params {@params.Shape}).");
        int batch = 1;
        for (int d = 0; d < b; d++)
        {
            if (@params.Shape[d] != indices.Shape[d])
                throw new InvalidArgumentError($"GatherNd: params.shape[{d}]: {@params.Shape[d]} should be equal to indices.shape[{d}]: {indices.Shape[d]}.");
            batch *= @params.Shape[d];
        }
        int tuples = 1;
        for (int d = b; d < indices.Rank - 1; d++) tuples *= indices.Shape[d];
        var prefixed = IndexingKernels.PrefixBatchIndex(idx, batch, tuples, k);
        var flatParams = Reshape(@params, [batch, .. @params.Shape.Dims[b..].ToArray()]);
        var flatIndices = Tensor.FromBuffer(prefixed, Shape.Wrap([batch, tuples, k + 1]), DType.Int64);
        var gathered = GatherNd(flatParams, flatIndices);
        return Reshape(gathered, [.. lead, .. @params.Shape.Dims[(b + k)..].ToArray()]);
    }

    /// <summary>tf.scatter_nd: zeros of <paramref name="shape"/> with each slice of <paramref name="updates"/> added
    /// at its index tuple (duplicates add up).</summary>
    public static Tensor ScatterNd(Tensor indices, Tensor updates, Shape shape)
    {
        NotNull(updates, "ScatterNd", "updates");
        shape.CheckedSize("ScatterNd");
        var zeros = Zeros(shape, updates.DType);
        var y = ScatterInto(zeros, indices, updates, add: true, "ScatterNd", copy: false);
        if (GradientTape.IsRecording)
            Record("ScatterNd", y, [updates], (dy, _, _) => [GatherNd(dy, indices)]);
        return y;
    }

    /// <summary>tf.tensor_scatter_nd_update: a copy of <paramref name="tensor"/> with the addressed slices replaced
    /// by <paramref name="updates"/>.</summary>
    public static Tensor TensorScatterNdUpdate(Tensor tensor, Tensor indices, Tensor updates)
    {
        NotNull(tensor, "TensorScatterNdUpdate", "tensor");
        var y = ScatterInto(tensor, indices, updates, add: false, "TensorScatterNdUpdate", copy: true);
        if (GradientTape.IsRecording)
            Record("TensorScatterNdUpdate", y, [tensor, updates], (dy, i, _) =>
                [TensorScatterNdUpdate(dy, indices, ZerosLike(i[1])), GatherNd(dy, indices)]);
        return y;
    }

    /// <summary>tf.tensor_scatter_nd_add: a copy of <paramref name="tensor"/> with <paramref name="updates"/> added
    /// at the addressed slices.</summary>
    public static Tensor TensorScatterNdAdd(Tensor tensor, Tensor indices, Tensor updates)
    {
        NotNull(tensor, "TensorScatterNdAdd", "tensor");
        var y = ScatterInto(tensor, indices, updates, add: true, "TensorScatterNdAdd", copy: true);
        if (GradientTape.IsRecording)
            Record("TensorScatterNdAdd", y, [tensor, updates], (dy, _, _) => [dy, GatherNd(dy, indices)]);
        return y;
    }

    private static Tensor ScatterInto(Tensor target, Tensor indices, Tensor updates, bool add, string op, bool copy)
    {
        NotNull(updates, op, "updates");
        if (updates.DType != target.DType)
            throw new InvalidArgumentError($"{op}: updates must have the tensor's dtype {target.DType.Name()}, got {updates.DType.Name()}.");
        if (add && target.DType == DType.Bool)
            throw new UnsupportedDTypeError($"{op}: bool values cannot be added (shape {target.Shape}).");
        var (idx, k, lead) = IndexTuples(indices, op);
        if (k > target.Rank)
            throw new InvalidArgumentError($"{op}: index innermost dimension length must be <= the output's rank; saw: {k} vs. {target.Rank} (indices {indices.Shape}, shape {target.Shape}).");
        var sliceDims = target.Shape.Dims[k..].ToArray();
        var expected = Shape.Wrap(lead.Concat(sliceDims).ToArray());
        if (updates.Shape != expected)
            throw new InvalidArgumentError($"{op}: updates must have shape indices.shape[:-1] + shape[{k}:] = {expected}, got {updates.Shape} (indices {indices.Shape}, shape {target.Shape}).");
        var offsets = IndexingKernels.SliceOffsets(idx, k, target.Shape.Dims, op, $"shape {target.Shape}");
        var y = copy ? Tensor.FromBuffer((Array)target.Buffer.Clone(), target.Shape, target.DType) : target;
        IndexingKernels.ScatterSlices(updates.Buffer, y.Buffer, offsets, Shape.Wrap(sliceDims).Size, add);
        return y;
    }

    /// <summary>Index tuples as int64 values, their length K (the last dimension) and the leading dimensions.</summary>
    private static (long[] Values, int K, int[] Lead) IndexTuples(Tensor indices, string op)
    {
        NotNull(indices, op, "indices");
        if (indices.DType is not (DType.Int32 or DType.Int64))
            throw new InvalidArgumentError($"{op}: indices must be int32 or int64, got {indices.DType.Name()}.");
        if (indices.Rank < 1)
            throw new InvalidArgumentError($"{op}: indices must be at least a vector, got shape {indices.Shape}.");
        return (Cast(indices, DType.Int64).Data<long>(), indices.Shape[-1], indices.Shape.Dims[..^1].ToArray());
    }

    /// <summary>tf.where(condition) with one argument: the int64 coordinates of the true (non-zero) elements, in
    /// row-major order, as a [count, rank] tensor.</summary>
    public static Tensor Where(Tensor condition)
    {
        NotNull(condition, "Where", "condition");
        var mask = condition.DType == DType.Bool ? condition.Data<bool>() : Cast(condition, DType.Bool).Data<bool>();
        var coords = IndexingKernels.NonZeroCoordinates(mask, condition.Shape.Dims, out int count);
        return Tensor.FromBuffer(coords, Shape.Wrap([count, condition.Rank]), DType.Int64);
    }

    /// <summary>tf.boolean_mask: the elements (or slices) of <paramref name="tensor"/> where the bool
    /// <paramref name="mask"/> holds; the mask covers dimensions axis .. axis + mask.rank - 1, which become one.</summary>
    public static Tensor BooleanMask(Tensor tensor, Tensor mask, int axis = 0)
    {
        NotNull(tensor, "BooleanMask", "tensor");
        NotNull(mask, "BooleanMask", "mask");
        if (mask.DType != DType.Bool)
            throw new InvalidArgumentError($"BooleanMask: mask must be bool, got {mask.DType.Name()}.");
        if (mask.Rank == 0) throw new InvalidArgumentError("BooleanMask: mask cannot be scalar.");
        int a = axis < 0 ? axis + tensor.Rank : axis;
        if (a < 0 || a + mask.Rank > tensor.Rank)
            throw new InvalidArgumentError($"BooleanMask: a mask of shape {mask.Shape} at axis {axis} does not fit a tensor of shape {tensor.Shape}.");
        var covered = tensor.Shape.Dims.Slice(a, mask.Rank).ToArray();
        if (!covered.AsSpan().SequenceEqual(mask.Shape.Dims))
            throw new InvalidArgumentError($"BooleanMask: shapes ({string.Join(", ", covered)}) and {mask.Shape} are incompatible (tensor {tensor.Shape}, axis {axis}).");
        var dims = tensor.Shape.Dims;
        var flatDims = dims[..a].ToArray().Append(mask.Size).Concat(dims[(a + mask.Rank)..].ToArray()).ToArray();
        var flat = Reshape(tensor, flatDims);
        var positions = Reshape(Where(Reshape(mask, [-1])), [-1]);
        return Gather(flat, positions, a);
    }
}
