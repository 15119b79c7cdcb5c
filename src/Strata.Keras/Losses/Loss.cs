namespace Strata.Keras.Losses;

/// <summary>
/// A Keras loss: <see cref="Compute"/> gives one value per sample, <see cref="Call"/> reduces them as
/// <see cref="Reduction"/> says (Keras's default "sum_over_batch_size": the mean over the batch). Written with
/// tf ops, so a <see cref="GradientTape"/> differentiates it. Strings convert by Keras name
/// (<c>loss: "sparse_categorical_crossentropy"</c>).
/// </summary>
public abstract class Loss
{
    /// <summary>Keras's <c>backend.epsilon()</c>: probabilities are clipped to [epsilon, 1 - epsilon].</summary>
    public const double Epsilon = 1e-7;

    /// <summary>Keras 3's reductions: "sum_over_batch_size" and "mean" divide the (weighted) sum by the number of
    /// values, "mean_with_sample_weight" by the sum of the weights, "sum" does not divide, "none" keeps every value.</summary>
    public static readonly string[] Reductions = ["sum_over_batch_size", "mean", "mean_with_sample_weight", "sum", "none"];

    /// <summary>The name and reduction every loss has.</summary>
    /// <param name="name">The loss's name, in logs and saved configs (Keras's <c>name</c>).</param>
    /// <param name="reduction">How <see cref="Call"/> reduces the per-sample losses: one of
    /// <see cref="Reductions"/>.</param>
    /// <exception cref="InvalidArgumentError"><paramref name="reduction"/> is not one of
    /// <see cref="Reductions"/>.</exception>
    protected Loss(string name, string reduction)
    {
        if (!Reductions.Contains(reduction))
            throw new InvalidArgumentError($"{GetType().Name}: unknown reduction '{reduction}'. Known: {string.Join(", ", Reductions)}.");
        Name = name;
        Reduction = reduction;
    }

    /// <summary>The loss's name, in logs and saved configs (<c>"mean_squared_error"</c>, …).</summary>
    public string Name { get; }
    /// <summary>How <see cref="Call"/> reduces the per-sample losses: one of <see cref="Reductions"/>.</summary>
    public string Reduction { get; }

    /// <summary>The loss of each sample (shape: the batch shape of <paramref name="yPred"/>).</summary>
    public abstract Tensor Compute(Tensor yTrue, Tensor yPred);

    /// <summary>
    /// The reduced loss: a scalar, or per-sample values for reduction "none". As Keras 3's <c>Loss.__call__</c>: the
    /// per-sample losses are multiplied by <paramref name="sampleWeight"/> (a scalar, or one weight per sample: (N,) and
    /// (N, 1) both fit (N,) losses), then reduced; weights do not change the divisor of "sum_over_batch_size".
    /// </summary>
    public Tensor Call(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        Guard.NotNull(yTrue, Name, "yTrue");
        Guard.NotNull(yPred, Name, "yPred");
        var losses = Compute(yTrue, yPred);
        if (sampleWeight is not null)
        {
            var w = sampleWeight.DType == losses.DType ? sampleWeight : tf.Cast(sampleWeight, losses.DType);
            (losses, w) = SameRank(losses, w);
            try { losses = losses * w; }
            catch (InvalidArgumentError e)
            {
                throw new InvalidArgumentError(
                    $"{GetType().Name}: sample_weight of shape {sampleWeight.Shape} does not fit the per-sample losses of shape {losses.Shape}: {e.Message}");
            }
            return Reduce(losses, w);
        }
        return Reduce(losses, null);
    }

    /// <summary>Keras's reduce_values: a scalar or an empty (0,) loss is returned as it is.</summary>
    private Tensor Reduce(Tensor values, Tensor? weights)
    {
        if (Reduction == "none" || values.Rank == 0 || (values.Rank == 1 && values.Shape[0] == 0)) return values;
        if (Reduction == "sum") return tf.ReduceSum(values);
        if (Reduction == "mean_with_sample_weight" && weights is not null)
        {
            // Keras divides by the sum of the weights as given (a scalar weight counts once), with divide_no_nan.
            var divisor = tf.ReduceSum(weights);
            var nonZero = tf.NotEqual(divisor, 0.0);
            return tf.Where(nonZero, tf.ReduceSum(values) / tf.Where(nonZero, divisor, 1.0), 0.0);
        }
        // The sum over the number of values; none at all (a (0, k) batch) gives 0, as divide_no_nan does.
        return values.Size == 0 ? tf.Zeros(Shape.Scalar, values.DType) : tf.ReduceMean(values);
    }

