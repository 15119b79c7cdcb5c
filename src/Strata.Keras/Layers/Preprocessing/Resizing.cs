namespace Strata.Keras.Layers;

/// <summary>
/// Keras's Resizing: images (h, w, c) or (b, h, w, c), channels last, resized to (<see cref="Height"/>,
/// <see cref="Width"/>) by tf.image.resize (half-pixel centers, no antialiasing) with <c>"bilinear"</c> (default)
/// or <c>"nearest"</c>. With <see cref="CropToAspectRatio"/> the largest centered window of the target's aspect
/// ratio is cropped first, so the image is not distorted. Differentiable; outputs floats.
/// </summary>
public sealed class Resizing : Layer
{
    public int Height { get; }
    public int Width { get; }
    public string Interpolation { get; }
    public bool CropToAspectRatio { get; }

    public Resizing(int height, int width, string interpolation = "bilinear", bool cropToAspectRatio = false,
        Shape? inputShape = null, string? name = null) : base(name, inputShape)
    {
        ImageInput.CheckSize("Resizing", height, width);
        Height = height;
        Width = width;
        Interpolation = ImageInput.Interpolation("Resizing", interpolation);
        CropToAspectRatio = cropToAspectRatio;
    }

    public override Tensor Call(Tensor inputs)
    {
        var x = ImageInput.Batch(inputs, "Resizing", out bool unbatched);
        var y = CropToAspectRatio
            ? ImageInput.CropToAspectAndResize(x, Height, Width, Interpolation)
            : ImageInput.Resize(x, Height, Width, Interpolation);
        return ImageInput.Unbatch(y, unbatched);
    }
}
