namespace Strata.Keras.Layers;

/// <summary>
/// Keras's Resizing: images (h, w, c) or (b, h, w, c), channels last, resized to (<see cref="Height"/>,
/// <see cref="Width"/>) by tf.image.resize (half-pixel centers, no antialiasing) with <c>"bilinear"</c> (default)
/// or <c>"nearest"</c>. With <see cref="CropToAspectRatio"/> the largest centered window of the target's aspect
/// ratio is cropped first, so the image is not distorted; with <see cref="PadToAspectRatio"/> the image is instead
/// centered on a canvas of that aspect ratio filled with <see cref="FillValue"/> (Keras's fill_mode "constant").
/// Differentiable; outputs floats.
/// </summary>
public sealed class Resizing : Layer
{
    /// <summary>The height of the output images.</summary>
    public int Height { get; }
    /// <summary>The width of the output images.</summary>
    public int Width { get; }
    /// <summary>The sampling: <c>"bilinear"</c> or <c>"nearest"</c>.</summary>
    public string Interpolation { get; }
    /// <summary>Whether the largest centered window of the target's aspect ratio is cropped before resizing.</summary>
    public bool CropToAspectRatio { get; }
    /// <summary>Whether the image is centered on a canvas of the target's aspect ratio before resizing.</summary>
    public bool PadToAspectRatio { get; }
    /// <summary>The value of the canvas around the image with <see cref="PadToAspectRatio"/>.</summary>
    public double FillValue { get; }

    /// <summary>A Resizing layer (keras.layers.Resizing): (batch, h, w, c) or (h, w, c) → (…, height, width, c).</summary>
    /// <param name="height">Keras's <c>height</c>: the output height, positive.</param>
    /// <param name="width">Keras's <c>width</c>: the output width, positive.</param>
    /// <param name="interpolation">Keras's <c>interpolation</c>: <c>"bilinear"</c> (the default) or <c>"nearest"</c>.</param>
    /// <param name="cropToAspectRatio">Keras's <c>crop_to_aspect_ratio</c>: crop to the target's aspect ratio first rather
    /// than distort; false by default.</param>
    /// <param name="padToAspectRatio">Keras's <c>pad_to_aspect_ratio</c>: pad to the target's aspect ratio first rather than
    /// distort; false by default, and not together with <paramref name="cropToAspectRatio"/>.</param>
    /// <param name="fillValue">Keras's <c>fill_value</c>: the padding's value; 0 by default.</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    /// <param name="name">The layer's name; null for <c>resizing</c>, <c>resizing_1</c>….</param>
    public Resizing(int height, int width, string interpolation = "bilinear", bool cropToAspectRatio = false,
        bool padToAspectRatio = false, double fillValue = 0, Shape? inputShape = null, string? name = null) : base(name, inputShape)
    {
        ImageInput.CheckSize("Resizing", height, width);
        if (cropToAspectRatio && padToAspectRatio)
            throw new InvalidArgumentError(
                "Resizing: Only one of `crop_to_aspect_ratio` and `pad_to_aspect_ratio` can be True. Received: crop_to_aspect_ratio=True, pad_to_aspect_ratio=True");
        Height = height;
        Width = width;
        Interpolation = ImageInput.Interpolation("Resizing", interpolation);
        CropToAspectRatio = cropToAspectRatio;
        PadToAspectRatio = padToAspectRatio;
        FillValue = fillValue;
    }

    /// <inheritdoc/>
    public override Tensor Call(Tensor inputs)
    {
        var x = ImageInput.Batch(inputs, "Resizing", out bool unbatched);
        var y = CropToAspectRatio ? ImageInput.CropToAspectAndResize(x, Height, Width, Interpolation)
            : PadToAspectRatio ? ImageInput.Resize(PadToAspect(x), Height, Width, Interpolation)
            : ImageInput.Resize(x, Height, Width, Interpolation);
        return ImageInput.Unbatch(y, unbatched);
    }

    /// <summary>Keras's pad_to_aspect_ratio: the smallest canvas of the target's aspect ratio holding the image, the
    /// image centered on it (offsets int of half the margin), the margin FillValue.</summary>
    private Tensor PadToAspect(Tensor batch)
    {
        int h = batch.Shape[1], w = batch.Shape[2];
        int padH = Math.Max(h, (int)((double)w * Height / Width));
        int padW = Math.Max(w, (int)((double)h * Width / Height));
        if (padH == h && padW == w) return batch;
        int top = (int)((double)(padH - h) / 2), left = (int)((double)(padW - w) / 2);
        var pads = new int[4, 2];
        (pads[1, 0], pads[1, 1]) = (top, padH - h - top);
        (pads[2, 0], pads[2, 1]) = (left, padW - w - left);
        // tf.Pad pads with zeros: shift by the fill value around it (the gradient passes through both).
        return FillValue == 0 ? tf.Pad(batch, pads) : tf.Pad(batch - FillValue, pads) + FillValue;
    }
}
