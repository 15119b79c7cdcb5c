#pragma warning disable CS8981
using Strata.Kernels.Image;

namespace Strata;

/// <summary>
/// Image ops on channels-last images, (batch, height, width, channels) or one image (height, width, channels):
/// TensorFlow 2's <c>tf.image.resize</c> (half-pixel centers, no antialiasing) for bilinear and nearest, and
/// <c>ImageProjectiveTransformV3</c> (the sampler under Keras's RandomRotation, RandomZoom and RandomTranslation).
/// </summary>
public static partial class tf
{
    /// <summary>
    /// tf.image.resize(images, (height, width), "bilinear"): each output pixel i reads the input at
    /// (i + 0.5) · in / out - 0.5 (<paramref name="halfPixelCenters"/>, TF2's default; legacy: i · in / out),
    /// interpolating between the two neighbours, clamped at the edges. Integer images become float32. Built from
    /// Gather and products, so gradients (of any order) flow to the images.
    /// </summary>
    public static Tensor ResizeBilinear(Tensor images, int height, int width, bool halfPixelCenters = true)
    {
        var (x, batched) = ResizeInput(images, height, width, "ResizeBilinear");
        x = ResizeAxisBilinear(x, 1, height, halfPixelCenters);
        x = ResizeAxisBilinear(x, 2, width, halfPixelCenters);
        return batched ? x : Squeeze(x, [0]);
    }

    /// <summary>
    /// tf.image.resize(images, (height, width), "nearest"): output pixel i takes input
    /// min(floor((i + 0.5) · in / out), in - 1) (<paramref name="halfPixelCenters"/>; legacy: floor(i · in / out)).
    /// The dtype is kept; the gradient is Gather's.
    /// </summary>
    public static Tensor ResizeNearestNeighbor(Tensor images, int height, int width, bool halfPixelCenters = true)
    {
        NotNull(images, "ResizeNearestNeighbor", "images");
        var x = images.DType.IsNumeric ? images : throw new UnsupportedDTypeError(
            $"ResizeNearestNeighbor: expected a numeric image, got {images.DType.Name()} with shape {images.Shape}.");
        (x, bool batched) = ResizeInput(x, height, width, "ResizeNearestNeighbor", keepDType: true);
        x = Gather(x, NearestIndices(x.Shape[1], height, halfPixelCenters), 1);
        x = Gather(x, NearestIndices(x.Shape[2], width, halfPixelCenters), 2);
        return batched ? x : Squeeze(x, [0]);
    }

    /// <summary>
    /// TensorFlow's ImageProjectiveTransformV3 on a batch (b, h, w, c): output pixel (x, y) of image i reads the
    /// input at ((a0 x + a1 y + a2) / k, (b0 x + b1 y + b2) / k), k = c0 x + c1 y + 1, where
    /// <paramref name="transforms"/> is (b, 8) or (1, 8) [a0, a1, a2, b0, b1, b2, c0, c1]. Points outside the
    /// image follow <paramref name="fillMode"/> ("reflect", "wrap", "constant" with <paramref name="fillValue"/>,
    /// "nearest"); <paramref name="interpolation"/> is "nearest" or "bilinear". The output is (b, outH, outW, c),
    /// by default the input's size. The gradient flows to the images (the transforms are taken as constants).
    /// </summary>
    public static Tensor ImageProjectiveTransform(Tensor images, Tensor transforms, string interpolation = "bilinear",
        string fillMode = "constant", double fillValue = 0, (int Height, int Width)? outputShape = null)
    {
        const string op = "ImageProjectiveTransform";
        NotNull(images, op, "images");
        NotNull(transforms, op, "transforms");
        if (images.Rank != 4)
            throw new InvalidArgumentError($"{op}: images must have rank 4 (batch, height, width, channels), got shape {images.Shape}.");
        int batch = images.Shape[0];
        if (transforms.Rank != 2 || transforms.Shape[1] != 8 || (transforms.Shape[0] != 1 && transforms.Shape[0] != batch))
            throw new InvalidArgumentError(
                $"{op}: transforms must have shape (1, 8) or ({batch}, 8) for images of shape {images.Shape}, got {transforms.Shape}.");
        bool bilinear = interpolation switch
        {
            "bilinear" => true,
            "nearest" => false,
            _ => throw new InvalidArgumentError($"{op}: unknown interpolation \"{interpolation}\"; expected \"nearest\" or \"bilinear\"."),
        };
        var fill = ParseFillMode(fillMode, op);
        var (outH, outW) = outputShape ?? (images.Shape[1], images.Shape[2]);
        if (outH <= 0 || outW <= 0)
            throw new InvalidArgumentError($"{op}: the output size must be positive, got ({outH}, {outW}).");
        var x = images.DType.IsFloating ? images : Cast(images, DType.Float32);
        var t = (double[])Cast(transforms, DType.Float64).Buffer;
        var plan = ResamplePlan.Projective(batch, x.Shape[1], x.Shape[2], outH, outW, t, bilinear, fill);
        return Resample(x, plan, fillValue);
    }

