namespace Strata.Tests.Hardening;

/// <summary>Element counts are computed in one checked place: a shape too large for a tensor is an error naming the
/// op and the shape, never a wrapped-around count (65536⁴ = 2⁶⁴ is 0 in long arithmetic) or a runtime failure.</summary>
public class ShapeLimitTests
{
    private static readonly int[] Huge4 = [65536, 65536, 65536, 65536];

    private static void TooLarge(Action act, string op)
    {
        var e = Assert.Throws<InvalidArgumentError>(act);
        Assert.StartsWith(op + ":", e.Message);
        Assert.Contains("more than the", e.Message);
    }

    [Fact]
    public void CreationOpsRefuseShapesWhoseCountWrapsAround()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => tf.Zeros(Huge4));
        Assert.Equal("Zeros: shape (65536, 65536, 65536, 65536) has 18446744073709551616 elements, more than the 2147483591 a tensor can hold.", e.Message);
        TooLarge(() => tf.Ones(Huge4), "Ones");
        TooLarge(() => tf.Fill(Huge4, 1f), "Fill");
        TooLarge(() => tf.random.Normal(Huge4), "Normal");
        TooLarge(() => tf.random.Uniform(Huge4), "Uniform");
        TooLarge(() => tf.random.TruncatedNormal(Huge4), "TruncatedNormal");
        TooLarge(() => tf.Constant(1f, shape: new Shape(Huge4)), "Constant");
    }

    [Fact]
    public void CountsJustAboveWhatAnArrayHoldsAreRefusedUpFront()
    {
        // int.MaxValue - 1 fits in an int but not in a .NET array (Array.MaxLength): it failed in the runtime before.
        TooLarge(() => tf.Zeros([int.MaxValue - 1], DType.UInt8), "Zeros");
        TooLarge(() => tf.Zeros([Shape.MaxElements + 1], DType.Bool), "Zeros");
        TooLarge(() => tf.Zeros([46341, 46341]), "Zeros"); // 2^31 + 80 elements
        Assert.Equal(0, tf.Zeros([0, int.MaxValue, int.MaxValue]).Size); // an empty dimension makes any shape empty
    }

    [Fact]
    public void ReshapeChecksCountsWithoutWrapping()
    {
        var x = tf.Zeros([2, 3]);
        // 65536 * 65536 * 65536 * 65536 wrapped to 0 in int arithmetic; 2^32 * 6 / 2^32... also checked.
        var e = Assert.Throws<InvalidArgumentError>(() => tf.Reshape(x, Huge4));
        Assert.Contains("Reshape", e.Message);
        Assert.Contains("(2, 3)", e.Message);
        Assert.Throws<InvalidArgumentError>(() => tf.Reshape(x, [65536, 65536, -1]));
        Assert.Throws<InvalidArgumentError>(() => tf.Reshape(x, [int.MaxValue, 2, -1]));
        Assert.Throws<InvalidArgumentError>(() => tf.Reshape(tf.Zeros([0]), [0, -1]));
        Assert.Equal(new Shape(3, 2), tf.Reshape(x, [-1, 2]).Shape);
        Assert.Equal(new Shape(0, 5), tf.Reshape(tf.Zeros([0, 5]), [-1, 5]).Shape);
    }

    [Fact]
    public void OneHotConcatBroadcastAndMatMulOutputsAreChecked()
    {
        TooLarge(() => tf.OneHot(tf.Zeros([131072], DType.UInt8), 32768), "OneHot"); // 2^32 elements
        var wide = tf.Zeros([1, 1 << 30], DType.UInt8);
        TooLarge(() => tf.Concat([wide, wide, wide], 1), "Concat");
        TooLarge(() => tf.Add(tf.Zeros([65536, 1]), tf.Zeros([1, 65536])), "Add");
        TooLarge(() => tf.BroadcastTo(tf.Zeros([1]), [65536, 65536]), "BroadcastTo");
        TooLarge(() => tf.MatMul(tf.Zeros([65536, 1]), tf.Zeros([1, 65536])), "MatMul");
    }

    [Fact]
    public void PadAndSliceBoundsCannotOverflow()
    {
        var x = tf.Zeros([2, 3]);
        // begin + size of two large ints wrapped around and passed the bounds check.
        var e = Assert.Throws<InvalidArgumentError>(() => tf.Slice(x, [1, int.MaxValue], [1, int.MaxValue]));
        Assert.Contains("Slice", e.Message);
        Assert.Contains("(2, 3)", e.Message);
        Assert.Throws<InvalidArgumentError>(() => tf.Slice(x, [0, 2], [1, int.MaxValue - 1]));
        Assert.Throws<InvalidArgumentError>(() => tf.Slice(x, [0, 0], [1, -2]));
        Assert.Throws<InvalidArgumentError>(() => tf.Slice(x, [int.MinValue, 0], [1, 1]));
        Assert.Equal(new Shape(1, 1), tf.Slice(x, [1, 2], [-1, -1]).Shape);

        var p = Assert.Throws<InvalidArgumentError>(() => tf.Pad(x, new[,] { { 0, 0 }, { int.MaxValue, int.MaxValue } }));
        Assert.StartsWith("Pad:", p.Message);
        TooLarge(() => tf.Pad(tf.Zeros([2, 3], DType.UInt8), new[,] { { 0, 0 }, { 1 << 30, 1 << 30 } }), "Pad");
    }

    [Fact]
    public void RankAboveTensorFlowsLimitIsRefused()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => new Shape(new int[255]));
        Assert.Contains("rank 255", e.Message);
        var ones = Enumerable.Repeat(1, Shape.MaxRank).ToArray();
        var x = tf.Zeros(ones);
        Assert.Throws<InvalidArgumentError>(() => tf.ExpandDims(x, 0));
    }

    [Fact]
    public void TheLargestRankPrintsOnASmallStack()
    {
        // The printer recurses once per axis: at TensorFlow's largest rank it must fit in a small thread stack.
        var x = tf.Zeros(Enumerable.Repeat(1, Shape.MaxRank).ToArray());
        string? text = null;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try { text = x.ToString(); }
            catch (Exception e) { error = e; }
        }, maxStackSize: 256 * 1024);
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)), "printing hung");
        Assert.Null(error);
        Assert.StartsWith("tf.Tensor(" + new string('[', Shape.MaxRank) + "0." + new string(']', Shape.MaxRank), text);
    }
}
