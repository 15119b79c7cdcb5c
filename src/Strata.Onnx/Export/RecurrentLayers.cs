using Strata.Keras.Layers;
using Strata.Onnx.Graph;

namespace Strata.Onnx.Export;

/// <summary>
/// SimpleRNN, LSTM and GRU as ONNX's RNN, LSTM and GRU nodes (time-major: the (batch, time, features) input is
/// transposed). The weights are regrouped per gate into ONNX's (1, gates·units, in) layout: Keras's LSTM gates
/// are i, f, c, o and ONNX's i, o, f, c; GRU's are z, r, h in both, and Keras's reset_after is ONNX's
/// linear_before_reset = 1 with the bias's recurrent half as ONNX's recurrence bias.
/// </summary>
internal static class RecurrentLayers
{
    public static OnnxValue Convert(ExportContext ctx, RNN layer, OnnxValue x, Shape outputShape)
    {
        var describe = CoreLayers.Describe(layer);
        if (layer.Cell is not BuiltinCell cell)
            throw new NotSupportedException($"ONNX export: {describe} runs a custom cell ({layer.Cell.GetType().Name}); only SimpleRNN, LSTM and GRU cells are exported.");
        if (layer.ReturnState || layer.Stateful)
            throw new NotSupportedException($"ONNX export: {describe} has return_state or stateful set, which is not exported.");

        var (op, keras) = cell switch
        {
            LSTMCell => ("LSTM", new[] { 0, 3, 1, 2 }),   // ONNX i, o, f, c ← Keras i, f, c, o
            GRUCell => ("GRU", new[] { 0, 1, 2 }),
            _ => ("RNN", new[] { 0 }),
        };
        int units = cell.Units, gates = keras.Length;
        var kernel = ExportContext.Floats(cell.Kernel!);
        var recurrent = ExportContext.Floats(cell.RecurrentKernel!);
        int features = kernel.Length / (gates * units);
        var g = ctx.Graph;
        string w = g.Constant($"{layer.Name}/W", GateRows(kernel, features, units, keras), 1, gates * units, features);
        string r = g.Constant($"{layer.Name}/R", GateRows(recurrent, units, units, keras), 1, gates * units, units);
        string b = "";
        bool resetAfter = cell is GRUCell { ResetAfter: true };
        if (cell.Bias is { } biasVariable)
        {
            var bias = ExportContext.Floats(biasVariable);
            var onnxBias = new float[2 * gates * units];   // input bias, then recurrence bias
            for (int gate = 0; gate < gates; gate++)
                for (int j = 0; j < units; j++)
                {
                    onnxBias[gate * units + j] = bias[keras[gate] * units + j];
                    if (resetAfter) onnxBias[(gates + gate) * units + j] = bias[(gates + keras[gate]) * units + j];
                }
            b = g.Constant($"{layer.Name}/B", onnxBias, 1, 2 * gates * units);
        }

        // ONNX's activations: LSTM f (gates), g (cell input), h (cell output); GRU f, g; RNN f.
        string gateActivation = OnnxActivation(cell.RecurrentActivation.Name, describe), activation = OnnxActivation(cell.Activation.Name, describe);
        string[] activations = cell switch
        {
            SimpleRNNCell => [activation],
            LSTMCell => [gateActivation, activation, activation],
            _ => [gateActivation, activation],
        };
        var attributes = new List<OnnxAttribute>
        {
            OnnxAttribute.Of("hidden_size", (long)units),
            OnnxAttribute.Of("direction", layer.GoBackwards ? "reverse" : "forward"),
            OnnxAttribute.Of("activations", activations),
        };
        if (op == "GRU") attributes.Add(OnnxAttribute.Of("linear_before_reset", resetAfter ? 1L : 0L));

        var timeMajor = g.Add("Transpose", layer.Name, [ctx.ChannelsLast(x)], OnnxAttribute.Of("perm", 1L, 0L, 2L));
        string[] inputs = b == "" ? [timeMajor, w, r] : [timeMajor, w, r, b];
        var outs = g.AddMulti(op, layer.Name, inputs, 2, [.. attributes]);   // Y (time, 1, batch, units), Y_h (1, batch, units)
        string y;
        if (layer.ReturnSequences)
        {
            var sequence = g.Add("Squeeze", layer.Name, [outs[0], g.Int64s("axes_1", 1)]);
            // ONNX's reverse direction leaves each output at its input's time step; Keras's go_backwards returns them
            // in the order they were computed, last step first: a Slice with step −1 reverses the time axis.
            if (layer.GoBackwards)
                sequence = g.Add("Slice", layer.Name, [sequence, g.Int64s("minus_1", -1), g.Int64s("int64_min", long.MinValue), g.Int64s("axes_0", 0), g.Int64s("minus_1", -1)]);
            y = g.Add("Transpose", layer.Name, [sequence], OnnxAttribute.Of("perm", 1L, 0L, 2L));
        }
        else y = g.Add("Squeeze", layer.Name, [outs[1], g.Int64s("axes_0", 0)]);
        return new OnnxValue(y, outputShape);
    }

    /// <summary>Keras's (rows, gates·units) matrix → ONNX's (gates·units, rows), gate blocks in ONNX's order.</summary>
    private static float[] GateRows(float[] matrix, int rows, int units, int[] keras)
    {
        int gates = keras.Length, columns = gates * units;
        var result = new float[matrix.Length];
        for (int gate = 0; gate < gates; gate++)
            for (int j = 0; j < units; j++)
                for (int i = 0; i < rows; i++)
                    result[(gate * units + j) * rows + i] = matrix[i * columns + keras[gate] * units + j];
        return result;
    }

    private static string OnnxActivation(string keras, string describe) => keras switch
    {
        "tanh" => "Tanh",
        "sigmoid" => "Sigmoid",
        "relu" => "Relu",
        "softsign" => "Softsign",
        "softplus" => "Softplus",
        _ => throw new NotSupportedException(
            $"ONNX export: {describe} uses the activation '{keras}' in its cell; ONNX's recurrent nodes are exported with tanh, sigmoid, relu, softsign or softplus."),
    };
}
