namespace Strata.Keras.Layers;

/// <summary>
/// Keras's CenterCrop: the central (<see cref="Height"/>, <see cref="Width"/>) window of each image, the offset
/// being int((in - target) / 2). An image smaller than the target on either side is instead brought to the target
/// size as Keras's smart_resize does (the largest centered window of the target's aspect ratio, resized bilinearly).
/// </summary>
public sealed class CenterCrop : Layer
{
    /// <summary>The height of the output images.</summary>
    public int Height { get; }
    /// <summary>The width of the output images.</summary>
    public int Width { get; }

    /// <summary>A CenterCrop layer (keras.layers.CenterCrop): (batch, h, w, c) or (h, w, c) → (…, height, width, c).</summary>
    /// <param name="height">Keras's <c>height</c>: the output height, positive.</param>
    /// <param name="width">Keras's <c>width</c>: the output width, positive.</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    /// <param name="name">The layer's name; null for <c>center_crop</c>, <c>center_crop_1</c>….</param>
    public CenterCrop(int height, int width, Shape? inputShape = null, string? name = null) : base(name, inputShape)
    {
        ImageInput.CheckSize("CenterCrop", height, width);
        Height = height;
        Width = width;
    }

    /// <inheritdoc/>
    public override Tensor Call(Tensor inputs)
    {
        var x = ImageInput.Batch(inputs, "CenterCrop", out bool unbatched);
        int dh = x.Shape[1] - Height, dw = x.Shape[2] - Width;
        var y = dh >= 0 && dw >= 0
            ? tf.Slice(x, [0, dh / 2, dw / 2, 0], [-1, Height, Width, -1])
            : ImageInput.CropToAspectAndResize(x, Height, Width, "bilinear");
        return ImageInput.Unbatch(y, unbatched);
    }
}
