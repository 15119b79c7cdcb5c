using Strata.Keras.Callbacks;
using Strata.Keras.Engine;
using Strata.Keras.Losses;
using Strata.Keras.Metrics;
using Strata.Keras.Optimizers;
using Strata.Keras.Utils;

namespace Strata.Keras.Models;

public partial class Model
{
    private TrainingState? _state;

    /// <summary>The optimizer given to <see cref="Compile(Optimizer?, Loss?, IEnumerable{Metric}?, IEnumerable{Metric}?)"/> (null before).</summary>
    public Optimizer? Optimizer => _state?.Optimizer;

    /// <summary>The loss given to <see cref="Compile(Optimizer?, Loss?, IEnumerable{Metric}?, IEnumerable{Metric}?)"/> (the first output's,
    /// for several; null before).</summary>
    public Loss? Loss => _state?.Losses[0];

    /// <summary>Keras 3's <c>model.metrics</c>: after Compile, the "loss" tracker (a <see cref="Mean"/>) first, then the
    /// compiled metrics in the order given (per output for multi-output models); empty before.</summary>
    public IReadOnlyList<Metric> Metrics =>
        _state is { } st ? [st.LossTracker, .. st.CompiledMetrics] : [];

    /// <summary>Names of the values Evaluate returns, in Keras's order: "loss", per-output losses, then the metrics.</summary>
    public IReadOnlyList<string> MetricsNames => _state?.ResultNames ?? [];

    /// <summary>Set to true (by a callback) to end Fit after the current batch.</summary>
    public bool StopTraining { get; set; }

    /// <summary>The History of the last Fit.</summary>
    public History? History { get; private set; }

    /// <summary>Keras's <c>model.distribute_strategy</c>: the strategy whose scope the model was compiled in (null: none).</summary>
    public Distribute.DistributionStrategy? DistributeStrategy => _state?.Strategy;

    /// <summary>False on the replicas of a multi-replica strategy other than the chief: they train, but leave writing
    /// files (checkpoints, backups) to replica 0.</summary>
    internal bool IsChiefReplica => _state?.Replicas is not { IsChief: false };

    /// <summary>True after <see cref="Compile(Optimizer?, Loss?, IEnumerable{Metric}?, IEnumerable{Metric}?)"/>.</summary>
    public bool Compiled => _state is not null;

    /// <summary>
    /// Configures training (Keras's <c>compile</c>). Each argument takes an object or its Keras name:
    /// <c>optimizer: "adam"</c> (default "rmsprop"), <c>loss: "sparse_categorical_crossentropy"</c>,
    /// <c>metrics: ["accuracy"]</c> ("accuracy" picks binary, categorical or sparse categorical accuracy from the
    /// shapes, as Keras 3 does). <paramref name="weightedMetrics"/> are updated with Fit's and Evaluate's sample weights
    /// (or class weights), <paramref name="metrics"/> without them, as in Keras 3; a weighted metric whose name an
    /// unweighted one already has is logged as "weighted_" + name. A multi-output model applies the loss and each named
    /// metric to every output.
    /// </summary>
    public void Compile(Optimizer? optimizer = null, Loss? loss = null, IEnumerable<Metric>? metrics = null,
        IEnumerable<Metric>? weightedMetrics = null)
    {
        if (loss is null)
            throw new InvalidArgumentError($"Compile: model '{Name}' needs a loss, e.g. loss: \"mse\" or new SparseCategoricalCrossentropy().");
        Compile(optimizer, Enumerable.Repeat(loss, OutputCount).ToArray(), metrics, weightedMetrics);
    }

    /// <summary>Compile with one loss per output of a multi-output model, in output order (Keras's <c>loss=[...]</c>);
    /// the total loss is their sum.</summary>
    public void Compile(Optimizer? optimizer, IReadOnlyList<Loss> loss, IEnumerable<Metric>? metrics = null,
        IEnumerable<Metric>? weightedMetrics = null)
    {
        Guard.NotNull(loss, "Compile", "loss");
        if (loss.Count != OutputCount)
            throw new InvalidArgumentError($"Compile: model '{Name}' has {OutputCount} output(s) but {loss.Count} losses were given.");
        var unweighted = PerOutput(metrics?.ToList() ?? []);
        var weighted = PerOutput(weightedMetrics?.ToList() ?? []);
        var taken = unweighted.SelectMany(m => m).Select(m => m.Name).ToHashSet();
        foreach (var m in weighted.SelectMany(m => m))
        {
            if (unweighted.Any(list => list.Contains(m)))
                throw new InvalidArgumentError($"Compile: metric '{m.Name}' is given both as a metric and as a weighted metric; pass two instances.");
            // Keras 3's CompileMetrics.result: a weighted metric named like an unweighted one is logged as weighted_<name>.
            if (taken.Contains(m.Name)) m.Name = WeightedName(m.Name);
        }
        int outputs = OutputCount;
        _state = new TrainingState(this, optimizer ?? new RMSprop(), loss.ToArray(), unweighted, weighted,
            outputs > 1 ? Enumerable.Range(0, outputs).Select(o => OutputName(o)).ToArray() : null);
    }

