using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

// Not ".Normalization": a namespace of that name would hide the Normalization layer from the tests around it.
namespace Strata.Keras.Tests.NormalizationLayers;

public class BatchNormalizationTests
{
    private static Tensor F32(double[] v, params int[] shape) => tf.Cast(tf.Constant(v, dtype: DType.Float64, shape: new Shape(shape)), DType.Float32);

    private static double[] Column(double[] x, int c, int j) => Enumerable.Range(0, x.Length / c).Select(r => x[r * c + j]).ToArray();
    private static double Mean(double[] v) => v.Sum() / v.Length;
    private static double BiasedVar(double[] v) { double m = Mean(v); return v.Sum(a => (a - m) * (a - m)) / v.Length; }

    [Fact]
    public void WeightsInKerasOrderAndSummaryCounts()
    {
        var bn = new BatchNormalization(inputShape: [32]);
        var model = new Sequential([bn], name: "bn_model");
        Assert.Equal(["gamma", "beta", "moving_mean", "moving_variance"], bn.Weights.Select(w => w.Name.Split('/')[^1]));
        Assert.Equal(2, bn.TrainableWeights.Count);
        Assert.Equal(2, bn.NonTrainableWeights.Count);
        Assert.Equal(128, bn.CountParams());
        string text = "";
        model.Summary(76, s => text = s);
        // Keras 3: BatchNormalization of 32 channels has 128 params, 64 of them non-trainable.
        Assert.EndsWith(
            " Total params: 128 (512.00 B)\n" +
            " Trainable params: 64 (256.00 B)\n" +
            " Non-trainable params: 64 (256.00 B)\n", text);
        Assert.Contains("batch_normalization", text);
        Check.Close(Enumerable.Repeat(1.0, 32).ToArray(), Check.Values(bn.Gamma!));
        Check.Close(new double[32], Check.Values(bn.Beta!));
        Check.Close(new double[32], Check.Values(bn.MovingMean!));
        Check.Close(Enumerable.Repeat(1.0, 32).ToArray(), Check.Values(bn.MovingVariance!));
    }

    [Fact]
    public void TrainingCallNormalizesWithTheBatchAndUpdatesMovingStatistics()
    {
        double[] xs = [1, 10, 2, 30, 6, 20, 3, -4];
        var bn = new BatchNormalization(momentum: 0.9);
        bn.Apply(F32(xs, 4, 2)); // builds (inference: nothing updated)
        Check.Close([0, 0], Check.Values(bn.MovingMean!));
        bn.SetWeights([F32([2, 0.5], 2), F32([1, -1], 2), bn.MovingMean!, bn.MovingVariance!]);
        var y = Check.Values(bn.Apply(F32(xs, 4, 2), training: true));
        for (int j = 0; j < 2; j++)
        {
            var col = Column(xs, 2, j);
            double m = Mean(col), v = BiasedVar(col), g = j == 0 ? 2 : 0.5, b = j == 0 ? 1 : -1;
            for (int r = 0; r < 4; r++) Check.Close((col[r] - m) / Math.Sqrt(v + 1e-3) * g + b, y[r * 2 + j], 1e-5);
        }
        // Keras 3: moving = moving · momentum + batch · (1 - momentum), with the biased batch variance.
        double[] mm = [0.1 * Mean(Column(xs, 2, 0)), 0.1 * Mean(Column(xs, 2, 1))];
        double[] mv = [0.9 + 0.1 * BiasedVar(Column(xs, 2, 0)), 0.9 + 0.1 * BiasedVar(Column(xs, 2, 1))];
        Check.Close(mm, Check.Values(bn.MovingMean!), 1e-6);
        Check.Close(mv, Check.Values(bn.MovingVariance!), 1e-6);
    }

    [Fact]
    public void InferenceUsesTheMovingStatistics()
    {
        var bn = new BatchNormalization(epsilon: 0.01);
        bn.Build(new Shape(-1, 2));
        bn.SetWeights([F32([2, 1], 2), F32([0.5, 0], 2), F32([1, -2], 2), F32([4, 0.25], 2)]);
        double[] xs = [3, 0, -1, -2];
        var y = Check.Values(bn.Apply(F32(xs, 2, 2)));
        Check.Close([(3 - 1) / Math.Sqrt(4.01) * 2 + 0.5, (0 + 2) / Math.Sqrt(0.26), (-1 - 1) / Math.Sqrt(4.01) * 2 + 0.5, 0], y, 1e-5);
        Check.Close(y, Check.Values(bn.Apply(F32(xs, 2, 2), training: false)));
        Check.Close([1, -2], Check.Values(bn.MovingMean!)); // untouched
    }

