using Strata.Keras.Callbacks;
using Strata.Keras.Engine;
using Strata.Keras.Layers;
using Strata.Keras.Losses;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

namespace Strata.Keras.Tests;

public class WithDropout : Model
{
    private readonly Dropout _drop = new(0.5);

    public override Tensor Call(Tensor inputs) => _drop.Apply(inputs); // no training flag passed by hand
}

public class MyRegressor : Model
{
    private readonly Dense _hidden = new(8, activation: "tanh");
    private readonly Dense _out = new(1);

    public override Tensor Call(Tensor inputs) => _out.Apply(_hidden.Apply(inputs));
}

/// <summary>Sequential, functional and subclassed models train through one Fit, to the same result.</summary>
public class ModelTests
{
    private static (Tensor x, Tensor y) Linear(int n, int seed)
    {
        var x = tf.random.Uniform([n, 3], -1, 1, seed: seed);
        var y = tf.MatMul(x, tf.Constant(new float[,] { { 1 }, { -2 }, { 0.5f } })) + 0.3f;
        return (x, y);
    }

    [Fact]
    public void LinearRegressionReachesTinyLoss()
    {
        tf.random.SetSeed(11);
        var (x, y) = Linear(200, 1);
        var model = new Sequential([new Dense(1, inputShape: [3])]);
        model.Compile(optimizer: new SGD(learningRate: 0.1), loss: "mse");
        var h = model.Fit(x, y, batchSize: 20, epochs: 60, verbose: 0);
        Assert.True(h["loss"][^1] < 1e-3, $"final loss {h["loss"][^1]}");
        Assert.True(model.Evaluate(x, y, verbose: 0)["loss"] < 1e-3);
        var dense = (Dense)model.Layers[0];
        Check.Close([1, -2, 0.5], Check.Values(dense.Kernel!), 0.02);
        Check.Close(0.3, Check.Values(dense.Bias!)[0], 0.02);
    }

    private static (History, Tensor[]) TrainThreeWays(Func<Model> make)
    {
        tf.random.SetSeed(5);
        var model = make();
        var (x, y) = Linear(64, 2);
        model.Compile(optimizer: new Adam(learningRate: 0.01), loss: "mse", metrics: ["mae"]);
        var h = model.Fit(x, y, batchSize: 16, epochs: 3, verbose: 0);
        return (h, model.GetWeights());
    }

    [Fact]
    public void SequentialFunctionalAndSubclassedGiveTheSameResult()
    {
        var (hs, ws) = TrainThreeWays(() => new Sequential([new Dense(8, activation: "tanh", inputShape: [3]), new Dense(1)]));
        var (hf, wf) = TrainThreeWays(() =>
        {
            var inputs = keras.Input([3]);
            var h = new Dense(8, activation: "tanh").Apply(inputs);
            return new Model(inputs, new Dense(1).Apply(h));
        });
        var (hc, wc) = TrainThreeWays(() => new MyRegressor());
        Assert.Equal(hs["loss"], hf["loss"]);
        Assert.Equal(hs["loss"], hc["loss"]);
        Assert.Equal(hs["mae"], hc["mae"]);
        for (int i = 0; i < ws.Length; i++)
        {
            Assert.Equal(ws[i].ToArray<float>(), wf[i].ToArray<float>());
            Assert.Equal(ws[i].ToArray<float>(), wc[i].ToArray<float>());
        }
    }

    [Fact]
    public void CustomTrainingLoopMatchesFit()
    {
        tf.random.SetSeed(9);
        var (x, y) = Linear(48, 3);
        var a = new Sequential([new Dense(4, activation: "relu", inputShape: [3]), new Dense(1)]);
        a.Compile(optimizer: new SGD(learningRate: 0.05, momentum: 0.9), loss: "mse");
        a.Fit(x, y, batchSize: 16, epochs: 2, shuffle: false, verbose: 0);

        tf.random.SetSeed(9);
        var b = new Sequential([new Dense(4, activation: "relu", inputShape: [3]), new Dense(1)]);
        var optimizer = new SGD(learningRate: 0.05, momentum: 0.9);
        var lossFn = new MeanSquaredError();
        for (int epoch = 0; epoch < 2; epoch++)
            for (int start = 0; start < 48; start += 16)
            {
                var xb = tf.Slice(x, [start, 0], [16, 3]);
                var yb = tf.Slice(y, [start, 0], [16, 1]);
                Tensor?[] grads;
                using (var tape = new GradientTape())
                {
                    var loss = lossFn.Call(yb, b.Apply(xb, training: true));
                    grads = tape.Gradient(loss, b.TrainableWeights);
                }
                optimizer.ApplyGradients(grads, b.TrainableWeights);
            }
        var wa = a.GetWeights();
        var wb = b.GetWeights();
        for (int i = 0; i < wa.Length; i++) Assert.Equal(wa[i].ToArray<float>(), wb[i].ToArray<float>());
    }

