namespace Strata.Datasets;

/// <summary>Preprocessing the tutorials do on image data sets.</summary>
public static class Images
{
    // x / 255.0 computed in double then rounded to float, exactly what NumPy's `images / 255.0`
    // followed by Keras's cast to float32 gives; a table because there are only 256 values.
    private static readonly float[] UnitScale = Enumerable.Range(0, 256).Select(b => (float)(b / 255.0)).ToArray();

    /// <summary>uint8 pixels (0…255) as float32 in [0, 1]: the tutorials' <c>train_images / 255.0</c>.</summary>
    public static Tensor ToFloat01(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.DType != DType.UInt8)
            throw new InvalidArgumentError($"Images.ToFloat01: expected uint8 pixels, got dtype {images.DType.Name()} (shape {images.Shape}).");
        // Straight from the tensor's buffer into the new one: 60,000 images are 188 MB as float32, and the
        // copies a public round trip would make (ToArray, then Constant) would double the sample's memory.
        var pixels = images.Data<byte>();
        var scaled = GC.AllocateUninitializedArray<float>(pixels.Length);
        for (int i = 0; i < pixels.Length; i++) scaled[i] = UnitScale[pixels[i]];
        return Tensor.FromBuffer(scaled, images.Shape, DType.Float32);
    }
}