    /// <summary>Metrics for each output: the given ones for a single output; for several, a fresh metric of the same
    /// Keras name per output (each needs its own state), prefixed by the output's layer name.</summary>
    private List<Metric>[] PerOutput(List<Metric> given)
    {
        int outputs = OutputCount;
        var perOutput = new List<Metric>[outputs];
        for (int o = 0; o < outputs; o++)
        {
            perOutput[o] = new List<Metric>();
            foreach (var m in given)
            {
                if (outputs == 1) { perOutput[o].Add(m); continue; }
                var fresh = Metric.Get(m.Name);
                fresh.Name = $"{OutputName(o)}_{m.Name}";
                perOutput[o].Add(fresh);
            }
        }
        return perOutput;
    }

    /// <summary>"weighted_" before the metric's own name (after an output's prefix, as Keras).</summary>
    private string WeightedName(string name)
    {
        for (int o = 0; o < OutputCount && OutputCount > 1; o++)
        {
            string prefix = OutputName(o) + "_";
            if (name.StartsWith(prefix, StringComparison.Ordinal)) return prefix + "weighted_" + name[prefix.Length..];
        }
        return "weighted_" + name;
    }

    private TrainingState RequireCompiled(string op) =>
        _state ?? throw new FailedPreconditionError(
            $"{op}: you must call Compile() before using model '{Name}' for training or evaluation, e.g. model.Compile(optimizer: \"adam\", loss: \"mse\").");

    // ----------------------------------------------------------------- Fit

    /// <summary>
    /// Trains for <paramref name="epochs"/> epochs of mini-batches (Keras's <c>fit</c>): the loss and metrics
    /// are averaged over each epoch; with <paramref name="validationSplit"/> the last fraction of the samples
    /// (taken before shuffling) or <paramref name="validationData"/> is evaluated after each epoch as "val_*".
    /// Shuffling draws from tf.random, so <c>tf.random.SetSeed</c> makes the run reproducible. verbose 1 shows
    /// Keras's progress bar, 2 one line per epoch, 0 nothing.
    /// </summary>
    /// <remarks><paramref name="sampleWeight"/> (one weight per sample, (N,) or (N, 1)) weights each sample's loss;
    /// the reduction stays the loss's ("sum_over_batch_size": the weighted sum divided by the batch size, not by the
    /// sum of the weights), as in Keras 3. <paramref name="classWeight"/> maps class indices to weights and becomes the
    /// sample weight of each sample's class (the label; the rounded value of a one-column label; the argmax of one-hot
    /// rows), classes it does not name weighing 1, as Keras 3's class_weight does. With <paramref name="validationSplit"/>
    /// the validation samples keep their sample weights (Keras splits them with the data), but not class weights. Neither
    /// weights the compiled metrics (Keras does; Strata's metrics take no weights yet).</remarks>
    /// <returns>The <see cref="Callbacks.History"/>: <c>History.History["loss"]</c>, <c>["val_accuracy"]</c>…, one value per epoch.</returns>
    public History Fit(Tensor x, Tensor y, int batchSize = 32, int epochs = 1, int verbose = 1, IEnumerable<Callback>? callbacks = null,
        double validationSplit = 0, (Tensor x, Tensor y)? validationData = null, bool shuffle = true, int initialEpoch = 0,
        Tensor? sampleWeight = null, IReadOnlyDictionary<int, double>? classWeight = null)
    {
        Guard.NotNull(x, "Fit", "x");
        Guard.NotNull(y, "Fit", "y");
        (Tensor[], Tensor[])? val = validationData is { } v ? ([v.x], [v.y]) : null;
        return FitCore([x], [y], batchSize, epochs, verbose, callbacks, validationSplit, val, shuffle, initialEpoch, sampleWeight, classWeight);
    }

