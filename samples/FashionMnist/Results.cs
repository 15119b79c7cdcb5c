namespace FashionMnistSample;

/// <summary>Glue between what Keras returns and what the sample prints and plots.</summary>
internal static class Results
{
    /// <summary>Keras's history dict as the plot wants it (read-only lists), without the plot knowing Keras.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<double>> ToPlotInput(IReadOnlyDictionary<string, List<double>> history) =>
        history.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double>)kv.Value);
}
