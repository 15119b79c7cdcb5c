namespace Strata.Tests.Ops;

public class CreationOpsTests
{
    [Fact]
    public void ZerosOnesFill()
    {
        var z = tf.Zeros([2, 3]);
        Assert.Equal(DType.Float32, z.DType);
        Expect.Values(z, [2, 3], new double[6]);
        var o = tf.Ones([3], DType.Int64);
        Assert.Equal([1L, 1L, 1L], o.ToArray<long>());
        Expect.Values(tf.Fill([2, 2], 7.5), [2, 2], [7.5, 7.5, 7.5, 7.5]);
        Assert.Equal(DType.Float32, tf.Fill([1], 7.5).DType);
        Assert.Equal([3, 3], tf.Fill([2], 3).ToArray<int>());
        Expect.Values(tf.ZerosLike(tf.Ones([2], DType.Float64)), [2], [0, 0]);
        Assert.Equal(DType.Float64, tf.OnesLike(tf.Zeros([2], DType.Float64)).DType);
        Expect.Values(tf.Ones(Shape.Scalar), [], [1]);
    }

    [Fact]
    public void RangeLikeTensorFlow()
    {
        var r = tf.Range(5);
        Assert.Equal(DType.Int32, r.DType);
        Assert.Equal([0, 1, 2, 3, 4], r.ToArray<int>());
        Assert.Equal([2, 5, 8], tf.Range(2, 10, 3).ToArray<int>());
        Assert.Equal([5, 4, 3, 2, 1], tf.Range(5, 0, -1).ToArray<int>());
        Assert.Empty(tf.Range(3, 3).ToArray<int>());
        Expect.Values(tf.Range(0, 1, 0.25, DType.Float32), [4], [0, 0.25, 0.5, 0.75]);
        // Fractional arguments make a float32 range, as tf.range(0, 1, 0.25) does; they are not truncated to ints.
        var f = tf.Range(0, 1, 0.25);
        Assert.Equal(DType.Float32, f.DType);
        Expect.Values(f, [4], [0, 0.25, 0.5, 0.75]);
        Expect.Values(tf.Range(1.5), [2], [0, 1]);
        Assert.Equal(DType.Float32, tf.Range(1.5).DType);
        Assert.Equal([0L, 2L], tf.Range(0, 4, 2, DType.Int64).ToArray<long>());
    }

    [Fact]
    public void LinspaceIncludesBothEnds()
    {
        var l = tf.Linspace(0, 1, 5);
        Assert.Equal(DType.Float32, l.DType);
        Expect.Values(l, [5], [0, 0.25, 0.5, 0.75, 1]);
        Expect.Values(tf.Linspace(-1, 1, 3, DType.Float64), [3], [-1, 0, 1]);
        Expect.Values(tf.Linspace(3, 9, 1), [1], [3]);
    }

    [Fact]
    public void ConstantFromScalars()
    {
        var f = tf.Constant(2.5f);
        Assert.Equal(DType.Float32, f.DType);
        Assert.Equal(Shape.Scalar, f.Shape);
        Assert.Equal(2.5f, f.Item<float>());
        Assert.Equal(DType.Float32, tf.Constant(2.5).DType); // a C# double becomes float32, as a Python float does
        Assert.Equal(DType.Float64, tf.Constant(0.1, dtype: DType.Float64).DType);
        Assert.Equal(0.1, tf.Constant(0.1, dtype: DType.Float64).Item<double>()); // no trip through float
        Assert.Equal(DType.Int32, tf.Constant(3).DType);
        Assert.Equal(DType.Int64, tf.Constant(3L).DType);
        Assert.Equal(DType.Bool, tf.Constant(true).DType);
        Assert.Equal(3f, tf.Constant(3, dtype: DType.Float32).Item<float>());
        Expect.Values(tf.Constant(4f, shape: new Shape(2, 2)), [2, 2], [4, 4, 4, 4]);
    }

