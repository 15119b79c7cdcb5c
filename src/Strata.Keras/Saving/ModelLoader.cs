using System.Text.Json.Nodes;
using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Saving.Hdf5;

namespace Strata.Keras.Saving;

/// <summary>
/// Reads .keras zips, legacy .h5 model files and weights files. A file is recognized by its first bytes, not its
/// name. Models are always built fresh from the config, and weights (and optimizer state) assigned only after the
/// whole file has been checked (<see cref="PendingAssignments"/>).
/// </summary>
internal static class ModelLoader
{
    private static readonly byte[] ZipMagic = "PK\u0003\u0004"u8.ToArray();
    private static readonly byte[] Hdf5Magic = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0d, 0x0a, 0x1a, 0x0a];

    private enum Kind { Zip, Hdf5 }

    public static Model LoadModel(string path, bool compile)
    {
        Guard.NotNull(path, "keras.models.LoadModel", "path");
        using var stream = OpenRead(path);
        return Detect(stream, path) == Kind.Zip ? LoadKeras(stream, path, compile) : LoadLegacy(stream, path, compile);
    }

    public static Model FromJson(string json)
    {
        Guard.NotNull(json, "keras.models.ModelFromJson", "json");
        return AsModel(ModelConfigReader.Deserialize(ConfigReader.Parse(json, "model JSON"), "model JSON"), "model JSON");
    }

    public static void LoadWeights(Model model, string path, bool byName, bool skipMismatch)
    {
        Guard.NotNull(path, "Model.LoadWeights", "path");
        using var stream = OpenRead(path);
        var pending = new PendingAssignments();
        if (Detect(stream, path) == Kind.Zip)
        {
            if (byName) throw new ModelFileError(path, "byName works only with legacy .h5 files (as in Keras); a .keras file is matched by structure.");
            using var archive = KerasArchive.Open(stream, path);
            using var file = PureHdfReader.Open(new MemoryStream(archive.Read(KerasArchive.Weights)), $"{path}, member {KerasArchive.Weights}");
            ReadKeras3Weights(file, model, skipMismatch, pending);
        }
        else
        {
            using var file = PureHdfReader.Open(stream, path);
            if (LegacyH5Weights.Recognizes(file)) LegacyH5Weights.Read(file, model, byName, skipMismatch, pending);
            else if (byName) throw new ModelFileError(path, "byName works only with legacy .h5 files (as in Keras); this is a Keras 3 weights file.");
            else ReadKeras3Weights(file, model, skipMismatch, pending);
        }
        pending.Commit();
    }

    private static FileStream OpenRead(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ModelFileError(path, "does not exist.");
        }
    }

    /// <summary>A zip or HDF5 file by its magic bytes (HDF5 may follow a user block of 512, 1024… bytes).</summary>
    private static Kind Detect(Stream stream, string path)
    {
        var head = new byte[8];
        int n = stream.ReadAtLeast(head, 8, throwOnEndOfStream: false);
        if (n >= 4 && head.AsSpan(0, 4).SequenceEqual(ZipMagic)) { stream.Position = 0; return Kind.Zip; }
        for (long offset = 0; offset + 8 <= stream.Length && offset <= 1L << 20; offset = offset == 0 ? 512 : offset * 2)
        {
            stream.Position = offset;
            if (stream.ReadAtLeast(head, 8, throwOnEndOfStream: false) == 8 && head.AsSpan().SequenceEqual(Hdf5Magic)) { stream.Position = 0; return Kind.Hdf5; }
        }
        string shown = n == 0 ? "it is empty" : $"it starts with {Convert.ToHexString(head, 0, n)}";
        throw new ModelFileError(path, $"is neither a .keras zip nor an HDF5 file ({shown}).");
    }

    private static Model LoadKeras(Stream stream, string path, bool compile)
    {
        using var archive = KerasArchive.Open(stream, path);
        string configWhere = $"{path}, member {KerasArchive.Config}";
        var config = ConfigReader.Parse(archive.ReadText(KerasArchive.Config), configWhere);
        if (archive.Has(KerasArchive.Metadata)) ConfigReader.Parse(archive.ReadText(KerasArchive.Metadata), $"{path}, member {KerasArchive.Metadata}");
        var model = AsModel(ModelConfigReader.Deserialize(config, configWhere), configWhere);
        var pending = new PendingAssignments();
        using (var file = PureHdfReader.Open(new MemoryStream(archive.Read(KerasArchive.Weights)), $"{path}, member {KerasArchive.Weights}"))
        {
            KerasWeightsLayout.Read(file, model, skipMismatch: false, pending);
            if (compile && config["compile_config"] is JsonObject cc)
            {
                CompileSerializer.Compile(model, cc, $"{configWhere}, compile_config");
                OptimizerWeights.Read(file, model.Optimizer!, model.TrainableWeights, pending);
            }
        }
        pending.Commit();
        return model;
    }

    private static void ReadKeras3Weights(IHdf5Reader file, Model model, bool skipMismatch, PendingAssignments pending)
    {
        KerasWeightsLayout.Read(file, model, skipMismatch, pending);
        if (model.Optimizer is { } opt) OptimizerWeights.Read(file, opt, model.TrainableWeights, pending);
    }

    private static Model LoadLegacy(Stream stream, string path, bool compile)
    {
        using var file = PureHdfReader.Open(stream, path);
        var text = file.StringAttribute("/", "model_config")
            ?? throw new ModelFileError(path, "is an HDF5 file without a 'model_config' attribute: a weights-only file. Build the model and call LoadWeights.");
        string where = $"{path}, attribute model_config";
        var model = AsModel(ModelConfigReader.Deserialize(ConfigReader.Parse(text, where), where), where);
        var pending = new PendingAssignments();
        if (!file.IsGroup("/model_weights")) throw new ModelFileError(path, "has no group /model_weights.");
        LegacyH5Weights.Read(file, model, byName: false, skipMismatch: false, pending);
        if (compile && file.StringAttribute("/", "training_config") is { } training)
        {
            CompileSerializer.Compile(model, ConfigReader.Parse(training, $"{path}, attribute training_config"), $"{path}, attribute training_config");
            OptimizerWeights.ReadLegacy(file, model.Optimizer!, model.TrainableWeights, pending);
        }
        pending.Commit();
        return model;
    }

    private static Model AsModel(Layer layer, string where) => layer as Model
        ?? throw new ModelFileError(where, $"describes a single {layer.ClassName} layer, not a model.");
}
