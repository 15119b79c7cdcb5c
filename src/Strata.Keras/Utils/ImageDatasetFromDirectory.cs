#pragma warning disable CS8981 // `keras` is lower-case on purpose.
using Strata.Data;
using Strata.Keras.Layers;
using Strata.Keras.Utils;

namespace Strata;

public static partial class keras
{
    public static partial class utils
    {
        private static readonly string[] ImageFormats = [".bmp", ".gif", ".jpeg", ".jpg", ".png"];
        private static readonly string[] Interpolations = ["bilinear", "nearest", "bicubic", "area", "lanczos3", "lanczos5", "gaussian", "mitchellcubic"];

        /// <summary>
        /// Keras's <c>keras.utils.image_dataset_from_directory</c>: a dataset of (images, labels) batches from image
        /// files in one subfolder per class. <c>directory/cat/1.jpg</c>, <c>directory/dog/2.png</c> give classes
        /// ["cat", "dog"] (alphanumeric order) and labels 0 and 1; files in subfolders of a class folder count too.
        /// Prints Keras's "Found N files belonging to K classes." (and "Using M files for training." with a split).
        /// <para>Images are decoded by content (JPEG, PNG, GIF's first frame, BMP; files ending .bmp .gif .jpeg .jpg
        /// .png are indexed), given <paramref name="colorMode"/>'s channels, resized to <paramref name="imageSize"/>, and
        /// batched as float32 (batch, height, width, channels) with values 0…255 — rescale in the model. Labels are
        /// int32 (batch) for "int", float32 (batch, 1) for "binary" (exactly 2 classes), float32 one-hot
        /// (batch, classes) for "categorical". The files are shuffled with <paramref name="seed"/> as Keras shuffles
        /// them (NumPy's RandomState), so a seed gives the same subsets as in Python; each epoch reshuffles a buffer of
        /// 8 batches, as Keras's pipeline does.</para>
        /// <para>Keras's <c>labels=None</c> / <c>label_mode=None</c> (images alone) is
        /// <see cref="ImageDatasetFromDirectoryUnlabeled"/>. With <c>subset: "both"</c> the result is the training
        /// dataset, its <see cref="DirectoryDataset{T}.Validation"/> the validation one, and it deconstructs as
        /// Keras's pair: <c>var (train, val) = keras.utils.ImageDatasetFromDirectory(dir, validationSplit: 0.2,
        /// subset: "both", seed: 1337);</c>.</para>
        /// </summary>
        /// <param name="directory">The folder holding one subfolder per class (with explicit <paramref name="labels"/>,
        /// any tree of images).</param>
        /// <param name="labels">Null (Keras's "inferred": from the subfolders), or one integer label per image file in
        /// the order of the sorted file paths (Keras's explicit list).</param>
        /// <param name="labelMode">"int" (default), "categorical" or "binary".</param>
        /// <param name="classNames">With inferred labels, the subfolders to use, in the order that gives their indices.</param>
        /// <param name="colorMode">"rgb" (3 channels, default), "grayscale" (1) or "rgba" (4).</param>
        /// <param name="batchSize">32 by default; null for single images (height, width, channels).</param>
        /// <param name="imageSize">(height, width) the images are resized to; (256, 256) by default.</param>
        /// <param name="shuffle">Shuffle the files (else alphanumeric order); true by default.</param>
        /// <param name="seed">The seed of the shuffles; required with <paramref name="validationSplit"/> and shuffling.</param>
        /// <param name="validationSplit">The fraction of files kept for validation (the last int(split · n) of the shuffled list).</param>
        /// <param name="subset">"training", "validation" or "both" (with <paramref name="validationSplit"/>).</param>
        /// <param name="interpolation">"bilinear" (default) or "nearest".</param>
        /// <param name="followLinks">Enter subfolders that are symbolic links.</param>
        /// <param name="cropToAspectRatio">Crop the largest centered window of the target's aspect ratio first (Keras's smart_resize).</param>
        /// <param name="padToAspectRatio">Resize to fit and pad with zeros instead (TensorFlow's resize_with_pad).</param>
        /// <param name="verbose">Print the "Found …" line.</param>
        public static DirectoryDataset<(Tensor Images, Tensor Labels)> ImageDatasetFromDirectory(string directory,
            IReadOnlyList<int>? labels = null, string labelMode = "int", IReadOnlyList<string>? classNames = null,
            string colorMode = "rgb", int? batchSize = 32, (int Height, int Width)? imageSize = null, bool shuffle = true,
            long? seed = null, double? validationSplit = null, string? subset = null, string interpolation = "bilinear",
            bool followLinks = false, bool cropToAspectRatio = false, bool padToAspectRatio = false, bool verbose = true)
        {
            const string fn = "ImageDatasetFromDirectory";
            DatasetUtils.CheckExplicitLabels(fn, labels, classNames);
            DatasetUtils.CheckLabelMode(fn, labelMode, nameof(ImageDatasetFromDirectoryUnlabeled));
            var loader = ImageLoader.Check(fn, colorMode, imageSize, interpolation, batchSize, cropToAspectRatio, padToAspectRatio);
            DatasetUtils.CheckValidationSplitArg(fn, validationSplit, subset, shuffle, seed);
            long s = DatasetUtils.SeedOrRandom(seed);
            var index = DirectoryIndex.Index(fn, directory, labels is null ? DirectoryIndex.LabelSource.Inferred : DirectoryIndex.LabelSource.Explicit,
                labels, classNames, ImageFormats, shuffle, s, followLinks, verbose);
            DatasetUtils.CheckBinary(fn, labelMode, index.ClassNames!);
            int classes = index.ClassNames!.Count;
            return DirectorySubsets.Make(fn, directory, index, validationSplit, subset, shuffle, "images", AllowedImageFormats,
                (paths, subsetLabels, shuffleIt) => Batched(
                    DatasetUtils.Indices(paths.Count, shuffleIt, batchSize, s).Map(
                        i => (loader.Load(paths[i]), DatasetUtils.Label(subsetLabels![i], labelMode, classes)), tf.data.AUTOTUNE),
                    batchSize));
        }

