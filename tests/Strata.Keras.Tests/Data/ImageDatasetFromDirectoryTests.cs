using Strata.Keras.Layers;
using Strata.Keras.Losses;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;
using Strata.Keras.Utils;

namespace Strata.Keras.Tests.Data;

/// <summary>keras.utils.ImageDatasetFromDirectory on folders of generated images: Keras's class order, labels,
/// printed lines, pixels, subsets and errors.</summary>
public class ImageDatasetFromDirectoryTests
{
    private const string Formats = "('.bmp', '.gif', '.jpeg', '.jpg', '.png')";

    /// <summary>Files whose one gray level is their number, so a decoded image names its file.</summary>
    private static TempFolder Numbered(int perClass, params string[] classes)
    {
        var folder = new TempFolder();
        int n = 0;
        foreach (var c in classes)
            for (int i = 0; i < perClass; i++, n++)
                folder.Png($"{c}/img{i}.png", 2, 2, (byte)n, (byte)n, (byte)n);
        return folder;
    }

    private static int Id(Tensor image) => (int)image.ToArray<float>()[0];

    private static List<(Tensor Image, Tensor Label)> Samples(DirectoryDataset<(Tensor Images, Tensor Labels)> ds) =>
        ds.ToList().Select(e => (e.Images, e.Labels)).ToList();

    [Fact]
    public void ClassesAreTheSubfoldersInAlphanumericOrderWithKerassLines()
    {
        using var folder = new TempFolder();
        folder.Png("b_dog/1.png", 4, 4, 200, 100, 50);
        folder.Png("a_cat/2.png", 4, 4, 10, 20, 30);
        folder.Png("a_cat/sub/3.PNG", 4, 4, 11, 21, 31);   // subfolders of a class count; extensions in any case
        folder.Text("a_cat/notes.txt", "not an image");
        folder.Png("top.png", 4, 4, 1, 2, 3);              // beside the classes: not indexed
        folder.Png(".hidden/4.png", 4, 4, 1, 2, 3);        // a hidden folder is no class
        DirectoryDataset<(Tensor Images, Tensor Labels)>? ds = null;
        string printed = ConsoleOutput.Capture(() => ds = keras.utils.ImageDatasetFromDirectory(folder.Root, imageSize: (4, 4), shuffle: false));
        Assert.Equal("Found 3 files belonging to 2 classes.\n", printed);
        Assert.Equal(["a_cat", "b_dog"], ds!.ClassNames);
        Assert.Equal([folder.PathOf("a_cat/2.png"), folder.PathOf("a_cat/sub/3.PNG"), folder.PathOf("b_dog/1.png")], ds.FilePaths);
        Assert.Equal(1, ds.Cardinality);
        var (images, labels) = Assert.Single(ds.ToList());
        Assert.Equal(new Shape(3, 4, 4, 3), images.Shape);
        Assert.Equal(DType.Float32, images.DType);
        Assert.Equal(DType.Int32, labels.DType);
        Assert.Equal([0, 0, 1], labels.ToArray<int>());
        var pixels = images.ToArray<float>();
        Assert.Equal([10f, 20, 30], pixels[..3]);
        Assert.Equal([11f, 21, 31], pixels[48..51]);
        Assert.Equal([200f, 100, 50], pixels[^3..]);
        Assert.All(pixels[..48], (v, i) => Assert.Equal(new[] { 10f, 20, 30 }[i % 3], v));
    }

    [Fact]
    public void ClassNamesChooseAndOrderTheClasses()
    {
        using var folder = Numbered(1, "a", "b", "c");
        var ds = keras.utils.ImageDatasetFromDirectory(folder.Root, classNames: ["c", "a"], imageSize: (2, 2), shuffle: false, verbose: false);
        Assert.Equal(["c", "a"], ds.ClassNames);
        var samples = ds.Unbatch().ToList();
        Assert.Equal([2, 0], samples.Select(s => Id(s.Item1)));
        Assert.Equal([0, 1], samples.Select(s => s.Item2.ToArray<int>()[0]));
        var e = Assert.Throws<InvalidArgumentError>(() => keras.utils.ImageDatasetFromDirectory(folder.Root, classNames: ["a", "z"], verbose: false));
        Assert.Equal("ImageDatasetFromDirectory: The `class_names` passed did not match the names of the subdirectories of the target directory. " +
            "Expected: ['a', 'b', 'c'] (or a subset of it), but received: class_names=['a', 'z']", e.Message);
    }

