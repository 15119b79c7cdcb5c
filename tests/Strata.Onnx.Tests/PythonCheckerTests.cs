using System.Diagnostics;
using Strata.Keras.Layers;
using Strata.Keras.Models;

namespace Strata.Onnx.Tests;

/// <summary>Debian's python3-onnx checker (full check, with shape inference) accepts the exported files. Skips when
/// /usr/bin/python3 cannot import onnx (Debian's packages are for /usr/bin/python3, not a python3 earlier on PATH).</summary>
public class PythonCheckerTests
{
    private const string Python = "/usr/bin/python3";

    private static (int Code, string Output) RunPython(params string[] args)
    {
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd() + stderr.Result;
        p.WaitForExit();
        return (p.ExitCode, output);
    }

    private static void SkipWithoutOnnx()
    {
        Assert.SkipUnless(File.Exists(Python), $"{Python} is not installed");
        var (code, output) = RunPython("-c", "import onnx");
        Assert.SkipWhen(code != 0, $"python3-onnx is not installed (apt-get install python3-onnx): {output.Trim()}");
    }

    public static TheoryData<string> Models => ["mlp", "cnn", "lstm", "gru", "functional"];

    [Theory]
    [MemberData(nameof(Models))]
    public void CheckerAcceptsTheFile(string which)
    {
        SkipWithoutOnnx();
        keras.SetRandomSeed(1);
        Model model = which switch
        {
            "mlp" => new Sequential([new Flatten(inputShape: [28, 28]), new Dense(128, activation: "relu"), new Dense(10)]),
            "cnn" => new Sequential([new Conv2D(32, 3, activation: "relu", inputShape: [28, 28, 1]), new MaxPooling2D(2),
                new Conv2D(64, 3, activation: "relu"), new MaxPooling2D(2), new Flatten(), new Dense(128, activation: "relu"), new Dense(10)]),
            "lstm" => new Sequential([new LSTM(8, returnSequences: true, inputShape: [5, 3]), new LSTM(4), new Dense(2)]),
            "gru" => new Sequential([new GRU(8, inputShape: [5, 3]), new Dense(2, activation: "softmax")]),
            _ => Functional(),
        };
        var path = Path.Combine(Path.GetTempPath(), $"strata-onnx-check-{which}-{Environment.ProcessId}.onnx");
        try
        {
            model.ExportOnnx(path);
            var (code, output) = RunPython("-c",
                "import sys, onnx; m = onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True); " +
                "print('ok', m.opset_import[0].version, len(m.graph.node))", path);
            Assert.True(code == 0, output);
            Assert.StartsWith("ok 17", output);
        }
        finally { File.Delete(path); }
    }

    private static Model Functional()
    {
        var x = keras.Input([9, 9, 2]);
        var a = new Conv2D(4, 3, padding: "same").Apply(x);
        var b = new BatchNormalization().Apply(new Conv2D(4, 1).Apply(x));
        var y = new GlobalAveragePooling2D().Apply(new Add().Apply([a, b]));
        return new Model(x, new Dense(3).Apply(new Concatenate().Apply([y, new GlobalMaxPooling2D().Apply(a)])));
    }
}
