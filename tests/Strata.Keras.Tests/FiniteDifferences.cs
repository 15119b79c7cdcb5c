namespace Strata.Keras.Tests;

/// <summary>Central finite differences in float64 for the layers' gradients: the tape's d/dx of
/// ReduceSum(f(x) · W), W fixed and not all ones (a rule that ignores the upstream gradient fails), against
/// (L(x + e) - L(x - e)) / 2e element by element.</summary>
internal static class FiniteDifferences
{
    public static Tensor Rand(int seed, params int[] shape)
    {
        var rng = new System.Random(seed);
        int n = shape.Aggregate(1, (p, d) => p * d);
        return tf.Constant(Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 4 - 2).ToArray(), dtype: DType.Float64, shape: new Shape(shape));
    }

    public static void Check(Func<Tensor, Tensor> f, Tensor x, double tol = 1e-5)
    {
        var y0 = f(x);
        var w = Rand(99 + y0.Size, y0.Shape.ToArray());
        Tensor? g;
        using (var tape = new GradientTape())
        {
            tape.Watch(x);
            g = tape.Gradient(tf.ReduceSum(f(x) * w), x);
        }
        Assert.NotNull(g);
        Assert.Equal(x.Shape, g!.Shape);
        var analytic = g.ToArray<double>();
        var xv = x.ToArray<double>();
        const double e = 1e-6;
        for (int j = 0; j < xv.Length; j++)
        {
            double L(double d)
            {
                var moved = (double[])xv.Clone();
                moved[j] += d;
                return tf.ReduceSum(f(tf.Constant(moved, dtype: DType.Float64, shape: x.Shape)) * w).Item<double>();
            }
            double numeric = (L(e) - L(-e)) / (2 * e);
            Assert.True(Math.Abs(numeric - analytic[j]) <= tol * (1 + Math.Abs(numeric)),
                $"element {j}: tape {analytic[j]}, finite difference {numeric}");
        }
    }
}