    [Fact]
    public void LabelModesEncodeAsKerasDoes()
    {
        using var folder = Numbered(1, "x", "y");
        var categorical = Assert.Single(keras.utils.ImageDatasetFromDirectory(folder.Root, labelMode: "categorical", imageSize: (2, 2), shuffle: false, verbose: false).ToList());
        Assert.Equal(new Shape(2, 2), categorical.Labels.Shape);
        Assert.Equal(DType.Float32, categorical.Labels.DType);
        Assert.Equal([1f, 0, 0, 1], categorical.Labels.ToArray<float>());
        var binary = Assert.Single(keras.utils.ImageDatasetFromDirectory(folder.Root, labelMode: "binary", imageSize: (2, 2), shuffle: false, verbose: false).ToList());
        Assert.Equal(new Shape(2, 1), binary.Labels.Shape);
        Assert.Equal([0f, 1], binary.Labels.ToArray<float>());

        using var three = Numbered(1, "x", "y", "z");
        var e = Assert.Throws<InvalidArgumentError>(() => keras.utils.ImageDatasetFromDirectory(three.Root, labelMode: "binary", verbose: false));
        Assert.Equal("ImageDatasetFromDirectory: When passing `label_mode=\"binary\"`, there must be exactly 2 class_names. Received: class_names=['x', 'y', 'z']", e.Message);
    }

    [Fact]
    public void UnbatchedSamplesHaveNoBatchAxis()
    {
        using var folder = Numbered(2, "x", "y");
        var ds = keras.utils.ImageDatasetFromDirectory(folder.Root, batchSize: null, labelMode: "categorical", imageSize: (3, 5), shuffle: false, verbose: false);
        Assert.Equal(4, ds.Cardinality);
        var first = ds.First();
        Assert.Equal(new Shape(3, 5, 3), first.Images.Shape);
        Assert.Equal(new Shape(2), first.Labels.Shape);
        var batched = keras.utils.ImageDatasetFromDirectory(folder.Root, batchSize: 3, imageSize: (3, 5), shuffle: false, verbose: false);
        Assert.Equal([3, 1], batched.Select(b => b.Images.Shape[0]));
        Assert.Equal(2, batched.Cardinality);
    }

    [Fact]
    public void ExplicitLabelsFollowTheSortedFilesAndNameTheClasses()
    {
        using var folder = new TempFolder();
        folder.Png("b.png", 2, 2, 1, 1, 1);
        folder.Png("a.png", 2, 2, 0, 0, 0);
        folder.Png("sub/c.png", 2, 2, 2, 2, 2);
        DirectoryDataset<(Tensor Images, Tensor Labels)>? ds = null;
        string printed = ConsoleOutput.Capture(() => ds = keras.utils.ImageDatasetFromDirectory(folder.Root, labels: [5, 3, 5], imageSize: (2, 2), shuffle: false));
        Assert.Equal("Found 3 files belonging to 2 classes.\n", printed);
        Assert.Equal(["3", "5"], ds!.ClassNames);
        var samples = ds.Unbatch().ToList();
        Assert.Equal([0, 1, 2], samples.Select(s => Id(s.Item1)));
        Assert.Equal([5, 3, 5], samples.Select(s => s.Item2.ToArray<int>()[0]));

        var mismatch = Assert.Throws<InvalidArgumentError>(() => keras.utils.ImageDatasetFromDirectory(folder.Root, labels: [0, 1], verbose: false));
        Assert.Equal("ImageDatasetFromDirectory: Expected the lengths of `labels` to match the number of files in the target directory. " +
            $"len(labels) is 2 while we found 3 files in directory {folder.Root}.", mismatch.Message);
        var withNames = Assert.Throws<InvalidArgumentError>(() => keras.utils.ImageDatasetFromDirectory(folder.Root, labels: [0, 1, 0], classNames: ["a"]));
        Assert.Equal("ImageDatasetFromDirectory: You can only pass `class_names` if `labels=\"inferred\"`. Received: labels=[0, 1, 0], and class_names=['a']",
            withNames.Message);
    }

