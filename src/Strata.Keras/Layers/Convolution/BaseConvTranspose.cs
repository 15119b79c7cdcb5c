using Strata.Keras.Engine;
using Strata.Keras.Initializers;

namespace Strata.Keras.Layers;

/// <summary>
/// Keras's BaseConvTranspose: the transposed convolution (the gradient of a convolution with respect to its
/// input), channels last. Kernel [kernel_size…, filters, in_channels], bias [filters]. Each output size is
/// <see cref="ConvUtils.DeconvOutputLength"/> of the input's; <c>outputPadding</c> (each below its stride) picks
/// among the sizes a strided convolution maps to the same input size.
/// </summary>
public abstract class BaseConvTranspose : Layer
{
    /// <param name="rank">The number of spatial axes (1, 2 or 3).</param>
    /// <param name="filters">The number of output channels.</param>
    /// <param name="kernelSize">The window: one size for every axis, or one per axis.</param>
    /// <param name="strides">The steps (default 1).</param>
    /// <param name="padding">"valid" or "same".</param>
    /// <param name="outputPadding">Extra output rows per axis (each below its stride), or default for Keras's None.</param>
    /// <param name="dataFormat">"channels_last" (the default); "channels_first" is refused.</param>
    /// <param name="dilationRate">The dilation (default 1).</param>
    /// <param name="activation">Applied to the output (default linear).</param>
    /// <param name="useBias">Whether to add a bias.</param>
    /// <param name="kernelInitializer">Default glorot_uniform.</param>
    /// <param name="biasInitializer">Default zeros.</param>
    /// <param name="name">The layer's name.</param>
    /// <param name="inputShape">Keras's input_shape, without the batch.</param>
    protected BaseConvTranspose(int rank, int filters, IntTuple kernelSize, IntTuple strides, string padding, IntTuple outputPadding,
        string? dataFormat, IntTuple dilationRate, Activation? activation, bool useBias, Initializer? kernelInitializer, Initializer? biasInitializer,
        string? name, Shape? inputShape)
        : base(name, inputShape)
    {
        ConvRank = rank;
        Filters = filters;
        KernelSize = ConvArguments.Tuple(kernelSize, rank, "kernel_size", fallback: 0);
        Strides = ConvArguments.Tuple(strides, rank, "strides");
        DilationRate = ConvArguments.Tuple(dilationRate, rank, "dilation_rate");
        Padding = ConvArguments.Padding(padding, allowCausal: false);
        OutputPadding = outputPadding.IsDefault ? null : ConvArguments.Tuple(outputPadding, rank, "output_padding", allowZero: true);
        DataFormat = ConvArguments.DataFormat(dataFormat, ClassName);
        Activation = activation ?? Activation.Linear;
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? new GlorotUniform();
        BiasInitializer = biasInitializer ?? new Zeros();
        InputSpec = new InputSpec(minNdim: rank + 2);
        ConvArguments.Positive(filters, "filters");
        if (OutputPadding is { } op)
            for (int i = 0; i < rank; i++)
                if (op[i] >= Strides[i])
                    throw new InvalidArgumentError(
                        $"`output_padding` must be < `strides`. output_padding={ConvArguments.Py([.. op])}, strides={ConvArguments.Py([.. Strides])}");
        ConvArguments.NoStrideWithDilation([.. Strides], [.. DilationRate]);
    }

    /// <summary>The number of spatial axes.</summary>
    public int ConvRank { get; }
    /// <summary>The number of output channels.</summary>
    public int Filters { get; }
    /// <summary>The window size along each spatial axis.</summary>
    public IReadOnlyList<int> KernelSize { get; }
    /// <summary>The step along each spatial axis: how much larger the output is than the input (1 by default).</summary>
    public IReadOnlyList<int> Strides { get; }
    /// <summary>The dilation along each spatial axis (1 by default).</summary>
    public IReadOnlyList<int> DilationRate { get; }
    /// <summary>The padding, lower-cased: <c>"valid"</c> or <c>"same"</c>.</summary>
    public string Padding { get; }

    /// <summary>Keras's output_padding, or null for None.</summary>
    public IReadOnlyList<int>? OutputPadding { get; }
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

    /// <summary>The layer's kernel, shape (kernelSize..., filters, inChannels) (output channels before input channels, as
    /// Keras stores it); null before Build.</summary>
    public Variable? Kernel { get; private set; }
    /// <summary>The layer's bias, shape (filters); null before Build or without <see cref="UseBias"/>.</summary>
    public Variable? Bias { get; private set; }

