using Strata.Keras.Engine;
using Strata.Keras.Initializers;

namespace Strata.Keras.Layers;

/// <summary>
/// Keras's BaseConv: an N-D convolution layer, <c>activation(conv(inputs, kernel) + bias)</c>, channels last.
/// The kernel is [kernel_size…, in_channels / groups, filters] (glorot_uniform), the bias [filters] (zeros).
/// </summary>
public abstract class BaseConv : Layer
{
    /// <param name="rank">The number of spatial axes (1, 2 or 3).</param>
    /// <param name="filters">The number of output channels.</param>
    /// <param name="kernelSize">The window: one size for every axis, or one per axis.</param>
    /// <param name="strides">The steps: one for every axis, or one per axis (default 1).</param>
    /// <param name="padding">"valid", "same" or, for Conv1D, "causal".</param>
    /// <param name="dataFormat">"channels_last" (the default); "channels_first" is refused.</param>
    /// <param name="dilationRate">The dilation: one for every axis, or one per axis (default 1).</param>
    /// <param name="groups">Groups of input channels convolved separately; divides the input channels and filters.</param>
    /// <param name="activation">Applied to the output (default linear).</param>
    /// <param name="useBias">Whether to add a bias.</param>
    /// <param name="kernelInitializer">Default glorot_uniform.</param>
    /// <param name="biasInitializer">Default zeros.</param>
    /// <param name="name">The layer's name.</param>
    /// <param name="inputShape">Keras's input_shape, without the batch.</param>
    protected BaseConv(int rank, int filters, IntTuple kernelSize, IntTuple strides, string padding, string? dataFormat, IntTuple dilationRate,
        int groups, Activation? activation, bool useBias, Initializer? kernelInitializer, Initializer? biasInitializer, string? name, Shape? inputShape)
        : base(name, inputShape)
    {
        ConvRank = rank;
        Filters = filters;
        Groups = groups;
        KernelSize = ConvArguments.Tuple(kernelSize, rank, "kernel_size", fallback: 0);
        Strides = ConvArguments.Tuple(strides, rank, "strides");
        DilationRate = ConvArguments.Tuple(dilationRate, rank, "dilation_rate");
        Padding = ConvArguments.Padding(padding, allowCausal: rank == 1);
        DataFormat = ConvArguments.DataFormat(dataFormat, ClassName);
        Activation = activation ?? Activation.Linear;
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? new GlorotUniform();
        BiasInitializer = biasInitializer ?? new Zeros();
        InputSpec = new InputSpec(minNdim: rank + 2);
        ConvArguments.Positive(filters, "filters");
        if (groups <= 0)
            throw new InvalidArgumentError($"The number of groups must be a positive integer. Received: groups={groups}.");
        if (filters % groups != 0)
            throw new InvalidArgumentError(
                $"The number of filters must be evenly divisible by the number of groups. Received: groups={groups}, filters={filters}.");
        ConvArguments.NoStrideWithDilation([.. Strides], [.. DilationRate]);
    }

    /// <summary>The number of spatial axes.</summary>
    public int ConvRank { get; }
    /// <summary>The number of output channels (the kernel's last axis).</summary>
    public int Filters { get; }
    /// <summary>The number of channel groups convolved separately (1, an ordinary convolution, by default).</summary>
    public int Groups { get; }
    /// <summary>The window size along each spatial axis.</summary>
    public IReadOnlyList<int> KernelSize { get; }
    /// <summary>The step along each spatial axis (1 by default).</summary>
    public IReadOnlyList<int> Strides { get; }
    /// <summary>The dilation along each spatial axis (1 by default).</summary>
    public IReadOnlyList<int> DilationRate { get; }
    /// <summary>The padding, lower-cased: <c>"valid"</c>, <c>"same"</c> or, for Conv1D, <c>"causal"</c>.</summary>
    public string Padding { get; }
    /// <summary>The data format, always <c>"channels_last"</c>.</summary>
    public string DataFormat { get; }
    /// <summary>The activation applied after the bias (linear, the identity, by default).</summary>
    public Activation Activation { get; }
    /// <summary>Whether the layer adds <see cref="Bias"/>.</summary>
    public bool UseBias { get; }
    /// <summary>The initializer of <see cref="Kernel"/> (glorot_uniform by default).</summary>
    public Initializer KernelInitializer { get; }
    /// <summary>The initializer of <see cref="Bias"/> (zeros by default).</summary>
    public Initializer BiasInitializer { get; }

