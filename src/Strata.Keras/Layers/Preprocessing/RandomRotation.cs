namespace Strata.Keras.Layers;

/// <summary>
/// Keras's RandomRotation: in training, each image rotated about its center by a random angle in
/// [lower, upper] · 2π (the <c>factor</c> is a fraction of a full turn: 0.1 gives ±36°), points from outside the
/// image filled by <see cref="FillMode"/> (default "reflect"), sampled with <see cref="Interpolation"/> (default
/// "bilinear"); TensorFlow's projective transform does the sampling.
/// </summary>
public sealed class RandomRotation : RandomImageLayer
{
    public (double Lower, double Upper) Factor { get; }
    public string FillMode { get; }
    public string Interpolation { get; }
    public double FillValue { get; }

    public RandomRotation(Factor factor, string fillMode = "reflect", string interpolation = "bilinear", long? seed = null,
        double fillValue = 0, Shape? inputShape = null, string? name = null) : base(seed, inputShape, name)
    {
        Factor = factor.Range("RandomRotation", -1, 1);
        FillMode = CheckFillMode("RandomRotation", fillMode);
        Interpolation = CheckInterpolation("RandomRotation", interpolation);
        FillValue = fillValue;
    }

    private protected override Tensor Augment(Tensor batch)
    {
        int b = batch.Shape[0], h = batch.Shape[1], w = batch.Shape[2];
        var angles = Draw(b, Factor.Lower * 2 * Math.PI, Factor.Upper * 2 * Math.PI);
        var rows = new double[b * 8];
        for (int i = 0; i < b; i++)
        {
            double cos = Math.Cos(angles[i]), sin = Math.Sin(angles[i]);
            // Rotation about the center ((w - 1) / 2, (h - 1) / 2): the offsets put the center back in place.
            double xOffset = ((w - 1) - (cos * (w - 1) - sin * (h - 1))) / 2;
            double yOffset = ((h - 1) - (sin * (w - 1) + cos * (h - 1))) / 2;
            new[] { cos, -sin, xOffset, sin, cos, yOffset, 0, 0 }.CopyTo(rows, i * 8);
        }
        return Transform(batch, rows, Interpolation, FillMode, FillValue);
    }
}