    [Fact]
    public void ColorModesGiveOneThreeOrFourChannels()
    {
        using var folder = new TempFolder();
        folder.Png("c/rgb.png", 2, 2, 100, 100, 100);
        folder.Png("c/rgba.png", 2, 2, 10, 20, 30, 40);
        folder.Png("c/zgray.png", 2, 2, [77]);
        var gray = keras.utils.ImageDatasetFromDirectory(folder.Root, colorMode: "grayscale", imageSize: (2, 2), shuffle: false, verbose: false).First().Images;
        Assert.Equal(new Shape(3, 2, 2, 1), gray.Shape);
        var g = gray.ToArray<float>();
        Assert.Equal(100f, g[0]);                                    // an RGB gray stays itself
        Assert.Equal((77 * 10 + 150 * 20 + 29 * 30) >> 8, (int)g[4]); // stb's luma of (10, 20, 30)
        Assert.Equal(77f, g[8]);
        var rgba = keras.utils.ImageDatasetFromDirectory(folder.Root, colorMode: "rgba", imageSize: (2, 2), shuffle: false, verbose: false).First().Images;
        Assert.Equal(new Shape(3, 2, 2, 4), rgba.Shape);
        var c = rgba.ToArray<float>();
        Assert.Equal([100f, 100, 100, 255], c[..4]);   // opaque without an alpha channel
        Assert.Equal([10f, 20, 30, 40], c[16..20]);
        Assert.Equal([77f, 77, 77, 255], c[32..36]);
        var e = Assert.Throws<InvalidArgumentError>(() => keras.utils.ImageDatasetFromDirectory(folder.Root, colorMode: "cmyk"));
        Assert.Equal("ImageDatasetFromDirectory: `color_mode` must be one of {\"rgb\", \"rgba\", \"grayscale\"}. Received: color_mode=cmyk", e.Message);
    }

    [Fact]
    public void JpegBmpAndGifAreDecodedByTheirContent()
    {
        using var folder = new TempFolder();
        folder.Jpg("c/a.jpg", 8, 8, 200, 40, 90);
        folder.Bmp("c/b.bmp", 2, 3, 9, 8, 7);
        // A 1x1 GIF whose one pixel is color 0 of its table, red; named .jpeg: the content decides.
        folder.Bytes("c/c.jpeg", [.. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 255, 0, 0, 0, 0, 0, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3B]);
        var samples = keras.utils.ImageDatasetFromDirectory(folder.Root, imageSize: (2, 2), batchSize: null, shuffle: false, verbose: false,
            interpolation: "nearest").ToList();
        var jpeg = samples[0].Images.ToArray<float>();
        Assert.All(jpeg.Chunk(3), p => { Assert.InRange(p[0], 196, 204); Assert.InRange(p[1], 36, 44); Assert.InRange(p[2], 86, 94); });
        Assert.Equal([9f, 8, 7], samples[1].Images.ToArray<float>()[..3]);
        Assert.Equal([255f, 0, 0], samples[2].Images.ToArray<float>()[..3]);
    }

