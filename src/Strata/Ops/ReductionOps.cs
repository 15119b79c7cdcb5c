#pragma warning disable CS8981
using Strata.Kernels;

namespace Strata;

public static partial class tf
{
    /// <summary>Sum over <paramref name="axis"/> (all axes when null); <paramref name="keepDims"/> keeps them as size 1.</summary>
    public static Tensor ReduceSum(Tensor x, int[]? axis = null, bool keepDims = false)
    {
        RequireNumeric(x, "ReduceSum");
        var axes = NormalizeAxes(x, axis, "ReduceSum");
        var y = KeepDims(Reduce.Run(x, axes, ReduceKind.Sum, "ReduceSum"), x.Shape, axes, keepDims);
        if (GradientTape.IsRecording)
            Record("ReduceSum", y, [x], (dy, i, _) => [BroadcastTo(Reshape(dy, KeptShape(i[0].Shape, axes)), i[0].Shape)]);
        return y;
    }

    /// <summary>tf.math.reduce_sum over the one axis <paramref name="axis"/>; see <see cref="ReduceSum(Tensor, int[], bool)"/>.</summary>
    public static Tensor ReduceSum(Tensor x, int axis, bool keepDims = false) => ReduceSum(x, [axis], keepDims);

    /// <summary>Mean over <paramref name="axis"/> (all when null). Integer tensors divide with truncation, as TensorFlow does.</summary>
    public static Tensor ReduceMean(Tensor x, int[]? axis = null, bool keepDims = false)
    {
        RequireNumeric(x, "ReduceMean");
        var axes = NormalizeAxes(x, axis, "ReduceMean");
        int count = 1;
        foreach (var a in axes) count *= x.Shape[a];
        Tensor y;
        using (GradientTape.PauseAll())
        {
            if (x.DType.IsFloating)
                y = Divide(KeepDims(Reduce.Run(x, axes, ReduceKind.Sum, "ReduceMean"), x.Shape, axes, keepDims), Tensor.Scalar(count, x.DType));
            else
            {
                // As TensorFlow does, narrow integers are summed in int64: the mean of int32 values always fits in
                // int32, their sum need not (summing in int32 wrapped: the mean of [2^31 - 1, 2^31 - 1] was -1).
                var wide = x.DType == DType.Int64 ? x : Cast(x, DType.Int64);
                var sum = KeepDims(Reduce.Run(wide, axes, ReduceKind.Sum, "ReduceMean"), x.Shape, axes, keepDims);
                y = Cast(IntegerDivide(sum, count), x.DType);
            }
        }
        if (GradientTape.IsRecording)
            Record("ReduceMean", y, [x], (dy, i, _) =>
                [Divide(BroadcastTo(Reshape(dy, KeptShape(i[0].Shape, axes)), i[0].Shape), Tensor.Scalar(count, dy.DType))]);
        return y;
    }

    /// <summary>tf.math.reduce_mean over the one axis <paramref name="axis"/>; see <see cref="ReduceMean(Tensor, int[], bool)"/>.</summary>
    public static Tensor ReduceMean(Tensor x, int axis, bool keepDims = false) => ReduceMean(x, [axis], keepDims);

    /// <summary>tf.math.reduce_max: the largest element over <paramref name="axis"/> (all axes when null), numeric dtypes;
    /// the dtype's lowest value for an empty reduction. The gradient is shared equally among tied maxima.</summary>
    public static Tensor ReduceMax(Tensor x, int[]? axis = null, bool keepDims = false) => ReduceExtreme(x, axis, keepDims, ReduceKind.Max, "ReduceMax");
    /// <summary>tf.math.reduce_max over the one axis <paramref name="axis"/>; see <see cref="ReduceMax(Tensor, int[], bool)"/>.</summary>
    public static Tensor ReduceMax(Tensor x, int axis, bool keepDims = false) => ReduceMax(x, [axis], keepDims);
    /// <summary>tf.math.reduce_min: the smallest element over <paramref name="axis"/> (all axes when null), numeric dtypes;
    /// the dtype's highest value for an empty reduction. The gradient is shared equally among tied minima.</summary>
    public static Tensor ReduceMin(Tensor x, int[]? axis = null, bool keepDims = false) => ReduceExtreme(x, axis, keepDims, ReduceKind.Min, "ReduceMin");
    /// <summary>tf.math.reduce_min over the one axis <paramref name="axis"/>; see <see cref="ReduceMin(Tensor, int[], bool)"/>.</summary>
    public static Tensor ReduceMin(Tensor x, int axis, bool keepDims = false) => ReduceMin(x, [axis], keepDims);