    [Fact]
    public void SameSeedGivesTheSameShuffledRun()
    {
        double Run()
        {
            tf.random.SetSeed(21);
            var (x, y) = SampleApiTests.Images(96, DType.UInt8, 4);
            var m = new Sequential([new Flatten(inputShape: [28, 28]), new Dropout(0.2), new Dense(10)]);
            m.Compile(optimizer: "adam", loss: new SparseCategoricalCrossentropy(fromLogits: true), metrics: ["accuracy"]);
            return m.Fit(x, y, batchSize: 16, epochs: 2, verbose: 0)["loss"][1];
        }
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void KerasInputPrintsNoneBatch()
    {
        var input = keras.Input([784], name: "pixels");
        Assert.Equal("(None, 784)", input.Shape.ToString());
        Assert.Equal("<KerasTensor shape=(None, 784), dtype=float32, sparse=False, ragged=False, name=pixels>", input.ToString());
        var h = new Dense(10).Apply(input);
        Assert.IsType<KerasTensor>(h);
        Assert.Equal("(None, 10)", h.Shape.ToString());
    }

    [Fact]
    public void FunctionalWithTwoInputsSharedLayerAndConcatenate()
    {
        tf.random.SetSeed(2);
        var a = keras.Input([3], name: "a");
        var b = keras.Input([3], name: "b");
        var shared = new Dense(4, activation: "tanh", name: "shared");
        // Named, so that the summary row below does not depend on how many Concatenates other tests made first.
        var merged = new Concatenate(name: "concatenate").Apply([shared.Apply(a), shared.Apply(b)]);
        var sum = new Add().Apply([shared.Apply(a), shared.Apply(b)]);
        var output = new Dense(1, name: "head").Apply(new Concatenate().Apply([merged, sum]));
        var model = new Model([a, b], [output]);
        Assert.Equal(2 * 4 * 3 / 2 + 4 + 13, model.CountParams()); // shared counted once: 16 + head 13
        model.Compile(optimizer: new Adam(0.05), loss: "mse");
        var xa = tf.random.Uniform([32, 3], seed: 1);
        var xb = tf.random.Uniform([32, 3], seed: 2);
        var y = tf.ReduceSum(xa, 1, keepDims: true) - tf.ReduceSum(xb, 1, keepDims: true);
        var h = model.Fit([xa, xb], [y], batchSize: 8, epochs: 30, verbose: 0);
        Assert.True(h["loss"][^1] < h["loss"][0] / 4, $"loss {h["loss"][0]} -> {h["loss"][^1]}");
        var text = "";
        model.Summary(printFn: s => text = s);
        Assert.Contains("Connected to", text);
        Assert.Contains("│ shared (Dense)      │ (None, 4)         │         16 │ a[0][0], b[0][0], │", text);
        Assert.Contains("│ concatenate         │ (None, 8)         │          0 │ shared[0][0],     │", text);
        Assert.Equal(new Shape(32, 1), model.PredictOutputs([xa, xb])[0].Shape);
    }

    [Fact]
    public void MultiOutputModelTrainsEachOutput()
    {
        tf.random.SetSeed(4);
        var input = keras.Input([3]);
        var h = new Dense(8, activation: "tanh").Apply(input);
        var o1 = new Dense(1, name: "out_a").Apply(h);
        var o2 = new Dense(1, name: "out_b").Apply(h);
        var model = new Model([input], [o1, o2]);
        model.Compile(optimizer: new Adam(0.02), loss: "mse", metrics: ["mae"]);
        var (x, y) = Linear(32, 5);
        var hist = model.Fit([x], [y, y * 2], batchSize: 8, epochs: 5, verbose: 0);
        Assert.Equal(["loss", "out_a_loss", "out_a_mae", "out_b_loss", "out_b_mae"], hist.history.Keys);
        Check.Close(hist["out_a_loss"][4] + hist["out_b_loss"][4], hist["loss"][4], 1e-5);
        Assert.Equal(["loss", "out_a_loss", "out_b_loss", "out_a_mae", "out_b_mae"], model.MetricsNames);

        // One loss per output: the total is their sum.
        model.Compile(optimizer: new Adam(0.02), loss: ["mse", "mae"]);
        var r = model.Evaluate([x], [y, y * 2], verbose: 0);
        Check.Close(r["out_a_loss"] + r["out_b_loss"], r["loss"], 1e-6);
        var mae = new Strata.Keras.Metrics.MeanAbsoluteError();
        mae.UpdateState(y * 2, model.PredictOutputs([x])[1]);
        Check.Close(mae.Result(), r["out_b_loss"], 1e-5);
        Assert.Throws<InvalidArgumentError>(() => model.Compile(optimizer: "adam", loss: ["mse"]));
    }

    [Fact]
    public void SequentialFromKerasInputOrInputLayerIsBuiltAtConstruction()
    {
        var m1 = new Sequential([keras.Input([4]), new Dense(2)]);
        var m2 = new Sequential([new InputLayer([4]), new Dense(2)]);
        var m3 = new Sequential([new Dense(2, inputShape: [4])]);
        foreach (var m in new[] { m1, m2, m3 })
        {
            Assert.True(m.Built);
            Assert.Equal(10, m.CountParams());
            Assert.Equal("(None, 2)", m.Layers[0].OutputShape.ToString());
            Assert.Single(m.Layers);
        }
        var lazy = new Sequential([new Dense(2)]);
        Assert.False(lazy.Built);
        lazy.Apply(tf.Zeros([1, 5]));
        Assert.Equal(12, lazy.CountParams());
    }

    [Fact]
    public void DropoutIsActiveOnlyInTraining()
    {
        tf.random.SetSeed(1);
        var drop = new Dropout(0.5, seed: 1);
        var x = tf.Ones([1000]);
        Assert.Equal(x.ToArray<float>(), drop.Apply(x).ToArray<float>());
        Assert.Equal(x.ToArray<float>(), drop.Apply(x, training: false).ToArray<float>());
        var y = drop.Apply(x, training: true).ToArray<float>();
        Assert.All(y, v => Assert.True(v == 0 || v == 2));
        Assert.InRange(y.Count(v => v == 0), 400, 600);
        Assert.NotEqual(y, drop.Apply(x, training: true).ToArray<float>()); // a new mask each call
        Assert.Equal(y, new Dropout(0.5, seed: 1).Apply(x, training: true).ToArray<float>()); // same seed, same first mask
        // Predict and Evaluate run in inference mode.
        var model = new Sequential([new Dropout(0.9, inputShape: [1000])]);
        Assert.Equal(x.ToArray<float>(), model.Predict(tf.Ones([2, 1000])).ToArray<float>()[..1000]);
    }

    [Fact]
    public void TrainingFlagReachesNestedLayersAsKerasCallContextDoes()
    {
        tf.random.SetSeed(1);
        var model = new WithDropout();
        var x = tf.Ones([1, 1000]);
        Assert.Equal(x.ToArray<float>(), model.Apply(x).ToArray<float>());
        Assert.Contains(0f, model.Apply(x, training: true).ToArray<float>());
        Assert.Equal(x.ToArray<float>(), model.Apply(x, training: false).ToArray<float>());
        // Through a Sequential as well.
        var outer = new Sequential([new WithDropout()]);
        Assert.Contains(0f, outer.Apply(x, training: true).ToArray<float>());
    }

    [Fact]
    public void LayersFlattenReshapeActivationEmbedding()
    {
        Assert.Equal(new Shape(2, 12), new Flatten().Apply(tf.Zeros([2, 3, 4])).Shape);
        Assert.Equal(new Shape(2, 3, 4), new Reshape([3, -1]).Apply(tf.Zeros([2, 12])).Shape);
        Assert.Throws<InvalidArgumentError>(() => new Reshape([5]).Apply(tf.Zeros([2, 12])));
        var act = new ActivationLayer("relu");
        Assert.Equal([0f, 2f], act.Apply(tf.Constant(new float[,] { { -1, 2 } })).ToArray<float>());
        Assert.Equal("Activation", act.ClassName);
        Assert.StartsWith("activation", act.Name);

        tf.random.SetSeed(8);
        var emb = new Embedding(10, 3);
        var e = emb.Apply(tf.Constant(new byte[,] { { 1, 2 }, { 1, 9 } }));
        Assert.Equal(new Shape(2, 2, 3), e.Shape);
        Assert.Equal(e.ToArray<float>()[..3], e.ToArray<float>()[6..9]); // index 1 twice
        Assert.All(emb.Embeddings!.ToArray<float>(), v => Assert.InRange(v, -0.05f, 0.05f));

        // An embedding model trains: each index learns its own target.
        var model = new Sequential([new Embedding(4, 2, inputShape: [1]), new Flatten(), new Dense(1)]);
        model.Compile(optimizer: new Adam(0.05), loss: "mse");
        var idx = tf.Constant(new int[,] { { 0 }, { 1 }, { 2 }, { 3 } });
        var target = tf.Constant(new float[,] { { -1 }, { 0 }, { 1 }, { 2 } });
        var h = model.Fit(idx, target, batchSize: 4, epochs: 150, verbose: 0);
        Assert.True(h["loss"][^1] < 0.01, $"{h["loss"][^1]}");
    }

    [Fact]
    public void SingleBatchMethods()
    {
        tf.random.SetSeed(3);
        var (x, y) = Linear(16, 6);
        var model = new Sequential([new Dense(1, inputShape: [3])]);
        model.Compile(optimizer: new SGD(0.1), loss: "mse", metrics: ["mae"]);
        var before = model.TestOnBatch(x, y)["loss"];
        model.ResetMetrics();
        var r = model.TrainOnBatch(x, y);
        Assert.Equal(["loss", "mae"], r.Keys);
        Check.Close(before, r["loss"], 1e-6); // the loss of the batch before the step
        model.ResetMetrics();
        Assert.True(model.TestOnBatch(x, y)["loss"] < before);
        Assert.Equal(model.Predict(x).ToArray<float>(), model.PredictOnBatch(x).ToArray<float>());
        Assert.Equal(1, model.Optimizer!.Iterations);
    }

    [Fact]
    public void FrozenLayersAreNotTrainedAndCountAsNonTrainable()
    {
        tf.random.SetSeed(6);
        var frozen = new Dense(4, inputShape: [3]) { Trainable = false };
        var model = new Sequential([frozen, new Dense(1)]);
        var before = frozen.Kernel!.ToArray<float>();
        model.Compile(optimizer: new SGD(0.1), loss: "mse");
        var (x, y) = Linear(16, 7);
        model.Fit(x, y, epochs: 2, verbose: 0);
        Assert.Equal(before, frozen.Kernel!.ToArray<float>());
        string text = "";
        model.Summary(76, s => text = s);
        Assert.Contains(" Trainable params: 5 (20.00 B)", text);
        Assert.Contains(" Non-trainable params: 16 (64.00 B)", text);
    }

    [Fact]
    public void PredictBatchesGiveTheSameAsOneCall()
    {
        tf.random.SetSeed(3);
        var model = new Sequential([new Dense(5, activation: "relu", inputShape: [3]), new Dense(2)]);
        var x = tf.random.Uniform([37, 3]);
        // Equal up to float rounding: the GEMM picks its register blocking by the number of rows, and a batch
        // of 8 rows and one of 37 sum their products in different groupings.
        var whole = model.Apply(x).ToArray<float>();
        var batched = model.Predict(x, batchSize: 8).ToArray<float>();
        Assert.Equal(whole.Length, batched.Length);
        for (int i = 0; i < whole.Length; i++) Assert.Equal(whole[i], batched[i], 1e-6f);
        Assert.Equal(new Shape(37, 2), model.Predict(new float[37, 3]).Shape);
    }
}
