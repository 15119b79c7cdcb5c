// Snippets of docs/guides/keras-training.md. Every model trains on small synthetic data, so each runs in a second.
#region usings
using Strata;
using Strata.Keras.Callbacks;
using Strata.Keras.Layers;
using Strata.Keras.Losses;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;
#endregion

namespace Snippets;

internal static class KerasTraining
{
    #region data
    // 1,000 points in 4-D; the label is the index of the largest of the first three coordinates (3 classes).
    internal static (Tensor X, Tensor Y) MakeData(int n = 1000)
    {
        var x = tf.random.Normal([n, 4]);
        var y = tf.ArgMax(x[.., 0..3], axis: 1);   // int64 labels 0, 1, 2
        return (x, y);
    }
    #endregion

    [Prints]
    internal static void SequentialModel()
    {
        #region sequential
        tf.random.SetSeed(42);                      // the same weights, shuffles and results on every run
        var (x, y) = MakeData();

        var model = new Sequential([
            new Dense(32, activation: "relu", inputShape: [4]),
            new Dense(3),                           // logits
        ]);
        model.Compile(optimizer: new Adam(learningRate: 0.01),
                      loss: new SparseCategoricalCrossentropy(fromLogits: true),
                      metrics: ["accuracy"]);
        model.Summary();

        History history = model.Fit(x, y, batchSize: 32, epochs: 10, validationSplit: 0.2, verbose: 0);
        Console.WriteLine(string.Join(", ", history.history.Keys));
        Console.WriteLine($"val_accuracy after 10 epochs: {history.history["val_accuracy"][^1]:F2}");

        var (xTest, yTest) = MakeData(200);
        Dictionary<string, double> results = model.Evaluate(xTest, yTest, verbose: 0);
        Console.WriteLine($"test accuracy: {results["accuracy"]:F2}");

        Tensor logits = model.Predict(xTest[..5]);
        Console.WriteLine(tf.ArgMax(logits, axis: 1));
        Console.WriteLine(yTest[..5]);
        #endregion
    }

    [Prints]
    internal static void FunctionalModel()
    {
        #region functional
        tf.random.SetSeed(42);
        var inputs = keras.Input([4]);
        var hidden = new Dense(32, activation: "relu").Apply(inputs);
        var skip = new Concatenate().Apply([hidden, inputs]);          // layers may take several inputs
        var outputs = new Dense(3).Apply(skip);
        var model = new Model(inputs, outputs, name: "with_skip");
        model.Summary();
        #endregion
    }

    #region subclassed
    internal sealed class TwoLayerNet : Model
    {
        private readonly Dense _hidden = new(32, activation: "relu");
        private readonly Dropout _dropout = new(0.2);
        private readonly Dense _output = new(3);

        // Layers kept in fields are tracked: their weights are the model's.
        public override Tensor Call(Tensor inputs, bool? training)
            => _output.Apply(_dropout.Apply(_hidden.Apply(inputs), training), training);

        public override Tensor Call(Tensor inputs) => Call(inputs, training: null);
    }
    #endregion

    [Prints]
    internal static void SubclassedModel()
    {
        #region subclassed-fit
        tf.random.SetSeed(42);
        var (x, y) = MakeData();
        var model = new TwoLayerNet();
        model.Compile(optimizer: new Adam(learningRate: 0.01), loss: new SparseCategoricalCrossentropy(fromLogits: true),
                      metrics: ["accuracy"]);
        var history = model.Fit(x, y, epochs: 10, verbose: 0);
        Console.WriteLine($"{model.TrainableWeights.Count} trainable weights, accuracy {history.history["accuracy"][^1]:F2}");
        #endregion
    }

    #region callback
    // A callback of your own: override the hooks you need (train, epoch, batch, test, predict).
    internal sealed class PrintEveryFifthEpoch : Callback
    {
        public override void OnEpochEnd(int epoch, Dictionary<string, double> logs)
        {
            if ((epoch + 1) % 5 == 0) Console.WriteLine($"epoch {epoch + 1}: loss {logs["loss"]:F3}");
        }
    }
    #endregion

    [Prints]
    internal static void Callbacks()
    {
        #region callbacks
        tf.random.SetSeed(42);
        var (x, y) = MakeData();
        var model = new Sequential([new Dense(32, activation: "relu", inputShape: [4]), new Dense(3)]);
        model.Compile(optimizer: new Adam(learningRate: 0.01), loss: new SparseCategoricalCrossentropy(fromLogits: true));

        var earlyStopping = new EarlyStopping(monitor: "val_loss", patience: 3, restoreBestWeights: true);
        var history = model.Fit(x, y, epochs: 100, validationSplit: 0.2, verbose: 0,
            callbacks: [earlyStopping, new PrintEveryFifthEpoch()]);
        Console.WriteLine($"stopped after {history.history["loss"].Count} of 100 epochs");
        #endregion
    }

