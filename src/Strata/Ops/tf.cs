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
        if (t is null) throw new ArgumentNullException(name, $"{op}: argument '{name}' is null.");
    }

    private static void RequireFloat(Tensor x, string op)
    {
        NotNull(x, op, "x");
        if (!x.DType.IsFloating)
            throw new UnsupportedDTypeError(
                $"{op}: expected a floating-point tensor (float32 or float64), got {x.DType.Name()} with shape {x.Shape}; use tf.Cast first.");
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

    private static Tensor ConvertWeak(string op, Tensor weak, DType to)
    {
        if (to.IsInteger && weak.DType.IsFloating)
        {
            double v = weak.FirstAsDouble();
            if (v != Math.Floor(v))
                throw new InvalidArgumentError($"{op}: cannot convert {v} to an {to.Name()} tensor without losing its fraction.");
        }
        if (to == DType.Bool)
            throw new InvalidArgumentError($"{op}: cannot combine a number with a bool tensor.");
        return Cast(weak, to);
    }
}
