using Strata.Keras.Layers;

namespace Strata.Keras.Tests.Reshaping;

public class UpSamplingPermuteRepeatTests
{
    private static Tensor Iota(params int[] shape)
    {
        int n = shape.Aggregate(1, (p, d) => p * d);
        return tf.Constant(Enumerable.Range(1, n).Select(i => (float)i).ToArray(), shape: new Shape(shape));
    }

    [Fact]
    public void UpSampling1DRepeatsSteps()
    {
        // steps [1, 2], [3, 4] (2 features), size 3: each step three times.
        var y = new UpSampling1D(3).Apply(Iota(1, 2, 2));
        Assert.Equal(new Shape(1, 6, 2), y.Shape);
        Check.Close([1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4], Check.Values(y));
        Assert.Equal(2, new UpSampling1D().Size);
    }

    [Fact]
    public void UpSampling2DNearestRepeatsRowsAndColumns()
    {
        var y = new UpSampling2D((2, 1)).Apply(Iota(1, 2, 2, 1));
        Check.Close([1, 2, 1, 2, 3, 4, 3, 4], Check.Values(y));
        var z = new UpSampling2D().Apply(Iota(1, 1, 2, 1)); // default (2, 2)
        Assert.Equal(new Shape(1, 2, 4, 1), z.Shape);
        Check.Close([1, 1, 2, 2, 1, 1, 2, 2], Check.Values(z));
    }

    [Fact]
    public void UpSampling2DBilinearIsTfImageResize()
    {
        // [[1, 2], [3, 4]] doubled: source coordinates -0.25, 0.25, 0.75, 1.25 (clamped), as tf.image.resize.
        var y = new UpSampling2D(2, interpolation: "bilinear").Apply(Iota(1, 2, 2, 1));
        Check.Close([1, 1.25, 1.75, 2, 1.5, 1.75, 2.25, 2.5, 2.5, 2.75, 3.25, 3.5, 3, 3.25, 3.75, 4], Check.Values(y));
        var ints = new UpSampling2D(2, interpolation: "bilinear").Apply(tf.Constant(new[] { 1, 2 }, shape: new Shape(1, 1, 2, 1)));
        Assert.Equal(DType.Float32, ints.DType);
    }

    [Fact]
    public void PermuteCountsAxesFromOne()
    {
        // (1, 2, 3) → Permute([2, 1]) → (1, 3, 2), y[0, j, i] = x[0, i, j].
        var y = new Permute([2, 1]).Apply(Iota(1, 2, 3));
        Assert.Equal(new Shape(1, 3, 2), y.Shape);
        Check.Close([1, 4, 2, 5, 3, 6], Check.Values(y));
        Assert.Equal(new Shape(4, 5, 2, 3), new Permute([3, 1, 2]).Apply(tf.Ones([4, 2, 3, 5])).Shape);
    }

    [Fact]
    public void RepeatVectorRepeatsEachSample()
    {
        var y = new RepeatVector(3).Apply(Iota(2, 2));
        Assert.Equal(new Shape(2, 3, 2), y.Shape);
        Check.Close([1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4], Check.Values(y));
    }

    [Fact]
    public void GradientsMatchFiniteDifferences()
    {
        FiniteDifferences.Check(x => new UpSampling1D(2).Call(x), FiniteDifferences.Rand(1, 1, 2, 2));
        FiniteDifferences.Check(x => new UpSampling2D((2, 3)).Call(x), FiniteDifferences.Rand(2, 1, 2, 2, 1));
        FiniteDifferences.Check(x => new UpSampling2D(2, "bilinear").Call(x), FiniteDifferences.Rand(3, 1, 2, 3, 1));
        FiniteDifferences.Check(x => new Permute([3, 1, 2]).Call(x), FiniteDifferences.Rand(4, 1, 2, 3, 2));
        FiniteDifferences.Check(x => new RepeatVector(3).Call(x), FiniteDifferences.Rand(5, 2, 3));
    }

    [Fact]
    public void BadArgumentsAreRefused()
    {
        Assert.Throws<InvalidArgumentError>(() => new UpSampling1D(0));
        Assert.Throws<InvalidArgumentError>(() => new UpSampling2D((1, 0)));
        var e = Assert.Throws<InvalidArgumentError>(() => new UpSampling2D(2, interpolation: "bicubic"));
        Assert.Equal("UpSampling2D: `interpolation` argument should be one of: \"nearest\", \"bilinear\". Received: \"bicubic\".", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => new Permute([0, 1]));
        Assert.Equal("Permute: Invalid permutation argument `dims` for Permute Layer. The set of indices in `dims` must be consecutive and start from 1. " +
                     "Received dims=(0, 1)", e.Message);
        Assert.Throws<InvalidArgumentError>(() => new Permute([1, 1]));
        Assert.Throws<InvalidArgumentError>(() => new Permute([2, 1]).Apply(tf.Ones([1, 2, 3, 4])));
        Assert.Throws<InvalidArgumentError>(() => new RepeatVector(-1));
        Assert.Throws<InvalidArgumentError>(() => new RepeatVector(2).Apply(tf.Ones([1, 2, 3])));
        Assert.Throws<InvalidArgumentError>(() => new UpSampling1D().Call(tf.Ones([1, 2])));
        Assert.Throws<InvalidArgumentError>(() => new UpSampling2D().Call(tf.Ones([1, 2, 2])));
    }
}
