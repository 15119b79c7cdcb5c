#pragma warning disable CS8981
using Strata.Kernels;

namespace Strata;

// Ops that cut, reorder or build tensors along axes: split, reverse, roll, eye, meshgrid, sequence_mask.
// Those that move values are built on Slice and Gather, so their gradients (and higher orders) come with them.
public static partial class tf
{
    /// <summary>tf.split into <paramref name="numSplits"/> equal parts along <paramref name="axis"/>.</summary>
    public static Tensor[] Split(Tensor value, int numSplits, int axis = 0)
    {
        NotNull(value, "Split", "value");
        int a = SplitAxis(value, axis);
        int n = value.Shape[a];
        if (numSplits <= 0)
            throw new InvalidArgumentError($"Split: the number of ways to split must be > 0, got {numSplits}.");
        if (n % numSplits != 0)
            throw new InvalidArgumentError($"Split: dimension size must be evenly divisible by {numSplits} but is {n} (axis {axis} of shape {value.Shape}).");
        return SplitSizes(value, a, Enumerable.Repeat(n / numSplits, numSplits).ToArray());
    }

    /// <summary>tf.split into parts of the given sizes along <paramref name="axis"/>; one size may be -1 (the rest).</summary>
    public static Tensor[] Split(Tensor value, int[] sizeSplits, int axis = 0)
    {
        NotNull(value, "Split", "value");
        Guard.NotNull(sizeSplits, "Split", "sizeSplits");
        int a = SplitAxis(value, axis);
        int n = value.Shape[a];
        var sizes = (int[])sizeSplits.Clone();
        int unknown = -1;
        long known = 0;
        for (int i = 0; i < sizes.Length; i++)
        {
            if (sizes[i] == -1)
            {
                if (unknown >= 0) throw new InvalidArgumentError($"Split: there can only be one -1 in sizeSplits [{string.Join(", ", sizeSplits)}].");
                unknown = i;
            }
            else if (sizes[i] < 0)
                throw new InvalidArgumentError($"Split: split size at index {i} must be >= 0, got {sizes[i]}.");
            else known += sizes[i];
        }
        if (unknown >= 0 ? known > n : known != n)
            throw new InvalidArgumentError(
                $"Split: sizes [{string.Join(", ", sizeSplits)}] must add up to the size of axis {axis} of shape {value.Shape}, {n}" +
                (unknown >= 0 ? " (or less, with a -1)." : "."));
        if (unknown >= 0) sizes[unknown] = (int)(n - known);
        return SplitSizes(value, a, sizes);
    }

    private static int SplitAxis(Tensor value, int axis)
    {
        if (value.Rank == 0) throw new InvalidArgumentError("Split: cannot split a scalar (shape ()).");
        return value.Shape.NormalizeAxis(axis, "Split");
    }

    private static Tensor[] SplitSizes(Tensor value, int axis, int[] sizes)
    {
        var result = new Tensor[sizes.Length];
        var begin = new int[value.Rank];
        var size = value.Shape.ToArray();
        for (int i = 0; i < sizes.Length; i++)
        {
            size[axis] = sizes[i];
            result[i] = Slice(value, (int[])begin.Clone(), (int[])size.Clone());
            begin[axis] += sizes[i];
        }
        return result;
    }

    /// <summary>tf.reverse: the order of the elements along each of <paramref name="axis"/> reversed.</summary>
    public static Tensor Reverse(Tensor x, int[] axis)
    {
        NotNull(x, "Reverse", "x");
        Guard.NotNull(axis, "Reverse", "axis");
        if (x.Rank == 0 && axis.Length > 0) throw new InvalidArgumentError($"Reverse: a scalar has no axis {axis[0]} to reverse.");
        var axes = NormalizeAxes(x, axis, "Reverse");
        var y = x;
        foreach (var a in axes)
        {
            int n = x.Shape[a];
            var map = new long[n];
            for (int j = 0; j < n; j++) map[j] = n - 1 - j;
            y = Gather(y, IndexVector(map), a);
        }
        return ReferenceEquals(y, x) ? Identity(x) : y;
    }

    /// <summary>tf.roll: elements shifted by <paramref name="shift"/> along <paramref name="axis"/>, wrapping
    /// around; shifts for one axis given twice add up.</summary>
    public static Tensor Roll(Tensor x, int[] shift, int[] axis)
    {
        NotNull(x, "Roll", "input");
        Guard.NotNull(shift, "Roll", "shift");
        Guard.NotNull(axis, "Roll", "axis");
        if (shift.Length != axis.Length)
            throw new InvalidArgumentError($"Roll: shift and axis must have the same size, got [{string.Join(", ", shift)}] and [{string.Join(", ", axis)}].");
        if (x.Rank == 0 && axis.Length > 0) throw new InvalidArgumentError($"Roll: a scalar has no axis {axis[0]} to roll.");
        var total = new long[x.Rank];
        for (int i = 0; i < axis.Length; i++) total[x.Shape.NormalizeAxis(axis[i], "Roll")] += shift[i];
        var y = x;
        for (int a = 0; a < x.Rank; a++)
        {
            int n = x.Shape[a];
            if (n == 0 || total[a] % n == 0) continue;
            long s = ((total[a] % n) + n) % n;
            var map = new long[n];
            for (int j = 0; j < n; j++) map[j] = (j - s + n) % n; // output j comes from input j - shift
            y = Gather(y, IndexVector(map), a);
        }
        return ReferenceEquals(y, x) ? Identity(x) : y;
    }

