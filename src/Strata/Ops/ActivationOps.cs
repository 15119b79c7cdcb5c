#pragma warning disable CS8981
using Strata.Kernels;

namespace Strata;

public static partial class tf
{
    // The activations of tf.nn and Keras, each a vectorised kernel (Kernels/ActivationKernels.cs) and a gradient rule
    // as TensorFlow's nn_grad.py / math_grad.py define it, written with Strata ops so that nested tapes give second
    // derivatives. Float32 and float64 only.

    /// <summary>log(1 + x), accurate for small x (tf.math.log1p).</summary>
    public static Tensor Log1p(Tensor x)
    {
        RequireFloat(x, "Log1p");
        var y = Elementwise.UnaryFloat<Log1pOp>(x);
        if (GradientTape.IsRecording) Record("Log1p", y, [x], static (dy, i, _) => [Divide(dy, 1.0 + i[0])]);
        return y;
    }

    /// <summary>e^x - 1, accurate for small x (tf.math.expm1).</summary>
    public static Tensor Expm1(Tensor x)
    {
        RequireFloat(x, "Expm1");
        var y = Elementwise.UnaryFloat<Expm1Op>(x);
        if (GradientTape.IsRecording) Record("Expm1", y, [x], static (dy, i, _) => [Multiply(dy, Exp(i[0]))]);
        return y;
    }

    /// <summary>The error function (tf.math.erf); its gradient is 2/√π·e^(-x²).</summary>
    public static Tensor Erf(Tensor x)
    {
        RequireFloat(x, "Erf");
        var y = Elementwise.UnaryFloat<ErfOp>(x);
        if (GradientTape.IsRecording)
            Record("Erf", y, [x], static (dy, i, _) => [Multiply(dy, Exp(Negative(Square(i[0]))) * 1.1283791670955126)]);
        return y;
    }

    /// <summary>tf.nn.elu: x for x &gt; 0, alpha·(e^x - 1) otherwise (tf.nn.elu is alpha = 1; Keras's elu takes alpha).
    /// Gradient (EluGrad): dy for x ≥ 0, dy·(y + alpha) below.</summary>
    public static Tensor Elu(Tensor x, double alpha = 1.0)
    {
        RequireFloat(x, "Elu");
        var y = ActivationKernels.Unary<EluOp>(x, alpha);
        if (GradientTape.IsRecording)
            Record("Elu", y, [x], (dy, i, y) => [Where(Less(i[0], 0.0), Multiply(dy, y + alpha), dy)]);
        return y;
    }

    /// <summary>tf.nn.selu: scale·elu(x, alpha) with scale ≈ 1.0507 and alpha ≈ 1.6733. Gradient (SeluGrad): dy·scale
    /// for x ≥ 0, dy·(y + scale·alpha) below.</summary>
    public static Tensor Selu(Tensor x)
    {
        RequireFloat(x, "Selu");
        var y = Elementwise.UnaryFloat<SeluOp>(x);
        if (GradientTape.IsRecording)
            Record("Selu", y, [x], static (dy, i, y) =>
                [Where(Less(i[0], 0.0), Multiply(dy, y + SeluOp.Scale * SeluOp.Alpha), dy * SeluOp.Scale)]);
        return y;
    }

    /// <summary>tf.nn.leaky_relu: x for x &gt; 0, alpha·x otherwise (TensorFlow's default alpha 0.2). Gradient: dy for
    /// x &gt; 0, alpha·dy otherwise.</summary>
    public static Tensor LeakyRelu(Tensor x, double alpha = 0.2)
    {
        RequireFloat(x, "LeakyRelu");
        var y = ActivationKernels.Unary<LeakyReluOp>(x, alpha);
        if (GradientTape.IsRecording)
            Record("LeakyRelu", y, [x], (dy, i, _) => [Where(Greater(i[0], 0.0), dy, dy * alpha)]);
        return y;
    }

    /// <summary>tf.nn.relu6: min(max(x, 0), 6). Gradient (Relu6Grad): dy strictly inside (0, 6), 0 elsewhere, the
    /// boundaries included.</summary>
    public static Tensor Relu6(Tensor x)
    {
        RequireFloat(x, "Relu6");
        var y = Elementwise.UnaryFloat<Relu6Op>(x);
        if (GradientTape.IsRecording)
            Record("Relu6", y, [x], static (dy, i, _) => [Where(Inside(i[0], 0, 6), dy, 0.0)]);
        return y;
    }

