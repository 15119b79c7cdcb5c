namespace Strata.Keras.Layers;

/// <summary>
/// Keras's RandomZoom: in training, each image scaled about its center by 1 + z, z drawn in the height factor's
/// range (and the width factor's, or the same z when it is null). A positive factor zooms out (the image shrinks,
/// the border is filled by <see cref="FillMode"/>), a negative one zooms in.
/// </summary>
public sealed class RandomZoom : RandomImageLayer
{
    /// <summary>The vertical zoom range: the height is scaled by 1 + z, z drawn in [Lower, Upper].</summary>
    public (double Lower, double Upper) HeightFactor { get; }
    /// <summary>The horizontal zoom range, or null to scale the width by the height's draw (keeping the aspect ratio).</summary>
    public (double Lower, double Upper)? WidthFactor { get; }
    /// <summary>How the uncovered border is filled: <c>"reflect"</c>, <c>"wrap"</c>, <c>"constant"</c> or
    /// <c>"nearest"</c>.</summary>
    public string FillMode { get; }
    /// <summary>The sampling: <c>"bilinear"</c> or <c>"nearest"</c>.</summary>
    public string Interpolation { get; }
    /// <summary>The value of the uncovered border with <see cref="FillMode"/> <c>"constant"</c>.</summary>
    public double FillValue { get; }

    /// <summary>A RandomZoom layer (keras.layers.RandomZoom); the output has the input's shape.</summary>
    /// <param name="heightFactor">Keras's <c>height_factor</c>, in [-1, 1]: f for z in [-f, f], or a (lower, upper) pair;
    /// positive values zoom out, negative zoom in.</param>
    /// <param name="widthFactor">Keras's <c>width_factor</c>, the same for the width; null (the default) keeps the aspect
    /// ratio.</param>
    /// <param name="fillMode">Keras's <c>fill_mode</c>: <c>"reflect"</c> (the default), <c>"wrap"</c>, <c>"constant"</c> or
    /// <c>"nearest"</c>.</param>
    /// <param name="interpolation">Keras's <c>interpolation</c>: <c>"bilinear"</c> (the default) or <c>"nearest"</c>.</param>
    /// <param name="seed">Keras's <c>seed</c>: stateless, repeatable draws; null (the global stream) by default.</param>
    /// <param name="fillValue">Keras's <c>fill_value</c>: the fill with <c>fillMode: "constant"</c>; 0 by default.</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    /// <param name="name">The layer's name; null for <c>random_zoom</c>, <c>random_zoom_1</c>….</param>
    public RandomZoom(Factor heightFactor, Factor? widthFactor = null, string fillMode = "reflect", string interpolation = "bilinear",
        long? seed = null, double fillValue = 0, Shape? inputShape = null, string? name = null) : base(seed, inputShape, name)
    {
        HeightFactor = heightFactor.SymmetricRange("RandomZoom", "height_factor");
        WidthFactor = widthFactor?.SymmetricRange("RandomZoom", "width_factor");
        FillMode = CheckFillMode("RandomZoom", fillMode);
        Interpolation = CheckInterpolation("RandomZoom", interpolation);
        FillValue = fillValue;
    }

    private protected override Tensor Augment(Tensor batch)
    {
        int b = batch.Shape[0], h = batch.Shape[1], w = batch.Shape[2];
        var zy = Draw(b, 1 + HeightFactor.Lower, 1 + HeightFactor.Upper);
        var zx = WidthFactor is { } wf ? Draw(b, 1 + wf.Lower, 1 + wf.Upper) : zy;
        var rows = new double[b * 8];
        for (int i = 0; i < b; i++)
            new[] { zx[i], 0, (w - 1) / 2.0 * (1 - zx[i]), 0, zy[i], (h - 1) / 2.0 * (1 - zy[i]), 0, 0 }.CopyTo(rows, i * 8);
        return Transform(batch, rows, Interpolation, FillMode, FillValue);
    }
}
