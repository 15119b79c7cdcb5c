// docs/guides/coming-from-python.md: every Strata name or expression of the guide's table appears in this file as
// written there, and compiles (scripts/ci-docs.sh checks that each code span of the table's Strata column is here).
// Compiled, not run: some need files, data sets or an mpirun job.
#region usings
using Strata;
using Strata.Data;
using Strata.Distributed;
using Strata.Keras.Callbacks;
using Strata.Keras.Distribute;
using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Plot;
#endregion

namespace Snippets;

internal static class ComingFromPython
{
    internal static void Tensors(Tensor x, Tensor a, Tensor b, Tensor m, Tensor logits, Tensor images, Tensor values)
    {
        var c = tf.Constant(new[,] { { 1f, 2f } });
        var v = tf.Variable(tf.random.Normal([2, 3]));
        tf.random.SetSeed(1);
        keras.utils.SetRandomSeed(1);
        var p = tf.MatMul(a, b, transposeB: true);
        var mean = tf.ReduceMean(x, [1], keepDims: true);
        var ops = new[] { tf.nn.Relu(x), tf.math.Log1p(x), tf.linalg.Inv(m), tf.image.Resize(images, (64, 64)) };
        var slices = new[] { x[.., 1..3], x[^1], x[-1], x[TensorIndex.Slice(null, null, -1)], x[tf.newaxis, tf.ellipsis] };
        v[0..2].Assign(values);
        var n = x.Numpy();
        var f = x.ToArray<float>();
        var samples = tf.random.Categorical(logits, numSamples: 1);
        var k = new[] { keras.ops.Arcsin(x), keras.ops.Sum(x, axis: 1) };
        var cast = tf.Cast(x, DType.Float64);
        var shape = x.Shape;
        var dtype = x.DType;
    }

    internal static void Tapes(Tensor x, Variable w)
    {
        IReadOnlyList<Tensor> vars = [w];
        using (var tape = new GradientTape())
        {
            var loss = tf.ReduceSum(x * w);
            var grads = tape.Gradient(loss, vars);
        }
    }

    internal static void Data(Tensor x, Tensor y)
    {
        Dataset<(Tensor, Tensor)> ds = tf.data.Dataset.FromTensorSlices((x, y)).Shuffle(1000).Batch(32);
    }

    internal static void DirectoryData()
    {
        var (train, val) = keras.utils.ImageDatasetFromDirectory("pets", validationSplit: 0.2, subset: "both", seed: 1337, imageSize: (180, 180));
        IReadOnlyList<string>? classes = train.ClassNames;
        Dataset<(string[] Texts, Tensor Labels)> reviews = keras.utils.TextDatasetFromDirectory("reviews", batchSize: 32);
    }

    internal static void Configs(Layer layer)
    {
        var config = layer.GetConfig();
        var dense = Layer.FromConfig<Dense>(config);
    }

    internal static void Layers()
    {
        var model = new Sequential([new Dense(10, activation: "relu")]);
        var conv = new Conv2D(32, 3, activation: "relu", inputShape: [28, 28, 1]);
        var pool = new MaxPooling2D(poolSize: (2, 2));
        var lstm = new LSTM(1024, returnSequences: true, stateful: true);
        var inputs = keras.Input([784]);
        var layer = new Dense(10);
        var outputs = layer.Apply(inputs);
        var regularized = new Dense(10, kernelRegularizer: "l2", kernelConstraint: "non_neg");
    }

    internal static void Training(Model model, Tensor x, Tensor y, Tensor w, Dataset<(Tensor, Tensor)> dataset)
    {
        model.Compile(optimizer: "adam", loss: "mse", metrics: ["mae"]);
        model.Fit(x, y, batchSize: 32, epochs: 5, validationSplit: 0.1);
        model.Fit(dataset, stepsPerEpoch: 100);
        Dictionary<string, double> results = model.Evaluate(x, y);
        double testLoss = results["loss"], testAccuracy = results["accuracy"];
        model.Fit(x, y, sampleWeight: w);
        model.Fit(x, y, classWeight: new Dictionary<int, double> { [0] = 1, [1] = 5 });
        model.Compile(optimizer: "adam", loss: "mse", metrics: ["mae"], weightedMetrics: ["mae"]);
        var callbacks = new Callback[]
        {
            new EarlyStopping(monitor: "val_loss", patience: 3),
            new ModelCheckpoint("m-{epoch:02d}.keras", saveBestOnly: true),
            new BackupAndRestore("backup"),
        };
        History history = model.Fit(x, y, callbacks: callbacks);
        HistoryPlot.Save(history.history, "curves.png");
        new Figure().Plot(history.history["loss"]).SaveFig("loss.png");
    }

    internal sealed class Regularized : Layer
    {
        public override Tensor Call(Tensor inputs)
        {
            var penalty = tf.ReduceSum(tf.Square(inputs));
            AddLoss(penalty);
            AddMetric(tf.ReduceMean(inputs), name: "mean_activation");
            return inputs;
        }
    }

    internal sealed class CustomStep(IEnumerable<Layer> layers) : Sequential(layers)
    {
        public override Dictionary<string, double> TrainStep(StepData data) => base.TrainStep(data);
    }

    internal static void Saving(Model model)
    {
        model.Save("m.keras");
        var loaded = keras.models.LoadModel("m.keras");
        model.SaveWeights("m.weights.h5");
        model.LoadWeights("m.weights.h5");
    }

    internal static void Distribution(Tensor v)
    {
        var strategy = tf.distribute.MultiWorkerMirroredStrategy();
        using (strategy.Scope())
        {
            // build and compile the model here
        }
        var total = strategy.Reduce(ReduceOp.Sum, v);
        int replicas = strategy.NumReplicasInSync;
    }
}
