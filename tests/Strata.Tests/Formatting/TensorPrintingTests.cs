namespace Strata.Tests.Formatting;

/// <summary>Tensors, variables and Numpy() print exactly what TensorFlow 2 and NumPy print.</summary>
public class TensorPrintingTests
{
    [Fact]
    public void TheLabsInputPrintsAsTensorFlow()
    {
        var x = tf.Constant(new[,] { { 1, 2.0 } }, shape: [1, 2]);
        Assert.Equal("tf.Tensor([[1. 2.]], shape=(1, 2), dtype=float32)", x.ToString());
        Assert.Equal("[[1. 2.]]", x.Numpy().ToString());
    }

    [Fact]
    public void ScalarsPrintAsNumPyScalars()
    {
        Assert.Equal("tf.Tensor(6.0, shape=(), dtype=float32)", tf.Constant(6f).ToString());
        Assert.Equal("tf.Tensor(0.1, shape=(), dtype=float32)", tf.Constant(0.1f).ToString());
        Assert.Equal("tf.Tensor(3, shape=(), dtype=int32)", tf.Constant(3).ToString());
        Assert.Equal("tf.Tensor(True, shape=(), dtype=bool)", tf.Constant(true).ToString());
        Assert.Equal("tf.Tensor(6.0, shape=(), dtype=float64)", tf.Constant(6.0, DType.Float64).ToString());
    }

    [Fact]
    public void TheGradientOfXSquaredPrintsAsTensorFlow()
    {
        var x = tf.Variable(3.0f);
        Tensor? dy;
        using (var tape = new GradientTape()) dy = tape.Gradient(x * x, x);
        Assert.Equal("tf.Tensor(6.0, shape=(), dtype=float32)", dy!.ToString());
    }

    [Fact]
    public void ColumnsAlignAsNumPyPadsThem()
    {
        var t = tf.Constant(new[] { 0.24258928f, 0.8098861f, 0.9044685f }, shape: [1, 3]);
        Assert.Equal("tf.Tensor([[0.24258928 0.8098861  0.9044685 ]], shape=(1, 3), dtype=float32)", t.ToString());
        Assert.Equal("[1.5 2. ]", tf.Constant(new[] { 1.5f, 2f }).Numpy().ToString());
    }

    [Fact]
    public void MatricesIntsAndBools()
    {
        Assert.Equal("tf.Tensor(\n[[19. 22.]\n [43. 50.]], shape=(2, 2), dtype=float32)",
            tf.MatMul(tf.Constant(new[,] { { 1, 2.0 }, { 3, 4 } }), tf.Constant(new[,] { { 5, 6.0 }, { 7, 8 } })).ToString());
        Assert.Equal("tf.Tensor([  1  -2 100], shape=(3,), dtype=int32)", tf.Constant(new[] { 1, -2, 100 }).ToString());
        Assert.Equal("tf.Tensor([ True False], shape=(2,), dtype=bool)", tf.Constant(new[] { true, false }).ToString());
    }

    [Fact]
    public void LargeTensorsAreSummarised()
    {
        Assert.Equal("tf.Tensor([   0    1    2 ... 1997 1998 1999], shape=(2000,), dtype=int32)", tf.Range(2000).ToString());
    }

    [Fact]
    public void VariablesPrintTheirRepr()
    {
        var v = tf.Variable(tf.Constant(new[,] { { -1.1771784f } }), name: "x");
        Assert.Equal("<tf.Variable 'x:0' shape=(1, 1) dtype=float32, numpy=array([[-1.1771784]], dtype=float32)>", v.ToString());
        Assert.Equal("[[-1.1771784]]", v.Numpy().ToString());
        Assert.Equal("[-1.1771784]", v.Numpy()[0].ToString());
    }

    [Fact]
    public void MultiLineVariablesStartTheirValueOnANewLine()
    {
        var v = tf.Variable(tf.Constant(new[,] { { 1f, 2f }, { 3f, 4f } }), name: "w");
        Assert.Equal("<tf.Variable 'w:0' shape=(2, 2) dtype=float32, numpy=\narray([[1., 2.],\n       [3., 4.]], dtype=float32)>", v.ToString());
    }
}