    /// <summary>The layer's kernel, shape (kernelSize..., inChannels / groups, filters); null before Build.</summary>
    public Variable? Kernel { get; private set; }
    /// <summary>The layer's bias, shape (filters); null before Build or without <see cref="UseBias"/>.</summary>
    public Variable? Bias { get; private set; }

    /// <summary>Creates <see cref="Kernel"/> and <see cref="Bias"/> from the input's channels (its last axis, which must be
    /// known and divisible by <see cref="Groups"/>).</summary>
    /// <param name="inputShape">The input's shape, (batch, spatial..., channels).</param>
    public override void Build(Shape inputShape)
    {
        int channels = ConvLayerSupport.Channels(this, inputShape, ConvRank);
        if (channels % Groups != 0)
            throw new InvalidArgumentError(
                $"The number of input channels must be evenly divisible by the number of groups. Received groups={Groups}, but the input has " +
                $"{channels} channels (full input shape is {inputShape}).");
        ConvLayerSupport.CheckOutputSize(this, inputShape, [.. KernelSize], [.. Strides], [.. DilationRate], Padding);
        Kernel = AddWeight("kernel", [.. KernelSize, channels / Groups, Filters], KernelInitializer);
        if (UseBias) Bias = AddWeight("bias", [Filters], BiasInitializer);
        InputSpec = ConvLayerSupport.BuiltSpec(ConvRank, channels);
    }

    /// <inheritdoc/>
    public override Tensor Call(Tensor inputs)
    {
        if (Kernel is null)
        {
            InputCompatibility.Assert(CurrentInputSpecs, inputs, Name);
            EnsureBuilt(inputs.Shape);
        }
        var x = ConvLayerSupport.Prepare(this, inputs, Kernel!);
        return ConvLayerSupport.Finish(Convolve(x, Kernel!), Bias, Activation);
    }

    /// <summary>The convolution of this rank (tf.Conv1D, tf.Conv2D, tf.Conv3D).</summary>
    private protected abstract Tensor Convolve(Tensor x, Tensor kernel);

    private protected string TfPadding => Padding.ToUpperInvariant();
}

/// <summary>Keras's Conv1D: input (batch, steps, channels); padding "valid", "same" or "causal".</summary>
/// <param name="filters">Keras's <c>filters</c>: the number of output channels, positive.</param>
/// <param name="kernelSize">Keras's <c>kernel_size</c>: the window, one size for every spatial axis or one per axis.</param>
/// <param name="strides">Keras's <c>strides</c>: one step for every spatial axis or one per axis; default (not given) is 1.</param>
/// <param name="padding">Keras's <c>padding</c>: <c>"valid"</c> (the default), <c>"same"</c> or <c>"causal"</c>.</param>
/// <param name="dataFormat">Keras's <c>data_format</c>: null or <c>"channels_last"</c>; <c>"channels_first"</c> is refused.</param>
/// <param name="dilationRate">Keras's <c>dilation_rate</c>: one for every spatial axis or one per axis; default (not given) is 1,
/// and above 1 only with strides of 1.</param>
/// <param name="groups">Keras's <c>groups</c>: channel groups convolved separately; it divides the input channels and
/// <paramref name="filters"/>; 1 by default.</param>
/// <param name="activation">Keras's <c>activation</c>: a name such as <c>"relu"</c> or an <see cref="Keras.Activation"/>; null (linear) by
/// default.</param>
/// <param name="useBias">Keras's <c>use_bias</c>: whether to add a bias; true by default.</param>
/// <param name="kernelInitializer">Keras's <c>kernel_initializer</c>; null for glorot_uniform.</param>
/// <param name="biasInitializer">Keras's <c>bias_initializer</c>; null for zeros.</param>
/// <param name="name">The layer's name; null for <c>conv1d</c>, <c>conv1d_1</c>….</param>
/// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
public class Conv1D(int filters, IntTuple kernelSize, IntTuple strides = default, string padding = "valid", string? dataFormat = null,
    IntTuple dilationRate = default, int groups = 1, Activation? activation = null, bool useBias = true, Initializer? kernelInitializer = null,
    Initializer? biasInitializer = null, string? name = null, Shape? inputShape = null)
    : BaseConv(1, filters, kernelSize, strides, padding, dataFormat, dilationRate, groups, activation, useBias, kernelInitializer, biasInitializer, name, inputShape)
{
    private protected override Tensor Convolve(Tensor x, Tensor kernel) => tf.Conv1D(x, kernel, Strides[0], TfPadding, DilationRate[0]);
}

