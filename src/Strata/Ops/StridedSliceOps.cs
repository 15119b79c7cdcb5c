#pragma warning disable CS8981
using Strata.Kernels;

namespace Strata;

/// <summary>Where a strided slice reads, per dimension of its input, and the shape it gives (new axes added,
/// shrunk dimensions removed): TensorFlow's strided_slice after its masks are applied.</summary>
internal sealed record ResolvedSlice(int[] InputDims, int[] Begin, int[] Stride, int[] Count, Shape Output);

public static partial class tf
{
    /// <summary><c>tf.newaxis</c>: in <c>x[…]</c>, inserts a dimension of size 1.</summary>
    public static readonly TensorIndex newaxis = TensorIndex.NewAxis;

    /// <summary>Python's <c>...</c> in <c>x[…]</c>: as many full ranges as the other entries leave.</summary>
    public static readonly TensorIndex ellipsis = TensorIndex.Ellipsis;

    /// <summary>
    /// <c>tf.strided_slice</c>: <paramref name="begin"/>, <paramref name="end"/> and <paramref name="strides"/> (default
    /// all 1) with TensorFlow's masks (bit i applies to entry i): <c>beginMask</c>/<c>endMask</c> ignore that bound
    /// (the whole range in the stride's direction), <c>ellipsisMask</c> marks an ellipsis, <c>newAxisMask</c> a new
    /// dimension of size 1, <c>shrinkAxisMask</c> a single position whose dimension is removed. Bounds out of range
    /// are clamped, as Python slices are; a single position out of range is an error. The gradient scatters back.
    /// </summary>
    public static Tensor StridedSlice(Tensor x, int[] begin, int[] end, int[]? strides = null,
        int beginMask = 0, int endMask = 0, int ellipsisMask = 0, int newAxisMask = 0, int shrinkAxisMask = 0)
    {
        NotNull(x, "StridedSlice", "x");
        Guard.NotNull(begin, "StridedSlice", "begin");
        Guard.NotNull(end, "StridedSlice", "end");
        strides ??= Enumerable.Repeat(1, begin.Length).ToArray();
        var spec = ResolveSlice(x.Shape, begin, end, strides, beginMask, endMask, ellipsisMask, newAxisMask, shrinkAxisMask, "StridedSlice");
        return StridedSliceResolved(x, spec, null);
    }

    /// <summary><c>x[…]</c> (see <see cref="TensorIndex"/>).</summary>
    internal static Tensor GetItem(Tensor x, TensorIndex[] indices) => StridedSliceResolved(x, ResolveIndices(x.Shape, indices), null);

    /// <summary>The indexer's entries as strided_slice's arrays and masks, resolved against <paramref name="shape"/>.</summary>
    internal static ResolvedSlice ResolveIndices(Shape shape, TensorIndex[] indices)
    {
        Guard.NotNull(indices, "GetItem", "indices");
        int n = indices.Length;
        var begin = new int[n];
        var end = new int[n];
        var strides = new int[n];
        int beginMask = 0, endMask = 0, ellipsisMask = 0, newAxisMask = 0, shrinkMask = 0;
        for (int i = 0; i < n; i++)
        {
            var ix = indices[i];
            strides[i] = 1;
            switch (ix.Kind)
            {
                case TensorIndex.Kinds.Position:
                    if (ix.FromEnd && ix.Start == 0)
                        throw new InvalidArgumentError($"GetItem: index ^0 (entry {i}) is one past the end of its dimension of shape {shape}.");
                    begin[i] = ix.FromEnd ? -ix.Start!.Value : ix.Start!.Value;
                    end[i] = begin[i] + 1;
                    shrinkMask |= 1 << i;
                    break;
                case TensorIndex.Kinds.Range:
                    strides[i] = ix.Step;
                    if (ix.Start is { } s) begin[i] = s; else beginMask |= 1 << i;
                    if (ix.Stop is { } e) end[i] = e; else endMask |= 1 << i;
                    break;
                case TensorIndex.Kinds.NewAxis: newAxisMask |= 1 << i; break;
                default: ellipsisMask |= 1 << i; break;
            }
        }
        if (n > 31) throw new InvalidArgumentError($"GetItem: at most 31 index entries, got {n} for shape {shape}.");
        return ResolveSlice(shape, begin, end, strides, beginMask, endMask, ellipsisMask, newAxisMask, shrinkMask, "GetItem");
    }

