using static Strata.Tests.GradientCheck;

namespace Strata.Tests.Ops;

/// <summary>The core's fused cross-entropies (tf.nn.*_cross_entropy_with_logits): values against formulas
/// computed here in double, gradients against the closed forms and finite differences, and their shape and
/// dtype errors.</summary>
public class LossOpsTests
{
    private const string Sparse = "SparseSoftmaxCrossEntropyWithLogits";
    private const string Dense = "SoftmaxCrossEntropyWithLogits";
    private const string Sigmoid = "SigmoidCrossEntropyWithLogits";

    // Three rows of four classes, with a row of large logits (the log-sum-exp must not overflow).
    private static readonly double[] Logits = [0.5, -1, 2, 0.25, 3, 3, -2, 0, 800, -800, 799, 1];

    private static double LogSumExp(ReadOnlySpan<double> row)
    {
        double max = double.NegativeInfinity;
        foreach (var v in row) max = Math.Max(max, v);
        double sum = 0;
        foreach (var v in row) sum += Math.Exp(v - max);
        return max + Math.Log(sum);
    }

    private static double[] Softmax(ReadOnlySpan<double> row)
    {
        double lse = LogSumExp(row);
        var p = new double[row.Length];
        for (int i = 0; i < p.Length; i++) p[i] = Math.Exp(row[i] - lse);
        return p;
    }

    // ----- sparse -----

    [Theory]
    [InlineData(DType.Int32)]
    [InlineData(DType.Int64)]
    [InlineData(DType.UInt8)]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void SparseIsLogSumExpMinusTheLabelsLogitForEveryLabelDType(DType labelType)
    {
        int[] labels = [2, 0, 2];
        var y = tf.SparseSoftmaxCrossEntropyWithLogits(tf.Cast(tf.Constant(labels), labelType), F64(Logits, 3, 4));
        Assert.Equal(DType.Float64, y.DType);
        var expected = new double[3];
        for (int r = 0; r < 3; r++) expected[r] = LogSumExp(Logits.AsSpan(r * 4, 4)) - Logits[r * 4 + labels[r]];
        Expect.Values(y, [3], expected, 1e-12);
        Assert.Equal(1 + Math.Log(1 + Math.Exp(-1)), expected[2], 9);   // 800 - 799 + log(1 + e^-1 + …): finite although e^800 overflows
    }

    [Fact]
    public void SparseInFloat32KeepsFloat32AndTheLeadingAxes()
    {
        // Logits (2, 3, 2): the result has the labels' shape (2, 3).
        float[] logits = [1, 2, 0, 0, -3, 5, 0.5f, 0.25f, 9, -9, 4, 4];
        int[] labels = [1, 0, 1, 0, 1, 0];
        var y = tf.SparseSoftmaxCrossEntropyWithLogits(tf.Constant(labels, shape: new Shape(2, 3)), tf.Constant(logits, shape: new Shape(2, 3, 2)));
        Assert.Equal(DType.Float32, y.DType);
        var ld = logits.Select(v => (double)v).ToArray();
        var expected = Enumerable.Range(0, 6).Select(r => LogSumExp(ld.AsSpan(r * 2, 2)) - ld[r * 2 + labels[r]]).ToArray();
        Expect.Values(y, [2, 3], expected, 1e-5);
    }

    [Fact]
    public void SparseGradientIsSoftmaxMinusOneHotTimesTheUpstreamGradient()
    {
        int[] labels = [3, 1, 0];
        var x = F64(Logits, 3, 4);
        var labelTensor = tf.Constant(labels);
        var dy = F64([0.5, -2, 3], 3);
        Tensor?[] g;
        using (var tape = new GradientTape())
        {
            tape.Watch(x);
            var loss = tf.ReduceSum(tf.SparseSoftmaxCrossEntropyWithLogits(labelTensor, x) * dy);
            g = tape.Gradient(loss, [labelTensor, x]);
        }
        Assert.Null(g[0]);   // integer labels: no gradient
        var expected = new double[12];
        for (int r = 0; r < 3; r++)
        {
            var p = Softmax(Logits.AsSpan(r * 4, 4));
            for (int j = 0; j < 4; j++) expected[r * 4 + j] = (p[j] - (j == labels[r] ? 1 : 0)) * dy.ToArray<double>()[r];
        }
        Expect.Values(g[1]!, [3, 4], expected, 1e-12);
        // And against finite differences, on logits small enough for them.
        Check((Tensor[] xs) => tf.SparseSoftmaxCrossEntropyWithLogits(labelTensor, xs[0]), Rand(41, [3, 4]));
    }

