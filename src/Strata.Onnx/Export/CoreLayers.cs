using Strata.Keras.Layers;
using Strata.Onnx.Graph;

namespace Strata.Onnx.Export;

/// <summary>Dense, Embedding, Flatten, Reshape, Rescaling, Add and Concatenate.</summary>
internal static class CoreLayers
{
    /// <summary>MatMul (ONNX broadcasts the leading axes as Dense folds them), the bias, the activation.</summary>
    public static OnnxValue Dense(ExportContext ctx, Dense layer, OnnxValue x, Shape outputShape)
    {
        var g = ctx.Graph;
        var y = g.Add("MatMul", layer.Name, [ctx.ChannelsLast(x), ctx.Weight($"{layer.Name}/kernel", layer.Kernel!)]);
        if (layer.Bias is { } bias) y = g.Add("Add", layer.Name, [y, ctx.Weight($"{layer.Name}/bias", bias)]);
        return Activations.Apply(ctx, new OnnxValue(y, outputShape), layer.Activation, layer.Name, Describe(layer));
    }

    /// <summary>Gather on the table; float indices are truncated to integers, as Strata's Cast does.</summary>
    public static string Embedding(ExportContext ctx, Embedding layer, OnnxValue x, DType inputType)
    {
        var g = ctx.Graph;
        var indices = inputType is DType.Int32 or DType.Int64 ? x.Name
            : g.Add("Cast", layer.Name, [x.Name], OnnxAttribute.Of("to", (long)OnnxDataType.Int64));
        return g.Add("Gather", layer.Name, [ctx.Weight($"{layer.Name}/embeddings", layer.Embeddings!), indices], OnnxAttribute.Of("axis", 0L));
    }

    /// <summary>ONNX's Flatten from axis 1, on the Keras layout: after a conv block the value is transposed back
    /// first, so the features come in Keras's (h, w, c) order and the next Dense's kernel fits.</summary>
    public static string Flatten(ExportContext ctx, Flatten layer, OnnxValue x) =>
        ctx.Graph.Add("Flatten", layer.Name, [ctx.ChannelsLast(x)], OnnxAttribute.Of("axis", 1L));

    /// <summary>Reshape to (batch, target…): 0 copies the input's batch size.</summary>
    public static string Reshape(ExportContext ctx, Reshape layer, OnnxValue x) =>
        ctx.Graph.Add("Reshape", layer.Name,
            [ctx.ChannelsLast(x), ctx.Graph.Int64s($"{layer.Name}/shape", [0, .. layer.TargetShape.ToArray().Select(d => (long)d)])]);

    /// <summary>x · scale + offset (integer inputs are cast to float32 first, as Strata's layer does).</summary>
    public static OnnxValue Rescaling(ExportContext ctx, Rescaling layer, OnnxValue x, DType inputType)
    {
        var g = ctx.Graph;
        var y = g.Add("Mul", layer.Name, [AsFloat(ctx, x, inputType, layer.Name).Name, g.Scalar($"{layer.Name}/scale", (float)layer.Scale)]);
        if (layer.Offset != 0) y = g.Add("Add", layer.Name, [y, g.Scalar($"{layer.Name}/offset", (float)layer.Offset)]);
        return x with { Name = y };
    }

    /// <summary>A sum in the inputs' common layout (Keras's if they differ), added left to right as Strata does.</summary>
    public static OnnxValue Add(ExportContext ctx, Add layer, OnnxValue[] xs)
    {
        bool first = xs.All(v => v.ChannelsFirst);
        var names = xs.Select(v => first ? v.Name : ctx.ChannelsLast(v)).ToArray();
        var sum = names[0];
        for (int i = 1; i < names.Length; i++) sum = ctx.Graph.Add("Add", layer.Name, [sum, names[i]]);
        return new OnnxValue(sum, xs[0].Shape, first);
    }

    /// <summary>Concat on the Keras axis, or on the matching channels-first axis when every input is channels-first.</summary>
    public static OnnxValue Concatenate(ExportContext ctx, Concatenate layer, OnnxValue[] xs, Shape outputShape)
    {
        int rank = xs[0].Rank;
        int axis = layer.Axis < 0 ? layer.Axis + rank : layer.Axis;
        bool first = rank > 2 && xs.All(v => v.ChannelsFirst);
        var names = xs.Select(v => first ? v.Name : ctx.ChannelsLast(v)).ToArray();
        int onnxAxis = !first || axis == 0 ? axis : axis == rank - 1 ? 1 : axis + 1;
        return new OnnxValue(ctx.Graph.Add("Concat", layer.Name, names, OnnxAttribute.Of("axis", (long)onnxAxis)), outputShape, first);
    }

    /// <summary>The value as float32 (a Cast for integer inputs, nothing otherwise).</summary>
    public static OnnxValue AsFloat(ExportContext ctx, OnnxValue x, DType inputType, string hint) =>
        inputType.IsFloating ? x : x with { Name = ctx.Graph.Add("Cast", hint, [x.Name], OnnxAttribute.Of("to", (long)OnnxDataType.Float)) };

    public static string Describe(Layer layer) => $"layer '{layer.Name}' ({layer.ClassName})";
}
