namespace Strata.Keras.Layers;

/// <summary>
/// Keras's RandomCrop: in training, a (<see cref="Height"/>, <see cref="Width"/>) window at a random position, the
/// same for the whole batch, when the image is larger than the target on both sides. At inference (and in training
/// when the image is not larger on both sides) Keras's fallback: the largest centered window of the target's aspect
/// ratio, resized bilinearly to the target.
/// </summary>
public sealed class RandomCrop : RandomImageLayer
{
    /// <summary>The height of the output images.</summary>
    public int Height { get; }
    /// <summary>The width of the output images.</summary>
    public int Width { get; }

    /// <summary>A RandomCrop layer (keras.layers.RandomCrop): (batch, h, w, c) or (h, w, c) → (…, height, width, c).</summary>
    /// <param name="height">Keras's <c>height</c>: the output height, positive.</param>
    /// <param name="width">Keras's <c>width</c>: the output width, positive.</param>
    /// <param name="seed">Keras's <c>seed</c>: stateless, repeatable draws; null (the global stream) by default.</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    /// <param name="name">The layer's name; null for <c>random_crop</c>, <c>random_crop_1</c>….</param>
    public RandomCrop(int height, int width, long? seed = null, Shape? inputShape = null, string? name = null)
        : base(seed, inputShape, name)
    {
        ImageInput.CheckSize("RandomCrop", height, width);
        Height = height;
        Width = width;
    }

    private protected override Tensor Augment(Tensor batch)
    {
        int h = batch.Shape[1], w = batch.Shape[2];
        if (h <= Height || w <= Width) return Infer(batch);
        // int32 casts of uniform draws in [0, in - target + 1), as Keras draws the offsets (height first).
        int top = (int)Random.Uniform([], 0, h - Height + 1).ToArray<float>()[0];
        int left = (int)Random.Uniform([], 0, w - Width + 1).ToArray<float>()[0];
        return tf.Slice(batch, [0, top, left, 0], [-1, Height, Width, -1]);
    }

    private protected override Tensor Infer(Tensor batch) => ImageInput.CropToAspectAndResize(batch, Height, Width, "bilinear");
}