    // ----- dense (probability labels) -----

    [Fact]
    public void DenseIsMinusTheLabelsDotLogSoftmax()
    {
        // Soft labels (rows sum to 1) and a one-hot row.
        double[] labels = [0.1, 0.2, 0.3, 0.4, 0, 1, 0, 0, 0.5, 0, 0.5, 0];
        var y = tf.SoftmaxCrossEntropyWithLogits(F64(labels, 3, 4), F64(Logits, 3, 4));
        var expected = new double[3];
        for (int r = 0; r < 3; r++)
        {
            double lse = LogSumExp(Logits.AsSpan(r * 4, 4));
            for (int j = 0; j < 4; j++) expected[r] -= labels[r * 4 + j] * (Logits[r * 4 + j] - lse);
        }
        Expect.Values(y, [3], expected, 1e-10);
    }

    [Fact]
    public void DenseCastsLabelsOfAnotherDTypeToTheLogits()
    {
        var logits = tf.Constant(new float[] { 1, 2, 3, 0, 0, 0 }, shape: new Shape(2, 3));
        var fromInts = tf.SoftmaxCrossEntropyWithLogits(tf.Constant(new[] { 0, 0, 1, 1, 0, 0 }, shape: new Shape(2, 3)), logits);
        var fromFloats = tf.SoftmaxCrossEntropyWithLogits(tf.Constant(new float[] { 0, 0, 1, 1, 0, 0 }, shape: new Shape(2, 3)), logits);
        Assert.Equal(DType.Float32, fromInts.DType);
        Assert.Equal(fromFloats.ToArray<float>(), fromInts.ToArray<float>());
        Expect.Values(fromInts, [2], [LogSumExp([1.0, 2, 3]) - 3, Math.Log(3)], 1e-6);
    }

    [Fact]
    public void DenseGradientsAreSoftmaxMinusLabelsAndMinusLogSoftmax()
    {
        double[] labels = [0.1, 0.2, 0.3, 0.4, 0, 1, 0, 0, 0.5, 0, 0.5, 0];
        var x = F64(Logits, 3, 4);
        var z = F64(labels, 3, 4);
        Tensor?[] g;
        using (var tape = new GradientTape())
        {
            tape.Watch(x);
            tape.Watch(z);
            g = tape.Gradient(tf.ReduceSum(tf.SoftmaxCrossEntropyWithLogits(z, x)), [z, x]);
        }
        var dz = new double[12];
        var dx = new double[12];
        for (int r = 0; r < 3; r++)
        {
            var p = Softmax(Logits.AsSpan(r * 4, 4));
            double lse = LogSumExp(Logits.AsSpan(r * 4, 4));
            for (int j = 0; j < 4; j++)
            {
                dx[r * 4 + j] = p[j] - labels[r * 4 + j];
                dz[r * 4 + j] = -(Logits[r * 4 + j] - lse);
            }
        }
        Expect.Values(g[0]!, [3, 4], dz, 1e-10);
        Expect.Values(g[1]!, [3, 4], dx, 1e-12);
        // Finite differences in the logits, for labels that are distributions (rows summing to 1): softmax -
        // labels is the gradient only then, as in TensorFlow, whose op also requires valid distributions.
        var soft = Rand(42, [2, 3], 0.1, 1);
        soft = soft / tf.ReduceSum(soft, 1, keepDims: true);
        Check((Tensor[] xs) => tf.SoftmaxCrossEntropyWithLogits(soft, xs[0]), Rand(43, [2, 3]));
        Check((Tensor[] xs) => tf.SoftmaxCrossEntropyWithLogits(xs[0], F64(Logits[..6], 2, 3)), soft);
    }

    // ----- sigmoid -----

