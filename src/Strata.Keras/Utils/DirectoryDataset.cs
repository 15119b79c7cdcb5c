using Strata.Data;

namespace Strata.Keras.Utils;

/// <summary>
/// The dataset <c>keras.utils.ImageDatasetFromDirectory</c> and <c>TextDatasetFromDirectory</c> return: a
/// <see cref="Dataset{T}"/> (so <c>model.Fit(ds)</c>, <c>ds.Map(…)</c>, <c>ds.Prefetch(…)</c> work on it) with the
/// attributes Keras sets on it, <see cref="ClassNames"/> and <see cref="FilePaths"/>. As in Keras, a transformation
/// returns a plain dataset without them. For <c>subset: "both"</c> it is the training dataset and holds the
/// validation one in <see cref="Validation"/>; it deconstructs into the pair, as Keras returns a pair:
/// <c>var (train, val) = keras.utils.ImageDatasetFromDirectory(dir, validationSplit: 0.2, subset: "both", seed: 1337);</c>
/// </summary>
public sealed class DirectoryDataset<T> : Dataset<T>
{
    internal DirectoryDataset(Dataset<T> pipeline, IReadOnlyList<string>? classNames, IReadOnlyList<string> filePaths,
        DirectoryDataset<T>? validation = null)
        : base(pipeline.GetEnumerator, pipeline.Cardinality)
    {
        ClassNames = classNames?.ToArray().AsReadOnly();
        FilePaths = filePaths.ToArray().AsReadOnly();
        Validation = validation;
    }

    /// <summary>Keras's <c>class_names</c>: the class of each label index (the subfolder names in alphanumeric order,
    /// or the order given; the sorted distinct labels, as strings, for explicit labels); null without labels.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>Keras's <c>file_paths</c>: the files of this dataset (this subset), in the order of Keras's shuffled
    /// index (before the dataset's own per-epoch shuffle).</summary>
    public IReadOnlyList<string> FilePaths { get; }

    /// <summary>With <c>subset: "both"</c>, the validation dataset (this one being the training dataset); else null.</summary>
    public DirectoryDataset<T>? Validation { get; }

    /// <summary>The (training, validation) pair of a <c>subset: "both"</c> result, as Keras returns it.</summary>
    public void Deconstruct(out DirectoryDataset<T> training, out DirectoryDataset<T> validation)
    {
        training = this;
        validation = Validation ?? throw new InvalidArgumentError(
            "DirectoryDataset.Deconstruct: only a subset: \"both\" result is a (training, validation) pair; this dataset is one subset.");
    }
}
