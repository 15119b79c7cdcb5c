using Strata.Keras.Layers;

namespace Strata.Keras.Tests.Reshaping;

public class PaddingAndCroppingTests
{
    private static Tensor Iota(params int[] shape)
    {
        int n = shape.Aggregate(1, (p, d) => p * d);
        return tf.Constant(Enumerable.Range(1, n).Select(i => (float)i).ToArray(), shape: new Shape(shape));
    }

    [Fact]
    public void ZeroPadding1DPadsTheStepsAxis()
    {
        // (1, 2, 1) [[1], [2]] padded (1, 2): 0 1 2 0 0.
        var y = new ZeroPadding1D((1, 2)).Apply(Iota(1, 2, 1));
        Assert.Equal(new Shape(1, 5, 1), y.Shape);
        Check.Close([0, 1, 2, 0, 0], Check.Values(y));
        Assert.Equal(new Shape(2, 5, 3), new ZeroPadding1D().Apply(tf.Ones([2, 3, 3])).Shape); // default 1 each side
    }

    [Fact]
    public void ZeroPadding2DPadsRowsAndColumns()
    {
        // [[1, 2]] (1x2, one channel) with ((1, 0), (0, 1)): a zero row above, a zero column on the right.
        var y = new ZeroPadding2D(((1, 0), (0, 1))).Apply(Iota(1, 1, 2, 1));
        Assert.Equal(new Shape(1, 2, 3, 1), y.Shape);
        Check.Close([0, 0, 0, 1, 2, 0], Check.Values(y));
        Assert.Equal(new Shape(2, 5, 7, 3), new ZeroPadding2D((1, 2)).Apply(tf.Ones([2, 3, 3, 3])).Shape);
        Assert.Equal(new Shape(1, 4, 4, 1), new ZeroPadding2D().Apply(tf.Ones([1, 2, 2, 1])).Shape);
        Assert.Equal(((1, 1), (1, 1)), new ZeroPadding2D().Padding);
    }

    [Fact]
    public void ZeroPadding3DPadsThreeAxes()
    {
        var y = new ZeroPadding3D(((1, 0), (0, 2), (1, 1))).Apply(tf.Ones([1, 1, 1, 1, 2]));
        Assert.Equal(new Shape(1, 2, 3, 3, 2), y.Shape);
        Assert.Equal(2.0, Check.Values(tf.ReduceSum(y))[0]); // only the original ones remain non-zero
        Assert.Equal(new Shape(1, 3, 5, 7, 1), new ZeroPadding3D((1, 2, 3)).Apply(tf.Ones([1, 1, 1, 1, 1])).Shape);
        Assert.Equal(new Shape(1, 3, 3, 3, 1), new ZeroPadding3D().Apply(tf.Ones([1, 1, 1, 1, 1])).Shape);
    }

    [Fact]
    public void Cropping1DAnd2DKeepTheMiddle()
    {
        // steps 1..5, cropping (1, 2): 2 3.
        Check.Close([2, 3], Check.Values(new Cropping1D((1, 2)).Apply(Iota(1, 5, 1))));
        Assert.Equal(new Shape(1, 3, 2), new Cropping1D().Apply(tf.Ones([1, 5, 2])).Shape); // default (1, 1)
        Assert.Equal(new Shape(1, 1, 2), new Cropping1D(2).Apply(tf.Ones([1, 5, 2])).Shape);
        // A 3x4 image 1..12 cropped ((1, 1), (1, 2)): row 1, column 1: the value 6.
        Check.Close([6], Check.Values(new Cropping2D(((1, 1), (1, 2))).Apply(Iota(1, 3, 4, 1))));
        Assert.Equal(new Shape(2, 1, 2, 1), new Cropping2D((1, 1)).Apply(tf.Ones([2, 3, 4, 1])).Shape);
        Assert.Equal(new Shape(2, 3, 4, 1), new Cropping2D().Apply(tf.Ones([2, 3, 4, 1])).Shape);
    }

    [Fact]
    public void PaddingAndCroppingGradientsMatchFiniteDifferences()
    {
        FiniteDifferences.Check(x => new ZeroPadding2D(((1, 0), (2, 1))).Call(x), FiniteDifferences.Rand(1, 1, 2, 2, 1));
        FiniteDifferences.Check(x => new Cropping2D(((0, 1), (1, 0))).Call(x), FiniteDifferences.Rand(2, 1, 3, 3, 1));
        FiniteDifferences.Check(x => new ZeroPadding1D(1).Call(x), FiniteDifferences.Rand(3, 1, 2, 2));
        FiniteDifferences.Check(x => new Cropping1D((1, 0)).Call(x), FiniteDifferences.Rand(4, 1, 3, 1));
    }

    [Fact]
    public void NegativePaddingOrCroppingIsRefused()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => new ZeroPadding2D(((1, -1), (0, 0))));
        Assert.Equal("ZeroPadding2D: The `padding` argument must be a tuple of 2 pairs of integers. Received padding=((1, -1), (0, 0)) " +
                     "including values {-1} that do not satisfy `value >= 0`", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => new ZeroPadding1D(-2));
        Assert.Equal("ZeroPadding1D: The `padding` argument must be a tuple of 1 pairs of integers. Received padding=(-2, -2) " +
                     "including values {-2} that do not satisfy `value >= 0`", e.Message);
        Assert.Throws<InvalidArgumentError>(() => new ZeroPadding3D((0, -1, 0)));
        Assert.Throws<InvalidArgumentError>(() => new Cropping1D((-1, 0)));
        Assert.Throws<InvalidArgumentError>(() => new Cropping2D(-1));
    }

    [Fact]
    public void CroppingMoreThanTheInputIsRefused()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => new Cropping2D(((1, 1), (0, 0))).Apply(tf.Ones([1, 2, 3, 1])));
        Assert.Equal("Cropping2D: Values in `cropping` argument should be smaller than the corresponding spatial dimension of the input. " +
                     "Received: input_shape=(1, 2, 3, 1), cropping=((1, 1), (0, 0))", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => new Cropping1D((2, 2)).Apply(tf.Ones([1, 3, 1])));
        Assert.Contains("Cropping1D: Values in `cropping`", e.Message);
        Assert.Contains("cropping=(2, 2)", e.Message);
    }

    [Fact]
    public void WrongRanksAreRefusedByTheInputSpec()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => new ZeroPadding2D(name: "zp").Apply(tf.Ones([2, 3, 3])));
        Assert.Contains("zp", e.Message);
        Assert.Contains("expected ndim=4, found ndim=3", e.Message);
        Assert.Throws<InvalidArgumentError>(() => new ZeroPadding1D().Call(tf.Ones([2, 3])));
        Assert.Throws<InvalidArgumentError>(() => new ZeroPadding3D().Call(tf.Ones([2, 3, 3, 1])));
        Assert.Throws<InvalidArgumentError>(() => new Cropping1D().Call(tf.Ones([2, 3, 3, 1])));
        Assert.Throws<InvalidArgumentError>(() => new Cropping2D().Call(tf.Ones([2, 3, 3])));
    }
}
