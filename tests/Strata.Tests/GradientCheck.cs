namespace Strata.Tests;

/// <summary>
/// Central finite-difference gradient checks, shared by every op test. All in float64: the tape's gradient of
/// <c>L(x) = ReduceSum(f(x) * W)</c>, with W fixed pseudo-random weights (so that the upstream gradient is not
/// all ones and a rule that ignores it is caught), is compared element by element with
/// <c>(L(x + e) - L(x - e)) / 2e</c>.
/// </summary>
internal static class GradientCheck
{
    public const double Eps = 1e-6;

    /// <summary>A float64 constant of the given shape with values from a fixed System.Random (not tf.random,
    /// whose global state other tests check).</summary>
    public static Tensor Rand(int seed, int[] shape, double lo = -2, double hi = 2)
    {
        var rng = new System.Random(seed);
        int n = 1;
        foreach (var d in shape) n *= d;
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = lo + (hi - lo) * rng.NextDouble();
        return tf.Constant(v, dtype: DType.Float64, shape: new Shape(shape));
    }

    public static Tensor F64(double[] values, params int[] shape) =>
        tf.Constant(values, dtype: DType.Float64, shape: new Shape(shape));

    /// <summary>Checks d/dx_k of ReduceSum(f(xs) * W) for every float64 input x_k.</summary>
    public static void Check(Func<Tensor[], Tensor> f, params Tensor[] inputs) => Check(f, 1e-6, 1e-5, inputs);

    public static void Check(Func<Tensor, Tensor> f, Tensor x) => Check(xs => f(xs[0]), 1e-6, 1e-5, [x]);

    public static void Check(Func<Tensor[], Tensor> f, double atol, double rtol, Tensor[] inputs)
    {
        foreach (var x in inputs) Assert.Equal(DType.Float64, x.DType);
        var y0 = f(inputs);
        Assert.Equal(DType.Float64, y0.DType);
        var w = Rand(12345 + y0.Size, y0.Shape.ToArray(), -1.5, 1.5);

        Tensor?[] grads;
        using (var tape = new GradientTape())
        {
            foreach (var x in inputs) tape.Watch(x);
            var loss = tf.ReduceSum(tf.Multiply(f(inputs), w));
            grads = tape.Gradient(loss, inputs);
        }

        for (int k = 0; k < inputs.Length; k++)
        {
            var g = grads[k];
            Assert.True(g is not null, $"input {k}: the tape gave no gradient");
            Assert.Equal(inputs[k].Shape, g!.Shape);
            Assert.Equal(DType.Float64, g.DType);
            var analytic = g.ToArray<double>();
            var x = inputs[k].ToArray<double>();
            for (int j = 0; j < x.Length; j++)
            {
                double plus = Loss(f, inputs, k, x, j, +Eps, w);
                double minus = Loss(f, inputs, k, x, j, -Eps, w);
                double numeric = (plus - minus) / (2 * Eps);
                if (!(Math.Abs(analytic[j] - numeric) <= atol + rtol * Math.Abs(numeric)))
                    Assert.Fail($"input {k} (shape {inputs[k].Shape}), element {j}: tape gradient {analytic[j]:R}, " +
                                $"finite difference {numeric:R}.\n tape: [{string.Join(", ", analytic.Select(a => a.ToString("G6")))}]");
            }
        }
    }

    private static double Loss(Func<Tensor[], Tensor> f, Tensor[] inputs, int k, double[] x, int j, double delta, Tensor w)
    {
        var moved = (double[])x.Clone();
        moved[j] += delta;
        var xs = (Tensor[])inputs.Clone();
        xs[k] = tf.Constant(moved, dtype: DType.Float64, shape: inputs[k].Shape);
        return tf.ReduceSum(tf.Multiply(f(xs), w)).Item<double>();
    }

    /// <summary>
    /// Checks the gradient of the gradient: G(x) = ReduceSum(V * d/dx ReduceSum(f(x) * W)), computed with an inner
    /// tape while an outer one records, is itself checked against finite differences. This exercises the backward
    /// rules as recorded ops (nested tapes).
    /// </summary>
    public static void CheckSecondOrder(Func<Tensor, Tensor> f, Tensor x)
    {
        var w = Rand(777, f(x).Shape.ToArray(), -1.5, 1.5);
        var v = Rand(778, x.Shape.ToArray(), -1.5, 1.5);
        Check(xs =>
        {
            using var inner = new GradientTape();
            inner.Watch(xs[0]);
            var loss = tf.ReduceSum(tf.Multiply(f(xs[0]), w));
            var d = inner.Gradient(loss, xs[0]);
            Assert.NotNull(d);
            return tf.ReduceSum(tf.Multiply(d!, v));
        }, 1e-5, 1e-4, [x]);
    }
}

/// <summary>Value assertions with a tolerance suited to float32 results.</summary>
internal static class Expect
{
    public static double[] Doubles(Tensor t) =>
        t.DType == DType.Float64 ? t.ToArray<double>() : tf.Cast(t, DType.Float64).ToArray<double>();

    public static void Values(Tensor t, int[] shape, double[] expected, double tol = 1e-6)
    {
        Assert.Equal(new Shape(shape), t.Shape);
        Close(expected, Doubles(t), tol);
    }

    public static void Close(double[] expected, double[] actual, double tol = 1e-6)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            bool ok = (double.IsNaN(e) && double.IsNaN(a)) || e == a || Math.Abs(a - e) <= tol * (1 + Math.Abs(e));
            if (!ok)
                Assert.Fail($"element {i}: expected {e:R}, got {a:R}.\n expected [{string.Join(", ", expected)}]\n actual   [{string.Join(", ", actual)}]");
        }
    }
}
