#pragma warning disable CS8981
using Strata.Kernels;

namespace Strata;

public static partial class tf
{
    // erfc, lgamma, digamma, reciprocal, rsqrt, xlogy, xlog1py: float32/float64 with TensorFlow's gradients
    // (math_grad.py) written in Strata ops.

    /// <summary>tf.math.erfc: 1 - erf(x) without the cancellation; gradient -2/√π·e^(-x²)·dy.</summary>
    public static Tensor Erfc(Tensor x) => UnaryWithGradient<ErfcOp>("Erfc", x,
        static (dy, i, _) => [Multiply(dy, Exp(Negative(Square(i[0]))) * -1.1283791670955126)]);

    /// <summary>tf.math.lgamma: log|Γ(x)| (+inf at 0, -1, -2, …); gradient dy·digamma(x).</summary>
    public static Tensor Lgamma(Tensor x) => UnaryWithGradient<LgammaOp>("Lgamma", x, static (dy, i, _) => [Multiply(dy, Digamma(i[0]))]);

    /// <summary>tf.math.digamma: ψ(x) = Γ'(x)/Γ(x) (NaN at 0, -1, -2, …); gradient dy·ψ'(x) (trigamma, whose own
    /// derivative Strata does not have: asking for a third derivative of lgamma is an error).</summary>
    public static Tensor Digamma(Tensor x) => UnaryWithGradient<DigammaOp>("Digamma", x, static (dy, i, _) => [Multiply(dy, Trigamma(i[0]))]);

    private static Tensor Trigamma(Tensor x) => UnaryWithGradient<TrigammaOp>("Trigamma", x, static (_, _, _) =>
        throw new FailedPreconditionError("Trigamma (the gradient of Digamma): Strata has no gradient for it (polygamma of order 2)."));

    /// <summary>tf.math.reciprocal: 1/x (inf at 0); gradient -dy·y².</summary>
    public static Tensor Reciprocal(Tensor x) => UnaryWithGradient<ReciprocalOp>("Reciprocal", x, static (dy, _, y) => [Negative(Multiply(dy, Square(y)))]);

    /// <summary>tf.math.rsqrt: 1/√x (inf at 0, NaN below); gradient -½·dy·y³.</summary>
    public static Tensor Rsqrt(Tensor x) => UnaryWithGradient<RsqrtOp>("Rsqrt", x, static (dy, _, y) => [Multiply(dy, Multiply(y, Square(y)) * -0.5)]);

    /// <summary>tf.math.xlogy: 0 where x = 0 (whatever y is, 0 and NaN too), else x·log(y). Gradients
    /// (XlogyGrad): log(y)·dz and x/y·dz, both 0 where x = 0.</summary>
    public static Tensor Xlogy(Tensor x, Tensor y) => XlogOf("Xlogy", x, y, log1p: false);

    /// <summary>tf.math.xlog1py: 0 where x = 0, else x·log(1 + y). Gradients: log1p(y)·dz and x/(1 + y)·dz, 0 where x = 0.</summary>
    public static Tensor Xlog1py(Tensor x, Tensor y) => XlogOf("Xlog1py", x, y, log1p: true);

    private static Tensor XlogOf(string op, Tensor x, Tensor y, bool log1p)
    {
        Unify(op, ref x, ref y);
        RequireFloat(x, op);
        BroadcastPlan.OutputShape(x.Shape, y.Shape, op);
        Tensor z;
        using (GradientTape.PauseAll())
            z = Where(Equal(x, 0.0), ZerosLike(Multiply(x, y)), Multiply(x, log1p ? Log1p(y) : Log(y)));
        if (GradientTape.IsRecording)
            RecordBinary(op, z, x, y,
                (dz, x, y, _) =>
                {
                    var nonzero = NotEqual(x, 0.0);
                    var l = log1p ? Log1p(y) : Log(y);
                    return SumToShape(Where(nonzero, Multiply(dz, l), ZerosLike(Multiply(dz, l))), x.Shape);
                },
                (dz, x, y, _) =>
                {
                    var nonzero = NotEqual(x, 0.0);
                    var g = Divide(Multiply(dz, x), log1p ? 1.0 + y : y);
                    return SumToShape(Where(nonzero, g, ZerosLike(g)), y.Shape);
                });
        return z;
    }

    public static partial class math
    {
        /// <inheritdoc cref="tf.Erfc(Tensor)"/>
        public static Tensor Erfc(Tensor x) => tf.Erfc(x);
        /// <inheritdoc cref="tf.Lgamma(Tensor)"/>
        public static Tensor Lgamma(Tensor x) => tf.Lgamma(x);
        /// <inheritdoc cref="tf.Digamma(Tensor)"/>
        public static Tensor Digamma(Tensor x) => tf.Digamma(x);
        /// <inheritdoc cref="tf.Reciprocal(Tensor)"/>
        public static Tensor Reciprocal(Tensor x) => tf.Reciprocal(x);
        /// <inheritdoc cref="tf.Rsqrt(Tensor)"/>
        public static Tensor Rsqrt(Tensor x) => tf.Rsqrt(x);
        /// <inheritdoc cref="tf.Xlogy(Tensor, Tensor)"/>
        public static Tensor Xlogy(Tensor x, Tensor y) => tf.Xlogy(x, y);
        /// <inheritdoc cref="tf.Xlog1py(Tensor, Tensor)"/>
        public static Tensor Xlog1py(Tensor x, Tensor y) => tf.Xlog1py(x, y);

    }
}
