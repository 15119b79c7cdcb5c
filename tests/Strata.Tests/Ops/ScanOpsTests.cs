using static Strata.Tests.GradientCheck;

namespace Strata.Tests.Ops;

public class ScanOpsTests
{
    private static Tensor F32(float[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));

    [Fact]
    public void CumsumFlags()
    {
        // TF docs examples: cumsum([a, b, c]) = [a, a+b, a+b+c]; exclusive → [0, a, a+b]; reverse → [a+b+c, b+c, c];
        // both → [b+c, c, 0].
        var x = F32([2, 4, 6, 8], 4);
        Expect.Values(tf.Cumsum(x), [4], [2, 6, 12, 20]);
        Expect.Values(tf.Cumsum(x, exclusive: true), [4], [0, 2, 6, 12]);
        Expect.Values(tf.Cumsum(x, reverse: true), [4], [20, 18, 14, 8]);
        Expect.Values(tf.Cumsum(x, exclusive: true, reverse: true), [4], [18, 14, 8, 0]);
        var m = F32([1, 2, 3, 4, 5, 6], 2, 3);
        Expect.Values(tf.Cumsum(m, 1), [2, 3], [1, 3, 6, 4, 9, 15]);
        Expect.Values(tf.Cumsum(m, -2), [2, 3], [1, 2, 3, 5, 7, 9]);
        Assert.Equal([1, 3, 6], tf.Cumsum(tf.Constant(new[] { 1, 2, 3 })).ToArray<int>());
        Assert.Equal(new Shape(0, 3), tf.Cumsum(tf.Zeros([0, 3]), 1).Shape);
    }

    [Fact]
    public void CumprodFlags()
    {
        var x = F32([2, 3, 4], 3);
        Expect.Values(tf.Cumprod(x), [3], [2, 6, 24]);
        Expect.Values(tf.Cumprod(x, exclusive: true), [3], [1, 2, 6]);
        Expect.Values(tf.Cumprod(x, reverse: true), [3], [24, 12, 4]);
        Expect.Values(tf.Cumprod(x, exclusive: true, reverse: true), [3], [12, 4, 1]);
        Expect.Values(tf.Cumprod(F32([1, 2, 3, 4], 2, 2), 0), [2, 2], [1, 2, 3, 8]);
        Assert.Equal([2L, 6], tf.Cumprod(tf.Constant(new long[] { 2, 3 })).ToArray<long>());
    }

    [Fact]
    public void ScanErrors()
    {
        Assert.StartsWith("Cumsum: expected scan axis in the range [-1, 1), but got 1", Assert.Throws<InvalidArgumentError>(() => tf.Cumsum(F32([1], 1), 1)).Message);
        Assert.Throws<InvalidArgumentError>(() => tf.Cumprod(tf.Constant(1f)));
        Assert.Throws<UnsupportedDTypeError>(() => tf.Cumsum(tf.Constant(new[] { true })));
    }

    [Fact]
    public void ScanGradients()
    {
        foreach (var (ex, rev) in new[] { (false, false), (true, false), (false, true), (true, true) })
        {
            Check(v => tf.Cumsum(v, 1, ex, rev), Rand(1, [2, 3]));
            Check(v => tf.Cumprod(v, 0, ex, rev), Rand(2, [3, 2], 0.5, 2));
        }
        CheckSecondOrder(v => tf.Cumprod(v, 0), Rand(3, [3], 0.5, 2));
    }

    [Fact]
    public void ScanOfBytesWraps()
    {
        // uint8 arithmetic wraps, as TensorFlow's: 200 + 100 = 44 (mod 256).
        Assert.Equal([(byte)200, 44], tf.Cumsum(tf.Constant(new byte[] { 200, 100 })).ToArray<byte>());
        Assert.Equal([(byte)3, 9], tf.Cumprod(tf.Constant(new byte[] { 3, 3 })).ToArray<byte>());
    }
}
