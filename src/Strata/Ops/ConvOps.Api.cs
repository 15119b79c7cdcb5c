#pragma warning disable CS8981
namespace Strata;

/// <summary>
/// TensorFlow's convolutions, channels last (NWC, NHWC, NDHWC), float32 and float64. Filters are
/// [k…, in_channels / groups, out_channels]; a filter whose in-dimension divides the input's channels makes a
/// grouped convolution, as in tf.nn.conv2d. Padding "VALID", "SAME" (TensorFlow's: output ceil(in / stride), the
/// odd zero after) and, for 1-D, "CAUSAL" (Keras's: (k - 1)·dilation zeros before). Strides and dilations are one
/// number, one per spatial axis, or TensorFlow's full form with 1 for the batch and channel axes.
/// </summary>
public static partial class tf
{
    /// <summary><c>tf.nn.conv1d</c>: input (batch, width, channels), filters [width, in_channels / groups, out_channels].</summary>
    public static Tensor Conv1D(Tensor input, Tensor filters, int stride = 1, string padding = "VALID", int dilations = 1)
        => Convolution("Conv1D", 1, input, filters, [stride], padding, [dilations]);

    /// <summary><c>tf.nn.conv2d</c>: input (batch, height, width, channels), filters [height, width, in_channels / groups, out_channels].</summary>
    public static Tensor Conv2D(Tensor input, Tensor filters, int[]? strides = null, string padding = "VALID", int[]? dilations = null)
        => Convolution("Conv2D", 2, input, filters, strides, padding, dilations);

    /// <summary><c>tf.nn.conv2d</c> with one stride and one dilation for both spatial axes.</summary>
    public static Tensor Conv2D(Tensor input, Tensor filters, int strides, string padding = "VALID", int dilations = 1)
        => Convolution("Conv2D", 2, input, filters, [strides], padding, [dilations]);

    /// <summary><c>tf.nn.conv3d</c>: input (batch, depth, height, width, channels), filters [d, h, w, in_channels / groups, out_channels].</summary>
    public static Tensor Conv3D(Tensor input, Tensor filters, int[]? strides = null, string padding = "VALID", int[]? dilations = null)
        => Convolution("Conv3D", 3, input, filters, strides, padding, dilations);

    /// <summary><c>tf.nn.conv3d</c> with one stride and one dilation for every spatial axis.</summary>
    public static Tensor Conv3D(Tensor input, Tensor filters, int strides, string padding = "VALID", int dilations = 1)
        => Convolution("Conv3D", 3, input, filters, [strides], padding, [dilations]);

    /// <summary>
    /// <c>tf.nn.conv1d_transpose</c>: the gradient of a conv1d of an input of <paramref name="outputShape"/>
    /// (batch, width, out_channels), applied to <paramref name="input"/>. Filters are [width, out_channels, in_channels].
    /// </summary>
    public static Tensor Conv1DTranspose(Tensor input, Tensor filters, int[] outputShape, int stride = 1, string padding = "SAME", int dilations = 1)
        => ConvolutionTranspose("Conv1DTranspose", 1, input, filters, outputShape, [stride], padding, [dilations]);

    /// <summary>
    /// <c>tf.nn.conv2d_transpose</c>: the gradient of a conv2d of an input of <paramref name="outputShape"/>
    /// (batch, height, width, out_channels), applied to <paramref name="input"/>. Filters are [h, w, out_channels, in_channels].
    /// </summary>
    public static Tensor Conv2DTranspose(Tensor input, Tensor filters, int[] outputShape, int[]? strides = null, string padding = "SAME", int[]? dilations = null)
        => ConvolutionTranspose("Conv2DTranspose", 2, input, filters, outputShape, strides, padding, dilations);

    /// <summary><c>tf.nn.conv2d_transpose</c> with one stride and one dilation for both spatial axes.</summary>
    public static Tensor Conv2DTranspose(Tensor input, Tensor filters, int[] outputShape, int strides, string padding = "SAME", int dilations = 1)
        => ConvolutionTranspose("Conv2DTranspose", 2, input, filters, outputShape, [strides], padding, [dilations]);

    /// <summary><c>tf.nn.conv3d_transpose</c>: filters [d, h, w, out_channels, in_channels].</summary>
    public static Tensor Conv3DTranspose(Tensor input, Tensor filters, int[] outputShape, int[]? strides = null, string padding = "SAME", int[]? dilations = null)
        => ConvolutionTranspose("Conv3DTranspose", 3, input, filters, outputShape, strides, padding, dilations);

    /// <summary>
    /// <c>tf.nn.depthwise_conv2d</c>: each input channel c convolved with its own filters [h, w, c, m]; output
    /// channel c·multiplier + m. Filter [height, width, in_channels, channel_multiplier].
    /// </summary>
    public static Tensor DepthwiseConv2D(Tensor input, Tensor filter, int[]? strides = null, string padding = "VALID", int[]? dilations = null)
        => Depthwise("DepthwiseConv2D", 2, input, filter, strides, padding, dilations);

    /// <summary><c>tf.nn.depthwise_conv2d</c> with one stride and one dilation for both spatial axes.</summary>
    public static Tensor DepthwiseConv2D(Tensor input, Tensor filter, int strides, string padding = "VALID", int dilations = 1)
        => Depthwise("DepthwiseConv2D", 2, input, filter, [strides], padding, [dilations]);

