using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

namespace Strata.Keras.Tests;

/// <summary>sampleWeight and classWeight in Fit and Evaluate, with Keras 3's semantics: each sample's loss is weighted
/// and "sum_over_batch_size" divides by the batch size, not by the sum of the weights.</summary>
public class SampleWeightTests
{
    private static Sequential Model(double lr = 0.1, string loss = "mse")
    {
        tf.random.SetSeed(5);
        var model = new Sequential([new Dense(1, inputShape: [2])]);
        model.Compile(optimizer: new SGD(lr), loss: loss);
        return model;
    }

    private static (Tensor x, Tensor y) Data()
    {
        var x = tf.Constant(new float[] { 1, 2, 0, 1, -1, 0.5f, 2, -1, 0.5f, 0.5f, -2, 1 }, shape: new Shape(6, 2));
        var y = tf.Constant(new float[] { 1, 0, 2, -1, 0.5f, 3 }, shape: new Shape(6, 1));
        return (x, y);
    }

    [Fact]
    public void EvaluateWeightsEachSampleAndDividesByTheBatchSize()
    {
        var model = Model();
        var (x, y) = Data();
        var w = tf.Constant(new float[] { 0, 1, 2, 0.5f, 3, 1 });
        var pred = model.Predict(x).ToArray<float>();
        var yv = y.ToArray<float>();
        var wv = w.ToArray<float>();
        double expected = Enumerable.Range(0, 6).Sum(i => wv[i] * Math.Pow(pred[i] - yv[i], 2)) / 6;
        Assert.Equal(expected, model.Evaluate(x, y, batchSize: 6, verbose: 0, sampleWeight: w)["loss"], 5);
        // In batches of 4 and 2: the tracker weighs each batch's mean by its size, so the total is the same.
        Assert.Equal(expected, model.Evaluate(x, y, batchSize: 4, verbose: 0, sampleWeight: w)["loss"], 5);
        // (N, 1) weights are the same weights.
        Assert.Equal(expected, model.Evaluate(x, y, batchSize: 4, verbose: 0, sampleWeight: tf.Reshape(w, [6, 1]))["loss"], 5);
        // Weights of one are no weights.
        Assert.Equal(model.Evaluate(x, y, verbose: 0)["loss"], model.Evaluate(x, y, verbose: 0, sampleWeight: tf.Ones([6]))["loss"], 6);
    }

    [Fact]
    public void FitWithWeightsOfTwoIsFitWithTwiceTheLearningRate()
    {
        var (x, y) = Data();
        var a = Model(lr: 0.05);
        var ha = a.Fit(x, y, batchSize: 3, epochs: 3, verbose: 0, shuffle: false, sampleWeight: tf.Fill([6], tf.Constant(2f)));
        var b = Model(lr: 0.1);
        var hb = b.Fit(x, y, batchSize: 3, epochs: 3, verbose: 0, shuffle: false);
        var wa = a.GetWeights().SelectMany(t => t.ToArray<float>()).ToArray();
        var wb = b.GetWeights().SelectMany(t => t.ToArray<float>()).ToArray();
        for (int i = 0; i < wa.Length; i++) Assert.Equal(wb[i], wa[i], 5);
        // The weighted loss is twice the unweighted one (the same weights at each step).
        for (int e = 0; e < 3; e++) Assert.Equal(2 * hb.history["loss"][e], ha.history["loss"][e], 4);
    }

    [Fact]
    public void ValidationSplitKeepsTheValidationSamplesWeights()
    {
        var (x, y) = Data();
        var w = tf.Constant(new float[] { 1, 1, 1, 1, 3, 0.5f });
        var model = Model(lr: 0);   // no training: val_loss is the weighted loss of the last two samples
        var h = model.Fit(x, y, batchSize: 6, epochs: 1, verbose: 0, shuffle: false, validationSplit: 1.0 / 3, sampleWeight: w);
        var last = new[] { 4, 5 };
        var expected = model.Evaluate(tf.Gather(x, tf.Constant(last)), tf.Gather(y, tf.Constant(last)), verbose: 0,
            sampleWeight: tf.Constant(new float[] { 3, 0.5f }))["loss"];
        Assert.Equal(expected, h.history["val_loss"][0], 6);
        // Class weights weight the training samples only.
        var hc = Model(lr: 0).Fit(x, tf.Constant(new float[] { 0, 1, 0, 1, 1, 0 }, shape: new Shape(6, 1)), batchSize: 6, epochs: 1, verbose: 0,
            shuffle: false, validationSplit: 1.0 / 3, classWeight: new Dictionary<int, double> { [0] = 10, [1] = 10 });
        var unweighted = Model(lr: 0).Fit(x, tf.Constant(new float[] { 0, 1, 0, 1, 1, 0 }, shape: new Shape(6, 1)), batchSize: 6, epochs: 1,
            verbose: 0, shuffle: false, validationSplit: 1.0 / 3);
        Assert.Equal(unweighted.history["val_loss"][0], hc.history["val_loss"][0], 6);
        Assert.Equal(10 * unweighted.history["loss"][0], hc.history["loss"][0], 4);
    }

