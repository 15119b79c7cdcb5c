namespace Strata.Tests;

/// <summary>Bad input gives an InvalidArgumentError (or subclass) whose message names the op and the shapes.</summary>
public class ErrorTests
{
    private static Tensor F32(float[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));
    private static Tensor Zeros(params int[] shape) => tf.Zeros(new Shape(shape));

    private static void MessageHas(Exception e, params string[] parts)
    {
        foreach (var p in parts) Assert.Contains(p, e.Message);
    }

    [Fact]
    public void AddWithIncompatibleShapes()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => tf.Add(Zeros(2, 3), Zeros(4)));
        MessageHas(e, "Add", "(2, 3)", "(4,)");
        var m = Assert.Throws<InvalidArgumentError>(() => Zeros(2, 3) * Zeros(3, 2));
        MessageHas(m, "Multiply", "(2, 3)", "(3, 2)");
    }

    [Fact]
    public void MatMulInnerDimensionMismatch()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => tf.MatMul(Zeros(1, 2), Zeros(3, 3)));
        MessageHas(e, "MatMul: inner dimensions differ: a is (1, 2), b is (3, 3)");
        var t = Assert.Throws<InvalidArgumentError>(() => tf.MatMul(Zeros(2, 3), Zeros(2, 3), transposeB: false));
        MessageHas(t, "MatMul", "(2, 3)");
        // Batch dimensions that cannot broadcast.
        var b = Assert.Throws<InvalidArgumentError>(() => tf.MatMul(Zeros(2, 2, 2), Zeros(3, 2, 2)));
        MessageHas(b, "MatMul");
    }

    [Fact]
    public void MatMulOfRankOne()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => tf.MatMul(Zeros(3), Zeros(3, 1)));
        MessageHas(e, "MatMul", "(3,)", "(3, 1)");
    }

    [Fact]
    public void MatMulOfIntegers()
    {
        // int32 and int64 multiply as TensorFlow's do; uint8 and bool have no kernel.
        Assert.Equal(new[] { 1 }, tf.MatMul(tf.Constant(new int[,] { { 1 } }), tf.Constant(new int[,] { { 1 } })).ToArray<int>());
        var u = tf.Constant(new byte[,] { { 1 } });
        var e = Assert.ThrowsAny<InvalidArgumentError>(() => tf.MatMul(u, u));
        MessageHas(e, "MatMul", "uint8");
    }

    [Fact]
    public void ReduceSumWithBadAxis()
    {
        var e = Assert.ThrowsAny<InvalidArgumentError>(() => tf.ReduceSum(Zeros(2, 3), 2));
        MessageHas(e, "ReduceSum", "2", "(2, 3)");
        var n = Assert.ThrowsAny<InvalidArgumentError>(() => tf.ReduceMean(Zeros(2, 3), -3));
        MessageHas(n, "ReduceMean", "-3", "(2, 3)");
        Assert.ThrowsAny<InvalidArgumentError>(() => tf.ReduceSum(Zeros(2, 3), [0, 0]));
        MessageHas(Assert.ThrowsAny<InvalidArgumentError>(() => tf.ArgMax(Zeros(2), 1)), "ArgMax");
        MessageHas(Assert.ThrowsAny<InvalidArgumentError>(() => tf.Softmax(Zeros(2, 2), 2)), "Softmax");
    }

    [Fact]
    public void SigmoidOfIntegers()
    {
        var e = Assert.Throws<UnsupportedDTypeError>(() => tf.Sigmoid(tf.Constant(new[] { 1, 2 })));
        MessageHas(e, "Sigmoid", "int32", "(2,)");
        Assert.IsAssignableFrom<InvalidArgumentError>(e);
        Assert.Throws<UnsupportedDTypeError>(() => tf.Exp(tf.Constant(new[] { 1 })));
        Assert.Throws<UnsupportedDTypeError>(() => tf.Softmax(tf.Constant(new[] { 1 })));
        Assert.Throws<UnsupportedDTypeError>(() => tf.Add(tf.Constant(true), tf.Constant(false)));
    }

    [Fact]
    public void AddOfFloat32AndInt32Tensors()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => tf.Add(F32([1, 2], 2), tf.Constant(new[] { 1, 2 })));
        MessageHas(e, "Add", "float32", "int32", "(2,)");
        var v = Assert.Throws<InvalidArgumentError>(() => tf.Variable(F32([1], 1)) + tf.Constant(new[] { 1.0 }, dtype: DType.Float64));
        MessageHas(v, "Add", "float32", "float64");
    }

    [Fact]
    public void ReshapeToWrongSize()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => tf.Reshape(Zeros(2, 3), [4, 2]));
        MessageHas(e, "Reshape", "(2, 3)", "(4, 2)");
        var m = Assert.Throws<InvalidArgumentError>(() => tf.Reshape(Zeros(2, 3), [4, -1]));
        MessageHas(m, "Reshape", "(2, 3)");
        Assert.Throws<InvalidArgumentError>(() => tf.Reshape(Zeros(2, 3), [-1, -1]));
    }

    [Fact]
    public void GatherIndexOutOfRange()
    {
        var e = Assert.ThrowsAny<InvalidArgumentError>(() => tf.Gather(Zeros(3, 2), tf.Constant(new[] { 0, 3 })));
        MessageHas(e, "Gather", "3", "(3, 2)");
        Assert.ThrowsAny<InvalidArgumentError>(() => tf.Gather(Zeros(3, 2), tf.Constant(new[] { -1 })));
        Assert.ThrowsAny<InvalidArgumentError>(() => tf.Gather(Zeros(3, 2), tf.Constant(new[] { 2 }), axis: 1));
        Assert.ThrowsAny<InvalidArgumentError>(() => tf.Gather(Zeros(3, 2), F32([0], 1)));
    }

    [Fact]
    public void SliceOutOfBounds()
    {
        var e = Assert.ThrowsAny<InvalidArgumentError>(() => tf.Slice(Zeros(3, 4), [2, 0], [2, 4]));
        MessageHas(e, "Slice", "(3, 4)");
        Assert.ThrowsAny<InvalidArgumentError>(() => tf.Slice(Zeros(3, 4), [-1, 0], [1, 1]));
        Assert.ThrowsAny<InvalidArgumentError>(() => tf.Slice(Zeros(3, 4), [0], [1]));
        Assert.ThrowsAny<InvalidArgumentError>(() => tf.Slice(Zeros(3, 4), [4, 0], [-1, 1]));
    }

    [Fact]
    public void VariableAssignWithWrongShapeOrDType()
    {
        var v = tf.Variable(Zeros(2, 2));
        var e = Assert.Throws<InvalidArgumentError>(() => v.Assign(Zeros(3)));
        MessageHas(e, "Assign", "(2, 2)", "(3,)");
        var a = Assert.Throws<InvalidArgumentError>(() => v.AssignAdd(Zeros(2)));
        MessageHas(a, "AssignAdd", "(2, 2)", "(2,)");
        var d = Assert.Throws<InvalidArgumentError>(() => v.Assign(tf.Constant(new int[,] { { 1, 2 }, { 3, 4 } })));
        MessageHas(d, "Assign", "float32", "int32");
        Assert.Equal(new float[4], v.ToArray<float>()); // nothing was written
    }

    [Fact]
    public void SecondGradientOnNonPersistentTape()
    {
        var x = tf.Variable(2f);
        using var tape = new GradientTape();
        var y = x * x;
        tape.Gradient(y, x);
        var e = Assert.Throws<FailedPreconditionError>(() => tape.Gradient(y, x));
        MessageHas(e, "GradientTape", "non-persistent");
    }

    [Fact]
    public void OtherShapeErrorsNameTheirOp()
    {
        MessageHas(Assert.ThrowsAny<InvalidArgumentError>(() => tf.Concat([Zeros(2, 2), Zeros(2, 3)], 0)), "Concat", "(2, 2)", "(2, 3)");
        MessageHas(Assert.ThrowsAny<InvalidArgumentError>(() => tf.Stack([Zeros(2), Zeros(3)])), "Stack", "(2,)", "(3,)");
        MessageHas(Assert.ThrowsAny<InvalidArgumentError>(() => tf.Transpose(Zeros(2, 3), [0, 0])), "Transpose", "(2, 3)");
        MessageHas(Assert.ThrowsAny<InvalidArgumentError>(() => tf.Squeeze(Zeros(2, 3), [0])), "Squeeze", "(2, 3)");
        MessageHas(Assert.ThrowsAny<InvalidArgumentError>(() => tf.ExpandDims(Zeros(2, 3), 4)), "ExpandDims", "(2, 3)");
        MessageHas(Assert.ThrowsAny<InvalidArgumentError>(() => tf.BroadcastTo(Zeros(2, 3), [3, 3])), "BroadcastTo", "(2, 3)");
        MessageHas(Assert.ThrowsAny<InvalidArgumentError>(() => tf.Where(tf.Constant(new[] { true, false }), Zeros(3), Zeros(3))), "Where");
        MessageHas(Assert.ThrowsAny<InvalidArgumentError>(() => tf.Pad(Zeros(2), new int[,] { { 1, 1 }, { 1, 1 } })), "Pad", "(2,)");
        MessageHas(Assert.ThrowsAny<InvalidArgumentError>(() => tf.Fill([2], Zeros(2))), "Fill");
    }

    [Fact]
    public void ShapeIndexOutOfRange()
    {
        Assert.Equal(3, new Shape(2, 3)[-1]);
        MessageHas(Assert.ThrowsAny<InvalidArgumentError>(() => Shape.Scalar[0]), "()");
        MessageHas(Assert.ThrowsAny<InvalidArgumentError>(() => new Shape(2, 3)[2]), "(2, 3)");
        MessageHas(Assert.ThrowsAny<InvalidArgumentError>(() => new Shape(2, 3)[-3]), "(2, 3)");
    }

    [Fact]
    public void LiteralOutOfRangeForAnIntegerTensor()
    {
        // TensorFlow refuses to turn 300 into a uint8 rather than saturating it to 255.
        var u = tf.Constant(new byte[] { 1 });
        MessageHas(Assert.ThrowsAny<InvalidArgumentError>(() => u * 300), "Multiply", "300", "uint8");
        MessageHas(Assert.ThrowsAny<InvalidArgumentError>(() => tf.Constant(new[] { 1 }) + 3e10), "Add", "int32");
        Assert.Equal([255], (u * 255).ToArray<byte>());
    }
}
