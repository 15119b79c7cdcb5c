namespace Strata.Datasets;

/// <summary>
/// Loads the four IDX files of an MNIST-shaped set (28×28 uint8 images, one uint8 label 0–9 each)
/// and checks that they fit together, so that a bad download fails here, naming the file,
/// rather than as a shape error deep inside training.
/// </summary>
internal static class MnistLike
{
    public const int Side = 28;
    public const int Classes = 10;

    public static ((Tensor images, Tensor labels) train, (Tensor images, Tensor labels) test) Load(
        DatasetLocation location, string? directory)
    {
        var files = location.Resolve(directory);
        return (LoadPair(files[0], files[1]), LoadPair(files[2], files[3]));
    }

    /// <summary>One split: images (n, 28, 28) and labels (n,), both uint8.</summary>
    public static (Tensor images, Tensor labels) LoadPair(string imagesPath, string labelsPath)
    {
        var (imageDims, pixels) = IdxReader.ReadRaw(imagesPath, expectedRank: 3);
        if (imageDims[1] != Side || imageDims[2] != Side)
            throw new DatasetFormatError(imagesPath,
                $"images are {imageDims[1]}×{imageDims[2]}, expected {Side}×{Side}.");

        var (labelDims, labels) = IdxReader.ReadRaw(labelsPath, expectedRank: 1);
        if (labelDims[0] != imageDims[0])
            throw new DatasetFormatError(labelsPath,
                $"holds {labelDims[0]} labels but {Path.GetFileName(imagesPath)} holds {imageDims[0]} images; " +
                "the two files do not belong together.");
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] >= Classes)
                throw new DatasetFormatError(labelsPath, $"label {labels[i]} at index {i} is outside 0…{Classes - 1}.");

        // The freshly read arrays become the tensors' buffers (no copies of 47 MB of pixels).
        return (Tensor.FromBuffer(pixels, new Shape(imageDims), DType.UInt8),
                Tensor.FromBuffer(labels, new Shape(labelDims), DType.UInt8));
    }
}