    /// <summary>Keras's squeeze_or_expand_to_same_rank for losses and weights: a trailing unit axis is dropped or
    /// added so that (N,) and (N, 1) meet without broadcasting to (N, N).</summary>
    private static (Tensor, Tensor) SameRank(Tensor x1, Tensor x2)
    {
        if (x1.Rank == x2.Rank + 1 && x1.Shape[-1] == 1)
        {
            if (x2.Rank == 1) x2 = tf.ExpandDims(x2, -1);
            else x1 = tf.Squeeze(x1, [-1]);
        }
        else if (x2.Rank == x1.Rank + 1 && x2.Shape[-1] == 1)
        {
            if (x1.Rank == 1) x1 = tf.ExpandDims(x1, -1);
            else x2 = tf.Squeeze(x2, [-1]);
        }
        return (x1, x2);
    }

    /// <summary>Looks up a loss by Keras name, as <see cref="Get"/> does (<c>loss: "mse"</c>).</summary>
    public static implicit operator Loss(string name) => Get(name);

    /// <summary>The loss names and aliases <see cref="Get"/> accepts (<c>"mse"</c>, <c>"mean_squared_error"</c>, …), in the
    /// order an unknown name lists them.</summary>
    public static readonly string[] KnownNames =
    [
        "mse", "mean_squared_error", "mae", "mean_absolute_error", "binary_crossentropy", "categorical_crossentropy",
        "sparse_categorical_crossentropy", "huber", "huber_loss", "kl_divergence", "kld", "kullback_leibler_divergence",
        "poisson", "cosine_similarity", "log_cosh", "logcosh", "hinge", "squared_hinge", "categorical_hinge",
        "mape", "mean_absolute_percentage_error", "msle", "mean_squared_logarithmic_error", "binary_focal_crossentropy",
        "categorical_focal_crossentropy",
    ];

    /// <summary>A loss by Keras name; an unknown name is an error that lists the known ones.</summary>
    public static Loss Get(string name) => (name ?? throw new ArgumentNullException(nameof(name))).ToLowerInvariant() switch
    {
        "mse" or "mean_squared_error" => new MeanSquaredError(),
        "mae" or "mean_absolute_error" => new MeanAbsoluteError(),
        "binary_crossentropy" => new BinaryCrossentropy(),
        "categorical_crossentropy" => new CategoricalCrossentropy(),
        "sparse_categorical_crossentropy" => new SparseCategoricalCrossentropy(),
        "huber" or "huber_loss" => new Huber(),
        "kl_divergence" or "kld" or "kullback_leibler_divergence" => new KLDivergence(),
        "poisson" => new Poisson(),
        "cosine_similarity" => new CosineSimilarity(),
        "log_cosh" or "logcosh" => new LogCosh(),
        "hinge" => new Hinge(),
        "squared_hinge" => new SquaredHinge(),
        "categorical_hinge" => new CategoricalHinge(),
        "mape" or "mean_absolute_percentage_error" => new MeanAbsolutePercentageError(),
        "msle" or "mean_squared_logarithmic_error" => new MeanSquaredLogarithmicError(),
        "binary_focal_crossentropy" => new BinaryFocalCrossentropy(),
        "categorical_focal_crossentropy" => new CategoricalFocalCrossentropy(),
        _ => throw new InvalidArgumentError($"Unknown loss '{name}'. Known: {string.Join(", ", KnownNames)}."),
    };

    // ----- shared by the losses -----

    /// <summary>Keras's squeeze_or_expand_to_same_rank: labels (N,) against predictions (N, 1) gain the unit axis
    /// (and the reverse), so that they never broadcast to (N, N). Any other mismatch is an error.</summary>
    internal static Tensor MatchLabels(Tensor yTrue, Tensor yPred, string loss)
    {
        if (yTrue.Rank == yPred.Rank - 1 && yPred.Rank > 0 && yPred.Shape[-1] == 1) yTrue = tf.ExpandDims(yTrue, -1);
        else if (yTrue.Rank == yPred.Rank + 1 && yTrue.Shape[-1] == 1) yTrue = tf.Squeeze(yTrue, [-1]);
        if (yTrue.Shape != yPred.Shape)
            throw new InvalidArgumentError(
                $"{loss}: y_true has shape {yTrue.Shape} and y_pred has shape {yPred.Shape}; they must match.");
        if (yTrue.DType == DType.Bool)
            throw new InvalidArgumentError($"{loss}: y_true is bool; cast it to a number first.");
        return yTrue.DType == yPred.DType ? yTrue : tf.Cast(yTrue, yPred.DType);
    }

    internal static void RequireFloatPredictions(Tensor yPred, string loss)
    {
        if (!yPred.DType.IsFloating)
            throw new InvalidArgumentError($"{loss}: y_pred must be float32 or float64, got {yPred.DType.Name()} with shape {yPred.Shape}.");
    }

    internal static Tensor ClipProbabilities(Tensor p) => tf.ClipByValue(p, Epsilon, 1 - Epsilon);
}
