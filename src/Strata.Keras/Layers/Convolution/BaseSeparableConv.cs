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

    /// <summary>The number of spatial axes.</summary>
    public int ConvRank { get; }
    /// <summary>The number of output channels (after the pointwise step).</summary>
    public int Filters { get; }
    /// <summary>The depthwise window size along each spatial axis.</summary>
    public IReadOnlyList<int> KernelSize { get; }
    /// <summary>The depthwise step along each spatial axis (1 by default).</summary>
    public IReadOnlyList<int> Strides { get; }
    /// <summary>The depthwise dilation along each spatial axis (1 by default).</summary>
    public IReadOnlyList<int> DilationRate { get; }
    /// <summary>The padding, lower-cased: <c>"valid"</c>, <c>"same"</c> or, for SeparableConv1D, <c>"causal"</c>.</summary>
    public string Padding { get; }
    /// <summary>The data format, always <c>"channels_last"</c>.</summary>
    public string DataFormat { get; }
    /// <summary>The number of depthwise output channels per input channel (1 by default).</summary>
    public int DepthMultiplier { get; }
    /// <summary>The activation applied after the bias (linear, the identity, by default).</summary>
    public Activation Activation { get; }
    /// <summary>Whether the layer adds <see cref="Bias"/>.</summary>
    public bool UseBias { get; }
    /// <summary>The initializer of <see cref="DepthwiseKernel"/> (glorot_uniform by default).</summary>
    public Initializer DepthwiseInitializer { get; }
    /// <summary>The initializer of <see cref="PointwiseKernel"/> (glorot_uniform by default).</summary>
    public Initializer PointwiseInitializer { get; }
    /// <summary>The initializer of <see cref="Bias"/> (zeros by default).</summary>
    public Initializer BiasInitializer { get; }

    /// <summary>The depthwise kernel, shape (kernelSize..., inChannels, depthMultiplier); null before Build.</summary>
    public Variable? DepthwiseKernel { get; private set; }
    /// <summary>The pointwise kernel, shape (1..., inChannels·depthMultiplier, filters); null before Build.</summary>
    public Variable? PointwiseKernel { get; private set; }
    /// <summary>The layer's bias, shape (filters); null before Build or without <see cref="UseBias"/>.</summary>
    public Variable? Bias { get; private set; }

    /// <summary>Creates the depthwise and pointwise kernels and the bias from the input's channels (its last axis, which
    /// must be known).</summary>
    /// <param name="inputShape">The input's shape, (batch, spatial..., channels).</param>
    public override void Build(Shape inputShape)
    {
        int channels = ConvLayerSupport.Channels(this, inputShape, ConvRank);
        ConvLayerSupport.CheckOutputSize(this, inputShape, [.. KernelSize], [.. Strides], [.. DilationRate], Padding);
        DepthwiseKernel = AddWeight("depthwise_kernel", [.. KernelSize, channels, DepthMultiplier], DepthwiseInitializer);
        PointwiseKernel = AddWeight("pointwise_kernel", [.. Enumerable.Repeat(1, ConvRank), channels * DepthMultiplier, Filters], PointwiseInitializer);
        if (UseBias) Bias = AddWeight("bias", [Filters], BiasInitializer);
        InputSpec = ConvLayerSupport.BuiltSpec(ConvRank, channels);
    }

    /// <inheritdoc/>
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
/// <param name="filters">Keras's <c>filters</c>: the number of output channels, positive.</param>
/// <param name="kernelSize">Keras's <c>kernel_size</c>: the depthwise window, one size for every spatial axis or one per axis.</param>
/// <param name="strides">Keras's <c>strides</c>: one step for every spatial axis or one per axis; default (not given) is 1.</param>
/// <param name="padding">Keras's <c>padding</c>: <c>"valid"</c> (the default), <c>"same"</c> or <c>"causal"</c>.</param>
/// <param name="dataFormat">Keras's <c>data_format</c>: null or <c>"channels_last"</c>; <c>"channels_first"</c> is refused.</param>
/// <param name="dilationRate">Keras's <c>dilation_rate</c>: one for every spatial axis or one per axis; default (not given) is 1,
/// and above 1 only with strides of 1.</param>
/// <param name="depthMultiplier">Keras's <c>depth_multiplier</c>: depthwise output channels per input channel; 1 by default.</param>
/// <param name="activation">Keras's <c>activation</c>: a name such as <c>"relu"</c> or an <see cref="Keras.Activation"/>; null (linear) by
/// default.</param>
/// <param name="useBias">Keras's <c>use_bias</c>: whether to add a bias; true by default.</param>
/// <param name="depthwiseInitializer">Keras's <c>depthwise_initializer</c>; null for glorot_uniform.</param>
/// <param name="pointwiseInitializer">Keras's <c>pointwise_initializer</c>; null for glorot_uniform.</param>
/// <param name="biasInitializer">Keras's <c>bias_initializer</c>; null for zeros.</param>
/// <param name="name">The layer's name; null for <c>separable_conv1d</c>, <c>separable_conv1d_1</c>….</param>
/// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
public class SeparableConv1D(int filters, IntTuple kernelSize, IntTuple strides = default, string padding = "valid", string? dataFormat = null,
    IntTuple dilationRate = default, int depthMultiplier = 1, Activation? activation = null, bool useBias = true, Initializer? depthwiseInitializer = null,
    Initializer? pointwiseInitializer = null, Initializer? biasInitializer = null, string? name = null, Shape? inputShape = null)
    : BaseSeparableConv(1, filters, kernelSize, strides, padding, dataFormat, dilationRate, depthMultiplier, activation, useBias, depthwiseInitializer,
        pointwiseInitializer, biasInitializer, name, inputShape);

