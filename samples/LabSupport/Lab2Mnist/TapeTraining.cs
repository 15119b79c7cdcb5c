using Strata;
using Strata.Keras.Losses;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;
using Strata.Plot;

namespace Lab2Mnist;

/// <summary>Section 1.4: one pass over the training set in slices of <c>batch_size</c>, each a GradientTape step
/// with SGD, the loss recorded with the lab's smoothing (mdl.util.LossHistory, factor 0.95) and plotted
/// (the lab's PeriodicPlotter, scale 'semilogy').</summary>
public static class TapeTraining
{
    public sealed record Result(Model Model, int Steps, double FirstLoss, double LastLoss, string PlotPath);

    public static Result Run(Model cnnModel, Tensor trainImages, Tensor trainLabels, int batchSize, double learningRate, string plotPath)
    {
        var optimizer = new SGD(learningRate: learningRate);
        // tf.keras.backend.sparse_categorical_crossentropy(labels, logits): per-sample losses of probabilities.
        var crossEntropy = new SparseCategoricalCrossentropy(reduction: "none");
        var lossHistory = new LossHistory(smoothingFactor: 0.95);
        int n = trainImages.Shape[0];
        for (int idx = 0; idx < n; idx += batchSize)
        {
            int size = Math.Min(batchSize, n - idx);
            var images = tf.Slice(trainImages, [idx, 0, 0, 0], [size, -1, -1, -1]);
            var labels = tf.Slice(trainLabels, [idx], [size]);
            Tensor lossValue;
            Tensor?[] grads;
            using (var tape = new GradientTape())
            {
                var logits = cnnModel.Apply(images);
                lossValue = crossEntropy.Call(labels, logits);
                // The gradient of a vector of losses is that of their sum, as tape.gradient takes it.
                grads = tape.Gradient(lossValue, cnnModel.TrainableWeights);
            }
            lossHistory.Append(tf.ReduceMean(lossValue).Item<float>());
            optimizer.ApplyGradients(grads, cnnModel.TrainableWeights);
        }
        var history = lossHistory.Get();
        var path = new Figure().SemiLogY(history).XLabel("Iterations").YLabel("Loss").SaveFig(plotPath);
        return new Result(cnnModel, history.Count, history[0], history[^1], path);
    }

    /// <summary>mdl.util.LossHistory: an exponential moving average, s = f·s + (1 − f)·x, starting from the first value.</summary>
    private sealed class LossHistory(double smoothingFactor)
    {
        private readonly List<double> _values = [];

        public void Append(double value) =>
            _values.Add(_values.Count == 0 ? value : smoothingFactor * _values[^1] + (1 - smoothingFactor) * value);

        public IReadOnlyList<double> Get() => _values;
    }
}
