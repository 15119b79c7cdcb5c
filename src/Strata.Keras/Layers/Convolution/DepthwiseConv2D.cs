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

    public IReadOnlyList<int> KernelSize { get; }
    public IReadOnlyList<int> Strides { get; }
    public IReadOnlyList<int> DilationRate { get; }
    public string Padding { get; }
    public string DataFormat { get; }
    public int DepthMultiplier { get; }
    public Activation Activation { get; }
    public bool UseBias { get; }
    public Initializer DepthwiseInitializer { get; }
    public Initializer BiasInitializer { get; }

    public Variable? Kernel { get; private set; }
    public Variable? Bias { get; private set; }

    public override void Build(Shape inputShape)
    {
        int channels = ConvLayerSupport.Channels(this, inputShape, 2);
        ConvLayerSupport.CheckOutputSize(this, inputShape, [.. KernelSize], [.. Strides], [.. DilationRate], Padding);
        Kernel = AddWeight("kernel", [.. KernelSize, channels, DepthMultiplier], DepthwiseInitializer);
        if (UseBias) Bias = AddWeight("bias", [channels * DepthMultiplier], BiasInitializer);
        InputSpec = ConvLayerSupport.BuiltSpec(2, channels);
    }

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