    [Fact]
    public void SigmoidIsTheStableBinaryCrossEntropy()
    {
        double[] x = [0, 2, -2, 50, -50, 800, -800, 0.3];
        double[] z = [0, 1, 1, 0, 1, 1, 0, 0.25];
        var y = tf.SigmoidCrossEntropyWithLogits(F64(z, 2, 4), F64(x, 2, 4));
        // -z log σ(x) - (1 - z) log(1 - σ(x)), with log σ(x) = -log(1 + e^-x) and log(1 - σ(x)) = -x - log(1 + e^-x),
        // each written so that it stays finite at ±800.
        static double Softplus(double v) => v > 0 ? v + Math.Log(1 + Math.Exp(-v)) : Math.Log(1 + Math.Exp(v));
        var expected = x.Select((v, i) => z[i] * Softplus(-v) + (1 - z[i]) * Softplus(v)).ToArray();
        Expect.Values(y, [2, 4], expected, 1e-12);
        Assert.Equal(Math.Log(2), expected[0], 12);
        Assert.All(y.ToArray<double>(), v => Assert.True(double.IsFinite(v)));
        // Float32 logits with int labels: labels cast to float32.
        var y32 = tf.SigmoidCrossEntropyWithLogits(tf.Constant(new[] { 1, 0 }), tf.Constant(new float[] { 2, 2 }));
        Assert.Equal(DType.Float32, y32.DType);
        Expect.Values(y32, [2], [Softplus(-2), Softplus(2)], 1e-6);
    }

    [Fact]
    public void SigmoidGradientsAreSigmoidMinusLabelsAndMinusLogitsAndSecondOrder()
    {
        var x = F64([0.5, -1, 2], 3);
        var z = F64([1, 0, 0.5], 3);
        Tensor?[] g;
        using (var tape = new GradientTape())
        {
            tape.Watch(x);
            tape.Watch(z);
            g = tape.Gradient(tf.ReduceSum(tf.SigmoidCrossEntropyWithLogits(z, x)), [z, x]);
        }
        Expect.Values(g[0]!, [3], [-0.5, 1, -2], 1e-12);
        Expect.Values(g[1]!, [3], [1 / (1 + Math.Exp(-0.5)) - 1, 1 / (1 + Math.Exp(1)), 1 / (1 + Math.Exp(-2)) - 0.5], 1e-12);
        Check(xs => tf.SigmoidCrossEntropyWithLogits(xs[0], xs[1]), Rand(44, [2, 3], 0, 1), Rand(45, [2, 3]));
        var labels = Rand(46, [4], 0, 1);
        CheckSecondOrder(v => tf.SigmoidCrossEntropyWithLogits(labels, v), Rand(47, [4]));
    }

    // ----- errors -----

    [Fact]
    public void SparseLabelsOfTheWrongShapeNameBothShapes()
    {
        var logits = F64(Logits, 3, 4);
        var e = Assert.Throws<InvalidArgumentError>(() => tf.SparseSoftmaxCrossEntropyWithLogits(tf.Constant(new[] { 0, 1 }), logits));
        Assert.Equal($"{Sparse}: labels must have the shape of logits without its last axis: logits (3, 4), so labels (3,); got labels (2,).", e.Message);
        // One-hot labels given to the sparse op.
        e = Assert.Throws<InvalidArgumentError>(() => tf.SparseSoftmaxCrossEntropyWithLogits(tf.Zeros([3, 4], DType.Int32), logits));
        Assert.Equal($"{Sparse}: labels must have the shape of logits without its last axis: logits (3, 4), so labels (3,); got labels (3, 4).", e.Message);
    }

