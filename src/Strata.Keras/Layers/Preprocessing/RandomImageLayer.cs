namespace Strata.Keras.Layers;

/// <summary>
/// The base of the augmentation layers (Keras's BaseImagePreprocessingLayer, for images): one image (h, w, c) or a
/// batch (b, h, w, c), channels last; the output is float. The random transformation is applied in training and, as
/// Keras 3's <c>call(data, training=True)</c> does, on a plain call; <c>training: false</c> (Predict, Evaluate) runs
/// <see cref="Infer"/> instead, the identity for most layers. With a
/// <c>seed</c> the draws are stateless, so two layers with one seed transform alike, call after call.
/// </summary>
public abstract class RandomImageLayer : Layer
{
    private protected RandomImageLayer(long? seed, Shape? inputShape, string? name) : base(name, inputShape)
    {
        Random = new SeedStream(seed);
    }

    private protected SeedStream Random { get; }

    /// <summary>The seed of the layer's draws, or null when they come from tf.random's global stream.</summary>
    public long? Seed => Random.Seed;

    /// <summary>The random transformation, as Keras 3 applies it on a plain call (training assumed).</summary>
    /// <param name="inputs">One image (h, w, c) or a batch (b, h, w, c).</param>
    public override Tensor Call(Tensor inputs) => Call(inputs, training: true);

    /// <summary>The random transformation when <paramref name="training"/> is true or null; the inference behaviour (the
    /// identity for most layers) when it is false.</summary>
    /// <param name="inputs">One image (h, w, c) or a batch (b, h, w, c).</param>
    /// <param name="training">False for inference (Predict, Evaluate); true or null to augment.</param>
    public override Tensor Call(Tensor inputs, bool? training)
    {
        Guard.NotNull(inputs, ClassName, "inputs");
        var x = ImageInput.Batch(inputs, ClassName, out bool unbatched);
        return ImageInput.Unbatch(training ?? true ? Augment(x) : Infer(x), unbatched);
    }

    /// <summary>The random transformation of a float batch (b, h, w, c).</summary>
    private protected abstract Tensor Augment(Tensor batch);

    /// <summary>What the layer does at inference (the identity unless the layer says otherwise).</summary>
    private protected virtual Tensor Infer(Tensor batch) => batch;

    /// <summary>One float per image in [lo, hi) (Keras draws its factors in float32).</summary>
    private protected double[] Draw(int batch, double lo, double hi) =>
        Array.ConvertAll(Random.Uniform([batch], lo, hi).ToArray<float>(), v => (double)v);

    /// <summary>The sampler of RandomRotation, RandomZoom and RandomTranslation: TensorFlow's projective transform,
    /// one row of 8 numbers per image.</summary>
    private protected static Tensor Transform(Tensor batch, double[] rows, string interpolation, string fillMode, double fillValue) =>
        tf.ImageProjectiveTransform(batch, tf.Constant(rows, dtype: DType.Float64, shape: new Shape(rows.Length / 8, 8)),
            interpolation, fillMode, fillValue);

    /// <summary>Keras's check of fill_mode, in Keras's words.</summary>
    private protected static string CheckFillMode(string layer, string fillMode) =>
        fillMode is "reflect" or "wrap" or "constant" or "nearest"
            ? fillMode
            : throw new InvalidArgumentError(
                $"{layer}: Unknown `fill_mode` {fillMode}. Expected of one ('reflect', 'wrap', 'constant', 'nearest').");

    /// <summary>Keras's check of the interpolation of the affine layers.</summary>
    private protected static string CheckInterpolation(string layer, string interpolation) =>
        interpolation is "nearest" or "bilinear"
            ? interpolation
            : throw new InvalidArgumentError(
                $"{layer}: Unknown `interpolation` {interpolation}. Expected of one ('nearest', 'bilinear').");
}