    /// <summary>Creates <see cref="Kernel"/> and <see cref="Bias"/> from the input's channels (its last axis, which must be
    /// known).</summary>
    /// <param name="inputShape">The input's shape, (batch, spatial..., channels).</param>
    public override void Build(Shape inputShape)
    {
        int channels = ConvLayerSupport.Channels(this, inputShape, ConvRank);
        Kernel = AddWeight("kernel", [.. KernelSize, Filters, channels], KernelInitializer);
        if (UseBias) Bias = AddWeight("bias", [Filters], BiasInitializer);
        InputSpec = ConvLayerSupport.BuiltSpec(ConvRank, channels);
    }

    /// <summary>The output shape for an input shape (batch and channels included), as Keras's compute_output_shape.</summary>
    public Shape ComputeOutputShape(Shape inputShape)
    {
        var dims = new int[ConvRank + 2];
        dims[0] = inputShape[0];
        for (int i = 0; i < ConvRank; i++)
            dims[1 + i] = ConvUtils.DeconvOutputLength(inputShape[1 + i], KernelSize[i], Padding, OutputPadding?[i], Strides[i], DilationRate[i]);
        dims[^1] = Filters;
        return new Shape(dims);
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
        if (x.Rank != ConvRank + 2)
            throw new InvalidArgumentError($"{ClassName} '{Name}': expected an input of rank {ConvRank + 2}, got shape {x.Shape}.");
        var y = tf.ConvTransposeForLayer(ClassName, ConvRank, x, Kernel!, ComputeOutputShape(x.Shape).ToArray(), [.. Strides],
            Padding.ToUpperInvariant(), [.. DilationRate]);
        return ConvLayerSupport.Finish(y, Bias, Activation);
    }
}

/// <summary>Keras's Conv1DTranspose: input (batch, steps, channels).</summary>
/// <param name="filters">Keras's <c>filters</c>: the number of output channels, positive.</param>
/// <param name="kernelSize">Keras's <c>kernel_size</c>: the window, one size for every spatial axis or one per axis.</param>
/// <param name="strides">Keras's <c>strides</c>: the upsampling step, one for every spatial axis or one per axis; default (not
/// given) is 1.</param>
/// <param name="padding">Keras's <c>padding</c>: <c>"valid"</c> (the default), <c>"same"</c>.</param>
/// <param name="outputPadding">Keras's <c>output_padding</c>: extra output rows per axis, each below its stride; default (not
/// given) is Keras's None, the size the padding implies.</param>
/// <param name="dataFormat">Keras's <c>data_format</c>: null or <c>"channels_last"</c>; <c>"channels_first"</c> is refused.</param>
/// <param name="dilationRate">Keras's <c>dilation_rate</c>: one for every spatial axis or one per axis; default (not given) is 1,
/// and above 1 only with strides of 1.</param>
/// <param name="activation">Keras's <c>activation</c>: a name such as <c>"relu"</c> or an <see cref="Keras.Activation"/>; null (linear) by
/// default.</param>
/// <param name="useBias">Keras's <c>use_bias</c>: whether to add a bias; true by default.</param>
/// <param name="kernelInitializer">Keras's <c>kernel_initializer</c>; null for glorot_uniform.</param>
/// <param name="biasInitializer">Keras's <c>bias_initializer</c>; null for zeros.</param>
/// <param name="name">The layer's name; null for <c>conv1d_transpose</c>, <c>conv1d_transpose_1</c>….</param>
/// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
public class Conv1DTranspose(int filters, IntTuple kernelSize, IntTuple strides = default, string padding = "valid", IntTuple outputPadding = default,
    string? dataFormat = null, IntTuple dilationRate = default, Activation? activation = null, bool useBias = true, Initializer? kernelInitializer = null,
    Initializer? biasInitializer = null, string? name = null, Shape? inputShape = null)
    : BaseConvTranspose(1, filters, kernelSize, strides, padding, outputPadding, dataFormat, dilationRate, activation, useBias, kernelInitializer,
        biasInitializer, name, inputShape);

