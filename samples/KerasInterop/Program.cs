// Loads a model file made by Python Keras (.keras, legacy .h5, or .weights.h5 with its config JSON), prints its
// summary, evaluates it on the Fashion-MNIST test set and, with --export-onnx, writes it as an ONNX file.
//
//   dotnet run -c Release --project samples/KerasInterop -- <model file> [--config model.json] [--export-onnx out.onnx]
using Strata;
using Strata.Datasets;
using Strata.Keras.Models;
using Strata.Onnx;

string? modelPath = null, configPath = null, onnxPath = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--config" when i + 1 < args.Length: configPath = args[++i]; break;
        case "--export-onnx" when i + 1 < args.Length: onnxPath = args[++i]; break;
        case var a when !a.StartsWith("--") && modelPath is null: modelPath = a; break;
        default: return Usage($"unexpected argument '{args[i]}'");
    }
}
if (modelPath is null) return Usage("no model file given");

Model model;
if (modelPath.EndsWith(".weights.h5", StringComparison.OrdinalIgnoreCase))
{
    // A weights file holds no architecture: it comes from the model's config (model.to_json() or a .keras's config.json).
    if (configPath is null) return Usage("a .weights.h5 file needs --config <model.json> (model.to_json(), or config.json from a .keras zip)");
    model = keras.models.ModelFromJson(File.ReadAllText(configPath));
    model.LoadWeights(modelPath);
}
else model = keras.models.LoadModel(modelPath);
model.Summary();

Tensor images, labels;
try
{
    (_, (images, labels)) = FashionMnist.LoadData();
}
catch (Exception e) when (e is DatasetNotFoundError or DatasetFormatError)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

// The model's own input layout: (28, 28), (784,) or (28, 28, 1): a functional model's input, or the shape a
// Sequential's first layer was built for.
var inputShape = (model.Inputs.Count > 0 ? model.Inputs[0].Shape : model.Layers[0].BuildInputShape)
    ?? throw new InvalidOperationException($"Model '{model.Name}' is not built: its input shape is unknown.");
var x = tf.Reshape(Images.ToFloat01(images), [-1, .. inputShape.ToArray()[1..]]);
Console.WriteLine($"Evaluating on {labels.Shape[0]} Fashion-MNIST test images shaped {x.Shape}.");
var predicted = tf.ArgMax(model.Predict(x, batchSize: 1000), 1).ToArray<long>();
var truth = tf.Cast(labels, DType.Int64).ToArray<long>();
double accuracy = predicted.Where((c, i) => c == truth[i]).Count() / (double)truth.Length;

if (onnxPath is not null)
{
    model.ExportOnnx(onnxPath);
    Console.WriteLine($"ONNX model written to {Path.GetFullPath(onnxPath)} ({new FileInfo(onnxPath).Length} bytes).");
}
Console.WriteLine($"Test accuracy: {accuracy:F4}");
return 0;

static int Usage(string problem)
{
    Console.Error.WriteLine($"KerasInterop: {problem}.");
    Console.Error.WriteLine("usage: dotnet run -c Release --project samples/KerasInterop -- <model.keras | model.h5 | model.weights.h5 --config model.json> [--export-onnx out.onnx]");
    return 2;
}
