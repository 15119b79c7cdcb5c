using Strata.Keras.Engine;
using Strata.Keras.Initializers;

namespace Strata.Keras.Layers;

/// <summary>
/// Keras's BaseSeparableConv: a depthwise convolution (each channel its own <c>depthMultiplier</c> filters) then a
/// 1x1 convolution mixing the channels into <c>filters</c>. Weights in Keras's order: "depthwise_kernel"
/// [k…, in_channels, depth_multiplier], "pointwise_kernel" [1…, in_channels·depth_multiplier, filters], "bias" [filters].
/// </summary>
public abstract class BaseSeparableConv : Layer
{
    /// <param name="rank">The number of spatial axes (1 or 2).</param>
    /// <param name="filters">The number of output channels.</param>
    /// <param name="kernelSize">The depthwise window: one size for every axis, or one per axis.</param>
    /// <param name="strides">The depthwise steps (default 1).</param>
    /// <param name="padding">"valid", "same" or, for SeparableConv1D, "causal".</param>
    /// <param name="dataFormat">"channels_last" (the default); "channels_first" is refused.</param>
    /// <param name="dilationRate">The depthwise dilation (default 1).</param>
    /// <param name="depthMultiplier">Depthwise output channels per input channel.</param>
    /// <param name="activation">Applied to the output (default linear).</param>
    /// <param name="useBias">Whether to add a bias.</param>
    /// <param name="depthwiseInitializer">Default glorot_uniform.</param>
    /// <param name="pointwiseInitializer">Default glorot_uniform.</param>
    /// <param name="biasInitializer">Default zeros.</param>
    /// <param name="name">The layer's name.</param>
    /// <param name="inputShape">Keras's input_shape, without the batch.</param>
    protected BaseSeparableConv(int rank, int filters, IntTuple kernelSize, IntTuple strides, string padding, string? dataFormat, IntTuple dilationRate,
        int depthMultiplier, Activation? activation, bool useBias, Initializer? depthwiseInitializer, Initializer? pointwiseInitializer,
        Initializer? biasInitializer, string? name, Shape? inputShape)
        : base(name, inputShape)
    {
        ConvRank = rank;
        Filters = filters;
        KernelSize = ConvArguments.Tuple(kernelSize, rank, "kernel_size", fallback: 0);
        Strides = ConvArguments.Tuple(strides, rank, "strides");
        DilationRate = ConvArguments.Tuple(dilationRate, rank, "dilation_rate");
        Padding = ConvArguments.Padding(padding, allowCausal: rank == 1);
        DataFormat = ConvArguments.DataFormat(dataFormat, ClassName);
        DepthMultiplier = depthMultiplier;
        Activation = activation ?? Activation.Linear;
        UseBias = useBias;
        DepthwiseInitializer = depthwiseInitializer ?? new GlorotUniform();
        PointwiseInitializer = pointwiseInitializer ?? new GlorotUniform();
        BiasInitializer = biasInitializer ?? new Zeros();
        InputSpec = new InputSpec(minNdim: rank + 2);
        ConvArguments.Positive(filters, "filters");
        ConvArguments.Positive(depthMultiplier, "depth_multiplier");
        ConvArguments.NoStrideWithDilation([.. Strides], [.. DilationRate]);
    }

    public int ConvRank { get; }
    public int Filters { get; }
    public IReadOnlyList<int> KernelSize { get; }
    public IReadOnlyList<int> Strides { get; }
    public IReadOnlyList<int> DilationRate { get; }
    public string Padding { get; }
    public string DataFormat { get; }
    public int DepthMultiplier { get; }
    public Activation Activation { get; }
    public bool UseBias { get; }
    public Initializer DepthwiseInitializer { get; }
    public Initializer PointwiseInitializer { get; }
    public Initializer BiasInitializer { get; }

    public Variable? DepthwiseKernel { get; private set; }
    public Variable? PointwiseKernel { get; private set; }
    public Variable? Bias { get; private set; }

    public override void Build(Shape inputShape)
    {
        int channels = ConvLayerSupport.Channels(this, inputShape, ConvRank);
        ConvLayerSupport.CheckOutputSize(this, inputShape, [.. KernelSize], [.. Strides], [.. DilationRate], Padding);
        DepthwiseKernel = AddWeight("depthwise_kernel", [.. KernelSize, channels, DepthMultiplier], DepthwiseInitializer);
        PointwiseKernel = AddWeight("pointwise_kernel", [.. Enumerable.Repeat(1, ConvRank), channels * DepthMultiplier, Filters], PointwiseInitializer);
        if (UseBias) Bias = AddWeight("bias", [Filters], BiasInitializer);
        InputSpec = ConvLayerSupport.BuiltSpec(ConvRank, channels);
    }

    public override Tensor Call(Tensor inputs)
    {
        if (DepthwiseKernel is null)
        {
            InputCompatibility.Assert(CurrentInputSpecs, inputs, Name);
            EnsureBuilt(inputs.Shape);
        }
        var x = ConvLayerSupport.Prepare(this, inputs, DepthwiseKernel!);
        var y = ConvRank == 1
            ? tf.SeparableConv1D(x, DepthwiseKernel!, PointwiseKernel!, Strides[0], Padding.ToUpperInvariant(), DilationRate[0])
            : tf.SeparableConv2D(x, DepthwiseKernel!, PointwiseKernel!, [.. Strides], Padding.ToUpperInvariant(), [.. DilationRate]);
        return ConvLayerSupport.Finish(y, Bias, Activation);
    }
}

/// <summary>Keras's SeparableConv1D: input (batch, steps, channels).</summary>
public class SeparableConv1D(int filters, IntTuple kernelSize, IntTuple strides = default, string padding = "valid", string? dataFormat = null,
    IntTuple dilationRate = default, int depthMultiplier = 1, Activation? activation = null, bool useBias = true, Initializer? depthwiseInitializer = null,
    Initializer? pointwiseInitializer = null, Initializer? biasInitializer = null, string? name = null, Shape? inputShape = null)
    : BaseSeparableConv(1, filters, kernelSize, strides, padding, dataFormat, dilationRate, depthMultiplier, activation, useBias, depthwiseInitializer,
        pointwiseInitializer, biasInitializer, name, inputShape);

/// <summary>Keras's SeparableConv2D: input (batch, height, width, channels).</summary>
public class SeparableConv2D(int filters, IntTuple kernelSize, IntTuple strides = default, string padding = "valid", string? dataFormat = null,
    IntTuple dilationRate = default, int depthMultiplier = 1, Activation? activation = null, bool useBias = true, Initializer? depthwiseInitializer = null,
    Initializer? pointwiseInitializer = null, Initializer? biasInitializer = null, string? name = null, Shape? inputShape = null)
    : BaseSeparableConv(2, filters, kernelSize, strides, padding, dataFormat, dilationRate, depthMultiplier, activation, useBias, depthwiseInitializer,
        pointwiseInitializer, biasInitializer, name, inputShape);
