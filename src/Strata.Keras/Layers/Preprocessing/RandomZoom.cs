namespace Strata.Keras.Layers;

/// <summary>
/// Keras's RandomZoom: in training, each image scaled about its center by 1 + z, z drawn in the height factor's
/// range (and the width factor's, or the same z when it is null). A positive factor zooms out (the image shrinks,
/// the border is filled by <see cref="FillMode"/>), a negative one zooms in.
/// </summary>
public sealed class RandomZoom : RandomImageLayer
{
    public (double Lower, double Upper) HeightFactor { get; }
    public (double Lower, double Upper)? WidthFactor { get; }
    public string FillMode { get; }
    public string Interpolation { get; }
    public double FillValue { get; }

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
