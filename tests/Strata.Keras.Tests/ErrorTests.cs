using Strata.Keras.Layers;
using Strata.Keras.Losses;
using Strata.Keras.Metrics;
using Strata.Keras.Models;

namespace Strata.Keras.Tests;

/// <summary>Bad input gives errors that name the problem.</summary>
public class ErrorTests
{
    private static Sequential Classifier()
    {
        var model = new Sequential([new Dense(3, inputShape: [4])]);
        model.Compile(optimizer: "adam", loss: new SparseCategoricalCrossentropy(fromLogits: true), metrics: ["accuracy"]);
        return model;
    }

    [Fact]
    public void XAndYOfDifferentLengths()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => Classifier().Fit(tf.Zeros([10, 4]), tf.Zeros([9], DType.Int32), verbose: 0));
        Assert.Contains("different numbers of samples", e.Message);
        Assert.Contains("x has 10", e.Message);
        Assert.Contains("y has 9", e.Message);
    }

    [Fact]
    public void OneHotFloatLabelsForASparseLoss()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => Classifier().Fit(tf.Zeros([10, 4]), tf.Zeros([10, 3]), verbose: 0));
        Assert.Contains("SparseCategoricalCrossentropy", e.Message);
        Assert.Contains("one-hot", e.Message);
    }

    [Fact]
    public void LabelsOfTheWrongRank()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => Classifier().Fit(tf.Zeros([10, 4]), tf.Zeros([10, 2, 2], DType.Int32), verbose: 0));
        Assert.Contains("y has shape (10, 2, 2)", e.Message);
        Assert.Contains("expected class indices", e.Message);
    }

    [Fact]
    public void LabelsOutOfRange()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => Classifier().Fit(tf.Zeros([2, 4]), tf.Constant(new[] { 0, 7 }), verbose: 0));
        Assert.Contains("label 7", e.Message);
    }

    [Fact]
    public void UnknownNamesListTheKnownOnes()
    {
        var model = new Sequential([new Dense(3, inputShape: [4])]);
        Assert.Contains("Known: sgd, adam", Assert.Throws<InvalidArgumentError>(() => model.Compile(optimizer: "adamm", loss: "mse")).Message);
        Assert.Contains("Known: mse", Assert.Throws<InvalidArgumentError>(() => model.Compile(optimizer: "adam", loss: "mse_loss")).Message);
        Assert.Contains("Known: accuracy", Assert.Throws<InvalidArgumentError>(() => model.Compile(optimizer: "adam", loss: "mse", metrics: ["acuracy"])).Message);
        Assert.Throws<InvalidArgumentError>(() => model.Compile(optimizer: "adam"));
    }

    [Fact]
    public void FitBeforeCompile()
    {
        var model = new Sequential([new Dense(3, inputShape: [4])]);
        var e = Assert.Throws<FailedPreconditionError>(() => model.Fit(tf.Zeros([2, 4]), tf.Zeros([2, 3])));
        Assert.Contains("Compile()", e.Message);
        Assert.Throws<FailedPreconditionError>(() => model.Evaluate(tf.Zeros([2, 4]), tf.Zeros([2, 3])));
    }

    [Fact]
    public void WrongInputShapeForAFunctionalModel()
    {
        var input = keras.Input([4]);
        var model = new Model(input, new Dense(2).Apply(input));
        var e = Assert.Throws<InvalidArgumentError>(() => model.Predict(tf.Zeros([3, 5])));
        // Keras 3's message for the model's input spec.
        Assert.Equal($"Input 0 of layer \"{model.Name}\" is incompatible with the layer: expected shape=(None, 4), found shape=(3, 5)", e.Message);
        Assert.Throws<InvalidArgumentError>(() => new Model(tf.Zeros([1, 4]), tf.Zeros([1, 2])));
    }

    [Fact]
    public void BadArguments()
    {
        var model = Classifier();
        Assert.Throws<InvalidArgumentError>(() => model.Fit(tf.Zeros([4, 4]), tf.Zeros([4], DType.Int32), batchSize: 0, verbose: 0));
        Assert.Throws<InvalidArgumentError>(() => model.Fit(tf.Zeros([4, 4]), tf.Zeros([4], DType.Int32), validationSplit: 1, verbose: 0));
        Assert.Throws<InvalidArgumentError>(() => new Dropout(1));
        Assert.Throws<InvalidArgumentError>(() => new Sequential([new Dense(2), new InputLayer([3])]));
    }
}