    /// <summary>tf.nn.silu / tf.nn.swish: x·sigmoid(x). Gradient: dy·s·(1 + x·(1 - s)) with s = sigmoid(x).</summary>
    public static Tensor Swish(Tensor x)
    {
        RequireFloat(x, "Swish");
        var y = Elementwise.UnaryFloat<SwishOp>(x);
        if (GradientTape.IsRecording)
            Record("Swish", y, [x], static (dy, i, _) =>
            {
                var s = Sigmoid(i[0]);
                return [Multiply(dy, s * (1.0 + i[0] * (1.0 - s)))];
            });
        return y;
    }

    /// <summary>Another name of <see cref="Swish"/>, as tf.nn.silu is.</summary>
    public static Tensor Silu(Tensor x) => Swish(x);

    /// <summary>Keras 3's hard_sigmoid: relu6(x + 3) / 6. Gradient: dy/6 inside (-3, 3), 0 elsewhere.</summary>
    public static Tensor HardSigmoid(Tensor x)
    {
        RequireFloat(x, "HardSigmoid");
        var y = Elementwise.UnaryFloat<HardSigmoidOp>(x);
        if (GradientTape.IsRecording)
            Record("HardSigmoid", y, [x], static (dy, i, _) => [Where(Inside(i[0], -3, 3), dy / 6.0, 0.0)]);
        return y;
    }

    /// <summary>Keras 3's hard_silu / hard_swish: x·hard_sigmoid(x). Gradient: 0 for x ≤ -3, dy for x ≥ 3,
    /// dy·(2x + 3)/6 between (what the product rule gives with Relu6Grad's boundaries).</summary>
    public static Tensor HardSwish(Tensor x)
    {
        RequireFloat(x, "HardSwish");
        var y = Elementwise.UnaryFloat<HardSwishOp>(x);
        if (GradientTape.IsRecording)
            Record("HardSwish", y, [x], static (dy, i, _) =>
                [Where(LessEqual(i[0], -3.0), 0.0, Where(GreaterEqual(i[0], 3.0), dy, Multiply(dy, (i[0] * 2.0 + 3.0) / 6.0)))]);
        return y;
    }

    /// <summary>tf.nn.softplus: log(1 + e^x), stable at both ends as TensorFlow's kernel (x for large x, e^x for very
    /// negative x). Gradient (SoftplusGrad): dy·sigmoid(x).</summary>
    public static Tensor Softplus(Tensor x)
    {
        RequireFloat(x, "Softplus");
        var y = Elementwise.UnaryFloat<SoftplusOp>(x);
        if (GradientTape.IsRecording) Record("Softplus", y, [x], static (dy, i, _) => [Multiply(dy, Sigmoid(i[0]))]);
        return y;
    }

    /// <summary>tf.nn.softsign: x / (1 + |x|). Gradient (SoftsignGrad): dy / (1 + |x|)².</summary>
    public static Tensor Softsign(Tensor x)
    {
        RequireFloat(x, "Softsign");
        var y = Elementwise.UnaryFloat<SoftsignOp>(x);
        if (GradientTape.IsRecording) Record("Softsign", y, [x], static (dy, i, _) => [Divide(dy, Square(1.0 + Abs(i[0])))]);
        return y;
    }

    /// <summary>Keras's mish: x·tanh(softplus(x)). Gradient: dy·(t + x·(1 - t²)·sigmoid(x)) with t = tanh(softplus(x)).</summary>
    public static Tensor Mish(Tensor x)
    {
        RequireFloat(x, "Mish");
        var y = Elementwise.UnaryFloat<MishOp>(x);
        if (GradientTape.IsRecording)
            Record("Mish", y, [x], static (dy, i, _) =>
            {
                var t = Tanh(Softplus(i[0]));
                return [Multiply(dy, t + i[0] * (1.0 - Square(t)) * Sigmoid(i[0]))];
            });
        return y;
    }

