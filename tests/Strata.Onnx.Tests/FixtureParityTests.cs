using Strata.Datasets;
using Strata.Keras.Models;

namespace Strata.Onnx.Tests;

/// <summary>
/// The three real Keras files of ../shared/fixtures/keras, exported: on the first 1,000 Fashion-MNIST test images
/// ONNX Runtime's probabilities equal Strata's within 1e-5, and on all 10,000 ONNX Runtime reaches the accuracy an
/// independent NumPy forward pass gives the files' weights (the figures of Strata.Keras.Tests' FixtureLoadingTests).
/// Skips when the fixtures or the data set are absent.
/// </summary>
public class FixtureParityTests
{
    private static string Fixture(string name)
    {
        string? dir = Environment.GetEnvironmentVariable("STRATA_SHARED") is { Length: > 0 } env ? Path.Combine(env, "fixtures", "keras") : null;
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); dir is null && d is not null; d = d.Parent)
            if (Directory.Exists(Path.Combine(d.FullName, "shared", "fixtures", "keras"))) dir = Path.Combine(d.FullName, "shared", "fixtures", "keras");
        Assert.SkipWhen(dir is null, "the Keras fixtures (../shared/fixtures/keras) are not present");
        var path = Path.Combine(dir!, name);
        Assert.SkipUnless(File.Exists(path), $"{path} is not present");
        return path;
    }

    [Theory]
    [InlineData("fashion_mlp_keras2.h5", 0.8751)]
    [InlineData("fashion_mlp_keras3.keras", 0.8933)]
    [InlineData("fashion_cnn_keras3.h5", 0.8921)]
    public void ExportedFixtureMatchesStrataAndReachesItsAccuracy(string file, double accuracy)
    {
        var model = keras.models.LoadModel(Fixture(file));
        Tensor images, labels;
        try { (_, (images, labels)) = FashionMnist.LoadData(); }
        catch (Exception e) when (e is DatasetNotFoundError or DatasetFormatError) { Assert.Skip($"Fashion-MNIST is not installed (scripts/install-fashion-mnist.sh): {e.Message}"); return; }
        var shape = model.Inputs.Count > 0 ? model.Inputs[0].Shape : model.Layers[0].BuildInputShape!.Value;
        var x = tf.Reshape(Images.ToFloat01(images), [-1, .. shape.ToArray()[1..]]);

        OnnxCheck.AssertMatches(model, x[..1000]);

        var p = OnnxCheck.Run(model.ToOnnxBytes(), x, out var outShape);
        int classes = (int)outShape[1];
        var truth = tf.Cast(labels, DType.Int64).ToArray<long>();
        int right = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            int best = 0;
            for (int k = 1; k < classes; k++) if (p[i * classes + k] > p[i * classes + best]) best = k;
            if (best == truth[i]) right++;
        }
        Assert.Equal(accuracy, right / (double)truth.Length, 4);
    }
}
