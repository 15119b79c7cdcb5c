#pragma warning disable CS8981
using Strata.Kernels;

namespace Strata;

// Division with TensorFlow's rounding rules, broadcasting like arithmetic. Integer division by zero is
// TensorFlow's InvalidArgumentError "Integer division by zero"; floats give inf/NaN as IEEE does.
public static partial class tf
{
    /// <summary>tf.math.floordiv: x / y rounded toward -inf (floor(x / y) for floats). No gradient, as in TensorFlow.</summary>
    public static Tensor FloorDiv(Tensor x, Tensor y) => Divided<ScalarBinaryOp<FloorDivFn>>("FloorDiv", ref x, ref y);

    /// <summary>tf.math.floormod: x - floordiv(x, y) * y; the result has the divisor's sign (Python's %).
    /// Gradient: dz for x, -floordiv(x, y) dz for y (TensorFlow's rule).</summary>
    public static Tensor FloorMod(Tensor x, Tensor y)
    {
        var z = Divided<ScalarBinaryOp<FloorModFn>>("FloorMod", ref x, ref y);
        if (GradientTape.IsRecording)
            RecordBinary("FloorMod", z, x, y,
                static (dz, x, _, _) => SumToShape(dz, x.Shape),
                static (dz, x, y, _) => SumToShape(Multiply(dz, Negative(FloorDiv(x, y))), y.Shape));
        return z;
    }

    /// <summary>tf.truncatediv: x / y rounded toward zero (C#'s integer division). No gradient.</summary>
    public static Tensor TruncateDiv(Tensor x, Tensor y) => Divided<ScalarBinaryOp<TruncateDivFn>>("TruncateDiv", ref x, ref y);

    /// <summary>tf.truncatemod: the remainder of <see cref="TruncateDiv"/>; it has the dividend's sign (C#'s %, fmod). No gradient.</summary>
    public static Tensor TruncateMod(Tensor x, Tensor y) => Divided<ScalarBinaryOp<TruncateModFn>>("TruncateMod", ref x, ref y);

    private static Tensor Divided<TOp>(string op, ref Tensor x, ref Tensor y) where TOp : IBinaryOp
    {
        Unify(op, ref x, ref y);
        RequireNumeric(x, op);
        var shape = BroadcastPlan.OutputShape(x.Shape, y.Shape, op);
        if (!x.DType.IsFloating && shape.Size > 0 && MaskKernels.HasZero(y.Buffer))
            throw new InvalidArgumentError($"{op}: Integer division by zero (x {x.Shape}, y {y.Shape} holds a 0).");
        return Elementwise.Binary<TOp>(x, y, shape);
    }
}
