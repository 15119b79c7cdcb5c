namespace Strata.Tests.Ops;

/// <summary>tf.bitwise on int32/int64/uint8 (TensorFlow's clamped shifts, arithmetic right shift), integer Pow (exact,
/// wrapping; negative exponents refused as TensorFlow does) and integer MatMul.</summary>
public class BitwiseIntegerOpsTests
{
    [Fact]
    public void AndOrXorInvert()
    {
        var a = tf.Constant(new[] { 0, 5, 3, -1 });
        var b = tf.Constant(new[] { 0, 3, 6, 12 });
        Assert.Equal(new[] { 0, 1, 2, 12 }, tf.BitwiseAnd(a, b).ToArray<int>());
        Assert.Equal(new[] { 0, 7, 7, -1 }, tf.BitwiseOr(a, b).ToArray<int>());
        Assert.Equal(new[] { 0, 6, 5, -13 }, tf.BitwiseXor(a, b).ToArray<int>());
        Assert.Equal(new[] { -1, -6, -4, 0 }, tf.Invert(a).ToArray<int>());
        Assert.Equal(new byte[] { 255, 250 }, tf.bitwise.Invert(tf.Constant(new byte[] { 0, 5 })).ToArray<byte>());
        Assert.Equal(new[] { 4L, 1L }, tf.bitwise.BitwiseAnd(tf.Constant(new[] { 6L, 3L }), 5).ToArray<long>()); // weak literal
        // broadcasting
        var m = tf.BitwiseOr(tf.Constant(new[,] { { 1 }, { 2 } }), tf.Constant(new[] { 4, 8 }));
        Assert.Equal(new Shape(2, 2), m.Shape);
        Assert.Equal(new[] { 5, 9, 6, 10 }, m.ToArray<int>());
        Assert.Equal(new Shape(0), tf.BitwiseAnd(tf.Zeros([0], DType.Int32), tf.Zeros([0], DType.Int32)).Shape);
    }

    [Fact]
    public void ShiftsClampTheCountAsTensorFlow()
    {
        var x = tf.Constant(new[] { 1, -8, 1, 1, -8 });
        var s = tf.Constant(new[] { 3, 1, 31, 40, 40 });
        Assert.Equal(new[] { 8, -16, int.MinValue, int.MinValue, 0 }, tf.LeftShift(x, s).ToArray<int>());
        Assert.Equal(new[] { 0, -4, 0, 0, -1 }, tf.RightShift(x, s).ToArray<int>()); // arithmetic: the sign fills
        Assert.Equal(new[] { 1, -8 }, tf.LeftShift(tf.Constant(new[] { 1, -8 }), tf.Constant(new[] { -1, -5 })).ToArray<int>());
        Assert.Equal(new byte[] { 128, 64 }, tf.LeftShift(tf.Constant(new byte[] { 1, 1 }), tf.Constant(new byte[] { 7, 6 })).ToArray<byte>());
        Assert.Equal(new byte[] { 1 }, tf.RightShift(tf.Constant(new byte[] { 255 }), tf.Constant(new byte[] { 9 })).ToArray<byte>());
        Assert.Equal(new[] { 1L << 40 }, tf.LeftShift(tf.Constant(new[] { 1L }), tf.Constant(new[] { 40L })).ToArray<long>());
    }

    [Fact]
    public void BitwiseRefusesFloatsAndBool()
    {
        var e = Assert.Throws<UnsupportedDTypeError>(() => tf.BitwiseAnd(tf.Ones([2, 2]), tf.Ones([2, 2])));
        Assert.Contains("BitwiseAnd", e.Message);
        Assert.Contains("float32", e.Message);
        Assert.Contains("(2, 2)", e.Message);
        Assert.Throws<UnsupportedDTypeError>(() => tf.Invert(tf.Constant(new[] { true })));
        Assert.Throws<InvalidArgumentError>(() => tf.BitwiseXor(tf.Constant(new[] { 1 }), tf.Constant(new[] { 1L })));
        Assert.Throws<InvalidArgumentError>(() => tf.LeftShift(tf.Constant(new[] { 1, 2 }), tf.Constant(new[] { 1, 2, 3 })));
    }

