namespace Strata.Tests.Ops;

/// <summary>
/// Empty tensors through every op, with TensorFlow's results: shapes kept, reductions of nothing giving the reducers'
/// identities (0 for sum, NaN for a float mean, 0 for an integer mean, -inf/+inf for float max/min, the dtype's
/// lowest/highest for integers), ArgMax over an empty axis an error, MatMul with k = 0 zeros.
/// </summary>
public class EmptyTensorTests
{
    private static Tensor Z(params int[] s) => tf.Zeros(new Shape(s));
    private static Tensor Z64(params int[] s) => tf.Zeros(new Shape(s), DType.Float64);

    public static TheoryData<int[]> EmptyShapes => new() { new[] { 0 }, new[] { 2, 0 }, new[] { 0, 3 }, new[] { 3, 0, 2 } };

    [Theory]
    [MemberData(nameof(EmptyShapes))]
    public void UnaryOpsKeepTheEmptyShape(int[] dims)
    {
        var x = Z(dims);
        var shape = new Shape(dims);
        foreach (var f in new Func<Tensor, Tensor>[]
                 {
                     tf.Sigmoid, tf.Tanh, tf.Relu, tf.Exp, tf.Log, tf.Sqrt, tf.Abs, tf.Negative, tf.Sign, tf.Square,
                     t => tf.Softmax(t), t => tf.LogSoftmax(t), t => tf.Softmax(t, 0), tf.Identity, t => tf.Cast(t, DType.Int32),
                 })
            Assert.Equal(shape, f(x).Shape);
        foreach (var dtype in new[] { DType.Int32, DType.Int64, DType.UInt8 })
        {
            var xi = tf.Zeros(shape, dtype);
            if (dtype != DType.UInt8) // TensorFlow has no Abs or Neg kernel for uint8
            {
                Assert.Equal(shape, tf.Abs(xi).Shape);
                Assert.Equal(shape, tf.Negative(xi).Shape);
            }
            Assert.Equal(shape, tf.Square(xi).Shape);
        }
    }

    [Fact]
    public void SigmoidOfAnEmptyTensorIsEmpty()
    {
        // TensorPrimitives.Sigmoid throws "Input span arguments must not be empty"; the op must not.
        Assert.Equal(new Shape(0), tf.Sigmoid(Z(0)).Shape);
        Assert.Equal(new Shape(2, 0), tf.Sigmoid(Z64(2, 0)).Shape);
        var x = Z64(0, 3);
        using var tape = new GradientTape();
        tape.Watch(x);
        var g = tape.Gradient(tf.ReduceSum(tf.Sigmoid(x)), x)!;
        Assert.Equal(new Shape(0, 3), g.Shape);
    }

