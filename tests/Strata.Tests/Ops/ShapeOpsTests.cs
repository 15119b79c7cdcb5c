using static Strata.Tests.GradientCheck;

namespace Strata.Tests.Ops;

/// <summary>pad modes, split, reverse, roll, eye, meshgrid, sequence_mask.</summary>
public class ShapeOpsTests
{
    private static Tensor F32(float[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));
    private static Tensor I32(int[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));

    [Fact]
    public void PadModesMatchTheTensorFlowDocsExample()
    {
        var t = I32([1, 2, 3, 4, 5, 6], 2, 3);
        var p = new[,] { { 1, 1 }, { 2, 2 } };
        Assert.Equal([6, 5, 4, 5, 6, 5, 4, 3, 2, 1, 2, 3, 2, 1, 6, 5, 4, 5, 6, 5, 4, 3, 2, 1, 2, 3, 2, 1], tf.Pad(t, p, "REFLECT").ToArray<int>());
        Assert.Equal([2, 1, 1, 2, 3, 3, 2, 2, 1, 1, 2, 3, 3, 2, 5, 4, 4, 5, 6, 6, 5, 5, 4, 4, 5, 6, 6, 5], tf.Pad(t, p, "symmetric").ToArray<int>());
        Assert.Equal(new Shape(4, 7), tf.Pad(t, p, "REFLECT").Shape);
        var c = tf.Pad(t, new[,] { { 0, 1 }, { 1, 0 } }, constantValues: 9);
        Assert.Equal([9, 1, 2, 3, 9, 4, 5, 6, 9, 9, 9, 9], c.ToArray<int>());
        Expect.Values(tf.Pad(F32([1], 1), new[,] { { 1, 0 } }, "constant", -0.5), [2], [-0.5, 1]);
    }

    [Fact]
    public void PadErrors()
    {
        var t = I32([1, 2, 3, 4, 5, 6], 2, 3);
        Assert.Contains("must be less than the dimension size: 2, 0 not less than 2", Assert.Throws<InvalidArgumentError>(() => tf.Pad(t, new[,] { { 2, 0 }, { 0, 0 } }, "REFLECT")).Message);
        Assert.Contains("no greater than the dimension size: 0, 4 greater than 3", Assert.Throws<InvalidArgumentError>(() => tf.Pad(t, new[,] { { 0, 0 }, { 0, 4 } }, "SYMMETRIC")).Message);
        Assert.Equal(new Shape(2, 9), tf.Pad(t, new[,] { { 0, 0 }, { 3, 3 } }, "SYMMETRIC").Shape);
        Assert.StartsWith("Pad: mode must be one of", Assert.Throws<InvalidArgumentError>(() => tf.Pad(t, new[,] { { 0, 0 }, { 0, 0 } }, "WRAP")).Message);
        Assert.Throws<InvalidArgumentError>(() => tf.Pad(t, new[,] { { 0, 0 }, { 0, 0 } }, constantValues: 0.5));
    }

    [Fact]
    public void PadGradients()
    {
        var p = new[,] { { 1, 2 }, { 2, 1 } };
        Check(x => tf.Pad(x, p, "REFLECT"), Rand(1, [3, 3]));
        Check(x => tf.Pad(x, p, "SYMMETRIC"), Rand(2, [2, 3]));
        Check(x => tf.Pad(x, p, constantValues: 3), Rand(3, [2, 2]));
        CheckSecondOrder(x => tf.Square(tf.Pad(x, new[,] { { 1, 1 } }, "REFLECT")), Rand(4, [3]));
    }

