namespace Strata.Formatting;

// Placeholder, replaced by the full NumPy-compatible printer.
internal static class NumpyFormat
{
    public static string Str(Array data, Shape shape, DType dtype) => string.Join(" ", data.Cast<object>());
    public static string Repr(Array data, Shape shape, DType dtype) => "array(" + Str(data, shape, dtype) + ")";
}
