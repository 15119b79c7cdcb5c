#pragma warning disable CS8981 // `keras` is lower-case on purpose.
using System.Text;
using Strata.Data;
using Strata.Keras.Utils;

namespace Strata;

public static partial class keras
{
    public static partial class utils
    {
        private static readonly string[] TextFormats = [".txt"];
        private const string AllowedTextFormat = "Allowed format: .txt";

        /// <summary>
        /// Keras's <c>keras.utils.text_dataset_from_directory</c>: a dataset of (texts, labels) batches from .txt
        /// files in one subfolder per class (classes in alphanumeric order, as <see cref="ImageDatasetFromDirectory"/>,
        /// with the same labels, label modes, shuffling, seed and split rules). Prints "Found N files belonging to K
        /// classes.".
        /// <para>Strata has no string tensors, so a batch's texts are a .NET <c>string[]</c> (each file's contents,
        /// UTF-8, cut to <paramref name="maxLength"/> bytes as tf.strings.substr cuts them) beside the labels tensor:
        /// <c>ds.Map(b =&gt; (vectorizer.Apply(b.Texts), b.Labels))</c> with a <c>TextVectorization</c> layer gives a
        /// dataset to Fit. With <paramref name="batchSize"/> null each element holds one text and its label (a scalar
        /// for "int").</para>
        /// <para>Keras's <c>labels=None</c> / <c>label_mode=None</c> is <see cref="TextDatasetFromDirectoryUnlabeled"/>;
        /// <c>subset: "both"</c> deconstructs into (training, validation).</para>
        /// </summary>
        /// <param name="directory">The folder holding one subfolder of .txt files per class.</param>
        /// <param name="labels">Null (Keras's "inferred"), or one integer label per .txt file in sorted path order.</param>
        /// <param name="labelMode">"int" (default), "categorical" or "binary".</param>
        /// <param name="classNames">With inferred labels, the subfolders to use, in the order that gives their indices.</param>
        /// <param name="batchSize">32 by default; null for single texts.</param>
        /// <param name="maxLength">The most bytes of a file kept (Keras's max_length); null keeps all.</param>
        /// <param name="shuffle">Shuffle the files (else alphanumeric order).</param>
        /// <param name="seed">The seed of the shuffles; required with <paramref name="validationSplit"/> and shuffling.</param>
        /// <param name="validationSplit">The fraction of files kept for validation.</param>
        /// <param name="subset">"training", "validation" or "both".</param>
        /// <param name="followLinks">Enter subfolders that are symbolic links.</param>
        /// <param name="verbose">Print the "Found …" line.</param>
        public static DirectoryDataset<(string[] Texts, Tensor Labels)> TextDatasetFromDirectory(string directory,
            IReadOnlyList<int>? labels = null, string labelMode = "int", IReadOnlyList<string>? classNames = null,
            int? batchSize = 32, int? maxLength = null, bool shuffle = true, long? seed = null, double? validationSplit = null,
            string? subset = null, bool followLinks = false, bool verbose = true)
        {
            const string fn = "TextDatasetFromDirectory";
            DatasetUtils.CheckExplicitLabels(fn, labels, classNames);
            DatasetUtils.CheckLabelMode(fn, labelMode, nameof(TextDatasetFromDirectoryUnlabeled));
            CheckTextArguments(fn, batchSize, maxLength);
            DatasetUtils.CheckValidationSplitArg(fn, validationSplit, subset, shuffle, seed);
            long s = DatasetUtils.SeedOrRandom(seed);
            var index = DirectoryIndex.Index(fn, directory, labels is null ? DirectoryIndex.LabelSource.Inferred : DirectoryIndex.LabelSource.Explicit,
                labels, classNames, TextFormats, shuffle, s, followLinks, verbose);
            DatasetUtils.CheckBinary(fn, labelMode, index.ClassNames!);
            int classes = index.ClassNames!.Count;
            return DirectorySubsets.Make(fn, directory, index, validationSplit, subset, shuffle, "text files", AllowedTextFormat,
                (paths, subsetLabels, shuffleIt) =>
                {
                    var samples = DatasetUtils.Indices(paths.Count, shuffleIt, batchSize, s).Map(
                        i => (ReadText(paths[i], maxLength, fn), DatasetUtils.Label(subsetLabels![i], labelMode, classes)), tf.data.AUTOTUNE);
                    var batches = batchSize is { } b
                        ? new Dataset<(string[], Tensor)>(() => TextBatches(samples, b), (paths.Count + b - 1) / b)
                        : samples.Map(e => (new[] { e.Item1 }, e.Item2));
                    return batches.Prefetch(tf.data.AUTOTUNE);
                });
        }

