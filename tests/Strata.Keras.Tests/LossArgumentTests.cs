using Strata.Keras.Losses;

namespace Strata.Keras.Tests;

/// <summary>Label smoothing, labels of another dtype or rank, and the errors for labels and predictions a loss
/// cannot take, each naming the loss and the shapes or dtypes.</summary>
public class LossArgumentTests
{
    private static double Value(Loss loss, Tensor yTrue, Tensor yPred) => Check.Values(loss.Call(yTrue, yPred))[0];

    [Fact]
    public void BinaryLabelSmoothingMovesLabelsTowardOneHalf()
    {
        // Keras: y = y·(1 - 0.2) + 0.5·0.2 = 0.9; -(0.9·log 0.8 + 0.1·log 0.2).
        double expected = -(0.9 * Math.Log(0.8) + 0.1 * Math.Log(0.2));
        Check.Close(expected, Value(new BinaryCrossentropy(labelSmoothing: 0.2), tf.Constant(new float[] { 1 }), tf.Constant(new float[] { 0.8f })), 1e-6);
    }

    [Fact]
    public void CategoricalLabelSmoothingMixesInTheUniformDistribution()
    {
        // Keras: y = y·(1 - 0.3) + 0.3 / 3 → (0.1, 0.8, 0.1).
        double expected = -(0.1 * Math.Log(0.2) + 0.8 * Math.Log(0.5) + 0.1 * Math.Log(0.3));
        Check.Close(expected, Value(new CategoricalCrossentropy(labelSmoothing: 0.3),
            tf.Constant(new float[,] { { 0, 1, 0 } }), tf.Constant(new float[,] { { 0.2f, 0.5f, 0.3f } })), 1e-6);
    }

    [Fact]
    public void IntegerLabelsAreCastAndAColumnOfLabelsIsSqueezed()
    {
        var mse = new MeanSquaredError();
        Check.Close(5.0 / 3, Value(mse, tf.Constant(new[] { 1, 2, 3 }), tf.Constant(new float[] { 1, 3, 1 })));
        // Labels (3, 1) against predictions (3,): Keras squeezes the labels, no (3, 3) broadcast.
        Check.Close(5.0 / 3, Value(mse, tf.Constant(new float[,] { { 1 }, { 2 }, { 3 } }), tf.Constant(new float[] { 1, 3, 1 })));
    }

    [Fact]
    public void LabelsOfAnotherShapeAreRefused()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => new MeanAbsoluteError().Call(tf.Zeros([2, 3]), tf.Zeros([2, 2])));
        Assert.Equal("MeanAbsoluteError: y_true has shape (2, 3) and y_pred has shape (2, 2); they must match.", e.Message);
    }

    [Fact]
    public void BoolLabelsMustBeCastFirst()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => new BinaryCrossentropy().Call(tf.Constant(new[] { true, false }), tf.Constant(new float[] { 0.5f, 0.5f })));
        Assert.Equal("BinaryCrossentropy: y_true is bool; cast it to a number first.", e.Message);
        var s = Assert.Throws<InvalidArgumentError>(() =>
            new SparseCategoricalCrossentropy().Call(tf.Constant(new[] { true }), tf.Constant(new float[,] { { 0.5f, 0.5f } })));
        Assert.Equal("SparseCategoricalCrossentropy: y_true must hold class indices (uint8, int32 or int64), got bool.", s.Message);
    }

    [Fact]
    public void IntegerPredictionsAreRefused()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => new Huber().Call(tf.Constant(new[] { 1, 2 }), tf.Constant(new[] { 1, 3 })));
        Assert.Equal("Huber: y_pred must be float32 or float64, got int32 with shape (2,).", e.Message);
    }

    [Fact]
    public void SparsePredictionsNeedAClassAxis()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => new SparseCategoricalCrossentropy().Call(tf.Constant(1), tf.Constant(0.5f)));
        Assert.Equal("SparseCategoricalCrossentropy: y_pred must have a class axis, got shape ().", e.Message);
    }

    [Fact]
    public void HuberWithALargerDeltaStaysQuadraticLonger()
    {
        // delta 2: |e| = 1.5 is quadratic (½·2.25), |e| = 3 linear (2·3 - ½·4 = 4).
        Check.Close((1.125 + 4) / 2, Value(new Huber(delta: 2), tf.Zeros([2]), tf.Constant(new float[] { 1.5f, -3 })), 1e-6);
        Assert.Equal(2, new Huber(delta: 2).Delta);
    }
}
