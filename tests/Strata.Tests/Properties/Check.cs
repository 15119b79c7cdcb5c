namespace Strata.Tests.Properties;

/// <summary>Assertions shared by the properties. They throw plain exceptions with a precise message, which the runner
/// reports with the case and its seed.</summary>
internal static class Must
{
    public static void Fail(string message) => throw new PropertyFailure(message);

    public static void True(bool condition, string message)
    {
        if (!condition) Fail(message);
    }

    public static void ShapeIs(int[] expected, Tensor t, string what)
    {
        if (!t.Shape.Dims.SequenceEqual(expected))
            Fail($"{what}: shape {t.Shape}, expected {new Shape(expected)}");
    }

    public static void DTypeIs(DType expected, Tensor t, string what)
    {
        if (t.DType != expected) Fail($"{what}: dtype {t.DType.Name()}, expected {expected.Name()}");
    }

    /// <summary>Runs <paramref name="body"/> expecting a Strata error of type <typeparamref name="TError"/> (or a subclass)
    /// whose message names <paramref name="op"/>.</summary>
    public static void Throw<TError>(string op, Action body, string why) where TError : StrataException
    {
        try
        {
            body();
        }
        catch (TError e)
        {
            if (!e.Message.Contains(op, StringComparison.Ordinal))
                Fail($"{op}: the {typeof(TError).Name} for {why} does not name the op: \"{e.Message}\"");
            return;
        }
        catch (Exception e) when (e is not PropertyFailure)
        {
            Fail($"{op}: expected a {typeof(TError).Name} ({why}), got {e.GetType().Name}: {e.Message}");
        }
        Fail($"{op}: expected a {typeof(TError).Name} ({why}), but it returned");
    }

    /// <summary>Values equal, NaN equal to NaN, -0 equal to +0.</summary>
    public static void SameValues(double[] expected, double[] actual, string what)
    {
        if (expected.Length != actual.Length) Fail($"{what}: {actual.Length} values, expected {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
            if (!(expected[i] == actual[i] || (double.IsNaN(expected[i]) && double.IsNaN(actual[i]))))
                Fail($"{what}: element {i} is {actual[i]:R}, expected {expected[i]:R}");
    }

    public static void SameBits(long[] expected, long[] actual, string what)
    {
        if (expected.Length != actual.Length) Fail($"{what}: {actual.Length} values, expected {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
            if (expected[i] != actual[i]) Fail($"{what}: element {i} has bits {actual[i]:X}, expected {expected[i]:X}");
    }
}

internal sealed class PropertyFailure(string message) : Exception(message);
