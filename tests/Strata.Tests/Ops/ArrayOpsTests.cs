using static Strata.Tests.GradientCheck;

namespace Strata.Tests.Ops;

public class ArrayOpsTests
{
    private static Tensor F32(float[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));
    private static Tensor I32(int[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));
    private static Tensor Iota(params int[] shape)
    {
        int n = shape.Aggregate(1, (p, d) => p * d);
        return F32(Enumerable.Range(0, n).Select(i => (float)i).ToArray(), shape);
    }

    [Fact]
    public void TransposeMatrixAndDefaultPerm()
    {
        Expect.Values(tf.Transpose(Iota(2, 3)), [3, 2], [0, 3, 1, 4, 2, 5]);
        Expect.Values(tf.Transpose(Iota(2, 3), [1, 0]), [3, 2], [0, 3, 1, 4, 2, 5]);
        Expect.Values(tf.Transpose(Iota(2, 3), [0, 1]), [2, 3], [0, 1, 2, 3, 4, 5]);
    }

    [Fact]
    public void Transpose3D()
    {
        // x has shape (2, 2, 3) and x[i, j, k] = 6i + 3j + k; with perm (2, 0, 1), y[k, i, j] = x[i, j, k].
        var y = tf.Transpose(Iota(2, 2, 3), [2, 0, 1]);
        var expected = new double[12];
        for (int k = 0; k < 3; k++) for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) expected[(k * 2 + i) * 2 + j] = i * 6 + j * 3 + k;
        Expect.Values(y, [3, 2, 2], expected);
        // Default perm reverses: y[k, j, i] = x[i, j, k].
        var r = tf.Transpose(Iota(2, 2, 3));
        for (int k = 0; k < 3; k++) for (int j = 0; j < 2; j++) for (int i = 0; i < 2; i++) expected[(k * 2 + j) * 2 + i] = i * 6 + j * 3 + k;
        Expect.Values(r, [3, 2, 2], expected);
    }

    /// <summary>The 2-D kernel transposes in 32 x 32 tiles: odd sizes span several tiles in both directions and
    /// end in partial ones (and single rows or columns), and every element must land in its place, for each
    /// element width the kernel moves (4, 8 and 1 bytes).</summary>
    [Theory]
    [InlineData(40, 35)]
    [InlineData(33, 97)]
    [InlineData(97, 65)]
    [InlineData(64, 96)]
    [InlineData(1, 70)]
    [InlineData(70, 1)]
    public void BlockedTransposeMovesEveryElementAcrossSeveralTiles(int rows, int cols)
    {
        int n = rows * cols;
        void Check<T>(DType dtype, T[] values, Func<int, T> at) where T : unmanaged
        {
            var y = tf.Transpose(tf.Constant(values, dtype, new Shape(rows, cols)));
            Assert.Equal(dtype, y.DType);
            Assert.Equal(new Shape(cols, rows), y.Shape);
            var got = y.ToArray<T>();
            for (int j = 0; j < cols; j++)
                for (int i = 0; i < rows; i++)
                    if (!EqualityComparer<T>.Default.Equals(at(i * cols + j), got[j * rows + i]))
                        Assert.Fail($"{typeof(T).Name} ({rows}, {cols}): y[{j}, {i}] = {got[j * rows + i]}, expected x[{i}, {j}] = {at(i * cols + j)}");
        }
        Check(DType.Float32, Enumerable.Range(0, n).Select(i => (float)i).ToArray(), i => (float)i);
        Check(DType.Int32, Enumerable.Range(0, n).ToArray(), i => i);
        Check(DType.Float64, Enumerable.Range(0, n).Select(i => (double)i + 0.5).ToArray(), i => i + 0.5);
        Check(DType.Int64, Enumerable.Range(0, n).Select(i => 1L << 40 | (long)i).ToArray(), i => 1L << 40 | (long)i);
        Check(DType.UInt8, Enumerable.Range(0, n).Select(i => (byte)(i % 251)).ToArray(), i => (byte)(i % 251));
        Check(DType.Bool, Enumerable.Range(0, n).Select(i => i % 3 == 0).ToArray(), i => i % 3 == 0);
    }

    [Fact]
    public void ReshapeInfersMinusOne()
    {
        var x = Iota(2, 3, 2);
        Expect.Values(tf.Reshape(x, [-1]), [12], Enumerable.Range(0, 12).Select(i => (double)i).ToArray());
        Expect.Values(tf.Reshape(x, [3, -1]), [3, 4], Enumerable.Range(0, 12).Select(i => (double)i).ToArray());
        Assert.Equal(new Shape(2, 2, 3), tf.Reshape(x, [-1, 2, 3]).Shape);
        Assert.Equal(Shape.Scalar, tf.Reshape(F32([5], 1), Shape.Scalar).Shape);
    }

    [Fact]
    public void ExpandDimsAndSqueeze()
    {
        var x = Iota(2, 3);
        Assert.Equal(new Shape(1, 2, 3), tf.ExpandDims(x, 0).Shape);
        Assert.Equal(new Shape(2, 1, 3), tf.ExpandDims(x, 1).Shape);
        Assert.Equal(new Shape(2, 3, 1), tf.ExpandDims(x, -1).Shape);
        Assert.Equal(new Shape(2, 3, 1), tf.ExpandDims(x, 2).Shape);
        Assert.Equal(new Shape(2, 1, 3), tf.ExpandDims(x, -2).Shape);
        var y = Iota(1, 2, 1, 3, 1);
        Assert.Equal(new Shape(2, 3), tf.Squeeze(y).Shape);
        Assert.Equal(new Shape(2, 1, 3, 1), tf.Squeeze(y, [0]).Shape);
        Assert.Equal(new Shape(1, 2, 1, 3), tf.Squeeze(y, [-1]).Shape);
        Assert.Equal(new Shape(2, 3), tf.Squeeze(y, [0, 2, 4]).Shape);
        Expect.Values(tf.Squeeze(y), [2, 3], [0, 1, 2, 3, 4, 5]);
    }

    [Fact]
    public void ConcatAlongEachAxis()
    {
        var a = Iota(2, 2);
        var b = F32([10, 11], 1, 2);
        var c = F32([20, 21, 22, 23, 24, 25], 2, 3);
        Expect.Values(tf.Concat([a, b], 0), [3, 2], [0, 1, 2, 3, 10, 11]);
        Expect.Values(tf.Concat([a, c], 1), [2, 5], [0, 1, 20, 21, 22, 2, 3, 23, 24, 25]);
        Expect.Values(tf.Concat([a, c], -1), [2, 5], [0, 1, 20, 21, 22, 2, 3, 23, 24, 25]);
        Assert.Equal([1, 2, 3], tf.Concat([I32([1], 1), I32([2, 3], 2)], 0).ToArray<int>());
    }

    [Fact]
    public void StackAndUnstack()
    {
        var a = F32([1, 2], 2);
        var b = F32([3, 4], 2);
        var c = F32([5, 6], 2);
        Expect.Values(tf.Stack([a, b, c]), [3, 2], [1, 2, 3, 4, 5, 6]);
        Expect.Values(tf.Stack([a, b, c], axis: 1), [2, 3], [1, 3, 5, 2, 4, 6]);
        Expect.Values(tf.Stack([a, b, c], axis: -1), [2, 3], [1, 3, 5, 2, 4, 6]);
        var m = Iota(2, 3);
        var rows = tf.Unstack(m);
        Assert.Equal(2, rows.Length);
        Expect.Values(rows[1], [3], [3, 4, 5]);
        var cols = tf.Unstack(m, axis: 1);
        Assert.Equal(3, cols.Length);
        Expect.Values(cols[2], [2], [2, 5]);
        var scalars = tf.Unstack(F32([7, 8], 2));
        Expect.Values(scalars[1], [], [8]);
    }

    [Fact]
    public void StackErrorsNameStack()
    {
        // An axis out of range was reported by the ExpandDims inside, a dtype mismatch by the Concat.
        var a = F32([1, 2], 2);
        var e = Assert.Throws<InvalidArgumentError>(() => tf.Stack([a, a], 2));
        Assert.StartsWith("Stack:", e.Message);
        Assert.StartsWith("Stack:", Assert.Throws<InvalidArgumentError>(() => tf.Stack([a, a], -3)).Message);
        Assert.StartsWith("Stack:", Assert.Throws<InvalidArgumentError>(() => tf.Stack([a, I32([1, 2], 2)])).Message);
        Assert.Equal(new Shape(2, 2), tf.Stack([a, a], -2).Shape);
    }

    [Fact]
    public void SliceBoxes()
    {
        var x = Iota(3, 4);
        Expect.Values(tf.Slice(x, [1, 1], [2, 2]), [2, 2], [5, 6, 9, 10]);
        Expect.Values(tf.Slice(x, [0, 2], [-1, -1]), [3, 2], [2, 3, 6, 7, 10, 11]);
        Expect.Values(tf.Slice(x, [2, 0], [1, 4]), [1, 4], [8, 9, 10, 11]);
        Expect.Values(tf.Slice(x, [1, 0], [0, 4]), [0, 4], []);
        Expect.Values(tf.Slice(Iota(2, 3, 4), [1, 1, 2], [1, 2, -1]), [1, 2, 2], [18, 19, 22, 23]);
    }

    [Fact]
    public void PadWithZeros()
    {
        var y = tf.Pad(F32([1, 2, 3, 4], 2, 2), new int[,] { { 1, 0 }, { 0, 2 } });
        Expect.Values(y, [3, 4], [0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0]);
        Expect.Values(tf.Pad(F32([7], 1), new int[,] { { 2, 1 } }), [4], [0, 0, 7, 0]);
        Assert.Equal([0, 5, 0], tf.Pad(I32([5], 1), new int[,] { { 1, 1 } }).ToArray<int>());
    }

    [Fact]
    public void GatherRowsAndColumns()
    {
        var x = Iota(3, 4);
        Expect.Values(tf.Gather(x, I32([2, 0, 2], 3)), [3, 4], [8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11]);
        Expect.Values(tf.Gather(x, I32([3, 1], 2), axis: 1), [3, 2], [3, 1, 7, 5, 11, 9]);
        Expect.Values(tf.Gather(x, I32([1, 3], 2), axis: -1), [3, 2], [1, 3, 5, 7, 9, 11]);
        // Indices of any shape: the output takes their shape in place of the gathered axis.
        Expect.Values(tf.Gather(x, I32([0, 1, 2, 1], 2, 2)), [2, 2, 4],
            [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 4, 5, 6, 7]);
        Expect.Values(tf.Gather(x, tf.Constant(1L)), [4], [4, 5, 6, 7]);
        Expect.Values(tf.Gather(x, tf.Constant(new long[] { 2 })), [1, 4], [8, 9, 10, 11]);
    }

    [Fact]
    public void StopGradientKeepsTheValues()
    {
        var x = F32([1, -2], 2);
        Expect.Values(tf.StopGradient(x), [2], [1, -2]);
    }

    [Fact]
    public void CastBetweenDTypes()
    {
        var f = F32([1.7f, -1.7f, 0, 2.5f], 4);
        Assert.Equal([1, -1, 0, 2], tf.Cast(f, DType.Int32).ToArray<int>()); // truncates toward zero
        Assert.Equal([1L, -1L, 0L, 2L], tf.Cast(f, DType.Int64).ToArray<long>());
        Assert.Equal([true, true, false, true], tf.Cast(f, DType.Bool).ToArray<bool>());
        Assert.Equal([1.0, 0.0], tf.Cast(tf.Constant(new[] { true, false }), DType.Float64).ToArray<double>());
        Assert.Equal([3f, -4f], tf.Cast(I32([3, -4], 2), DType.Float32).ToArray<float>());
        Assert.Equal(DType.Float64, tf.Cast(f, DType.Float64).DType);
        Assert.Equal((double)1.7f, tf.Cast(f, DType.Float64).ToArray<double>()[0]);
    }

    [Fact]
    public void WhereSelectsAndBroadcasts()
    {
        var cond = tf.Constant(new[] { true, false, true });
        Expect.Values(tf.Where(cond, F32([1, 2, 3], 3), F32([10, 20, 30], 3)), [3], [1, 20, 3]);
        // A row condition against a matrix, and a literal for y.
        var m = Iota(2, 3);
        Expect.Values(tf.Where(cond, m, 0), [2, 3], [0, 0, 2, 3, 0, 5]);
        // A column condition.
        var col = tf.Constant(new bool[,] { { true }, { false } });
        Expect.Values(tf.Where(col, m, -1), [2, 3], [0, 1, 2, -1, -1, -1]);
        Expect.Values(tf.Where(tf.Greater(m, 2), m, tf.Negative(m)), [2, 3], [0, -1, -2, 3, 4, 5]);
    }

    [Fact]
    public void BroadcastToRepeats()
    {
        Expect.Values(tf.BroadcastTo(F32([1, 2, 3], 3), [2, 3]), [2, 3], [1, 2, 3, 1, 2, 3]);
        Expect.Values(tf.BroadcastTo(F32([1, 2], 2, 1), [2, 3]), [2, 3], [1, 1, 1, 2, 2, 2]);
        Expect.Values(tf.BroadcastTo(tf.Constant(4f), [2, 2]), [2, 2], [4, 4, 4, 4]);
        Expect.Values(tf.BroadcastTo(F32([1, 2], 1, 2, 1), [2, 2, 2]), [2, 2, 2], [1, 1, 2, 2, 1, 1, 2, 2]);
    }

    [Fact]
    public void OneHotRowsAndOutOfRange()
    {
        var y = tf.OneHot(I32([0, 2, 5, -1], 4), 3);
        Assert.Equal(DType.Float32, y.DType);
        Expect.Values(y, [4, 3], [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
        var z = tf.OneHot(I32([1, 0, 2, 1], 2, 2), 3, onValue: 5, offValue: -1, dtype: DType.Int32);
        Assert.Equal(new Shape(2, 2, 3), z.Shape);
        Assert.Equal([-1, 5, -1, 5, -1, -1, -1, -1, 5, -1, 5, -1], z.ToArray<int>());
    }

    [Fact]
    public void EmptyTensorsFlowThroughOps()
    {
        static Tensor Z(params int[] s) => tf.Zeros(new Shape(s));
        Assert.Equal(new Shape(0, 3), tf.Softmax(Z(0, 3)).Shape);
        Assert.Equal(0f, tf.ReduceSum(Z(0)).Item<float>());
        Assert.Equal(new Shape(3), tf.ReduceSum(Z(0, 3), 0).Shape);
        Assert.Equal(new Shape(0, 2), tf.MatMul(Z(0, 3), Z(3, 2)).Shape);
        Assert.Equal(new Shape(3, 0), tf.Transpose(Z(0, 3)).Shape);
        Assert.Equal(new Shape(0, 3), tf.Add(Z(0, 3), Z(1, 3)).Shape);
        Assert.Equal(new Shape(2, 3), tf.Concat([Z(0, 3), Z(2, 3)], 0).Shape);
        Assert.Equal(new Shape(0, 4), tf.Gather(Z(3, 4), tf.Constant(new int[0])).Shape);
        Assert.Equal(new Shape(4, 0), tf.BroadcastTo(Z(1, 0), [4, 0]).Shape);
        Assert.Equal(new Shape(3, 0), tf.OneHot(tf.Constant(new[] { 1, 2, 3 }), 0).Shape);
        Assert.Equal(new Shape(0), tf.ArgMax(Z(0, 3), 1).Shape);
        Assert.Empty(tf.Unstack(Z(0, 3)));
        var x = tf.Variable(Z(2, 0));
        using var tape = new GradientTape();
        var y = tf.ReduceSum(tf.MatMul(x, Z(0, 3)));
        Assert.Equal(new Shape(2, 0), tape.Gradient(y, x)!.Shape);
    }

    [Fact]
    public void TransposeMatchesReferenceForEveryPermOfRank4()
    {
        int[] dims = [2, 3, 1, 4];
        var x = Iota(dims);
        var v = Expect.Doubles(x);
        foreach (var perm in Permutations([0, 1, 2, 3]))
        {
            var outDims = perm.Select(p => dims[p]).ToArray();
            var expected = new double[v.Length];
            var idx = new int[4];
            for (int o = 0; o < v.Length; o++)
            {
                // Unravel o in the output, map back to the input index.
                for (int d = 3, rem = o; d >= 0; d--) { idx[perm[d]] = rem % outDims[d]; rem /= outDims[d]; }
                expected[o] = v[((idx[0] * dims[1] + idx[1]) * dims[2] + idx[2]) * dims[3] + idx[3]];
            }
            Expect.Values(tf.Transpose(x, perm), outDims, expected, 0);
        }
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1) { yield return items; yield break; }
        for (int i = 0; i < items.Length; i++)
            foreach (var rest in Permutations(items.Where((_, j) => j != i).ToArray()))
                yield return [items[i], .. rest];
    }

    // ----- gradients -----

    [Fact]
    public void ShapeOpGradients()
    {
        Check((Tensor[] x) => tf.Transpose(x[0]), Rand(91, [2, 3]));
        Check((Tensor[] x) => tf.Transpose(x[0], [1, 2, 0]), Rand(92, [2, 3, 2]));
        Check((Tensor[] x) => tf.Reshape(x[0], [3, -1]), Rand(93, [2, 3]));
        Check((Tensor[] x) => tf.ExpandDims(x[0], 1), Rand(94, [2, 3]));
        Check((Tensor[] x) => tf.Squeeze(x[0]), Rand(95, [2, 1, 3]));
        Check((Tensor[] x) => tf.BroadcastTo(x[0], [2, 3]), Rand(96, [3]));
        Check((Tensor[] x) => tf.BroadcastTo(x[0], [2, 2, 3]), Rand(97, [2, 1, 1]));
    }

    [Fact]
    public void ConcatStackUnstackGradients()
    {
        Check(x => tf.Concat([x[0], x[1]], 0), Rand(101, [1, 3]), Rand(102, [2, 3]));
        Check(x => tf.Concat([x[0], x[1], x[0]], 1), Rand(103, [2, 1]), Rand(104, [2, 3]));
        Check(x => tf.Stack([x[0], x[1]], 1), Rand(105, [2, 3]), Rand(106, [2, 3]));
        Check((Tensor[] x) =>
        {
            var parts = tf.Unstack(x[0], axis: 1);
            return tf.Add(tf.Multiply(parts[0], 3.0), tf.Multiply(parts[2], parts[1]));
        }, Rand(108, [2, 3]));
    }

    [Fact]
    public void SlicePadGatherGradients()
    {
        Check((Tensor[] x) => tf.Slice(x[0], [1, 0], [2, -1]), Rand(111, [3, 4]));
        Check((Tensor[] x) => tf.Slice(x[0], [0, 1, 1], [2, 1, 2]), Rand(112, [2, 3, 3]));
        Check((Tensor[] x) => tf.Pad(x[0], new int[,] { { 1, 2 }, { 0, 1 } }), Rand(113, [2, 3]));
        // Repeated indices: their gradients add up.
        Check((Tensor[] x) => tf.Gather(x[0], I32([2, 0, 2, 2], 4)), Rand(114, [3, 2]));
        Check((Tensor[] x) => tf.Gather(x[0], I32([1, 1, 0], 3), axis: 1), Rand(115, [2, 3, 2]));
        Check((Tensor[] x) => tf.Gather(x[0], I32([0, 2, 1, 0], 2, 2), axis: -1), Rand(116, [2, 3]));
    }

    [Fact]
    public void GatherGradientCountsRepeats()
    {
        var x = F64([1, 2, 3], 3);
        using var tape = new GradientTape();
        tape.Watch(x);
        var g = tape.Gradient(tf.Gather(x, I32([2, 2, 0], 3)), x)!;
        Assert.Equal([1.0, 0.0, 2.0], g.ToArray<double>());
    }

    [Fact]
    public void WhereGradients()
    {
        var cond = tf.Constant(new[] { true, false, true });
        Check(x => tf.Where(cond, x[0], x[1]), Rand(121, [2, 3]), Rand(122, [2, 3]));
        Check(x => tf.Where(cond, x[0], x[1]), Rand(123, [2, 3]), Rand(124, [3]));
        Check(x => tf.Where(tf.Constant(new bool[,] { { true }, { false } }), x[0], x[1]), Rand(125, [2, 3]), Rand(126, []));
    }

    [Fact]
    public void CastGradientFlowsBetweenFloatTypes()
    {
        var x = F64([1.5, -2], 2);
        using var tape = new GradientTape();
        tape.Watch(x);
        var y = tf.Multiply(tf.Cast(x, DType.Float32), tf.Constant(new float[] { 3, 5 }));
        var g = tape.Gradient(y, x)!;
        Assert.Equal(DType.Float64, g.DType);
        Assert.Equal([3.0, 5.0], g.ToArray<double>());
        // Through an integer cast there is no gradient.
        using var tape2 = new GradientTape();
        tape2.Watch(x);
        var z = tf.Cast(tf.Cast(x, DType.Int32), DType.Float64);
        Assert.Null(tape2.Gradient(z, x));
    }

    [Fact]
    public void SecondOrderArrayOps()
    {
        CheckSecondOrder(x => tf.Square(tf.Transpose(x)), Rand(131, [2, 3]));
        CheckSecondOrder(x => tf.Exp(tf.Slice(x, [1], [2])), Rand(132, [4]));
        CheckSecondOrder(x => tf.Square(tf.Gather(x, I32([0, 0, 2], 3))), Rand(133, [3]));
        CheckSecondOrder(x => tf.Square(tf.Concat([x, tf.Reshape(x, [1, -1])], 0)), Rand(134, [1, 3]));
        var cond = tf.Constant(new[] { true, false, true });
        CheckSecondOrder(x => tf.Where(cond, tf.Square(x), tf.Exp(x)), Rand(135, [3]));
        CheckSecondOrder(x => tf.Square(tf.Pad(x, new int[,] { { 1, 1 } })), Rand(136, [2]));
    }
}
