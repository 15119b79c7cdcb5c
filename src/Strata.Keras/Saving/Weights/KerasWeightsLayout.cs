using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Saving.Hdf5;

namespace Strata.Keras.Saving;

/// <summary>
/// Keras 3's weights file (<c>model.weights.h5</c>, <c>*.weights.h5</c>): each layer's own variables, trainable then
/// non-trainable, as datasets <c>vars/0</c>, <c>vars/1</c>… in a group named after the layer's class in snake case,
/// numbered when repeated (<c>layers/dense</c>, <c>layers/dense_1</c>), nested models under their own <c>layers/</c>;
/// the model's own variables in <c>/vars</c>; the optimizer's in <c>/optimizer/vars</c> (see <see cref="OptimizerWeights"/>).
/// </summary>
internal static class KerasWeightsLayout
{
    /// <summary>Each layer's group path and own variables, in Keras's order.</summary>
    public static List<(string Path, Layer Layer, List<Variable> Vars)> Plan(Layer root)
    {
        var plan = new List<(string, Layer, List<Variable>)>();
        Visit(root, "", plan, new HashSet<Layer>(ReferenceEqualityComparer.Instance));
        return plan;
    }

    private static void Visit(Layer layer, string path, List<(string, Layer, List<Variable>)> plan, HashSet<Layer> visited)
    {
        if (!visited.Add(layer)) return; // a shared layer is saved once, where Keras first meets it
        var own = layer.OwnWeights.Where(v => v.Trainable).Concat(layer.OwnWeights.Where(v => !v.Trainable)).ToList();
        plan.Add((path + "/vars", layer, own));
        IReadOnlyList<Layer> children = layer switch
        {
            Sequential s => s.Layers,
            Model { Graph: { } g } => g.Layers,
            _ => layer.SubLayers,
        };
        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var child in children)
        {
            if (visited.Contains(child)) continue;
            // MultiHeadAttention's projections sit under their Keras attribute names, not under layers/.
            if (child is AttentionProjection projection) { Visit(child, $"{path}/{projection.KerasAttribute}", plan, visited); continue; }
            // Layers held in a named attribute (an RNN's cell, a wrapper's layer) sit under that name, as Keras 3 saves them.
            if (layer.KerasAttributeOf(child) is { } attribute) { Visit(child, $"{path}/{attribute}", plan, visited); continue; }
            string key = KerasNaming.ToSnakeCase(child.ClassName);
            if (used.TryGetValue(key, out int n)) { used[key] = n + 1; key = $"{key}_{n + 1}"; }
            else used[key] = 0;
            Visit(child, $"{path}/layers/{key}", plan, visited);
        }
    }

    /// <summary>The file's tree: every layer's vars, and the optimizer's state when the model is compiled.</summary>
    public static Hdf5Group Build(Model model, bool withOptimizer)
    {
        var root = new Hdf5Group();
        foreach (var (path, _, vars) in Plan(model))
        {
            var group = GroupAt(root, path);
            for (int i = 0; i < vars.Count; i++) group.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture), Hdf5Data.From(vars[i]));
        }
        if (withOptimizer && model.Optimizer is { } opt)
        {
            var group = GroupAt(root, "/optimizer/vars");
            var values = OptimizerWeights.Export(opt, model.TrainableWeights, $"model '{model.Name}', optimizer");
            for (int i = 0; i < values.Count; i++) group.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture), values[i]);
        }
        return root;
    }

    private static Hdf5Group GroupAt(Hdf5Group root, string path)
    {
        var g = root;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries)) g = g.Group(part);
        return g;
    }

    /// <summary>Checks the file against the model and collects the values (nothing is assigned here). With
    /// <paramref name="skipMismatch"/> a layer whose variables differ in number or shape is left as it is.</summary>
    public static void Read(IHdf5Reader file, Model model, bool skipMismatch, PendingAssignments pending)
    {
        foreach (var (path, layer, vars) in Plan(model))
        {
            string where = $"{file.Where}, group {path}";
            if (vars.Count == 0)
            {
                if (file.IsGroup(path) && file.Children(path).Count > 0 && !skipMismatch)
                    throw new ModelFileError(where, $"holds {file.Children(path).Count} variables, but layer '{layer.Name}' has none.");
                continue;
            }
            if (!file.IsGroup(path))
            {
                if (skipMismatch) continue;
                throw new ModelFileError(where, $"is missing: no weights for layer '{layer.Name}' ({layer.ClassName}) with {vars.Count} variables. " +
                    "The file was saved from a different model.");
            }
            var names = file.Children(path);
            bool mismatch = names.Count != vars.Count;
            if (mismatch && !skipMismatch)
                throw new ModelFileError(where, $"holds {names.Count} variables, but layer '{layer.Name}' ({layer.ClassName}) has {vars.Count}.");
            var values = new List<Tensor>();
            for (int i = 0; i < vars.Count && !mismatch; i++)
            {
                string ds = $"{path}/{i}";
                if (!file.IsDataset(ds))
                {
                    if (skipMismatch) { mismatch = true; break; }
                    throw new ModelFileError($"{file.Where}, dataset {ds}", $"is missing (variable {i} of layer '{layer.Name}').");
                }
                var shape = file.DatasetShape(ds);
                if (!shape.SequenceEqual(vars[i].Shape.ToArray().Select(d => (long)d)))
                {
                    if (skipMismatch) { mismatch = true; break; }
                    throw new ModelFileError($"{file.Where}, dataset {ds}",
                        $"has shape ({string.Join(", ", shape)}), but variable '{vars[i].Name}' of layer '{layer.Name}' has shape {vars[i].Shape}.");
                }
                var t = file.ReadTensor(ds);
                if (!t.DType.IsFloating && vars[i].DType.IsFloating)
                    throw new ModelFileError($"{file.Where}, dataset {ds}", $"is {t.DType.Name()}, but variable '{vars[i].Name}' is {vars[i].DType.Name()}.");
                values.Add(t);
            }
            if (mismatch) continue;
            for (int i = 0; i < vars.Count; i++) pending.Add(vars[i], values[i]);
        }
    }
}
