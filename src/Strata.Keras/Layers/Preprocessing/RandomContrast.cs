namespace Strata.Keras.Layers;

/// <summary>
/// Keras's RandomContrast: in training, each image's channels are spread about their mean by a random factor c,
/// <c>(x - mean) · c + mean</c> (mean over height and width, per channel), then clipped to
/// <see cref="ValueRange"/> (default [0, 255]). c is drawn per image in [1 - lower, 1 + upper], where a single
/// factor f gives (lower, upper) = (0, f) — Keras 3's _set_factor with bounds [0, 1], whatever its docstring
/// says — and a pair is taken as given.
/// </summary>
public sealed class RandomContrast : RandomImageLayer
{
    public (double Lower, double Upper) Factor { get; }
    public (double Low, double High) ValueRange { get; }

    public RandomContrast(Factor factor, (double Low, double High)? valueRange = null, long? seed = null,
        Shape? inputShape = null, string? name = null) : base(seed, inputShape, name)
    {
        Factor = factor.Range("RandomContrast", 0, 1);
        ValueRange = valueRange ?? (0, 255);
    }

    private protected override Tensor Augment(Tensor batch)
    {
        var c = tf.Reshape(tf.Cast(Random.Uniform([batch.Shape[0]], 1.0 - Factor.Lower, 1.0 + Factor.Upper), batch.DType),
            [batch.Shape[0], 1, 1, 1]);
        var mean = tf.ReduceMean(batch, [1, 2], keepDims: true);
        var y = (batch - mean) * c + mean;
        return tf.ClipByValue(y, Tensor.Scalar(ValueRange.Low, batch.DType), Tensor.Scalar(ValueRange.High, batch.DType));
    }
}