    [Fact]
    public void IntegerPowIsExactAndWraps()
    {
        var x = tf.Constant(new[] { 2, -3, 0, 0, 7, 2 });
        var y = tf.Constant(new[] { 10, 3, 0, 5, 1, 31 });
        var z = tf.Pow(x, y);
        Assert.Equal(DType.Int32, z.DType);
        Assert.Equal(new[] { 1024, -27, 1, 0, 7, int.MinValue }, z.ToArray<int>());
        Assert.Equal(new[] { 1L << 62, 3486784401L }, tf.Pow(tf.Constant(new[] { 2L, 3L }), tf.Constant(new[] { 62L, 20L })).ToArray<long>());
        Assert.Equal(new[] { 1, 4, 9 }, tf.Pow(tf.Constant(new[] { 1, 2, 3 }), 2).ToArray<int>()); // a weak exponent
        Assert.Equal(new[] { 8, 16 }, tf.math.Pow(2, tf.Constant(new[] { 3, 4 })).ToArray<int>());
    }

    [Fact]
    public void IntegerPowRefusesNegativeExponentsAsTensorFlow()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => tf.Pow(tf.Constant(new[] { 2, 3 }), tf.Constant(new[] { 1, -1 })));
        Assert.Contains("Pow", e.Message);
        Assert.Contains("Integers to negative integer powers are not allowed", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Throws<UnsupportedDTypeError>(() => tf.Pow(tf.Constant(new byte[] { 2 }), tf.Constant(new byte[] { 2 })));
        // Floats still take negative exponents.
        Assert.Equal(0.5f, tf.Pow(tf.Constant(2f), -1).Item<float>());
    }

    [Fact]
    public void IntegerMatMulMatchesTheSchoolbookProduct()
    {
        var a = tf.Constant(new[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var b = tf.Constant(new[,] { { 7, 8 }, { 9, 10 }, { 11, 12 } });
        var c = tf.MatMul(a, b);
        Assert.Equal(DType.Int32, c.DType);
        Assert.Equal(new[] { 58, 64, 139, 154 }, c.ToArray<int>());
        Assert.Equal(tf.MatMul(b, a, transposeA: true, transposeB: true).ToArray<int>(), tf.Transpose(c).ToArray<int>());
        Assert.Equal(new[] { 58L, 64L, 139L, 154L }, tf.linalg.MatMul(tf.Cast(a, DType.Int64), tf.Cast(b, DType.Int64)).ToArray<long>());
        // batched with broadcasting, int64
        var ab = tf.Reshape(tf.Range(0, 12, dtype: DType.Int64), [2, 2, 3]);
        var bb = tf.Cast(b, DType.Int64);
        var cb = tf.MatMul(ab, bb);
        Assert.Equal(new Shape(2, 2, 2), cb.Shape);
        var fl = tf.MatMul(tf.Cast(ab, DType.Float64), tf.Cast(bb, DType.Float64)).ToArray<double>();
        Assert.Equal(fl.Select(v => (long)v).ToArray(), cb.ToArray<long>());
        // wraps as int32 arithmetic does
        Assert.Equal(new[] { int.MinValue }, tf.MatMul(tf.Constant(new[,] { { 65536 } }), tf.Constant(new[,] { { 32768 } })).ToArray<int>());
        Assert.Equal(new Shape(2, 0), tf.MatMul(tf.Zeros([2, 3], DType.Int32), tf.Zeros([3, 0], DType.Int32)).Shape);
        Assert.Equal(new[] { 0, 0 }, tf.MatMul(tf.Zeros([2, 0], DType.Int32), tf.Zeros([0, 1], DType.Int32)).ToArray<int>());
        var e = Assert.Throws<UnsupportedDTypeError>(() => tf.MatMul(tf.Zeros([2, 2], DType.UInt8), tf.Zeros([2, 2], DType.UInt8)));
        Assert.Contains("MatMul", e.Message);
        Assert.Throws<InvalidArgumentError>(() => tf.MatMul(tf.Zeros([2, 3], DType.Int32), tf.Zeros([2, 3], DType.Int32)));
    }

    [Fact]
    public void IntegerMatMulAndPowHaveNoGradientAndDoNotBreakTapes()
    {
        var a = tf.Constant(new[,] { { 1, 2 } });
        using var tape = new GradientTape();
        tape.Watch(a);
        var c = tf.MatMul(a, tf.Constant(new[,] { { 1 }, { 1 } }));
        var p = tf.Pow(a, 2);
        Assert.Null(tape.Gradient(tf.ReduceSum(c), a));
    }
}
