using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Saving;

namespace Strata.Keras.Tests.Saving;

/// <summary>Corrupt, truncated, foreign and unsafe files: each gives a <see cref="ModelFileError"/> that says what is
/// wrong and where, and never changes the model it was loaded into.</summary>
public class MalformedFileTests
{
    private static Sequential Model4x2() => new([new InputLayer([4]), new Dense(2, name: "dense")]);

    /// <summary>The members of a good .keras file of <see cref="SavingFiles.TinyMlp"/>.</summary>
    private static Dictionary<string, byte[]> GoodMembers(TempDir dir)
    {
        var model = SavingFiles.TinyMlp();
        model.Compile("adam", "sparse_categorical_crossentropy");
        model.Save(dir.File("good.keras"));
        using var zip = ZipFile.OpenRead(dir.File("good.keras"));
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var s = e.Open();
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            return ms.ToArray();
        });
    }

    private static string WriteZip(TempDir dir, string name, IEnumerable<KeyValuePair<string, byte[]>> members)
    {
        var path = dir.File(name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (member, bytes) in members)
        {
            using var s = zip.CreateEntry(member).Open();
            s.Write(bytes);
        }
        return path;
    }

    private static string WithMember(TempDir dir, string member, byte[]? bytes)
    {
        var members = GoodMembers(dir);
        if (bytes is null) members.Remove(member);
        else members[member] = bytes;
        return WriteZip(dir, "bad.keras", members);
    }

    private static string WithConfig(TempDir dir, Func<JsonNode, JsonNode> edit)
    {
        var config = JsonNode.Parse(GoodMembers(dir)["config.json"])!;
        return WithMember(dir, "config.json", Encoding.UTF8.GetBytes(edit(config).ToJsonString()));
    }

    private static ModelFileError LoadFails(string path) => Assert.Throws<ModelFileError>(() => keras.models.LoadModel(path));

    [Fact]
    public void EmptyFile()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("e.keras"), []);
        Assert.Contains("is neither a .keras zip nor an HDF5 file (it is empty)", LoadFails(dir.File("e.keras")).Message);
    }

    [Fact]
    public void WrongMagic()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("m.keras"), "hello, not a model");
        var e = LoadFails(dir.File("m.keras"));
        Assert.Contains("starts with 68656C6C6F", e.Message);
        Assert.Contains("m.keras", e.Message);
    }

    [Fact]
    public void MissingFile()
    {
        using var dir = new TempDir();
        Assert.Contains("does not exist", LoadFails(dir.File("nothing.keras")).Message);
    }

    [Fact]
    public void TruncatedZip()
    {
        using var dir = new TempDir();
        GoodMembers(dir);
        var bytes = File.ReadAllBytes(dir.File("good.keras"));
        File.WriteAllBytes(dir.File("t.keras"), bytes[..(bytes.Length / 2)]);
        Assert.Contains("is not a readable .keras zip archive", LoadFails(dir.File("t.keras")).Message);
    }

    [Fact]
    public void MissingWeightsMember()
    {
        using var dir = new TempDir();
        Assert.Contains("has no member model.weights.h5", LoadFails(WithMember(dir, "model.weights.h5", null)).Message);
    }

    [Fact]
    public void MissingConfigMember()
    {
        using var dir = new TempDir();
        Assert.Contains("has no member config.json", LoadFails(WithMember(dir, "config.json", null)).Message);
    }

    [Fact]
    public void ConfigIsNotJson()
    {
        using var dir = new TempDir();
        var e = LoadFails(WithMember(dir, "config.json", "{\"class_name\": "u8.ToArray()));
        Assert.Contains("member config.json: is not valid JSON", e.Message);
    }

    [Fact]
    public void MetadataIsNotJson()
    {
        using var dir = new TempDir();
        Assert.Contains("member metadata.json: is not valid JSON", LoadFails(WithMember(dir, "metadata.json", "]"u8.ToArray())).Message);
    }

    [Fact]
    public void ConfigNamesAnUnknownClass()
    {
        using var dir = new TempDir();
        var e = LoadFails(WithConfig(dir, c =>
        {
            c["config"]!["layers"]![1]!["class_name"] = "FancyLayer";
            return c;
        }));
        Assert.Contains("FancyLayer is not registered", e.Message);
        Assert.Contains("layers[1]", e.Message);
        Assert.Contains("Dense", e.Message); // the list of what is registered
    }

    [Fact]
    public void ConfigOfASingleLayer()
    {
        using var dir = new TempDir();
        var e = LoadFails(WithConfig(dir, c => c["config"]!["layers"]![1]!.DeepClone()));
        Assert.Contains("describes a single Dense layer, not a model", e.Message);
    }

    [Fact]
    public void ConfigMissesARequiredKey()
    {
        using var dir = new TempDir();
        var e = LoadFails(WithConfig(dir, c =>
        {
            c["config"]!["layers"]![1]!["config"]!.AsObject().Remove("units");
            return c;
        }));
        Assert.Contains("'units' is missing", e.Message);
        Assert.Contains("layer 'dense", e.Message);
    }

    [Fact]
    public void ConfigWithARegularizer()
    {
        using var dir = new TempDir();
        var e = LoadFails(WithConfig(dir, c =>
        {
            c["config"]!["layers"]![1]!["config"]!["kernel_regularizer"] = JsonNode.Parse("""{"class_name":"L2","config":{"l2":0.01}}""");
            return c;
        }));
        Assert.Contains("does not support kernel regularizers", e.Message);
    }

    [Fact]
    public void CompileConfigWithAnUnknownLoss()
    {
        using var dir = new TempDir();
        var e = LoadFails(WithConfig(dir, c =>
        {
            c["compile_config"]!["loss"] = JsonNode.Parse("""{"module":"keras.losses","class_name":"Poisson","config":{},"registered_name":null}""");
            return c;
        }));
        Assert.Contains("loss class 'Poisson' is not supported", e.Message);
    }

    [Fact]
    public void BombSizedMember()
    {
        using var dir = new TempDir();
        var path = dir.File("bomb.keras");
        File.WriteAllBytes(path, ZipCrafter.StoredEntryDeclaring("model.weights.h5", "tiny"u8.ToArray(), declaredSize: 5L << 30));
        var e = LoadFails(path);
        Assert.Contains("member model.weights.h5", e.Message);
        Assert.Contains("zip bomb", e.Message);
    }

    [Fact]
    public void PathTraversalMember()
    {
        using var dir = new TempDir();
        var members = GoodMembers(dir);
        members["../../outside.txt"] = "x"u8.ToArray();
        var e = LoadFails(WriteZip(dir, "p.keras", members));
        Assert.Contains("member ../../outside.txt", e.Message);
        Assert.Contains("outside the archive", e.Message);
        Assert.Throws<ModelFileError>(() => KerasArchive.CheckName("x", "/etc/passwd"));
        Assert.Throws<ModelFileError>(() => KerasArchive.CheckName("x", "C:\\evil"));
        KerasArchive.CheckName("x", "assets/ok.txt");
    }

    [Fact]
    public void DuplicateMember()
    {
        using var dir = new TempDir();
        var members = GoodMembers(dir).ToList();
        members.Add(new("config.json", members.First(m => m.Key == "config.json").Value));
        Assert.Contains("appears twice", LoadFails(WriteZip(dir, "d.keras", members)).Message);
    }

    [Fact]
    public void WeightsMemberIsNotHdf5()
    {
        using var dir = new TempDir();
        var e = LoadFails(WithMember(dir, "model.weights.h5", "not hdf5 at all"u8.ToArray()));
        Assert.Contains("member model.weights.h5: not a readable HDF5 file", e.Message);
    }

    [Fact]
    public void TruncatedWeightsFile()
    {
        using var dir = new TempDir();
        var model = Model4x2();
        model.SaveWeights(dir.File("w.weights.h5"));
        var bytes = File.ReadAllBytes(dir.File("w.weights.h5"));
        File.WriteAllBytes(dir.File("t.weights.h5"), bytes[..(bytes.Length * 2 / 3)]);
        var e = Assert.Throws<ModelFileError>(() => Model4x2().LoadWeights(dir.File("t.weights.h5")));
        Assert.Contains("t.weights.h5", e.Message);
    }

    [Fact]
    public void DatasetOfTheWrongShape()
    {
        using var dir = new TempDir();
        Model4x2().SaveWeights(dir.File("w.weights.h5"));
        var other = new Sequential([new InputLayer([4]), new Dense(3)]);
        var e = Assert.Throws<ModelFileError>(() => other.LoadWeights(dir.File("w.weights.h5")));
        Assert.Contains("dataset /layers/dense/vars/0: has shape (4, 2)", e.Message);
        Assert.Contains("(4, 3)", e.Message);
    }

    [Fact]
    public void WeightsOfAnotherModelAreMissingALayer()
    {
        using var dir = new TempDir();
        Model4x2().SaveWeights(dir.File("w.weights.h5"));
        var bigger = new Sequential([new InputLayer([4]), new Dense(2), new Dense(2)]);
        var e = Assert.Throws<ModelFileError>(() => bigger.LoadWeights(dir.File("w.weights.h5")));
        Assert.Contains("group /layers/dense_1/vars: is missing", e.Message);
    }

    [Fact]
    public void FailedLoadLeavesTheModelUntouched()
    {
        using var dir = new TempDir();
        keras.SetRandomSeed(3);
        new Sequential([new InputLayer([4]), new Dense(2), new Dense(3)]).SaveWeights(dir.File("w.weights.h5"));
        var model = new Sequential([new InputLayer([4]), new Dense(2), new Dense(4)]);
        var before = model.GetWeights().Select(w => w.ToArray<float>()).ToArray();
        Assert.Throws<ModelFileError>(() => model.LoadWeights(dir.File("w.weights.h5")));
        Assert.Equal(before, model.GetWeights().Select(w => w.ToArray<float>()).ToArray()); // the first Dense matched, yet is unchanged
    }

    [Fact]
    public void OptimizerStateOfTheWrongSize()
    {
        using var dir = new TempDir();
        var model = SavingFiles.TinyMlp(dropout: 0);
        model.Compile("adam", "sparse_categorical_crossentropy");
        model.TrainOnBatch(SavingFiles.TinyInputs(), SavingFiles.TinyLabels());
        model.SaveWeights(dir.File("w.weights.h5"));
        var sgd = SavingFiles.TinyMlp(dropout: 0);
        sgd.Compile(new Optimizers.SGD(momentum: 0.9), "sparse_categorical_crossentropy");
        var e = Assert.Throws<ModelFileError>(() => sgd.LoadWeights(dir.File("w.weights.h5")));
        Assert.Contains("group /optimizer/vars: holds 10 optimizer variables", e.Message);
    }

    [Fact]
    public void WeightsFileIsNotAModelFile()
    {
        using var dir = new TempDir();
        Model4x2().SaveWeights(dir.File("w.weights.h5"));
        Assert.Contains("without a 'model_config' attribute", LoadFails(dir.File("w.weights.h5")).Message);
    }

    [Fact]
    public void ByNameNeedsALegacyFile()
    {
        using var dir = new TempDir();
        Model4x2().SaveWeights(dir.File("w.weights.h5"));
        Assert.Contains("byName works only with legacy .h5 files", Assert.Throws<ModelFileError>(() => Model4x2().LoadWeights(dir.File("w.weights.h5"), byName: true)).Message);
        Model4x2().Save(dir.File("m.keras"));
        Assert.Throws<ModelFileError>(() => Model4x2().LoadWeights(dir.File("m.keras"), byName: true));
    }

    [Theory]
    // Links are found in the groups' link messages and symbol tables before PureHDF resolves any of them.
    [InlineData("soft_link.weights.h5", "group /layers/dense/vars", "is a soft or external link")]
    [InlineData("soft_link_cycle.weights.h5", "group /layers/dense", "is a soft or external link")] // PureHDF alone would recurse until the stack overflows
    [InlineData("external_link.weights.h5", "group /layers/dense/vars: member 1", "is a soft or external link")]
    [InlineData("external_dataset.weights.h5", "dataset /layers/dense/vars/1", "external files")]
    [InlineData("bomb_dataset.weights.h5", "dataset /layers/dense/vars/0", "decompression bomb")]
    [InlineData("string_dataset.weights.h5", "dataset /layers/dense/vars/0", "only float32")]
    public void UnsafeOrForeignHdf5Objects(string file, string where, string what)
    {
        var model = Model4x2();
        var before = model.GetWeights()[0].ToArray<float>();
        var e = Assert.Throws<ModelFileError>(() => model.LoadWeights(SavingFiles.Malformed(file)));
        Assert.Contains(where, e.Message);
        Assert.Contains(what, e.Message);
        Assert.Equal(before, model.GetWeights()[0].ToArray<float>());
    }
}