    /// <summary>tf.nn.gelu: x·Φ(x) exactly (through erf), or with <paramref name="approximate"/> the tanh form
    /// ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). Gradients are the derivatives of each form.</summary>
    public static Tensor Gelu(Tensor x, bool approximate = false)
    {
        RequireFloat(x, "Gelu");
        if (approximate)
        {
            var ya = Elementwise.UnaryFloat<GeluTanhOp>(x);
            if (GradientTape.IsRecording) Record("Gelu", ya, [x], static (dy, i, _) => [Multiply(dy, GeluTanhDerivative(i[0]))]);
            return ya;
        }
        var y = Elementwise.UnaryFloat<GeluOp>(x);
        if (GradientTape.IsRecording)
            Record("Gelu", y, [x], static (dy, i, _) => [Multiply(dy, NormalCdf(i[0]) + i[0] * NormalPdf(i[0]))]); // Φ + x·φ
        return y;
    }

    /// <summary>Φ(x), the standard normal CDF (the exact gelu's derivative needs it); its gradient is φ(x).</summary>
    private static Tensor NormalCdf(Tensor x)
    {
        var y = Elementwise.UnaryFloat<NormalCdfOp>(x);
        if (GradientTape.IsRecording) Record("NormalCdf", y, [x], static (dy, i, _) => [Multiply(dy, NormalPdf(i[0]))]);
        return y;
    }

    /// <summary>φ(x) = e^(-x²/2)/√(2π).</summary>
    private static Tensor NormalPdf(Tensor x) => Exp(Square(x) * -0.5) * 0.3989422804014327;

    private static Tensor GeluTanhDerivative(Tensor x)
    {
        var x2 = Square(x);
        var t = Tanh(x * (1.0 + x2 * GeluTanhOp.K) * GeluTanhOp.C);
        var du = (1.0 + x2 * (3 * GeluTanhOp.K)) * GeluTanhOp.C;
        return (1.0 + t) * 0.5 + x * (1.0 - Square(t)) * du * 0.5;
    }

    /// <summary>lo &lt; x &lt; hi, elementwise.</summary>
    private static Tensor Inside(Tensor x, double lo, double hi) => LogicalAnd(Greater(x, lo), Less(x, hi));

    /// <summary>TensorFlow's <c>tf.nn</c>: doors to the activations and nn ops defined flat on <c>tf</c>.</summary>
    public static partial class nn
    {
        /// <inheritdoc cref="tf.Relu(Tensor)"/>
        public static Tensor Relu(Tensor features) => tf.Relu(features);
        /// <inheritdoc cref="tf.Relu6(Tensor)"/>
        public static Tensor Relu6(Tensor features) => tf.Relu6(features);
        /// <inheritdoc cref="tf.Elu(Tensor, double)"/>
        public static Tensor Elu(Tensor features) => tf.Elu(features);
        /// <inheritdoc cref="tf.Selu(Tensor)"/>
        public static Tensor Selu(Tensor features) => tf.Selu(features);
        /// <inheritdoc cref="tf.Gelu(Tensor, bool)"/>
        public static Tensor Gelu(Tensor features, bool approximate = false) => tf.Gelu(features, approximate);
        /// <inheritdoc cref="tf.LeakyRelu(Tensor, double)"/>
        public static Tensor LeakyRelu(Tensor features, double alpha = 0.2) => tf.LeakyRelu(features, alpha);
        /// <inheritdoc cref="tf.Swish(Tensor)"/>
        public static Tensor Silu(Tensor features) => tf.Swish(features);
        /// <inheritdoc cref="tf.Swish(Tensor)"/>
        public static Tensor Swish(Tensor features) => tf.Swish(features);
        /// <inheritdoc cref="tf.Softplus(Tensor)"/>
        public static Tensor Softplus(Tensor features) => tf.Softplus(features);
        /// <inheritdoc cref="tf.Softsign(Tensor)"/>
        public static Tensor Softsign(Tensor features) => tf.Softsign(features);
        /// <inheritdoc cref="tf.Sigmoid(Tensor)"/>
        public static Tensor Sigmoid(Tensor x) => tf.Sigmoid(x);
        /// <inheritdoc cref="tf.Tanh(Tensor)"/>
        public static Tensor Tanh(Tensor x) => tf.Tanh(x);
        /// <inheritdoc cref="tf.Softmax(Tensor, int)"/>
        public static Tensor Softmax(Tensor logits, int axis = -1) => tf.Softmax(logits, axis);
        /// <inheritdoc cref="tf.LogSoftmax(Tensor, int)"/>
        public static Tensor LogSoftmax(Tensor logits, int axis = -1) => tf.LogSoftmax(logits, axis);
    }
}
