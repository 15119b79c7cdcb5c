#pragma warning disable CS8981 // `tf` is lower-case on purpose: code reads like TensorFlow's Python.
namespace Strata;

/// <summary>
/// TensorFlow's <c>tf</c> module: every op, defined once, each with its forward kernel and its gradient rule
/// side by side. One file per family (math, nn, array, reduction, linalg, comparison, creation).
/// </summary>
public static partial class tf
{
    /// <summary>Records an op on the active tapes (the caller checked <see cref="GradientTape.IsRecording"/>).</summary>
    private static void Record(string op, Tensor output, Tensor[] inputs, BackwardFunction backward)
        => GradientTape.Record(op, output, inputs, backward);

    private static void NotNull(Tensor? t, string op, string name)
    {
        Guard.NotNull(t, op, name);
    }

    private static void RequireFloat(Tensor x, string op)
    {
        NotNull(x, op, "x");
        if (!x.DType.IsFloating)
            throw new UnsupportedDTypeError(
                $"{op}: expected a floating-point tensor (float32 or float64), got {x.DType.Name()} with shape {x.Shape}; use tf.Cast first.");
    }

    /// <summary>A numeric dtype with a sign: TensorFlow has no Neg or Abs kernel for uint8 (negating it would wrap).</summary>
    private static void RequireSigned(Tensor x, string op)
    {
        RequireNumeric(x, op);
        if (x.DType == DType.UInt8)
            throw new UnsupportedDTypeError($"{op}: no kernel for uint8 (shape {x.Shape}); TensorFlow has none either: use tf.Cast to a signed dtype first.");
    }

    private static void RequireNumeric(Tensor x, string op)
    {
        NotNull(x, op, "x");
        if (!x.DType.IsNumeric)
            throw new UnsupportedDTypeError($"{op}: expected a numeric tensor, got {x.DType.Name()} with shape {x.Shape}.");
    }

    /// <summary>
    /// Makes both operands one dtype. A weak scalar (a C# literal) takes the other operand's dtype, as a Python
    /// number does in TensorFlow; two real tensors of different dtypes are an error, as in TensorFlow.
    /// </summary>
    private static void Unify(string op, ref Tensor a, ref Tensor b)
    {
        NotNull(a, op, "x");
        NotNull(b, op, "y");
        if (a.DType == b.DType) return;
        if (b.IsWeak && !a.IsWeak) b = ConvertWeak(op, b, a.DType);
        else if (a.IsWeak && !b.IsWeak) a = ConvertWeak(op, a, b.DType);
        else if (a.IsWeak && b.IsWeak)
        {
            // Two literals: the float one wins, as 1 + 2.5 does in Python.
            if (a.DType.IsFloating) b = ConvertWeak(op, b, a.DType); else a = ConvertWeak(op, a, b.DType);
        }
        else
            throw new InvalidArgumentError(
                $"{op}: dtypes differ: x is {a.DType.Name()} with shape {a.Shape}, y is {b.DType.Name()} with shape {b.Shape}; use tf.Cast to make them match.");
    }

    internal static Tensor ConvertWeak(string op, Tensor weak, DType to)
    {
        if (Literals.ConvertedInt(weak, to) is { } shared) return shared;
        if (to.IsInteger)
        {
            double v = weak.LiteralValue ?? weak.FirstAsDouble();
            if (!double.IsInteger(v))
                throw new InvalidArgumentError($"{op}: cannot convert {v} to an {to.Name()} tensor without losing its fraction.");
            // The cast saturates (300 would become 255 in uint8); TensorFlow refuses a number the dtype cannot hold.
            var (min, max) = to switch
            {
                DType.UInt8 => ((double)byte.MinValue, (double)byte.MaxValue),
                DType.Int32 => (int.MinValue, int.MaxValue),
                _ => (long.MinValue, (double)long.MaxValue),
            };
            if (v < min || v > max)
                throw new InvalidArgumentError($"{op}: cannot convert {v} to an {to.Name()} tensor: it is out of range.");
        }
        if (to == DType.Bool)
            throw new InvalidArgumentError($"{op}: cannot combine a number with a bool tensor.");
        // From the C# double itself, not from its float32 copy, so that 0.1 stays 0.1 in float64.
        // Still a literal after the conversion, so that ops can tell it from a real tensor (Pow by 2).
        return Tensor.Scalar(weak.LiteralValue ?? weak.FirstAsDouble(), to, weak: true);
    }
}
