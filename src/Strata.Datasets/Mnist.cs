namespace Strata.Datasets;

/// <summary>LeCun's handwritten digits, same layout as Fashion-MNIST. Mirrors <c>keras.datasets.mnist</c>.</summary>
public static class Mnist
{
    /// <summary>Debian ships no MNIST package, so the system folder is only where an admin may put it
    /// by analogy with <c>dataset-fashion-mnist</c>.</summary>
    public static readonly DatasetLocation Location = new(
        Name: "mnist",
        EnvVar: "STRATA_MNIST_DIR",
        SystemDir: "/usr/share/datasets/mnist",
        HowToGet: "Debian has no package for it: download train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, " +
                  "t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz from an MNIST mirror " +
                  "(e.g. https://storage.googleapis.com/cvdf-datasets/mnist/).");

    /// <summary><c>mnist.load_data()</c>: images uint8 (n, 28, 28), labels uint8 (n,).</summary>
    public static ((Tensor images, Tensor labels) train, (Tensor images, Tensor labels) test) LoadData(string? directory = null) =>
        MnistLike.Load(Location, directory);
}
