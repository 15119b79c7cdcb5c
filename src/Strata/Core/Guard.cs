namespace Strata;

/// <summary>Argument checks shared by the public API, so that every refusal names the op and the argument.</summary>
internal static class Guard
{
    public static void NotNull(object? value, string op, string name)
    {
        if (value is null) throw new ArgumentNullException(name, $"{op}: argument '{name}' is null.");
    }

    /// <summary>A <see cref="Strata.DType"/> cast from an int that names no dtype (<c>(DType)99</c>).</summary>
    public static DType Known(DType dtype, string op)
    {
        if (!Enum.IsDefined(dtype))
            throw new InvalidArgumentError($"{op}: {(int)dtype} is not a dtype (expected one of float32, float64, int32, int64, bool, uint8).");
        return dtype;
    }
}
