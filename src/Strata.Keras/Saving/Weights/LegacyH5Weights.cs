using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Saving.Hdf5;

namespace Strata.Keras.Saving;

/// <summary>
/// Weights in the legacy Keras HDF5 layout (Keras 2's <c>save</c>/<c>save_weights</c> and Keras 3's <c>.h5</c>):
/// the group (<c>/model_weights</c> in a model file, the root in a weights file) lists <c>layer_names</c>; each layer's
/// group lists <c>weight_names</c> (<c>dense/kernel:0</c> in Keras 2, <c>sequential/dense/kernel</c> in Keras 3),
/// the datasets' paths under it. Layers are matched by order (those with weights) or, with byName, by name.
/// </summary>
internal static class LegacyH5Weights
{
    /// <summary>True when <paramref name="file"/> is in this layout (a <c>layer_names</c> list at the root or in model_weights).</summary>
    public static bool Recognizes(IHdf5Reader file) =>
        (file.IsGroup("/model_weights") && file.StringListAttribute("/model_weights", "layer_names") is not null)
        || file.StringListAttribute("/", "layer_names") is not null;

    public static void Read(IHdf5Reader file, Model model, bool byName, bool skipMismatch, PendingAssignments pending)
    {
        string group = file.IsGroup("/model_weights") ? "/model_weights" : "/";
        var layerNames = file.StringListAttribute(group, "layer_names")
            ?? throw new ModelFileError($"{file.Where}, group {group}", "has no 'layer_names' attribute; not a Keras weights file.");
        var fileLayers = new List<(string Name, string[] Weights)>();
        foreach (var name in layerNames)
        {
            string path = $"{(group == "/" ? "" : group)}/{name}";
            if (!file.IsGroup(path)) throw new ModelFileError($"{file.Where}, group {path}", $"is missing (listed in {group} layer_names).");
            var weights = file.StringListAttribute(path, "weight_names")
                ?? throw new ModelFileError($"{file.Where}, group {path}", "has no 'weight_names' attribute.");
            fileLayers.Add((path, weights));
        }
        var modelLayers = ModelLayers(model);
        if (byName)
        {
            var index = new Dictionary<string, Layer>(StringComparer.Ordinal);
            foreach (var l in modelLayers) index.TryAdd(l.Name, l);
            for (int i = 0; i < fileLayers.Count; i++)
                if (index.TryGetValue(layerNames[i], out var layer)) Match(file, fileLayers[i], layer, skipMismatch, pending);
            return;
        }
        var withWeights = fileLayers.Where(f => f.Weights.Length > 0).ToList();
        var targets = modelLayers.Where(l => l.Weights.Count > 0).ToList();
        if (withWeights.Count != targets.Count)
            throw new ModelFileError($"{file.Where}, group {group}",
                $"holds weights for {withWeights.Count} layers ({string.Join(", ", withWeights.Select(w => w.Name.TrimStart('/')))}), " +
                $"but the model has {targets.Count} layers with weights ({string.Join(", ", targets.Select(t => t.Name))}).");
        for (int i = 0; i < targets.Count; i++) Match(file, withWeights[i], targets[i], skipMismatch, pending);
    }

    /// <summary>The layers Keras's legacy format walks: Sequential's without its input, a functional model's all.</summary>
    private static IReadOnlyList<Layer> ModelLayers(Model model) => model.Layers;

    private static void Match(IHdf5Reader file, (string Path, string[] Weights) source, Layer layer, bool skipMismatch, PendingAssignments pending)
    {
        var vars = layer.Weights;
        string where = $"{file.Where}, group {source.Path}";
        if (source.Weights.Length != vars.Count)
        {
            if (skipMismatch) return;
            throw new ModelFileError(where, $"holds {source.Weights.Length} weights, but layer '{layer.Name}' ({layer.ClassName}) has {vars.Count}.");
        }
        var values = new List<Tensor>();
        for (int i = 0; i < vars.Count; i++)
        {
            string ds = $"{source.Path}/{source.Weights[i]}";
            if (!file.IsDataset(ds)) throw new ModelFileError($"{file.Where}, dataset {ds}", "is missing (listed in weight_names).");
            var shape = file.DatasetShape(ds);
            if (!shape.SequenceEqual(vars[i].Shape.ToArray().Select(d => (long)d)))
            {
                if (skipMismatch) return;
                throw new ModelFileError($"{file.Where}, dataset {ds}",
                    $"has shape ({string.Join(", ", shape)}), but weight {i} of layer '{layer.Name}' ('{vars[i].Name}') has shape {vars[i].Shape}.");
            }
            values.Add(file.ReadTensor(ds));
        }
        for (int i = 0; i < vars.Count; i++) pending.Add(vars[i], values[i]);
    }
}
