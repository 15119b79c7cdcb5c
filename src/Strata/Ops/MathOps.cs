#pragma warning disable CS8981
using Strata.Kernels;

namespace Strata;

public static partial class tf
{
    // ----- binary arithmetic, with NumPy broadcasting -----
    // The gradient of a broadcast input is summed back to the input's shape (SumToShape).

    /// <summary>tf.math.add: x + y element-wise, with NumPy broadcasting; a C# literal takes the other operand's dtype.
    /// The gradient of a broadcast input is summed back to its shape.</summary>
    public static Tensor Add(Tensor x, Tensor y)
    {
        var z = Arithmetic<AddOp>("Add", ref x, ref y);
        if (GradientTape.IsRecording)
            RecordBinary("Add", z, x, y, static (dz, x, _, _) => SumToShape(dz, x.Shape), static (dz, _, y, _) => SumToShape(dz, y.Shape));
        return z;
    }

    /// <summary>tf.math.subtract: x - y element-wise, with NumPy broadcasting; a C# literal takes the other operand's dtype.</summary>
    public static Tensor Subtract(Tensor x, Tensor y)
    {
        var z = Arithmetic<SubtractOp>("Subtract", ref x, ref y);
        if (GradientTape.IsRecording)
            RecordBinary("Subtract", z, x, y, static (dz, x, _, _) => SumToShape(dz, x.Shape), static (dz, _, y, _) => SumToShape(Negative(dz), y.Shape));
        return z;
    }

    /// <summary>tf.math.multiply: x * y element-wise, with NumPy broadcasting; a C# literal takes the other operand's dtype.</summary>
    public static Tensor Multiply(Tensor x, Tensor y)
    {
        var z = Arithmetic<MultiplyOp>("Multiply", ref x, ref y);
        if (GradientTape.IsRecording)
            RecordBinary("Multiply", z, x, y,
                static (dz, x, y, _) => SumToShape(Multiply(dz, y), x.Shape),
                static (dz, x, y, _) => SumToShape(Multiply(dz, x), y.Shape));
        return z;
    }

    /// <summary>The forward pass shared by the arithmetic ops: one dtype for both operands (literals adapt),
    /// a numeric dtype, the broadcast output shape, then the kernel.</summary>
    private static Tensor Arithmetic<TOp>(string op, ref Tensor x, ref Tensor y) where TOp : IBinaryOp
    {
        Unify(op, ref x, ref y);
        RequireNumeric(x, op);
        return Elementwise.Binary<TOp>(x, y, BroadcastPlan.OutputShape(x.Shape, y.Shape, op));
    }

    /// <summary>True division. Integer inputs give float64, as TensorFlow's <c>/</c> does.</summary>
    public static Tensor Divide(Tensor x, Tensor y)
    {
        Unify("Divide", ref x, ref y);
        RequireNumeric(x, "Divide");
        if (!x.DType.IsFloating) { x = Cast(x, DType.Float64); y = Cast(y, DType.Float64); }
        var z = Elementwise.Binary<DivideOp>(x, y, BroadcastPlan.OutputShape(x.Shape, y.Shape, "Divide"));
        if (GradientTape.IsRecording)
            RecordBinary("Divide", z, x, y,
                static (dz, x, y, _) => SumToShape(Divide(dz, y), x.Shape),
                static (dz, x, y, _) => SumToShape(Negative(Divide(Multiply(dz, x), Square(y))), y.Shape));
        return z;
    }

    /// <summary>tf.math.maximum: the larger of x and y element-wise, broadcasting; on a tie the gradient goes to x.</summary>
    public static Tensor Maximum(Tensor x, Tensor y)
    {
        var z = Arithmetic<MaximumOp>("Maximum", ref x, ref y);
        if (GradientTape.IsRecording)
            Record("Maximum", z, [x, y], static (dz, i, _) => SelectGradient(dz, GreaterEqual(i[0], i[1]), i[0].Shape, i[1].Shape));
        return z;
    }

    /// <summary>tf.math.minimum: the smaller of x and y element-wise, broadcasting; on a tie the gradient goes to x.</summary>
    public static Tensor Minimum(Tensor x, Tensor y)
    {
        var z = Arithmetic<MinimumOp>("Minimum", ref x, ref y);
        if (GradientTape.IsRecording)
            Record("Minimum", z, [x, y], static (dz, i, _) => SelectGradient(dz, LessEqual(i[0], i[1]), i[0].Shape, i[1].Shape));
        return z;
    }

    /// <summary>Routes dz to x where the mask holds and to y elsewhere, each summed back to its shape.</summary>
    private static Tensor?[] SelectGradient(Tensor dz, Tensor mask, Shape xShape, Shape yShape)
    {
        var zeros = ZerosLike(dz);
        return [SumToShape(Where(mask, dz, zeros), xShape), SumToShape(Where(mask, zeros, dz), yShape)];
    }

    private static void RecordBinary(string op, Tensor z, Tensor x, Tensor y, PartialGradient dx, PartialGradient dy)
        => GradientTape.RecordBinary(op, z, x, y, dx, dy);

