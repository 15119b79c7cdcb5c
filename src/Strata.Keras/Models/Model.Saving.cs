using System.Diagnostics.CodeAnalysis;
using Strata.Keras.Losses;
using Strata.Keras.Metrics;
using Strata.Keras.Saving;

namespace Strata.Keras.Models;

/// <summary>Keras's model files: <c>Save</c> (a .keras zip), <c>SaveWeights</c> (.weights.h5), <c>LoadWeights</c>
/// (.weights.h5, .keras or a legacy .h5) and <c>ToJson</c>; <c>keras.models.LoadModel</c> and <c>ModelFromJson</c>
/// make models from them. The work is in <see cref="Strata.Keras.Saving"/>.</summary>
public partial class Model
{
    // PureHDF 2.2 (the HDF5 reader and writer) makes its dataset encoders and decoders with MakeGenericMethod: NativeAOT
    // has no code for them (NotSupportedException at run time, e.g. InternalEncodeDataset[Single[],Single]) and they
    // are not trim-safe. The HDF5 entry points say so to the analyzers of a trimmed or NativeAOT app.
    internal const string Hdf5NotAot = "Keras's HDF5 files go through PureHDF 2.2, which builds its readers and writers with MakeGenericMethod: not available under NativeAOT and not trim-safe.";

    /// <summary>Keras's <c>model.save("m.keras")</c>: config, weights and optimizer state in Keras 3's zip layout,
    /// written atomically (a failed save leaves the previous file as it was).</summary>
    [RequiresDynamicCode(Hdf5NotAot), RequiresUnreferencedCode(Hdf5NotAot)]
    public void Save(string path) => ModelSaver.Save(this, path);

    /// <summary>Keras's <c>save_weights("m.weights.h5")</c>: the weights in Keras 3's HDF5 layout (written atomically).</summary>
    [RequiresDynamicCode(Hdf5NotAot), RequiresUnreferencedCode(Hdf5NotAot)]
    public void SaveWeights(string path) => ModelSaver.SaveWeights(this, path);

    /// <summary>Keras's <c>load_weights</c>: from a .weights.h5, a .keras file or a legacy .h5. <paramref name="byName"/>
    /// (legacy .h5 only) matches layers by name instead of by order; <paramref name="skipMismatch"/> skips layers whose
    /// weights do not match in number or shape instead of failing. Nothing is assigned unless every check passes.</summary>
    [RequiresDynamicCode(Hdf5NotAot), RequiresUnreferencedCode(Hdf5NotAot)]
    public void LoadWeights(string path, bool byName = false, bool skipMismatch = false) =>
        ModelLoader.LoadWeights(this, path, byName, skipMismatch);

    /// <summary>The model's Keras 3 config as JSON (Keras's <c>to_json()</c>).</summary>
    public string ToJson() => ModelConfigWriter.ToJson(this);

    internal Engine.FunctionalGraph? Graph => _graph;

    internal Loss[] CompiledLosses => _state?.Losses ?? [];

    /// <summary>The metrics as given to Compile (for a multi-output model, those of the first output without the
    /// output-name prefix that Compile gave them).</summary>
    internal IReadOnlyList<string> CompiledMetrics => _state is null ? [] : KerasNames(_state.Metrics[0]);

    /// <summary>The weighted metrics as given to Compile, by Keras name (without the "weighted_" Compile may have added).</summary>
    internal IReadOnlyList<string> CompiledWeightedMetrics =>
        _state is null ? [] : KerasNames(_state.WeightedMetrics[0]).Select(n => n.StartsWith("weighted_", StringComparison.Ordinal) ? n["weighted_".Length..] : n).ToList();

    private List<string> KerasNames(List<Metric> firstOutput)
    {
        string prefix = OutputName(0) + "_";
        return firstOutput.Select(m => OutputCount > 1 && m.Name.StartsWith(prefix, StringComparison.Ordinal) ? m.Name[prefix.Length..] : m.Name).ToList();
    }
}