        /// <summary>
        /// Keras's <c>text_dataset_from_directory(…, labels=None)</c>: batches of texts alone (<c>string[]</c>), from
        /// every .txt file under <paramref name="directory"/>. Prints "Found N files.". The other arguments are
        /// <see cref="TextDatasetFromDirectory"/>'s.
        /// </summary>
        /// <param name="directory">The folder of .txt files (any tree of them).</param>
        /// <param name="batchSize">32 by default; null for one text per element.</param>
        /// <param name="maxLength">The most bytes of a file kept; null keeps all.</param>
        /// <param name="shuffle">Shuffle the files (else alphanumeric order).</param>
        /// <param name="seed">The seed of the shuffles; required with <paramref name="validationSplit"/> and shuffling.</param>
        /// <param name="validationSplit">The fraction of files kept for validation.</param>
        /// <param name="subset">"training", "validation" or "both".</param>
        /// <param name="followLinks">Enter subfolders that are symbolic links.</param>
        /// <param name="verbose">Print the "Found …" line.</param>
        public static DirectoryDataset<string[]> TextDatasetFromDirectoryUnlabeled(string directory, int? batchSize = 32,
            int? maxLength = null, bool shuffle = true, long? seed = null, double? validationSplit = null, string? subset = null,
            bool followLinks = false, bool verbose = true)
        {
            const string fn = "TextDatasetFromDirectoryUnlabeled";
            CheckTextArguments(fn, batchSize, maxLength);
            DatasetUtils.CheckValidationSplitArg(fn, validationSplit, subset, shuffle, seed);
            long s = DatasetUtils.SeedOrRandom(seed);
            var index = DirectoryIndex.Index(fn, directory, DirectoryIndex.LabelSource.None, null, null, TextFormats, shuffle, s, followLinks, verbose);
            return DirectorySubsets.Make(fn, directory, index, validationSplit, subset, shuffle, "text files", AllowedTextFormat,
                (paths, _, shuffleIt) =>
                {
                    var samples = DatasetUtils.Indices(paths.Count, shuffleIt, batchSize, s).Map(i => ReadText(paths[i], maxLength, fn), tf.data.AUTOTUNE);
                    var batches = batchSize is { } b
                        ? new Dataset<string[]>(() => samples.Chunk(b), (paths.Count + b - 1) / b)
                        : samples.Map(t => new[] { t });
                    return batches.Prefetch(tf.data.AUTOTUNE);
                });
        }

        private static void CheckTextArguments(string fn, int? batchSize, int? maxLength)
        {
            if (batchSize is <= 0)
                throw new InvalidArgumentError($"{fn}: `batch_size` must be a positive integer or None (unbatched). Received: batch_size={batchSize}");
            if (maxLength is < 0)
                throw new InvalidArgumentError($"{fn}: `max_length` must be a non-negative integer or None. Received: max_length={maxLength}");
        }

        /// <summary>A file's contents as tf.io.read_file reads them (bytes; here decoded as UTF-8), cut to
        /// <paramref name="maxLength"/> bytes as tf.strings.substr(txt, 0, max_length) cuts them.</summary>
        private static string ReadText(string path, int? maxLength, string fn)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InvalidArgumentError($"{fn}: cannot read the text file '{path}': {e.Message}");
            }
            int length = maxLength is { } m ? Math.Min(m, bytes.Length) : bytes.Length;
            return Encoding.UTF8.GetString(bytes, 0, length);
        }

        /// <summary>Consecutive (text, label) samples as (texts, stacked labels) batches, the last one smaller.</summary>
        private static IEnumerable<(string[], Tensor)> TextBatches(Dataset<(string, Tensor)> samples, int batchSize)
        {
            foreach (var chunk in samples.Chunk(batchSize))
                yield return (chunk.Select(e => e.Item1).ToArray(), tf.Stack(chunk.Select(e => e.Item2).ToArray()));
        }
    }
}