    [Prints]
    internal static void Schedules()
    {
        #region schedule
        tf.random.SetSeed(42);
        var (x, y) = MakeData();
        // 0.01, decayed by 0.9 every 100 steps (32 steps an epoch here).
        var schedule = new ExponentialDecay(initialLearningRate: 0.01, decaySteps: 100, decayRate: 0.9);
        var optimizer = new Adam(learningRate: schedule);
        var model = new Sequential([new Dense(32, activation: "relu", inputShape: [4]), new Dense(3)]);
        model.Compile(optimizer: optimizer, loss: new SparseCategoricalCrossentropy(fromLogits: true));
        model.Fit(x, y, epochs: 10, verbose: 0);
        Console.WriteLine($"{optimizer.Iterations} steps, learning rate now {optimizer.LearningRate:F5}");
        #endregion
    }

    #region train-step
    // Keras 3's "customizing what happens in fit": Fit, callbacks and the progress bar stay; the step is yours.
    internal sealed class ClippedModel(IEnumerable<Layer> layers) : Sequential(layers)
    {
        public override Dictionary<string, double> TrainStep(StepData data)
        {
            var (x, y) = data;
            Tensor yPred, loss;
            Tensor?[] grads;
            using (var tape = new GradientTape())
            {
                yPred = Apply(x, training: true);
                loss = ComputeLoss(y, yPred);                     // the compiled loss (and any AddLoss terms)
                grads = tape.Gradient(loss, TrainableWeights);
            }
            var clipped = grads.Select(g => g is null ? null : tf.ClipByValue(g, -1, 1)).ToList();
            Optimizer!.ApplyGradients(clipped, TrainableWeights);
            return ComputeMetrics(y, yPred, loss);                // {"loss": …, "accuracy": …}
        }
    }
    #endregion

    [Prints]
    internal static void CustomTrainStep()
    {
        #region train-step-fit
        tf.random.SetSeed(42);
        var (x, y) = MakeData();
        var model = new ClippedModel([new Dense(32, activation: "relu", inputShape: [4]), new Dense(3)]);
        model.Compile(optimizer: new Adam(learningRate: 0.01), loss: new SparseCategoricalCrossentropy(fromLogits: true),
                      metrics: ["accuracy"]);
        var history = model.Fit(x, y, epochs: 5, verbose: 0);
        Console.WriteLine($"accuracy after 5 epochs: {history.history["accuracy"][^1]:F2}");
        #endregion
    }

    [Prints]
    internal static void CustomLoop()
    {
        #region custom-loop
        tf.random.SetSeed(42);
        var (x, y) = MakeData();
        var model = new Sequential([new Dense(32, activation: "relu", inputShape: [4]), new Dense(3)]);
        var lossFn = new SparseCategoricalCrossentropy(fromLogits: true);
        var optimizer = new Adam(learningRate: 0.01);
        var train = tf.data.Dataset.FromTensorSlices((x, y)).Batch(32);   // .Shuffle(1000) first to reshuffle each epoch

        for (int epoch = 0; epoch < 5; epoch++)
        {
            double total = 0;
            int batches = 0;
            foreach (var (xb, yb) in train)
            {
                Tensor?[] grads;
                Tensor loss;
                using (var tape = new GradientTape())
                {
                    loss = lossFn.Call(yb, model.Apply(xb, training: true));
                    grads = tape.Gradient(loss, model.TrainableWeights);
                }
                optimizer.ApplyGradients(grads, model.TrainableWeights);
                total += loss.Item<float>();
                batches++;
            }
            Console.WriteLine($"epoch {epoch + 1}: mean loss {total / batches:F3}");
        }
        #endregion
    }

    internal static void Weights()
    {
        var (x, y) = MakeData();
        var model = new Sequential([new Dense(3, inputShape: [4])]);
        model.Compile(optimizer: "adam", loss: new SparseCategoricalCrossentropy(fromLogits: true));
        #region weights
        // Class 2 counts five times as much as the others; unnamed classes weigh 1.
        model.Fit(x, y, epochs: 2, classWeight: new Dictionary<int, double> { [2] = 5.0 });
        // Or one weight per sample, (N,) or (N, 1):
        var sampleWeight = tf.Ones([1000]);
        model.Fit(x, y, epochs: 2, sampleWeight: sampleWeight);
        #endregion
    }
}
