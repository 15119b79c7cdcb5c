using static Strata.Tests.GradientCheck;

namespace Strata.Tests.Ops;

/// <summary>sin … atanh and atan2: values against System.Math in both dtypes, TensorFlow's domain behaviour (NaN
/// outside, ±inf at atanh(±1), no exceptions), gradients against finite differences (first and second order).</summary>
public class TrigOpsTests
{
    private static readonly Dictionary<string, (Func<Tensor, Tensor> op, Func<double, double> reference, double lo, double hi)> Ops = new()
    {
        ["sin"] = (tf.Sin, Math.Sin, -4, 4),
        ["cos"] = (tf.Cos, Math.Cos, -4, 4),
        ["tan"] = (tf.Tan, Math.Tan, -1.2, 1.2),
        ["asin"] = (tf.Asin, Math.Asin, -0.9, 0.9),
        ["acos"] = (tf.Acos, Math.Acos, -0.9, 0.9),
        ["atan"] = (tf.Atan, Math.Atan, -4, 4),
        ["sinh"] = (tf.Sinh, Math.Sinh, -3, 3),
        ["cosh"] = (tf.Cosh, Math.Cosh, -3, 3),
        ["tanh"] = (tf.Tanh, Math.Tanh, -3, 3),
        ["asinh"] = (tf.Asinh, Math.Asinh, -4, 4),
        ["acosh"] = (tf.Acosh, Math.Acosh, 1.1, 4),
        ["atanh"] = (tf.Atanh, Math.Atanh, -0.9, 0.9),
    };

    public static TheoryData<string> Names => new(Ops.Keys);

    [Theory, MemberData(nameof(Names))]
    public void ValuesMatchSystemMathInBothDTypes(string name)
    {
        var (op, reference, lo, hi) = Ops[name];
        var xs = Enumerable.Range(0, 37).Select(i => lo + (hi - lo) * i / 36.0).ToArray();
        var expected = xs.Select(reference).ToArray();
        var y64 = op(F64(xs, xs.Length));
        Assert.Equal(DType.Float64, y64.DType);
        Expect.Close(expected, y64.ToArray<double>(), 1e-14);
        var y32 = op(tf.Constant(xs.Select(v => (float)v).ToArray()));
        Assert.Equal(DType.Float32, y32.DType);
        Expect.Close(xs.Select(v => reference((float)v)).ToArray(), Expect.Doubles(y32), 1e-6);
    }

    [Theory, MemberData(nameof(Names))]
    public void GradientsMatchFiniteDifferences(string name)
    {
        var (op, _, lo, hi) = Ops[name];
        var x = Rand(name.Length * 7 + 1, [2, 5], lo, hi);
        Check(op, x);
        CheckSecondOrder(op, x);
    }

    [Fact]
    public void OutsideTheDomainIsNaNNotAnException()
    {
        var y = tf.Asin(tf.Constant(new[] { 2f, -1.5f, 1f, float.NaN }));
        var v = y.ToArray<float>();
        Assert.True(float.IsNaN(v[0]) && float.IsNaN(v[1]) && float.IsNaN(v[3]));
        Assert.Equal(MathF.PI / 2, v[2], 6);
        Assert.True(float.IsNaN(tf.Acos(tf.Constant(3f)).Item<float>()));
        Assert.True(float.IsNaN(tf.Acosh(tf.Constant(0.5f)).Item<float>()));
        Assert.Equal(0f, tf.Acosh(tf.Constant(1f)).Item<float>());
        var at = tf.Atanh(tf.Constant(new[] { 1.0, -1.0, 2.0 }, dtype: DType.Float64)).ToArray<double>();
        Assert.Equal(double.PositiveInfinity, at[0]);
        Assert.Equal(double.NegativeInfinity, at[1]);
        Assert.True(double.IsNaN(at[2]));
        Assert.True(float.IsNaN(tf.Sin(tf.Constant(float.PositiveInfinity)).Item<float>()));
        Assert.Equal(float.PositiveInfinity, tf.Cosh(tf.Constant(100f)).Item<float>());
        Assert.Equal(MathF.PI / 2, tf.Atan(tf.Constant(float.PositiveInfinity)).Item<float>(), 6);
        Assert.Equal(-0.0, tf.Sin(tf.Constant(-0.0, dtype: DType.Float64)).Item<double>());
        Assert.True(double.IsNegative(tf.Sin(tf.Constant(-0.0, dtype: DType.Float64)).Item<double>()));
    }

    [Fact]
    public void EmptyTensorsAndShapesPassThrough()
    {
        var e = tf.Zeros([0, 3]);
        foreach (var (op, _, _, _) in Ops.Values) Assert.Equal(new Shape(0, 3), op(e).Shape);
        Assert.Equal(new Shape(0, 3), tf.Atan2(e, e).Shape);
    }

    [Fact]
    public void Atan2CoversAllQuadrantsAndBroadcasts()
    {
        var y = F64([1, 1, -1, -1, 0, 0, 0], 7);
        var x = F64([1, -1, 1, -1, 1, -1, 0], 7);
        Expect.Close([Math.Atan2(1, 1), Math.Atan2(1, -1), Math.Atan2(-1, 1), Math.Atan2(-1, -1), 0, Math.PI, 0],
            tf.Atan2(y, x).ToArray<double>(), 1e-15);
        var b = tf.Atan2(tf.Constant(new[,] { { 1f }, { -1f } }), tf.Constant(new[] { 1f, 2f, 3f }));
        Assert.Equal(new Shape(2, 3), b.Shape);
        Assert.Equal(MathF.Atan2(-1, 3), b.ToArray<float>()[5], 6);
        Assert.Equal((float)Math.Atan2(1, 2), tf.Atan2(tf.Constant(1f), 2).Item<float>(), 6); // a weak literal adapts
    }

    [Fact]
    public void Atan2GradientBothInputsAndBroadcast()
    {
        Check(xs => tf.Atan2(xs[0], xs[1]), Rand(3, [2, 3], 0.5, 2), Rand(4, [2, 3], -2, 2));
        Check(xs => tf.Atan2(xs[0], xs[1]), Rand(5, [2, 1], 0.5, 2), Rand(6, [3], 0.5, 2));
    }

    [Fact]
    public void BadInputsNameTheOpAndShape()
    {
        var e = Assert.Throws<UnsupportedDTypeError>(() => tf.Sin(tf.Constant(new[] { 1, 2 })));
        Assert.Contains("Sin", e.Message);
        Assert.Contains("int32", e.Message);
        Assert.Contains("(2,)", e.Message);
        var b = Assert.Throws<InvalidArgumentError>(() => tf.Atan2(tf.Zeros([2, 3]), tf.Zeros([4])));
        Assert.Contains("Atan2", b.Message);
        var d = Assert.Throws<InvalidArgumentError>(() => tf.Atan2(tf.Zeros([2]), tf.Zeros([2], DType.Float64)));
        Assert.Contains("Atan2", d.Message);
    }

    [Fact]
    public void MathModuleDoorsReachTheSameOps()
    {
        var x = tf.Constant(new[] { 0.25f, 0.5f });
        Assert.Equal(tf.Asin(x).ToArray<float>(), tf.math.Asin(x).ToArray<float>());
        Assert.Equal(tf.Atan2(x, x).ToArray<float>(), tf.math.Atan2(x, x).ToArray<float>());
        Assert.Equal(tf.Cosh(x).ToArray<float>(), tf.math.Cosh(x).ToArray<float>());
    }
}