    [Fact]
    public void ReductionsOfNothingGiveTheIdentities()
    {
        Assert.Equal(0f, tf.ReduceSum(Z(0)).Item<float>());
        Assert.True(float.IsNaN(tf.ReduceMean(Z(0)).Item<float>()));
        Assert.Equal(float.NegativeInfinity, tf.ReduceMax(Z(0)).Item<float>());
        Assert.Equal(float.PositiveInfinity, tf.ReduceMin(Z(0)).Item<float>());
        Assert.Equal(double.NegativeInfinity, tf.ReduceMax(Z64(0)).Item<double>());
        Assert.Equal(double.PositiveInfinity, tf.ReduceMin(Z64(0)).Item<double>());

        // Per axis: (0, 3) over axis 0 gives 3 identities; over axis 1 an empty (0,).
        Assert.Equal([0f, 0, 0], tf.ReduceSum(Z(0, 3), 0).ToArray<float>());
        Assert.Equal([float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity], tf.ReduceMax(Z(0, 3), 0).ToArray<float>());
        Assert.Equal(new Shape(1, 3), tf.ReduceMin(Z(0, 3), 0, keepDims: true).Shape);
        Assert.Equal(new Shape(0), tf.ReduceMax(Z(0, 3), 1).Shape);
        Assert.Equal([float.PositiveInfinity, float.PositiveInfinity], tf.ReduceMin(Z(2, 0), -1).ToArray<float>());
        Assert.All(tf.ReduceMean(Z(2, 0), 1).ToArray<float>(), v => Assert.True(float.IsNaN(v)));
        Assert.Equal(new Shape(0), tf.ReduceMean(Z(2, 0), 0).Shape);
        Assert.Equal(new Shape(3, 2), tf.ReduceMax(Z(3, 0, 2), 1).Shape);

        // Integers: the dtype's lowest / highest value, and 0 for the mean.
        Assert.Equal(int.MinValue, tf.ReduceMax(tf.Zeros([0], DType.Int32)).Item<int>());
        Assert.Equal(int.MaxValue, tf.ReduceMin(tf.Zeros([0], DType.Int32)).Item<int>());
        Assert.Equal([long.MinValue, long.MinValue], tf.ReduceMax(tf.Zeros([2, 0], DType.Int64), 1).ToArray<long>());
        Assert.Equal(long.MaxValue, tf.ReduceMin(tf.Zeros([0, 2], DType.Int64)).Item<long>());
        Assert.Equal((byte)0, tf.ReduceMax(tf.Zeros([0], DType.UInt8)).Item<byte>());
        Assert.Equal((byte)255, tf.ReduceMin(tf.Zeros([0], DType.UInt8)).Item<byte>());
        Assert.Equal(0, tf.ReduceMean(tf.Zeros([0, 3], DType.Int32)).Item<int>());
        Assert.Equal([0, 0, 0], tf.ReduceMean(tf.Zeros([0, 3], DType.Int32), 0).ToArray<int>());
    }

    [Fact]
    public void GradientsOfEmptyReductionsHaveTheInputShape()
    {
        foreach (var f in new Func<Tensor, Tensor>[]
                 {
                     x => tf.ReduceSum(x, 0), x => tf.ReduceMean(x, 0), x => tf.ReduceMax(x, 0), x => tf.ReduceMin(x, [0], keepDims: true),
                     x => tf.ReduceMax(x, 1), x => tf.ReduceMean(x),
                 })
        {
            var x = Z64(0, 3);
            using var tape = new GradientTape();
            tape.Watch(x);
            var g = tape.Gradient(tf.ReduceSum(f(x)), x)!;
            Assert.Equal(new Shape(0, 3), g.Shape);
        }
    }

    [Fact]
    public void ArgMaxOverAnEmptyAxisIsAnError()
    {
        // TensorFlow: "Reduction axis 0 is empty in shape [0]".
        var e = Assert.Throws<InvalidArgumentError>(() => tf.ArgMax(Z(0)));
        Assert.Contains("ArgMax", e.Message);
        Assert.Contains("empty", e.Message);
        Assert.Throws<InvalidArgumentError>(() => tf.ArgMin(Z(0, 3), 0));
        Assert.Throws<InvalidArgumentError>(() => tf.ArgMax(Z(2, 0), -1));
        // An empty output over a non-empty axis is fine.
        Assert.Equal(new Shape(0), tf.ArgMax(Z(0, 3), 1).Shape);
        Assert.Equal(new Shape(0), tf.ArgMin(Z(2, 0), 0).Shape);
    }

    [Fact]
    public void EmptyOperandsBroadcastAsInNumPy()
    {
        Assert.Equal(new Shape(0, 3), (Z(0, 3) + tf.Ones([1, 3])).Shape);
        Assert.Equal(new Shape(0, 3), (tf.Ones([1, 3]) * Z(0, 3)).Shape);
        Assert.Equal(new Shape(0, 3), tf.Maximum(Z(0, 1), tf.Ones([3])).Shape);
        Assert.Equal(new Shape(2, 0, 3), tf.Subtract(Z(0, 1), tf.Ones([2, 1, 3])).Shape);
        Assert.Equal(new Shape(3, 4, 0), tf.Add(Z(3, 1, 0), tf.Ones([1, 4, 1])).Shape);
        Assert.Equal(new Shape(0, 3), tf.Less(Z(0, 3), tf.Ones([1, 3])).Shape);
        Assert.Equal(new Shape(0, 3), tf.Where(tf.Less(Z(0, 3), 1f), Z(0, 3), tf.Ones([1, 3])).Shape);
        Assert.Equal(new Shape(0, 3), tf.Pow(Z(0, 3), tf.Ones([3])).Shape);
        var e = Assert.Throws<InvalidArgumentError>(() => Z(0, 3) + tf.Ones([2, 3]));
        Assert.Contains("Add", e.Message);
        Assert.Throws<InvalidArgumentError>(() => tf.Multiply(Z(2, 0), tf.Ones([2, 3])));

        // The broadcast operand's gradient is zeros of its own shape.
        var b = tf.Ones([1, 3], DType.Float64);
        using var tape = new GradientTape();
        tape.Watch(b);
        var g = tape.Gradient(tf.ReduceSum(Z64(0, 3) * b), b)!;
        Assert.Equal(new Shape(1, 3), g.Shape);
        Assert.Equal([0.0, 0, 0], g.ToArray<double>());
    }

