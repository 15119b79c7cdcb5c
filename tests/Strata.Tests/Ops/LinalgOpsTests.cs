using static Strata.Tests.GradientCheck;

namespace Strata.Tests.Ops;

public class LinalgOpsTests
{
    private static Tensor F32(float[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));

    /// <summary>Reference batched matmul with NumPy batch broadcasting, straight from the definition.</summary>
    private static (double[] Values, int[] Shape) Reference(double[] a, int[] aShape, double[] b, int[] bShape, bool ta, bool tb)
    {
        int ar = aShape.Length, br = bShape.Length;
        int am = aShape[ar - 2], an = aShape[ar - 1], bm = bShape[br - 2], bn = bShape[br - 1];
        int m = ta ? an : am, k = ta ? am : an, n = tb ? bm : bn;
        var aBatch = aShape[..^2];
        var bBatch = bShape[..^2];
        int r = Math.Max(aBatch.Length, bBatch.Length);
        var batch = new int[r];
        for (int i = 0; i < r; i++)
        {
            int da = i - (r - aBatch.Length) >= 0 ? aBatch[i - (r - aBatch.Length)] : 1;
            int db = i - (r - bBatch.Length) >= 0 ? bBatch[i - (r - bBatch.Length)] : 1;
            batch[i] = Math.Max(da, db);
        }
        int count = batch.Aggregate(1, (p, d) => p * d);
        var c = new double[count * m * n];
        for (int t = 0; t < count; t++)
        {
            // Unravel t into batch indices, then ravel into each operand (index 0 where it has size 1).
            var idx = new int[r];
            for (int i = r - 1, rem = t; i >= 0; i--) { idx[i] = rem % batch[i]; rem /= batch[i]; }
            int Offset(int[] dims)
            {
                int o = 0;
                for (int i = 0; i < dims.Length; i++) o = o * dims[i] + (dims[i] == 1 ? 0 : idx[i + r - dims.Length]);
                return o;
            }
            int ao = Offset(aBatch) * am * an, bo = Offset(bBatch) * bm * bn;
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    double s = 0;
                    for (int p = 0; p < k; p++)
                        s += a[ao + (ta ? p * an + i : i * an + p)] * b[bo + (tb ? j * bn + p : p * bn + j)];
                    c[(t * m + i) * n + j] = s;
                }
        }
        return (c, [.. batch, m, n]);
    }

    private static void AgainstReference(int seed, int[] aShape, int[] bShape, bool ta = false, bool tb = false, DType dtype = DType.Float32)
    {
        var a = Rand(seed, aShape);
        var b = Rand(seed + 1000, bShape);
        var (expected, shape) = Reference(a.ToArray<double>(), aShape, b.ToArray<double>(), bShape, ta, tb);
        var c = tf.MatMul(tf.Cast(a, dtype), tf.Cast(b, dtype), transposeA: ta, transposeB: tb);
        Assert.Equal(dtype, c.DType);
        Expect.Values(c, shape, expected, dtype == DType.Float32 ? 1e-5 : 1e-12);
    }

    [Fact]
    public void MatMulHandComputed()
    {
        var a = F32([1, 2, 3, 4, 5, 6], 2, 3);
        var b = F32([7, 8, 9, 10, 11, 12], 3, 2);
        Expect.Values(tf.MatMul(a, b), [2, 2], [58, 64, 139, 154]);
        Expect.Values(tf.MatMul(b, a), [3, 3], [39, 54, 69, 49, 68, 87, 59, 82, 105]);
    }

    [Fact]
    public void MatMulTransposesGiveTheSameProductFromStoredTransposes()
    {
        // a = [[1,2,3],[4,5,6]] and b = [[7,8],[9,10],[11,12]], each also stored transposed.
        var a = F32([1, 2, 3, 4, 5, 6], 2, 3);
        var at = F32([1, 4, 2, 5, 3, 6], 3, 2);
        var b = F32([7, 8, 9, 10, 11, 12], 3, 2);
        var bt = F32([7, 9, 11, 8, 10, 12], 2, 3);
        double[] ab = [58, 64, 139, 154];
        Expect.Values(tf.MatMul(at, b, transposeA: true), [2, 2], ab);
        Expect.Values(tf.MatMul(a, bt, transposeB: true), [2, 2], ab);
        Expect.Values(tf.MatMul(at, bt, transposeA: true, transposeB: true), [2, 2], ab);
    }

    [Fact]
    public void MatMulSquareTransposeCombos()
    {
        var a = F32([1, 2, 3, 4], 2, 2);
        var b = F32([5, 6, 7, 8], 2, 2);
        Expect.Values(tf.MatMul(a, b), [2, 2], [19, 22, 43, 50]);
        Expect.Values(tf.MatMul(a, b, transposeA: true), [2, 2], [26, 30, 38, 44]);
        Expect.Values(tf.MatMul(a, b, transposeB: true), [2, 2], [17, 23, 39, 53]);
        Expect.Values(tf.MatMul(a, b, transposeA: true, transposeB: true), [2, 2], [23, 31, 34, 46]);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void MatMulAgainstReference(bool ta, bool tb)
    {
        int[] A(int m, int k) => ta ? [k, m] : [m, k];
        int[] B(int k, int n) => tb ? [n, k] : [k, n];
        // Odd sizes cross any SIMD width and tile boundary.
        AgainstReference(1, A(5, 7), B(7, 3), ta, tb);
        AgainstReference(2, A(17, 33), B(33, 19), ta, tb);
        AgainstReference(3, A(1, 1), B(1, 9), ta, tb);
        AgainstReference(4, A(6, 13), B(13, 11), ta, tb, DType.Float64);
        // Batched, same batch on both sides.
        AgainstReference(5, [2, .. A(3, 4)], [2, .. B(4, 5)], ta, tb);
        // Batch broadcasting: rank-2 against rank-3, size 1 against 2, and rank 4 against rank 3.
        AgainstReference(6, [3, .. A(2, 4)], B(4, 3), ta, tb);
        AgainstReference(7, A(2, 4), [3, .. B(4, 3)], ta, tb);
        AgainstReference(8, [1, .. A(2, 3)], [2, .. B(3, 2)], ta, tb);
        AgainstReference(9, [2, 1, .. A(2, 3)], [3, .. B(3, 2)], ta, tb, DType.Float64);
    }

    [Fact]
    public void MatMulBatchedHandComputed()
    {
        // Two 2x2 batches against one shared identity-and-swap matrix.
        var a = F32([1, 2, 3, 4, 5, 6, 7, 8], 2, 2, 2);
        var swap = F32([0, 1, 1, 0], 2, 2);
        Expect.Values(tf.MatMul(a, swap), [2, 2, 2], [2, 1, 4, 3, 6, 5, 8, 7]);
        Expect.Values(tf.MatMul(swap, a), [2, 2, 2], [3, 4, 1, 2, 7, 8, 5, 6]);
    }

    [Fact]
    public void MatMulWithEmptyInnerDimensionIsZeros()
    {
        var c = tf.MatMul(tf.Zeros([2, 0]), tf.Zeros([0, 3]));
        Expect.Values(c, [2, 3], new double[6]);
    }

    // ----- gradients -----

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void MatMulGradients(bool ta, bool tb)
    {
        int[] A(int m, int k) => ta ? [k, m] : [m, k];
        int[] B(int k, int n) => tb ? [n, k] : [k, n];
        Tensor F(Tensor[] x) => tf.MatMul(x[0], x[1], transposeA: ta, transposeB: tb);
        Check(F, Rand(71, A(2, 3)), Rand(72, B(3, 4)));
        Check(F, Rand(73, [2, .. A(2, 3)]), Rand(74, [2, .. B(3, 2)]));
        // Broadcast batches: the shared operand's gradient sums over the batch.
        Check(F, Rand(75, [3, .. A(2, 3)]), Rand(76, B(3, 2)));
        Check(F, Rand(77, A(2, 3)), Rand(78, [2, .. B(3, 2)]));
        Check(F, Rand(79, [1, .. A(2, 2)]), Rand(80, [3, .. B(2, 2)]));
    }

    [Fact]
    public void MatMulOfTheSameTensorTwice()
    {
        Check((Tensor[] x) => tf.MatMul(x[0], x[0], transposeB: true), Rand(81, [3, 2]));
        Check((Tensor[] x) => tf.MatMul(x[0], x[0]), Rand(82, [3, 3]));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void SecondOrderMatMulTransposes(bool ta, bool tb)
    {
        var w = Rand(86, [2, 2]);
        CheckSecondOrder(x => tf.Square(tf.MatMul(x, w, transposeA: ta, transposeB: tb)), Rand(87, [2, 2]));
        CheckSecondOrder(x => tf.Square(tf.MatMul(w, x, transposeA: ta, transposeB: tb)), Rand(88, [2, 2]));
        CheckSecondOrder(x => tf.MatMul(x, tf.Exp(x), transposeA: ta, transposeB: tb), Rand(89, [2, 2]));
    }

    [Fact]
    public void SecondOrderMatMul()
    {
        var w = Rand(83, [3, 2]);
        CheckSecondOrder(x => tf.Square(tf.MatMul(x, w)), Rand(84, [2, 3]));
        CheckSecondOrder(x => tf.MatMul(x, x, transposeA: true), Rand(85, [2, 2]));
    }
}