    /// <summary>tf.roll by <paramref name="shift"/> along the one axis <paramref name="axis"/>; see <see cref="Roll(Tensor, int[], int[])"/>.</summary>
    public static Tensor Roll(Tensor x, int shift, int axis) => Roll(x, [shift], [axis]);

    private static Tensor IndexVector(long[] values) => Tensor.FromBuffer(values, Shape.Wrap([values.Length]), DType.Int64);

    /// <summary>tf.eye: ones on the diagonal of a <paramref name="numRows"/> × <paramref name="numColumns"/>
    /// (default square) matrix, repeated over <paramref name="batchShape"/>.</summary>
    public static Tensor Eye(int numRows, int? numColumns = null, int[]? batchShape = null, DType dtype = DType.Float32)
    {
        Guard.Known(dtype, "Eye");
        int cols = numColumns ?? numRows;
        if (numRows < 0 || cols < 0)
            throw new InvalidArgumentError($"Eye: num_rows and num_columns must be non-negative, got {numRows} and {cols}.");
        var batch = batchShape ?? [];
        foreach (var b in batch)
            if (b < 0) throw new InvalidArgumentError($"Eye: batch_shape must be non-negative, got [{string.Join(", ", batch)}].");
        var dims = batch.Concat([numRows, cols]).Select(d => (long)d).ToArray();
        var shape = Shape.Checked(dims, "Eye");
        return Cast(Tensor.FromBuffer(MaskKernels.Eye(shape.Size, numRows, cols), shape, DType.UInt8), dtype);
    }

    /// <summary>tf.meshgrid: N-D coordinate grids from N vectors. With "xy" indexing (the default) the first two
    /// output dimensions are swapped (Cartesian: x varies along columns); with "ij" they follow the inputs.</summary>
    public static Tensor[] Meshgrid(Tensor[] args, string indexing = "xy")
    {
        Guard.NotNull(args, "Meshgrid", "args");
        if (indexing is not ("xy" or "ij"))
            throw new InvalidArgumentError($"Meshgrid: indexing must be either 'xy' or 'ij', got '{indexing}'.");
        int n = args.Length;
        var flat = new Tensor[n];
        for (int i = 0; i < n; i++)
        {
            NotNull(args[i], "Meshgrid", "args");
            if (args[i].DType != args[0].DType)
                throw new InvalidArgumentError($"Meshgrid: all inputs must have one dtype, got {args[0].DType.Name()} and {args[i].DType.Name()}.");
            flat[i] = Reshape(args[i], [-1]);
        }
        var sizes = flat.Select(t => t.Shape[0]).ToArray();
        bool xy = indexing == "xy" && n > 1;
        if (xy) (sizes[0], sizes[1]) = (sizes[1], sizes[0]);
        var result = new Tensor[n];
        for (int i = 0; i < n; i++)
        {
            // Input i varies along output axis i, except that "xy" puts inputs 0 and 1 on axes 1 and 0.
            int at = xy && i < 2 ? 1 - i : i;
            var dims = Enumerable.Repeat(1, n).ToArray();
            dims[at] = flat[i].Shape[0];
            result[i] = BroadcastTo(Reshape(flat[i], dims), sizes);
        }
        return result;
    }

    /// <summary>tf.sequence_mask: mask[..., j] = j &lt; lengths[...], of shape lengths.shape + [maxlen]; maxlen
    /// defaults to the largest length.</summary>
    public static Tensor SequenceMask(Tensor lengths, int? maxlen = null, DType dtype = DType.Bool)
    {
        NotNull(lengths, "SequenceMask", "lengths");
        Guard.Known(dtype, "SequenceMask");
        if (!lengths.DType.IsInteger)
            throw new UnsupportedDTypeError($"SequenceMask: lengths must be integers, got {lengths.DType.Name()} with shape {lengths.Shape}.");
        var len = Cast(lengths, DType.Int64).Data<long>();
        long width = maxlen ?? (len.Length == 0 ? 0 : len.Max());
        if (width < 0)
            throw new InvalidArgumentError($"SequenceMask: maxlen must be non-negative, got {width}.");
        var shape = Shape.Checked(lengths.Shape.ToArray().Select(d => (long)d).Append(width).ToArray(), "SequenceMask");
        return Cast(Tensor.FromBuffer(MaskKernels.Sequence(len, (int)width), shape, DType.Bool), dtype);
    }
}
