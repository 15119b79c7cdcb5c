using System.Text.RegularExpressions;

namespace Strata.Keras.Saving;

/// <summary>Keras's <c>naming.to_snake_case</c>, which names weight-file groups after layer classes
/// (<c>Dense</c> → <c>dense</c>, <c>MaxPooling2D</c> → <c>max_pooling2d</c>, <c>BatchNormalization</c> →
/// <c>batch_normalization</c>): the same two substitutions, so the paths match Python's.</summary>
internal static partial class KerasNaming
{
    [GeneratedRegex("(.)([A-Z][a-z]+)")]
    private static partial Regex WordStart();

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex LowerUpper();

    public static string ToSnakeCase(string name)
    {
        var s = WordStart().Replace(name, "$1_$2");
        return LowerUpper().Replace(s, "$1_$2").ToLowerInvariant();
    }
}
