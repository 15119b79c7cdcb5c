using System.Globalization;

namespace Strata;

/// <summary>
/// How .NET values become tensor elements in <c>tf.Constant</c> and <c>tf.Variable</c>: TensorFlow's conversion
/// rules, which refuse what would lose information (its <c>TypeError: Cannot convert 1.5 to EagerTensor of dtype
/// int32</c>) instead of truncating or saturating silently. <see cref="tf.Cast"/> is the explicit, lossy conversion.
/// </summary>
internal static class ValueConversion
{
    /// <summary>The flat values of <paramref name="source"/> (dtype <paramref name="from"/>) as <paramref name="to"/>,
    /// or a <see cref="TypeError"/> naming <paramref name="op"/> and the first value that does not convert exactly.</summary>
    public static Array Exact(Array source, DType from, DType to, string op)
    {
        if (from == to) return source;
        if (from.IsFloating && !to.IsFloating)
        {
            var values = from == DType.Float64 ? (double[])source : (double[])Kernels.CastKernel.Convert(source, from, DType.Float64);
            for (int i = 0; i < values.Length; i++)
            {
                double v = values[i];
                if (to == DType.Bool || !double.IsInteger(v) || !InRange(v, to))
                    throw Refused(op, source, i, v.ToString("R", CultureInfo.InvariantCulture), to,
                        to == DType.Bool ? "a number is not a bool" : !double.IsInteger(v) ? "it has a fraction (or is not finite)" : "it is out of range");
            }
        }
        else if (from.IsInteger && !to.IsFloating)
        {
            var values = from == DType.Int64 ? (long[])source : (long[])Kernels.CastKernel.Convert(source, from, DType.Int64);
            for (int i = 0; i < values.Length; i++)
            {
                long v = values[i];
                if (to == DType.Bool || !InRange(v, to))
                    throw Refused(op, source, i, v.ToString(CultureInfo.InvariantCulture), to,
                        to == DType.Bool ? "a number is not a bool" : "it is out of range");
            }
        }
        // What is left converts exactly or as TensorFlow converts it too: to a float dtype (rounded), bool to 0 or 1.
        return Kernels.CastKernel.Convert(source, from, to);
    }

    /// <summary>Whether <paramref name="v"/> is a whole number the integer dtype <paramref name="to"/> holds exactly
    /// (what tf.Range and the integer uniforms take as their bounds).</summary>
    public static bool IsExactInteger(double v, DType to) => double.IsInteger(v) && InRange(v, to);

    private static bool InRange(double v, DType to) => to switch
    {
        DType.UInt8 => v is >= byte.MinValue and <= byte.MaxValue,
        DType.Int32 => v is >= int.MinValue and <= int.MaxValue,
        // 2^63 is the first double above long's range; comparing with (double)long.MaxValue would let it through.
        _ => v >= -9223372036854775808.0 && v < 9223372036854775808.0,
    };

    private static TypeError Refused(string op, Array source, int index, string value, DType to, string why) =>
        new($"{op}: cannot convert {value}{(source.Length > 1 ? $" (element {index})" : "")} to EagerTensor of dtype {to.Name()}: {why}. " +
            "Use tf.Cast for a truncating conversion.");
}
