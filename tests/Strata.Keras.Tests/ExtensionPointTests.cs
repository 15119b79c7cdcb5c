using Strata.Keras.Constraints;
using Strata.Keras.Layers;
using Strata.Keras.Losses;
using Strata.Keras.Metrics;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;
using Strata.Keras.Regularizers;

namespace Strata.Keras.Tests;

/// <summary>Keras's extension points: overridable train/test/predict steps, AddLoss, regularizers, constraints and
/// the Lambda layer. Expected numbers are worked out by hand from the definitions.</summary>
public class ExtensionPointTests
{
    private static Tensor F(float[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));

    [Fact]
    public void RegularizersByDefinition()
    {
        var w = F([1, -2, 3, -4], 2, 2);
        Check.Close(0.01 * 10, Check.Values(new L1().Call(w))[0]);
        Check.Close(0.01 * 30, Check.Values(new L2().Call(w))[0]);
        Check.Close(0.5 * 10 + 0.1 * 30, Check.Values(new L1L2(0.5, 0.1).Call(w))[0]);
        Check.Close(0.01 * 10 + 0.01 * 30, Check.Values(Regularizer.Get("l1_l2").Call(w))[0]);
        // Rows (1, 0) and (1, 1)/√2: one pair; the product matrix holds its |dot| = 1/√2 twice (above and below the
        // diagonal), as Keras sums it: factor · ½ · (2/√2) / 1 pair.
        Check.Close(0.2 * 0.5 * (2 / Math.Sqrt(2)), Check.Values(new OrthogonalRegularizer(0.2).Call(F([1, 0, 1, 1], 2, 2)))[0], 1e-6);
        // Columns (1, 1) and (0, 1): |dot| of unit columns = 1/√2 again.
        Check.Close(0.2 * 0.5 * (2 / Math.Sqrt(2)), Check.Values(new OrthogonalRegularizer(0.2, "columns").Call(F([1, 0, 1, 1], 2, 2)))[0], 1e-6);
        Assert.Throws<InvalidArgumentError>(() => new L2(-1));
        Assert.Throws<InvalidArgumentError>(() => new OrthogonalRegularizer(mode: "diagonal"));
        Assert.Throws<InvalidArgumentError>(() => new OrthogonalRegularizer().Call(F([1, 2], 2)));
        Assert.Throws<InvalidArgumentError>(() => Regularizer.Get("l3"));
    }

    [Fact]
    public void KernelRegularizerAddsToTheLossAndItsGradient()
    {
        var dense = new Dense(1, kernelInitializer: new Strata.Keras.Initializers.Ones(), kernelRegularizer: new L2(0.5), inputShape: [2]);
        var model = new Sequential([dense]);
        model.Compile(optimizer: new SGD(learningRate: 0.1), loss: "mse");
        var x = F([1, 1], 1, 2);
        var y = F([2], 1, 1);                                 // prediction 1 + 1 = 2: the mse is 0
        var logs = model.TrainOnBatch(x, y);
        Check.Close(0.5 * 2, logs["loss"]);                   // only the penalty 0.5 · (1² + 1²)
        // Its gradient 2 · 0.5 · w = 1 per weight: w = 1 - 0.1 · 1
        Check.Close([0.9, 0.9], Check.Values(dense.Kernel!));
        Assert.Single(model.Losses);
        var e = model.Evaluate(x, y, verbose: 0);
        // Now the prediction is 1.8 (the bias had no gradient): mse 0.04, plus the penalty 0.5 · 2 · 0.81.
        Check.Close(0.04 + 0.5 * 2 * 0.81, e["loss"], 1e-5);
    }

    [Fact]
    public void ActivityRegularizerPenalisesTheOutput()
    {
        var dense = new Dense(1, kernelInitializer: new Strata.Keras.Initializers.Ones(), useBias: false, activityRegularizer: new L1(0.1), inputShape: [2]);
        var y = dense.Apply(F([1, 2, 3, 4], 2, 2));           // outputs 3 and 7
        var losses = dense.Losses;
        Assert.Single(losses);
        Check.Close(0.1 * 10, Check.Values(losses[0])[0]);
        dense.Apply(F([1, 1], 1, 2));                         // a new outermost call replaces it
        Check.Close(0.1 * 2, Check.Values(dense.Losses[0])[0]);
    }