    [Fact]
    public void ResizingIsTfImageResize()
    {
        using var folder = new TempFolder();
        folder.Png("c/a.png", 5, 7, (y, x) => [(byte)(30 * y), (byte)(20 * x), (byte)(y * x)]);
        var raw = keras.utils.ImageDatasetFromDirectory(folder.Root, imageSize: (5, 7), batchSize: null, verbose: false).First().Images;
        int at = (2 * 7 + 3) * 3;   // pixel (2, 3)
        Assert.Equal([30f * 2, 20 * 3, 6], raw.ToArray<float>()[at..(at + 3)]);
        foreach (var method in new[] { "bilinear", "nearest" })
        {
            var resized = keras.utils.ImageDatasetFromDirectory(folder.Root, imageSize: (3, 4), interpolation: method, batchSize: null, verbose: false).First().Images;
            Assert.Equal(tf.image.Resize(raw, (3, 4), method).ToArray<float>(), resized.ToArray<float>());
        }
        var e = Assert.Throws<InvalidArgumentError>(() => keras.utils.ImageDatasetFromDirectory(folder.Root, interpolation: "bicubic"));
        Assert.Contains("interpolation=\"bicubic\" is not implemented in Strata", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => keras.utils.ImageDatasetFromDirectory(folder.Root, interpolation: "cubic"));
        Assert.Equal("ImageDatasetFromDirectory: Argument `interpolation` should be one of ('bilinear', 'nearest', 'bicubic', 'area', 'lanczos3', " +
            "'lanczos5', 'gaussian', 'mitchellcubic'). Received: interpolation=cubic", e.Message);
    }

    [Fact]
    public void CropToAspectRatioKeepsTheCenteredWindow()
    {
        using var folder = new TempFolder();
        folder.Png("c/wide.png", 4, 8, (_, x) => [(byte)(10 * x), 0, 0]);
        var image = keras.utils.ImageDatasetFromDirectory(folder.Root, imageSize: (4, 4), cropToAspectRatio: true, batchSize: null, verbose: false)
            .First().Images.ToArray<float>();
        Assert.Equal([20f, 30, 40, 50], Enumerable.Range(0, 4).Select(x => image[x * 3]));   // columns 2…5 of 0…7
    }

    [Fact]
    public void PadToAspectRatioResizesThenPadsWithZeros()
    {
        using var folder = new TempFolder();
        folder.Png("c/wide.png", 2, 4, 50, 60, 70);
        var image = keras.utils.ImageDatasetFromDirectory(folder.Root, imageSize: (4, 4), padToAspectRatio: true, batchSize: null, verbose: false)
            .First().Images;
        Assert.Equal(new Shape(4, 4, 3), image.Shape);
        var rows = image.ToArray<float>().Chunk(12).ToList();
        Assert.All(rows[0], v => Assert.Equal(0f, v));
        Assert.All(rows[3], v => Assert.Equal(0f, v));
        Assert.Equal(Enumerable.Repeat(new[] { 50f, 60, 70 }, 4).SelectMany(p => p), rows[1]);
        var e = Assert.Throws<InvalidArgumentError>(() => keras.utils.ImageDatasetFromDirectory(folder.Root, cropToAspectRatio: true, padToAspectRatio: true));
        Assert.Equal("ImageDatasetFromDirectory: Only one of `pad_to_aspect_ratio`, `crop_to_aspect_ratio` can be set to `True`.", e.Message);
    }

