#pragma warning disable CS8981
using Strata.Kernels;

namespace Strata;

// tf.math.is_nan / is_inf / is_finite: bool tensors, floats only (TensorFlow has no integer kernels for them).
public static partial class tf
{
    public static Tensor IsNan(Tensor x) => Classify(x, FloatClass.Kind.Nan, "IsNan");
    public static Tensor IsInf(Tensor x) => Classify(x, FloatClass.Kind.Inf, "IsInf");
    public static Tensor IsFinite(Tensor x) => Classify(x, FloatClass.Kind.Finite, "IsFinite");

    private static Tensor Classify(Tensor x, FloatClass.Kind kind, string op)
    {
        RequireFloat(x, op);
        return Tensor.FromBuffer(FloatClass.Classify(x, kind), x.Shape, DType.Bool);
    }
}