    [Fact]
    public void MovingStatisticsAfterFitMatchAHandComputation()
    {
        // BN first: its input is the data itself, so each step's batch statistics are known in advance
        // (shuffle off, batch 2: batches are rows 0-1, 2-3, 4-5).
        double[] xs = [1, 2, 3, 5, -1, 4, 0, 0, 2, 7, 9, -3];
        var bn = new BatchNormalization(momentum: 0.8, inputShape: [2]);
        var model = new Sequential([bn, new Dense(1)]);
        model.Compile(optimizer: new SGD(0.01), loss: "mse");
        model.Fit(F32(xs, 6, 2), tf.Ones([6, 1]), batchSize: 2, epochs: 1, shuffle: false, verbose: 0);
        double[] mm = [0, 0], mv = [1, 1];
        for (int step = 0; step < 3; step++)
            for (int j = 0; j < 2; j++)
            {
                double[] batch = [xs[step * 4 + j], xs[step * 4 + 2 + j]];
                mm[j] = mm[j] * 0.8 + Mean(batch) * 0.2;
                mv[j] = mv[j] * 0.8 + BiasedVar(batch) * 0.2;
            }
        Check.Close(mm, Check.Values(bn.MovingMean!), 1e-6);
        Check.Close(mv, Check.Values(bn.MovingVariance!), 1e-6);
        // Fit trained gamma and beta (they moved from ones and zeros); evaluation does not move the statistics.
        Assert.NotEqual([1f, 1f], bn.Gamma!.ToArray<float>());
        model.Evaluate(F32(xs, 6, 2), tf.Ones([6, 1]), verbose: 0);
        Check.Close(mm, Check.Values(bn.MovingMean!), 1e-6);
    }

    [Fact]
    public void FrozenLayerStaysBitIdenticalInFitAndUsesMovingStatistics()
    {
        tf.random.SetSeed(5);
        var x = tf.random.Normal([16, 3], seed: 2) * 3 + 1;
        var y = tf.ReduceSum(x, 1, keepDims: true);
        var bn = new BatchNormalization();
        var model = new Sequential([new Dense(3, inputShape: [3]), bn, new Dense(1)]);
        model.Compile(optimizer: new Adam(0.01), loss: "mse");
        model.Fit(x, y, batchSize: 4, epochs: 1, verbose: 0); // trains BN: its statistics move
        bn.Trainable = false;
        model.Compile(optimizer: new Adam(0.01), loss: "mse");
        var before = bn.Weights.Select(w => w.ToArray<float>()).ToArray();
        Assert.Equal(4, bn.NonTrainableWeights.Count);
        Assert.Empty(bn.TrainableWeights);
        var history = model.Fit(x, y, batchSize: 4, epochs: 2, verbose: 0);
        var after = bn.Weights.Select(w => w.ToArray<float>()).ToArray();
        for (int i = 0; i < 4; i++) Assert.Equal(before[i], after[i]); // bit for bit: gamma, beta and the moving statistics
        Assert.True(history["loss"].All(double.IsFinite));
        // In training mode a frozen layer computes what it computes in inference.
        var probe = tf.random.Normal([4, 3], seed: 3);
        Assert.Equal(bn.Apply(probe, training: false).ToArray<float>(), bn.Apply(probe, training: true).ToArray<float>());
    }

    [Fact]
    public void TrainingConvergesOnBadlyScaledInputs()
    {
        // Features with offsets of hundreds and scales from 0.01 to 100: after BN, a Dense layer fits a linear target.
        tf.random.SetSeed(7);
        var raw = tf.random.Normal([64, 3], seed: 4);
        var x = raw * tf.Constant(new float[] { 100, 1, 0.01f }) + tf.Constant(new float[] { 500, -50, 3 });
        var y = tf.ReduceSum(raw, 1, keepDims: true);
        var model = new Sequential([new BatchNormalization(inputShape: [3]), new Dense(1)]);
        model.Compile(optimizer: new Adam(0.05), loss: "mse");
        var loss = model.Fit(x, y, batchSize: 16, epochs: 20, verbose: 0)["loss"];
        Assert.True(loss[^1] < 0.1 * loss[0], $"loss went from {loss[0]} to {loss[^1]}");
    }

    [Fact]
    public void NonLastAxisAndNoScaleOrCenter()
    {
        // (batch, channels, width) normalized over axis 1.
        var rng = new System.Random(1);
        var xs = Enumerable.Range(0, 2 * 3 * 4).Select(_ => rng.NextDouble() * 4 - 1).ToArray();
        var bn = new BatchNormalization(axis: 1, momentum: 0.5, center: false, scale: false);
        var y = Check.Values(bn.Apply(F32(xs, 2, 3, 4), training: true));
        Assert.Equal(["moving_mean", "moving_variance"], bn.Weights.Select(w => w.Name.Split('/')[^1]));
        for (int c = 0; c < 3; c++)
        {
            var vals = new List<double>();
            for (int b = 0; b < 2; b++) for (int w = 0; w < 4; w++) vals.Add(xs[(b * 3 + c) * 4 + w]);
            double m = Mean([.. vals]), v = BiasedVar([.. vals]);
            for (int b = 0; b < 2; b++) for (int w = 0; w < 4; w++)
                Check.Close((xs[(b * 3 + c) * 4 + w] - m) / Math.Sqrt(v + 1e-3), y[(b * 3 + c) * 4 + w], 1e-5);
            Check.Close(0.5 * m, Check.Values(bn.MovingMean!)[c], 1e-6);
            Check.Close(0.5 + 0.5 * v, Check.Values(bn.MovingVariance!)[c], 1e-6);
        }
        // Inference along that axis: with the moving statistics.
        var inf = Check.Values(bn.Apply(F32(xs, 2, 3, 4)));
        var mm = Check.Values(bn.MovingMean!);
        var mv = Check.Values(bn.MovingVariance!);
        for (int i = 0; i < xs.Length; i++)
        {
            int c = i / 4 % 3;
            Check.Close((xs[i] - mm[c]) / Math.Sqrt(mv[c] + 1e-3), inf[i], 1e-5);
        }
    }

