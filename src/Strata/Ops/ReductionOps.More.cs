#pragma warning disable CS8981
using Strata.Kernels;

namespace Strata;

// The reductions beyond sum, mean, max and min: product, log-sum-exp, variance and standard deviation, the
// logical any/all, and count_nonzero. Each follows tf.math's semantics (dtypes, empty axes, keepdims).
public static partial class tf
{
    /// <summary>tf.math.reduce_prod: the product over <paramref name="axis"/> (all when null); 1 for an empty reduction.</summary>
    public static Tensor ReduceProd(Tensor x, int[]? axis = null, bool keepDims = false)
    {
        RequireNumeric(x, "ReduceProd");
        var axes = NormalizeAxes(x, axis, "ReduceProd");
        var y = KeepDims(Reduce.Run(x, axes, ReduceKind.Prod, "ReduceProd"), x.Shape, axes, keepDims);
        if (GradientTape.IsRecording)
            Record("ReduceProd", y, [x], (dy, i, _) => [ProdGradient(i[0], Reshape(dy, KeptShape(i[0].Shape, axes)), axes)]);
        return y;
    }

    /// <summary>tf.math.reduce_prod over the one axis <paramref name="axis"/>; see <see cref="ReduceProd(Tensor, int[], bool)"/>.</summary>
    public static Tensor ReduceProd(Tensor x, int axis, bool keepDims = false) => ReduceProd(x, [axis], keepDims);

    /// <summary>
    /// TensorFlow's rule for the gradient of a product (math_grad._ProdGrad): the reduced axes are moved to the
    /// front and flattened, and each element's partial is the product of the others, computed as the exclusive
    /// cumulative product from the left times the one from the right. No division, so zeros are handled exactly.
    /// </summary>
    private static Tensor ProdGradient(Tensor x, Tensor dyKept, int[] axes)
    {
        int r = x.Rank;
        var others = Enumerable.Range(0, r).Where(a => !axes.Contains(a)).ToArray();
        var perm = axes.Concat(others).ToArray();
        var inverse = new int[r];
        for (int i = 0; i < r; i++) inverse[perm[i]] = i;
        int reduced = 1, kept = 1;
        foreach (var a in axes) reduced *= x.Shape[a];
        foreach (var a in others) kept *= x.Shape[a];
        var permuted = Transpose(x, perm);
        var flat = Reshape(permuted, [reduced, kept]);
        var left = Cumprod(flat, 0, exclusive: true);
        var right = Cumprod(flat, 0, exclusive: true, reverse: true);
        var products = Transpose(Reshape(Multiply(left, right), permuted.Shape), inverse);
        return Multiply(products, BroadcastTo(dyKept, x.Shape));
    }

    /// <summary>tf.math.reduce_logsumexp: log(sum(exp(x))) computed stably; -inf for an empty reduction or a row of -inf.
    /// Its gradient is the softmax of x along the reduced axes.</summary>
    public static Tensor ReduceLogSumExp(Tensor x, int[]? axis = null, bool keepDims = false)
    {
        RequireFloat(x, "ReduceLogSumExp");
        var axes = NormalizeAxes(x, axis, "ReduceLogSumExp");
        var y = KeepDims(LogSumExpKernel(x, axes), x.Shape, axes, keepDims);
        if (GradientTape.IsRecording)
            Record("ReduceLogSumExp", y, [x], (dy, i, y) =>
            {
                var kept = KeptShape(i[0].Shape, axes);
                return [Multiply(Exp(Subtract(i[0], Reshape(y, kept))), Reshape(dy, kept))];
            });
        return y;
    }

    /// <summary>tf.math.reduce_logsumexp over the one axis <paramref name="axis"/>; see <see cref="ReduceLogSumExp(Tensor, int[], bool)"/>.</summary>
    public static Tensor ReduceLogSumExp(Tensor x, int axis, bool keepDims = false) => ReduceLogSumExp(x, [axis], keepDims);

    /// <summary>The reduced axes moved last (a transpose when they are not already), then one row per output.</summary>
    private static Tensor LogSumExpKernel(Tensor x, int[] axes)
    {
        int r = x.Rank;
        var others = Enumerable.Range(0, r).Where(a => !axes.Contains(a)).ToArray();
        bool trailing = true;
        for (int i = 0; i < axes.Length; i++) trailing &= axes[i] == r - axes.Length + i;
        var src = x;
        if (!trailing)
            using (GradientTape.PauseAll()) src = Transpose(x, others.Concat(axes).ToArray());
        int n = 1;
        foreach (var a in axes) n *= x.Shape[a];
        var outShape = Shape.Wrap(others.Select(a => x.Shape[a]).ToArray());
        int outer = outShape.Size;
        var y = Tensor.Empty(x.DType, outShape);
        LogSumExp.Rows(src, y, outer, n);
        return y;
    }