    [Fact]
    public void ASeedShufflesTheFilesAsNumPyAndSplitsAsKeras()
    {
        using var folder = Numbered(5, "a", "b");   // sorted: a/img0…a/img4 (ids 0…4), b/img0…b/img4 (ids 5…9)
        // np.random.RandomState(0).permutation(10) is [2, 8, 4, 9, 1, 6, 7, 3, 0, 5]: Keras's shuffled order for seed 0.
        int[] keras0 = [2, 8, 4, 9, 1, 6, 7, 3, 0, 5];
        var sorted = Enumerable.Range(0, 10).Select(i => folder.PathOf($"{(i < 5 ? "a" : "b")}/img{i % 5}.png")).ToList();
        DirectoryDataset<(Tensor Images, Tensor Labels)>? train = null, val = null;
        string printed = ConsoleOutput.Capture(() =>
        {
            train = keras.utils.ImageDatasetFromDirectory(folder.Root, imageSize: (2, 2), validationSplit: 0.2, subset: "training", seed: 0);
            val = keras.utils.ImageDatasetFromDirectory(folder.Root, imageSize: (2, 2), validationSplit: 0.2, subset: "validation", seed: 0);
        });
        Assert.Equal("Found 10 files belonging to 2 classes.\nUsing 8 files for training.\n" +
            "Found 10 files belonging to 2 classes.\nUsing 2 files for validation.\n", printed);
        Assert.Equal(keras0[..8].Select(i => sorted[i]), train!.FilePaths);
        Assert.Equal(keras0[8..].Select(i => sorted[i]), val!.FilePaths);
        // Each sample keeps its own label through the shuffles.
        foreach (var (image, label) in train.Unbatch().Concat(val.Unbatch()))
            Assert.Equal(Id(image) < 5 ? 0 : 1, label.ToArray<int>()[0]);
        Assert.Equal(keras0[..8].Order(), train.Unbatch().Select(s => Id(s.Item1)).Order());

        // subset "both": one index, the same split; the validation dataset is not shuffled.
        DirectoryDataset<(Tensor Images, Tensor Labels)>? both = null;
        printed = ConsoleOutput.Capture(() => both = keras.utils.ImageDatasetFromDirectory(folder.Root, imageSize: (2, 2), validationSplit: 0.2, subset: "both", seed: 0));
        Assert.Equal("Found 10 files belonging to 2 classes.\nUsing 8 files for training.\nUsing 2 files for validation.\n", printed);
        var (training, validation) = both!;
        Assert.Same(both, training);
        Assert.Equal(train.FilePaths, training.FilePaths);
        Assert.Equal(val.FilePaths, validation.FilePaths);
        Assert.Equal(["a", "b"], validation.ClassNames);
        Assert.Equal([0, 5], validation.Unbatch().Select(s => Id(s.Item1)));
        Assert.Equal([0, 5], validation.Unbatch().Select(s => Id(s.Item1)));
        Assert.Throws<InvalidArgumentError>(() => { var (_, _) = train; });
    }

    [Fact]
    public void ShufflingIsReproducibleWithASeedAndSortedWithout()
    {
        using var folder = Numbered(6, "a", "b");
        List<int> Order(DirectoryDataset<(Tensor Images, Tensor Labels)> ds) => ds.Unbatch().Select(s => Id(s.Item1)).ToList();
        var first = keras.utils.ImageDatasetFromDirectory(folder.Root, imageSize: (2, 2), batchSize: 4, seed: 7, verbose: false);
        var again = keras.utils.ImageDatasetFromDirectory(folder.Root, imageSize: (2, 2), batchSize: 4, seed: 7, verbose: false);
        var epoch1 = Order(first);
        Assert.Equal(epoch1, Order(again));
        Assert.NotEqual(Enumerable.Range(0, 12), epoch1);
        Assert.Equal(Enumerable.Range(0, 12), epoch1.Order());
        Assert.NotEqual(epoch1, Order(first));   // each epoch reshuffles, as tf.data's shuffle
        var sorted = keras.utils.ImageDatasetFromDirectory(folder.Root, imageSize: (2, 2), shuffle: false, verbose: false);
        Assert.Equal(Enumerable.Range(0, 12), Order(sorted));
        Assert.Equal(Enumerable.Range(0, 12), Order(sorted));
    }

