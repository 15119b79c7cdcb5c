using Microsoft.ML.OnnxRuntime;
using Strata.Keras.Models;

namespace Strata.Onnx.Tests;

/// <summary>Runs an exported model in ONNX Runtime and compares it with Strata's Predict on the same inputs.</summary>
internal static class OnnxCheck
{
    /// <summary>The largest |ONNX Runtime − Strata| over every output value; asserts it is within <paramref name="tolerance"/>
    /// (with <paramref name="relative"/>, within tolerance · max(1, |Strata's value|): for outputs far above 1, such as exp's).</summary>
    public static double AssertMatches(Model model, Tensor x, double tolerance = 1e-5, bool relative = false)
    {
        var expected = model.Predict(x, batchSize: 250).ToArray<float>();
        var actual = Run(model.ToOnnxBytes(), x, out var shape);
        Assert.Equal(model.Predict(x[..1]).Shape.ToArray()[1..], shape[1..].Select(d => (int)d).ToArray());
        Assert.Equal(expected.Length, actual.Length);
        double max = 0;
        for (int i = 0; i < expected.Length; i++)
            max = Math.Max(max, Math.Abs(expected[i] - actual[i]) / (relative ? Math.Max(1, Math.Abs(expected[i])) : 1));
        if (Environment.GetEnvironmentVariable("STRATA_ONNX_PRINT_DIFF") is not null) Console.Error.WriteLine($"max diff {max:E3}");
        Assert.True(max <= tolerance, $"max |ONNX Runtime - Strata|{(relative ? " (relative)" : "")} = {max:E3} > {tolerance:E1}");
        return max;
    }

    /// <summary>The model's single output for input <paramref name="x"/> (float32, int32 or int64) in ONNX Runtime.</summary>
    public static float[] Run(byte[] onnx, Tensor x, out long[] outputShape, int threads = 1)
    {
        using var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 };
        using var session = new InferenceSession(onnx, options);
        long[] shape = x.Shape.ToArray().Select(d => (long)d).ToArray();
        using var input = x.DType switch
        {
            DType.Int32 => OrtValue.CreateTensorValueFromMemory(x.ToArray<int>(), shape),
            DType.Int64 => OrtValue.CreateTensorValueFromMemory(x.ToArray<long>(), shape),
            _ => OrtValue.CreateTensorValueFromMemory(x.ToArray<float>(), shape),
        };
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [session.InputNames[0]], [input], [session.OutputNames[0]]);
        outputShape = outputs[0].GetTensorTypeAndShape().Shape;
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>Moves every weight away from its initial value (biases and β off zero, BN statistics off 0 and 1),
    /// so that each term of each layer shows in the outputs.</summary>
    public static void Perturb(Model model, long seed)
    {
        tf.random.SetSeed(seed);
        foreach (var w in model.Weights)
        {
            if (w.Name.Contains("moving_variance")) w.Assign(tf.random.Uniform(w.Shape, 0.5, 1.5));
            else w.Assign(w + tf.random.Normal(w.Shape, 0, 0.1));
        }
    }
}