    /// <summary>x to the power y, elementwise. Floats, and int32/int64 as TensorFlow allows (exact, wrapping on
    /// overflow; a negative integer exponent is an error, as TensorFlow's "Integers to negative integer powers are not
    /// allowed"; integer powers have no gradient).</summary>
    public static Tensor Pow(Tensor x, Tensor y)
    {
        Unify("Pow", ref x, ref y);
        if (x.DType is DType.Int32 or DType.Int64) return IntegerPow(x, y);
        RequireFloat(x, "Pow");
        var z = Elementwise.Binary<PowOp>(x, y, BroadcastPlan.OutputShape(x.Shape, y.Shape, "Pow"));
        if (GradientTape.IsRecording)
            RecordBinary("Pow", z, x, y,
                static (dz, x, y, _) => y.IsWeak && y.FirstAsDouble() == 2
                    ? Multiply(dz, x * 2.0) // the common (x - c) ** 2, without a Pow in the backward pass
                    : SumToShape(Multiply(dz, Multiply(y, Pow(x, Subtract(y, OnesLike(y))))), x.Shape),
                static (dz, x, y, z) =>
                {
                    // d/dy x^y = x^y log x, taken as 0 where x <= 0 (as TensorFlow does) so no NaN leaks out.
                    var positive = Greater(x, ZerosLike(x));
                    var safeLog = Log(Where(positive, x, OnesLike(x)));
                    return SumToShape(Multiply(dz, Where(positive, Multiply(z, safeLog), ZerosLike(z))), y.Shape);
                });
        return z;
    }

    /// <summary>tf.math.squared_difference: (x - y)², broadcasting; the gradient is 2 (x - y) dz for x and its negative for y.</summary>
    public static Tensor SquaredDifference(Tensor x, Tensor y)
    {
        Unify("SquaredDifference", ref x, ref y);
        RequireNumeric(x, "SquaredDifference");
        BroadcastPlan.OutputShape(x.Shape, y.Shape, "SquaredDifference"); // the error names this op
        return Square(Subtract(x, y));
    }

    // ----- unary -----

    /// <summary>tf.math.negative: -x element-wise; signed types only (uint8 and bool are errors, as in TensorFlow).</summary>
    public static Tensor Negative(Tensor x)
    {
        RequireSigned(x, "Negative");
        var y = Elementwise.UnaryNumeric<NegateOp>(x);
        if (GradientTape.IsRecording) Record("Negative", y, [x], static (dy, _, _) => [Negative(dy)]);
        return y;
    }

    /// <summary>tf.math.abs: |x| element-wise; signed types only. The gradient is dy·sign(x), 0 at 0.</summary>
    public static Tensor Abs(Tensor x)
    {
        RequireSigned(x, "Abs");
        var y = Elementwise.UnaryNumeric<AbsOp>(x);
        if (GradientTape.IsRecording) Record("Abs", y, [x], static (dy, i, _) => [Multiply(dy, Sign(i[0]))]);
        return y;
    }

    /// <summary>-1, 0 or 1 by the sign of each element (NaN stays NaN). No gradient (zero almost everywhere).</summary>
    public static Tensor Sign(Tensor x)
    {
        RequireNumeric(x, "Sign");
        return Elementwise.UnaryNumeric<SignOp>(x);
    }

    /// <summary>tf.math.square: x·x element-wise, any numeric dtype; the gradient is 2x·dy.</summary>
    public static Tensor Square(Tensor x)
    {
        RequireNumeric(x, "Square");
        var y = Elementwise.UnaryNumeric<SquareOp>(x);
        if (GradientTape.IsRecording) Record("Square", y, [x], static (dy, i, _) => [Multiply(dy, i[0] * 2.0)]);
        return y;
    }

    /// <summary>tf.math.sqrt: √x element-wise, floats only (NaN below 0); the gradient is dy / (2√x).</summary>
    public static Tensor Sqrt(Tensor x)
    {
        RequireFloat(x, "Sqrt");
        var y = Elementwise.UnaryFloat<SqrtOp>(x);
        if (GradientTape.IsRecording) Record("Sqrt", y, [x], static (dy, _, y) => [Divide(dy * 0.5, y)]);
        return y;
    }

    /// <summary>tf.math.exp: eˣ element-wise, floats only.</summary>
    public static Tensor Exp(Tensor x)
    {
        RequireFloat(x, "Exp");
        var y = Elementwise.UnaryFloat<ExpOp>(x);
        if (GradientTape.IsRecording) Record("Exp", y, [x], static (dy, _, y) => [Multiply(dy, y)]);
        return y;
    }

    /// <summary>tf.math.log: the natural logarithm element-wise, floats only (-inf at 0, NaN below); the gradient is dy / x.</summary>
    public static Tensor Log(Tensor x)
    {
        RequireFloat(x, "Log");
        var y = Elementwise.UnaryFloat<LogOp>(x);
        if (GradientTape.IsRecording) Record("Log", y, [x], static (dy, i, _) => [Divide(dy, i[0])]);
        return y;
    }

    /// <summary>tf.clip_by_value: each element limited to [min, max]; the gradient passes where the value was inside.</summary>
    public static Tensor ClipByValue(Tensor t, Tensor clipValueMin, Tensor clipValueMax)
    {
        NotNull(t, "ClipByValue", "t");
        Tensor y;
        try
        {
            // TensorFlow's order: the minimum with the upper bound first, then the maximum with the lower one (it
            // decides the result when min > max: every element becomes min).
            y = Maximum(Minimum(t, clipValueMax), clipValueMin);
        }
        catch (UnsupportedDTypeError e) { throw new UnsupportedDTypeError($"ClipByValue: {e.Message}"); }
        catch (InvalidArgumentError e) { throw new InvalidArgumentError($"ClipByValue: {e.Message}"); }
        if (y.Shape != t.Shape)
            throw new InvalidArgumentError($"ClipByValue: the clip values must not grow the shape {t.Shape}, got {y.Shape}.");
        return y;
    }
}