    [Fact]
    public void UnlabeledImagesComeFromTheWholeTree()
    {
        using var folder = new TempFolder();
        folder.Png("z.png", 2, 2, 2, 2, 2);
        folder.Png("a/b.png", 2, 2, 0, 0, 0);
        folder.Png("a/c.gif.png", 2, 2, 1, 1, 1);
        DirectoryDataset<Tensor>? ds = null;
        string printed = ConsoleOutput.Capture(() => ds = keras.utils.ImageDatasetFromDirectoryUnlabeled(folder.Root, imageSize: (2, 2), shuffle: false));
        Assert.Equal("Found 3 files.\n", printed);
        Assert.Null(ds!.ClassNames);
        var batch = Assert.Single(ds.ToList());
        Assert.Equal(new Shape(3, 2, 2, 3), batch.Shape);
        Assert.Equal([2, 0, 1], ds.Unbatch().Select(Id));   // os.walk's folders sorted: the top folder's files first
        var (train, val) = keras.utils.ImageDatasetFromDirectoryUnlabeled(folder.Root, validationSplit: 0.4, subset: "both", seed: 3, verbose: false);
        Assert.Equal(2, train.FilePaths.Count);
        Assert.Single(val.FilePaths);

        var e = Assert.Throws<InvalidArgumentError>(() => keras.utils.ImageDatasetFromDirectory(folder.Root, labelMode: null!));
        Assert.Contains("keras.utils.ImageDatasetFromDirectoryUnlabeled", e.Message);
    }

    [Fact]
    public void SymbolicLinksToFoldersAreEnteredOnlyWhenFollowed()
    {
        using var folder = new TempFolder();
        folder.Png("data/a/1.png", 2, 2, 0, 0, 0);
        folder.Png("elsewhere/2.png", 2, 2, 1, 1, 1);
        try
        {
            Directory.CreateSymbolicLink(folder.PathOf("data/a/linked"), folder.PathOf("elsewhere"));
            Directory.CreateSymbolicLink(folder.PathOf("data/b"), folder.PathOf("elsewhere"));   // a linked class folder is a class
            Directory.CreateSymbolicLink(folder.PathOf("data/a/loop"), folder.PathOf("data/a"));  // never walked twice
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return;   // no symbolic links on this file system
        }
        string root = folder.PathOf("data");
        var plain = keras.utils.ImageDatasetFromDirectory(root, imageSize: (2, 2), shuffle: false, verbose: false);
        Assert.Equal(["a", "b"], plain.ClassNames);
        Assert.Equal([Path.Join(root, "a", "1.png"), Path.Join(root, "b", "2.png")], plain.FilePaths);
        var followed = keras.utils.ImageDatasetFromDirectory(root, imageSize: (2, 2), shuffle: false, followLinks: true, verbose: false);
        Assert.Equal([Path.Join(root, "a", "1.png"), Path.Join(root, "a", "linked", "2.png"), Path.Join(root, "b", "2.png")], followed.FilePaths);
        Assert.Equal([0, 0, 1], followed.Unbatch().Select(s => s.Item2.ToArray<int>()[0]));
    }

    [Fact]
    public void ArgumentErrorsAreKerass()
    {
        using var folder = Numbered(2, "a", "b");
        string root = folder.Root;
        void Fails(string expected, Action call) =>
            Assert.Equal("ImageDatasetFromDirectory: " + expected, Assert.Throws<InvalidArgumentError>(call).Message);
        Fails("`subset` must be either \"training\", \"validation\" or \"both\", received: train",
            () => keras.utils.ImageDatasetFromDirectory(root, validationSplit: 0.5, subset: "train", seed: 1));
        Fails("`validation_split` must be between 0 and 1, received: 1.5",
            () => keras.utils.ImageDatasetFromDirectory(root, validationSplit: 1.5, subset: "training", seed: 1));
        Fails("If `subset` is set, `validation_split` must be set, and inversely.",
            () => keras.utils.ImageDatasetFromDirectory(root, validationSplit: 0.5, seed: 1));
        Fails("If `subset` is set, `validation_split` must be set, and inversely.",
            () => keras.utils.ImageDatasetFromDirectory(root, subset: "validation", seed: 1));
        Fails("If using `validation_split` and shuffling the data, you must provide a `seed` argument, to make sure that there is no overlap " +
            "between the training and validation subset.",
            () => keras.utils.ImageDatasetFromDirectory(root, validationSplit: 0.5, subset: "training"));
        Fails("`label_mode` argument must be one of \"int\", \"categorical\", \"binary\", or None. Received: label_mode=sparse",
            () => keras.utils.ImageDatasetFromDirectory(root, labelMode: "sparse"));
        Fails("Invalid `image_size` value. Expected a tuple of 2 positive integers. Received: image_size=(0, 4)",
            () => keras.utils.ImageDatasetFromDirectory(root, imageSize: (0, 4)));

        using var empty = new TempFolder();
        empty.Text("a/readme.txt", "no images");
        Fails($"No images found in directory {empty.Root}. Allowed formats: {Formats}",
            () => keras.utils.ImageDatasetFromDirectory(empty.Root, verbose: false));
        // Keras's slices: int(0.2 · 2) = 0 validation files leaves the training subset empty.
        Fails($"No training images found in directory {root}. Allowed formats: {Formats}",
            () => keras.utils.ImageDatasetFromDirectory(root, validationSplit: 0.2, subset: "both", seed: 1, verbose: false, classNames: ["a"]));
        Assert.Throws<DirectoryNotFoundException>(() => keras.utils.ImageDatasetFromDirectory(Path.Join(root, "missing")));
    }