        /// <summary>
        /// Keras's <c>image_dataset_from_directory(…, labels=None)</c> (or <c>label_mode=None</c>): a dataset of image
        /// batches alone, float32 (batch, height, width, channels), values 0…255, from every image file under
        /// <paramref name="directory"/> (its subfolders included, in sorted path order before the shuffle). Prints
        /// "Found N files.". The other arguments are <see cref="ImageDatasetFromDirectory"/>'s.
        /// </summary>
        /// <param name="directory">The folder of images (any tree of them).</param>
        /// <param name="colorMode">"rgb" (3 channels, default), "grayscale" (1) or "rgba" (4).</param>
        /// <param name="batchSize">32 by default; null for single images.</param>
        /// <param name="imageSize">(height, width) the images are resized to; (256, 256) by default.</param>
        /// <param name="shuffle">Shuffle the files (else alphanumeric order).</param>
        /// <param name="seed">The seed of the shuffles; required with <paramref name="validationSplit"/> and shuffling.</param>
        /// <param name="validationSplit">The fraction of files kept for validation.</param>
        /// <param name="subset">"training", "validation" or "both".</param>
        /// <param name="interpolation">"bilinear" (default) or "nearest".</param>
        /// <param name="followLinks">Enter subfolders that are symbolic links.</param>
        /// <param name="cropToAspectRatio">Crop to the target's aspect ratio before resizing.</param>
        /// <param name="padToAspectRatio">Resize to fit and pad with zeros.</param>
        /// <param name="verbose">Print the "Found …" line.</param>
        public static DirectoryDataset<Tensor> ImageDatasetFromDirectoryUnlabeled(string directory, string colorMode = "rgb",
            int? batchSize = 32, (int Height, int Width)? imageSize = null, bool shuffle = true, long? seed = null,
            double? validationSplit = null, string? subset = null, string interpolation = "bilinear", bool followLinks = false,
            bool cropToAspectRatio = false, bool padToAspectRatio = false, bool verbose = true)
        {
            const string fn = "ImageDatasetFromDirectoryUnlabeled";
            var loader = ImageLoader.Check(fn, colorMode, imageSize, interpolation, batchSize, cropToAspectRatio, padToAspectRatio);
            DatasetUtils.CheckValidationSplitArg(fn, validationSplit, subset, shuffle, seed);
            long s = DatasetUtils.SeedOrRandom(seed);
            var index = DirectoryIndex.Index(fn, directory, DirectoryIndex.LabelSource.None, null, null, ImageFormats, shuffle, s, followLinks, verbose);
            return DirectorySubsets.Make(fn, directory, index, validationSplit, subset, shuffle, "images", AllowedImageFormats,
                (paths, _, shuffleIt) => Batched(
                    DatasetUtils.Indices(paths.Count, shuffleIt, batchSize, s).Map(i => loader.Load(paths[i]), tf.data.AUTOTUNE),
                    batchSize));
        }