    [Fact]
    public void MatMulWithAnEmptyInnerDimensionIsZerosAndWithEmptyRowsOrColumnsIsEmpty()
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            Assert.Equal(new double[6], Expect.Doubles(tf.MatMul(tf.Zeros([2, 0], dtype), tf.Zeros([0, 3], dtype))));
            Assert.Equal(new double[6], Expect.Doubles(tf.MatMul(tf.Zeros([0, 2], dtype), tf.Zeros([0, 3], dtype), transposeA: true)));
            Assert.Equal(new double[6], Expect.Doubles(tf.MatMul(tf.Zeros([2, 0], dtype), tf.Zeros([3, 0], dtype), transposeB: true)));
            Assert.Equal(new Shape(4, 2, 3), tf.MatMul(tf.Zeros([4, 2, 0], dtype), tf.Zeros([0, 3], dtype)).Shape);
            Assert.Equal(new Shape(0, 3), tf.MatMul(tf.Zeros([0, 2], dtype), tf.Ones([2, 3], dtype)).Shape);
            Assert.Equal(new Shape(2, 0), tf.MatMul(tf.Ones([2, 2], dtype), tf.Zeros([2, 0], dtype)).Shape);
            Assert.Equal(new Shape(0, 2, 2), tf.MatMul(tf.Zeros([0, 2, 2], dtype), tf.Ones([2, 2], dtype)).Shape);
        }
        Assert.Throws<InvalidArgumentError>(() => tf.MatMul(tf.Zeros([0, 2, 2]), tf.Ones([3, 2, 2])));
    }

    [Fact]
    public void ArrayOpsOnEmptyTensors()
    {
        Assert.Equal(new Shape(3, 0), tf.Transpose(Z(0, 3)).Shape);
        Assert.Equal(new Shape(4, 0), tf.Concat([Z(2, 0), Z(2, 0)], 0).Shape);
        Assert.Equal(new Shape(2, 0, 3), tf.Stack([Z(0, 3), Z(0, 3)]).Shape);
        Assert.Equal(2, tf.Unstack(Z(2, 0)).Length);
        Assert.Equal(new Shape(0, 2), tf.Slice(Z(0, 3), [0, 1], [0, 2]).Shape);
        Assert.Equal(new Shape(0, 0), tf.Gather(Z(0, 3), tf.Constant(new int[0]), 1).Shape);
        Assert.Equal(new Shape(4, 0), tf.BroadcastTo(Z(0), [4, 0]).Shape);
        Assert.Equal(new Shape(0, 3), tf.BiasAdd(Z(0, 3), tf.Zeros([3])).Shape);
        Assert.Equal(new Shape(0, 3), tf.ClipByValue(Z(0, 3), 0f, 1f).Shape);
        Assert.Equal(new Shape(0, 3, 1), tf.ExpandDims(Z(0, 3), -1).Shape);
        Assert.Equal(new Shape(0, 3), tf.Squeeze(tf.ExpandDims(Z(0, 3), 1)).Shape);
        Assert.Equal(new Shape(0, 3), tf.LogicalNot(tf.Equal(Z(0, 3), Z(0, 3))).Shape);
    }
}