/// <summary>Writes a zip by hand so that a member can declare any size (ZipArchive writes only true sizes).</summary>
internal static class ZipCrafter
{
    public static byte[] StoredEntryDeclaring(string name, byte[] data, long declaredSize)
    {
        var ms = new MemoryStream();
        var w = new BinaryWriter(ms);
        var nameBytes = Encoding.ASCII.GetBytes(name);
        // Local file header.
        w.Write(0x04034b50); w.Write((short)45); w.Write((short)0); w.Write((short)0); w.Write((short)0); w.Write((short)0x21);
        w.Write(0); w.Write(data.Length); w.Write(data.Length); w.Write((short)nameBytes.Length); w.Write((short)0);
        w.Write(nameBytes); w.Write(data);
        long cdStart = ms.Position;
        // Central directory header: sizes 0xFFFFFFFF, the real ones in a Zip64 extra field (uncompressed, compressed).
        w.Write(0x02014b50); w.Write((short)45); w.Write((short)45); w.Write((short)0); w.Write((short)0); w.Write((short)0); w.Write((short)0x21);
        w.Write(0); w.Write(-1); w.Write(-1); w.Write((short)nameBytes.Length); w.Write((short)20); w.Write((short)0);
        w.Write((short)0); w.Write((short)0); w.Write(0); w.Write(0);
        w.Write(nameBytes);
        w.Write((short)1); w.Write((short)16); w.Write(declaredSize); w.Write((long)data.Length);
        long cdSize = ms.Position - cdStart;
        // End of central directory.
        w.Write(0x06054b50); w.Write((short)0); w.Write((short)0); w.Write((short)1); w.Write((short)1);
        w.Write((int)cdSize); w.Write((int)cdStart); w.Write((short)0);
        w.Flush();
        return ms.ToArray();
    }
}

