namespace Strata.Keras.Layers;

/// <summary>
/// Keras's RandomTranslation: in training, each image shifted by a random fraction of its height (drawn in the
/// height factor's range; positive moves it down) and of its width (positive moves it right), the uncovered part
/// filled by <see cref="FillMode"/> (default "reflect").
/// </summary>
public sealed class RandomTranslation : RandomImageLayer
{
    public (double Lower, double Upper) HeightFactor { get; }
    public (double Lower, double Upper) WidthFactor { get; }
    public string FillMode { get; }
    public string Interpolation { get; }
    public double FillValue { get; }

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