    [Fact]
    public void SparseLabelsOutsideTheClassesOrNotIntegralNameTheLabelAndIndex()
    {
        var logits = F64(Logits, 3, 4);
        var e = Assert.Throws<InvalidArgumentError>(() => tf.SparseSoftmaxCrossEntropyWithLogits(tf.Constant(new[] { 0, 4, 1 }), logits));
        Assert.Equal($"{Sparse}: label 4 at index 1 is not a class index in [0, 4) (labels (3,) int32).", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => tf.SparseSoftmaxCrossEntropyWithLogits(tf.Constant(new long[] { 0, 1, -1 }), logits));
        Assert.Equal($"{Sparse}: label -1 at index 2 is not a class index in [0, 4) (labels (3,) int64).", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => tf.SparseSoftmaxCrossEntropyWithLogits(tf.Constant(new float[] { 0.5f, 1, 2 }), logits));
        Assert.Equal($"{Sparse}: label 0.5 at index 0 is not a class index in [0, 4) (labels (3,) float32).", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => tf.SparseSoftmaxCrossEntropyWithLogits(tf.Constant(new[] { 0.0, double.NaN, 2 }, DType.Float64), logits));
        Assert.Equal($"{Sparse}: label NaN at index 1 is not a class index in [0, 4) (labels (3,) float64).", e.Message);
    }

    [Fact]
    public void SparseBoolLabelsAreADTypeError()
    {
        var e = Assert.Throws<UnsupportedDTypeError>(() =>
            tf.SparseSoftmaxCrossEntropyWithLogits(tf.Constant(new[] { true, false, true }), F64(Logits, 3, 4)));
        Assert.Equal($"{Sparse}: labels must be class indices (uint8, int32, int64), got bool.", e.Message);
    }

    [Theory]
    [InlineData(Sparse)]
    [InlineData(Dense)]
    [InlineData(Sigmoid)]
    public void IntegerLogitsAreADTypeErrorNamingTheOpAndShape(string op)
    {
        var logits = tf.Constant(new[] { 1, 2, 3, 4, 5, 6 }, shape: new Shape(2, 3));
        var labels = op == Sparse ? tf.Constant(new[] { 0, 1 }) : tf.Zeros([2, 3]);
        var e = Assert.Throws<UnsupportedDTypeError>(() => Call(op, labels, logits));
        Assert.Equal($"{op}: expected a floating-point tensor (float32 or float64), got int32 with shape (2, 3); use tf.Cast first.", e.Message);
    }

    [Theory]
    [InlineData(Sparse)]
    [InlineData(Dense)]
    public void ScalarLogitsAreRejected(string op)
    {
        var e = Assert.Throws<InvalidArgumentError>(() => Call(op, tf.Constant(0), tf.Constant(1.5f)));
        Assert.Equal($"{op}: logits must have rank >= 1 (batch..., classes), got a scalar.", e.Message);
    }

    [Theory]
    [InlineData(Dense)]
    [InlineData(Sigmoid)]
    public void DenseAndSigmoidLabelsOfAnotherShapeNameBothShapes(string op)
    {
        var e = Assert.Throws<InvalidArgumentError>(() => Call(op, tf.Zeros([3]), F64(Logits, 3, 4)));
        Assert.Equal($"{op}: labels and logits must have one shape, got labels (3,) and logits (3, 4).", e.Message);
        // No broadcasting either, as in TensorFlow.
        e = Assert.Throws<InvalidArgumentError>(() => Call(op, tf.Zeros([1, 4], DType.Float64), F64(Logits, 3, 4)));
        Assert.Equal($"{op}: labels and logits must have one shape, got labels (1, 4) and logits (3, 4).", e.Message);
    }

    [Theory]
    [InlineData(Sparse)]
    [InlineData(Dense)]
    [InlineData(Sigmoid)]
    public void NullArgumentsNameTheOp(string op)
    {
        var logits = F64(Logits, 3, 4);
        var e = Assert.Throws<ArgumentNullException>(() => Call(op, null!, logits));
        Assert.Equal("labels", e.ParamName);
        Assert.StartsWith($"{op}: argument 'labels' is null.", e.Message);
        // Null logits: the op is named (the parameter is reported under the shared check's name, "x").
        e = Assert.Throws<ArgumentNullException>(() => Call(op, tf.Constant(new[] { 0, 1, 2 }), null!));
        Assert.StartsWith($"{op}: argument '", e.Message);
    }

    private static Tensor Call(string op, Tensor labels, Tensor logits) => op switch
    {
        Sparse => tf.SparseSoftmaxCrossEntropyWithLogits(labels, logits),
        Dense => tf.SoftmaxCrossEntropyWithLogits(labels, logits),
        _ => tf.SigmoidCrossEntropyWithLogits(labels, logits),
    };
}
