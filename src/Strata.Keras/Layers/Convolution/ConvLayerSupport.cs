using Strata.Keras.Engine;

namespace Strata.Keras.Layers;

/// <summary>What every convolution layer does the same way: check and build from the input shape, finish with the
/// bias and the activation.</summary>
internal static class ConvLayerSupport
{
    /// <summary>The input's channel count, after checking its rank (a direct Build call skips the input spec).</summary>
    public static int Channels(Layer layer, Shape inputShape, int rank)
    {
        if (inputShape.Rank != rank + 2)
            throw new InvalidArgumentError(
                $"{layer.ClassName} '{layer.Name}': expected an input of rank {rank + 2} (batch, {(rank == 1 ? "steps" : rank == 2 ? "height, width" : "depth, height, width")}, channels), got shape {inputShape}.");
        int channels = inputShape[-1];
        if (channels <= 0)
            throw new InvalidArgumentError(
                $"{layer.ClassName} '{layer.Name}': the channel dimension of the inputs should be defined; got input shape {inputShape}.");
        return channels;
    }

    /// <summary>Keras's compute_conv_output_shape check in build: no spatial output size may be negative.</summary>
    public static void CheckOutputSize(Layer layer, Shape inputShape, int[] kernelSize, int[] strides, int[] dilationRate, string padding)
    {
        for (int i = 0; i < kernelSize.Length; i++)
            if (ConvUtils.ConvOutputLength(inputShape[1 + i], kernelSize[i], padding, strides[i], dilationRate[i]) < 0 && inputShape[1 + i] >= 0)
                throw new InvalidArgumentError(
                    $"{layer.ClassName} '{layer.Name}': Computed output size would be negative. Received `inputs shape={inputShape}`, " +
                    $"`kernel shape={ConvArguments.Py(kernelSize)}`, `dilation_rate={ConvArguments.Py(dilationRate)}`.");
    }

    /// <summary>After building: inputs of rank + 2 axes whose last one is the channel count built for.</summary>
    public static InputSpec BuiltSpec(int rank, int channels) => new(minNdim: rank + 2, axes: new Dictionary<int, int> { [-1] = channels });

    /// <summary>The input in the kernel's dtype, checked against the spec when the layer is called directly.</summary>
    public static Tensor Prepare(Layer layer, Tensor inputs, Variable kernel)
    {
        if (inputs.Rank < 1 || inputs.Shape[-1] != layer.BuildInputShape?[-1])
            InputCompatibility.Assert(layer.CurrentInputSpecs, inputs, layer.Name);
        return inputs.DType == kernel.DType ? inputs : tf.Cast(inputs, kernel.DType);
    }

    /// <summary>activation(z + bias), in one pass where the engine has the pair fused (as Dense does).</summary>
    public static Tensor Finish(Tensor z, Variable? bias, Activation activation)
    {
        if (bias is not null && activation.Fused is { } fused) return tf.BiasAddActivationInPlace(z, bias, fused);   // z is the fresh convolution
        if (bias is not null) z = tf.BiasAdd(z, bias);
        return activation.Invoke(z);
    }
}
