#pragma warning disable CS8981 // `keras` is lower-case on purpose.
namespace Strata;

public static partial class keras
{
    /// <summary>Keras 3's <c>keras.activations</c>: doors to the tf ops, with Keras's argument names and defaults.</summary>
    public static class activations
    {
        /// <summary>Keras 3's relu with its options: values above <paramref name="threshold"/> pass (others become 0, or
        /// <paramref name="negativeSlope"/>·(x - threshold)), capped at <paramref name="maxValue"/>.</summary>
        public static Tensor Relu(Tensor x, double negativeSlope = 0, double? maxValue = null, double threshold = 0)
        {
            Guard.NotNull(x, "keras.activations.relu", "x");
            if (negativeSlope == 0 && maxValue is null && threshold == 0) return tf.Relu(x);
            if (negativeSlope != 0 && maxValue is null && threshold == 0) return tf.LeakyRelu(x, negativeSlope);
            // Keras's composition: the negative part before x is overwritten, then the threshold, the cap, the slope.
            Tensor? negative = negativeSlope != 0 ? tf.Relu(threshold - x) : null;
            Tensor y;
            if (threshold != 0) y = tf.Where(tf.Greater(x, threshold), x, 0.0);
            else if (maxValue == 6) { y = tf.Relu6(x); maxValue = null; }
            else y = tf.Relu(x);
            if (maxValue is { } max) y = tf.ClipByValue(y, 0.0, max);
            return negative is null ? y : y - negative * negativeSlope;
        }

        /// <summary>keras.activations.sigmoid: 1 / (1 + e^-x).</summary>
        public static Tensor Sigmoid(Tensor x) => tf.Sigmoid(x);
        /// <summary>keras.activations.tanh: the hyperbolic tangent, (e^x - e^-x) / (e^x + e^-x).</summary>
        public static Tensor Tanh(Tensor x) => tf.Tanh(x);
        /// <summary>keras.activations.linear: returns <paramref name="x"/> unchanged.</summary>
        public static Tensor Linear(Tensor x) => x;
        /// <summary>keras.activations.exponential: e^x.</summary>
        public static Tensor Exponential(Tensor x) => tf.Exp(x);
        /// <summary>keras.activations.softmax: exp(x) / sum(exp(x)) along <paramref name="axis"/> (default the last), so
        /// each slice along it sums to 1.</summary>
        public static Tensor Softmax(Tensor x, int axis = -1) => tf.Softmax(x, axis);
        /// <summary>keras.activations.log_softmax: x - log(sum(exp(x))) along <paramref name="axis"/> (default the last),
        /// the logarithm of <see cref="Softmax"/> computed stably.</summary>
        public static Tensor LogSoftmax(Tensor x, int axis = -1) => tf.LogSoftmax(x, axis);
        /// <summary>keras.activations.softplus: log(1 + e^x), a smooth relu.</summary>
        public static Tensor Softplus(Tensor x) => tf.Softplus(x);
        /// <summary>keras.activations.softsign: x / (1 + |x|).</summary>
        public static Tensor Softsign(Tensor x) => tf.Softsign(x);
        /// <summary>keras.activations.elu: x for x &gt; 0, <paramref name="alpha"/>·(e^x - 1) otherwise (Keras 3's default
        /// alpha 1.0).</summary>
        public static Tensor Elu(Tensor x, double alpha = 1.0) => tf.Elu(x, alpha);
        /// <summary>keras.activations.selu: scale·elu(x, alpha) with Klambauer et al.'s constants scale ≈ 1.0507 and
        /// alpha ≈ 1.6733 (self-normalizing; pair it with lecun_normal weights).</summary>
        public static Tensor Selu(Tensor x) => tf.Selu(x);
        /// <summary>keras.activations.gelu: x·Φ(x) with Φ the standard normal CDF; with <paramref name="approximate"/>
        /// the tanh form ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). Keras 3's default is exact.</summary>
        public static Tensor Gelu(Tensor x, bool approximate = false) => tf.Gelu(x, approximate);
        /// <summary>keras.activations.leaky_relu: x for x ≥ 0, <paramref name="negativeSlope"/>·x below (Keras 3's default
        /// slope 0.2).</summary>
        public static Tensor LeakyRelu(Tensor x, double negativeSlope = 0.2) => tf.LeakyRelu(x, negativeSlope);
        /// <summary>keras.activations.relu6: min(max(x, 0), 6).</summary>
        public static Tensor Relu6(Tensor x) => tf.Relu6(x);
        /// <summary>keras.activations.silu: x·sigmoid(x) (the same function as <see cref="Swish"/>).</summary>
        public static Tensor Silu(Tensor x) => tf.Swish(x);
        /// <summary>keras.activations.swish: x·sigmoid(x) (Keras 3's alias of silu).</summary>
        public static Tensor Swish(Tensor x) => tf.Swish(x);
        /// <summary>keras.activations.hard_sigmoid: relu6(x + 3) / 6, a piecewise-linear sigmoid that is 0 below -3,
        /// 1 above 3 and linear between.</summary>
        public static Tensor HardSigmoid(Tensor x) => tf.HardSigmoid(x);
        /// <summary>keras.activations.hard_silu: x·hard_sigmoid(x) (the same function as <see cref="HardSwish"/>).</summary>
        public static Tensor HardSilu(Tensor x) => tf.HardSwish(x);
        /// <summary>keras.activations.hard_swish: x·hard_sigmoid(x) (Keras 3's alias of hard_silu).</summary>
        public static Tensor HardSwish(Tensor x) => tf.HardSwish(x);
        /// <summary>keras.activations.mish: x·tanh(softplus(x)).</summary>
        public static Tensor Mish(Tensor x) => tf.Mish(x);

        /// <summary>keras.activations.get: an activation by name.</summary>
        public static Strata.Keras.Activation Get(string? name) => Strata.Keras.Activation.Get(name);
    }
}
