namespace Strata;

/// <summary>Argument checks shared by the public API, so that every refusal names the op and the argument.</summary>
internal static class Guard
{
    public static void NotNull(object? value, string op, string name)
    {
        if (value is null) throw Null(op, name);
    }

    /// <summary>The error for a null argument; for call sites whose op name is built (interpolated), so that the
    /// string is made only when the argument is null: <c>if (x is null) throw Guard.Null($"…", "x");</c>.</summary>
    public static ArgumentNullException Null(string op, string name) => new(name, $"{op}: argument '{name}' is null.");

    /// <summary>A <see cref="Strata.DType"/> cast from an int that names no dtype (<c>(DType)99</c>).</summary>
    public static DType Known(DType dtype, string op)
    {
        if ((uint)dtype > (uint)DType.UInt8) // the last member: a range check, since ops call this on every use
            throw new InvalidArgumentError($"{op}: {(int)dtype} is not a dtype (expected one of float32, float64, int32, int64, bool, uint8).");
        return dtype;
    }
}
