namespace Strata.Datasets;

/// <summary>Zalando's Fashion-MNIST: 60 000 training and 10 000 test images of clothing, 28×28 grey,
/// ten classes. Mirrors <c>keras.datasets.fashion_mnist</c>.</summary>
public static class FashionMnist
{
    /// <summary>Where the files are looked for; Debian's <c>dataset-fashion-mnist</c> package installs
    /// them (gzipped) into <c>/usr/share/datasets/fashion-mnist</c>.</summary>
    public static readonly DatasetLocation Location = new(
        Name: "fashion-mnist",
        EnvVar: "STRATA_FASHION_MNIST_DIR",
        SystemDir: "/usr/share/datasets/fashion-mnist",
        HowToGet: "To install it on Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y dataset-fashion-mnist  " +
                  "(or run scripts/install-fashion-mnist.sh).");

    /// <summary>The label names, index = label value (the tutorial's <c>class_names</c>).</summary>
    public static readonly IReadOnlyList<string> ClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary><c>fashion_mnist.load_data()</c>: images uint8 (n, 28, 28), labels uint8 (n,).
    /// With <paramref name="directory"/>, reads only from there.</summary>
    public static ((Tensor images, Tensor labels) train, (Tensor images, Tensor labels) test) LoadData(string? directory = null) =>
        MnistLike.Load(Location, directory);
}