    private sealed class PenalisedIdentity : Layer
    {
        public override Tensor Call(Tensor inputs)
        {
            AddLoss(tf.ReduceSum(tf.Square(inputs)) * 0.25);
            return inputs;
        }
    }

    [Fact]
    public void AddLossInCallIsFittedAndClearedPerCall()
    {
        var penalty = new PenalisedIdentity();
        var model = new Sequential([new Dense(1, kernelInitializer: new Strata.Keras.Initializers.Zeros(), inputShape: [1]), penalty]);
        model.Compile(optimizer: new SGD(learningRate: 0.0), loss: "mse");
        var x = F([1, 2], 2, 1);
        var y = F([0, 0], 2, 1);
        model.Apply(x);
        Assert.Single(model.Losses);
        model.Apply(x);
        Assert.Single(model.Losses);                          // not two: each outermost call starts afresh
        // The bias is 0 and the kernel 0: outputs 0, mse 0, penalty 0. Give the bias 1: outputs 1, mse 1, penalty 0.25·2.
        ((Dense)model.Layers[0]).Bias!.Assign(F([1], 1));
        Check.Close(1 + 0.5, model.Evaluate(x, y, verbose: 0)["loss"], 1e-6);
    }

    private sealed class ActivationTracker : Layer
    {
        public override Tensor Call(Tensor inputs)
        {
            AddMetric(tf.ReduceMean(inputs), "mean_activation");
            return inputs;
        }
    }

    [Fact]
    public void AddMetricInCallIsLoggedAndResetPerEpoch()
    {
        var model = new Sequential([new Dense(1, kernelInitializer: new Strata.Keras.Initializers.Ones(), inputShape: [1]), new ActivationTracker()]);
        model.Compile(optimizer: new SGD(learningRate: 0.0), loss: "mse", metrics: ["mae"]);
        var x = F([1, 2, 3, 6], 4, 1);
        var y = F([0, 0, 0, 0], 4, 1);
        // Outputs = x (kernel 1, bias 0): batches (1, 2) and (3, 6) have means 1.5 and 4.5; the epoch's mean is 3.
        var h = model.Fit(x, y, batchSize: 2, epochs: 2, verbose: 0, shuffle: false);
        Assert.Equal([3.0, 3.0], h.history["mean_activation"]);   // reset at each epoch: not 3 then 3 over 4 batches
        var logs = model.Evaluate(x, y, batchSize: 4, verbose: 0);
        Check.Close(3, logs["mean_activation"]);
        Assert.Equal(["loss", "mae", "mean_activation"], logs.Keys);
    }

    private sealed class BadMetricLayer(string? name, string aggregation) : Layer
    {
        public override Tensor Call(Tensor inputs)
        {
            AddMetric(inputs, name!, aggregation);
            return inputs;
        }
    }

    [Fact]
    public void AddMetricNeedsANameAndTheMeanAggregation()
    {
        var x = F([1, 2], 2, 1);
        Assert.Contains("please provide a name", Assert.Throws<InvalidArgumentError>(() => new BadMetricLayer(null, "mean").Apply(x)).Message);
        Assert.Contains("only `mean`", Assert.Throws<InvalidArgumentError>(() => new BadMetricLayer("m", "sum").Apply(x)).Message);
        var clash = new Sequential([new Dense(1, inputShape: [1]), new BadMetricLayer("mae", "mean")]);
        clash.Compile(loss: "mse", metrics: ["mae"]);
        Assert.Contains("'mae' is already", Assert.Throws<InvalidArgumentError>(() => clash.Evaluate(x, x, verbose: 0)).Message);
    }

