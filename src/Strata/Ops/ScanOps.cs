#pragma warning disable CS8981
using Strata.Kernels;

namespace Strata;

// Cumulative sum and product (tf.math.cumsum, tf.math.cumprod) with TensorFlow's exclusive and reverse flags.
public static partial class tf
{
    /// <summary>tf.math.cumsum along <paramref name="axis"/>: exclusive leaves out each element itself (the first
    /// output is 0), reverse runs from the end. Gradient: the cumsum of dy the other way round.</summary>
    public static Tensor Cumsum(Tensor x, int axis = 0, bool exclusive = false, bool reverse = false)
    {
        var y = ScanForward(x, axis, product: false, exclusive, reverse, "Cumsum");
        if (GradientTape.IsRecording)
            Record("Cumsum", y, [x], (dy, _, _) => [Cumsum(dy, axis, exclusive, !reverse)]);
        return y;
    }

    /// <summary>tf.math.cumprod along <paramref name="axis"/> (exclusive: the first output is 1). Gradient as
    /// TensorFlow's: cumsum(cumprod(x) * dy, the other way round) / x, so it is not finite where x is 0.</summary>
    public static Tensor Cumprod(Tensor x, int axis = 0, bool exclusive = false, bool reverse = false)
    {
        var y = ScanForward(x, axis, product: true, exclusive, reverse, "Cumprod");
        if (GradientTape.IsRecording)
            Record("Cumprod", y, [x], (dy, i, _) =>
            {
                var prod = Cumprod(i[0], axis, exclusive, reverse);
                return [Divide(Cumsum(Multiply(prod, dy), axis, exclusive, !reverse), i[0])];
            });
        return y;
    }

    private static Tensor ScanForward(Tensor x, int axis, bool product, bool exclusive, bool reverse, string op)
    {
        RequireNumeric(x, op);
        int r = x.Rank;
        if (axis < -r || axis >= r)
            throw new InvalidArgumentError($"{op}: expected scan axis in the range [{-r}, {r}), but got {axis} (shape {x.Shape}).");
        return Scan.Run(x, axis < 0 ? axis + r : axis, product, exclusive, reverse);
    }
}
