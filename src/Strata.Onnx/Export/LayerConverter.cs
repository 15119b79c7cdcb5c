using Strata.Keras.Layers;

namespace Strata.Onnx.Export;

/// <summary>Which converter a layer goes to; a layer without one is refused by name and class.</summary>
internal static class LayerConverter
{
    public static OnnxValue Convert(ExportContext ctx, LayerCall call, OnnxValue[] xs)
    {
        var x = xs[0];
        var shape = call.Output.Shape;
        var inputType = call.Inputs[0].DType;
        return call.Layer switch
        {
            Dense d => CoreLayers.Dense(ctx, d, x, shape),
            BaseConv c => ConvLayers.Conv(ctx, c, x, shape),
            DepthwiseConv2D c => ConvLayers.Depthwise(ctx, c, x, shape),
            BaseSeparableConv c => ConvLayers.Separable(ctx, c, x, shape),
            BaseConvTranspose c => ConvLayers.Transpose(ctx, c, x, shape),
            BasePooling p => PoolingLayers.Pool(ctx, p, x, shape),
            GlobalPooling p => PoolingLayers.Global(ctx, p, x, shape),
            BatchNormalization b => NormalizationLayers.BatchNorm(ctx, b, x),
            LayerNormalization l => NormalizationLayers.LayerNorm(ctx, l, x),
            Permute p => ReshapingLayers.Permute(ctx, p, x, shape),
            ZeroPadding2D z => ReshapingLayers.ZeroPadding2D(ctx, z, x, shape),
            Flatten f => new OnnxValue(CoreLayers.Flatten(ctx, f, x), shape),
            Reshape r => new OnnxValue(CoreLayers.Reshape(ctx, r, x), shape),
            Embedding e => new OnnxValue(CoreLayers.Embedding(ctx, e, x, inputType), shape),
            Rescaling r => CoreLayers.Rescaling(ctx, r, x, inputType),
            Add a => CoreLayers.Add(ctx, a, xs),
            Concatenate c => CoreLayers.Concatenate(ctx, c, xs, shape),
            ActivationLayer a => ActivationLayers.Activation(ctx, a, x),
            ReLU r => ActivationLayers.ReLU(ctx, r, x),
            LeakyReLU l => ActivationLayers.LeakyReLU(ctx, l, x),
            ELU e => ActivationLayers.ELU(ctx, e, x),
            Softmax s => ActivationLayers.Softmax(ctx, s, x),
            PReLU p => ActivationLayers.PReLU(ctx, p, x),
            RNN r => RecurrentLayers.Convert(ctx, r, x, shape),
            // Inference: dropout and noise layers pass their input through.
            Dropout or SpatialDropout or GaussianDropout or GaussianNoise => x,
            // Augmentation layers are the identity at inference (their output is float, as Strata's).
            RandomFlip or RandomRotation or RandomTranslation or RandomZoom or RandomContrast => CoreLayers.AsFloat(ctx, x, inputType, call.Layer.Name),
            var other => throw new NotSupportedException(
                $"ONNX export: {CoreLayers.Describe(other)} has no ONNX converter. Exported layers: Dense, Conv1D/2D/3D, DepthwiseConv2D, " +
                "SeparableConv1D/2D, Conv1D/2D/3DTranspose, Max/AveragePooling1D-3D, GlobalMax/GlobalAveragePooling1D-3D, BatchNormalization, LayerNormalization (trailing axes), Flatten, Reshape, Permute, ZeroPadding2D, " +
                "Embedding, Rescaling, Add, Concatenate, Activation, ReLU, LeakyReLU, ELU, Softmax, PReLU, SimpleRNN, LSTM, GRU, Dropout and the noise and augmentation layers (identity), nested models."),
        };
    }
}