    /// <summary>Fit for models with several inputs and/or outputs (one tensor per input, one per output).</summary>
    public History Fit(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor> y, int batchSize = 32, int epochs = 1, int verbose = 1,
        IEnumerable<Callback>? callbacks = null, double validationSplit = 0, (IReadOnlyList<Tensor> x, IReadOnlyList<Tensor> y)? validationData = null,
        bool shuffle = true, int initialEpoch = 0)
    {
        (Tensor[], Tensor[])? val = validationData is { } v ? (v.x.ToArray(), v.y.ToArray()) : null;
        return FitCore(x.ToArray(), y.ToArray(), batchSize, epochs, verbose, callbacks, validationSplit, val, shuffle, initialEpoch);
    }

    /// <summary>Fit from .NET arrays (<c>float[,]</c>, <c>byte[]</c>…), converted with tf.Constant.</summary>
    public History Fit(Array x, Array y, int batchSize = 32, int epochs = 1, int verbose = 1, IEnumerable<Callback>? callbacks = null,
        double validationSplit = 0, bool shuffle = true) =>
        Fit(tf.Constant(x), tf.Constant(y), batchSize, epochs, verbose, callbacks, validationSplit, null, shuffle);

    private History FitCore(Tensor[] x, Tensor[] y, int batchSize, int epochs, int verbose, IEnumerable<Callback>? callbacks,
        double validationSplit, (Tensor[] x, Tensor[] y)? validationData, bool shuffle, int initialEpoch,
        Tensor? sampleWeight = null, IReadOnlyDictionary<int, double>? classWeight = null)
    {
        var st = RequireCompiled("Fit");
        if (batchSize <= 0) throw new InvalidArgumentError($"Fit: batchSize must be positive, got {batchSize}.");
        if (epochs < 0) throw new InvalidArgumentError($"Fit: epochs must be non-negative, got {epochs}.");
        if (!(validationSplit >= 0 && validationSplit < 1))
            throw new InvalidArgumentError($"Fit: validationSplit must be in [0, 1), got {validationSplit}.");
        int n = Samples(x, y, "Fit");
        CheckInputs(x);
        CheckData(x, y, "Fit");
        var weights = SampleWeights(y, n, sampleWeight, classWeight, "Fit");
        Tensor? valWeights = null;
        var val = validationData;
        if (val is { } vd)
        {
            Samples(vd.x, vd.y, "Fit (validationData)");
            CheckInputs(vd.x);
            CheckData(vd.x, vd.y, "Fit (validationData)");
        }
        else if (validationSplit > 0)
        {
            int split = (int)Math.Floor(n * (1 - validationSplit)); // Keras: split_at = floor(n · (1 - split))
            if (split <= 0 || split >= n)
                throw new InvalidArgumentError($"Fit: validationSplit {validationSplit} of {n} samples leaves no training or no validation samples.");
            val = (x.Select(t => Batch.Rows(t, null, split, n - split)).ToArray(), y.Select(t => Batch.Rows(t, null, split, n - split)).ToArray());
            x = x.Select(t => Batch.Rows(t, null, 0, split)).ToArray();
            y = y.Select(t => Batch.Rows(t, null, 0, split)).ToArray();
            // Keras splits sample weights with the data (the validation samples keep theirs); class weights apply to
            // the training samples only.
            if (weights is not null && sampleWeight is not null) valWeights = Batch.Rows(weights, null, split, n - split);
            if (weights is not null) weights = Batch.Rows(weights, null, 0, split);
            n = split;
        }

        var train = new TensorAdapter(x, y, batchSize, shuffle, st.Replicas, weights);
        var validation = val is { } v ? new TensorAdapter(v.x, v.y, batchSize, shuffle: false, st.Replicas, valWeights) : null;
        return FitLoop(st, train, validation, epochs, verbose, callbacks, initialEpoch);
    }

