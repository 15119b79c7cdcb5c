namespace Strata.Keras.Callbacks;

/// <summary>Which way a monitored quantity improves: Keras's "auto" means "max" for accuracies and the like.</summary>
internal static class Monitor
{
    public static bool Maximize(string monitor, string mode) => mode switch
    {
        "min" => false,
        "max" => true,
        "auto" => monitor.Contains("acc") || monitor.Contains("auc") || monitor.Contains("precision") || monitor.Contains("recall")
                  || monitor.EndsWith("fmeasure"),
        _ => throw new InvalidArgumentError($"Unknown mode '{mode}'; use auto, min or max."),
    };
}
