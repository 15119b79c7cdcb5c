namespace Strata.Datasets.Tests;

public class MnistLikeTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LoadDataReadsAllFourFiles(bool gzip)
    {
        using var files = new IdxFiles();
        files.WriteSet(gzip);

        var ((trainImages, trainLabels), (testImages, testLabels)) = FashionMnist.LoadData(files.Folder);

        Assert.Equal(new Shape(5, 28, 28), trainImages.Shape);
        Assert.Equal(new Shape(5), trainLabels.Shape);
        Assert.Equal(new Shape(3, 28, 28), testImages.Shape);
        Assert.Equal(new Shape(3), testLabels.Shape);
        Assert.Equal(DType.UInt8, trainImages.DType);
        Assert.Equal(DType.UInt8, testLabels.DType);
        Assert.Equal(IdxFiles.Pixels(5), trainImages.ToArray<byte>());
        Assert.Equal(new byte[] { 0, 1, 2 }, testLabels.ToArray<byte>());
    }

    [Fact]
    public void MnistReadsTheSameLayout()
    {
        using var files = new IdxFiles();
        files.WriteSet(gzip: true);
        var (train, _) = Mnist.LoadData(files.Folder);
        Assert.Equal(new Shape(5, 28, 28), train.images.Shape);
    }

    [Fact]
    public void CountMismatchNamesTheLabelsFile()
    {
        using var files = new IdxFiles();
        files.WriteSet(gzip: false);
        var labels = files.Write("train-labels-idx1-ubyte", IdxFiles.Idx([4], IdxFiles.Labels(4)));

        var e = Assert.Throws<DatasetFormatError>(() => FashionMnist.LoadData(files.Folder));
        Assert.Contains(labels, e.Message);
        Assert.Contains("4 labels", e.Message);
        Assert.Contains("5 images", e.Message);
    }

    [Fact]
    public void WrongImageSizeIsReported()
    {
        using var files = new IdxFiles();
        files.WriteSet(gzip: false);
        var images = files.Write("t10k-images-idx3-ubyte", IdxFiles.Idx([3, 14, 56], IdxFiles.Pixels(3)));

        var e = Assert.Throws<DatasetFormatError>(() => FashionMnist.LoadData(files.Folder));
        Assert.Contains(images, e.Message);
        Assert.Contains("14×56", e.Message);
    }

    [Fact]
    public void LabelOutOfRangeIsReported()
    {
        using var files = new IdxFiles();
        files.WriteSet(gzip: false);
        files.Write("t10k-labels-idx1-ubyte", IdxFiles.Idx([3], [0, 12, 1]));
        var e = Assert.Throws<DatasetFormatError>(() => FashionMnist.LoadData(files.Folder));
        Assert.Contains("label 12 at index 1", e.Message);
    }

    [Fact]
    public void MissingDataSaysHowToGetIt()
    {
        using var files = new IdxFiles();   // an empty folder
        var e = Assert.Throws<DatasetNotFoundError>(() => FashionMnist.LoadData(files.Folder));
        Assert.Contains("apt-get install -y dataset-fashion-mnist", e.Message);
        Assert.Contains("STRATA_FASHION_MNIST_DIR", e.Message);
        Assert.Contains(files.Folder, e.Message);
    }

    [Fact]
    public void SearchOrderIsEnvThenDataDirThenUserThenSystem()
    {
        var env = new Dictionary<string, string?> { ["STRATA_FASHION_MNIST_DIR"] = "/a", ["STRATA_DATA_DIR"] = "/b" };
        var folders = FashionMnist.Location.Candidates(k => env.GetValueOrDefault(k), home: "/home/u").Select(c => c.Folder);
        Assert.Equal(["/a", "/b/fashion-mnist", "/home/u/.strata/datasets/fashion-mnist", "/usr/share/datasets/fashion-mnist"], folders);
    }

    [Fact]
    public void SearchFindsTheFirstCompleteFolderAndListsAllWhenNone()
    {
        using var empty = new IdxFiles();
        using var full = new IdxFiles();
        full.WriteSet(gzip: true);
        var env = new Dictionary<string, string?> { ["STRATA_FASHION_MNIST_DIR"] = empty.Folder };

        // Env var folder lacks the files, so the search goes on to the per-user folder.
        var home = Directory.CreateTempSubdirectory("strata-home-").FullName;
        try
        {
            var user = Path.Combine(home, ".strata", "datasets", "fashion-mnist");
            Directory.CreateDirectory(Path.GetDirectoryName(user)!);
            Directory.Move(full.Folder, user);
            var found = FashionMnist.Location.Resolve(getEnv: k => env.GetValueOrDefault(k), home: home);
            Assert.StartsWith(user, found[0]);

            Directory.Delete(user, recursive: true);
            var location = FashionMnist.Location with { SystemDir = Path.Combine(home, "nowhere") };
            var e = Assert.Throws<DatasetNotFoundError>(() => location.Resolve(getEnv: k => env.GetValueOrDefault(k), home: home));
            Assert.Contains(empty.Folder, e.Message);
            Assert.Contains(user, e.Message);
            Assert.Contains("folder does not exist", e.Message);
            Assert.Contains("missing train-images-idx3-ubyte", e.Message);
        }
        finally { Directory.Delete(home, recursive: true); }
    }

    [Fact]
    public void ClassNamesAreTheTutorials()
    {
        Assert.Equal(10, FashionMnist.ClassNames.Count);
        Assert.Equal("T-shirt/top", FashionMnist.ClassNames[0]);
        Assert.Equal("Ankle boot", FashionMnist.ClassNames[9]);
    }

    [Fact]
    public void ToFloat01ScalesPixels()
    {
        var t = tf.Constant(new byte[] { 0, 51, 255 }, DType.UInt8);
        var f = Images.ToFloat01(t);
        Assert.Equal(DType.Float32, f.DType);
        Assert.Equal(new[] { 0f, 0.2f, 1f }, f.ToArray<float>());
    }
}
