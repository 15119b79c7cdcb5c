using Strata.Data;

namespace Strata.Keras.Utils;

/// <summary>
/// The end of Keras's *_dataset_from_directory: the indexed files cut into the subset asked for (all of them,
/// "training", "validation", or "both", the validation dataset then unshuffled), each subset made into its
/// pipeline, with Keras's error when a subset has no files.
/// </summary>
internal static class DirectorySubsets
{
    /// <summary>Makes one subset's pipeline from its files, their labels (null without labels) and whether it shuffles.</summary>
    public delegate Dataset<T> Pipeline<T>(List<string> paths, int[]? labels, bool shuffle);

    /// <summary>The dataset of the requested subset (for "both", training with validation attached).</summary>
    /// <param name="fn">The public function's name, for messages.</param>
    /// <param name="directory">The directory indexed.</param>
    /// <param name="index">Its files and labels in Keras's order.</param>
    /// <param name="validationSplit">The fraction held out for validation, or null.</param>
    /// <param name="subset">"training", "validation", "both" or null.</param>
    /// <param name="shuffle">Whether the subset's pipeline shuffles.</param>
    /// <param name="what">"images" or "text files", as Keras's messages name them.</param>
    /// <param name="allowed">Keras's "Allowed formats: …" sentence.</param>
    /// <param name="pipeline">Makes a subset's dataset from its files.</param>
    public static DirectoryDataset<T> Make<T>(string fn, string directory, DirectoryIndex.Result index, double? validationSplit,
        string? subset, bool shuffle, string what, string allowed, Pipeline<T> pipeline)
    {
        if (subset == "both")
        {
            var (trainPaths, trainLabels) = DatasetUtils.TrainingOrValidation(index.Paths, index.Labels, validationSplit, "training");
            var (valPaths, valLabels) = DatasetUtils.TrainingOrValidation(index.Paths, index.Labels, validationSplit, "validation");
            if (trainPaths.Count == 0)
                throw new InvalidArgumentError($"{fn}: No training {what} found in directory {directory}. {allowed}");
            if (valPaths.Count == 0)
                throw new InvalidArgumentError($"{fn}: No validation {what} found in directory {directory}. {allowed}");
            var validation = new DirectoryDataset<T>(pipeline(valPaths, valLabels, false), index.ClassNames, valPaths);
            return new DirectoryDataset<T>(pipeline(trainPaths, trainLabels, shuffle), index.ClassNames, trainPaths, validation);
        }
        var (paths, labels) = subset is null ? (index.Paths, index.Labels)
            : DatasetUtils.TrainingOrValidation(index.Paths, index.Labels, validationSplit, subset);
        if (paths.Count == 0)
            throw new InvalidArgumentError($"{fn}: No {what} found in directory {directory}. {allowed}");
        return new DirectoryDataset<T>(pipeline(paths, labels, shuffle), index.ClassNames, paths);
    }
}
