using System.IO.Compression;
using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;
using Strata.Keras.Saving;

namespace Strata.Keras.Tests.Saving;

/// <summary>
/// The three real Keras files of ../shared/fixtures/keras. Reference numbers come from an independent NumPy forward
/// pass (Debian's python3-h5py 3.7 + numpy, float32): the weights read with h5py, h = relu(x W1 + b1),
/// p = softmax(h W2 + b2), on <see cref="SavingFiles.PatternImages"/> flattened to 784, and on the Fashion-MNIST test
/// set (pixels / 255).
/// </summary>
public class FixtureLoadingTests
{
    // NumPy: softmax(relu(x @ kernel + bias) @ kernel_1 + bias_1) for the pattern images, fashion_mlp_keras2.h5.
    private static readonly double[][] Keras2Expected =
    [
        [0.0848635063, 0.790947795, 0.00210406468, 2.84142715e-07, 1.20256072e-06, 7.37284159e-15, 0.0107590891, 2.75146448e-07, 0.111323647, 1.01948764e-07],
        [1.31425406e-06, 1.23722632e-08, 2.32959101e-05, 0.000991275534, 1.20248589e-09, 1.51109854e-11, 0.008489931, 3.33456179e-10, 0.990494192, 1.68589936e-12],
        [0.000686958141, 0.000532660109, 0.000225567652, 7.56639347e-05, 1.57651371e-07, 4.98500558e-05, 0.0097773131, 1.0764637e-09, 0.988624215, 2.75362218e-05],
        [3.05662269e-07, 3.74414638e-10, 4.3908372e-07, 1.61329652e-08, 1.06894361e-10, 1.04276587e-11, 0.000210165075, 2.0975474e-12, 0.999789059, 3.04473872e-12],
    ];

    // The same for fashion_mlp_keras3.keras (weights from model.weights.h5's layers/dense/vars/0…).
    private static readonly double[][] Keras3Expected =
    [
        [0.194308579, 0.0166178346, 0.0115948403, 3.29437313e-08, 0.000279499334, 9.28863102e-08, 0.115449794, 0.000174319983, 0.661562026, 1.2905266e-05],
        [3.86595457e-05, 1.48869024e-08, 0.000324587629, 8.55227881e-07, 3.97959184e-07, 7.30594821e-11, 0.000446564314, 3.43798856e-09, 0.99918896, 1.01728504e-14],
        [6.50472866e-05, 4.75911793e-06, 0.000526699878, 1.15289708e-07, 0.000110424931, 1.31298532e-06, 0.00052652735, 2.00601676e-07, 0.998764873, 8.71690204e-08],
        [4.21552568e-06, 2.89466318e-09, 2.23405763e-07, 1.06396125e-09, 3.02047631e-08, 2.11175844e-13, 1.12275175e-05, 3.79096532e-10, 0.999984264, 3.35012047e-13],
    ];

    private static void AssertPredictions(double[][] expected, Tensor p)
    {
        Assert.Equal([4, 10], p.Shape.ToArray());
        var got = Check.Values(p);
        for (int i = 0; i < 4; i++)
            for (int k = 0; k < 10; k++)
                Assert.True(Math.Abs(expected[i][k] - got[i * 10 + k]) <= 2e-6, $"image {i} class {k}: NumPy {expected[i][k]}, Strata {got[i * 10 + k]}");
    }

    [Fact]
    public void Keras2LegacyH5LoadsBuildsCompilesAndPredictsAsNumPy()
    {
        var model = keras.models.LoadModel(SavingFiles.Fixture("fashion_mlp_keras2.h5"));
        var seq = Assert.IsType<Sequential>(model);
        Assert.Equal(["flatten", "dense", "dense_1"], seq.Layers.Select(l => l.Name));
        Assert.Equal(784 * 128 + 128 + 128 * 10 + 10, model.CountParams());
        Assert.Equal("relu", ((Dense)seq.Layers[1]).Activation.Name);
        Assert.IsType<Adam>(model.Optimizer);
        Assert.IsType<Strata.Keras.Losses.SparseCategoricalCrossentropy>(model.Loss);
        AssertPredictions(Keras2Expected, model.Predict(SavingFiles.PatternImages()));
        // Adam's state from optimizer_weights (Keras 2: iter, all m, then all v); values read with h5py.
        Assert.Equal(18750, model.Optimizer!.Iterations);
        Assert.Equal(new[] { -1.6915728e-06f, -1.8546616e-06f, -3.4866255e-04f },
            model.Optimizer.GetSlot(model.TrainableWeights[0], "momentum")!.ToArray<float>().Skip(300 * 128).Take(3));
        Assert.Equal(new[] { 6.5902097e-04f, 6.4036831e-05f, 8.7078958e-04f },
            model.Optimizer.GetSlot(model.TrainableWeights[3], "velocity")!.ToArray<float>().Take(3));
    }

    [Fact]
    public void Keras3ArchiveLoadsAndPredictsAsNumPy()
    {
        var model = keras.models.LoadModel(SavingFiles.Fixture("fashion_mlp_keras3.keras"));
        var seq = Assert.IsType<Sequential>(model);
        Assert.Equal(["flatten", "dense", "dense_1"], seq.Layers.Select(l => l.Name));
        Assert.IsType<Initializers.HeUniform>(((Dense)seq.Layers[1]).KernelInitializer);
        Assert.Equal(784 * 512 + 512 + 512 * 10 + 10, model.CountParams());
        // The file's optimizer never stepped after loading in Python: iteration 9380, learning rate 0.001.
        Assert.Equal(9380, model.Optimizer!.Iterations);
        AssertPredictions(Keras3Expected, model.Predict(SavingFiles.PatternImages()));
    }