    /// <summary>
    /// <c>tf.nn.separable_conv2d</c>: a depthwise convolution ([h, w, in, multiplier]) followed by a 1x1 convolution
    /// (<paramref name="pointwiseFilter"/> [1, 1, in·multiplier, out]).
    /// </summary>
    public static Tensor SeparableConv2D(Tensor input, Tensor depthwiseFilter, Tensor pointwiseFilter, int[]? strides = null,
        string padding = "VALID", int[]? dilations = null)
        => Separable("SeparableConv2D", 2, input, depthwiseFilter, pointwiseFilter, strides, padding, dilations);

    /// <summary>The 1-D separable convolution (Keras's <c>ops.separable_conv</c>), pointwise filter [1, in·multiplier, out].</summary>
    internal static Tensor SeparableConv1D(Tensor input, Tensor depthwiseFilter, Tensor pointwiseFilter, int stride = 1,
        string padding = "VALID", int dilations = 1)
        => Separable("SeparableConv1D", 1, input, depthwiseFilter, pointwiseFilter, [stride], padding, [dilations]);

    private static Tensor Convolution(string op, int rank, Tensor input, Tensor filters, int[]? strides, string padding, int[]? dilations)
    {
        RequireConvOperands(op, input, filters, "filters");
        return ConvForward(ConvGeometryOf(op, rank, input.Shape, filters.Shape, strides, dilations, padding), input, filters);
    }

    private static Tensor Depthwise(string op, int rank, Tensor input, Tensor filter, int[]? strides, string padding, int[]? dilations)
    {
        RequireConvOperands(op, input, filter);
        return ConvForward(ConvGeometryOf(op, rank, input.Shape, filter.Shape, strides, dilations, padding, depthwise: true), input, filter);
    }

    private static Tensor Separable(string op, int rank, Tensor input, Tensor depthwiseFilter, Tensor pointwiseFilter, int[]? strides,
        string padding, int[]? dilations)
    {
        RequireConvOperands(op, input, depthwiseFilter, "depthwise_filter");
        RequireConvOperands(op, input, pointwiseFilter, "pointwise_filter");
        var depthwise = ConvGeometryOf(op, rank, input.Shape, depthwiseFilter.Shape, strides, dilations, padding, depthwise: true);
        var p = pointwiseFilter.Shape;
        bool unitWindow = p.Rank == rank + 2;
        for (int i = 0; unitWindow && i < rank; i++) unitWindow = p[i] == 1;
        if (!unitWindow || p[-2] != depthwise.O)
            throw new InvalidArgumentError(
                $"{op}: pointwise_filter must be [{string.Join(", ", Enumerable.Repeat("1", rank))}, {depthwise.O}, out_channels] " +
                $"(in_channels {depthwise.C} x channel_multiplier {depthwiseFilter.Shape[-1]}), got shape {p}.");
        var mid = ConvForward(depthwise, input, depthwiseFilter);
        return ConvForward(ConvGeometryOf(op, rank, mid.Shape, p, null, null, "VALID"), mid, pointwiseFilter);
    }

    /// <summary>The transposed convolution of any rank, in the name of a Keras layer.</summary>
    internal static Tensor ConvTransposeForLayer(string op, int rank, Tensor input, Tensor filters, int[] outputShape, int[] strides,
        string padding, int[] dilations)
        => ConvolutionTranspose(op, rank, input, filters, outputShape, strides, padding, dilations);

    private static Tensor ConvolutionTranspose(string op, int rank, Tensor input, Tensor filters, int[] outputShape, int[]? strides,
        string padding, int[]? dilations)
    {
        RequireConvOperands(op, input, filters, "filters");
        if (outputShape is null) throw Guard.Null(op, "output_shape");
        if (!string.Equals(padding, "VALID", StringComparison.OrdinalIgnoreCase) && !string.Equals(padding, "SAME", StringComparison.OrdinalIgnoreCase))
            throw new InvalidArgumentError($"{op}: padding must be \"VALID\" or \"SAME\", got \"{padding}\".");
        if (outputShape.Length != rank + 2 || outputShape.Any(d => d < 0))
            throw new InvalidArgumentError(
                $"{op}: output_shape must be {rank + 2} non-negative sizes {SpatialNames[rank]}, got [{string.Join(", ", outputShape)}].");
        if (filters.Rank != rank + 2)
            throw new InvalidArgumentError(
                $"{op}: filters must be {rank + 2}-D [{string.Join(", ", Enumerable.Repeat("k", rank))}, out_channels, in_channels], got shape {filters.Shape}.");
        if (input.Rank != rank + 2)
            throw new InvalidArgumentError($"{op}: input must be {rank + 2}-D {SpatialNames[rank]}, got shape {input.Shape}.");
        var outShape = new Shape(outputShape);
        if (outputShape[^1] != filters.Shape[-2])
            throw new InvalidArgumentError(
                $"{op}: output_shape's depth {outputShape[^1]} must equal the filter's out_channels {filters.Shape[-2]} (filters shape {filters.Shape}).");
        if (input.Shape[-1] != filters.Shape[-1])
            throw new InvalidArgumentError(
                $"{op}: input depth {input.Shape[-1]} must equal the filter's in_channels {filters.Shape[-1]} (input shape {input.Shape}, filters shape {filters.Shape}).");
        // The convolution whose gradient this is: from output_shape, with this filter, strides and padding.
        var g = ConvGeometryOf(op, rank, outShape, filters.Shape, strides, dilations, padding);
        if (g.OutputShape != input.Shape)
            throw new InvalidArgumentError(
                $"{op}: input shape {input.Shape} does not match output_shape {outShape}: with these strides and padding a convolution of " +
                $"output_shape gives {g.OutputShape}.");
        return ConvBackpropInput(g, filters, input);
    }
}
