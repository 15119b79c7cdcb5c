// Snippets of docs/guides/fashion-mnist.md. Compiled, not run: they need the Fashion-MNIST files
// (scripts/install-fashion-mnist.sh); samples/FashionMnist and scripts/ci-fashion-mnist-check.sh run the real thing.
#region usings
using Strata;
using Strata.Datasets;
using Strata.Plot;
#endregion

namespace Snippets;

internal static class FashionMnistGuide
{
    internal static void Load()
    {
        #region load
        var ((trainImages, trainLabels), (testImages, testLabels)) = FashionMnist.LoadData();  // uint8 (60000, 28, 28), (60000,)
        trainImages = Images.ToFloat01(trainImages);                                           // float32 in [0, 1]
        string name = FashionMnist.ClassNames[trainLabels.ToArray<byte>()[0]];                 // "Ankle boot"
        #endregion
    }

    internal static void LoadFrom(string folder)
    {
        #region load-from
        var (train, test) = FashionMnist.LoadData(folder);   // reads only from that folder
        #endregion
    }

    internal static void Curves(Dictionary<string, List<double>> history)
    {
        #region curves
        HistoryPlot.Save(history, "out/fashion_mnist/training_curves.png");   // one panel per quantity, train and validation
        #endregion
    }
}