    // NumPy (float64) on the pattern images for fashion_cnn_keras3.h5: three valid 3x3 convolutions with relu, 2x2 max
    // pools after the first two, flatten (576), dense 64 relu, dense 10 softmax (the dropouts are inference identities).
    private static readonly double[][] CnnExpected =
    [
        [0.0433190398, 0.0116234828, 0.248863311, 0.049670874, 0.309648031, 0.000854074352, 0.286516505, 0.000141596384, 0.0490375395, 0.000325546809],
        [0.421111051, 0.0071906963, 0.242815943, 0.011026955, 0.00650806747, 0.128855915, 0.055849265, 0.00162985332, 0.123802854, 0.00120939996],
        [0.0691160295, 5.33831225e-07, 0.00301781367, 4.90980266e-07, 5.569831e-07, 0.000216425745, 0.000157519951, 9.97370263e-06, 0.927475137, 5.51863232e-06],
        [0.532974743, 1.71138532e-07, 0.0243897721, 1.05352381e-05, 5.89529227e-06, 0.00393971849, 0.00263106851, 9.34246946e-06, 0.436038664, 9.05018625e-08],
    ];

    [Fact]
    public void Keras3LegacyCnnLoadsAndPredictsAsNumPy()
    {
        var model = keras.models.LoadModel(SavingFiles.Fixture("fashion_cnn_keras3.h5"));
        var seq = Assert.IsType<Sequential>(model);
        Assert.Equal(["conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1", "conv2d_2", "dropout", "flatten", "dense", "dropout_1", "dense_1"],
            seq.Layers.Select(l => l.Name));
        Assert.Equal(new Shape(3, 3, 1, 32), ((Conv2D)seq.Layers[0]).Weights[0].Shape);
        AssertPredictions(CnnExpected, model.Predict(tf.Reshape(SavingFiles.PatternImages(), [4, 28, 28, 1])));
    }

    [Fact]
    public void LegacyWeightsLoadIntoAFreshModelByOrderAndByName()
    {
        var path = SavingFiles.Fixture("fashion_mlp_keras2.h5");
        var reference = keras.models.LoadModel(path);
        foreach (bool byName in new[] { false, true })
        {
            var model = new Sequential([new InputLayer([28, 28]), new Flatten(), new Dense(128, "relu", name: "dense"), new Dense(10, "softmax", name: "dense_1")]);
            model.LoadWeights(path, byName: byName);
            SavingFiles.AssertSameWeights(reference, model);
        }
    }

    [Fact]
    public void WeightsOfAKerasArchiveLoadIntoAModelBuiltInCode()
    {
        var path = SavingFiles.Fixture("fashion_mlp_keras3.keras");
        var model = new Sequential([new InputLayer([28, 28]), new Flatten(), new Dense(512, "relu"), new Dense(10, "softmax")]);
        model.LoadWeights(path);
        AssertPredictions(Keras3Expected, model.Predict(SavingFiles.PatternImages()));
    }

    // NumPy on the 10,000 Fashion-MNIST test images (pixels / 255): 8751 right for the Keras 2 MLP, 8933 for the Keras 3
    // one, 8921 for the Keras 3 CNN (float32, the forward pass of CnnExpected's comment).
    [Theory]
    [InlineData("fashion_mlp_keras2.h5", 0.8751)]
    [InlineData("fashion_mlp_keras3.keras", 0.8933)]
    [InlineData("fashion_cnn_keras3.h5", 0.8921)]
    public void FixturesReachTheirNumPyTestAccuracy(string file, double accuracy)
    {
        Assert.SkipWhen(SavingFiles.UnderArm64, "10,000-image evaluation is too slow under emulation");
        const string dir = "/usr/share/datasets/fashion-mnist";
        Assert.SkipUnless(File.Exists($"{dir}/t10k-images-idx3-ubyte.gz"), "Fashion-MNIST is not installed (scripts/install-fashion-mnist.sh)");
        var model = keras.models.LoadModel(SavingFiles.Fixture(file));
        var images = ReadIdx($"{dir}/t10k-images-idx3-ubyte.gz", 16);
        var labels = ReadIdx($"{dir}/t10k-labels-idx1-ubyte.gz", 8);
        var x = new float[labels.Length, 28, 28];
        for (int i = 0; i < images.Length; i++) x[i / 784, i % 784 / 28, i % 28] = images[i] / 255f;
        var input = tf.Constant(x);
        if (file.Contains("cnn")) input = tf.Reshape(input, [-1, 28, 28, 1]);   // the CNN takes a channel axis
        var p = model.Predict(input, batchSize: 1000);
        var predicted = tf.ArgMax(p, 1).ToArray<long>();
        int right = predicted.Where((c, i) => c == labels[i]).Count();
        Assert.Equal(accuracy, right / (double)labels.Length, 4);
    }

    private static byte[] ReadIdx(string path, int header)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        return ms.ToArray()[header..];
    }
}
