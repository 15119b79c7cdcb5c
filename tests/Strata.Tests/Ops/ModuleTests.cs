namespace Strata.Tests.Ops;

/// <summary>The tf.math / tf.nn / tf.image modules: doors reach the flat ops; tf.image's own functions against
/// hand-computed values (TensorFlow's definitions).</summary>
public class ModuleTests
{
    private static Tensor Iota(params int[] shape) =>
        tf.Constant(Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(i => (float)i).ToArray(), shape: new Shape(shape));

    [Fact]
    public void DoorsGiveTheFlatOpsResults()
    {
        var x = Iota(1, 4, 4, 1);
        var f = tf.Ones([2, 2, 1, 1]);
        Assert.Equal(tf.Conv2D(x, f).ToArray<float>(), tf.nn.Conv2D(x, f).ToArray<float>());
        Assert.Equal(tf.MaxPool2D(x, 2, 2).ToArray<float>(), tf.nn.MaxPool2D(x, 2, 2).ToArray<float>());
        Assert.Equal(tf.ReduceLogSumExp(x).ToArray<float>(), tf.math.ReduceLogSumExp(x).ToArray<float>());
        Assert.Equal(new float[] { 1, 0, 1 }, tf.math.FloorMod(tf.Constant(new float[] { 3, 4, -1 }), tf.Constant(2f)).ToArray<float>());
        Assert.Equal(tf.Relu(x - 5f).ToArray<float>(), tf.nn.Relu(x - 5f).ToArray<float>());
        Assert.Equal(new Shape(1, 8, 8, 1), tf.image.Resize(x, (8, 8)).Shape);
        Assert.Equal(new Shape(1, 2, 2, 1), tf.image.Resize(x, (2, 2), "nearest").Shape);
        Assert.Throws<InvalidArgumentError>(() => tf.image.Resize(x, (2, 2), "bicubic"));
    }

    [Fact]
    public void FlipsAndCentralCrop()
    {
        var x = Iota(2, 3, 1);   // height 2, width 3: rows [0 1 2] [3 4 5]
        Assert.Equal(new float[] { 2, 1, 0, 5, 4, 3 }, tf.image.FlipLeftRight(x).ToArray<float>());
        Assert.Equal(new float[] { 4, 5, 2, 3, 0, 1 }, tf.image.FlipUpDown(tf.Reshape(x, [3, 2, 1])).ToArray<float>());
        // 4x4, fraction 0.5: offsets int((4 - 2) / 2) = 1, the centre 2x2.
        Assert.Equal(new float[] { 5, 6, 9, 10 }, tf.image.CentralCrop(Iota(4, 4, 1), 0.5).ToArray<float>());
        Assert.Equal(new Shape(2, 2, 2, 1), tf.image.CentralCrop(Iota(2, 4, 4, 1), 0.5).Shape);
        Assert.Throws<InvalidArgumentError>(() => tf.image.CentralCrop(Iota(4, 4, 1), 0));
        Assert.Throws<InvalidArgumentError>(() => tf.image.FlipLeftRight(Iota(4)));
    }

    [Fact]
    public void PerImageStandardizationAsTensorFlowDefinesIt()
    {
        // One 2x2x1 image 0, 1, 2, 3: mean 1.5, stddev sqrt(1.25); max(stddev, 1/sqrt(4)) = sqrt(1.25).
        var y = tf.image.PerImageStandardization(Iota(2, 2, 1)).ToArray<float>();
        var expected = new[] { 0.0, 1, 2, 3 }.Select(v => (v - 1.5) / Math.Sqrt(1.25)).ToArray();
        Expect.Close(expected, y.Select(v => (double)v).ToArray(), 1e-6);
        // A constant image: stddev 0, so the divisor is 1/sqrt(N) and the result is 0, not NaN.
        Assert.All(tf.image.PerImageStandardization(tf.Ones([1, 2, 2, 3])).ToArray<float>(), v => Assert.Equal(0f, v));
        Assert.Equal(DType.Float32, tf.image.PerImageStandardization(tf.Ones([2, 2, 1], DType.UInt8)).DType);
    }
}
