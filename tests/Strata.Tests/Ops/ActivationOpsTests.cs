using static Strata.Tests.GradientCheck;

namespace Strata.Tests.Ops;

/// <summary>The activations of ActivationOps.cs: values against formulas evaluated here in double, TensorFlow's
/// edge cases, and gradients against finite differences (first and second order).</summary>
public class ActivationOpsTests
{
    private const double SeluAlpha = 1.6732632423543772848170429916717, SeluScale = 1.0507009873554804934193349852946;

    /// <summary>erf as 2/√π ∫₀ˣ e^(-t²) dt by composite Simpson (20000 panels, error below 1e-14): independent of
    /// the library's series and continued fraction.</summary>
    private static double RefErf(double x)
    {
        const int n = 20000;
        double h = x / n, sum = 1 + Math.Exp(-x * x);
        for (int i = 1; i < n; i++) sum += (i % 2 == 1 ? 4 : 2) * Math.Exp(-(i * h) * (i * h));
        return 2 / Math.Sqrt(Math.PI) * sum * h / 3;
    }

    private static double Sig(double x) => 1 / (1 + Math.Exp(-x));
    private static double SoftplusRef(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));

    private static readonly Dictionary<string, (Func<Tensor, Tensor> op, Func<double, double> reference)> Ops = new()
    {
        ["elu"] = (x => tf.Elu(x), x => x > 0 ? x : Math.Exp(x) - 1),
        ["elu_alpha"] = (x => tf.Elu(x, 0.5), x => x > 0 ? x : 0.5 * (Math.Exp(x) - 1)),
        ["selu"] = (tf.Selu, x => SeluScale * (x > 0 ? x : SeluAlpha * (Math.Exp(x) - 1))),
        ["leaky_relu"] = (x => tf.LeakyRelu(x), x => x > 0 ? x : 0.2 * x),
        ["relu6"] = (tf.Relu6, x => Math.Min(Math.Max(x, 0), 6)),
        ["swish"] = (tf.Swish, x => x * Sig(x)),
        ["silu"] = (tf.Silu, x => x * Sig(x)),
        ["hard_sigmoid"] = (tf.HardSigmoid, x => Math.Min(Math.Max(x + 3, 0), 6) / 6),
        ["hard_swish"] = (tf.HardSwish, x => x * Math.Min(Math.Max(x + 3, 0), 6) / 6),
        ["softplus"] = (tf.Softplus, SoftplusRef),
        ["softsign"] = (tf.Softsign, x => x / (1 + Math.Abs(x))),
        ["mish"] = (tf.Mish, x => x * Math.Tanh(SoftplusRef(x))),
        ["gelu"] = (x => tf.Gelu(x), x => 0.5 * x * (1 + RefErf(x / Math.Sqrt(2)))),
        ["gelu_tanh"] = (x => tf.Gelu(x, approximate: true),
            x => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)))),
        ["erf"] = (tf.Erf, RefErf),
        ["expm1"] = (tf.Expm1, x => Math.Exp(x) - 1),
        ["log1p"] = (x => tf.Log1p(tf.Abs(x)), x => Math.Log(1 + Math.Abs(x))),
    };

    public static TheoryData<string> Names => new(Ops.Keys);

    // Both sides of every branch and threshold, 37 values so that vector bodies and scalar tails are both run.
    private static readonly double[] Xs = Enumerable.Range(0, 37).Select(i => -6 + i / 3.0).Concat([-3, 3, 6, 0]).ToArray();

    [Theory, MemberData(nameof(Names))]
    public void ValuesMatchTheFormulaInBothDTypes(string name)
    {
        var (op, reference) = Ops[name];
        var expected = Xs.Select(reference).ToArray();
        Expect.Close(expected, Expect.Doubles(op(tf.Constant(Xs.Select(v => (float)v).ToArray()))), 2e-6);
        var y64 = op(F64(Xs, Xs.Length));
        Assert.Equal(DType.Float64, y64.DType);
        Expect.Close(expected, y64.ToArray<double>(), 1e-11);
    }

    [Theory, MemberData(nameof(Names))]
    public void NaNPropagatesAndEmptyStaysEmpty(string name)
    {
        var op = Ops[name].op;
        Assert.True(float.IsNaN(op(tf.Constant(new[] { float.NaN })).ToArray<float>()[0]));
        Assert.True(double.IsNaN(op(F64([double.NaN], 1)).ToArray<double>()[0]));
        Assert.Equal(new Shape(0, 3), op(tf.Zeros([0, 3])).Shape);
    }

    [Theory, MemberData(nameof(Names))]
    public void IntegersAreRefused(string name)
    {
        var e = Assert.Throws<UnsupportedDTypeError>(() => Ops[name].op(tf.Constant(new[] { 1, 2 })));
        Assert.Contains("int32", e.Message);
    }

    [Fact]
    public void InfinitiesGoWhereTensorFlowSendsThem()
    {
        double inf = double.PositiveInfinity;
        Tensor X() => F64([inf, -inf], 2);
        Assert.Equal([inf, -1.0], tf.Elu(X()).ToArray<double>());
        Assert.Equal([inf, -SeluScale * SeluAlpha], tf.Selu(X()).ToArray<double>(), new ToleranceComparer(1e-15));
        Assert.Equal([inf, -inf], tf.LeakyRelu(X()).ToArray<double>());
        Assert.Equal([6.0, 0.0], tf.Relu6(X()).ToArray<double>());
        Assert.Equal([1.0, 0.0], tf.HardSigmoid(X()).ToArray<double>());
        Assert.Equal([inf, 0.0], tf.Softplus(X()).ToArray<double>());
        Assert.Equal([1.0, -1.0], tf.Erf(X()).ToArray<double>());
        Assert.Equal([inf, -1.0], tf.Expm1(X()).ToArray<double>());
        Assert.Equal([inf], tf.Log1p(F64([inf], 1)).ToArray<double>());
        Assert.Equal([double.NegativeInfinity], tf.Log1p(F64([-1], 1)).ToArray<double>());
        Assert.Equal([float.PositiveInfinity, -1f], tf.Expm1(tf.Constant(new[] { float.PositiveInfinity, -200f })).ToArray<float>());
    }

    [Fact]
    public void SoftplusIsStableAtBothEnds()
    {
        // TensorFlow's thresholds: x for large x (no overflow to inf), e^x for very negative x (not 0).
        var y64 = tf.Softplus(F64([100, -100, 1000, -1000, 30, -30], 6)).ToArray<double>();
        Assert.Equal(100.0, y64[0]);
        Assert.Equal(Math.Exp(-100), y64[1], 1e-58); // 3.72e-44
        Assert.True(y64[1] > 0);
        Assert.Equal(1000.0, y64[2]);
        Assert.Equal(0.0, y64[3]);
        Assert.Equal(30 + Math.Exp(-30), y64[4], 1e-13);
        Assert.Equal(Math.Exp(-30) - Math.Exp(-60) / 2, y64[5], 1e-28); // log1p(e^-30)
        var y32 = tf.Softplus(tf.Constant(new[] { 100f, -100f, 89f, -20f, 13.9f, -13.9f })).ToArray<float>();
        Assert.Equal(100f, y32[0]);
        Assert.True(y32[1] > 0 && y32[1] < 1e-43f); // e^-100 as a float32 subnormal
        Assert.Equal(89f, y32[2]);
        Assert.Equal(Math.Exp(-20), y32[3], 1e-14);
        Assert.Equal(SoftplusRef(13.9f), y32[4], 1e-5);
        Assert.Equal(SoftplusRef(-13.9f), y32[5], 1e-12);
    }

    [Fact]
    public void SoftplusKernelWorksInPlace()
    {
        // The kernel saves x only when y overlaps it; both ways give the same values.
        var x = Enumerable.Range(0, 600).Select(i => (float)(i * 0.1 - 30)).ToArray();
        var apart = new float[x.Length];
        Strata.Kernels.SoftplusOp.Apply<float>(x, apart);
        var inPlace = (float[])x.Clone();
        Strata.Kernels.SoftplusOp.Apply<float>(inPlace, inPlace);
        Assert.Equal(apart, inPlace);
        Assert.Equal(SoftplusRef(x[123]), apart[123], 1e-6);
    }

    [Fact]
    public void SmallArgumentsKeepTheirDigits()
    {
        double[] tiny = [1e-10, -1e-10, 1e-300, -0.0];
        var e = tf.Expm1(F64(tiny, 4)).ToArray<double>();
        var l = tf.Log1p(F64(tiny, 4)).ToArray<double>();
        for (int i = 0; i < 3; i++)
        {
            double x = tiny[i];
            Assert.Equal(x + x * x / 2, e[i], Math.Abs(x) * 1e-15);
            Assert.Equal(x - x * x / 2, l[i], Math.Abs(x) * 1e-15);
        }
        Assert.True(double.IsNegative(e[3]) && e[3] == 0 && double.IsNegative(l[3]) && l[3] == 0);
        Assert.Equal(1e-7f, tf.Expm1(tf.Constant(new[] { 1e-7f })).ToArray<float>()[0], 1e-13f);
        Assert.Equal(1e-7f, tf.Log1p(tf.Constant(new[] { 1e-7f })).ToArray<float>()[0], 1e-13f);
        Assert.Equal(1e-20, tf.Elu(F64([-1e-20], 1)).ToArray<double>()[0] * -1, 1e-35);
    }

    [Fact]
    public void ErfAndGeluMatchPublishedValues()
    {
        // erf from Abramowitz & Stegun's tables (to 16 digits); erfc(5) = 1.5374597944280349e-12.
        var erf = tf.Erf(F64([0.5, 1, 2, 3, -1, 5, 0], 7)).ToArray<double>();
        Expect.Close([0.5204998778130465, 0.8427007929497149, 0.9953222650189527, 0.9999779095030014, -0.8427007929497149,
            1 - 1.5374597944280349e-12, 0], erf, 1e-15);
        // gelu(x) = x·Φ(x): Φ(1) = 0.8413447460685429, Φ(-3) = 0.0013498980316301, Φ(-10) = 7.619853024160527e-24.
        var g = tf.Gelu(F64([1, -1, -3, -10], 4)).ToArray<double>();
        Expect.Close([0.8413447460685429, -0.15865525393145707, -3 * 0.0013498980316301, -10 * 7.619853024160527e-24], g, 1e-12);
        Assert.Equal(-10 * 7.619853024160527e-24, g[3], 1e-34); // no cancellation in the left tail
        // Far out: gelu(x) → x on the right and 0 on the left; ±inf as TensorFlow (inf, and -inf·0 = NaN).
        var far = tf.Gelu(F64([10, 40, -40, double.PositiveInfinity, double.NegativeInfinity], 5)).ToArray<double>();
        Assert.Equal([10.0, 40, 0], far[..3]);
        Assert.Equal(double.PositiveInfinity, far[3]);
        Assert.True(double.IsNaN(far[4]));
        Assert.Equal([1.0, -1, 1], tf.Erf(F64([7, -30, double.PositiveInfinity], 3)).ToArray<double>());
    }

    [Fact]
    public void Float32GeluIsAccurateInBothTails()
    {
        // float32 takes a vectorised erfc (relative error ~1e-7): against the float64 path, within a few ulps, plus
        // about x²·ulp in the left tail, from rounding z = x/√2 and z² in float32 inside e^(-z²) (TF's ½(1 + erf) is
        // far worse there: it cancels to 0).
        var xs = Enumerable.Range(0, 301).Select(i => (float)(-12 + i * 0.07)).ToArray();
        var y32 = tf.Gelu(tf.Constant(xs)).ToArray<float>();
        var y64 = tf.Gelu(tf.Constant(xs.Select(v => (double)v).ToArray(), DType.Float64)).ToArray<double>();
        for (int i = 0; i < xs.Length; i++)
        {
            double tol = (4 + 2 * xs[i] * xs[i]) * 6e-8 * Math.Abs(y64[i]) + 1e-44;
            Assert.True(Math.Abs(y32[i] - y64[i]) <= tol, $"gelu({xs[i]:R}) = {y32[i]:R} in float32, {y64[i]:R} in float64");
        }
        Assert.True(y32[0] < 0); // gelu(-12) = -2.1e-32, not 0
    }

    [Fact]
    public void LargeTensorsTakeTheThreadedPathAndAgree()
    {
        int n = Strata.Kernels.Elementwise.ParallelThreshold + 37;
        var x = tf.Constant(Enumerable.Range(0, n).Select(i => (float)Math.Sin(i) * 20).ToArray());
        var whole = tf.Softplus(x).ToArray<float>();
        var leaky = tf.LeakyRelu(x, 0.1).ToArray<float>();
        var xs = x.ToArray<float>();
        foreach (int i in new[] { 0, 1, n / 2 - 1, n / 2, n / 2 + 1, n - 1 })
        {
            Assert.Equal(SoftplusRef(xs[i]), whole[i], 1e-5 * (1 + Math.Abs(whole[i])));
            Assert.Equal(xs[i] > 0 ? xs[i] : 0.1f * xs[i], leaky[i]);
        }
    }

    [Fact]
    public void NnModuleDoorsReachTheSameOps()
    {
        var x = F64([-2, -0.5, 0.5, 7], 4);
        Assert.Equal(tf.Relu6(x).ToArray<double>(), tf.nn.Relu6(x).ToArray<double>());
        Assert.Equal(tf.Elu(x).ToArray<double>(), tf.nn.Elu(x).ToArray<double>());
        Assert.Equal(tf.Selu(x).ToArray<double>(), tf.nn.Selu(x).ToArray<double>());
        Assert.Equal(tf.Gelu(x, true).ToArray<double>(), tf.nn.Gelu(x, true).ToArray<double>());
        Assert.Equal(tf.LeakyRelu(x).ToArray<double>(), tf.nn.LeakyRelu(x).ToArray<double>());
        Assert.Equal(tf.Swish(x).ToArray<double>(), tf.nn.Silu(x).ToArray<double>());
        Assert.Equal(tf.Swish(x).ToArray<double>(), tf.nn.Swish(x).ToArray<double>());
        Assert.Equal(tf.Softplus(x).ToArray<double>(), tf.nn.Softplus(x).ToArray<double>());
        Assert.Equal(tf.Softsign(x).ToArray<double>(), tf.nn.Softsign(x).ToArray<double>());
        Assert.Equal(tf.Relu(x).ToArray<double>(), tf.nn.Relu(x).ToArray<double>());
        Assert.Equal(tf.Sigmoid(x).ToArray<double>(), tf.nn.Sigmoid(x).ToArray<double>());
        Assert.Equal(tf.Tanh(x).ToArray<double>(), tf.nn.Tanh(x).ToArray<double>());
        Assert.Equal(tf.Softmax(x).ToArray<double>(), tf.nn.Softmax(x).ToArray<double>());
        Assert.Equal(tf.LogSoftmax(x).ToArray<double>(), tf.nn.LogSoftmax(x).ToArray<double>());
    }

    // ----- gradients -----

    // Points away from every kink (0, ±3, 6), so that finite differences are meaningful.
    private static Tensor SmoothPoints() => F64([-4.1, -2.2, -0.7, -0.15, 0.2, 0.9, 2.6, 4.3, 6.5], 9);

    [Theory, MemberData(nameof(Names))]
    public void GradientMatchesFiniteDifferences(string name) => Check(Ops[name].op, SmoothPoints());

    [Theory]
    [InlineData("elu"), InlineData("elu_alpha"), InlineData("selu"), InlineData("softplus"), InlineData("swish"), InlineData("mish"),
     InlineData("gelu"), InlineData("gelu_tanh"), InlineData("erf"), InlineData("softsign"), InlineData("expm1"), InlineData("log1p")]
    public void SecondOrderGradientMatchesFiniteDifferences(string name) => CheckSecondOrder(Ops[name].op, SmoothPoints());

    [Fact]
    public void KinkGradientsAreTensorFlows()
    {
        var x = F64([0, 6, -3, 3, -1], 5);
        Assert.Equal([0.0, 0, 0, 1, 0], Grad(tf.Relu6, x));                  // Relu6Grad: 0 at both boundaries
        Assert.Equal([0.2, 1, 0.2, 1, 0.2], Grad(v => tf.LeakyRelu(v), x));   // x > 0 → dy, else alpha·dy
        Assert.Equal(1.0, Grad(v => tf.Elu(v), x)[0]);                        // EluGrad at 0: dy
        Assert.Equal(SeluScale, Grad(tf.Selu, x)[0], 1e-15);
        Assert.Equal([1 / 6.0, 0, 0, 0, 1 / 6.0], Grad(tf.HardSigmoid, x));
        Assert.Equal([0.5, 1, 0, 1, 1 / 6.0], Grad(tf.HardSwish, x));
        Assert.Equal(0.5, Grad(tf.Softplus, x)[0]);
        Assert.Equal([0.5, 0.9999999990134123 + 6 * 0.3989422804014327 * Math.Exp(-18)], Grad(v => tf.Gelu(v), F64([0, 6], 2)), new ToleranceComparer(1e-12));
    }

    [Fact]
    public void Float32GradientsKeepTheirDType()
    {
        var x = tf.Constant(new[] { -1f, 2f });
        using var tape = new GradientTape();
        tape.Watch(x);
        var y = tf.ReduceSum(tf.Softplus(x) + tf.Gelu(x) + tf.Mish(x) + tf.Selu(x));
        var g = tape.Gradient(y, x)!;
        Assert.Equal(DType.Float32, g.DType);
        Assert.Equal(Sig(-1) + 0.5 * (1 + RefErf(-1 / Math.Sqrt(2))) - Math.Exp(-0.5) / Math.Sqrt(2 * Math.PI) +
            MishPrime(-1) + SeluScale * SeluAlpha * Math.Exp(-1), g.ToArray<float>()[0], 1e-5);
    }

    private static double MishPrime(double x)
    {
        double t = Math.Tanh(SoftplusRef(x));
        return t + x * (1 - t * t) * Sig(x);
    }

    private static double[] Grad(Func<Tensor, Tensor> f, Tensor x)
    {
        using var tape = new GradientTape();
        tape.Watch(x);
        var y = tf.ReduceSum(f(x));
        return tape.Gradient(y, x)!.ToArray<double>();
    }

    private sealed class ToleranceComparer(double tol) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => a == b || Math.Abs(a - b) <= tol * (1 + Math.Abs(b));
        public int GetHashCode(double v) => 0;
    }
}
