using Strata.Data;
using Strata.Keras.Callbacks;
using Strata.Keras.Engine;

namespace Strata.Keras.Models;

public partial class Model
{
    /// <summary>
    /// Fit on a tf.data pipeline of (x, y) batches (<c>model.fit(dataset)</c>): each epoch iterates the dataset to its
    /// end, or takes <paramref name="stepsPerEpoch"/> batches from one iterator that runs across epochs (needed for a
    /// dataset that repeats forever; running out of data stops training with Keras's warning). The dataset batches,
    /// shuffles and repeats itself, so there is no batch size or shuffle here. <paramref name="validationData"/> is
    /// evaluated after each epoch (all of it, or <paramref name="validationSteps"/> batches).
    /// </summary>
    public History Fit(Dataset<(Tensor, Tensor)> data, int epochs = 1, int verbose = 1, IEnumerable<Callback>? callbacks = null,
        Dataset<(Tensor, Tensor)>? validationData = null, int? stepsPerEpoch = null, int? validationSteps = null, int initialEpoch = 0)
    {
        var st = RequireCompiled("Fit");
        Guard.NotNull(data, "Fit", "data");
        if (epochs < 0) throw new InvalidArgumentError($"Fit: epochs must be non-negative, got {epochs}.");
        var train = new DatasetAdapter(DatasetAdapter.Pairs(data), data.Cardinality, stepsPerEpoch, "Fit", st.Replicas);
        var validation = validationData is null ? null
            : new DatasetAdapter(DatasetAdapter.Pairs(validationData), validationData.Cardinality, validationSteps, "Fit (validationData)", st.Replicas);
        return FitLoop(st, train, validation, epochs, verbose, callbacks, initialEpoch);
    }

    /// <summary>Fit on a tf.data pipeline of (x, y, sample_weight) batches: each sample's loss weighted as with Fit's
    /// sampleWeight (Keras's third element of a batch); validation data is (x, y).</summary>
    public History Fit(Dataset<(Tensor, Tensor, Tensor)> data, int epochs = 1, int verbose = 1, IEnumerable<Callback>? callbacks = null,
        Dataset<(Tensor, Tensor)>? validationData = null, int? stepsPerEpoch = null, int? validationSteps = null, int initialEpoch = 0)
    {
        var st = RequireCompiled("Fit");
        Guard.NotNull(data, "Fit", "data");
        if (epochs < 0) throw new InvalidArgumentError($"Fit: epochs must be non-negative, got {epochs}.");
        var train = new DatasetAdapter(DatasetAdapter.Triples(data), data.Cardinality, stepsPerEpoch, "Fit", st.Replicas, withWeights: true);
        var validation = validationData is null ? null
            : new DatasetAdapter(DatasetAdapter.Pairs(validationData), validationData.Cardinality, validationSteps, "Fit (validationData)", st.Replicas);
        return FitLoop(st, train, validation, epochs, verbose, callbacks, initialEpoch);
    }

    /// <summary>Evaluate on a tf.data pipeline of (x, y, sample_weight) batches.</summary>
    public Dictionary<string, double> Evaluate(Dataset<(Tensor, Tensor, Tensor)> data, int verbose = 1, int? steps = null, IEnumerable<Callback>? callbacks = null)
    {
        var st = RequireCompiled("Evaluate");
        Guard.NotNull(data, "Evaluate", "data");
        return EvaluateLoop(st, new DatasetAdapter(DatasetAdapter.Triples(data), data.Cardinality, steps, "Evaluate", st.Replicas, withWeights: true), verbose, Attach(callbacks));
    }

    /// <summary>Evaluate on a tf.data pipeline of (x, y) batches, all of it or <paramref name="steps"/> batches.</summary>
    public Dictionary<string, double> Evaluate(Dataset<(Tensor, Tensor)> data, int verbose = 1, int? steps = null, IEnumerable<Callback>? callbacks = null)
    {
        var st = RequireCompiled("Evaluate");
        Guard.NotNull(data, "Evaluate", "data");
        return EvaluateLoop(st, new DatasetAdapter(DatasetAdapter.Pairs(data), data.Cardinality, steps, "Evaluate", st.Replicas), verbose, Attach(callbacks));
    }

    /// <summary>Predict on a tf.data pipeline of input batches: the outputs of every batch, concatenated.</summary>
    public Tensor Predict(Dataset<Tensor> data, int? steps = null)
    {
        Guard.NotNull(data, "Predict", "data");
        var adapter = new DatasetAdapter(DatasetAdapter.Inputs(data), data.Cardinality, steps, "Predict");
        var outputs = new List<Tensor>();
        foreach (var (xb, _) in adapter.Epoch()) outputs.Add(Forward(xb, training: false)[0]);
        if (outputs.Count == 0) throw new InvalidArgumentError("Predict: the dataset gave no batches.");
        return outputs.Count == 1 ? outputs[0] : tf.Concat(outputs.ToArray(), 0);
    }
}
