using Strata.Keras.Engine;
using Strata.Keras.Initializers;

namespace Strata.Keras.Layers;

/// <summary>
/// Keras 3's BatchNormalization over <see cref="Axis"/> (default the last, the channels). In training
/// (<c>training: true</c>, as Fit calls it) it normalizes with the batch mean and biased variance and updates the
/// moving statistics, <c>moving = moving · momentum + batch · (1 - momentum)</c>; otherwise it normalizes with the
/// moving statistics. A frozen layer (<c>Trainable = false</c>) always runs in inference mode, as in Keras 3, so
/// fine-tuning leaves its statistics alone. Weights in Keras's order: gamma, beta (trainable), moving_mean,
/// moving_variance (non-trainable).
/// </summary>
public sealed class BatchNormalization : Layer
{
    private Tensor? _ones, _zeros; // stand-ins for gamma / beta when scale / center are off
    private int _axis = -1;

    /// <summary>A BatchNormalization layer (keras.layers.BatchNormalization); the output has the input's shape.</summary>
    /// <param name="axis">Keras's <c>axis</c>: the features axis, one statistic per entry; -1 (the last, the channels) by
    /// default.</param>
    /// <param name="momentum">Keras's <c>momentum</c>: the weight of the old moving statistics in each update, in [0, 1];
    /// 0.99 by default.</param>
    /// <param name="epsilon">Keras's <c>epsilon</c>: added to the variance before its square root, non-negative; 1e-3 by
    /// default.</param>
    /// <param name="center">Keras's <c>center</c>: learn and add an offset beta; true by default.</param>
    /// <param name="scale">Keras's <c>scale</c>: learn and multiply by a scale gamma; true by default.</param>
    /// <param name="betaInitializer">Keras's <c>beta_initializer</c>; null for zeros.</param>
    /// <param name="gammaInitializer">Keras's <c>gamma_initializer</c>; null for ones.</param>
    /// <param name="movingMeanInitializer">Keras's <c>moving_mean_initializer</c>; null for zeros.</param>
    /// <param name="movingVarianceInitializer">Keras's <c>moving_variance_initializer</c>; null for ones.</param>
    /// <param name="name">The layer's name; null for <c>batch_normalization</c>, <c>batch_normalization_1</c>….</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    public BatchNormalization(int axis = -1, double momentum = 0.99, double epsilon = 1e-3, bool center = true, bool scale = true,
        Initializer? betaInitializer = null, Initializer? gammaInitializer = null, Initializer? movingMeanInitializer = null,
        Initializer? movingVarianceInitializer = null, string? name = null, Shape? inputShape = null)
        : base(name, inputShape)
    {
        if (!(epsilon >= 0)) throw new InvalidArgumentError($"BatchNormalization: epsilon must be >= 0, got {epsilon}.");
        if (!(momentum >= 0 && momentum <= 1)) throw new InvalidArgumentError($"BatchNormalization: momentum must be in [0, 1], got {momentum}.");
        Axis = axis;
        Momentum = momentum;
        Epsilon = epsilon;
        Center = center;
        Scale = scale;
        BetaInitializer = betaInitializer ?? new Zeros();
        GammaInitializer = gammaInitializer ?? new Ones();
        MovingMeanInitializer = movingMeanInitializer ?? new Zeros();
        MovingVarianceInitializer = movingVarianceInitializer ?? new Ones();
    }

    /// <summary>The axis normalized (its size is the number of statistics); -1 is the last.</summary>
    public int Axis { get; }
    /// <summary>Weight of the old moving statistics in each update.</summary>
    public double Momentum { get; }
    /// <summary>Added to the variance before its square root.</summary>
    public double Epsilon { get; }
    /// <summary>Whether beta (an offset) is learned and added.</summary>
    public bool Center { get; }
    /// <summary>Whether gamma (a scale) is learned and multiplied.</summary>
    public bool Scale { get; }
    /// <summary>Initial beta (zeros).</summary>
    public Initializer BetaInitializer { get; }
    /// <summary>Initial gamma (ones).</summary>
    public Initializer GammaInitializer { get; }
    /// <summary>Initial moving mean (zeros).</summary>
    public Initializer MovingMeanInitializer { get; }
    /// <summary>Initial moving variance (ones).</summary>
    public Initializer MovingVarianceInitializer { get; }

    /// <summary>The learned scale (null before building or with scale: false).</summary>
    public Variable? Gamma { get; private set; }
    /// <summary>The learned offset (null before building or with center: false).</summary>
    public Variable? Beta { get; private set; }
    /// <summary>The moving mean used in inference (non-trainable).</summary>
    public Variable? MovingMean { get; private set; }
    /// <summary>The moving (biased) variance used in inference (non-trainable).</summary>
    public Variable? MovingVariance { get; private set; }

    /// <summary>Creates gamma, beta, moving_mean and moving_variance, one value per channel of the axis.</summary>
    public override void Build(Shape inputShape)
    {
        int axis = NormalizationAxes.Resolve(Axis, inputShape, Name, ClassName);
        int dim = inputShape[axis];
        if (Scale) Gamma = AddWeight("gamma", [dim], GammaInitializer);
        if (Center) Beta = AddWeight("beta", [dim], BetaInitializer);
        MovingMean = AddWeight("moving_mean", [dim], MovingMeanInitializer, trainable: false);
        MovingVariance = AddWeight("moving_variance", [dim], MovingVarianceInitializer, trainable: false);
        _axis = axis;
        InputSpec = new InputSpec(ndim: inputShape.Rank, axes: new Dictionary<int, int> { [axis] = dim });
    }

    /// <summary>Inference: normalizes with the moving statistics.</summary>
    public override Tensor Call(Tensor inputs) => Call(inputs, training: false);

    /// <summary>Training (batch statistics, moving update) when <paramref name="training"/> is true and the layer is trainable; inference otherwise.</summary>
    public override Tensor Call(Tensor inputs, bool? training)
    {
        Guard.NotNull(inputs, $"BatchNormalization '{Name}'", "inputs");
        if (MovingMean is null)
        {
            InputCompatibility.Assert(CurrentInputSpecs, inputs, Name); // as Apply does, before building
            EnsureBuilt(inputs.Shape);
        }
        int dim = MovingMean!.Shape[0];
        // Called directly rather than through Apply, the input has not met the spec yet: Keras's message.
        if (inputs.Rank != BuildInputShape!.Value.Rank || inputs.Shape[_axis] != dim) InputCompatibility.Assert(CurrentInputSpecs, inputs, Name);
        var x = inputs.DType == MovingMean.DType ? inputs : tf.Cast(inputs, MovingMean.DType);
        var gamma = (Tensor?)Gamma ?? (_ones ??= tf.Ones([dim], MovingMean.DType));
        var beta = (Tensor?)Beta ?? (_zeros ??= tf.Zeros([dim], MovingMean.DType));
        // Keras 3: batch statistics only when training and trainable; a frozen layer normalizes as in inference.
        bool useBatch = training == true && Trainable;
        if (_axis == x.Rank - 1)
        {
            if (!useBatch) return tf.FusedBatchNorm(x, gamma, beta, MovingMean, MovingVariance, Epsilon, training: false).Y;
            var r = tf.FusedBatchNorm(x, gamma, beta, epsilon: Epsilon, training: true);
            UpdateMovingStatistics(r.BatchMean, r.BatchVariance);
            return r.Y;
        }
        // Another axis: the same formula from ops, the statistics shaped to broadcast along it.
        var shape = Enumerable.Repeat(1, x.Rank).ToArray();
        shape[_axis] = dim;
        Tensor mean, variance;
        if (useBatch)
        {
            (mean, variance) = tf.Moments(x, Enumerable.Range(0, x.Rank).Where(a => a != _axis).ToArray(), keepDims: true);
            UpdateMovingStatistics(tf.Reshape(mean, [dim]), tf.Reshape(variance, [dim]));
        }
        else (mean, variance) = (tf.Reshape(MovingMean, shape), tf.Reshape(MovingVariance!, shape));
        return tf.BatchNormalization(x, mean, variance, tf.Reshape(beta, shape), tf.Reshape(gamma, shape), Epsilon);
    }

    /// <summary>Keras 3's update with the biased batch variance, outside any tape (it is state, not a computation
    /// to differentiate).</summary>
    private void UpdateMovingStatistics(Tensor batchMean, Tensor batchVariance)
    {
        if (Probing) return; // a symbolic call (keras.Input) runs on zeros: they are no batch
        using (GradientTape.PauseAll())
        {
            MovingMean!.Assign(MovingMean * Momentum + batchMean * (1 - Momentum));
            MovingVariance!.Assign(MovingVariance * Momentum + batchVariance * (1 - Momentum));
        }
    }
}
