namespace Strata.Keras.Layers;

/// <summary>
/// Keras's RandomTranslation: in training, each image shifted by a random fraction of its height (drawn in the
/// height factor's range; positive moves it down) and of its width (positive moves it right), the uncovered part
/// filled by <see cref="FillMode"/> (default "reflect").
/// </summary>
public sealed class RandomTranslation : RandomImageLayer
{
    /// <summary>The vertical shift range, as fractions of the height (positive moves the image down).</summary>
    public (double Lower, double Upper) HeightFactor { get; }
    /// <summary>The horizontal shift range, as fractions of the width (positive moves the image right).</summary>
    public (double Lower, double Upper) WidthFactor { get; }
    /// <summary>How the uncovered part is filled: <c>"reflect"</c>, <c>"wrap"</c>, <c>"constant"</c> or
    /// <c>"nearest"</c>.</summary>
    public string FillMode { get; }
    /// <summary>The sampling: <c>"bilinear"</c> or <c>"nearest"</c>.</summary>
    public string Interpolation { get; }
    /// <summary>The value of the uncovered part with <see cref="FillMode"/> <c>"constant"</c>.</summary>
    public double FillValue { get; }

    /// <summary>A RandomTranslation layer (keras.layers.RandomTranslation); the output has the input's shape.</summary>
    /// <param name="heightFactor">Keras's <c>height_factor</c>, in [-1, 1]: f for shifts in [-f, f] of the height, or a
    /// (lower, upper) pair.</param>
    /// <param name="widthFactor">Keras's <c>width_factor</c>, in [-1, 1]: f for shifts in [-f, f] of the width, or a
    /// (lower, upper) pair.</param>
    /// <param name="fillMode">Keras's <c>fill_mode</c>: <c>"reflect"</c> (the default), <c>"wrap"</c>, <c>"constant"</c> or
    /// <c>"nearest"</c>.</param>
    /// <param name="interpolation">Keras's <c>interpolation</c>: <c>"bilinear"</c> (the default) or <c>"nearest"</c>.</param>
    /// <param name="seed">Keras's <c>seed</c>: stateless, repeatable draws; null (the global stream) by default.</param>
    /// <param name="fillValue">Keras's <c>fill_value</c>: the fill with <c>fillMode: "constant"</c>; 0 by default.</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    /// <param name="name">The layer's name; null for <c>random_translation</c>, <c>random_translation_1</c>….</param>
    public RandomTranslation(Factor heightFactor, Factor widthFactor, string fillMode = "reflect", string interpolation = "bilinear",
        long? seed = null, double fillValue = 0, Shape? inputShape = null, string? name = null) : base(seed, inputShape, name)
    {
        HeightFactor = heightFactor.SymmetricRange("RandomTranslation", "height_factor");
        WidthFactor = widthFactor.SymmetricRange("RandomTranslation", "width_factor");
        FillMode = CheckFillMode("RandomTranslation", fillMode);
        Interpolation = CheckInterpolation("RandomTranslation", interpolation);
        FillValue = fillValue;
    }

    private protected override Tensor Augment(Tensor batch)
    {
        int b = batch.Shape[0], h = batch.Shape[1], w = batch.Shape[2];
        var dy = Draw(b, HeightFactor.Lower, HeightFactor.Upper);
        var dx = Draw(b, WidthFactor.Lower, WidthFactor.Upper);
        var rows = new double[b * 8];
        // Output (x, y) reads input (x - tx, y - ty): the content moves by (+tx, +ty).
        for (int i = 0; i < b; i++)
            new[] { 1, 0, -dx[i] * w, 0, 1, -dy[i] * h, 0, 0 }.CopyTo(rows, i * 8);
        return Transform(batch, rows, Interpolation, FillMode, FillValue);
    }
}
