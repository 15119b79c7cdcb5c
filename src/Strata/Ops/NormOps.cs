#pragma warning disable CS8981
using Strata.Kernels;

namespace Strata;

/// <summary>What <see cref="tf.FusedBatchNorm"/> returns: the normalized tensor and the statistics it used (in
/// training the batch mean and the biased batch variance; in inference the given mean and variance).</summary>
public readonly record struct FusedBatchNormResult(Tensor Y, Tensor BatchMean, Tensor BatchVariance);

public static partial class tf
{
    /// <summary>
    /// tf.nn.moments: the mean and the (biased) variance of <paramref name="x"/> over <paramref name="axes"/>.
    /// Both are differentiable to any order (unlike TensorFlow, the variance does not stop the gradient through
    /// the mean, so that its second derivatives are exact).
    /// </summary>
    public static (Tensor Mean, Tensor Variance) Moments(Tensor x, int[] axes, bool keepDims = false)
    {
        RequireFloat(x, "Moments");
        if (axes is null) throw Guard.Null("Moments", "axes");
        var normalized = NormalizeAxes(x, axes, "Moments");
        var mean = ReduceMean(x, normalized, keepDims: true);
        var variance = ReduceMean(Square(Subtract(x, mean)), normalized, keepDims: true);
        if (keepDims) return (mean, variance);
        var reduced = Shape.Wrap(Enumerable.Range(0, x.Rank).Where(a => !normalized.Contains(a)).Select(a => x.Shape[a]).ToArray());
        return (Reshape(mean, reduced), Reshape(variance, reduced));
    }

    /// <summary>
    /// tf.nn.batch_normalization: <c>(x - mean) / sqrt(variance + varianceEpsilon) * scale + offset</c>, broadcasting
    /// as the ops do (any axis layout); <paramref name="offset"/> and <paramref name="scale"/> may be null.
    /// </summary>
    public static Tensor BatchNormalization(Tensor x, Tensor mean, Tensor variance, Tensor? offset, Tensor? scale, double varianceEpsilon)
    {
        RequireFloat(x, "BatchNormalization");
        NotNull(mean, "BatchNormalization", "mean");
        NotNull(variance, "BatchNormalization", "variance");
        var inv = Divide(1.0, Sqrt(Add(variance, varianceEpsilon)));
        if (scale is not null) inv = Multiply(inv, scale);
        var shift = Negative(Multiply(mean, inv));
        if (offset is not null) shift = Add(shift, offset);
        return Add(Multiply(x, inv), shift);
    }

    /// <summary>
    /// TensorFlow's FusedBatchNormV3 on the last axis (channels last): in training, normalizes with the batch mean
    /// and biased variance per channel and returns them; in inference, uses <paramref name="mean"/> and
    /// <paramref name="variance"/>. <paramref name="scale"/> and <paramref name="offset"/> are 1-D of the channel
    /// count. Forward and backward are each one fused pass (two sweeps of rows) over the data; when a tape records
    /// the backward pass itself (second derivatives), the gradient is built from differentiable ops instead.
    /// </summary>
    /// <remarks>TensorFlow's kernel returns the Bessel-corrected batch variance as its second statistic; this returns
    /// the biased one it normalized with, which is what Keras's BatchNormalization averages into moving_variance
    /// (multiply by n / (n - 1) for TensorFlow's).</remarks>
    public static FusedBatchNormResult FusedBatchNorm(Tensor x, Tensor scale, Tensor offset, Tensor? mean = null, Tensor? variance = null,
        double epsilon = 0.001, bool training = true)
    {
        const string op = "FusedBatchNorm";
        RequireFloat(x, op);
        if (x.Rank < 2)
            throw new InvalidArgumentError($"{op}: input must have rank >= 2 (batch..., channels), got shape {x.Shape}.");
        int c = x.Shape[-1];
        CheckChannelVector(scale, "scale", x, c, op);
        CheckChannelVector(offset, "offset", x, c, op);
        if (!(epsilon >= 0)) throw new InvalidArgumentError($"{op}: epsilon must be >= 0, got {epsilon}.");
        if (!training)
        {
            if (mean is null || variance is null)
                throw new InvalidArgumentError($"{op}: inference (training: false) needs the mean and variance to normalize with.");
            CheckChannelVector(mean, "mean", x, c, op);
            CheckChannelVector(variance, "variance", x, c, op);
            var yi = BatchNormKernels.Inference(x, scale, offset, mean, variance, epsilon);
            if (GradientTape.IsRecording)
                Record(op, yi, [x, scale, offset, mean, variance], (dy, i, _) => InferenceBackward(dy, i, epsilon));
            return new FusedBatchNormResult(yi, mean, variance);
        }
        if (mean is not null) CheckChannelVector(mean, "mean", x, c, op);
        if (variance is not null) CheckChannelVector(variance, "variance", x, c, op);
        var (y, batchMean, batchVariance) = BatchNormKernels.Training(x, scale, offset, epsilon);
        if (GradientTape.IsRecording)
        {
            Record(op, y, [x, scale, offset], (dy, i, _) =>
            {
                if (!GradientTape.IsRecording)
                {
                    var (dx, dscale, doffset) = BatchNormKernels.TrainingBackward(dy, i[0], i[1], batchMean, batchVariance, epsilon);
                    return [dx, dscale, doffset];
                }
                return TrainingBackwardOps(dy, i[0], i[1], epsilon);
            });
            // The statistics are outputs too: their gradients flow back to x (mean: evenly; variance: 2(x - mean)/n).
            int rows = x.Size / Math.Max(c, 1);
            var axes = Enumerable.Range(0, x.Rank - 1).ToArray();
            Record(op + "Mean", batchMean, [x], (dm, i, _) => [BroadcastTo(Divide(dm, Tensor.Scalar(rows, dm.DType)), i[0].Shape)]);
            Record(op + "Variance", batchVariance, [x], (dv, i, _) =>
                [Multiply(Subtract(i[0], ReduceMean(i[0], axes, keepDims: true)), Multiply(dv, Tensor.Scalar(2.0 / rows, dv.DType)))]);
        }
        return new FusedBatchNormResult(y, batchMean, batchVariance);
    }

