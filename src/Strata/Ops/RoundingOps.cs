#pragma warning disable CS8981
using Strata.Kernels;

namespace Strata;

// Rounding to integral values. TensorFlow gives these no gradient (zero almost everywhere, undefined at the
// steps): like tf.GradientTape, the tape returns null for an input reached only through them.
public static partial class tf
{
    /// <summary>tf.math.floor: the largest integral value not above x (floats only, as in TensorFlow).</summary>
    public static Tensor Floor(Tensor x)
    {
        RequireFloat(x, "Floor");
        return Elementwise.UnaryFloat<FloorOp>(x);
    }

    /// <summary>tf.math.ceil: the smallest integral value not below x (floats only).</summary>
    public static Tensor Ceil(Tensor x)
    {
        RequireFloat(x, "Ceil");
        return Elementwise.UnaryFloat<CeilOp>(x);
    }

    /// <summary>tf.math.round: to the nearest integer, halves to even (banker's rounding): round(2.5) is 2. An
    /// integer tensor is returned unchanged.</summary>
    public static Tensor Round(Tensor x)
    {
        RequireNumeric(x, "Round");
        if (!x.DType.IsFloating) return Identity(x);
        return Elementwise.UnaryFloat<RoundHalfEvenOp>(x);
    }
}
