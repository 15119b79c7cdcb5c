using Strata.Datasets;

namespace Strata.Bench.Workloads;

/// <summary>The training set the epoch workloads time.</summary>
internal static class TrainingData
{
    /// <summary>Fashion-MNIST's 60,000 training images scaled to [0, 1] (n, 28, 28) and their labels, when installed
    /// (scripts/install-fashion-mnist.sh); otherwise random images and labels of the same shapes, said on stderr
    /// (the time per epoch is the same; only the loss differs).</summary>
    public static (Tensor Images, Tensor Labels) FashionMnist(string workload)
    {
        try
        {
            var (train, _) = Strata.Datasets.FashionMnist.LoadData();
            return (Images.ToFloat01(train.images), train.labels);
        }
        catch (DatasetNotFoundError)
        {
            Console.Error.WriteLine($"{workload}: Fashion-MNIST is not installed; timing random images of the same shape.");
            return (tf.random.Uniform([60_000, 28, 28], seed: 1),
                    tf.Cast(tf.random.Uniform([60_000], 0, 10, seed: 2), DType.UInt8));
        }
    }
}
