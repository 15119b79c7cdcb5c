#pragma warning disable CS8981
using Strata.Kernels;

namespace Strata;

public static partial class tf
{
    /// <summary>Same values, new shape; one dimension may be -1 and is inferred.</summary>
    public static Tensor Reshape(Tensor x, Shape shape)
    {
        NotNull(x, "Reshape", "x");
        var dims = shape.ToArray();
        // The product of the known dims in long arithmetic, saturated: an int product wrapped around and let a
        // huge shape (or a huge inferred -1) through as if it matched.
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] == -1)
            {
                if (unknown >= 0) throw new InvalidArgumentError($"Reshape: only one dimension can be -1, got {shape}.");
                unknown = i;
            }
            else known = Math.Min(known * dims[i], (long)int.MaxValue + 1);
        }
        if (unknown >= 0)
        {
            if (known == 0 || x.Size % known != 0)
                throw new InvalidArgumentError(
                    known == 0
                        ? $"Reshape: cannot infer the missing dimension of {shape} for a tensor with {x.Size} elements (shape {x.Shape}) when another dimension is 0."
                        : $"Reshape: cannot reshape a tensor with {x.Size} elements (shape {x.Shape}) to {shape}: {x.Size} is not a multiple of {KnownText(known)}.");
            dims[unknown] = (int)(x.Size / known);
        }
        else if (known != x.Size)
            throw new InvalidArgumentError($"Reshape: cannot reshape a tensor with {x.Size} elements (shape {x.Shape}) to shape {shape} ({KnownText(known)} elements).");

        var buffer = x is Variable ? (Array)x.Buffer.Clone() : x.Buffer; // plain tensors are immutable: share
        var y = Tensor.FromBuffer(buffer, Shape.Wrap(dims), x.DType);
        if (GradientTape.IsRecording) Record("Reshape", y, [x], static (dy, i, _) => [Reshape(dy, i[0].Shape)]);
        return y;

        static string KnownText(long known) => known > int.MaxValue ? $"more than {int.MaxValue}" : known.ToString();
    }

    /// <summary>Permutes the dimensions (reverses them when <paramref name="perm"/> is null).</summary>
    public static Tensor Transpose(Tensor x, int[]? perm = null)
    {
        NotNull(x, "Transpose", "x");
        int r = x.Rank;
        perm ??= Enumerable.Range(0, r).Reverse().ToArray();
        if (perm.Length != r)
            throw new InvalidArgumentError($"Transpose: perm [{string.Join(", ", perm)}] has {perm.Length} entries, the tensor has rank {r} (shape {x.Shape}).");
        var seen = new bool[r];
        var p = new int[r];
        for (int i = 0; i < r; i++)
        {
            int a = perm[i] < 0 ? perm[i] + r : perm[i];
            if (a < 0 || a >= r || seen[a])
                throw new InvalidArgumentError($"Transpose: perm [{string.Join(", ", perm)}] is not a permutation of 0..{r - 1} (shape {x.Shape}).");
            seen[a] = true;
            p[i] = a;
        }
        var dims = x.Shape.ToArray();
        var outDims = new int[r];
        for (int i = 0; i < r; i++) outDims[i] = dims[p[i]];
        var y = Tensor.Empty(x.DType, Shape.Wrap(outDims));
        ArrayKernels.Transpose(x.Buffer, y.Buffer, dims, p);
        if (GradientTape.IsRecording)
        {
            var inverse = new int[r];
            for (int i = 0; i < r; i++) inverse[p[i]] = i;
            Record("Transpose", y, [x], (dy, _, _) => [Transpose(dy, inverse)]);
        }
        return y;
    }

    /// <summary>Inserts a size-1 dimension at <paramref name="axis"/> (in [-rank-1, rank]).</summary>
    public static Tensor ExpandDims(Tensor x, int axis)
    {
        NotNull(x, "ExpandDims", "x");
        int r = x.Rank;
        if (axis < -r - 1 || axis > r)
            throw new InvalidArgumentError($"ExpandDims: axis {axis} is out of range for a tensor of rank {r}, shape {x.Shape} (expected {-r - 1} <= axis <= {r}).");
        int a = axis < 0 ? axis + r + 1 : axis;
        var dims = new int[r + 1];
        x.Shape.Dims[..a].CopyTo(dims);
        dims[a] = 1;
        x.Shape.Dims[a..].CopyTo(dims.AsSpan(a + 1));
        return Reshape(x, dims);
    }

    /// <summary>Removes size-1 dimensions: those in <paramref name="axis"/>, or all of them when null.</summary>
    public static Tensor Squeeze(Tensor x, int[]? axis = null)
    {
        NotNull(x, "Squeeze", "x");
        var dims = x.Shape.ToArray();
        var drop = new bool[dims.Length];
        if (axis is null) for (int i = 0; i < dims.Length; i++) drop[i] = dims[i] == 1;
        else
            foreach (var ax in axis)
            {
                int a = x.Shape.NormalizeAxis(ax, "Squeeze");
                if (dims[a] != 1)
                    throw new InvalidArgumentError($"Squeeze: cannot squeeze axis {ax} of shape {x.Shape}: its size is {dims[a]}, not 1.");
                drop[a] = true;
            }
        var kept = new List<int>(dims.Length);
        for (int i = 0; i < dims.Length; i++) if (!drop[i]) kept.Add(dims[i]);
        return Reshape(x, kept.ToArray());
    }

    /// <summary>Joins tensors along an existing axis.</summary>
    public static Tensor Concat(IReadOnlyList<Tensor> values, int axis)
    {
        Guard.NotNull(values, "Concat", "values");
        if (values.Count == 0) throw new InvalidArgumentError("Concat: needs at least one tensor.");
        var first = values[0];
        int a = first.Shape.NormalizeAxis(axis, "Concat");
        long total = 0;
        foreach (var v in values)
        {
            NotNull(v, "Concat", "values");
            if (v.DType != first.DType)
                throw new InvalidArgumentError($"Concat: all tensors must have one dtype, got {first.DType.Name()} and {v.DType.Name()}.");
            bool ok = v.Rank == first.Rank;
            for (int d = 0; ok && d < v.Rank; d++) ok = d == a || v.Shape[d] == first.Shape[d];
            if (!ok)
                throw new InvalidArgumentError($"Concat: shapes {first.Shape} and {v.Shape} differ outside axis {axis}.");
            total += v.Shape[a];
        }
        var concatDims = new long[first.Rank];
        for (int d = 0; d < concatDims.Length; d++) concatDims[d] = d == a ? total : first.Shape[d];
        var outShape = Shape.Checked(concatDims, "Concat");
        var outDims = outShape.ToArray();
        var y = Tensor.Empty(first.DType, outShape);
        int offset = 0;
        var begin = new int[outDims.Length];
        foreach (var v in values)
        {
            begin[a] = offset;
            ArrayKernels.CopyBox(v.Buffer, v.Shape.ToArray(), new int[v.Rank], y.Buffer, outDims, begin, v.Shape.ToArray());
            offset += v.Shape[a];
        }
        if (GradientTape.IsRecording)
            Record("Concat", y, values.ToArray(), (dy, inputs, _) =>
            {
                var grads = new Tensor?[inputs.Length];
                int off = 0;
                for (int k = 0; k < inputs.Length; k++)
                {
                    var b = new int[dy.Rank];
                    b[a] = off;
                    grads[k] = Slice(dy, b, inputs[k].Shape.ToArray());
                    off += inputs[k].Shape[a];
                }
                return grads;
            });
        return y;
    }

    /// <summary>Stacks tensors of one shape along a new axis.</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> values, int axis = 0)
    {
        Guard.NotNull(values, "Stack", "values");
        if (values.Count == 0) throw new InvalidArgumentError("Stack: needs at least one tensor.");
        foreach (var v in values)
        {
            if (v is null) throw new ArgumentNullException(nameof(values), "Stack: an element of values is null.");
            if (v.Shape != values[0].Shape)
                throw new InvalidArgumentError($"Stack: all tensors must have one shape, got {values[0].Shape} and {v.Shape}.");
            if (v.DType != values[0].DType)
                throw new InvalidArgumentError($"Stack: all tensors must have one dtype, got {values[0].DType.Name()} and {v.DType.Name()}.");
        }
        // Checked here so that the error names Stack, not the ExpandDims it is built on.
        int r = values[0].Rank;
        if (axis < -r - 1 || axis > r)
            throw new InvalidArgumentError($"Stack: axis {axis} is out of range for tensors of rank {r}, shape {values[0].Shape} (expected {-r - 1} <= axis <= {r}).");
        return Concat(values.Select(v => ExpandDims(v, axis)).ToArray(), axis);
    }

    /// <summary>Splits a tensor along <paramref name="axis"/> into its slices (the inverse of Stack).</summary>
    public static Tensor[] Unstack(Tensor x, int axis = 0)
    {
        NotNull(x, "Unstack", "x");
        int a = x.Shape.NormalizeAxis(axis, "Unstack");
        var size = x.Shape.ToArray();
        int n = size[a];
        size[a] = 1;
        var result = new Tensor[n];
        for (int k = 0; k < n; k++)
        {
            var begin = new int[x.Rank];
            begin[a] = k;
            result[k] = Squeeze(Slice(x, begin, size), [a]);
        }
        return result;
    }

    /// <summary>The box starting at <paramref name="begin"/> of extent <paramref name="size"/> (-1 = to the end).</summary>
    public static Tensor Slice(Tensor x, int[] begin, int[] size)
    {
        NotNull(x, "Slice", "x");
        Guard.NotNull(begin, "Slice", "begin");
        Guard.NotNull(size, "Slice", "size");
        int r = x.Rank;
        if (begin.Length != r || size.Length != r)
            throw new InvalidArgumentError($"Slice: begin [{string.Join(", ", begin)}] and size [{string.Join(", ", size)}] must have one entry per dimension of shape {x.Shape}.");
        var sz = new int[r];
        for (int i = 0; i < r; i++)
        {
            int dim = x.Shape[i];
            // In long arithmetic: begin + size of two large ints wrapped around and passed the bounds check.
            long extent = size[i] == -1 ? (long)dim - begin[i] : size[i];
            if (begin[i] < 0 || size[i] < -1 || extent < 0 || begin[i] + extent > dim)
                throw new InvalidArgumentError(
                    $"Slice: begin [{string.Join(", ", begin)}] with size [{string.Join(", ", size)}] is out of bounds for shape {x.Shape} " +
                    $"(dimension {i}: expected 0 <= begin <= begin + size <= {dim}, size -1 for the rest).");
            sz[i] = (int)extent;
        }
        var y = Tensor.Empty(x.DType, Shape.Wrap(sz));
        ArrayKernels.CopyBox(x.Buffer, x.Shape.ToArray(), begin, y.Buffer, sz, new int[r], sz);
        if (GradientTape.IsRecording)
        {
            var b = (int[])begin.Clone();
            Record("Slice", y, [x], (dy, i, _) =>
            {
                var pads = new int[r, 2];
                for (int d = 0; d < r; d++) { pads[d, 0] = b[d]; pads[d, 1] = i[0].Shape[d] - b[d] - sz[d]; }
                return [Pad(dy, pads)];
            });
        }
        return y;
    }

    /// <summary>tf.pad: paddings[d, 0] before and paddings[d, 1] after dimension d. <paramref name="mode"/> is
    /// "CONSTANT" (filled with <paramref name="constantValues"/>), "REFLECT" (mirrored without the edge: paddings
    /// below the dimension) or "SYMMETRIC" (mirrored with the edge: paddings up to the dimension), in any case.</summary>
    public static Tensor Pad(Tensor x, int[,] paddings, string mode = "CONSTANT", double constantValues = 0)
    {
        NotNull(x, "Pad", "x");
        Guard.NotNull(paddings, "Pad", "paddings");
        int r = x.Rank;
        if (paddings.GetLength(0) != r || paddings.GetLength(1) != 2)
            throw new InvalidArgumentError($"Pad: paddings must have shape ({r}, 2) for a tensor of shape {x.Shape}, got ({paddings.GetLength(0)}, {paddings.GetLength(1)}).");
        var padded = new long[r];
        var before = new int[r];
        for (int d = 0; d < r; d++)
        {
            if (paddings[d, 0] < 0 || paddings[d, 1] < 0)
                throw new InvalidArgumentError($"Pad: paddings must be non-negative, got ({paddings[d, 0]}, {paddings[d, 1]}) for dimension {d} of shape {x.Shape}.");
            before[d] = paddings[d, 0];
            padded[d] = (long)x.Shape[d] + paddings[d, 0] + paddings[d, 1]; // long: two large paddings wrapped around
        }
        var outDims = Shape.Checked(padded, "Pad").ToArray();
        var kind = PadMode(mode);
        if (kind != "CONSTANT") return MirrorPad(x, paddings, kind == "REFLECT");
        var y = constantValues == 0
            ? Zeros(Shape.Wrap(outDims), x.DType)
            : Fill(Shape.Wrap(outDims), ConvertWeak("Pad", Literals.Double(constantValues), x.DType), "Pad");
        ArrayKernels.CopyBox(x.Buffer, x.Shape.ToArray(), new int[r], y.Buffer, outDims, before, x.Shape.ToArray());
        if (GradientTape.IsRecording)
            Record("Pad", y, [x], (dy, i, _) => [Slice(dy, before, i[0].Shape.ToArray())]);
        return y;
    }

    /// <summary>Rows of <paramref name="params"/> along <paramref name="axis"/> picked by integer <paramref name="indices"/>.
    /// With <paramref name="batchDims"/> b, the first b dimensions of both are a batch: each batch element gathers
    /// with its own indices (the axis defaults to b then, as in TensorFlow).</summary>
    public static Tensor Gather(Tensor @params, Tensor indices, int? axis = null, int batchDims = 0)
    {
        NotNull(@params, "Gather", "params");
        NotNull(indices, "Gather", "indices");
        if (indices.DType is not (DType.Int32 or DType.Int64))
            throw new InvalidArgumentError($"Gather: indices must be int32 or int64, got {indices.DType.Name()}.");
        if (batchDims != 0) return GatherBatchDims(@params, indices, axis, batchDims);
        int a = @params.Shape.NormalizeAxis(axis ?? 0, "Gather");
        var pd = @params.Shape.ToArray();
        int outer = 1, inner = 1, n = pd[a];
        for (int i = 0; i < a; i++) outer *= pd[i];
        for (int i = a + 1; i < pd.Length; i++) inner *= pd[i];
        var idx = (long[])Cast(indices, DType.Int64).Buffer;
        for (int j = 0; j < idx.Length; j++)
            if (idx[j] < 0 || idx[j] >= n)
                throw new InvalidArgumentError($"Gather: indices[{j}] = {idx[j]} is not in [0, {n}) (params shape {@params.Shape}, axis {axis}).");
        var outDims = pd[..a].Concat(indices.Shape.ToArray()).Concat(pd[(a + 1)..]).ToArray();
        var y = Tensor.Empty(@params.DType, Shape.Wrap(outDims), "Gather");
        ArrayKernels.Gather(@params.Buffer, y.Buffer, outer, n, inner, idx);
        if (GradientTape.IsRecording)
            Record("Gather", y, [@params, indices], (dy, i, _) => [ScatterAdd(dy, idx, i[0].Shape, a, outer, inner), null]);
        return y;
    }

    /// <summary>The gradient of Gather: zeros of the params' shape with each gathered row's gradient added back.</summary>
    private static Tensor ScatterAdd(Tensor updates, long[] idx, Shape shape, int axis, int outer, int inner)
    {
        var y = Zeros(shape, updates.DType);
        int n = shape[axis], m = idx.Length;
        if (updates.DType == DType.Float32) Scatter(updates.Data<float>(), y.Data<float>());
        else Scatter(updates.Data<double>(), y.Data<double>());
        if (GradientTape.IsRecording)
        {
            var indices = Tensor.FromBuffer(idx, Shape.Wrap([m]), DType.Int64);
            var updShape = updates.Shape;
            Record("ScatterAdd", y, [updates], (dy, _, _) => [Reshape(Gather(dy, indices, axis), updShape)]);
        }
        return y;

        void Scatter<T>(T[] u, T[] d) where T : unmanaged, System.Numerics.INumber<T>
        {
            for (int o = 0; o < outer; o++)
                for (int j = 0; j < m; j++)
                {
                    var src = new ReadOnlySpan<T>(u, (o * m + j) * inner, inner);
                    var dst = new Span<T>(d, (int)(o * n + idx[j]) * inner, inner);
                    System.Numerics.Tensors.TensorPrimitives.Add(dst, src, dst);
                }
        }
    }

    /// <summary>tf.one_hot along a new last axis; indices outside [0, depth) give a row of offValue.</summary>
    public static Tensor OneHot(Tensor indices, int depth, double onValue = 1, double offValue = 0, DType dtype = DType.Float32)
    {
        NotNull(indices, "OneHot", "indices");
        if (indices.DType is not (DType.Int32 or DType.Int64 or DType.UInt8))
            throw new InvalidArgumentError($"OneHot: indices must be integers, got {indices.DType.Name()}.");
        if (depth < 0) throw new InvalidArgumentError($"OneHot: depth must be non-negative, got {depth}.");
        var dims = indices.Shape.ToArray().Append(depth).ToArray();
        Shape.Wrap(dims).CheckedSize("OneHot"); // idx.Length * depth in int arithmetic wrapped around above 2^32
        var idx = (long[])Cast(indices, DType.Int64).Buffer;
        var values = new double[idx.Length * depth];
        Array.Fill(values, offValue);
        for (int i = 0; i < idx.Length; i++)
            if (idx[i] >= 0 && idx[i] < depth) values[i * depth + idx[i]] = onValue;
        return Cast(Tensor.FromBuffer(values, Shape.Wrap(dims), DType.Float64), dtype);
    }

    /// <summary>tf.where(condition, x, y): x where the (bool) condition holds, else y; all three broadcast.</summary>
    public static Tensor Where(Tensor condition, Tensor x, Tensor y)
    {
        NotNull(condition, "Where", "condition");
        if (condition.DType != DType.Bool)
            throw new InvalidArgumentError($"Where: condition must be bool, got {condition.DType.Name()} with shape {condition.Shape}.");
        Unify("Where", ref x, ref y);
        var shape = BroadcastPlan.OutputShape(condition.Shape, BroadcastPlan.OutputShape(x.Shape, y.Shape, "Where"), "Where");
        var c = (bool[])BroadcastRaw(condition, shape).Buffer;
        var xb = BroadcastRaw(x, shape);
        var yb = BroadcastRaw(y, shape);
        var z = Tensor.Empty(x.DType, shape);
        ArrayKernels.Select(c, xb.Buffer, yb.Buffer, z.Buffer);
        if (GradientTape.IsRecording)
            Record("Where", z, [x, y], (dz, i, _) =>
            {
                var zeros = ZerosLike(dz);
                return [SumToShape(Where(condition, dz, zeros), i[0].Shape), SumToShape(Where(condition, zeros, dz), i[1].Shape)];
            });
        return z;
    }

    /// <summary>Repeats x along its size-1 (or missing leading) dimensions to <paramref name="shape"/>.</summary>
    public static Tensor BroadcastTo(Tensor x, Shape shape)
    {
        NotNull(x, "BroadcastTo", "x");
        shape.CheckedSize("BroadcastTo");
        if (BroadcastPlan.OutputShape(x.Shape, shape, "BroadcastTo") != shape)
            throw new InvalidArgumentError($"BroadcastTo: cannot broadcast shape {x.Shape} to {shape}.");
        var y = BroadcastRaw(x, shape);
        if (ReferenceEquals(y, x)) return x is Variable ? Identity(x) : x; // a variable is read, not aliased
        if (GradientTape.IsRecording)
            Record("BroadcastTo", y, [x], static (dy, i, _) => [SumToShape(dy, i[0].Shape)]);
        return y;
    }

    private static Tensor BroadcastRaw(Tensor x, Shape shape)
    {
        if (x.Shape == shape) return x;
        var y = Tensor.Empty(x.DType, shape);
        ArrayKernels.BroadcastTo(x.Buffer, x.Shape, y.Buffer, shape);
        return y;
    }
}