    [Fact]
    public void BadInputsAndArguments()
    {
        Assert.Throws<InvalidArgumentError>(() => new BatchNormalization(momentum: 1.5));
        Assert.Throws<InvalidArgumentError>(() => new BatchNormalization(epsilon: -1));
        Assert.Contains("invalid axis 3", Assert.Throws<InvalidArgumentError>(() => new BatchNormalization(axis: 3).Apply(tf.Zeros([2, 3]))).Message);
        Assert.Contains("should have a defined dimension",
            Assert.Throws<InvalidArgumentError>(() => new BatchNormalization().Apply(keras.Input([-1]))).Message);
        var bn = new BatchNormalization();
        bn.Apply(tf.Zeros([2, 3]));
        Assert.Contains("expected axis 1 of input shape to have value 3", Assert.Throws<InvalidArgumentError>(() => bn.Apply(tf.Zeros([2, 4]))).Message);
        Assert.Contains("expected ndim=2", Assert.Throws<InvalidArgumentError>(() => bn.Call(tf.Zeros([2, 1, 3]), true)).Message);
        Assert.Throws<ArgumentNullException>(() => bn.Call((Tensor)null!, true));
        // Integer inputs are normalized in the weights' dtype.
        Assert.Equal(DType.Float32, bn.Apply(tf.Zeros([2, 3], DType.Int32)).DType);
    }
}

public class FrozenModelTests
{
    [Fact]
    public void ASymbolicCallInTrainingModeLeavesTheStatisticsAlone()
    {
        // Keras's `BatchNormalization()(x, training=True)` on a keras.Input: building the graph runs the layer on
        // zeros, which must not count as a batch; the model then trains on real batches.
        var input = keras.Input([2]);
        var bn = new BatchNormalization(momentum: 0.5);
        var model = new Model(input, new Dense(1).Apply(bn.Apply(input, training: true)));
        Assert.Equal([0f, 0f], bn.MovingMean!.ToArray<float>());
        Assert.Equal([1f, 1f], bn.MovingVariance!.ToArray<float>());
        model.Compile(optimizer: new SGD(0.01), loss: "mse");
        var x = tf.Constant(new float[,] { { 1, 2 }, { 3, 6 } });
        model.Fit(x, tf.Ones([2, 1]), batchSize: 2, epochs: 1, shuffle: false, verbose: 0);
        Check.Close([1, 2], Check.Values(bn.MovingMean!), 1e-6); // 0.5 · 0 + 0.5 · (2, 4)
        Check.Close([1, 2.5], Check.Values(bn.MovingVariance!), 1e-6); // 0.5 · 1 + 0.5 · (1, 4)
    }

    [Fact]
    public void FreezingAModelFreezesItsBatchNormalization()
    {
        // Keras 3's fine-tuning recipe: base.trainable = False sets it on every layer inside, so the base's
        // BatchNormalization runs in inference mode during Fit and its statistics stay as they were.
        tf.random.SetSeed(9);
        var bn = new BatchNormalization();
        var inner = new Sequential([new Dense(3, inputShape: [2]), bn]);
        var model = new Sequential([inner, new Dense(1)]);
        var x = tf.random.Normal([8, 2], seed: 1) * 4 + 2;
        var y = tf.ReduceSum(x, 1, keepDims: true);
        model.Compile(optimizer: new SGD(0.01), loss: "mse");
        model.Fit(x, y, batchSize: 4, epochs: 1, verbose: 0);
        var moved = bn.MovingMean!.ToArray<float>();
        Assert.NotEqual(new float[3], moved); // trained once: the statistics moved
        inner.Trainable = false;
        Assert.False(bn.Trainable);
        Assert.False(inner.Layers[0].Trainable);
        model.Compile(optimizer: new SGD(0.01), loss: "mse");
        model.Fit(x, y, batchSize: 4, epochs: 2, verbose: 0);
        Assert.Equal(moved, bn.MovingMean!.ToArray<float>());
        inner.Trainable = true; // and back, for every layer
        Assert.True(bn.Trainable);
    }
}
