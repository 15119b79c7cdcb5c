using Strata.Keras.Layers;
using Strata.Keras.Utils;

namespace Strata.Keras.Tests.Data;

/// <summary>keras.utils.TextDatasetFromDirectory: texts as string[] batches beside Keras's labels.</summary>
public class TextDatasetFromDirectoryTests
{
    private static TempFolder Reviews()
    {
        var folder = new TempFolder();
        folder.Text("pos/1.txt", "a great film");
        folder.Text("pos/2.txt", "loved it");
        folder.Text("neg/1.txt", "dull and long");
        folder.Text("neg/skip.md", "not a .txt file");
        return folder;
    }

    [Fact]
    public void TextsAndLabelsInKerassOrder()
    {
        using var folder = Reviews();
        DirectoryDataset<(string[] Texts, Tensor Labels)>? ds = null;
        string printed = ConsoleOutput.Capture(() => ds = keras.utils.TextDatasetFromDirectory(folder.Root, shuffle: false));
        Assert.Equal("Found 3 files belonging to 2 classes.\n", printed);
        Assert.Equal(["neg", "pos"], ds!.ClassNames);
        Assert.Equal(1, ds.Cardinality);
        var (texts, labels) = Assert.Single(ds.ToList());
        Assert.Equal(["dull and long", "a great film", "loved it"], texts);
        Assert.Equal([0, 1, 1], labels.ToArray<int>());

        var categorical = keras.utils.TextDatasetFromDirectory(folder.Root, labelMode: "categorical", batchSize: 2, shuffle: false, verbose: false).ToList();
        Assert.Equal(2, categorical.Count);
        Assert.Equal(new Shape(2, 2), categorical[0].Labels.Shape);
        Assert.Equal([0f, 1], categorical[1].Labels.ToArray<float>());
        Assert.Equal(["loved it"], categorical[1].Texts);
    }

    [Fact]
    public void MaxLengthCutsBytesAndUnbatchedElementsHoldOneText()
    {
        using var folder = new TempFolder();
        folder.Text("c/a.txt", "héllo world");   // é is two bytes in UTF-8
        var ds = keras.utils.TextDatasetFromDirectory(folder.Root, batchSize: null, maxLength: 3, labelMode: "categorical",
            classNames: ["c"], verbose: false, shuffle: false);
        var (texts, label) = Assert.Single(ds.ToList());
        Assert.Equal(["hé"], texts);
        Assert.Equal(new Shape(1), label.Shape);
        Assert.Equal("héllo world", Assert.Single(keras.utils.TextDatasetFromDirectory(folder.Root, verbose: false).ToList()).Texts[0]);
    }

    [Fact]
    public void SplitsWithASeedAsTheImages()
    {
        using var folder = new TempFolder();
        for (int i = 0; i < 10; i++) folder.Text($"{(i < 5 ? "a" : "b")}/{i}.txt", $"text {i}");
        DirectoryDataset<(string[] Texts, Tensor Labels)>? train = null;
        string printed = ConsoleOutput.Capture(() =>
        {
            var (t, v) = keras.utils.TextDatasetFromDirectory(folder.Root, validationSplit: 0.2, subset: "both", seed: 0);
            train = t;
            // np.random.RandomState(0).permutation(10) = [2, 8, 4, 9, 1, 6, 7, 3, 0, 5]: the last two are validation.
            Assert.Equal(["text 0", "text 5"], v.SelectMany(b => b.Texts));
        });
        Assert.Equal("Found 10 files belonging to 2 classes.\nUsing 8 files for training.\nUsing 2 files for validation.\n", printed);
        var seen = train!.SelectMany(b => b.Texts.Zip(b.Labels.ToArray<int>())).ToList();
        Assert.Equal(8, seen.Count);
        Assert.All(seen, s => Assert.Equal(int.Parse(s.First[5..]) < 5 ? 0 : 1, s.Second));
    }

    [Fact]
    public void UnlabeledTextsAndErrors()
    {
        using var folder = Reviews();
        DirectoryDataset<string[]>? ds = null;
        string printed = ConsoleOutput.Capture(() => ds = keras.utils.TextDatasetFromDirectoryUnlabeled(folder.Root, batchSize: 2, shuffle: false));
        Assert.Equal("Found 3 files.\n", printed);
        Assert.Null(ds!.ClassNames);
        Assert.Equal(new[] { new[] { "dull and long", "a great film" }, ["loved it"] }, ds.ToList());

        using var empty = new TempFolder();
        empty.Text("a/x.md", "none");
        var e = Assert.Throws<InvalidArgumentError>(() => keras.utils.TextDatasetFromDirectory(empty.Root, verbose: false));
        Assert.Equal($"TextDatasetFromDirectory: No text files found in directory {empty.Root}. Allowed format: .txt", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => keras.utils.TextDatasetFromDirectory(folder.Root, labels: [0, 1]));
        Assert.StartsWith("TextDatasetFromDirectory: Expected the lengths of `labels` to match the number of files", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => keras.utils.TextDatasetFromDirectory(folder.Root, labelMode: "onehot"));
        Assert.Contains("Received: label_mode=onehot", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => keras.utils.TextDatasetFromDirectory(folder.Root, validationSplit: 0, subset: "both"));
        Assert.Equal("TextDatasetFromDirectory: If `subset` is set, `validation_split` must be set, and inversely.", e.Message);
    }

    [Fact]
    public void TextVectorizationTurnsTheTextsIntoModelInput()
    {
        using var folder = Reviews();
        var ds = keras.utils.TextDatasetFromDirectory(folder.Root, shuffle: false, verbose: false);
        var vectorizer = new TextVectorization(outputMode: "int", outputSequenceLength: 4);
        vectorizer.Adapt(ds.SelectMany(b => b.Texts));
        var (x, y) = Assert.Single(ds.Map(b => (vectorizer.Apply(b.Texts), b.Labels)).ToList());
        Assert.Equal(new Shape(3, 4), x.Shape);
        Assert.Equal([0, 1, 1], y.ToArray<int>());
    }
}