    /// <summary>Fit's epochs over any data adapter: the callbacks, the steps, validation after each epoch. Under a
    /// multi-replica strategy an exception on this replica (in a step, a callback, the data) is reported to the strategy
    /// first: the other replicas are waiting for this one in a collective, and a multi-process strategy stops them all.</summary>
    private History FitLoop(TrainingState st, DataAdapter train, DataAdapter? validation, int epochs, int verbose,
        IEnumerable<Callback>? callbacks, int initialEpoch)
    {
        try
        {
            return FitEpochs(st, train, validation, epochs, verbose, callbacks, initialEpoch);
        }
        catch (Exception e) when (st.Replicas is { } replicas)
        {
            replicas.OnStepFailed(e);
            throw;
        }
    }

    private History FitEpochs(TrainingState st, DataAdapter train, DataAdapter? validation, int epochs, int verbose,
        IEnumerable<Callback>? callbacks, int initialEpoch)
    {
        int? steps = train.Steps;
        var replicas = st.Replicas;
        if (replicas is not null)
        {
            Distribute.MetricReduction.Check(replicas, st.AllMetrics, "Fit");
            if (!replicas.IsChief) verbose = 0; // one progress bar for the job: the chief's
        }
        var history = new History();
        var list = new List<Callback>(callbacks ?? []) { history };
        if (verbose != 0) list.Add(new ProgbarLogger(verbose, epochs, steps));
        if (TrainingEventSource.Log.IsEnabled()) list.Add(new TrainingEventsCallback(Name, epochs - initialEpoch));
        var parameters = new Dictionary<string, int> { ["epochs"] = epochs, ["verbose"] = verbose };
        if (steps is { } known) parameters["steps"] = known;   // Keras's None when a dataset's length is unknown
        foreach (var cb in list) { cb.Model = this; cb.Params = parameters; }

        st.Trainable = null; // collected after the first forward pass has built the model
        StopTraining = false;
        History = history;
        var logs = st.NewLogs();
        Dictionary<string, double> epochLogs = new();
        foreach (var cb in list) cb.OnTrainBegin(epochLogs);
        if (ResumeAtEpoch is { } resume) { initialEpoch = resume; ResumeAtEpoch = null; } // BackupAndRestore's restored epoch
        GarbageBound.ReturnCallersGarbage();
        var garbage = new GarbageBound();
        for (int epoch = initialEpoch; epoch < epochs; epoch++)
        {
            st.ResetMetrics();
            foreach (var cb in list) cb.OnEpochBegin(epoch, logs);
            int step = 0;
            foreach (var (xb, yb) in train.Epoch())
            {
                foreach (var cb in list) cb.OnTrainBatchBegin(step, logs);
                if (replicas is not null) PrepareReplicaStep(st, replicas, xb, train.GlobalBatchRows);
                if (OverridesTrainStep) CopyLogs(TrainStep(new StepData(xb, yb, train.BatchWeights)), logs);
                else
                {
                    var grads = TrainStep(st, xb, yb, train.BatchWeights);
                    // The step is over: its gradients and the batch copies made above are dead; their large
                    // buffers serve the next step instead of piling up on the large-object heap.
                    Kernels.BufferPool.Return(grads);
                    st.WriteLogs(logs);
                }
                train.Release(xb);
                garbage.AfterStep();
                foreach (var cb in list) cb.OnTrainBatchEnd(step, logs);
                step++;
                if (replicas is not null) StopTraining = replicas.AnyReplica(StopTraining);
                if (StopTraining) break;
            }
            // Out of data with steps per epoch given: Keras ends training after this epoch.
            if (train is DatasetAdapter { RanOut: true }) StopTraining = true;
            epochLogs = new Dictionary<string, double>(logs);
            if (validation is not null)
            {
                var results = EvaluateLoop(st, validation, verbose: 0, callbacks: list);
                foreach (var k in results.Keys.Order(StringComparer.Ordinal)) epochLogs["val_" + k] = results[k];
            }
            foreach (var cb in list) cb.OnEpochEnd(epoch, epochLogs);
            if (replicas is not null) StopTraining = replicas.AnyReplica(StopTraining);
            if (StopTraining) break;
        }
        // Keras's order: an optimizer with use_ema hands its averages to the weights before on_train_end.
        if (epochs > 0) st.Optimizer.FinalizeVariableValues(TrainableWeights);
        foreach (var cb in list) cb.OnTrainEnd(epochLogs);
        return history;
    }