    [Fact]
    public void ZeroWeightsTakeSamplesOutOfTraining()
    {
        var (x, y) = Data();
        var keep = new[] { 0, 2, 4 };
        var a = Model();
        a.Fit(x, y, batchSize: 6, epochs: 2, verbose: 0, shuffle: false, sampleWeight: tf.Constant(new float[] { 2, 0, 2, 0, 2, 0 }));
        var b = Model();
        b.Fit(tf.Gather(x, tf.Constant(keep)), tf.Gather(y, tf.Constant(keep)), batchSize: 3, epochs: 2, verbose: 0, shuffle: false);
        // 2 · (sum over 3 kept) / 6 = the mean over the 3 kept: the same steps.
        var wa = a.GetWeights().SelectMany(t => t.ToArray<float>()).ToArray();
        var wb = b.GetWeights().SelectMany(t => t.ToArray<float>()).ToArray();
        for (int i = 0; i < wa.Length; i++) Assert.Equal(wb[i], wa[i], 5);
    }

    [Fact]
    public void ClassWeightIsTheSampleWeightOfEachSamplesClass()
    {
        var x = tf.Constant(new float[] { 1, 2, 0, 1, -1, 0.5f, 2, -1 }, shape: new Shape(4, 2));
        var sparse = tf.Constant(new[] { 0, 2, 1, 2 });
        var weights = new Dictionary<int, double> { [0] = 0.5, [2] = 3 }; // class 1 unnamed: weight 1
        var asSamples = tf.Constant(new float[] { 0.5f, 3, 1, 3 });

        Sequential Classifier()
        {
            tf.random.SetSeed(9);
            var m = new Sequential([new Dense(3, inputShape: [2])]);
            m.Compile(optimizer: new SGD(0.1), loss: new Strata.Keras.Losses.SparseCategoricalCrossentropy(fromLogits: true));
            return m;
        }

        var a = Classifier().Fit(x, sparse, batchSize: 2, epochs: 2, verbose: 0, shuffle: false, classWeight: weights);
        var b = Classifier().Fit(x, sparse, batchSize: 2, epochs: 2, verbose: 0, shuffle: false, sampleWeight: asSamples);
        Assert.Equal(b.history["loss"], a.history["loss"]);

        // One-hot labels pick the class by argmax.
        tf.random.SetSeed(9);
        var c = new Sequential([new Dense(3, inputShape: [2])]);
        c.Compile(optimizer: new SGD(0.1), loss: new Strata.Keras.Losses.CategoricalCrossentropy(fromLogits: true));
        var h = c.Fit(x, tf.OneHot(sparse, 3), batchSize: 2, epochs: 2, verbose: 0, shuffle: false, classWeight: weights);
        for (int e = 0; e < 2; e++) Assert.Equal(b.history["loss"][e], h.history["loss"][e], 5);
    }

    [Fact]
    public void BadWeightsAreRefusedWithTheirShapes()
    {
        var (x, y) = Data();
        var model = Model();
        var e = Assert.Throws<InvalidArgumentError>(() => model.Fit(x, y, verbose: 0, sampleWeight: tf.Ones([5])));
        Assert.Contains("Fit: sampleWeight must have one weight per sample, shape (6,) or (6, 1), got (5,)", e.Message);
        Assert.Throws<InvalidArgumentError>(() => model.Evaluate(x, y, verbose: 0, sampleWeight: tf.Ones([6, 2])));
        var both = Assert.Throws<InvalidArgumentError>(() => model.Fit(x, y, verbose: 0, sampleWeight: tf.Ones([6]), classWeight: new Dictionary<int, double> { [0] = 1 }));
        Assert.Contains("classWeight and sampleWeight", both.Message);
        var cls = Assert.Throws<InvalidArgumentError>(() => model.Fit(x, tf.Constant(new float[] { 0, 1, 2, 3, 0, 1 }, shape: new Shape(6, 1)), verbose: 0,
            classWeight: new Dictionary<int, double> { [0] = 1, [1] = 2 }));
        Assert.Contains("class 2", cls.Message);
    }
}

/// <summary>Datasets of (x, y, sample_weight) batches weigh their samples as Fit's sampleWeight does.</summary>
public class DatasetSampleWeightTests
{
    [Fact]
    public void ADatasetsThirdElementIsItsSampleWeights()
    {
        var x = tf.Constant(new float[] { 1, 2, 0, 1, -1, 0.5f, 2, -1, 0.5f, 0.5f, -2, 1 }, shape: new Shape(6, 2));
        var y = tf.Constant(new float[] { 1, 0, 2, -1, 0.5f, 3 }, shape: new Shape(6, 1));
        var w = tf.Constant(new float[] { 0, 1, 2, 0.5f, 3, 1 });
        Sequential Make()
        {
            tf.random.SetSeed(5);
            var m = new Sequential([new Dense(1, inputShape: [2])]);
            m.Compile(optimizer: new SGD(0.05), loss: "mse");
            return m;
        }
        var a = Make();
        var ha = a.Fit(x, y, batchSize: 4, epochs: 2, verbose: 0, shuffle: false, sampleWeight: w);
        var b = Make();
        var hb = b.Fit(tf.data.Dataset.FromTensorSlices((x, y, w)).Batch(4), epochs: 2, verbose: 0);
        Assert.Equal(ha.history["loss"], hb.history["loss"]);
        Assert.Equal(a.Evaluate(x, y, batchSize: 4, verbose: 0, sampleWeight: w)["loss"],
            b.Evaluate(tf.data.Dataset.FromTensorSlices((x, y, w)).Batch(4), verbose: 0)["loss"]);
    }
}