    /// <summary>tf.math.reduce_variance: the mean squared deviation from the mean (biased: divides by N), floats only.</summary>
    public static Tensor ReduceVariance(Tensor x, int[]? axis = null, bool keepDims = false)
    {
        RequireFloat(x, "ReduceVariance");
        NormalizeAxes(x, axis, "ReduceVariance"); // the error names this op, not the ReduceMean it is built on
        var mean = ReduceMean(x, axis, keepDims: true);
        return ReduceMean(Square(Subtract(x, mean)), axis, keepDims);
    }

    /// <summary>tf.math.reduce_variance over the one axis <paramref name="axis"/>; see <see cref="ReduceVariance(Tensor, int[], bool)"/>.</summary>
    public static Tensor ReduceVariance(Tensor x, int axis, bool keepDims = false) => ReduceVariance(x, [axis], keepDims);

    /// <summary>tf.math.reduce_std: the square root of <see cref="ReduceVariance(Tensor, int[], bool)"/>.</summary>
    public static Tensor ReduceStd(Tensor x, int[]? axis = null, bool keepDims = false)
    {
        RequireFloat(x, "ReduceStd");
        NormalizeAxes(x, axis, "ReduceStd");
        return Sqrt(ReduceVariance(x, axis, keepDims));
    }

    /// <summary>tf.math.reduce_std over the one axis <paramref name="axis"/>; see <see cref="ReduceStd(Tensor, int[], bool)"/>.</summary>
    public static Tensor ReduceStd(Tensor x, int axis, bool keepDims = false) => ReduceStd(x, [axis], keepDims);

    /// <summary>tf.math.reduce_any: logical or over the axes of a bool tensor (false for an empty reduction).</summary>
    public static Tensor ReduceAny(Tensor x, int[]? axis = null, bool keepDims = false) => ReduceLogical(x, axis, keepDims, ReduceKind.Max, "ReduceAny");
    /// <summary>tf.math.reduce_any over the one axis <paramref name="axis"/>; see <see cref="ReduceAny(Tensor, int[], bool)"/>.</summary>
    public static Tensor ReduceAny(Tensor x, int axis, bool keepDims = false) => ReduceAny(x, [axis], keepDims);

    /// <summary>tf.math.reduce_all: logical and over the axes of a bool tensor (true for an empty reduction).</summary>
    public static Tensor ReduceAll(Tensor x, int[]? axis = null, bool keepDims = false) => ReduceLogical(x, axis, keepDims, ReduceKind.Min, "ReduceAll");
    /// <summary>tf.math.reduce_all over the one axis <paramref name="axis"/>; see <see cref="ReduceAll(Tensor, int[], bool)"/>.</summary>
    public static Tensor ReduceAll(Tensor x, int axis, bool keepDims = false) => ReduceAll(x, [axis], keepDims);

    private static Tensor ReduceLogical(Tensor x, int[]? axis, bool keepDims, ReduceKind kind, string op)
    {
        NotNull(x, op, "x");
        if (x.DType != DType.Bool)
            throw new UnsupportedDTypeError($"{op}: expected a bool tensor, got {x.DType.Name()} with shape {x.Shape}.");
        var axes = NormalizeAxes(x, axis, op);
        // As bytes 0/1: any is the max, all the min (whose identity, 255, reads as true for an empty reduction).
        var bytes = Cast(x, DType.UInt8);
        return Cast(KeepDims(Reduce.Run(bytes, axes, kind, op), x.Shape, axes, keepDims), DType.Bool);
    }

    /// <summary>tf.math.count_nonzero: how many elements are not zero (not false for bool; NaN counts), as
    /// <paramref name="dtype"/> (int64 by default).</summary>
    public static Tensor CountNonzero(Tensor x, int[]? axis = null, bool keepDims = false, DType dtype = DType.Int64)
    {
        NotNull(x, "CountNonzero", "x");
        var axes = NormalizeAxes(x, axis, "CountNonzero");
        Guard.Known(dtype, "CountNonzero");
        if (dtype == DType.Bool)
            throw new UnsupportedDTypeError("CountNonzero: the count's dtype must be numeric, got bool.");
        var nonzero = Cast(Cast(x, DType.Bool), DType.Int64); // not-zero is exactly the cast to bool
        return Cast(KeepDims(Reduce.Run(nonzero, axes, ReduceKind.Sum, "CountNonzero"), x.Shape, axes, keepDims), dtype);
    }

    /// <summary>tf.math.count_nonzero over the one axis <paramref name="axis"/>; see <see cref="CountNonzero(Tensor, int[], bool, DType)"/>.</summary>
    public static Tensor CountNonzero(Tensor x, int axis, bool keepDims = false, DType dtype = DType.Int64) => CountNonzero(x, [axis], keepDims, dtype);
}
