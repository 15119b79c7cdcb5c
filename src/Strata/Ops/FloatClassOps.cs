#pragma warning disable CS8981
using Strata.Kernels;

namespace Strata;

// tf.math.is_nan / is_inf / is_finite: bool tensors, floats only (TensorFlow has no integer kernels for them).
public static partial class tf
{
    /// <summary>tf.math.is_nan: true where <paramref name="x"/> is NaN; floats only (TensorFlow has no integer kernel).</summary>
    public static Tensor IsNan(Tensor x) => Classify(x, FloatClass.Kind.Nan, "IsNan");
    /// <summary>tf.math.is_inf: true where <paramref name="x"/> is +inf or -inf; floats only.</summary>
    public static Tensor IsInf(Tensor x) => Classify(x, FloatClass.Kind.Inf, "IsInf");
    /// <summary>tf.math.is_finite: true where <paramref name="x"/> is neither NaN nor infinite; floats only.</summary>
    public static Tensor IsFinite(Tensor x) => Classify(x, FloatClass.Kind.Finite, "IsFinite");

    private static Tensor Classify(Tensor x, FloatClass.Kind kind, string op)
    {
        RequireFloat(x, op);
        return Tensor.FromBuffer(FloatClass.Classify(x, kind), x.Shape, DType.Bool);
    }
}
