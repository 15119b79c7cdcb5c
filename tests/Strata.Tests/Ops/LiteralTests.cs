namespace Strata.Tests.Ops;

/// <summary>C# literals become shared weak scalars (see Literals): sharing must never change a value.</summary>
public class LiteralTests
{
    [Fact]
    public void EveryDoubleLiteralKeepsItsOwnValueThroughTheSharedCache()
    {
        // Far more values than the cache has slots, each used twice: collisions must give fresh, correct tensors.
        var f64 = tf.Cast(tf.Constant(new double[] { 0 }), DType.Float64);
        for (int round = 0; round < 2; round++)
            for (int i = 0; i < 1000; i++)
            {
                double value = i * 0.001 - 0.3;
                Tensor literal = value;
                Assert.Equal((float)value, literal.ToArray<float>()[0]);
                Assert.Equal(value, tf.Add(f64, literal).ToArray<double>()[0]); // all digits, as a Python float
            }
    }

    [Fact]
    public void IntLiteralsInsideAndOutsideTheSharedRangeAdaptToTheOtherOperand()
    {
        var f32 = tf.Constant(new float[] { 0.5f });
        var f64 = tf.Cast(tf.Constant(new double[] { 0.5 }), DType.Float64);
        var i64 = tf.Constant(new long[] { 1 });
        foreach (int v in new[] { -100, -16, -1, 0, 2, 64, 65, 1 << 20 })
        {
            Assert.Equal(0.5f + v, (f32 + v).ToArray<float>()[0]);
            Assert.Equal(0.5 + v, (f64 + v).ToArray<double>()[0]);
            Assert.Equal(1L + v, (i64 + v).ToArray<long>()[0]);
            Assert.Equal(v, ((Tensor)v).ToArray<int>()[0]);
        }
    }
}
