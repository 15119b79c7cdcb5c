using Strata.Keras.Metrics;

namespace Strata.Keras.Tests;

/// <summary>Metrics on every label dtype, their state across batches and resets, ties and empty results, and the
/// errors for labels that do not fit the predictions.</summary>
public class MetricStateTests
{
    [Fact]
    public void AccuraciesReadFloat64AndBoolTensors()
    {
        // float64 predictions take the generic argmax (first of equal values wins, as argmax).
        var sparse = new SparseCategoricalAccuracy();
        sparse.UpdateState(tf.Constant(new double[] { 0, 1 }, DType.Float64), tf.Constant(new double[,] { { 0.5, 0.5 }, { 0.5, 0.5 } }, DType.Float64));
        Check.Close(0.5, sparse.Result()); // both rows pick class 0
        var binary = new BinaryAccuracy(threshold: 0.3);
        binary.UpdateState(tf.Constant(new[] { true, false, true }), tf.Constant(new double[] { 0.4, 0.2, 0.1 }, DType.Float64));
        Check.Close(2.0 / 3, binary.Result()); // 0.4 > 0.3 right, 0.2 right, 0.1 wrong
        Assert.Equal(0.3, binary.Threshold);
        var categorical = new CategoricalAccuracy();
        categorical.UpdateState(tf.Constant(new double[,] { { 0, 0, 1 } }, DType.Float64), tf.Constant(new double[,] { { 0.2, 0.3, 0.5 } }, DType.Float64));
        Assert.Equal(1, categorical.Result());
    }

    [Fact]
    public void LabelsThatDoNotFitThePredictionsAreNamed()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => new SparseCategoricalAccuracy().UpdateState(tf.Zeros([3, 2]), tf.Zeros([3, 2])));
        Assert.Equal("sparse_categorical_accuracy: y_true has shape (3, 2) but predictions (3, 2) need one class index per row (3); " +
            "for one-hot labels use categorical accuracy.", e.Message);
        Assert.Equal("categorical_accuracy: y_true has shape (3,) and y_pred has shape (3, 2); one-hot labels must match.",
            Assert.Throws<InvalidArgumentError>(() => new CategoricalAccuracy().UpdateState(tf.Zeros([3]), tf.Zeros([3, 2]))).Message);
        Assert.Equal("recall: y_true has shape (4,) and y_pred has shape (3, 1); they must match.",
            Assert.Throws<InvalidArgumentError>(() => new Recall().UpdateState(tf.Zeros([4]), tf.Zeros([3, 1]))).Message);
        Assert.Equal("mean_absolute_error: y_true has shape (2, 2) and y_pred has shape (2, 3); they must match.",
            Assert.Throws<InvalidArgumentError>(() => new Strata.Keras.Metrics.MeanAbsoluteError().UpdateState(tf.Zeros([2, 2]), tf.Zeros([2, 3]))).Message);
    }

    [Fact]
    public void PrecisionAndRecallWithNothingPredictedAreZeroAndResetStartsOver()
    {
        var p = new Precision(threshold: 0.9);
        var r = new Recall(threshold: 0.9);
        var labels = tf.Constant(new[] { 1, 0, 1 });
        var scores = tf.Constant(new float[] { 0.5f, 0.2f, 0.8f });
        p.UpdateState(labels, scores);
        r.UpdateState(labels, scores);
        Assert.Equal(0, p.Result()); // no positive prediction: 0, not NaN (Keras's divide_no_nan)
        Assert.Equal(0, r.Result()); // TP 0, FN 2
        p = new Precision(threshold: 0.4);
        p.UpdateState(labels, scores);
        Check.Close(1, p.Result());
        p.ResetState();
        Assert.Equal(0, p.Result());
        p.UpdateState(tf.Constant(new[] { 0 }), tf.Constant(new float[] { 0.7f }));
        Assert.Equal(0, p.Result()); // the reset cleared TP: TP 0, FP 1
    }

    [Fact]
    public void MeanTakesValuesAndWeightsAndPrintsItself()
    {
        // Keras's Mean.update_state(values, sample_weight): the second tensor weighs the first.
        var m = new Mean("avg");
        m.UpdateState(tf.Constant(new float[] { 1, 2, 6 }), tf.Constant(new float[] { 1, 1, 1 }));
        Assert.Equal(3, m.Result());
        Assert.Equal("<Mean name=avg, result=3>", m.ToString());
        m.ResetState();
        Assert.Equal(0, m.Result());
    }

    [Fact]
    public void AutoAccuracyBeforeAnyBatchIsZero()
    {
        var acc = Metric.Get("accuracy");
        Assert.Equal(0, acc.Result());
        acc.ResetState(); // nothing resolved yet: no error
        acc.UpdateState(tf.Constant(new[] { 1, 0 }), tf.Constant(new float[,] { { 0.2f, 0.8f }, { 0.3f, 0.7f } }));
        Check.Close(0.5, acc.Result());
        acc.ResetState();
        Assert.Equal(0, acc.Result());
        Assert.IsType<BinaryAccuracy>(AutoAccuracy.Resolve(Shape.Scalar, Shape.Scalar, "accuracy"));
    }
}
