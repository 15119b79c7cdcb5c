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

    public static readonly string[] Reductions = ["sum_over_batch_size", "mean", "sum", "none"];

    protected Loss(string name, string reduction)
    {
        if (!Reductions.Contains(reduction))
            throw new InvalidArgumentError($"{GetType().Name}: unknown reduction '{reduction}'. Known: {string.Join(", ", Reductions)}.");
        Name = name;
        Reduction = reduction;
    }

    public string Name { get; }
    public string Reduction { get; }

    /// <summary>The loss of each sample (shape: the batch shape of <paramref name="yPred"/>).</summary>
    public abstract Tensor Compute(Tensor yTrue, Tensor yPred);

    /// <summary>The reduced loss: a scalar, or per-sample values for reduction "none".</summary>
    public Tensor Call(Tensor yTrue, Tensor yPred)
    {
        Guard.NotNull(yTrue, Name, "yTrue");
        Guard.NotNull(yPred, Name, "yPred");
        var losses = Compute(yTrue, yPred);
        return Reduction switch
        {
            "none" => losses,
            "sum" => tf.ReduceSum(losses),
            _ => tf.ReduceMean(losses),
        };
    }

    public static implicit operator Loss(string name) => Get(name);

    public static readonly string[] KnownNames =
    [
        "mse", "mean_squared_error", "mae", "mean_absolute_error", "binary_crossentropy", "categorical_crossentropy",
        "sparse_categorical_crossentropy", "huber", "huber_loss",
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
