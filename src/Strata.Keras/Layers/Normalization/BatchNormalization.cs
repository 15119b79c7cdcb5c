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

    public int Axis { get; }
    public double Momentum { get; }
    public double Epsilon { get; }
    public bool Center { get; }
    public bool Scale { get; }
    public Initializer BetaInitializer { get; }
    public Initializer GammaInitializer { get; }
    public Initializer MovingMeanInitializer { get; }
    public Initializer MovingVarianceInitializer { get; }

    public Variable? Gamma { get; private set; }
    public Variable? Beta { get; private set; }
    public Variable? MovingMean { get; private set; }
    public Variable? MovingVariance { get; private set; }

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

    public override Tensor Call(Tensor inputs) => Call(inputs, training: false);

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
        using (GradientTape.PauseAll())
        {
            MovingMean!.Assign(MovingMean * Momentum + batchMean * (1 - Momentum));
            MovingVariance!.Assign(MovingVariance * Momentum + batchVariance * (1 - Momentum));
        }
    }
}
