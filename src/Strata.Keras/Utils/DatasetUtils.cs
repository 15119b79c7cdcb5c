using System.Globalization;

namespace Strata.Keras.Utils;

/// <summary>
/// What Keras's <c>dataset_utils</c> gives the *_dataset_from_directory functions: the checks of validation_split and
/// subset, the training/validation split of the shuffled file list, the label encodings, and Python's way of
/// printing the values its messages show.
/// </summary>
internal static class DatasetUtils
{
    /// <summary>Keras's check_validation_split_arg, in its order and words.</summary>
    public static void CheckValidationSplitArg(string fn, double? validationSplit, string? subset, bool shuffle, long? seed)
    {
        bool hasSplit = validationSplit is { } v && v != 0;   // Python: `if validation_split` (0.0 is unset)
        bool hasSubset = !string.IsNullOrEmpty(subset);
        if (hasSplit && !(validationSplit > 0 && validationSplit < 1))
            throw new InvalidArgumentError($"{fn}: `validation_split` must be between 0 and 1, received: {PyFloat(validationSplit!.Value)}");
        if ((hasSplit || hasSubset) && !(hasSplit && hasSubset))
            throw new InvalidArgumentError($"{fn}: If `subset` is set, `validation_split` must be set, and inversely.");
        if (subset is not (null or "training" or "validation" or "both"))
            throw new InvalidArgumentError($"{fn}: `subset` must be either \"training\", \"validation\" or \"both\", received: {subset}");
        if (hasSplit && shuffle && seed is null)
            throw new InvalidArgumentError(
                $"{fn}: If using `validation_split` and shuffling the data, you must provide a `seed` argument, to make sure that " +
                "there is no overlap between the training and validation subset.");
    }

    /// <summary>Keras's label_mode check. None (no labels) has its own function in Strata, named in the message:
    /// a dataset of images alone is typed apart from one of (images, labels).</summary>
    public static void CheckLabelMode(string fn, string? labelMode, string unlabeledVariant)
    {
        if (labelMode is null)
            throw new InvalidArgumentError(
                $"{fn}: label_mode=None (or labels=None) yields the data without labels, which C# types as another dataset: " +
                $"call keras.utils.{unlabeledVariant}(…) for it.");
        if (labelMode is not ("int" or "categorical" or "binary"))
            throw new InvalidArgumentError(
                $"{fn}: `label_mode` argument must be one of \"int\", \"categorical\", \"binary\", or None. Received: label_mode={labelMode}");
    }

    /// <summary>Keras's check of explicit labels against class names, before indexing (index_directory refuses even an
    /// empty list of class names with explicit labels).</summary>
    public static void CheckExplicitLabels(string fn, IReadOnlyList<int>? labels, IReadOnlyList<string>? classNames)
    {
        if (labels is not null && classNames is { Count: > 0 })
            throw new InvalidArgumentError(
                $"{fn}: You can only pass `class_names` if `labels=\"inferred\"`. Received: labels={PyList(labels)}, and class_names={PyList(classNames)}");
    }

    /// <summary>Keras: a random seed when none is given (np.random.randint(1e6)).</summary>
    public static long SeedOrRandom(long? seed) => seed ?? Random.Shared.Next(1_000_000);

    /// <summary>Keras's binary-mode check, after indexing.</summary>
    public static void CheckBinary(string fn, string labelMode, IReadOnlyList<string> classNames)
    {
        if (labelMode == "binary" && classNames.Count != 2)
            throw new InvalidArgumentError(
                $"{fn}: When passing `label_mode=\"binary\"`, there must be exactly 2 class_names. Received: class_names={PyList(classNames)}");
    }

    /// <summary>
    /// Keras's get_training_or_validation_split: the last int(validation_split · n) files are the validation subset,
    /// the others the training subset, as Python's slices <c>[:-k]</c> and <c>[-k:]</c> take them (so with k = 0 the
    /// training subset is empty and the validation subset is everything, as in Keras). Prints "Using … files for …".
    /// </summary>
    public static (List<string> Paths, int[]? Labels) TrainingOrValidation(List<string> paths, int[]? labels, double? validationSplit, string subset)
    {
        if (validationSplit is not { } split || split == 0) return (paths, labels);
        int n = paths.Count, k = (int)(split * n);
        int start, count;
        if (subset == "training")
        {
            Console.Out.Write($"Using {n - k} files for training.\n");
            (start, count) = (0, k == 0 ? 0 : n - k);
        }
        else
        {
            Console.Out.Write($"Using {k} files for validation.\n");
            (start, count) = k == 0 ? (0, n) : (n - k, k);
        }
        return (paths.GetRange(start, count), labels?[start..(start + count)]);
    }

    /// <summary>The label tensor of one sample: int32 scalar ("int"), float32 (1,) ("binary"), float32 one-hot
    /// (numClasses,) ("categorical"; a label outside [0, numClasses) gives zeros, as tf.one_hot).</summary>
    public static Tensor Label(int label, string labelMode, int numClasses)
    {
        switch (labelMode)
        {
            case "int": return tf.Constant(label);
            case "binary": return tf.Constant(new float[] { label });
            default:
                var oneHot = new float[numClasses];
                if (label >= 0 && label < numClasses) oneHot[label] = 1;
                return tf.Constant(oneHot);
        }
    }

    /// <summary>The dataset of sample indices 0 … n − 1, shuffled as Keras shuffles the (path, label) pairs: a buffer of
    /// 8 batches (1024 unbatched), the given seed.</summary>
    public static Data.Dataset<int> Indices(int n, bool shuffle, int? batchSize, long seed)
    {
        var indices = new Data.Dataset<int>(() => Enumerable.Range(0, n), n);
        return shuffle ? indices.Shuffle(batchSize is { } b ? b * 8L : 1024, seed) : indices;
    }

    /// <summary>A float as Python prints it (<c>1.5</c>, <c>2.0</c>, <c>1e-05</c>).</summary>
    public static string PyFloat(double v)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsInfinity(v)) return v > 0 ? "inf" : "-inf";
        string s = v.ToString("R", CultureInfo.InvariantCulture);
        int e = s.IndexOf('E');
        if (e >= 0)
        {
            string mantissa = s[..e], exponent = s[(e + 1)..];
            string sign = exponent.StartsWith('-') ? "-" : "+";
            string digits = exponent.TrimStart('+', '-').PadLeft(2, '0');
            return $"{mantissa}e{sign}{digits}";
        }
        return s.Contains('.') ? s : s + ".0";
    }

    /// <summary>A list of strings as Python prints it: <c>['a', 'b']</c>.</summary>
    public static string PyList(IEnumerable<string> values) =>
        "[" + string.Join(", ", values.Select(v => "'" + v.Replace("\\", "\\\\").Replace("'", "\\'") + "'")) + "]";

    /// <summary>A list of integers as Python prints it: <c>[0, 1]</c>.</summary>
    public static string PyList(IEnumerable<int> values) =>
        "[" + string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <summary>A tuple of strings as Python prints it: <c>('.bmp', '.gif')</c>.</summary>
    public static string PyTuple(IEnumerable<string> values) => "(" + PyList(values)[1..^1] + ")";
}