    /// <summary>Before a distributed step: rank 0's weights on every replica (once, after the model is built), and this
    /// replica's share of the global batch as the weight of its gradients.</summary>
    private void PrepareReplicaStep(TrainingState st, Distribute.DistributionStrategy replicas, Tensor[] xb, int globalRows)
    {
        if (!st.WeightsBroadcast)
        {
            if (Weights.Count == 0) Forward(xb, training: false); // builds the layers: their weights exist from here
            replicas.BroadcastVariables(Weights);
            st.WeightsBroadcast = true;
        }
        replicas.LocalGradientWeight = globalRows == 0 ? 0 : (double)xb[0].Shape[0] / globalRows;
        replicas.UniformGradientWeights = globalRows % replicas.NumReplicasInSync == 0;
    }

    /// <summary>One optimizer step on one batch: forward under a tape, loss, gradients, update, metrics.</summary>
    private Tensor?[] TrainStep(TrainingState st, Tensor[] xb, Tensor[] yb, Tensor? sampleWeight = null)
    {
        if (xb[0].Shape[0] == 0 && st.Replicas is not null) return ApplyNothing(st);
        Tensor[] preds;
        Tensor loss;
        var tape = new GradientTape();
        try
        {
            preds = Forward(xb, training: true);
            loss = st.ComputeLoss(yb, preds, OutputCount, this, sampleWeight);
        }
        finally
        {
            tape.Dispose();
        }
        var vars = st.Trainable ??= CollectTrainable();
        var grads = tape.Gradient(loss, vars);
        st.Optimizer.ApplyGradients(grads, vars);
        st.UpdateMetrics(yb, preds, loss, xb[0].Shape[0], sampleWeight);
        return grads;
    }

    /// <summary>A replica whose share of a (last, small) global batch is empty still joins the gradients' all-reduce, with zeros.</summary>
    private Tensor?[] ApplyNothing(TrainingState st)
    {
        var vars = st.Trainable ??= CollectTrainable();
        var zeros = vars.Select(v => (Tensor?)tf.ZerosLike(v)).ToArray();
        st.Optimizer.ApplyGradients(zeros, vars);
        return zeros;
    }

    private List<Variable> CollectTrainable()
    {
        var vars = TrainableWeights.ToList();
        if (vars.Count == 0) throw new InvalidArgumentError($"Fit: model '{Name}' has no trainable weights.");
        return vars;
    }

    // ----------------------------------------------------------------- Evaluate

    /// <summary>
    /// The loss and metrics on (x, y), batch by batch, without training (Keras's <c>evaluate</c>), in inference mode
    /// (Dropout off). verbose 1 shows the progress bar, 2 one line, 0 nothing.
    /// </summary>
    /// <returns>Values by name in Keras's order (<see cref="MetricsNames"/>): <c>["loss"]</c> first, then the metrics
    /// (<c>["accuracy"]</c>…). <c>.Values.ToArray()</c> gives Keras's list.</returns>
    /// <remarks><paramref name="sampleWeight"/> weights each sample's loss as in Fit.</remarks>
    public Dictionary<string, double> Evaluate(Tensor x, Tensor y, int batchSize = 32, int verbose = 1, IEnumerable<Callback>? callbacks = null,
        Tensor? sampleWeight = null) =>
        EvaluateCore(RequireCompiled("Evaluate"), [x], [y], batchSize, verbose, Attach(callbacks), check: true, sampleWeight);

    /// <summary>Evaluate for models with several inputs and/or outputs.</summary>
    public Dictionary<string, double> Evaluate(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor> y, int batchSize = 32, int verbose = 1,
        IEnumerable<Callback>? callbacks = null) =>
        EvaluateCore(RequireCompiled("Evaluate"), x.ToArray(), y.ToArray(), batchSize, verbose, Attach(callbacks), check: true);

    /// <summary>Evaluate from .NET arrays, converted with tf.Constant.</summary>
    public Dictionary<string, double> Evaluate(Array x, Array y, int batchSize = 32, int verbose = 1) =>
        Evaluate(tf.Constant(x), tf.Constant(y), batchSize, verbose);

    /// <summary>The callbacks given to Evaluate or Predict, pointed at this model.</summary>
    private List<Callback> Attach(IEnumerable<Callback>? callbacks)
    {
        var list = new List<Callback>(callbacks ?? []);
        foreach (var cb in list) cb.Model = this;
        return list;
    }