public class MetricTests
{
    [Fact]
    public void AccuracyIsResolvedFromTheShapesAsKeras3Does()
    {
        Assert.IsType<SparseCategoricalAccuracy>(AutoAccuracy.Resolve([8], [8, 10], "accuracy"));
        Assert.IsType<SparseCategoricalAccuracy>(AutoAccuracy.Resolve([8, 1], [8, 10], "accuracy"));
        Assert.IsType<CategoricalAccuracy>(AutoAccuracy.Resolve([8, 10], [8, 10], "accuracy"));
        Assert.IsType<BinaryAccuracy>(AutoAccuracy.Resolve([8, 1], [8, 1], "accuracy"));
        Assert.Equal("acc", Metric.Get("acc").Name);
    }

    [Fact]
    public void AccuraciesAreAveragedOverSamplesAcrossBatches()
    {
        var m = new SparseCategoricalAccuracy();
        m.UpdateState(tf.Constant(new byte[] { 0, 1 }), tf.Constant(new float[,] { { 0.9f, 0.1f }, { 0.8f, 0.2f } }));
        Check.Close(0.5, m.Result());
        m.UpdateState(tf.Constant(new long[] { 1 }), tf.Constant(new float[,] { { 0.1f, 0.9f } }));
        Check.Close(2.0 / 3, m.Result());
        m.ResetState();
        Assert.Equal(0, m.Result());

        var c = new CategoricalAccuracy();
        c.UpdateState(tf.Constant(new float[,] { { 0, 1 }, { 1, 0 } }), tf.Constant(new float[,] { { 0.3f, 0.7f }, { 0.4f, 0.6f } }));
        Check.Close(0.5, c.Result());

        var b = new BinaryAccuracy();
        b.UpdateState(tf.Constant(new float[,] { { 1 }, { 0 }, { 1 }, { 0 } }), tf.Constant(new float[,] { { 0.7f }, { 0.2f }, { 0.4f }, { 0.6f } }));
        Check.Close(0.5, b.Result());
    }

    [Fact]
    public void PrecisionRecallMeanAndRegression()
    {
        var yTrue = tf.Constant(new float[] { 1, 1, 0, 0, 1 });
        var yPred = tf.Constant(new float[] { 0.9f, 0.2f, 0.7f, 0.1f, 0.6f });
        var p = new Precision();
        var r = new Recall();
        p.UpdateState(yTrue, yPred);
        r.UpdateState(yTrue, yPred);
        Check.Close(2.0 / 3, p.Result()); // TP 2, FP 1
        Check.Close(2.0 / 3, r.Result()); // TP 2, FN 1

        var mean = new Mean();
        mean.UpdateState(tf.Constant(new float[] { 1, 2, 3 }));
        mean.UpdateState(10, sampleWeight: 3);
        Check.Close((6 + 30) / 6.0, mean.Result());

        var mse = new Strata.Keras.Metrics.MeanSquaredError();
        mse.UpdateState(tf.Constant(new float[,] { { 0, 0 } }), tf.Constant(new float[,] { { 1, 3 } }));
        Check.Close(5, mse.Result());
    }
}

/// <summary>Null arguments to the Keras API name the call they were given to.</summary>
public class NullArgumentTests
{
    [Fact]
    public void NullArgumentsNameTheCall()
    {
        var model = new Strata.Keras.Models.Sequential([new Strata.Keras.Layers.Dense(1, inputShape: [2])]);
        model.Compile(new Strata.Keras.Optimizers.SGD(), new Strata.Keras.Losses.MeanSquaredError());
        Assert.StartsWith("Fit: argument 'x' is null.", Assert.Throws<ArgumentNullException>(() => model.Fit((Tensor)null!, tf.Zeros([1, 1]), verbose: 0)).Message);
        Assert.StartsWith("Sequential.Add: argument 'layer' is null.", Assert.Throws<ArgumentNullException>(() => model.Add(null!)).Message);
        Assert.StartsWith("mean_squared_error: argument 'yTrue' is null.",
            Assert.Throws<ArgumentNullException>(() => new Strata.Keras.Losses.MeanSquaredError().Call(null!, tf.Zeros([1]))).Message);
        Assert.StartsWith("SGD.ApplyGradients: argument 'grads' is null.",
            Assert.Throws<ArgumentNullException>(() => new Strata.Keras.Optimizers.SGD().ApplyGradients(null!, [])).Message);
    }
}