/// <summary>Keras's Conv2DTranspose: input (batch, height, width, channels).</summary>
/// <param name="filters">Keras's <c>filters</c>: the number of output channels, positive.</param>
/// <param name="kernelSize">Keras's <c>kernel_size</c>: the window, one size for every spatial axis or one per axis.</param>
/// <param name="strides">Keras's <c>strides</c>: the upsampling step, one for every spatial axis or one per axis; default (not
/// given) is 1.</param>
/// <param name="padding">Keras's <c>padding</c>: <c>"valid"</c> (the default), <c>"same"</c>.</param>
/// <param name="outputPadding">Keras's <c>output_padding</c>: extra output rows per axis, each below its stride; default (not
/// given) is Keras's None, the size the padding implies.</param>
/// <param name="dataFormat">Keras's <c>data_format</c>: null or <c>"channels_last"</c>; <c>"channels_first"</c> is refused.</param>
/// <param name="dilationRate">Keras's <c>dilation_rate</c>: one for every spatial axis or one per axis; default (not given) is 1,
/// and above 1 only with strides of 1.</param>
/// <param name="activation">Keras's <c>activation</c>: a name such as <c>"relu"</c> or an <see cref="Keras.Activation"/>; null (linear) by
/// default.</param>
/// <param name="useBias">Keras's <c>use_bias</c>: whether to add a bias; true by default.</param>
/// <param name="kernelInitializer">Keras's <c>kernel_initializer</c>; null for glorot_uniform.</param>
/// <param name="biasInitializer">Keras's <c>bias_initializer</c>; null for zeros.</param>
/// <param name="name">The layer's name; null for <c>conv2d_transpose</c>, <c>conv2d_transpose_1</c>….</param>
/// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
public class Conv2DTranspose(int filters, IntTuple kernelSize, IntTuple strides = default, string padding = "valid", IntTuple outputPadding = default,
    string? dataFormat = null, IntTuple dilationRate = default, Activation? activation = null, bool useBias = true, Initializer? kernelInitializer = null,
    Initializer? biasInitializer = null, string? name = null, Shape? inputShape = null)
    : BaseConvTranspose(2, filters, kernelSize, strides, padding, outputPadding, dataFormat, dilationRate, activation, useBias, kernelInitializer,
        biasInitializer, name, inputShape);

/// <summary>Keras's Conv3DTranspose: input (batch, depth, height, width, channels).</summary>
/// <param name="filters">Keras's <c>filters</c>: the number of output channels, positive.</param>
/// <param name="kernelSize">Keras's <c>kernel_size</c>: the window, one size for every spatial axis or one per axis.</param>
/// <param name="strides">Keras's <c>strides</c>: the upsampling step, one for every spatial axis or one per axis; default (not
/// given) is 1.</param>
/// <param name="padding">Keras's <c>padding</c>: <c>"valid"</c> (the default), <c>"same"</c>.</param>
/// <param name="outputPadding">Keras's <c>output_padding</c>: extra output rows per axis, each below its stride; default (not
/// given) is Keras's None, the size the padding implies.</param>
/// <param name="dataFormat">Keras's <c>data_format</c>: null or <c>"channels_last"</c>; <c>"channels_first"</c> is refused.</param>
/// <param name="dilationRate">Keras's <c>dilation_rate</c>: one for every spatial axis or one per axis; default (not given) is 1,
/// and above 1 only with strides of 1.</param>
/// <param name="activation">Keras's <c>activation</c>: a name such as <c>"relu"</c> or an <see cref="Keras.Activation"/>; null (linear) by
/// default.</param>
/// <param name="useBias">Keras's <c>use_bias</c>: whether to add a bias; true by default.</param>
/// <param name="kernelInitializer">Keras's <c>kernel_initializer</c>; null for glorot_uniform.</param>
/// <param name="biasInitializer">Keras's <c>bias_initializer</c>; null for zeros.</param>
/// <param name="name">The layer's name; null for <c>conv3d_transpose</c>, <c>conv3d_transpose_1</c>….</param>
/// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
public class Conv3DTranspose(int filters, IntTuple kernelSize, IntTuple strides = default, string padding = "valid", IntTuple outputPadding = default,
    string? dataFormat = null, IntTuple dilationRate = default, Activation? activation = null, bool useBias = true, Initializer? kernelInitializer = null,
    Initializer? biasInitializer = null, string? name = null, Shape? inputShape = null)
    : BaseConvTranspose(3, filters, kernelSize, strides, padding, outputPadding, dataFormat, dilationRate, activation, useBias, kernelInitializer,
        biasInitializer, name, inputShape);
