using Strata.Data;

namespace Strata.Tests.Hardening;

/// <summary>The code paths that replaced reflection for trimming and NativeAOT (IsAotCompatible): typed arrays of a
/// dtype, multi-dimensional arrays by static array type, tuples of dataset elements. Here under the JIT; the NativeAOT
/// build of samples/Lab1 runs them natively (scripts/ci-aot.sh).</summary>
public class AotPathsTests
{
    [Theory]
    [InlineData(DType.Float32, typeof(float[]))]
    [InlineData(DType.Float64, typeof(double[]))]
    [InlineData(DType.Int32, typeof(int[]))]
    [InlineData(DType.Int64, typeof(long[]))]
    [InlineData(DType.Bool, typeof(bool[]))]
    [InlineData(DType.UInt8, typeof(byte[]))]
    public void NewArrayHasTheDTypesElementType(DType dtype, Type expected)
    {
        var a = dtype.NewArray(3);
        Assert.IsType(expected, a);
        Assert.Equal(3, a.Length);
    }

    [Fact]
    public void MultiDimArraysOfEveryStaticRankAndBeyond()
    {
        for (int rank = 1; rank <= MultiDim.MaxStaticRank + 1; rank++)
        {
            var dims = Enumerable.Range(0, rank).Select(i => i % 3 + 1).ToArray();
            var t = tf.Reshape(tf.Range(0, dims.Aggregate(1, (p, d) => p * d)), dims);
            var a = t.Numpy().ToMultiDimArray();
            Assert.Equal(rank, a.Rank);
            Assert.Equal(typeof(int), a.GetType().GetElementType());
            for (int d = 0; d < rank; d++) Assert.Equal(dims[d], a.GetLength(d));
            var flat = new int[a.Length];
            Buffer.BlockCopy(a, 0, flat, 0, a.Length * sizeof(int));
            Assert.Equal(t.ToArray<int>(), flat);   // row-major, as the tensor
        }
        Assert.Equal(new float[,] { { 1, 2 } }, (float[,])tf.Constant(new[,] { { 1f, 2f } }).Numpy().ToMultiDimArray());
    }

    [Fact]
    public void TuplesOfEveryShapeBatchAndUnbatch()
    {
        var x = tf.Reshape(tf.Range(0f, 12f), [6, 2]);
        var y = tf.Range(0L, 6L);
        var triples = tf.data.Dataset.FromTensorSlices((x, y, x)).Batch(4).ToList();
        Assert.Equal([4, 2], triples.Select(t => t.Item1.Shape[0]));
        var nested = tf.data.Dataset.FromTensorSlices((x, (y, x))).Batch(4).Unbatch().ToList();
        Assert.Equal(6, nested.Count);
        Assert.Equal(5L, nested[5].Item2.Item1.Item<long>());
        var single = tf.data.Dataset.FromTensorSlices(ValueTuple.Create(y)).Batch(6).ToList();
        Assert.Equal(new Shape(6), single[0].Item1.Shape);
        var four = tf.data.Dataset.FromTensorSlices((x, y, x, y)).Batch(3).ToList();
        Assert.Equal(new Shape(3), four[1].Item4.Shape);
    }
}
