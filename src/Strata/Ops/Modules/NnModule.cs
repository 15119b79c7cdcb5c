#pragma warning disable CS8981
namespace Strata;

public static partial class tf
{
    /// <summary>TensorFlow's <c>tf.nn</c>: doors to the ops defined once on <see cref="tf"/> (the activations are in
    /// ActivationOps.cs), under the names TensorFlow gives them there.</summary>
    public static partial class nn
    {
        /// <inheritdoc cref="tf.BiasAdd(Tensor, Tensor)"/>
        public static Tensor BiasAdd(Tensor value, Tensor bias) => tf.BiasAdd(value, bias);
        /// <inheritdoc cref="tf.Conv1D(Tensor, Tensor, int, string, int)"/>
        public static Tensor Conv1D(Tensor input, Tensor filters, int stride = 1, string padding = "VALID", int dilations = 1) =>
            tf.Conv1D(input, filters, stride, padding, dilations);
        /// <inheritdoc cref="tf.Conv2D(Tensor, Tensor, int[], string, int[])"/>
        public static Tensor Conv2D(Tensor input, Tensor filters, int[]? strides = null, string padding = "VALID", int[]? dilations = null) =>
            tf.Conv2D(input, filters, strides, padding, dilations);
        /// <inheritdoc cref="tf.Conv2D(Tensor, Tensor, int, string, int)"/>
        public static Tensor Conv2D(Tensor input, Tensor filters, int strides, string padding = "VALID", int dilations = 1) =>
            tf.Conv2D(input, filters, strides, padding, dilations);
        /// <inheritdoc cref="tf.Conv3D(Tensor, Tensor, int[], string, int[])"/>
        public static Tensor Conv3D(Tensor input, Tensor filters, int[]? strides = null, string padding = "VALID", int[]? dilations = null) =>
            tf.Conv3D(input, filters, strides, padding, dilations);
        /// <inheritdoc cref="tf.Conv2DTranspose(Tensor, Tensor, int[], int[], string, int[])"/>
        public static Tensor Conv2DTranspose(Tensor input, Tensor filters, int[] outputShape, int[]? strides = null, string padding = "SAME", int[]? dilations = null) =>
            tf.Conv2DTranspose(input, filters, outputShape, strides, padding, dilations);
        /// <inheritdoc cref="tf.DepthwiseConv2D(Tensor, Tensor, int[], string, int[])"/>
        public static Tensor DepthwiseConv2D(Tensor input, Tensor filter, int[]? strides = null, string padding = "VALID", int[]? dilations = null) =>
            tf.DepthwiseConv2D(input, filter, strides, padding, dilations);
        /// <inheritdoc cref="tf.SeparableConv2D(Tensor, Tensor, Tensor, int[], string, int[])"/>
        public static Tensor SeparableConv2D(Tensor input, Tensor depthwiseFilter, Tensor pointwiseFilter, int[]? strides = null, string padding = "VALID", int[]? dilations = null) =>
            tf.SeparableConv2D(input, depthwiseFilter, pointwiseFilter, strides, padding, dilations);
        /// <inheritdoc cref="tf.MaxPool1D(Tensor, int, int, string)"/>
        public static Tensor MaxPool1D(Tensor input, int ksize, int strides, string padding = "VALID") => tf.MaxPool1D(input, ksize, strides, padding);
        /// <inheritdoc cref="tf.MaxPool2D(Tensor, int, int, string)"/>
        public static Tensor MaxPool2D(Tensor input, int ksize, int strides, string padding = "VALID") => tf.MaxPool2D(input, ksize, strides, padding);
        /// <inheritdoc cref="tf.MaxPool2D(Tensor, int[], int[], string)"/>
        public static Tensor MaxPool2D(Tensor input, int[] ksize, int[] strides, string padding = "VALID") => tf.MaxPool2D(input, ksize, strides, padding);
        /// <inheritdoc cref="tf.MaxPool3D(Tensor, int, int, string)"/>
        public static Tensor MaxPool3D(Tensor input, int ksize, int strides, string padding = "VALID") => tf.MaxPool3D(input, ksize, strides, padding);
        /// <inheritdoc cref="tf.AvgPool1D(Tensor, int, int, string)"/>
        public static Tensor AvgPool1D(Tensor input, int ksize, int strides, string padding = "VALID") => tf.AvgPool1D(input, ksize, strides, padding);
        /// <inheritdoc cref="tf.AvgPool2D(Tensor, int, int, string)"/>
        public static Tensor AvgPool2D(Tensor input, int ksize, int strides, string padding = "VALID") => tf.AvgPool2D(input, ksize, strides, padding);
        /// <inheritdoc cref="tf.AvgPool2D(Tensor, int[], int[], string)"/>
        public static Tensor AvgPool2D(Tensor input, int[] ksize, int[] strides, string padding = "VALID") => tf.AvgPool2D(input, ksize, strides, padding);
        /// <inheritdoc cref="tf.AvgPool3D(Tensor, int, int, string)"/>
        public static Tensor AvgPool3D(Tensor input, int ksize, int strides, string padding = "VALID") => tf.AvgPool3D(input, ksize, strides, padding);
        /// <inheritdoc cref="tf.Moments(Tensor, int[], bool)"/>
        public static (Tensor Mean, Tensor Variance) Moments(Tensor x, int[] axes, bool keepDims = false) => tf.Moments(x, axes, keepDims);
        /// <inheritdoc cref="tf.BatchNormalization(Tensor, Tensor, Tensor, Tensor, Tensor, double)"/>
        public static Tensor BatchNormalization(Tensor x, Tensor mean, Tensor variance, Tensor? offset, Tensor? scale, double varianceEpsilon) =>
            tf.BatchNormalization(x, mean, variance, offset, scale, varianceEpsilon);
        /// <inheritdoc cref="tf.FusedBatchNorm(Tensor, Tensor, Tensor, Tensor, Tensor, double, bool)"/>
        public static FusedBatchNormResult FusedBatchNorm(Tensor x, Tensor scale, Tensor offset, Tensor? mean = null, Tensor? variance = null,
            double epsilon = 0.001, bool training = true) => tf.FusedBatchNorm(x, scale, offset, mean, variance, epsilon, training);
        /// <inheritdoc cref="tf.L2Normalize(Tensor, int[], double)"/>
        public static Tensor L2Normalize(Tensor x, int[]? axis = null, double epsilon = 1e-12) => tf.L2Normalize(x, axis, epsilon);
        /// <inheritdoc cref="tf.TopK(Tensor, int, bool)"/>
        public static (Tensor Values, Tensor Indices) TopK(Tensor input, int k = 1, bool sorted = true) => tf.TopK(input, k, sorted);
        /// <inheritdoc cref="tf.SparseSoftmaxCrossEntropyWithLogits(Tensor, Tensor)"/>
        public static Tensor SparseSoftmaxCrossEntropyWithLogits(Tensor labels, Tensor logits) => tf.SparseSoftmaxCrossEntropyWithLogits(labels, logits);
        /// <inheritdoc cref="tf.SoftmaxCrossEntropyWithLogits(Tensor, Tensor)"/>
        public static Tensor SoftmaxCrossEntropyWithLogits(Tensor labels, Tensor logits) => tf.SoftmaxCrossEntropyWithLogits(labels, logits);
        /// <inheritdoc cref="tf.SigmoidCrossEntropyWithLogits(Tensor, Tensor)"/>
        public static Tensor SigmoidCrossEntropyWithLogits(Tensor labels, Tensor logits) => tf.SigmoidCrossEntropyWithLogits(labels, logits);
    }
}
