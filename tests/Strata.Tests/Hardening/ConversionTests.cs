namespace Strata.Tests.Hardening;

/// <summary>tf.Constant and tf.Variable convert .NET values the way TensorFlow converts Python values: what the
/// dtype cannot hold exactly is a TypeError (TensorFlow's "Cannot convert 1.5 to EagerTensor of dtype int32"),
/// never a truncated or saturated value. tf.Cast remains the explicit, lossy conversion.</summary>
public class ConversionTests
{
    [Fact]
    public void LossyConstantsAreRefused()
    {
        var e = Assert.Throws<TypeError>(() => tf.Constant(new[] { 1.5, 2.7 }, DType.Int32));
        Assert.Equal("Constant: cannot convert 1.5 (element 0) to EagerTensor of dtype int32: it has a fraction (or is not finite). Use tf.Cast for a truncating conversion.", e.Message);
        var u = Assert.Throws<TypeError>(() => tf.Constant(300, DType.UInt8));
        Assert.Contains("300", u.Message);
        Assert.Contains("uint8", u.Message);
        Assert.Throws<TypeError>(() => tf.Constant(-1, DType.UInt8));
        Assert.Throws<TypeError>(() => tf.Constant(new[] { 1L << 40 }, DType.Int32));
        Assert.Throws<TypeError>(() => tf.Constant(double.NaN, DType.Int64));
        Assert.Throws<TypeError>(() => tf.Constant(9.3e18, DType.Int64));
        Assert.Throws<TypeError>(() => tf.Constant(new[] { 0, 1 }, DType.Bool));
    }

    [Fact]
    public void ExactConversionsStillWork()
    {
        Assert.Equal([1, 2], tf.Constant(new[] { 1.0, 2.0 }, DType.Int32).ToArray<int>());
        Assert.Equal([255], tf.Constant(255, DType.UInt8).ToArray<byte>());
        Assert.Equal([1.5f], tf.Constant(new[] { 1.5 }, DType.Float32).ToArray<float>());
        Assert.Equal([3.0], tf.Constant(3, DType.Float64).ToArray<double>());
        Assert.Equal([1f, 0f], tf.Constant(new[] { true, false }, DType.Float32).ToArray<float>());
        // tf.Cast keeps its defined, lossy behaviour: truncation toward zero, saturation at the dtype's range.
        Assert.Equal([1, -2], tf.Cast(tf.Constant(new[] { 1.5, -2.7 }), DType.Int32).ToArray<int>());
        Assert.Equal([(byte)255], tf.Cast(tf.Constant(300), DType.UInt8).ToArray<byte>());
    }

    [Fact]
    public void VariablesConvertTheirInitialValueLikeTensorFlow()
    {
        var e = Assert.Throws<TypeError>(() => tf.Variable(2.5, dtype: DType.Int32));
        Assert.StartsWith("Variable: cannot convert 2.5 to EagerTensor of dtype int32", e.Message);
        Assert.Equal([2], tf.Variable(2, dtype: DType.Int32).ToArray<int>());
        Assert.Equal([2.5], tf.Variable(2.5, dtype: DType.Float64).ToArray<double>());
        Assert.Equal([0.1], tf.Variable(0.1, dtype: DType.Float64).ToArray<double>()); // all the double's digits
        Assert.Equal(DType.Float64, tf.Variable(new[] { 1.0, 2.0 }, dtype: DType.Float64).DType);
        // A tensor of another dtype does not convert (TensorFlow: "Tensor conversion requested dtype ...").
        var t = Assert.Throws<InvalidArgumentError>(() => tf.Variable(tf.Constant(new[] { 1f }), dtype: DType.Float64));
        Assert.Contains("requested dtype float64", t.Message);
    }

