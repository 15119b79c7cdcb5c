#pragma warning disable CS8981
using Strata.Kernels;

namespace Strata;

public static partial class tf
{
    // The trigonometric and hyperbolic ops (tf.math.sin … atanh, atan2), float32 and float64, each with its gradient
    // as TensorFlow's math_grad.py writes it, in Strata ops so that nested tapes give higher orders. Outside an inverse
    // function's domain the value is NaN (asin(2), acosh(0.5)) as in TensorFlow, not an exception.

    private static Tensor UnaryWithGradient<TOp>(string op, Tensor x, BackwardFunction backward) where TOp : IUnaryFloatOp
    {
        RequireFloat(x, op);
        var y = Elementwise.UnaryFloat<TOp>(x);
        if (GradientTape.IsRecording) Record(op, y, [x], backward);
        return y;
    }

    /// <summary>tf.math.sin; gradient dy·cos(x).</summary>
    public static Tensor Sin(Tensor x) => UnaryWithGradient<SinOp>("Sin", x, static (dy, i, _) => [Multiply(dy, Cos(i[0]))]);

    /// <summary>tf.math.cos; gradient -dy·sin(x).</summary>
    public static Tensor Cos(Tensor x) => UnaryWithGradient<CosOp>("Cos", x, static (dy, i, _) => [Negative(Multiply(dy, Sin(i[0])))]);

    /// <summary>tf.math.tan; gradient dy / cos²(x).</summary>
    public static Tensor Tan(Tensor x) => UnaryWithGradient<TanOp>("Tan", x, static (dy, i, _) => [Divide(dy, Square(Cos(i[0])))]);

    /// <summary>tf.math.asin (NaN outside [-1, 1]); gradient dy / √(1 - x²).</summary>
    public static Tensor Asin(Tensor x) => UnaryWithGradient<AsinOp>("Asin", x, static (dy, i, _) => [Divide(dy, Sqrt(1.0 - Square(i[0])))]);

    /// <summary>tf.math.acos (NaN outside [-1, 1]); gradient -dy / √(1 - x²).</summary>
    public static Tensor Acos(Tensor x) => UnaryWithGradient<AcosOp>("Acos", x, static (dy, i, _) => [Negative(Divide(dy, Sqrt(1.0 - Square(i[0]))))]);

    /// <summary>tf.math.atan; gradient dy / (1 + x²).</summary>
    public static Tensor Atan(Tensor x) => UnaryWithGradient<AtanOp>("Atan", x, static (dy, i, _) => [Divide(dy, 1.0 + Square(i[0]))]);

    /// <summary>tf.math.sinh; gradient dy·cosh(x).</summary>
    public static Tensor Sinh(Tensor x) => UnaryWithGradient<SinhOp>("Sinh", x, static (dy, i, _) => [Multiply(dy, Cosh(i[0]))]);

    /// <summary>tf.math.cosh; gradient dy·sinh(x).</summary>
    public static Tensor Cosh(Tensor x) => UnaryWithGradient<CoshOp>("Cosh", x, static (dy, i, _) => [Multiply(dy, Sinh(i[0]))]);

    /// <summary>tf.math.asinh; gradient dy / cosh(asinh(x)) (TensorFlow's AsinhGrad).</summary>
    public static Tensor Asinh(Tensor x) => UnaryWithGradient<AsinhOp>("Asinh", x, static (dy, _, y) => [Divide(dy, Cosh(y))]);

    /// <summary>tf.math.acosh (NaN below 1); gradient dy / sinh(acosh(x)) (TensorFlow's AcoshGrad).</summary>
    public static Tensor Acosh(Tensor x) => UnaryWithGradient<AcoshOp>("Acosh", x, static (dy, _, y) => [Divide(dy, Sinh(y))]);

    /// <summary>tf.math.atanh (±inf at ±1, NaN beyond); gradient dy / (1 - x²).</summary>
    public static Tensor Atanh(Tensor x) => UnaryWithGradient<AtanhOp>("Atanh", x, static (dy, i, _) => [Divide(dy, 1.0 - Square(i[0]))]);

    /// <summary>tf.math.atan2(y, x): the angle of the point (x, y) in [-π, π], broadcasting. Gradients (Atan2Grad):
    /// dz·x/(x² + y²) for y and -dz·y/(x² + y²) for x.</summary>
    public static Tensor Atan2(Tensor y, Tensor x)
    {
        Unify("Atan2", ref y, ref x);
        RequireFloat(y, "Atan2");
        var z = Elementwise.Binary<Atan2Op>(y, x, BroadcastPlan.OutputShape(y.Shape, x.Shape, "Atan2"));
        if (GradientTape.IsRecording)
            RecordBinary("Atan2", z, y, x,
                static (dz, y, x, _) => SumToShape(Divide(Multiply(dz, x), Add(Square(x), Square(y))), y.Shape),
                static (dz, y, x, _) => SumToShape(Negative(Divide(Multiply(dz, y), Add(Square(x), Square(y)))), x.Shape));
        return z;
    }

    public static partial class math
    {
        /// <inheritdoc cref="tf.Sin(Tensor)"/>
        public static Tensor Sin(Tensor x) => tf.Sin(x);
        /// <inheritdoc cref="tf.Cos(Tensor)"/>
        public static Tensor Cos(Tensor x) => tf.Cos(x);
        /// <inheritdoc cref="tf.Tan(Tensor)"/>
        public static Tensor Tan(Tensor x) => tf.Tan(x);
        /// <inheritdoc cref="tf.Asin(Tensor)"/>
        public static Tensor Asin(Tensor x) => tf.Asin(x);
        /// <inheritdoc cref="tf.Acos(Tensor)"/>
        public static Tensor Acos(Tensor x) => tf.Acos(x);
        /// <inheritdoc cref="tf.Atan(Tensor)"/>
        public static Tensor Atan(Tensor x) => tf.Atan(x);
        /// <inheritdoc cref="tf.Atan2(Tensor, Tensor)"/>
        public static Tensor Atan2(Tensor y, Tensor x) => tf.Atan2(y, x);
        /// <inheritdoc cref="tf.Sinh(Tensor)"/>
        public static Tensor Sinh(Tensor x) => tf.Sinh(x);
        /// <inheritdoc cref="tf.Cosh(Tensor)"/>
        public static Tensor Cosh(Tensor x) => tf.Cosh(x);
        /// <inheritdoc cref="tf.Asinh(Tensor)"/>
        public static Tensor Asinh(Tensor x) => tf.Asinh(x);
        /// <inheritdoc cref="tf.Acosh(Tensor)"/>
        public static Tensor Acosh(Tensor x) => tf.Acosh(x);
        /// <inheritdoc cref="tf.Atanh(Tensor)"/>
        public static Tensor Atanh(Tensor x) => tf.Atanh(x);
    }
}
