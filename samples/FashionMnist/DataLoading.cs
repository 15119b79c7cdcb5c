using Strata;
using Strata.Datasets;

namespace FashionMnistSample;

/// <summary>Loads Fashion-MNIST for the MLP and CNN samples (linked into the CNN's project).</summary>
internal static class DataLoading
{
    /// <summary>The four tensors, or false after saying on stderr how to install the data: no data, no sample,
    /// and a non-zero exit so that scripts and CI notice. (Out-parameters rather than a tuple: a tuple
    /// deconstructed in the top-level program would be kept alive by the compiler for the whole run, and with it
    /// the uint8 images after scaling, 55 MB.)</summary>
    public static bool TryLoad(out Tensor trainImages, out Tensor trainLabels, out Tensor testImages, out Tensor testLabels)
    {
        try
        {
            ((trainImages, trainLabels), (testImages, testLabels)) = FashionMnist.LoadData();
            return true;
        }
        catch (Exception e) when (e is DatasetNotFoundError or DatasetFormatError)
        {
            Console.Error.WriteLine(e.Message);
            trainImages = trainLabels = testImages = testLabels = null!;
            return false;
        }
    }
}