    internal static FillMode ParseFillMode(string fillMode, string op) => fillMode switch
    {
        "reflect" => FillMode.Reflect,
        "wrap" => FillMode.Wrap,
        "constant" => FillMode.Constant,
        "nearest" => FillMode.Nearest,
        _ => throw new InvalidArgumentError(
            $"{op}: unknown fill mode \"{fillMode}\"; expected \"reflect\", \"wrap\", \"constant\" or \"nearest\"."),
    };

    /// <summary>The plan's weighted gather; its gradient is the adjoint scatter, whose gradient is this gather
    /// again without the fill (so nested tapes give every order).</summary>
    private static Tensor Resample(Tensor x, ResamplePlan plan, double fill)
    {
        int channels = x.Shape[3];
        var y = Tensor.Empty(x.DType, Shape.Wrap([plan.Batch, plan.OutHeight, plan.OutWidth, channels]), "ImageProjectiveTransform");
        if (x.DType == DType.Float32) plan.Gather(x.Data<float>(), y.Data<float>(), channels, (float)fill);
        else plan.Gather(x.Data<double>(), y.Data<double>(), channels, fill);
        if (GradientTape.IsRecording)
            Record("ImageProjectiveTransform", y, [x], (dy, _, _) => [ResampleAdjoint(dy, plan)]);
        return y;
    }

    private static Tensor ResampleAdjoint(Tensor dy, ResamplePlan plan)
    {
        int channels = dy.Shape[3];
        var dx = Tensor.Empty(dy.DType, Shape.Wrap([plan.Batch, plan.InHeight, plan.InWidth, channels]));
        if (dy.DType == DType.Float32) plan.Scatter(dy.Data<float>(), dx.Data<float>(), channels);
        else plan.Scatter(dy.Data<double>(), dx.Data<double>(), channels);
        if (GradientTape.IsRecording)
            Record("ImageProjectiveTransformGrad", dx, [dy], (ddx, _, _) => [Resample(ddx, plan, 0)]);
        return dx;
    }

    /// <summary>Checks a resize's arguments and returns the images as a float batch (one image gets a batch axis).</summary>
    private static (Tensor, bool) ResizeInput(Tensor images, int height, int width, string op, bool keepDType = false)
    {
        NotNull(images, op, "images");
        if (images.Rank is not (3 or 4))
            throw new InvalidArgumentError($"{op}: images must have rank 3 (height, width, channels) or 4 (batch, height, width, channels), got shape {images.Shape}.");
        if (height <= 0 || width <= 0)
            throw new InvalidArgumentError($"{op}: the size must be positive, got ({height}, {width}).");
        var x = keepDType || images.DType.IsFloating ? images : Cast(images, DType.Float32);
        bool batched = images.Rank == 4;
        if (!batched) x = ExpandDims(x, 0);
        if (x.Shape[1] == 0 || x.Shape[2] == 0)
            throw new InvalidArgumentError($"{op}: cannot resize an empty image, got shape {images.Shape}.");
        return (x, batched);
    }

    /// <summary>One axis of a bilinear resize: lerp between the rows at TF's lower and upper source indices.</summary>
    private static Tensor ResizeAxisBilinear(Tensor x, int axis, int outSize, bool halfPixelCenters)
    {
        int inSize = x.Shape[axis];
        if (inSize == outSize) return x; // every output pixel sits on an input pixel
        var lower = new long[outSize];
        var upper = new long[outSize];
        var lerp = new double[outSize];
        // TensorFlow's compute_interpolation_weights, in float32 as TF computes it.
        float scale = (float)inSize / outSize;
        for (int i = 0; i < outSize; i++)
        {
            float v = halfPixelCenters ? (i + 0.5f) * scale - 0.5f : i * scale;
            float f = MathF.Floor(v);
            lower[i] = Math.Max((long)f, 0);
            upper[i] = Math.Min((long)MathF.Ceiling(v), inSize - 1);
            lerp[i] = v - f;
        }
        var wShape = new int[4];
        Array.Fill(wShape, 1);
        wShape[axis] = outSize;
        var w = Cast(Tensor.FromBuffer(lerp, Shape.Wrap(wShape), DType.Float64), x.DType);
        var lo = Gather(x, Tensor.FromBuffer(lower, Shape.Wrap([outSize]), DType.Int64), axis);
        var hi = Gather(x, Tensor.FromBuffer(upper, Shape.Wrap([outSize]), DType.Int64), axis);
        return Add(lo, Multiply(Subtract(hi, lo), w));
    }

    private static Tensor NearestIndices(int inSize, int outSize, bool halfPixelCenters)
    {
        var idx = new long[outSize];
        float scale = (float)inSize / outSize;
        for (int i = 0; i < outSize; i++)
        {
            float v = halfPixelCenters ? (i + 0.5f) * scale : i * scale;
            idx[i] = Math.Clamp((long)MathF.Floor(v), 0, inSize - 1);
        }
        return Tensor.FromBuffer(idx, Shape.Wrap([outSize]), DType.Int64);
    }
}
