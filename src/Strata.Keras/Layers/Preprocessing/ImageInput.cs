namespace Strata.Keras.Layers;

/// <summary>What the image preprocessing layers share: one image (h, w, c) or a batch (b, h, w, c), channels last,
/// as Keras accepts them; the float dtype they compute in; Keras's crop-to-aspect-ratio window.</summary>
internal static class ImageInput
{
    /// <summary>The input as a float batch: rank 3 gains a batch axis (<paramref name="unbatched"/>), integers
    /// become float32 (Keras's layers output floats).</summary>
    public static Tensor Batch(Tensor x, string layer, out bool unbatched)
    {
        if (x.Rank is not (3 or 4))
            throw new InvalidArgumentError(
                $"{layer}: Expected image tensor to have rank 3 (single image) or 4 (batch of images). Received: data.shape={x.Shape}");
        unbatched = x.Rank == 3;
        var f = ToFloat(x);
        return unbatched ? tf.ExpandDims(f, 0) : f;
    }

    public static Tensor Unbatch(Tensor y, bool unbatched) => unbatched ? tf.Squeeze(y, [0]) : y;

    public static Tensor ToFloat(Tensor x) => x.DType.IsFloating ? x : tf.Cast(x, DType.Float32);

    /// <summary>The interpolations Strata implements, with Keras's message for any other.</summary>
    public static string Interpolation(string layer, string interpolation) => interpolation is "bilinear" or "nearest"
        ? interpolation
        : throw new InvalidArgumentError(
            $"{layer}: Invalid value for argument `interpolation`. Expected of one ('bilinear', 'nearest'). Received: interpolation={interpolation}");

    public static Tensor Resize(Tensor batch, int height, int width, string interpolation) =>
        interpolation == "nearest" ? tf.ResizeNearestNeighbor(batch, height, width) : tf.ResizeBilinear(batch, height, width);

    /// <summary>
    /// Keras's crop_to_aspect_ratio / smart_resize window: the largest centered box of the target's aspect ratio,
    /// computed as Keras does (int of float products, at least 1 pixel), then resized to the target.
    /// </summary>
    public static Tensor CropToAspectAndResize(Tensor batch, int height, int width, string interpolation)
    {
        int h = batch.Shape[1], w = batch.Shape[2];
        int cropH = Math.Max(Math.Min(h, (int)((double)w * height / width)), 1);
        int cropW = Math.Max(Math.Min(w, (int)((double)h * width / height)), 1);
        int top = (int)((double)(h - cropH) / 2), left = (int)((double)(w - cropW) / 2);
        var x = cropH == h && cropW == w ? batch : tf.Slice(batch, [0, top, left, 0], [-1, cropH, cropW, -1]);
        return cropH == height && cropW == width ? x : Resize(x, height, width, interpolation);
    }

    /// <summary>
    /// TensorFlow's <c>tf.image.resize_with_pad</c> (Keras's pad_to_aspect_ratio when it loads images from a
    /// directory): the image resized, keeping its aspect ratio, to fit the target, then centered on a zero canvas of
    /// the target's size; the sizes and offsets computed in float32, as TensorFlow computes them.
    /// </summary>
    public static Tensor ResizeWithPad(Tensor batch, int height, int width, string interpolation)
    {
        float h = batch.Shape[1], w = batch.Shape[2];
        float ratio = MathF.Max(w / width, h / height);
        float resizedH = h / ratio, resizedW = w / ratio;
        int newH = (int)MathF.Floor(resizedH), newW = (int)MathF.Floor(resizedW);
        int top = Math.Max(0, (int)MathF.Floor((height - resizedH) / 2)), left = Math.Max(0, (int)MathF.Floor((width - resizedW) / 2));
        var x = newH == batch.Shape[1] && newW == batch.Shape[2] ? batch : Resize(batch, newH, newW, interpolation);
        if (top == 0 && left == 0 && newH == height && newW == width) return x;
        var pads = new int[4, 2];
        (pads[1, 0], pads[1, 1]) = (top, height - newH - top);
        (pads[2, 0], pads[2, 1]) = (left, width - newW - left);
        return tf.Pad(x, pads);
    }

    /// <summary>Keras's checks on a target size (height and width of the output).</summary>
    public static void CheckSize(string layer, int height, int width)
    {
        if (height <= 0 || width <= 0)
            throw new InvalidArgumentError($"{layer}: height and width must be positive integers, got height={height}, width={width}.");
    }
}
