namespace Strata.Keras.Layers;

/// <summary>
/// Keras's RandomRotation: in training, each image rotated about its center by a random angle in
/// [lower, upper] · 2π (the <c>factor</c> is a fraction of a full turn: 0.1 gives ±36°), points from outside the
/// image filled by <see cref="FillMode"/> (default "reflect"), sampled with <see cref="Interpolation"/> (default
/// "bilinear"); TensorFlow's projective transform does the sampling.
/// </summary>
public sealed class RandomRotation : RandomImageLayer
{
    /// <summary>The angle range, as fractions of a full turn: angles are drawn in [Lower, Upper] · 2π.</summary>
    public (double Lower, double Upper) Factor { get; }
    /// <summary>How points outside the image are filled: <c>"reflect"</c>, <c>"wrap"</c>, <c>"constant"</c> or
    /// <c>"nearest"</c>.</summary>
    public string FillMode { get; }
    /// <summary>The sampling: <c>"bilinear"</c> or <c>"nearest"</c>.</summary>
    public string Interpolation { get; }
    /// <summary>The value of points outside the image with <see cref="FillMode"/> <c>"constant"</c>.</summary>
    public double FillValue { get; }

    /// <summary>A RandomRotation layer (keras.layers.RandomRotation); the output has the input's shape.</summary>
    /// <param name="factor">Keras's <c>factor</c>, a fraction of a full turn in [-1, 1]: f for angles in [-f, f] · 2π, or a
    /// (lower, upper) pair.</param>
    /// <param name="fillMode">Keras's <c>fill_mode</c>: <c>"reflect"</c> (the default), <c>"wrap"</c>, <c>"constant"</c> or
    /// <c>"nearest"</c>.</param>
    /// <param name="interpolation">Keras's <c>interpolation</c>: <c>"bilinear"</c> (the default) or <c>"nearest"</c>.</param>
    /// <param name="seed">Keras's <c>seed</c>: stateless, repeatable draws; null (the global stream) by default.</param>
    /// <param name="fillValue">Keras's <c>fill_value</c>: the fill with <c>fillMode: "constant"</c>; 0 by default.</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    /// <param name="name">The layer's name; null for <c>random_rotation</c>, <c>random_rotation_1</c>….</param>
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