    [Fact]
    public void FloatRangeCountsInItsDtype()
    {
        // float32: (1.3 - 1) / 0.1 = 2.9999995, so TensorFlow gives 3 elements; in double it would be 3.0000000000000004.
        var r = tf.Range(1, 1.3, 0.1);
        Assert.Equal(DType.Float32, r.DType);
        Assert.Equal([1f, 1.1f, 1.2f], r.ToArray<float>());
        Assert.Equal(4, tf.Range(1, 1.3, 0.1, DType.Float64).Size);
        // The values accumulate in the dtype, as TensorFlow's kernel adds delta step by step.
        float v = 0; var expected = new float[10];
        for (int i = 0; i < 10; i++) { expected[i] = v; v += 0.1f; }
        Assert.Equal(expected, tf.Range(0, 1, 0.1).ToArray<float>());
        Assert.Equal([5, 3, 1], tf.Range(5, 0, -2).ToArray<int>());
        Assert.Equal(new long[] { 1L << 62 }, tf.Range(4611686018427387904.0, 4611686018427387904.0 + 1024, 2048, DType.Int64).ToArray<long>());
        Assert.Throws<TypeError>(() => tf.Range(9223372036854775808.0, 9223372036854775808.0, 1, DType.Int64)); // 2^63 is not an int64
        Assert.Throws<TypeError>(() => tf.Range(0, 2.5, 1, DType.Int32));
        Assert.Throws<InvalidArgumentError>(() => tf.Range(0, double.NaN));
        Assert.Throws<InvalidArgumentError>(() => tf.Range(0, 1e300, 1e-300, DType.Float64));
        var order = Assert.Throws<InvalidArgumentError>(() => tf.Range(5, 1, 1));
        Assert.Equal("Range: requires start <= limit when delta > 0: 5/1.", order.Message);
    }

    [Fact]
    public void LinspaceComputesInItsDtype()
    {
        var x = tf.Linspace(0, 1, 4);
        float step = 1f / 3;
        Assert.Equal([0f, step, 2 * step, 1f], x.ToArray<float>());
        Assert.Throws<InvalidArgumentError>(() => tf.Linspace(0, 1, 0));
        Assert.Throws<UnsupportedDTypeError>(() => tf.Linspace(0, 1, 3, DType.Int32));
    }

    [Fact]
    public void JaggedArraysBecomeTensorsWhenRectangular()
    {
        var t = tf.Constant(new[] { new[] { 1f, 2f, 3f }, new[] { 4f, 5f, 6f } });
        Assert.Equal(new Shape(2, 3), t.Shape);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], t.ToArray<float>());
        var deep = tf.Constant(new[] { new[,] { { 1, 2 } }, new[,] { { 3, 4 } } });
        Assert.Equal(new Shape(2, 1, 2), deep.Shape);
        Assert.Equal([1, 2, 3, 4], deep.ToArray<int>());

        var ragged = Assert.Throws<InvalidArgumentError>(() => tf.Constant(new[] { new[] { 1f, 2f, 3f }, new[] { 4f } }));
        Assert.Contains("Constant", ragged.Message);
        Assert.Contains("not rectangular", ragged.Message);
        Assert.Contains("[1]", ragged.Message);
        var nulls = Assert.Throws<TypeError>(() => tf.Constant(new[] { new[] { 1f }, null! }));
        Assert.Contains("element [1] is null", nulls.Message);
    }

    [Fact]
    public void UnsupportedElementTypesNameTheOpAndTheType()
    {
        var e = Assert.Throws<TypeError>(() => tf.Constant(new object[] { 1f, "a" }));
        Assert.StartsWith("Constant: no dtype for .NET element type Object", e.Message);
        var s = Assert.Throws<TypeError>(() => tf.Constant(new short[] { 1 }));
        Assert.Contains("Int16", s.Message);
    }

    [Fact]
    public void ItemOfNonFiniteOrOutOfRangeValuesIsAClearError()
    {
        var nan = Assert.Throws<InvalidArgumentError>(() => tf.Constant(float.NaN).Item<int>());
        Assert.Contains("NaN", nan.Message);
        Assert.Contains("Int32", nan.Message);
        Assert.Throws<InvalidArgumentError>(() => tf.Constant(float.PositiveInfinity).Item<long>());
        var big = Assert.Throws<InvalidArgumentError>(() => tf.Constant(1e20, DType.Float64).Item<int>());
        Assert.Contains("out of its range", big.Message);
        Assert.Equal(2, tf.Constant(2.7f).Item<int>());
    }
}

