// Snippets of docs/guides/saving.md. The printing ones write into a fresh temporary folder and delete it.
#region usings
using System.Text.Json.Nodes;
using Strata;
using Strata.Keras.Callbacks;
using Strata.Keras.Layers;
using Strata.Keras.Losses;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;
using Strata.Keras.Saving;
using Strata.Onnx;
#endregion

namespace Snippets;

internal static class Saving
{
    private static string TempFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "strata-docs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static Sequential TrainedModel(Tensor x, Tensor y)
    {
        var model = new Sequential([new Dense(16, activation: "relu", inputShape: [4]), new Dense(3)]);
        model.Compile(optimizer: new Adam(learningRate: 0.01), loss: new SparseCategoricalCrossentropy(fromLogits: true),
                      metrics: ["accuracy"]);
        model.Fit(x, y, epochs: 3, verbose: 0);
        return model;
    }

    [Prints]
    internal static void WholeModel()
    {
        tf.random.SetSeed(42);
        var (x, y) = KerasTraining.MakeData();
        var model = TrainedModel(x, y);
        string dir = TempFolder();
        try
        {
            #region keras-file
            string path = Path.Combine(dir, "classifier.keras");
            model.Save(path);                                  // Keras 3's zip: config.json, model.weights.h5, metadata.json
            var loaded = keras.models.LoadModel(path);         // architecture, weights, and the compile settings
            bool same = model.Predict(x).ToArray<float>().SequenceEqual(loaded.Predict(x).ToArray<float>());
            Console.WriteLine($"{loaded.GetType().Name} \"{loaded.Name}\", {loaded.Layers.Count} layers, same predictions: {same}");
            Console.WriteLine($"accuracy of the loaded model: {loaded.Evaluate(x, y, verbose: 0)["accuracy"]:F2}");
            #endregion
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Prints]
    internal static void WeightsOnly()
    {
        tf.random.SetSeed(42);
        var (x, y) = KerasTraining.MakeData();
        var model = TrainedModel(x, y);
        string dir = TempFolder();
        try
        {
            #region weights-file
            string path = Path.Combine(dir, "classifier.weights.h5");
            model.SaveWeights(path);
            // The same architecture, built, then the weights loaded into it.
            var copy = new Sequential([new Dense(16, activation: "relu", inputShape: [4]), new Dense(3)]);
            copy.LoadWeights(path);
            Console.WriteLine(copy.Predict(x[..2]).ToArray<float>().SequenceEqual(model.Predict(x[..2]).ToArray<float>()));
            #endregion
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Prints]
    internal static void Json()
    {
        tf.random.SetSeed(42);
        #region json
        var model = new Sequential([new Dense(16, activation: "relu", inputShape: [4]), new Dense(3)]);
        string json = model.ToJson();                          // the config tree alone, no weights
        var fresh = keras.models.ModelFromJson(json);          // a new, uncompiled model with fresh weights
        Console.WriteLine(string.Join(", ", fresh.Layers.Select(l => l.Name)));
        #endregion
    }

    #region custom-layer
    // A layer of your own saves when it names itself (the attribute) and describes its constructor arguments
    // (IKerasSerializable). Loading makes only classes the program registered: a file never picks a type.
    [KerasSerializable("my_package")]
    internal sealed class Scale(double factor, string? name = null) : Layer(name), IKerasSerializable<Scale>
    {
        public double Factor { get; } = factor;

        public override Tensor Call(Tensor inputs) => inputs * Factor;

        public override JsonObject GetConfig() => new() { ["factor"] = Factor };

        public static Scale FromConfig(ConfigReader config) => new(config.Double("factor"), config.String("name"));
    }
    #endregion

    [Prints]
    internal static void CustomLayer()
    {
        tf.random.SetSeed(42);
        string dir = TempFolder();
        try
        {
            #region custom-layer-save
            SerializationRegistry.Register<Scale>();           // once, before saving or loading
            var model = new Sequential([new InputLayer([2]), new Scale(3, name: "scale"), new Dense(1)]);
            string path = Path.Combine(dir, "scaled.keras");
            model.Save(path);
            var loaded = keras.models.LoadModel(path);
            Console.WriteLine($"{loaded.Layers[0].GetType().Name} with factor {((Scale)loaded.Layers[0]).Factor}");
            #endregion
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Prints]
    internal static void Checkpoints()
    {
        tf.random.SetSeed(42);
        var (x, y) = KerasTraining.MakeData();
        string dir = TempFolder();
        try
        {
            var model = new Sequential([new Dense(16, activation: "relu", inputShape: [4]), new Dense(3)]);
            model.Compile(optimizer: new Adam(learningRate: 0.01), loss: new SparseCategoricalCrossentropy(fromLogits: true));
            #region checkpoints
            var checkpoint = new ModelCheckpoint(Path.Combine(dir, "ckpt-{epoch:02d}.weights.h5"), saveWeightsOnly: true);
            var backup = new BackupAndRestore(Path.Combine(dir, "backup"));   // a killed Fit, run again, resumes
            model.Fit(x, y, epochs: 3, validationSplit: 0.2, verbose: 0, callbacks: [checkpoint, backup]);
            foreach (var file in Directory.GetFiles(dir).Order(StringComparer.Ordinal))
                Console.WriteLine(Path.GetFileName(file));
            #endregion
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Prints]
    internal static void Onnx()
    {
        tf.random.SetSeed(42);
        string dir = TempFolder();
        try
        {
            #region onnx
            var cnn = new Sequential([
                new Conv2D(8, 3, activation: "relu", inputShape: [28, 28, 1]),
                new MaxPooling2D(2),
                new Flatten(),
                new Dense(10),
            ]);
            string path = Path.Combine(dir, "cnn.onnx");
            cnn.ExportOnnx(path);        // opset 17; inputs and outputs keep Keras's channels-last layout
            Console.WriteLine($"wrote an ONNX model: {new FileInfo(path).Length > 0}");
            #endregion
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    // Compiled, not run: it needs a file made by Python's Keras.
    internal static void FromPython()
    {
        #region from-python
        var model = keras.models.LoadModel("model_from_python.h5");    // a legacy .h5 loads too
        model.Summary();
        #endregion
    }
}
