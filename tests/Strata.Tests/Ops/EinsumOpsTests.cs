using static Strata.Tests.GradientCheck;

namespace Strata.Tests.Ops;

public class EinsumOpsTests
{
    private static Tensor F32(float[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));

    [Fact]
    public void MatrixEquations()
    {
        var a = F32([1, 2, 3, 4, 5, 6], 2, 3);
        var b = F32([1, 0, 2, 1, 0, 3], 3, 2);
        // [[1, 2, 3], [4, 5, 6]] · [[1, 0], [2, 1], [0, 3]] = [[5, 11], [14, 23]].
        Expect.Values(tf.Einsum("ij,jk->ik", a, b), [2, 2], [5, 11, 14, 23]);
        Expect.Values(tf.Einsum("ij,jk", a, b), [2, 2], [5, 11, 14, 23]);
        Expect.Values(tf.Einsum("ij->ji", a), [3, 2], [1, 4, 2, 5, 3, 6]);
        Expect.Values(tf.Einsum("ba", a), [3, 2], [1, 4, 2, 5, 3, 6]); // implicit: output "ab"
        Expect.Values(tf.Einsum("ij->", a), [], [21]);
        Expect.Values(tf.Einsum("ij->j", a), [3], [5, 7, 9]);
        var sq = F32([1, 2, 3, 4], 2, 2);
        Expect.Values(tf.Einsum("ii->", sq), [], [5]);
        Expect.Values(tf.Einsum("ii->i", sq), [2], [1, 4]);
        Expect.Values(tf.Einsum("ij,ij->ij", sq, sq), [2, 2], [1, 4, 9, 16]);
        Expect.Values(tf.Einsum("ij,ji->", sq, sq), [], [1 + 6 + 6 + 16]);
    }

    [Fact]
    public void VectorsBatchesAndEllipsis()
    {
        var u = F32([1, 2, 3], 3);
        var v = F32([4, 5, 6], 3);
        Expect.Values(tf.Einsum("i,i->", u, v), [], [32]);
        Expect.Values(tf.Einsum("i,j->ij", u, F32([1, 10], 2)), [3, 2], [1, 10, 2, 20, 3, 30]);
        var x = F32([1, 2, 3, 4, 5, 6, 7, 8], 2, 2, 2);
        var y = F32([1, 0, 0, 1, 2, 0, 0, 2], 2, 2, 2);
        Expect.Values(tf.Einsum("bij,bjk->bik", x, y), [2, 2, 2], [1, 2, 3, 4, 10, 12, 14, 16]);
        Expect.Values(tf.Einsum("...ij,...jk->...ik", x, y), [2, 2, 2], [1, 2, 3, 4, 10, 12, 14, 16]);
        // Ellipsis broadcasting: (2, 2, 2) against (1, 2, 2), and a plain matrix.
        var one = F32([0, 1, 1, 0], 1, 2, 2);
        Expect.Values(tf.Einsum("...ij,...jk->...ik", x, one), [2, 2, 2], [2, 1, 4, 3, 6, 5, 8, 7]);
        Expect.Values(tf.Einsum("...ij,jk->...ik", x, F32([0, 1, 1, 0], 2, 2)), [2, 2, 2], [2, 1, 4, 3, 6, 5, 8, 7]);
        Expect.Values(tf.Einsum("...ii->...i", x), [2, 2], [1, 4, 5, 8]);
        // Three operands: (u vᵀ) · w.
        Expect.Values(tf.Einsum("i,j,j->i", u, v, F32([1, 1, 1], 3)), [3], [15, 30, 45]);
        Expect.Values(tf.Einsum("ij,jk,kl->il", F32([1, 2], 1, 2), F32([1, 0, 0, 1], 2, 2), F32([3, 4], 2, 1)), [1, 1], [11]);
    }

    [Fact]
    public void EinsumErrors()
    {
        var a = F32([1, 2, 3, 4, 5, 6], 2, 3);
        Assert.Contains("2 input terms", Assert.Throws<InvalidArgumentError>(() => tf.Einsum("ij,jk->ik", a)).Message);
        Assert.Throws<InvalidArgumentError>(() => tf.Einsum("ijk->i", a));
        Assert.Throws<InvalidArgumentError>(() => tf.Einsum("...ijk->i", a));
        Assert.Contains("size 3 and 2", Assert.Throws<InvalidArgumentError>(() => tf.Einsum("ij,jk->ik", a, a)).Message);
        Assert.Throws<InvalidArgumentError>(() => tf.Einsum("ij->ix", a));
        Assert.Throws<InvalidArgumentError>(() => tf.Einsum("ij->ii", a));
        Assert.Throws<InvalidArgumentError>(() => tf.Einsum("i1->i", a));
        Assert.Throws<InvalidArgumentError>(() => tf.Einsum("ii->i", a));
        Assert.Throws<InvalidArgumentError>(() => tf.Einsum("...i...->i", a));
        Assert.Throws<InvalidArgumentError>(() => tf.Einsum("ij"));
        Assert.Throws<InvalidArgumentError>(() => tf.Einsum("ij,ij", a, tf.Cast(a, DType.Float64)));
        Assert.Throws<UnsupportedDTypeError>(() => tf.Einsum("ij", tf.Constant(new[] { 1 }, shape: new Shape(1, 1))));
    }

    [Fact]
    public void EinsumGradients()
    {
        Check(xs => tf.Einsum("ij,jk->ik", xs[0], xs[1]), Rand(1, [2, 3]), Rand(2, [3, 2]));
        Check(xs => tf.Einsum("bij,bkj->bik", xs[0], xs[1]), Rand(3, [2, 2, 3]), Rand(4, [2, 2, 3]));
        Check((Tensor x) => tf.Einsum("ii->i", x), Rand(5, [3, 3]));
        Check(xs => tf.Einsum("i,j,j->i", xs[0], xs[1], xs[2]), Rand(6, [2]), Rand(7, [3]), Rand(8, [3]));
        Check(xs => tf.Einsum("...ij,jk->...ik", xs[0], xs[1]), Rand(9, [2, 2, 2]), Rand(10, [2, 3]));
        CheckSecondOrder((Tensor x) => tf.Einsum("ij,jk->ik", x, x), Rand(11, [2, 2]));
    }

    [Fact]
    public void RepeatedLabelOfTwoSizesInOneOperand()
    {
        Assert.Contains("repeated label 'i'", Assert.Throws<InvalidArgumentError>(() => tf.Einsum("ii->i", F32([1, 2, 3], 1, 3))).Message);
    }
}
