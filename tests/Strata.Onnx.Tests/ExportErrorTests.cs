using Strata.Keras.Layers;
using Strata.Keras.Models;

namespace Strata.Onnx.Tests;

public class ExportErrorTests
{
    [Fact]
    public void UnsupportedLayerNamesTheLayerAndItsClass()
    {
        var model = new Sequential([new Dense(4, inputShape: [3]), new GroupNormalization(groups: 2, name: "norm")]);
        var e = Assert.Throws<NotSupportedException>(() => model.ToOnnxBytes());
        Assert.Contains("'norm' (GroupNormalization)", e.Message);
    }

    [Fact]
    public void ActivationGivenAsAFunctionIsRefusedWithTheKerasNameAsTheWayOut()
    {
        var model = new Sequential([new Dense(4, activation: x => x * 2.0, inputShape: [3], name: "scaled")]);
        var e = Assert.Throws<NotSupportedException>(() => model.ToOnnxBytes());
        Assert.Contains("'scaled' (Dense)", e.Message);
        Assert.Contains("Keras name", e.Message);
    }

    [Fact]
    public void UnbuiltSequentialSaysHowToBuildIt()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new Sequential([new Dense(2)]).ToOnnxBytes());
        Assert.Contains("not built", e.Message);
    }

    [Fact]
    public void ReturnStateIsRefused()
    {
        var x = keras.Input([4, 3]);
        var model = new Model(x, new Dense(2).Apply(new LSTM(3, returnState: true, name: "stateful_out").Apply(x)));
        var e = Assert.Throws<NotSupportedException>(() => model.ToOnnxBytes());
        Assert.Contains("'stateful_out' (LSTM)", e.Message);
    }

    /// <summary>The export goes through a temp file and a rename: a refused model leaves the previous file as it was,
    /// and no temp file is left behind either way.</summary>
    [Fact]
    public void FileExportIsAtomic()
    {
        var dir = Directory.CreateTempSubdirectory("strata-onnx-");
        try
        {
            var path = Path.Combine(dir.FullName, "m.onnx");
            var good = new Sequential([new Dense(4, inputShape: [3])]);
            good.ExportOnnx(path);
            var before = File.ReadAllBytes(path);
            Assert.Equal(good.ToOnnxBytes(), before);
            var bad = new Sequential([new Dense(4, inputShape: [3]), new GroupNormalization(groups: 2)]);
            Assert.Throws<NotSupportedException>(() => bad.ExportOnnx(path));
            Assert.Equal(before, File.ReadAllBytes(path));
            Assert.Single(Directory.GetFiles(dir.FullName));
        }
        finally { dir.Delete(recursive: true); }
    }
}
