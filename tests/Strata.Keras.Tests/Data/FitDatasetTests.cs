namespace Strata.Keras.Tests.Data;

/// <summary>Fit, Evaluate and Predict on tf.data pipelines: the same batches as in-memory tensors give the same
/// numbers, bit for bit.</summary>
public class FitDatasetTests
{
    [Fact]
    public void FitOnADatasetEqualsFitOnTensorsWithTheSameBatches()
    {
        var (a, x, y) = TinyRegression.Make(40, 0.1, globalSeed: 5, dataSeed: 6);
        var tensorHistory = a.Fit(x, y, batchSize: 8, epochs: 3, verbose: 0, shuffle: false);
        var (b, x2, y2) = TinyRegression.Make(40, 0.1, globalSeed: 5, dataSeed: 6);
        var ds = tf.data.Dataset.FromTensorSlices((x2, y2)).Batch(8);
        var datasetHistory = b.Fit(ds, epochs: 3, verbose: 0);
        Assert.Equal(tensorHistory.history["loss"], datasetHistory.history["loss"]);
        Assert.Equal(a.Weights[0].ToArray<float>(), b.Weights[0].ToArray<float>());
        Assert.Equal(a.Evaluate(x, y, batchSize: 8, verbose: 0), b.Evaluate(ds, verbose: 0));
        Assert.Equal(a.Predict(x).ToArray<float>(), b.Predict(tf.data.Dataset.FromTensorSlices(x2).Batch(16)).ToArray<float>());
    }

    [Fact]
    public void StepsPerEpochRunsOneIteratorAcrossEpochs()
    {
        var (model, x, y) = TinyRegression.Make(16, 0.1, globalSeed: 1, dataSeed: 2);
        var ds = tf.data.Dataset.FromTensorSlices((x, y)).Batch(4).Repeat();
        int batches = 0;
        var counter = new Strata.Keras.Callbacks.LambdaCallback(onBatchEnd: (_, _) => batches++);
        var history = model.Fit(ds, epochs: 3, stepsPerEpoch: 2, verbose: 0, callbacks: [counter], validationData: tf.data.Dataset.FromTensorSlices((x, y)).Batch(8));
        Assert.Equal(6, batches);
        Assert.Equal(3, history.history["val_loss"].Count);
        var e = Assert.Throws<InvalidArgumentError>(() => model.Fit(ds, epochs: 1, verbose: 0));
        Assert.Contains("infinite", e.Message);
    }

    [Fact]
    public void RunningOutOfDataStopsTrainingWithKerassWarning()
    {
        var (model, x, y) = TinyRegression.Make(8, 0.1, globalSeed: 1, dataSeed: 2);
        var ds = tf.data.Dataset.FromTensorSlices((x, y)).Batch(4);   // 2 batches in all
        var err = new StringWriter();
        var old = Console.Error;
        Console.SetError(err);
        try
        {
            var history = model.Fit(ds, epochs: 5, stepsPerEpoch: 3, verbose: 0);
            Assert.Single(history.history["loss"]);
        }
        finally
        {
            Console.SetError(old);
        }
        Assert.Contains("Your input ran out of data; interrupting training", err.ToString());
    }

    [Fact]
    public void UnknownLengthDatasetShowsItsEpochLineAtTheEnd()
    {
        var (model, x, y) = TinyRegression.Make(12, 0.1, globalSeed: 1, dataSeed: 2);
        var ds = tf.data.Dataset.FromTensorSlices((x, y)).Filter(_ => true).Batch(4);
        Assert.Equal(tf.data.UNKNOWN_CARDINALITY, ds.Cardinality);
        var output = ConsoleOutput.Capture(() => model.Fit(ds, epochs: 1, verbose: 2));
        Assert.Contains("3/3", output);
    }
}