    private Dictionary<string, double> EvaluateCore(TrainingState st, Tensor[] x, Tensor[] y, int batchSize, int verbose,
        List<Callback> callbacks, bool check = false, Tensor? sampleWeight = null)
    {
        if (batchSize <= 0) throw new InvalidArgumentError($"Evaluate: batchSize must be positive, got {batchSize}.");
        int samples = Samples(x, y, "Evaluate");
        var weights = SampleWeights(y, samples, sampleWeight, null, "Evaluate");
        if (check)
        {
            CheckInputs(x);
            CheckData(x, y, "Evaluate");
        }
        var results = EvaluateLoop(st, new TensorAdapter(x, y, batchSize, shuffle: false, st.Replicas, weights), verbose, callbacks);
        if (TrainingEventSource.Log.IsEnabled()) TrainingEventSource.Log.Evaluated(Name, TrainingEventSource.Format(results));
        return results;
    }

    /// <summary>Evaluate's batches over any data adapter.</summary>
    private Dictionary<string, double> EvaluateLoop(TrainingState st, DataAdapter data, int verbose, List<Callback> callbacks)
    {
        int? steps = data.Steps;
        var bar = verbose != 0 && steps is { } known ? new Progbar(known, verbose) : null;
        st.ResetMetrics();
        var logs = st.NewLogs();
        foreach (var cb in callbacks) cb.OnTestBegin(logs);
        var garbage = new GarbageBound();
        int step = 0;
        foreach (var (xb, yb) in data.Epoch())
        {
            foreach (var cb in callbacks) cb.OnTestBatchBegin(step, logs);
            if (OverridesTestStep) CopyLogs(TestStep(new StepData(xb, yb, data.BatchWeights)), logs);
            else
            {
                TestBatch(st, xb, yb, data.BatchWeights);
                st.WriteLogs(logs);
            }
            data.Release(xb);
            garbage.AfterStep();
            foreach (var cb in callbacks) cb.OnTestBatchEnd(step, logs);
            step++;
            if (bar is not null && step < steps) bar.Update(step, logs, finalize: false);
        }
        // A dataset of unknown length shows its one line at the end, when the count is known.
        if (verbose != 0) (bar ?? new Progbar(step, verbose)).Update(step, logs, finalize: true);
        foreach (var cb in callbacks) cb.OnTestEnd(logs);
        return st.Results();
    }

    // ----------------------------------------------------------------- Predict

    /// <summary>The model's outputs for <paramref name="x"/>, computed in batches in inference mode (Keras's
    /// <c>predict</c>). For a multi-output model this is the first output; see <see cref="PredictOutputs"/>.</summary>
    public Tensor Predict(Tensor x, int batchSize = 32, int verbose = 0, IEnumerable<Callback>? callbacks = null) =>
        PredictCore([x], batchSize, verbose, Attach(callbacks))[0];

    /// <summary>Predict from a .NET array, converted with tf.Constant.</summary>
    public Tensor Predict(Array x, int batchSize = 32, int verbose = 0) => Predict(tf.Constant(x), batchSize, verbose, null);

    /// <summary>Every output of the model for its inputs, in batches.</summary>
    public Tensor[] PredictOutputs(IReadOnlyList<Tensor> x, int batchSize = 32, int verbose = 0, IEnumerable<Callback>? callbacks = null) =>
        PredictCore(x.ToArray(), batchSize, verbose, Attach(callbacks));

    private Tensor[] PredictCore(Tensor[] x, int batchSize, int verbose, List<Callback> callbacks)
    {
        if (batchSize <= 0) throw new InvalidArgumentError($"Predict: batchSize must be positive, got {batchSize}.");
        int n = Samples(x, [], "Predict");
        CheckInputs(x);
        int steps = (n + batchSize - 1) / batchSize;
        var bar = verbose != 0 ? new Progbar(steps, verbose) : null;
        Tensor[]? result = null;
        var xb = new Tensor[x.Length];
        var garbage = new GarbageBound();
        var logs = new Dictionary<string, double>();
        foreach (var cb in callbacks) cb.OnPredictBegin(logs);
        for (int step = 0; step < steps; step++)
        {
            foreach (var cb in callbacks) cb.OnPredictBatchBegin(step, logs);
            int start = step * batchSize, count = Math.Min(batchSize, n - start);
            for (int i = 0; i < x.Length; i++) xb[i] = Batch.Rows(x[i], null, start, count);
            var preds = PredictStep(xb);
            result ??= preds.Select(p => Tensor.Empty(p.DType, Shape.Wrap([n, .. p.Shape.Dims[1..]]))).ToArray();
            for (int o = 0; o < preds.Length; o++) Batch.CopyRows(preds[o], result[o], start);
            Batch.Release(xb, x);
            garbage.AfterStep();
            foreach (var cb in callbacks) cb.OnPredictBatchEnd(step, logs);
            bar?.Update(step + 1, null, finalize: step == steps - 1);
        }
        foreach (var cb in callbacks) cb.OnPredictEnd(logs);
        return result!;
    }

