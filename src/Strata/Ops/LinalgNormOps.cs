#pragma warning disable CS8981
namespace Strata;

// tf.norm and tf.math.l2_normalize, composed of Strata ops as TensorFlow composes them (so their gradients are
// TensorFlow's, NaN at a zero Euclidean norm included).
public static partial class tf
{
    /// <summary>tf.norm with ord "euclidean" (default) or "fro": sqrt of the sum of squares over
    /// <paramref name="axis"/> (null: the whole tensor as one vector; two axes: a matrix norm).</summary>
    public static Tensor Norm(Tensor tensor, string ord = "euclidean", int[]? axis = null, bool keepDims = false)
    {
        RequireFloat(tensor, "Norm");
        if (ord is not ("euclidean" or "fro"))
            throw new InvalidArgumentError($"Norm: ord must be \"euclidean\", \"fro\" or a number, got \"{ord}\".");
        var axes = NormAxes(tensor, axis);
        if (ord == "fro" && axes.Length == 1)
            throw new InvalidArgumentError("Norm: ord \"fro\" is a matrix norm: it needs two axes.");
        return Sqrt(ReduceSum(Multiply(tensor, tensor), axes, keepDims));
    }

    /// <summary>tf.norm with a numeric ord: for vectors (one axis, or none) the p-norm (sum |x|^p)^(1/p) for p &gt; 0,
    /// max |x| for +inf; for matrices (two axes) 1 (largest column sum of |x|) and +inf (largest row sum).</summary>
    public static Tensor Norm(Tensor tensor, double ord, int[]? axis = null, bool keepDims = false)
    {
        RequireFloat(tensor, "Norm");
        var axes = NormAxes(tensor, axis);
        if (axes.Length == 2 && axis is not null)
        {
            if (ord == 2)
                throw new InvalidArgumentError("Norm: the matrix 2-norm needs singular values (an SVD), which Strata does not have yet.");
            if (ord is not (1 or double.PositiveInfinity))
                throw new InvalidArgumentError($"Norm: ord must be a supported matrix norm ('euclidean', 'fro', 1, inf), got {ord}.");
            // Sum over the rows (ord 1: per column) or the columns (inf: per row), then the largest.
            int sumAxis = ord == 1 ? axes[0] : axes[1], maxAxis = ord == 1 ? axes[1] : axes[0];
            var sums = ReduceSum(Abs(tensor), [sumAxis], keepDims: true);
            var y = ReduceMax(sums, [maxAxis], keepDims: true);
            return keepDims ? y : Squeeze(y, axes);
        }
        if (!(ord > 0))
            throw new InvalidArgumentError($"Norm: ord must be a supported vector norm (a number > 0 or inf), got {ord}.");
        var abs = Abs(tensor);
        if (double.IsPositiveInfinity(ord)) return ReduceMax(abs, axes, keepDims);
        if (ord == 1) return ReduceSum(abs, axes, keepDims);
        if (ord == 2) return Sqrt(ReduceSum(Multiply(tensor, tensor), axes, keepDims));
        return Pow(ReduceSum(Pow(abs, ord), axes, keepDims), 1.0 / ord);
    }

    /// <summary>The axes of a norm: all for null, else one or two distinct axes.</summary>
    private static int[] NormAxes(Tensor tensor, int[]? axis)
    {
        if (axis is not null && axis.Length is not (1 or 2))
            throw new InvalidArgumentError($"Norm: axis must be null, one axis or two, got [{string.Join(", ", axis)}].");
        var axes = NormalizeAxes(tensor, axis, "Norm");
        // A matrix norm keeps the order the caller gave (rows first), which NormalizeAxes sorts away.
        if (axis is { Length: 2 }) axes = [tensor.Shape.NormalizeAxis(axis[0], "Norm"), tensor.Shape.NormalizeAxis(axis[1], "Norm")];
        return axes;
    }

    /// <summary>tf.math.reduce_euclidean_norm: sqrt of the sum of squares over <paramref name="axis"/> (all when null).</summary>
    public static Tensor ReduceEuclideanNorm(Tensor x, int[]? axis = null, bool keepDims = false)
    {
        RequireFloat(x, "ReduceEuclideanNorm");
        NormalizeAxes(x, axis, "ReduceEuclideanNorm");
        return Sqrt(ReduceSum(Multiply(x, x), axis, keepDims));
    }

    /// <summary>tf.math.l2_normalize: x / sqrt(max(sum(x²), epsilon)) over <paramref name="axis"/> (all when null).</summary>
    public static Tensor L2Normalize(Tensor x, int[]? axis = null, double epsilon = 1e-12)
    {
        RequireFloat(x, "L2Normalize");
        NormalizeAxes(x, axis, "L2Normalize");
        var squareSum = ReduceSum(Square(x), axis, keepDims: true);
        return Divide(x, Sqrt(Maximum(squareSum, epsilon)));
    }

    /// <summary>tf.math.l2_normalize over the one axis <paramref name="axis"/>; see <see cref="L2Normalize(Tensor, int[], double)"/>.</summary>
    public static Tensor L2Normalize(Tensor x, int axis, double epsilon = 1e-12) => L2Normalize(x, [axis], epsilon);
}