    /// <summary>Max/min; the gradient is shared equally between tied extremes, as in TensorFlow.</summary>
    private static Tensor ReduceExtreme(Tensor x, int[]? axis, bool keepDims, ReduceKind kind, string op)
    {
        RequireNumeric(x, op);
        var axes = NormalizeAxes(x, axis, op);
        var y = KeepDims(Reduce.Run(x, axes, kind, op), x.Shape, axes, keepDims);
        if (GradientTape.IsRecording)
            Record(op, y, [x], (dy, i, y) =>
            {
                var kept = KeptShape(i[0].Shape, axes);
                var isExtreme = Cast(Equal(i[0], Reshape(y, kept)), dy.DType);
                var ties = ReduceSum(isExtreme, axes, keepDims: true);
                return [Multiply(Divide(isExtreme, ties), Reshape(dy, kept))];
            });
        return y;
    }

    /// <summary>Index of the largest value along <paramref name="axis"/> (first on ties), as int64.</summary>
    public static Tensor ArgMax(Tensor x, int axis = 0, DType outputType = DType.Int64) => ArgExtreme(x, axis, outputType, max: true, "ArgMax");

    /// <summary>Index of the smallest value along <paramref name="axis"/> (first on ties), as int64.</summary>
    public static Tensor ArgMin(Tensor x, int axis = 0, DType outputType = DType.Int64) => ArgExtreme(x, axis, outputType, max: false, "ArgMin");

    private static Tensor ArgExtreme(Tensor x, int axis, DType outputType, bool max, string op)
    {
        RequireNumeric(x, op);
        if (x.Rank == 0) throw new InvalidArgumentError($"{op}: input must have rank >= 1, got a scalar.");
        int a = x.Shape.NormalizeAxis(axis, op);
        if (x.Shape[a] == 0) throw new InvalidArgumentError($"{op}: reduction axis {axis} of shape {x.Shape} is empty.");
        return Reduce.ArgExtreme(x, a, max, outputType);
    }

    /// <summary>
    /// Sums a broadcast gradient back to the shape of the input it came from: over the leading axes the input
    /// lacked and over the axes where the input had size 1.
    /// </summary>
    internal static Tensor SumToShape(Tensor grad, Shape shape)
    {
        if (grad.Shape == shape) return grad;
        int lead = grad.Rank - shape.Rank;
        var axes = new List<int>();
        for (int i = 0; i < grad.Rank; i++)
            if (i < lead || (shape[i - lead] == 1 && grad.Shape[i] != 1)) axes.Add(i);
        var summed = axes.Count > 0 ? ReduceSum(grad, axes.ToArray()) : grad;
        return Reshape(summed, shape);
    }

    private static int[] NormalizeAxes(Tensor x, int[]? axis, string op)
    {
        if (axis is null) return Enumerable.Range(0, x.Rank).ToArray();
        var set = new SortedSet<int>();
        foreach (var a in axis)
            if (!set.Add(x.Shape.NormalizeAxis(a, op)))
                throw new InvalidArgumentError($"{op}: axis {a} is given twice in [{string.Join(", ", axis)}].");
        return set.ToArray();
    }

    private static Shape KeptShape(Shape input, int[] axes)
    {
        var d = input.ToArray();
        foreach (var a in axes) d[a] = 1;
        return Shape.Wrap(d);
    }

    private static Tensor KeepDims(Tensor reduced, Shape input, int[] axes, bool keepDims) =>
        keepDims ? Tensor.FromBuffer(reduced.Buffer, KeptShape(input, axes), reduced.DType) : reduced;

    private static Tensor IntegerDivide(Tensor sum, int count)
    {
        var y = Tensor.Empty(sum.DType, sum.Shape);
        switch (sum.DType)
        {
            case DType.Int32: { var s = sum.Data<int>(); var d = y.Data<int>(); for (int i = 0; i < s.Length; i++) d[i] = count == 0 ? 0 : s[i] / count; break; }
            case DType.Int64: { var s = sum.Data<long>(); var d = y.Data<long>(); for (int i = 0; i < s.Length; i++) d[i] = count == 0 ? 0 : s[i] / count; break; }
            case DType.UInt8: { var s = sum.Data<byte>(); var d = y.Data<byte>(); for (int i = 0; i < s.Length; i++) d[i] = (byte)(count == 0 ? 0 : s[i] / count); break; }
            default: throw new UnsupportedDTypeError($"ReduceMean: dtype {sum.DType.Name()} is not supported.");
        }
        return y;
    }
}