    // ----------------------------------------------------------------- single batches

    /// <summary>One training step on one batch (Keras's <c>train_on_batch</c>); returns the metrics so far, by name,
    /// in Keras's order. Metrics accumulate across calls until <see cref="ResetMetrics"/>. <paramref name="sampleWeight"/>
    /// or <paramref name="classWeight"/> weight the samples as in Fit.</summary>
    public Dictionary<string, double> TrainOnBatch(Tensor x, Tensor y, Tensor? sampleWeight = null, IReadOnlyDictionary<int, double>? classWeight = null)
    {
        var st = RequireCompiled("TrainOnBatch");
        int n = Samples([x], [y], "TrainOnBatch");
        var weights = SampleWeights([y], n, sampleWeight, classWeight, "TrainOnBatch");
        if (OverridesTrainStep) return TrainStep(new StepData([x], [y], weights));
        Kernels.BufferPool.Return(TrainStep(st, [x], [y], weights));
        return st.Results();
    }

    /// <summary>Loss and metrics of one batch without training (Keras's <c>test_on_batch</c>); metrics accumulate
    /// across calls until <see cref="ResetMetrics"/>. <paramref name="sampleWeight"/> weights the samples as in Evaluate.</summary>
    public Dictionary<string, double> TestOnBatch(Tensor x, Tensor y, Tensor? sampleWeight = null)
    {
        var st = RequireCompiled("TestOnBatch");
        int n = Samples([x], [y], "TestOnBatch");
        var weights = SampleWeights([y], n, sampleWeight, null, "TestOnBatch");
        if (OverridesTestStep) return TestStep(new StepData([x], [y], weights));
        TestBatch(st, [x], [y], weights);
        return st.Results();
    }

    /// <summary>The model's output for one batch, in inference mode (Keras's <c>predict_on_batch</c>).</summary>
    public Tensor PredictOnBatch(Tensor x) => Forward([x], training: false)[0];

    /// <summary>Clears the loss and metric accumulators.</summary>
    public void ResetMetrics() => _state?.ResetMetrics();

    // ----------------------------------------------------------------- Summary

    /// <summary>
    /// Prints Keras's summary table (model name, layers with output shapes and parameter counts, totals with sizes),
    /// to the console or to <paramref name="printFn"/> (which gets the whole text).
    /// </summary>
    public void Summary(int? lineLength = null, Action<string>? printFn = null)
    {
        var text = SummaryPrinter.Render(this, lineLength);
        if (printFn is not null) printFn(text);
        else Console.Write(text);
    }

    // ----------------------------------------------------------------- checks

    /// <summary>Fit's and Evaluate's per-sample weights: <paramref name="sampleWeight"/> checked against the data, or
    /// the weights <paramref name="classWeight"/> gives each sample's class (Keras 3's class_weights_map_fn); null when
    /// neither is given.</summary>
    private static Tensor? SampleWeights(Tensor[] y, int n, Tensor? sampleWeight, IReadOnlyDictionary<int, double>? classWeight, string op)
    {
        if (sampleWeight is not null && classWeight is not null)
            throw new InvalidArgumentError($"{op}: you cannot give classWeight and sampleWeight at the same time.");
        if (sampleWeight is not null)
        {
            if (sampleWeight.Rank is not (1 or 2) || sampleWeight.Shape[0] != n || (sampleWeight.Rank == 2 && sampleWeight.Shape[1] != 1))
                throw new InvalidArgumentError(
                    $"{op}: sampleWeight must have one weight per sample, shape ({n},) or ({n}, 1), got {sampleWeight.Shape}.");
            if (!sampleWeight.DType.IsNumeric)
                throw new InvalidArgumentError($"{op}: sampleWeight must be numeric, got {sampleWeight.DType.Name()}.");
            return sampleWeight.Rank == 2 ? tf.Reshape(sampleWeight, [n]) : sampleWeight;
        }
        if (classWeight is null) return null;
        if (y.Length != 1) throw new InvalidArgumentError($"{op}: classWeight is only supported for models with a single output, got {y.Length}.");
        if (classWeight.Count == 0) throw new InvalidArgumentError($"{op}: classWeight is empty.");
        var labels = y[0];
        Tensor classes;
        if (labels.Rank >= 2 && labels.Shape[-1] > 1) classes = tf.ArgMax(labels, -1);
        else
        {
            var flat = labels.Rank >= 2 ? tf.Squeeze(labels, [-1]) : labels;
            classes = tf.Cast(flat.DType.IsFloating ? tf.Round(flat) : flat, DType.Int64);
        }
        int maxClass = classWeight.Keys.Max();
        var table = new double[maxClass + 1];
        for (int c = 0; c <= maxClass; c++) table[c] = classWeight.TryGetValue(c, out var w) ? w : 1.0;
        var ids = classes.ToArray<long>();
        var weights = new float[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            if (ids[i] < 0 || ids[i] > maxClass)
                throw new InvalidArgumentError($"{op}: sample {i} has class {ids[i]}, which classWeight (classes 0..{maxClass}) does not cover.");
            weights[i] = (float)table[ids[i]];
        }
        return tf.Constant(weights, shape: classes.Shape);
    }

