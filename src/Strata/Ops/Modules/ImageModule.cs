#pragma warning disable CS8981
namespace Strata;

public static partial class tf
{
    /// <summary>TensorFlow's <c>tf.image</c> (NHWC images, batched or one (h, w, c)): resizing, flips, central crops
    /// and per-image standardization.</summary>
    public static class image
    {
        /// <summary><c>tf.image.resize</c> with "bilinear" (the default) or "nearest", half-pixel centres as TF 2.</summary>
        public static Tensor Resize(Tensor images, (int Height, int Width) size, string method = "bilinear") => method switch
        {
            "bilinear" => tf.ResizeBilinear(images, size.Height, size.Width),
            "nearest" => tf.ResizeNearestNeighbor(images, size.Height, size.Width),
            _ => throw new InvalidArgumentError($"image.Resize: method must be \"bilinear\" or \"nearest\", got \"{method}\"."),
        };

        /// <summary>Mirrors the width axis.</summary>
        public static Tensor FlipLeftRight(Tensor images) => tf.Reverse(images, [WidthAxis(images, "FlipLeftRight")]);

        /// <summary>Mirrors the height axis.</summary>
        public static Tensor FlipUpDown(Tensor images) => tf.Reverse(images, [WidthAxis(images, "FlipUpDown") - 1]);

        /// <summary><c>tf.image.central_crop</c>: the centre <paramref name="centralFraction"/> of each image.</summary>
        public static Tensor CentralCrop(Tensor images, double centralFraction)
        {
            int w = WidthAxis(images, "CentralCrop");
            if (!(centralFraction > 0 && centralFraction <= 1))
                throw new InvalidArgumentError($"image.CentralCrop: centralFraction must be within (0, 1], got {centralFraction}.");
            int h = images.Shape[w - 1], wd = images.Shape[w];
            // TF: the offsets are int((1 - fraction) · size / 2), the kept size is size - 2 · offset.
            int top = (int)((h - h * centralFraction) / 2), left = (int)((wd - wd * centralFraction) / 2);
            var begin = new int[images.Rank];
            var size = Enumerable.Repeat(-1, images.Rank).ToArray();
            (begin[w - 1], size[w - 1], begin[w], size[w]) = (top, h - 2 * top, left, wd - 2 * left);
            return tf.Slice(images, begin, size);
        }

        /// <summary><c>tf.image.per_image_standardization</c>: (x − mean) / max(stddev, 1/√N) over each image's pixels
        /// and channels, as float32.</summary>
        public static Tensor PerImageStandardization(Tensor images)
        {
            int w = WidthAxis(images, "PerImageStandardization");
            var x = images.DType.IsFloating ? images : tf.Cast(images, DType.Float32);
            int[] axes = [w - 1, w, w + 1];
            double n = images.Shape[w - 1] * (double)images.Shape[w] * images.Shape[w + 1];
            var (mean, variance) = tf.Moments(x, axes, keepDims: true);
            var adjusted = tf.Maximum(tf.Sqrt(variance), Tensor.Scalar(1 / System.Math.Sqrt(n), x.DType));
            return (x - mean) / adjusted;
        }

        private static int WidthAxis(Tensor images, string op)
        {
            Guard.NotNull(images, $"image.{op}", "images");
            if (images.Rank is not (3 or 4))
                throw new InvalidArgumentError($"image.{op}: images must be (height, width, channels) or (batch, height, width, channels), got shape {images.Shape}.");
            return images.Rank - 2;
        }
    }
}
