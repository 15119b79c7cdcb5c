#pragma warning disable CS8981
using Strata.Kernels;

namespace Strata;

public static partial class tf
{
    // Max and average pooling over 1 to 3 spatial axes of a channels-last input (tf.nn.max_pool1d/2d/3d,
    // tf.nn.avg_pool1d/2d/3d, data_format "NWC" / "NHWC" / "NDHWC"). ksize and strides take TensorFlow's forms:
    // one int for all spatial axes, one per spatial axis, or one per input axis with 1 for batch and channels.
    // padding is "VALID" or "SAME" (TensorFlow's: the extra padding goes after). Each gradient is itself an op with
    // a gradient (MaxPoolGrad ↔ MaxPoolGradGrad, AvgPoolGrad ↔ AvgPool), so nested tapes give higher orders.

    /// <summary>tf.nn.max_pool1d on (batch, width, channels).</summary>
    public static Tensor MaxPool1D(Tensor input, int[] ksize, int[] strides, string padding = "VALID") => MaxPool(input, 1, ksize, strides, padding, "MaxPool1D");
    /// <summary>The same with one window size and one stride for every spatial axis.</summary>
    public static Tensor MaxPool1D(Tensor input, int ksize, int strides, string padding = "VALID") => MaxPool1D(input, [ksize], [strides], padding);

    /// <summary>tf.nn.max_pool2d on (batch, height, width, channels).</summary>
    public static Tensor MaxPool2D(Tensor input, int[] ksize, int[] strides, string padding = "VALID") => MaxPool(input, 2, ksize, strides, padding, "MaxPool2D");
    /// <summary>The same with one window size and one stride for every spatial axis.</summary>
    public static Tensor MaxPool2D(Tensor input, int ksize, int strides, string padding = "VALID") => MaxPool2D(input, [ksize], [strides], padding);

    /// <summary>tf.nn.max_pool3d on (batch, depth, height, width, channels).</summary>
    public static Tensor MaxPool3D(Tensor input, int[] ksize, int[] strides, string padding = "VALID") => MaxPool(input, 3, ksize, strides, padding, "MaxPool3D");
    /// <summary>The same with one window size and one stride for every spatial axis.</summary>
    public static Tensor MaxPool3D(Tensor input, int ksize, int strides, string padding = "VALID") => MaxPool3D(input, [ksize], [strides], padding);

    /// <summary>tf.nn.avg_pool1d on (batch, width, channels); with SAME padding each window is averaged over its
    /// valid (unpadded) elements only, as TensorFlow does.</summary>
    public static Tensor AvgPool1D(Tensor input, int[] ksize, int[] strides, string padding = "VALID") => AvgPool(input, 1, ksize, strides, padding, "AvgPool1D");
    /// <summary>The same with one window size and one stride for every spatial axis.</summary>
    public static Tensor AvgPool1D(Tensor input, int ksize, int strides, string padding = "VALID") => AvgPool1D(input, [ksize], [strides], padding);

    /// <summary>tf.nn.avg_pool2d on (batch, height, width, channels) (SAME: the mean of the valid elements).</summary>
    public static Tensor AvgPool2D(Tensor input, int[] ksize, int[] strides, string padding = "VALID") => AvgPool(input, 2, ksize, strides, padding, "AvgPool2D");
    /// <summary>The same with one window size and one stride for every spatial axis.</summary>
    public static Tensor AvgPool2D(Tensor input, int ksize, int strides, string padding = "VALID") => AvgPool2D(input, [ksize], [strides], padding);

    /// <summary>tf.nn.avg_pool3d on (batch, depth, height, width, channels) (SAME: the mean of the valid elements).</summary>
    public static Tensor AvgPool3D(Tensor input, int[] ksize, int[] strides, string padding = "VALID") => AvgPool(input, 3, ksize, strides, padding, "AvgPool3D");
    /// <summary>The same with one window size and one stride for every spatial axis.</summary>
    public static Tensor AvgPool3D(Tensor input, int ksize, int strides, string padding = "VALID") => AvgPool3D(input, [ksize], [strides], padding);

    private static Tensor MaxPool(Tensor input, int spatial, int[] ksize, int[] strides, string padding, string op)
    {
        RequireFloat(input, op);
        var g = PoolGeometry.Create(input.Shape, spatial, ksize, strides, padding, op);
        var y = PoolKernels.MaxPool(input, g, op);
        if (GradientTape.IsRecording) Record(op, y, [input], (dy, i, y) => [MaxPoolGrad(i[0], y, dy, g)]);
        return y;
    }

    /// <summary>TensorFlow's MaxPoolGrad: dy routed to the first maximum of each window. Piecewise linear: no
    /// gradient for x and y (zero almost everywhere), and for dy the same routing read backwards (MaxPoolGradGrad).</summary>
    internal static Tensor MaxPoolGrad(Tensor x, Tensor y, Tensor dy, PoolGeometry g)
    {
        var dx = PoolKernels.MaxPoolGrad(x, y, dy, g);
        if (GradientTape.IsRecording) Record("MaxPoolGrad", dx, [x, y, dy], (ddx, i, _) => [null, null, MaxPoolGradGrad(i[0], i[1], ddx, g)]);
        return dx;
    }

    /// <summary>TensorFlow's MaxPoolGradGrad: ddx read at each window's maximum; its gradient for ddx is MaxPoolGrad.</summary>
    internal static Tensor MaxPoolGradGrad(Tensor x, Tensor y, Tensor ddx, PoolGeometry g)
    {
        var ddy = PoolKernels.MaxPoolGradGrad(x, y, ddx, g);
        if (GradientTape.IsRecording) Record("MaxPoolGradGrad", ddy, [x, y, ddx], (d, i, _) => [null, null, MaxPoolGrad(i[0], i[1], d, g)]);
        return ddy;
    }

    private static Tensor AvgPool(Tensor input, int spatial, int[] ksize, int[] strides, string padding, string op)
    {
        RequireFloat(input, op);
        return AvgPool(input, PoolGeometry.Create(input.Shape, spatial, ksize, strides, padding, op), op);
    }

    private static Tensor AvgPool(Tensor input, PoolGeometry g, string op)
    {
        var y = PoolKernels.AvgPool(input, g, op);
        if (GradientTape.IsRecording) Record(op, y, [input], (dy, _, _) => [AvgPoolGrad(dy, g)]);
        return y;
    }

    /// <summary>TensorFlow's AvgPoolGrad: linear in dy, so its gradient is the average pooling itself.</summary>
    internal static Tensor AvgPoolGrad(Tensor dy, PoolGeometry g)
    {
        var dx = PoolKernels.AvgPoolGrad(dy, g);
        if (GradientTape.IsRecording) Record("AvgPoolGrad", dx, [dy], (ddx, _, _) => [AvgPool(ddx, g, "AvgPool")]);
        return dx;
    }
}
