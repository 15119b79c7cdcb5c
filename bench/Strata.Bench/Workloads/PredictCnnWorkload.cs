using Microsoft.ML.OnnxRuntime;
using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Onnx;

namespace Strata.Bench.Workloads;

/// <summary>
/// Inference of samples/FashionMnistCnn's model (random weights, random 28×28×1 images) on one batch, ms per batch:
/// Strata's <c>Model.Predict</c> against the same model exported with <c>ExportOnnx</c> and run by ONNX Runtime's
/// CPU provider with as many intra-op threads as <c>--threads</c> (inter-op 1). The two sides' outputs are
/// compared first.
/// </summary>
internal sealed class PredictCnnWorkload(int batch) : IWorkload
{
    public string Name => $"predict-cnn-b{batch}";

    public string Peer => "onnxruntime";

    public WorkloadResult Run(BenchContext ctx)
    {
        keras.SetRandomSeed(1);
        var model = new Sequential([
            new Conv2D(32, 3, activation: "relu", inputShape: [28, 28, 1]),
            new MaxPooling2D(2),
            new Conv2D(64, 3, activation: "relu"),
            new MaxPooling2D(2),
            new Flatten(),
            new Dense(128, activation: "relu"),
            new Dense(10),
        ]);
        tf.random.SetSeed(2);
        var x = tf.random.Uniform([batch, 28, 28, 1]);
        var pixels = x.ToArray<float>();

        using var options = new SessionOptions { IntraOpNumThreads = ctx.Threads, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        // ONNX Runtime's pool threads spin after each run, waiting for the next; in one process, timed in turns, they
        // held the second core through Strata's batches (b256: Strata 12.1 ms with spinning, 8.5 ms without; ONNX
        // Runtime's own time 4.1-4.6 ms either way), so they sleep between runs as they would in a service.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        using var session = new InferenceSession(model.ToOnnxBytes(), options);
        using var input = OrtValue.CreateTensorValueFromMemory(pixels, [batch, 28, 28, 1]);
        using var runOptions = new RunOptions();
        string[] inputNames = [session.InputNames[0]], outputNames = [session.OutputNames[0]];
        OrtValue[] inputs = [input];

        var expected = model.Predict(x, batchSize: batch).ToArray<float>();
        using (var check = session.Run(runOptions, inputNames, inputs, outputNames))
        {
            var got = check[0].GetTensorDataAsSpan<float>();
            for (int i = 0; i < expected.Length; i++)
                if (Math.Abs(got[i] - expected[i]) > 1e-4)
                    throw new InvalidOperationException($"{Name}: ONNX Runtime gives {got[i]} where Strata gives {expected[i]} (output {i}).");
        }

        void StrataOp() => model.Predict(x, batchSize: batch);
        void OrtOp()
        {
            using var outputs = session.Run(runOptions, inputNames, inputs, outputNames);
        }

        var (s, o) = Measure.Compare(ctx, StrataOp, OrtOp);
        return new WorkloadResult(s * 1e3, o * 1e3, "ms", HigherIsBetter: false, Measure.AllocBytesPerOp(StrataOp, calls: 4));
    }
}