/// <summary>Keras's SeparableConv2D: input (batch, height, width, channels).</summary>
/// <param name="filters">Keras's <c>filters</c>: the number of output channels, positive.</param>
/// <param name="kernelSize">Keras's <c>kernel_size</c>: the depthwise window, one size for every spatial axis or one per axis.</param>
/// <param name="strides">Keras's <c>strides</c>: one step for every spatial axis or one per axis; default (not given) is 1.</param>
/// <param name="padding">Keras's <c>padding</c>: <c>"valid"</c> (the default), <c>"same"</c>.</param>
/// <param name="dataFormat">Keras's <c>data_format</c>: null or <c>"channels_last"</c>; <c>"channels_first"</c> is refused.</param>
/// <param name="dilationRate">Keras's <c>dilation_rate</c>: one for every spatial axis or one per axis; default (not given) is 1,
/// and above 1 only with strides of 1.</param>
/// <param name="depthMultiplier">Keras's <c>depth_multiplier</c>: depthwise output channels per input channel; 1 by default.</param>
/// <param name="activation">Keras's <c>activation</c>: a name such as <c>"relu"</c> or an <see cref="Keras.Activation"/>; null (linear) by
/// default.</param>
/// <param name="useBias">Keras's <c>use_bias</c>: whether to add a bias; true by default.</param>
/// <param name="depthwiseInitializer">Keras's <c>depthwise_initializer</c>; null for glorot_uniform.</param>
/// <param name="pointwiseInitializer">Keras's <c>pointwise_initializer</c>; null for glorot_uniform.</param>
/// <param name="biasInitializer">Keras's <c>bias_initializer</c>; null for zeros.</param>
/// <param name="name">The layer's name; null for <c>separable_conv2d</c>, <c>separable_conv2d_1</c>….</param>
/// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
public class SeparableConv2D(int filters, IntTuple kernelSize, IntTuple strides = default, string padding = "valid", string? dataFormat = null,
    IntTuple dilationRate = default, int depthMultiplier = 1, Activation? activation = null, bool useBias = true, Initializer? depthwiseInitializer = null,
    Initializer? pointwiseInitializer = null, Initializer? biasInitializer = null, string? name = null, Shape? inputShape = null)
    : BaseSeparableConv(2, filters, kernelSize, strides, padding, dataFormat, dilationRate, depthMultiplier, activation, useBias, depthwiseInitializer,
        pointwiseInitializer, biasInitializer, name, inputShape);
