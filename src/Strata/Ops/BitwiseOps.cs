#pragma warning disable CS8981
using Strata.Kernels;

namespace Strata;

public static partial class tf
{
    // tf.bitwise: and, or, xor, invert, left_shift, right_shift on int32, int64 and uint8, broadcasting. Shifts clamp
    // the shift count to [0, bits - 1] as TensorFlow's kernels do; right_shift is arithmetic on signed types. No
    // gradients (integers), as in TensorFlow.

    private static Tensor Bitwise<TOp>(string op, Tensor x, Tensor y) where TOp : IIntegerBinary
    {
        Unify(op, ref x, ref y);
        RequireInteger(x, op);
        return Elementwise.Binary<IntegerBinary<TOp>>(x, y, BroadcastPlan.OutputShape(x.Shape, y.Shape, op));
    }

    private static void RequireInteger(Tensor x, string op)
    {
        NotNull(x, op, "x");
        if (x.DType is not (DType.Int32 or DType.Int64 or DType.UInt8))
            throw new UnsupportedDTypeError($"{op}: expected an integer tensor (int32, int64 or uint8), got {x.DType.Name()} with shape {x.Shape}.");
    }

    /// <summary>tf.bitwise.bitwise_and.</summary>
    public static Tensor BitwiseAnd(Tensor x, Tensor y) => Bitwise<BitAnd>("BitwiseAnd", x, y);

    /// <summary>tf.bitwise.bitwise_or.</summary>
    public static Tensor BitwiseOr(Tensor x, Tensor y) => Bitwise<BitOr>("BitwiseOr", x, y);

    /// <summary>tf.bitwise.bitwise_xor.</summary>
    public static Tensor BitwiseXor(Tensor x, Tensor y) => Bitwise<BitXor>("BitwiseXor", x, y);

    /// <summary>tf.bitwise.left_shift (the count clamped to [0, bits - 1]).</summary>
    public static Tensor LeftShift(Tensor x, Tensor y) => Bitwise<ShiftLeft>("LeftShift", x, y);

    /// <summary>tf.bitwise.right_shift (arithmetic on int32/int64; the count clamped to [0, bits - 1]).</summary>
    public static Tensor RightShift(Tensor x, Tensor y) => Bitwise<ShiftRight>("RightShift", x, y);

    /// <summary>tf.bitwise.invert: ~x.</summary>
    public static Tensor Invert(Tensor x)
    {
        RequireInteger(x, "Invert");
        return Elementwise.UnaryNumeric<InvertOp>(x);
    }

    /// <summary>TensorFlow's <c>tf.bitwise</c>: doors to the bitwise ops.</summary>
    public static class bitwise
    {
        /// <inheritdoc cref="tf.BitwiseAnd(Tensor, Tensor)"/>
        public static Tensor BitwiseAnd(Tensor x, Tensor y) => tf.BitwiseAnd(x, y);
        /// <inheritdoc cref="tf.BitwiseOr(Tensor, Tensor)"/>
        public static Tensor BitwiseOr(Tensor x, Tensor y) => tf.BitwiseOr(x, y);
        /// <inheritdoc cref="tf.BitwiseXor(Tensor, Tensor)"/>
        public static Tensor BitwiseXor(Tensor x, Tensor y) => tf.BitwiseXor(x, y);
        /// <inheritdoc cref="tf.Invert(Tensor)"/>
        public static Tensor Invert(Tensor x) => tf.Invert(x);
        /// <inheritdoc cref="tf.LeftShift(Tensor, Tensor)"/>
        public static Tensor LeftShift(Tensor x, Tensor y) => tf.LeftShift(x, y);
        /// <inheritdoc cref="tf.RightShift(Tensor, Tensor)"/>
        public static Tensor RightShift(Tensor x, Tensor y) => tf.RightShift(x, y);
    }
}

public static partial class tf
{
    /// <summary>Pow on int32/int64: x^y by squaring, wrapping; negative exponents are refused as TensorFlow does.</summary>
    private static Tensor IntegerPow(Tensor x, Tensor y)
    {
        var shape = BroadcastPlan.OutputShape(x.Shape, y.Shape, "Pow");
        bool negative = y.DType == DType.Int32 ? y.ToArray<int>().Any(v => v < 0) : y.ToArray<long>().Any(v => v < 0);
        if (negative)
            throw new InvalidArgumentError($"Pow: integers to negative integer powers are not allowed (x {x.DType.Name()} {x.Shape}, y {y.Shape}).");
        return Elementwise.Binary<IntegerBinary<IntPow>>(x, y, shape);
    }
}
