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
    /// <summary>The contrast range: each image's factor is drawn in [1 - Lower, 1 + Upper].</summary>
    public (double Lower, double Upper) Factor { get; }
    /// <summary>The range the output is clipped to ([0, 255] by default).</summary>
    public (double Low, double High) ValueRange { get; }

    /// <summary>A RandomContrast layer (keras.layers.RandomContrast).</summary>
    /// <param name="factor">Keras's <c>factor</c>: a number f in [0, 1] for factors in [1, 1 + f] (see the class summary), or a
    /// (lower, upper) pair for [1 - lower, 1 + upper].</param>
    /// <param name="valueRange">Keras's <c>value_range</c>: the range of the pixel values, which the output is clipped to;
    /// null for (0, 255).</param>
    /// <param name="seed">Keras's <c>seed</c>: stateless, repeatable draws; null (the global stream) by default.</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    /// <param name="name">The layer's name; null for <c>random_contrast</c>, <c>random_contrast_1</c>….</param>
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
