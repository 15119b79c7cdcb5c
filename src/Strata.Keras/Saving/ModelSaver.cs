using System.Text.Json.Nodes;
using Strata.Keras.Models;
using Strata.Keras.Saving.Hdf5;

namespace Strata.Keras.Saving;

/// <summary>Writes .keras and .weights.h5 files (Keras 3's formats), always through <see cref="AtomicFile"/>. Every
/// piece is made in memory first, so an unsavable model fails before the target is touched.</summary>
internal static class ModelSaver
{
    /// <summary>The Keras version whose file layout Strata writes (readers use it to pick their code paths).</summary>
    public const string KerasFormatVersion = "3.10.0";

    public static void Save(Model model, string path)
    {
        Guard.NotNull(path, "Model.Save", "path");
        if (!path.EndsWith(".keras", StringComparison.OrdinalIgnoreCase))
            throw new ModelFileError(path, "Save writes Keras 3's .keras format, so the path must end in .keras; use SaveWeights for a .weights.h5 file.");
        RequireBuilt(model, path);
        string config = ModelConfigWriter.Serialize(model, withCompile: true).ToJsonString(ConfigWriter.JsonOptions);
        var metadata = new JsonObject
        {
            ["keras_version"] = KerasFormatVersion,
            ["date_saved"] = DateTime.UtcNow.ToString("yyyy-MM-dd@HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            ["writer"] = "Strata",
        }.ToJsonString(ConfigWriter.JsonOptions);
        byte[] weights = WeightsBytes(model);
        AtomicFile.Write(path, s => KerasArchive.Write(s, config, metadata, weights));
    }

    public static void SaveWeights(Model model, string path)
    {
        Guard.NotNull(path, "Model.SaveWeights", "path");
        if (!path.EndsWith(".weights.h5", StringComparison.OrdinalIgnoreCase))
            throw new ModelFileError(path, "SaveWeights writes Keras 3's weights format, so the path must end in .weights.h5.");
        RequireBuilt(model, path);
        byte[] weights = WeightsBytes(model);
        AtomicFile.Write(path, s => s.Write(weights));
    }

    private static byte[] WeightsBytes(Model model)
    {
        var tree = KerasWeightsLayout.Build(model, withOptimizer: true);
        using var ms = new MemoryStream();
        PureHdfWriter.Write(tree, ms);
        return ms.ToArray();
    }

    private static void RequireBuilt(Model model, string path)
    {
        if (!model.Built || model.Weights.Count == 0 && model.Layers.Count > 0 && model.Layers.Any(l => !l.Built))
            throw new ModelFileError(path, $"model '{model.Name}' has not been built yet (its weights do not exist); call it on data or give it an input shape first.");
    }
}
