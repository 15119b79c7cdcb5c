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
    public int Height { get; }
    public int Width { get; }
    public string Interpolation { get; }
    public bool CropToAspectRatio { get; }
    public bool PadToAspectRatio { get; }
    public double FillValue { get; }

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
