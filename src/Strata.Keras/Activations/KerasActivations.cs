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

        public static Tensor Sigmoid(Tensor x) => tf.Sigmoid(x);
        public static Tensor Tanh(Tensor x) => tf.Tanh(x);
        public static Tensor Linear(Tensor x) => x;
        public static Tensor Exponential(Tensor x) => tf.Exp(x);
        public static Tensor Softmax(Tensor x, int axis = -1) => tf.Softmax(x, axis);
        public static Tensor LogSoftmax(Tensor x, int axis = -1) => tf.LogSoftmax(x, axis);
        public static Tensor Softplus(Tensor x) => tf.Softplus(x);
        public static Tensor Softsign(Tensor x) => tf.Softsign(x);
        public static Tensor Elu(Tensor x, double alpha = 1.0) => tf.Elu(x, alpha);
        public static Tensor Selu(Tensor x) => tf.Selu(x);
        public static Tensor Gelu(Tensor x, bool approximate = false) => tf.Gelu(x, approximate);
        public static Tensor LeakyRelu(Tensor x, double negativeSlope = 0.2) => tf.LeakyRelu(x, negativeSlope);
        public static Tensor Relu6(Tensor x) => tf.Relu6(x);
        public static Tensor Silu(Tensor x) => tf.Swish(x);
        public static Tensor Swish(Tensor x) => tf.Swish(x);
        public static Tensor HardSigmoid(Tensor x) => tf.HardSigmoid(x);
        public static Tensor HardSilu(Tensor x) => tf.HardSwish(x);
        public static Tensor HardSwish(Tensor x) => tf.HardSwish(x);
        public static Tensor Mish(Tensor x) => tf.Mish(x);

        /// <summary>keras.activations.get: an activation by name.</summary>
        public static Strata.Keras.Activation Get(string? name) => Strata.Keras.Activation.Get(name);
    }
}
