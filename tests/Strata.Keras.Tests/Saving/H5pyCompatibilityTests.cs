using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Strata.Keras.Layers;
using Strata.Keras.Models;

namespace Strata.Keras.Tests.Saving;

/// <summary>Files Strata writes open in Debian's h5py and hold exactly what Strata meant to write
/// (scripts/check-h5-with-h5py.py compares every dataset). Skips when /usr/bin/python3 has no h5py.</summary>
public class H5pyCompatibilityTests
{
    private static string Script()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "scripts", "check-h5-with-h5py.py"))) return Path.Combine(dir.FullName, "scripts", "check-h5-with-h5py.py");
        Assert.Skip("scripts/check-h5-with-h5py.py not found above the test binary");
        return "";
    }

    private static (int Code, string Output) Run(params string[] args)
    {
        Assert.SkipUnless(File.Exists("/usr/bin/python3"), "/usr/bin/python3 is not installed");
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.SkipWhen(p.ExitCode == 2, $"python3-h5py is not installed: {output}");
        return (p.ExitCode, output);
    }

    // "R" of the widened value gives each float32 back exactly when NumPy parses it as float64 and narrows it.
    private static JsonArray Floats(float[] values) =>
        new(values.Select(v => JsonNode.Parse(((double)v).ToString("R", CultureInfo.InvariantCulture))).ToArray());

    private static JsonObject Expected(Model model)
    {
        var expected = new JsonObject();
        foreach (var (path, _, vars) in Strata.Keras.Saving.KerasWeightsLayout.Plan(model))
            for (int i = 0; i < vars.Count; i++)
                expected[$"{path}/{i}"] = new JsonObject
                {
                    ["shape"] = new JsonArray(vars[i].Shape.ToArray().Select(d => (JsonNode)d).ToArray()),
                    ["dtype"] = "float32",
                    ["values"] = Floats(vars[i].ToArray<float>()),
                };
        return expected;
    }

    [Fact]
    public void KerasArchiveAndWeightsFileOpenInH5py()
    {
        using var dir = new TempDir();
        var script = Script();
        keras.SetRandomSeed(4);
        var x = keras.Input([3], name: "x");
        var model = new Model(x, new Dense(2, activation: "softmax").Apply(new Dense(4, activation: "relu").Apply(x)));
        model.Compile("adam", "sparse_categorical_crossentropy");
        model.TrainOnBatch(tf.Constant(new float[,] { { 1, 2, 3 } }), tf.Constant(new long[] { 1 }));
        model.Save(dir.File("m.keras"));
        model.SaveWeights(dir.File("m.weights.h5"));
        var expected = Expected(model);
        // The optimizer: iteration, learning rate, then momentum/velocity per variable.
        var opt = model.Optimizer!;
        expected["/optimizer/vars/0"] = new JsonObject { ["shape"] = new JsonArray(), ["dtype"] = "int64", ["values"] = new JsonArray(1) };
        expected["/optimizer/vars/1"] = new JsonObject { ["shape"] = new JsonArray(), ["dtype"] = "float32", ["values"] = new JsonArray(0.001f) };
        int k = 2;
        foreach (var v in model.TrainableWeights)
            foreach (var slot in new[] { "momentum", "velocity" })
                expected[$"/optimizer/vars/{k++}"] = new JsonObject
                {
                    ["shape"] = new JsonArray(v.Shape.ToArray().Select(d => (JsonNode)d).ToArray()),
                    ["dtype"] = "float32",
                    ["values"] = Floats(opt.GetSlot(v, slot)!.ToArray<float>()),
                };
        File.WriteAllText(dir.File("expected.json"), expected.ToJsonString());
        foreach (var file in new[] { "m.keras", "m.weights.h5" })
        {
            var (code, output) = Run(script, dir.File(file), dir.File("expected.json"));
            Assert.True(code == 0, $"{file}: {output}");
        }
        // hdf5-tools' h5dump reads every dataset too (when installed).
        if (File.Exists("/usr/bin/h5dump"))
        {
            using var dump = Process.Start(new ProcessStartInfo("/usr/bin/h5dump", ["-d", "/layers/dense/vars/0", dir.File("m.weights.h5")]) { RedirectStandardOutput = true })!;
            string text = dump.StandardOutput.ReadToEnd();
            dump.WaitForExit();
            Assert.True(dump.ExitCode == 0, text);
            Assert.Contains("H5T_IEEE_F32LE", text);
        }
    }
}