/// <summary>Keras's Conv2D: input (batch, height, width, channels).</summary>
/// <param name="filters">Keras's <c>filters</c>: the number of output channels, positive.</param>
/// <param name="kernelSize">Keras's <c>kernel_size</c>: the window, one size for every spatial axis or one per axis.</param>
/// <param name="strides">Keras's <c>strides</c>: one step for every spatial axis or one per axis; default (not given) is 1.</param>
/// <param name="padding">Keras's <c>padding</c>: <c>"valid"</c> (the default), <c>"same"</c>.</param>
/// <param name="dataFormat">Keras's <c>data_format</c>: null or <c>"channels_last"</c>; <c>"channels_first"</c> is refused.</param>
/// <param name="dilationRate">Keras's <c>dilation_rate</c>: one for every spatial axis or one per axis; default (not given) is 1,
/// and above 1 only with strides of 1.</param>
/// <param name="groups">Keras's <c>groups</c>: channel groups convolved separately; it divides the input channels and
/// <paramref name="filters"/>; 1 by default.</param>
/// <param name="activation">Keras's <c>activation</c>: a name such as <c>"relu"</c> or an <see cref="Keras.Activation"/>; null (linear) by
/// default.</param>
/// <param name="useBias">Keras's <c>use_bias</c>: whether to add a bias; true by default.</param>
/// <param name="kernelInitializer">Keras's <c>kernel_initializer</c>; null for glorot_uniform.</param>
/// <param name="biasInitializer">Keras's <c>bias_initializer</c>; null for zeros.</param>
/// <param name="name">The layer's name; null for <c>conv2d</c>, <c>conv2d_1</c>….</param>
/// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
public class Conv2D(int filters, IntTuple kernelSize, IntTuple strides = default, string padding = "valid", string? dataFormat = null,
    IntTuple dilationRate = default, int groups = 1, Activation? activation = null, bool useBias = true, Initializer? kernelInitializer = null,
    Initializer? biasInitializer = null, string? name = null, Shape? inputShape = null)
    : BaseConv(2, filters, kernelSize, strides, padding, dataFormat, dilationRate, groups, activation, useBias, kernelInitializer, biasInitializer, name, inputShape)
{
    private protected override Tensor Convolve(Tensor x, Tensor kernel) => tf.Conv2D(x, kernel, [.. Strides], TfPadding, [.. DilationRate]);
}

/// <summary>Keras's Conv3D: input (batch, depth, height, width, channels).</summary>
/// <param name="filters">Keras's <c>filters</c>: the number of output channels, positive.</param>
/// <param name="kernelSize">Keras's <c>kernel_size</c>: the window, one size for every spatial axis or one per axis.</param>
/// <param name="strides">Keras's <c>strides</c>: one step for every spatial axis or one per axis; default (not given) is 1.</param>
/// <param name="padding">Keras's <c>padding</c>: <c>"valid"</c> (the default), <c>"same"</c>.</param>
/// <param name="dataFormat">Keras's <c>data_format</c>: null or <c>"channels_last"</c>; <c>"channels_first"</c> is refused.</param>
/// <param name="dilationRate">Keras's <c>dilation_rate</c>: one for every spatial axis or one per axis; default (not given) is 1,
/// and above 1 only with strides of 1.</param>
/// <param name="groups">Keras's <c>groups</c>: channel groups convolved separately; it divides the input channels and
/// <paramref name="filters"/>; 1 by default.</param>
/// <param name="activation">Keras's <c>activation</c>: a name such as <c>"relu"</c> or an <see cref="Keras.Activation"/>; null (linear) by
/// default.</param>
/// <param name="useBias">Keras's <c>use_bias</c>: whether to add a bias; true by default.</param>
/// <param name="kernelInitializer">Keras's <c>kernel_initializer</c>; null for glorot_uniform.</param>
/// <param name="biasInitializer">Keras's <c>bias_initializer</c>; null for zeros.</param>
/// <param name="name">The layer's name; null for <c>conv3d</c>, <c>conv3d_1</c>….</param>
/// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
public class Conv3D(int filters, IntTuple kernelSize, IntTuple strides = default, string padding = "valid", string? dataFormat = null,
    IntTuple dilationRate = default, int groups = 1, Activation? activation = null, bool useBias = true, Initializer? kernelInitializer = null,
    Initializer? biasInitializer = null, string? name = null, Shape? inputShape = null)
    : BaseConv(3, filters, kernelSize, strides, padding, dataFormat, dilationRate, groups, activation, useBias, kernelInitializer, biasInitializer, name, inputShape)
{
    private protected override Tensor Convolve(Tensor x, Tensor kernel) => tf.Conv3D(x, kernel, [.. Strides], TfPadding, [.. DilationRate]);
}