    /// <summary>The number of samples, the same for every x and y, or an error that names the mismatch.</summary>
    private static int Samples(Tensor[] x, Tensor[] y, string op)
    {
        if (x.Length == 0) throw new InvalidArgumentError($"{op}: no input data given.");
        var named = x.Select((t, i) => (t, name: x.Length == 1 ? "x" : $"x[{i}]"))
            .Concat(y.Select((t, i) => (t, name: y.Length == 1 ? "y" : $"y[{i}]"))).ToList();
        foreach (var (t, name) in named)
        {
            if (t is null) throw new ArgumentNullException(name, $"{op}: {name} is null.");
            if (t is KerasTensor) throw new InvalidArgumentError($"{op}: {name} is a symbolic tensor (keras.Input); give real data.");
            if (t.Rank == 0) throw new InvalidArgumentError($"{op}: {name} is a scalar; data needs a first (samples) dimension.");
        }
        int n = x[0].Shape[0];
        if (named.Any(p => p.t.Shape[0] != n))
            throw new InvalidArgumentError(
                $"{op}: x and y have different numbers of samples: {string.Join(", ", named.Select(p => $"{p.name} has {p.t.Shape[0]} (shape {p.t.Shape})"))}.");
        if (n == 0) throw new InvalidArgumentError($"{op}: the data has no samples.");
        return n;
    }

    /// <summary>Checks the whole of x against the model's input specs before any batch is cut, so that a wrong
    /// input is reported with the shape the user passed (not that of a batch, nor what a layer made of it).</summary>
    private void CheckInputs(Tensor[] x) => InputCompatibility.Assert(InputSpecs, x, Name);

    /// <summary>Checks labels against the loss on a first small batch, so that a dtype or rank mistake is reported
    /// before training starts, with the loss's own message.</summary>
    private void CheckData(Tensor[] x, Tensor[] y, string op)
    {
        int outputs = OutputCount;
        if (y.Length != outputs)
            throw new InvalidArgumentError($"{op}: model '{Name}' has {outputs} output(s) but {y.Length} label tensor(s) were given.");
        var st = _state!;
        var xb = x.Select(t => Batch.Rows(t, null, 0, Math.Min(2, t.Shape[0]))).ToArray();
        var yb = y.Select(t => Batch.Rows(t, null, 0, Math.Min(2, t.Shape[0]))).ToArray();
        var preds = Forward(xb, training: false);
        try
        {
            st.ComputeLoss(yb, preds, outputs);
        }
        catch (InvalidArgumentError e)
        {
            throw new InvalidArgumentError(
                $"{op}: the labels do not fit the loss {string.Join(", ", st.Losses.Select(l => l.GetType().Name).Distinct())} of model '{Name}' " +
                $"(x has shape {string.Join(", ", x.Select(t => t.Shape))}, y has shape {string.Join(", ", y.Select(t => $"{t.Shape} {t.DType.Name()}"))}; " +
                $"model output {string.Join(", ", preds.Select(p => p.Shape.With(0, -1)))}), checked on the first samples: {e.Message}");
        }
    }
}