    private static void CheckChannelVector(Tensor? t, string name, Tensor x, int channels, string op)
    {
        NotNull(t, op, name);
        if (t!.Rank != 1 || t.Shape[0] != channels)
            throw new InvalidArgumentError(
                $"{op}: {name} must be 1-D with the channel count of x (its last dimension, {channels}): x has shape {x.Shape}, {name} has shape {t.Shape}.");
        if (t.DType != x.DType)
            throw new InvalidArgumentError($"{op}: x is {x.DType.Name()}, {name} is {t.DType.Name()}; use tf.Cast to make them match.");
    }

    /// <summary>The training gradient from ops, the batch statistics recomputed from x so that the result is
    /// differentiable in x, scale and dy: dx = scale·inv/n · (n·dy - Σdy - xhat·Σ(dy·xhat)).</summary>
    private static Tensor?[] TrainingBackwardOps(Tensor dy, Tensor x, Tensor scale, double epsilon)
    {
        var axes = Enumerable.Range(0, x.Rank - 1).ToArray();
        double n = x.Size / Math.Max(x.Shape[-1], 1);
        var mean = ReduceMean(x, axes, keepDims: true);
        var centered = Subtract(x, mean);
        var inv = Divide(1.0, Sqrt(Add(ReduceMean(Square(centered), axes, keepDims: true), epsilon)));
        var xhat = Multiply(centered, inv);
        var doffset = ReduceSum(dy, axes);
        var dscale = ReduceSum(Multiply(dy, xhat), axes);
        var dx = Multiply(Multiply(scale, Divide(inv, n)), Subtract(Subtract(Multiply(dy, n), doffset), Multiply(xhat, dscale)));
        return [dx, dscale, doffset];
    }

    /// <summary>Inference gradient from ops (the statistics are inputs here, so each gets its own gradient).</summary>
    private static Tensor?[] InferenceBackward(Tensor dy, Tensor[] i, double epsilon)
    {
        var (x, scale, mean, variance) = (i[0], i[1], i[3], i[4]);
        var axes = Enumerable.Range(0, x.Rank - 1).ToArray();
        var inv = Divide(1.0, Sqrt(Add(variance, epsilon)));
        var centered = Subtract(x, mean);
        var k = Multiply(scale, inv);
        var doffset = ReduceSum(dy, axes);
        var dyc = ReduceSum(Multiply(dy, centered), axes);
        return
        [
            Multiply(dy, k),
            Multiply(dyc, inv),
            doffset,
            Negative(Multiply(doffset, k)),
            Multiply(Multiply(dyc, k), Multiply(Square(inv), -0.5)),
        ];
    }
}