    [Fact]
    public void ConstraintsProjectAfterEachUpdate()
    {
        var w = F([3, 4, -1, 0], 2, 2);                        // columns (3, -1) and (4, 0)
        var maxNorm = Check.Values(new MaxNorm(2).Call(w));
        Check.Close([3 * 2 / Math.Sqrt(10), 2, -2 / Math.Sqrt(10), 0], maxNorm, 1e-5);
        Check.Close([3 / Math.Sqrt(10), 1, -1 / Math.Sqrt(10), 0], Check.Values(new UnitNorm().Call(w)), 1e-5);
        Check.Close([3, 4, 0, 0], Check.Values(new NonNeg().Call(w)));
        // min_max_norm with rate 0.5: norms √10 and 4 move half way to 1 (the max): (√10 + 1)/2 and 2.5.
        var mm = Check.Values(new MinMaxNorm(0, 1, rate: 0.5).Call(w));
        Check.Close(3 * ((Math.Sqrt(10) + 1) / 2) / Math.Sqrt(10), mm[0], 1e-5);
        Check.Close(4 * 2.5 / 4, mm[1], 1e-5);
        Assert.Throws<InvalidArgumentError>(() => Constraint.Get("positive"));

        var dense = new Dense(2, kernelConstraint: "non_neg", inputShape: [2]);
        var model = new Sequential([dense]);
        model.Compile(optimizer: new SGD(learningRate: 1.0), loss: "mse");
        model.Fit(F([1, 2, 3, 4], 2, 2), F([-5, -5, -5, -5], 2, 2), epochs: 3, verbose: 0);
        Assert.All(Check.Values(dense.Kernel!), v => Assert.True(v >= 0, $"kernel value {v} < 0 after a non_neg constraint"));
    }

    [Fact]
    public void LambdaLayerWrapsAFunction()
    {
        var model = new Sequential([new Lambda(x => x * 2f, inputShape: [3]), new Dense(1)]);
        Assert.Equal(new Shape(2, 1), model.Apply(tf.Ones([2, 3])).Shape);
        Check.Close([6, 8], Check.Values(new Lambda(tf.Square).Apply(F(new float[] { 6, 8 }.Select(MathF.Sqrt).ToArray(), 2))), 1e-5);
        Assert.Throws<InvalidArgumentError>(() => new Lambda(_ => null!).Apply(tf.Ones([1])));
    }

    /// <summary>A custom train step (Keras's "customizing fit" guide): a tape, ComputeLoss, the compiled optimizer,
    /// the metrics; and one that counts its calls.</summary>
    private sealed class CountingModel(Layer layer) : Sequential([layer])
    {
        public int TrainSteps, TestSteps;

        public override Dictionary<string, double> TrainStep(StepData data)
        {
            TrainSteps++;
            var (x, y) = data;
            Tensor loss, yPred;
            Tensor?[] grads;
            using (var tape = new GradientTape())
            {
                yPred = Apply(x, training: true);
                loss = ComputeLoss(y, yPred);
                grads = tape.Gradient(loss, TrainableWeights);
            }
            Optimizer!.ApplyGradients(grads, TrainableWeights);
            var logs = ComputeMetrics(y, yPred, loss);
            logs["steps"] = TrainSteps;
            return logs;
        }

        public override Dictionary<string, double> TestStep(StepData data)
        {
            TestSteps++;
            return base.TestStep(data);
        }
    }

    [Fact]
    public void OverriddenTrainStepDrivesFitWithTheSameResultAsTheDefault()
    {
        var (reference, x, y) = TinyRegression.Make(32, 0.1, globalSeed: 4, dataSeed: 5);
        var expected = reference.Fit(x, y, batchSize: 8, epochs: 2, verbose: 0, shuffle: false);

        tf.random.SetSeed(4);
        var custom = new CountingModel(new Dense(1, inputShape: [2]));
        custom.Compile(optimizer: new SGD(0.1), loss: "mse", metrics: ["mae"]);
        var history = custom.Fit(x, y, batchSize: 8, epochs: 2, verbose: 0, shuffle: false, validationData: (x, y));
        Assert.Equal(8, custom.TrainSteps);
        Assert.Equal(2 * 4, custom.TestSteps);                 // validation runs through the test step
        Assert.Equal(expected.history["loss"], history.history["loss"]);
        Assert.Equal(reference.Weights[0].ToArray<float>(), custom.Weights[0].ToArray<float>());
        Assert.Equal(8, history.history["steps"][^1]);           // a value the custom step added reaches the logs
        Assert.Equal("loss", custom.Metrics[0].Name);
        Assert.IsType<Mean>(custom.Metrics[0]);
    }
}