/// <summary>Refusals name the op and the argument: null arguments, dtypes that are no dtype, stacking axes.</summary>
public class ArgumentGuardTests
{
    [Fact]
    public void NullArgumentsNameTheOp()
    {
        var x = tf.Zeros([2, 3]);
        Assert.StartsWith("Concat: argument 'values' is null.", Assert.Throws<ArgumentNullException>(() => tf.Concat(null!, 0)).Message);
        Assert.StartsWith("Slice: argument 'begin' is null.", Assert.Throws<ArgumentNullException>(() => tf.Slice(x, null!, [1, 1])).Message);
        Assert.StartsWith("Pad: argument 'paddings' is null.", Assert.Throws<ArgumentNullException>(() => tf.Pad(x, null!)).Message);
        Assert.StartsWith("Stack: an element of values is null.", Assert.Throws<ArgumentNullException>(() => tf.Stack([x, null!])).Message);
        Assert.StartsWith("Constant: argument 'values' is null.", Assert.Throws<ArgumentNullException>(() => tf.Constant((Array)null!)).Message);
        Assert.StartsWith("Variable: argument 'initialValue' is null.", Assert.Throws<ArgumentNullException>(() => tf.Variable((Tensor)null!)).Message);
        using var tape = new GradientTape();
        Assert.StartsWith("GradientTape.Jacobian: argument 'target' is null.", Assert.Throws<ArgumentNullException>(() => tape.Jacobian(null!, x)).Message);
        Assert.StartsWith("GradientTape.Watch: argument 'tensor' is null.", Assert.Throws<ArgumentNullException>(() => tape.Watch((Tensor)null!)).Message);
    }

    [Fact]
    public void AnIntegerThatIsNoDTypeIsRefused()
    {
        var bogus = (DType)99;
        Assert.Equal("Cast: 99 is not a dtype (expected one of float32, float64, int32, int64, bool, uint8).",
            Assert.Throws<InvalidArgumentError>(() => tf.Cast(tf.Zeros([1]), bogus)).Message);
        Assert.StartsWith("Zeros:", Assert.Throws<InvalidArgumentError>(() => tf.Zeros([1], bogus)).Message);
        Assert.StartsWith("Ones:", Assert.Throws<InvalidArgumentError>(() => tf.Ones([1], bogus)).Message);
        Assert.StartsWith("Normal:", Assert.Throws<InvalidArgumentError>(() => tf.random.Normal([1], dtype: bogus)).Message);
        Assert.StartsWith("Constant:", Assert.Throws<InvalidArgumentError>(() => tf.Constant(new[] { 1 }, bogus)).Message);
    }

    [Fact]
    public void StackNamesItsOwnAxis()
    {
        var x = tf.Zeros([2, 3]);
        Assert.StartsWith("Stack: axis 9", Assert.Throws<InvalidArgumentError>(() => tf.Stack([x, x], 9)).Message);
        Assert.Equal(new Shape(2, 3, 2), tf.Stack([x, x], -1).Shape);
    }
}

/// <summary>Gradient's output gradient must match its target: a float64 seed for a float32 loss gave float64
/// gradients for float32 variables.</summary>
public class OutputGradientTests
{
    [Fact]
    public void AnOutputGradientOfAnotherDTypeOrShapeIsRefused()
    {
        var v = tf.Variable(tf.Zeros([2]));
        using var tape = new GradientTape(persistent: true);
        var y = v * 3f;
        var e = Assert.Throws<InvalidArgumentError>(() => tape.Gradient(y, [v], outputGradient: tf.Zeros([2], DType.Float64)));
        Assert.Equal("GradientTape.Gradient: output gradient is float64 with shape (2,), the target is float32 with shape (2,); they must match.", e.Message);
        Assert.Throws<InvalidArgumentError>(() => tape.Gradient(y, [v], outputGradient: tf.Zeros([3])));
        Assert.Equal([6f, 6f], tape.Gradient(y, [v], outputGradient: tf.Fill([2], 2f))[0]!.ToArray<float>());
    }
}