    [Fact]
    public void SplitEvenlyAndBySizes()
    {
        var x = F32([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 2, 6);
        var parts = tf.Split(x, 3, 1);
        Assert.Equal(3, parts.Length);
        Expect.Values(parts[1], [2, 2], [2, 3, 8, 9]);
        var sized = tf.Split(x, [1, -1, 2], -1);
        Expect.Values(sized[0], [2, 1], [0, 6]);
        Expect.Values(sized[1], [2, 3], [1, 2, 3, 7, 8, 9]);
        Expect.Values(sized[2], [2, 2], [4, 5, 10, 11]);
        Assert.Equal(new Shape(2, 0), tf.Split(x, [6, 0], 1)[1].Shape);
        Assert.Contains("evenly divisible by 4 but is 6", Assert.Throws<InvalidArgumentError>(() => tf.Split(x, 4, 1)).Message);
        Assert.Throws<InvalidArgumentError>(() => tf.Split(x, 0, 1));
        Assert.Throws<InvalidArgumentError>(() => tf.Split(x, [1, 2], 1));
        Assert.Throws<InvalidArgumentError>(() => tf.Split(x, [-1, -1], 1));
        Assert.Throws<InvalidArgumentError>(() => tf.Split(x, [7, -1], 1));
        Assert.Throws<InvalidArgumentError>(() => tf.Split(x, [8, -2], 1));
        Assert.Throws<InvalidArgumentError>(() => tf.Split(x, 2, 2));
        Check(v => tf.Concat([tf.Split(v, [1, 2], 0)[1] * 2.0, tf.Split(v, [1, 2], 0)[0]], 0), Rand(5, [3, 2]));
    }

    [Fact]
    public void ReverseAndRoll()
    {
        var x = I32([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 2, 5);
        Assert.Equal([4, 3, 2, 1, 0, 9, 8, 7, 6, 5], tf.Reverse(x, [1]).ToArray<int>());
        Assert.Equal([9, 8, 7, 6, 5, 4, 3, 2, 1, 0], tf.Reverse(x, [-1, 0]).ToArray<int>());
        Assert.Equal(x.ToArray<int>(), tf.Reverse(x, []).ToArray<int>());
        Assert.Throws<InvalidArgumentError>(() => tf.Reverse(x, [0, 0]));
        // TF docs: roll([0, 1, 2, 3, 4], shift=2, axis=0) → [3, 4, 0, 1, 2].
        Assert.Equal([3, 4, 0, 1, 2], tf.Roll(I32([0, 1, 2, 3, 4], 5), 2, 0).ToArray<int>());
        // TF docs: shift=[1, -2], axis=[0, 1] → [[7, 8, 9, 5, 6], [2, 3, 4, 0, 1]]; shift=[2, -3] on axis 1 twice → [[1, 2, 3, 4, 0], [6, 7, 8, 9, 5]].
        Assert.Equal([7, 8, 9, 5, 6, 2, 3, 4, 0, 1], tf.Roll(x, [1, -2], [0, 1]).ToArray<int>());
        Assert.Equal([1, 2, 3, 4, 0, 6, 7, 8, 9, 5], tf.Roll(x, [2, -3], [1, 1]).ToArray<int>());
        Assert.Equal(new Shape(0, 3), tf.Roll(tf.Zeros([0, 3]), 1, 0).Shape);
        Assert.Throws<InvalidArgumentError>(() => tf.Roll(x, [1], [0, 1]));
        Assert.Throws<InvalidArgumentError>(() => tf.Roll(x, 1, 2));
        Check(v => tf.Reverse(v, [0]) * tf.Roll(v, -1, 1), Rand(6, [2, 3]));
    }

    [Fact]
    public void EyeShapesAndDtypes()
    {
        Expect.Values(tf.Eye(2), [2, 2], [1, 0, 0, 1]);
        Expect.Values(tf.Eye(2, 3), [2, 3], [1, 0, 0, 0, 1, 0]);
        var batched = tf.Eye(2, batchShape: [3], dtype: DType.Int32);
        Assert.Equal(new Shape(3, 2, 2), batched.Shape);
        Assert.Equal([1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1], batched.ToArray<int>());
        Assert.Equal(new Shape(0, 0), tf.Eye(0).Shape);
        Assert.Throws<InvalidArgumentError>(() => tf.Eye(-1));
        Assert.Throws<InvalidArgumentError>(() => tf.Eye(2, batchShape: [-2]));
    }

    [Fact]
    public void MeshgridXyAndIj()
    {
        var x = I32([1, 2, 3], 3);
        var y = I32([4, 5], 2);
        var xy = tf.Meshgrid([x, y]);
        Assert.Equal(new Shape(2, 3), xy[0].Shape);
        Assert.Equal([1, 2, 3, 1, 2, 3], xy[0].ToArray<int>());
        Assert.Equal([4, 4, 4, 5, 5, 5], xy[1].ToArray<int>());
        var ij = tf.Meshgrid([x, y], "ij");
        Assert.Equal(new Shape(3, 2), ij[0].Shape);
        Assert.Equal([1, 1, 2, 2, 3, 3], ij[0].ToArray<int>());
        Assert.Equal([4, 5, 4, 5, 4, 5], ij[1].ToArray<int>());
        Assert.Equal([1, 2, 3], tf.Meshgrid([x])[0].ToArray<int>());
        Assert.Throws<InvalidArgumentError>(() => tf.Meshgrid([x, y], "ji"));
        Assert.Throws<InvalidArgumentError>(() => tf.Meshgrid([x, F32([1], 1)]));
        Check(xs => tf.Meshgrid([xs[0], xs[1]])[0] * tf.Meshgrid([xs[0], xs[1]])[1], Rand(7, [3]), Rand(8, [2]));
    }

    [Fact]
    public void SequenceMask()
    {
        // TF docs: sequence_mask([1, 3, 2], 5).
        var m = tf.SequenceMask(I32([1, 3, 2], 3), 5);
        Assert.Equal(new Shape(3, 5), m.Shape);
        Assert.Equal([true, false, false, false, false, true, true, true, false, false, true, true, false, false, false], m.ToArray<bool>());
        // TF docs: sequence_mask([[1, 3], [2, 0]]): maxlen defaults to 3.
        var d = tf.SequenceMask(I32([1, 3, 2, 0], 2, 2));
        Assert.Equal(new Shape(2, 2, 3), d.Shape);
        Assert.Equal([true, false, false, true, true, true, true, true, false, false, false, false], d.ToArray<bool>());
        Assert.Equal([1f, 1, 0], tf.SequenceMask(tf.Constant(new long[] { 2 }), 3, DType.Float32).ToArray<float>());
        Assert.Equal(new Shape(0, 0), tf.SequenceMask(tf.Zeros([0], DType.Int32)).Shape);
        Assert.Throws<UnsupportedDTypeError>(() => tf.SequenceMask(F32([1], 1)));
        Assert.Throws<InvalidArgumentError>(() => tf.SequenceMask(I32([1], 1), -1));
    }

    [Fact]
    public void ScalarsCannotBeSplitReversedOrRolled()
    {
        var s = tf.Constant(1f);
        Assert.StartsWith("Split:", Assert.Throws<InvalidArgumentError>(() => tf.Split(s, 1)).Message);
        Assert.StartsWith("Split:", Assert.Throws<InvalidArgumentError>(() => tf.Split(s, [1])).Message);
        Assert.StartsWith("Reverse:", Assert.Throws<InvalidArgumentError>(() => tf.Reverse(s, [0])).Message);
        Assert.StartsWith("Roll:", Assert.Throws<InvalidArgumentError>(() => tf.Roll(s, 1, 0)).Message);
        Assert.Equal(1f, tf.Reverse(s, []).Item<float>());
    }
}