    [Fact]
    public void AFileThatDoesNotDecodeIsNamed()
    {
        using var folder = Numbered(1, "a");
        string bad = folder.Bytes("a/bad.png", [1, 2, 3, 4, 5, 6, 7, 8]);
        var ds = keras.utils.ImageDatasetFromDirectory(folder.Root, imageSize: (2, 2), verbose: false, seed: 1);
        var e = Assert.Throws<InvalidArgumentError>(() => ds.ToList());
        Assert.Equal($"ImageDatasetFromDirectory: cannot decode the image file '{bad}': Unknown image file format. One of JPEG, PNG, GIF, BMP required.", e.Message);

        string good = folder.Png("b/whole.png", 16, 16, (y, x) => [(byte)(y * 16 + x), (byte)x, (byte)y]);
        var truncated = File.ReadAllBytes(good)[..60];
        File.Delete(bad);
        string cut = folder.Bytes("b/cut.png", truncated);
        e = Assert.Throws<InvalidArgumentError>(() => keras.utils.ImageDatasetFromDirectory(folder.Root, imageSize: (2, 2), verbose: false, seed: 1).ToList());
        Assert.StartsWith($"ImageDatasetFromDirectory: cannot decode the image file '{cut}' (corrupt or truncated)", e.Message);
    }

    [Fact]
    public void FitTrainsOnADatasetFromADirectory()
    {
        using var folder = new TempFolder();
        var rng = new Random(3);
        for (int i = 0; i < 24; i++)
        {
            folder.Png($"dark/{i}.png", 8, 8, (_, _) => [(byte)rng.Next(0, 90)], channels: 1);
            folder.Png($"light/{i}.png", 8, 8, (_, _) => [(byte)rng.Next(160, 256)], channels: 1);
        }
        tf.random.SetSeed(4);
        var (train, val) = keras.utils.ImageDatasetFromDirectory(folder.Root, labelMode: "binary", colorMode: "grayscale", imageSize: (8, 8),
            batchSize: 8, validationSplit: 0.25, subset: "both", seed: 5, verbose: false);
        var model = new Sequential([new Rescaling(1.0 / 255, inputShape: [8, 8, 1]), new Flatten(), new Dense(1, activation: "sigmoid")]);
        model.Compile(optimizer: new Adam(0.05), loss: new BinaryCrossentropy(), metrics: ["accuracy"]);
        var history = model.Fit(train, epochs: 15, verbose: 0, validationData: val);
        Assert.True(history.history["loss"][^1] < 0.5 * history.history["loss"][0], $"loss {string.Join(", ", history.history["loss"])}");
        Assert.Equal(1.0, history.history["val_accuracy"][^1]);
        Assert.Equal(1.0, model.Evaluate(val, verbose: 0)["accuracy"]);
    }
}