        private static string AllowedImageFormats => $"Allowed formats: {DatasetUtils.PyTuple(ImageFormats)}";

        private static Dataset<T> Batched<T>(Dataset<T> samples, int? batchSize) =>
            (batchSize is { } b ? samples.Batch(b) : samples).Prefetch(tf.data.AUTOTUNE);

        /// <summary>How each file becomes a (height, width, channels) float32 image, checked as Keras checks it.</summary>
        private sealed record ImageLoader(string Fn, int Channels, int Height, int Width, string Interpolation, bool Crop, bool Pad)
        {
            public static ImageLoader Check(string fn, string colorMode, (int Height, int Width)? imageSize, string interpolation,
                int? batchSize, bool crop, bool pad)
            {
                int channels = colorMode switch
                {
                    "rgb" => 3,
                    "rgba" => 4,
                    "grayscale" => 1,
                    _ => throw new InvalidArgumentError(
                        $"{fn}: `color_mode` must be one of {{\"rgb\", \"rgba\", \"grayscale\"}}. Received: color_mode={colorMode}"),
                };
                var (h, w) = imageSize ?? (256, 256);
                if (h <= 0 || w <= 0)
                    throw new InvalidArgumentError($"{fn}: Invalid `image_size` value. Expected a tuple of 2 positive integers. Received: image_size=({h}, {w})");
                string method = (interpolation ?? "").ToLowerInvariant();
                if (!Interpolations.Contains(method))
                    throw new InvalidArgumentError(
                        $"{fn}: Argument `interpolation` should be one of {DatasetUtils.PyTuple(Interpolations)}. Received: interpolation={interpolation}");
                if (method is not ("bilinear" or "nearest"))
                    throw new InvalidArgumentError($"{fn}: interpolation=\"{method}\" is not implemented in Strata; use \"bilinear\" or \"nearest\".");
                if (batchSize is <= 0)
                    throw new InvalidArgumentError($"{fn}: `batch_size` must be a positive integer or None (unbatched). Received: batch_size={batchSize}");
                if (crop && pad)
                    throw new InvalidArgumentError($"{fn}: Only one of `pad_to_aspect_ratio`, `crop_to_aspect_ratio` can be set to `True`.");
                return new ImageLoader(fn, channels, h, w, method, crop, pad);
            }

            public Tensor Load(string path)
            {
                var batch = tf.ExpandDims(ImageDecoding.Read(path, Channels, Fn), 0);
                var resized = Crop ? ImageInput.CropToAspectAndResize(batch, Height, Width, Interpolation)
                    : Pad ? ImageInput.ResizeWithPad(batch, Height, Width, Interpolation)
                    : ImageInput.Resize(batch, Height, Width, Interpolation);
                return tf.Squeeze(resized, [0]);
            }
        }
    }
}
