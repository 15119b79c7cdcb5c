using CsCheck;

namespace Strata.Tests.Properties;

/// <summary>Softmax / LogSoftmax along any axis and BiasAdd (with its fused activations' plain forms) against float64
/// references that walk the axis by multi-index.</summary>
public class NnProperties(ITestOutputHelper output)
{
    public const int SoftmaxCases = 1500, BiasAddCases = 1000;

    [Fact]
    public void SoftmaxAlongAnyAxisMatchesTheReference()
    {
        var gen =
            from x in G.Tensor(G.Dims.Where(d => d.Length > 0), G.Float, Values.Plain)
            from axis in Gen.Int[-x.Dims.Length, x.Dims.Length - 1]
            from log in Gen.Bool
            from special in Gen.Int[0, 4]
            select (x: special == 0 ? x with { Kind = Values.Special } : x, axis, log);
        PropertyRunner.Run("SoftmaxAlongAnyAxisMatchesTheReference", gen, c =>
        {
            var (spec, axis, log) = c;
            string op = log ? "LogSoftmax" : "Softmax";
            var x = spec.Make();
            var y = log ? tf.LogSoftmax(x, axis) : tf.Softmax(x, axis);
            Must.ShapeIs(spec.Dims, y, op);
            Must.DTypeIs(spec.DType, y, op);
            int a = axis < 0 ? axis + spec.Dims.Length : axis, n = spec.Dims[a];
            var xv = Naive.AsDoubles(x);
            var yv = Naive.AsDoubles(y);
            double tol = spec.DType == DType.Float32 ? 2e-6 : 1e-14;
            for (int k = 0; k < xv.Length; k++)
            {
                var idx = Naive.Unravel(k, spec.Dims);
                // The row through element k along the axis.
                var row = new double[n];
                for (int j = 0; j < n; j++) { idx[a] = j; row[j] = xv[Naive.Ravel(idx, spec.Dims)]; }
                idx = Naive.Unravel(k, spec.Dims);
                double max = row.Aggregate(double.NegativeInfinity, Naive.Max);
                double sum = row.Sum(v => Math.Exp(v - max));
                double expected = log ? xv[k] - max - Math.Log(sum) : Math.Exp(xv[k] - max) / sum;
                double got = yv[k];
                bool ok = double.IsNaN(expected) ? double.IsNaN(got)
                    : double.IsInfinity(expected) ? got == expected
                    : Math.Abs(got - expected) <= tol * (1 + Math.Abs(expected)) * Math.Max(1, n);
                Must.True(ok, $"{op}: element {k} ({string.Join(", ", idx)}) is {got:R}, expected {expected:R}");
            }
        }, SoftmaxCases, output, c => $"axis {c.axis} log {c.log} x {c.x}");
    }

    [Fact]
    public void BiasAddAddsAlongTheLastAxisOnly()
    {
        var gen =
            from x in G.Tensor(G.Dims.Where(d => d.Length > 0), G.Float, Values.Special)
            from seed in Gen.ULong
            from wrong in Gen.Int[0, 9]
            select (x, seed, wrong);
        PropertyRunner.Run("BiasAddAddsAlongTheLastAxisOnly", gen, c =>
        {
            var (spec, seed, wrong) = c;
            var x = spec.Make();
            int units = spec.Dims[^1];
            var bias = new TensorSpec(wrong == 0 ? [units + 1] : wrong == 1 ? [1, units] : [units], spec.DType, seed, Values.Special).Make();
            if (wrong <= 1)
            {
                Must.Throw<InvalidArgumentError>("BiasAdd", () => tf.BiasAdd(x, bias), $"bias {bias.Shape} for value {x.Shape}");
                return;
            }
            var y = tf.BiasAdd(x, bias);
            Must.ShapeIs(spec.Dims, y, "BiasAdd");
            var expected = spec.DType == DType.Float32
                ? Naive.Broadcast2(x.ToArray<float>(), spec.Dims, bias.ToArray<float>(), [units], spec.Dims, static (a, b) => (double)(a + b))
                : Naive.Broadcast2(x.ToArray<double>(), spec.Dims, bias.ToArray<double>(), [units], spec.Dims, static (a, b) => a + b);
            Must.SameValues(expected, Naive.AsDoubles(y), "BiasAdd");
        }, BiasAddCases, output);
    }
}
