using Strata.Keras.Engine;
using Strata.Keras.Initializers;

namespace Strata.Keras.Layers;

/// <summary>
/// Keras's DepthwiseConv2D: each input channel convolved with its own <c>depthMultiplier</c> filters; output
/// channel c·depthMultiplier + m. Weights as Keras 3 names them: "kernel" [kh, kw, in_channels, depth_multiplier]
/// (glorot_uniform), "bias" [in_channels·depth_multiplier] (zeros).
/// </summary>
public class DepthwiseConv2D : Layer
{
    /// <param name="kernelSize">The window: one size for both axes, or (height, width).</param>
    /// <param name="strides">The steps (default 1).</param>
    /// <param name="padding">"valid" or "same".</param>
    /// <param name="depthMultiplier">Output channels per input channel.</param>
    /// <param name="dataFormat">"channels_last" (the default); "channels_first" is refused.</param>
    /// <param name="dilationRate">The dilation (default 1).</param>
    /// <param name="activation">Applied to the output (default linear).</param>
    /// <param name="useBias">Whether to add a bias.</param>
    /// <param name="depthwiseInitializer">Default glorot_uniform.</param>
    /// <param name="biasInitializer">Default zeros.</param>
    /// <param name="name">The layer's name.</param>
    /// <param name="inputShape">Keras's input_shape, without the batch.</param>
    public DepthwiseConv2D(IntTuple kernelSize, IntTuple strides = default, string padding = "valid", int depthMultiplier = 1, string? dataFormat = null,
        IntTuple dilationRate = default, Activation? activation = null, bool useBias = true, Initializer? depthwiseInitializer = null,
        Initializer? biasInitializer = null, string? name = null, Shape? inputShape = null)
        : base(name, inputShape)
    {
        KernelSize = ConvArguments.Tuple(kernelSize, 2, "kernel_size", fallback: 0);
        Strides = ConvArguments.Tuple(strides, 2, "strides");
        DilationRate = ConvArguments.Tuple(dilationRate, 2, "dilation_rate");
        Padding = ConvArguments.Padding(padding, allowCausal: false);
        DataFormat = ConvArguments.DataFormat(dataFormat, ClassName);
        DepthMultiplier = depthMultiplier;
        Activation = activation ?? Activation.Linear;
        UseBias = useBias;
        DepthwiseInitializer = depthwiseInitializer ?? new GlorotUniform();
        BiasInitializer = biasInitializer ?? new Zeros();
        InputSpec = new InputSpec(minNdim: 4);
        ConvArguments.Positive(depthMultiplier, "depth_multiplier");
        ConvArguments.NoStrideWithDilation([.. Strides], [.. DilationRate]);
    }

    /// <summary>The window size, (height, width).</summary>
    public IReadOnlyList<int> KernelSize { get; }
    /// <summary>The step along height and width (1 by default).</summary>
    public IReadOnlyList<int> Strides { get; }
    /// <summary>The dilation along height and width (1 by default).</summary>
    public IReadOnlyList<int> DilationRate { get; }
    /// <summary>The padding, lower-cased: <c>"valid"</c> or <c>"same"</c>.</summary>
    public string Padding { get; }
    /// <summary>The data format, always <c>"channels_last"</c>.</summary>
    public string DataFormat { get; }
    /// <summary>The number of output channels per input channel (1 by default).</summary>
    public int DepthMultiplier { get; }
    /// <summary>The activation applied after the bias (linear, the identity, by default).</summary>
    public Activation Activation { get; }
    /// <summary>Whether the layer adds <see cref="Bias"/>.</summary>
    public bool UseBias { get; }
    /// <summary>The initializer of <see cref="Kernel"/> (glorot_uniform by default).</summary>
    public Initializer DepthwiseInitializer { get; }
    /// <summary>The initializer of <see cref="Bias"/> (zeros by default).</summary>
    public Initializer BiasInitializer { get; }

    /// <summary>The depthwise kernel, shape (kernelHeight, kernelWidth, inChannels, depthMultiplier); null before Build.</summary>
    public Variable? Kernel { get; private set; }
    /// <summary>The layer's bias, shape (inChannels·depthMultiplier); null before Build or without <see cref="UseBias"/>.</summary>
    public Variable? Bias { get; private set; }

    /// <summary>Creates <see cref="Kernel"/> and <see cref="Bias"/> from the input's channels (its last axis, which must be
    /// known).</summary>
    /// <param name="inputShape">The input's shape, (batch, height, width, channels).</param>
    public override void Build(Shape inputShape)
    {
        int channels = ConvLayerSupport.Channels(this, inputShape, 2);
        ConvLayerSupport.CheckOutputSize(this, inputShape, [.. KernelSize], [.. Strides], [.. DilationRate], Padding);
        Kernel = AddWeight("kernel", [.. KernelSize, channels, DepthMultiplier], DepthwiseInitializer);
        if (UseBias) Bias = AddWeight("bias", [channels * DepthMultiplier], BiasInitializer);
        InputSpec = ConvLayerSupport.BuiltSpec(2, channels);
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
        var y = tf.DepthwiseConv2D(x, Kernel!, [.. Strides], Padding.ToUpperInvariant(), [.. DilationRate]);
        return ConvLayerSupport.Finish(y, Bias, Activation);
    }
}