    /// <summary>TensorFlow's strided_slice validation: the sparse spec (with an ellipsis and new axes) made dense
    /// over the input's dimensions, then each dimension's begin, stride and count, clamped as Python clamps.</summary>
    internal static ResolvedSlice ResolveSlice(Shape shape, int[] begin, int[] end, int[] strides,
        int beginMask, int endMask, int ellipsisMask, int newAxisMask, int shrinkMask, string op)
    {
        int n = begin.Length;
        if (end.Length != n || strides.Length != n)
            throw new InvalidArgumentError($"{op}: begin, end and strides must have the same length, got {n}, {end.Length} and {strides.Length}.");
        if (n > 31) throw new InvalidArgumentError($"{op}: at most 31 entries in begin, end and strides, got {n}.");
        int r = shape.Rank;
        int ellipses = System.Numerics.BitOperations.PopCount((uint)(ellipsisMask & (n == 32 ? -1 : (1 << n) - 1)));
        if (ellipses > 1) throw new InvalidArgumentError($"{op}: multiple ellipses in slice spec not allowed.");
        bool Bit(int mask, int i) => (mask & (1 << i)) != 0;

        // Entries that use an input dimension (not an ellipsis, not a new axis); an ellipsis covers the rest.
        int explicitDims = 0;
        for (int i = 0; i < n; i++)
            if (!Bit(ellipsisMask, i) && !Bit(newAxisMask, i)) explicitDims++;
        if (explicitDims > r)
            throw new InvalidArgumentError($"{op}: index out of range using input dim {r}; input has only {r} dims (shape {shape}), got {explicitDims} indices.");

        var dBegin = new int[r];
        var dStride = new int[r];
        var dCount = new int[r];
        var output = new List<int>(r + n);   // input dimension kept, or -1 for a new axis
        var shrunk = new bool[r];
        int dim = 0;
        void Full(int d) { dBegin[d] = 0; dStride[d] = 1; dCount[d] = shape[d]; output.Add(d); }
        for (int i = 0; i < n; i++)
        {
            if (Bit(ellipsisMask, i))
            {
                for (int covered = r - explicitDims; covered > 0; covered--) Full(dim++);
                continue;
            }
            if (Bit(newAxisMask, i)) { output.Add(-1); continue; }
            int size = shape[dim];
            int stride = strides[i];
            if (stride == 0) throw new InvalidArgumentError($"{op}: strides[{i}] must be non-zero (shape {shape}).");
            if (Bit(shrinkMask, i))
            {
                long at = begin[i] < 0 ? (long)begin[i] + size : begin[i];
                if (at < 0 || at >= size)
                    throw new InvalidArgumentError($"{op}: slice index {begin[i]} of dimension {dim} out of bounds (shape {shape}).");
                dBegin[dim] = (int)at; dStride[dim] = 1; dCount[dim] = 1; shrunk[dim] = true;
                output.Add(dim++);
                continue;
            }
            // Python's clamping: [0, size] going forwards, [-1, size - 1] going backwards (-1: before the first).
            long lo = stride > 0 ? 0 : -1, hi = stride > 0 ? size : size - 1;
            long Clamp(int v) => Math.Clamp(v < 0 ? (long)v + size : v, lo, hi);
            long b = Bit(beginMask, i) ? (stride > 0 ? lo : hi) : Clamp(begin[i]);
            long e = Bit(endMask, i) ? (stride > 0 ? hi : lo) : Clamp(end[i]);
            long count = stride > 0 ? (e - b + stride - 1) / stride : (b - e + (-(long)stride) - 1) / -(long)stride;
            dBegin[dim] = (int)b; dStride[dim] = stride; dCount[dim] = (int)Math.Max(0, count);
            if (dCount[dim] == 0) dBegin[dim] = 0;
            output.Add(dim++);
        }
        // No ellipsis written: one is implied at the end.
        while (dim < r) Full(dim++);
        var outDims = new List<int>(output.Count);
        foreach (int d in output)
            if (d < 0) outDims.Add(1);
            else if (!shrunk[d]) outDims.Add(dCount[d]);
        return new ResolvedSlice(shape.ToArray(), dBegin, dStride, dCount, Shape.Wrap(outDims.ToArray()));
    }

    /// <summary>The slice itself; <paramref name="make"/> wraps the output buffer in a tensor of another kind (a
    /// variable's slice, which the tape must record as the op's output).</summary>
    internal static Tensor StridedSliceResolved(Tensor x, ResolvedSlice spec, Func<Array, Shape, Tensor>? make)
    {
        var dense = Tensor.Empty(x.DType, spec.Output);
        StridedKernels.Gather(x.Buffer, spec.InputDims, spec.Begin, spec.Stride, spec.Count, dense.Buffer);
        var y = make is null ? dense : make(dense.Buffer, spec.Output);
        if (GradientTape.IsRecording)
            Record("StridedSlice", y, [x], (dy, _, _) => [StridedSliceGrad(dy, spec)]);
        return y;
    }

    /// <summary>dy scattered into zeros of the sliced input's shape; its own gradient is the slice of ddx.</summary>
    private static Tensor StridedSliceGrad(Tensor dy, ResolvedSlice spec)
    {
        var dx = Zeros(Shape.Wrap(spec.InputDims), dy.DType);
        StridedKernels.Scatter(dy.Buffer, spec.InputDims, spec.Begin, spec.Stride, spec.Count, dx.Buffer);
        if (GradientTape.IsRecording)
            Record("StridedSliceGrad", dx, [dy], (ddx, _, _) => [StridedSliceResolved(ddx, spec, null)]);
        return dx;
    }
}