    [Fact]
    public void ConstantFromFlatArrayWithShape()
    {
        var t = tf.Constant(new float[] { 1, 2, 3, 4, 5, 6 }, shape: new Shape(2, 3));
        Expect.Values(t, [2, 3], [1, 2, 3, 4, 5, 6]);
        Assert.Equal(new Shape(3), tf.Constant(new[] { 1, 2, 3 }).Shape);
        Assert.Equal(DType.Int32, tf.Constant(new[] { 1, 2, 3 }).DType);
        Assert.Equal(DType.Float32, tf.Constant(new[] { 1.0, 2.0 }).DType);
        Assert.Equal([0.1, 0.2], tf.Constant(new[] { 0.1, 0.2 }, dtype: DType.Float64).ToArray<double>());
        Assert.Equal([1f, 2f], tf.Constant(new[] { 1, 2 }, dtype: DType.Float32).ToArray<float>());
        Assert.Throws<InvalidArgumentError>(() => tf.Constant(new float[] { 1, 2, 3 }, shape: new Shape(2, 2)));
    }

    [Fact]
    public void ConstantFromMultiDimensionalArrays()
    {
        var t = tf.Constant(new float[,] { { 1, 2 } }, shape: [1, 2]);
        Assert.Equal(new Shape(1, 2), t.Shape);
        Assert.Equal([1f, 2f], t.ToArray<float>());
        var m = tf.Constant(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal(DType.Float32, m.DType);
        Expect.Values(m, [2, 3], [1, 2, 3, 4, 5, 6]);
        var c = tf.Constant(new int[,,] { { { 1 }, { 2 } }, { { 3 }, { 4 } } });
        Assert.Equal(new Shape(2, 2, 1), c.Shape);
        Assert.Equal([1, 2, 3, 4], c.ToArray<int>());
        var b = tf.Constant(new bool[,] { { true, false }, { false, true } });
        Assert.Equal([true, false, false, true], b.ToArray<bool>());
        // Reshaped by a matching shape.
        Expect.Values(tf.Constant(new float[,] { { 1, 2 }, { 3, 4 } }, shape: [4]), [4], [1, 2, 3, 4]);
    }

    [Fact]
    public void ConstantFromTensorsAndFromNDArray()
    {
        var s = tf.Constant(new Tensor[] { tf.Constant(new float[] { 1, 2 }), tf.Constant(new float[] { 3, 4 }) });
        Expect.Values(s, [2, 2], [1, 2, 3, 4]);
        var back = tf.Constant(s.Numpy());
        Expect.Values(back, [2, 2], [1, 2, 3, 4]);
        Assert.Equal(DType.Int32, tf.Constant(s.Numpy(), DType.Int32).DType);
    }

    [Fact]
    public void VariableAssignAndUpdates()
    {
        var v = tf.Variable(tf.Constant(new float[] { 1, 2 }));
        Assert.True(v.Trainable);
        v.Assign(tf.Constant(new float[] { 5, 6 }));
        Assert.Equal([5f, 6f], v.ToArray<float>());
        v.AssignAdd(tf.Constant(new float[] { 1, 1 }));
        Assert.Equal([6f, 7f], v.ToArray<float>());
        v.AssignSub(tf.Constant(new float[] { 0.5f, 2 }));
        Assert.Equal([5.5f, 5f], v.ToArray<float>());
        v.AssignAdd(1); // a literal spreads over the shape
        Assert.Equal([6.5f, 6f], v.ToArray<float>());
        v.Assign(0);
        Assert.Equal([0f, 0f], v.ToArray<float>());

        var n = tf.Variable(tf.Constant(new[] { 1, 2 }), trainable: false);
        n.AssignSub(tf.Constant(new[] { 3, 3 }));
        Assert.Equal([-2, -1], n.ToArray<int>());
        Assert.False(n.Trainable);
        Assert.Equal(DType.Float64, tf.Variable(1f, dtype: DType.Float64).DType);

        // Literals follow the same rules as in tf.Add: exact in float64, no silently dropped fraction.
        var d = tf.Variable(tf.Zeros([1], DType.Float64));
        d.Assign(0.1);
        Assert.Equal([0.1], d.ToArray<double>());
        d.AssignAdd(0.2);
        Assert.Equal([0.1 + 0.2], d.ToArray<double>());
        Assert.Throws<InvalidArgumentError>(() => n.AssignAdd(2.5));
        n.AssignAdd(2.0);
        Assert.Equal([0, 1], n.ToArray<int>());
    }

    [Fact]
    public void VariableCopiesItsInitialValueAndValueSnapshots()
    {
        var init = tf.Constant(new float[] { 1, 2 });
        var v = tf.Variable(init);
        var before = v.Value();
        v.Assign(tf.Constant(new float[] { 9, 9 }));
        Assert.Equal([1f, 2f], init.ToArray<float>());
        Assert.Equal([1f, 2f], before.ToArray<float>());
    }

    [Fact]
    public void OpsOnAVariableDoNotAliasIt()
    {
        // A tensor made from a variable is a value: assigning to the variable later must not change it.
        var v = tf.Variable(tf.Constant(new float[] { 1, 2 }));
        var results = new[]
        {
            tf.Reshape(v, [2]), tf.StopGradient(v), tf.Identity(v), tf.Cast(v, DType.Float32),
            tf.BroadcastTo(v, [2]), tf.ReduceSum(v, Array.Empty<int>()), tf.ExpandDims(v, 0), v * 1,
        };
        var numpy = v.Numpy();
        v.Assign(tf.Constant(new float[] { 7, 8 }));
        foreach (var r in results)
        {
            Assert.IsNotType<Variable>(r);
            Assert.Equal([1f, 2f], r.ToArray<float>());
        }
        Assert.Equal([1f, 2f], numpy.ToArray<float>());
    }

    [Fact]
    public void NumpyIndexingAndItem()
    {
        var t = tf.Constant(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var a = t.Numpy();
        Assert.Equal(new Shape(2, 3), a.Shape);
        Assert.Equal(DType.Float32, a.DType);
        Assert.Equal([4f, 5f, 6f], a[1].ToArray<float>());
        Assert.Equal([4f, 5f, 6f], a[-1].ToArray<float>());
        Assert.Equal(new Shape(3), a[0].Shape);
        Assert.Equal(3f, a[0][2].Item<float>());
        Assert.Equal(5f, (float)a[1][1]);
        Assert.Equal(5.0, (double)a[1][1]);
        Assert.Equal(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }, (float[,])a.ToMultiDimArray());
        Assert.Throws<OutOfRangeError>(() => a[2]);
        Assert.Throws<OutOfRangeError>(() => a[-3]);
        Assert.Throws<InvalidArgumentError>(() => a[0][0][0]);
        Assert.Throws<InvalidArgumentError>(() => a.Item<float>());
        Assert.Equal(7L, tf.Constant(7L).Numpy().Item<long>());
        Assert.Equal(2.5f, tf.Constant(2.5f).Item<float>());
    }

    [Fact]
    public void ItemConversionsTruncateAndTestTruthLikePython()
    {
        // int(np.float32(2.7)) == 2, int(-2.7) == -2, bool(0.5) is True.
        var a = tf.Constant(new[] { 2.7f, -2.7f, 0.5f, 0f }).Numpy();
        Assert.Equal(2, (int)a[0]);
        Assert.Equal(-2, (int)a[1]);
        Assert.Equal(2L, a[0].Item<long>());
        Assert.True((bool)a[2]);
        Assert.True(a[2].Item<bool>());
        Assert.False((bool)a[3]);
        Assert.True((bool)tf.Constant(true).Numpy());
        Assert.Equal(1, tf.Constant(true).Item<int>());
    }

    [Fact]
    public void NumpyIsACopy()
    {
        var t = tf.Constant(new float[] { 1, 2 });
        var a = t.Numpy();
        var flat = a.ToArray<float>();
        flat[0] = 100;
        Assert.Equal([1f, 2f], t.ToArray<float>());
        Assert.Equal([1f, 2f], a.ToArray<float>());
        Assert.Throws<InvalidArgumentError>(() => a.ToArray<double>());
        Assert.Throws<InvalidArgumentError>(() => t.ToArray<int>());
    }
}