/// <summary>Damaged bytes anywhere in a file give a ModelFileError (or, where the byte did not matter, a good load),
/// never another exception. (Run once with 3,000 flips per file: one turned a hard link into a soft link to itself,
/// on which PureHDF overflowed the stack; links are now read without resolving them.)</summary>
public class CorruptionTests
{
    [Theory]
    [InlineData("w.weights.h5")]
    [InlineData("m.keras")]
    public void FlippedBytesGiveAModelFileErrorOrALoad(string name)
    {
        using var dir = new TempDir();
        var model = new Sequential([new InputLayer([3]), new Dense(2, name: "dense")]);
        if (name.EndsWith(".keras", StringComparison.Ordinal)) model.Save(dir.File(name));
        else model.SaveWeights(dir.File(name));
        var good = File.ReadAllBytes(dir.File(name));
        var rng = new Random(1234);
        int steps = SavingFiles.UnderArm64 ? 40 : 200;
        for (int k = 0; k < steps; k++)
        {
            var bad = (byte[])good.Clone();
            int at = rng.Next(bad.Length);
            bad[at] ^= (byte)(1 + rng.Next(255));
            var path = dir.File("bad_" + name);
            File.WriteAllBytes(path, bad);
            var target = new Sequential([new InputLayer([3]), new Dense(2, name: "dense")]);
            var e = Record.Exception(() => target.LoadWeights(path));
            Assert.True(e is null or ModelFileError, $"byte {at}: {e?.GetType().Name}: {e?.Message}");
        }
    }
}
