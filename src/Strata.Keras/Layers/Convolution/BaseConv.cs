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
    public int Filters { get; }
    public int Groups { get; }
    public IReadOnlyList<int> KernelSize { get; }
    public IReadOnlyList<int> Strides { get; }
    public IReadOnlyList<int> DilationRate { get; }
    public string Padding { get; }
    public string DataFormat { get; }
    public Activation Activation { get; }
    public bool UseBias { get; }
    public Initializer KernelInitializer { get; }
    public Initializer BiasInitializer { get; }

    public Variable? Kernel { get; private set; }
    public Variable? Bias { get; private set; }

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
public class Conv1D(int filters, IntTuple kernelSize, IntTuple strides = default, string padding = "valid", string? dataFormat = null,
    IntTuple dilationRate = default, int groups = 1, Activation? activation = null, bool useBias = true, Initializer? kernelInitializer = null,
    Initializer? biasInitializer = null, string? name = null, Shape? inputShape = null)
    : BaseConv(1, filters, kernelSize, strides, padding, dataFormat, dilationRate, groups, activation, useBias, kernelInitializer, biasInitializer, name, inputShape)
{
    private protected override Tensor Convolve(Tensor x, Tensor kernel) => tf.Conv1D(x, kernel, Strides[0], TfPadding, DilationRate[0]);
}

/// <summary>Keras's Conv2D: input (batch, height, width, channels).</summary>
public class Conv2D(int filters, IntTuple kernelSize, IntTuple strides = default, string padding = "valid", string? dataFormat = null,
    IntTuple dilationRate = default, int groups = 1, Activation? activation = null, bool useBias = true, Initializer? kernelInitializer = null,
    Initializer? biasInitializer = null, string? name = null, Shape? inputShape = null)
    : BaseConv(2, filters, kernelSize, strides, padding, dataFormat, dilationRate, groups, activation, useBias, kernelInitializer, biasInitializer, name, inputShape)
{
    private protected override Tensor Convolve(Tensor x, Tensor kernel) => tf.Conv2D(x, kernel, [.. Strides], TfPadding, [.. DilationRate]);
}

/// <summary>Keras's Conv3D: input (batch, depth, height, width, channels).</summary>
public class Conv3D(int filters, IntTuple kernelSize, IntTuple strides = default, string padding = "valid", string? dataFormat = null,
    IntTuple dilationRate = default, int groups = 1, Activation? activation = null, bool useBias = true, Initializer? kernelInitializer = null,
    Initializer? biasInitializer = null, string? name = null, Shape? inputShape = null)
    : BaseConv(3, filters, kernelSize, strides, padding, dataFormat, dilationRate, groups, activation, useBias, kernelInitializer, biasInitializer, name, inputShape)
{
    private protected override Tensor Convolve(Tensor x, Tensor kernel) => tf.Conv3D(x, kernel, [.. Strides], TfPadding, [.. DilationRate]);
}
