using Strata.Keras.Initializers;

namespace Strata.Keras.Layers;

/// <summary>
/// Keras 3's GroupNormalization: the channels (<see cref="Axis"/>, default the last) are split into
/// <see cref="Groups"/> groups, and each sample is normalized per group over the group's channels and all other
/// non-batch axes; then gamma and beta (one per channel) scale and shift. groups = channels is instance
/// normalization, groups = 1 layer normalization over all features.
/// </summary>
public sealed class GroupNormalization : Layer
{
    private int _axis = -1;

    /// <summary>A GroupNormalization layer (keras.layers.GroupNormalization); the output has the input's shape.</summary>
    /// <param name="groups">Keras's <c>groups</c>: how many groups the channels are split into; it must divide the channel
    /// count; 32 by default.</param>
    /// <param name="axis">Keras's <c>axis</c>: the channel axis; -1 (the last) by default.</param>
    /// <param name="epsilon">Keras's <c>epsilon</c>: added to the variance before its square root, non-negative; 1e-3 by
    /// default.</param>
    /// <param name="center">Keras's <c>center</c>: learn and add an offset beta; true by default.</param>
    /// <param name="scale">Keras's <c>scale</c>: learn and multiply by a scale gamma; true by default.</param>
    /// <param name="betaInitializer">Keras's <c>beta_initializer</c>; null for zeros.</param>
    /// <param name="gammaInitializer">Keras's <c>gamma_initializer</c>; null for ones.</param>
    /// <param name="name">The layer's name; null for <c>group_normalization</c>, <c>group_normalization_1</c>….</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    public GroupNormalization(int groups = 32, int axis = -1, double epsilon = 1e-3, bool center = true, bool scale = true,
        Initializer? betaInitializer = null, Initializer? gammaInitializer = null, string? name = null, Shape? inputShape = null)
        : base(name, inputShape)
    {
        if (groups <= 0) throw new InvalidArgumentError($"GroupNormalization: groups must be positive, got {groups}.");
        if (!(epsilon >= 0)) throw new InvalidArgumentError($"GroupNormalization: epsilon must be >= 0, got {epsilon}.");
        Groups = groups;
        Axis = axis;
        Epsilon = epsilon;
        Center = center;
        Scale = scale;
        BetaInitializer = betaInitializer ?? new Zeros();
        GammaInitializer = gammaInitializer ?? new Ones();
    }

    /// <summary>How many groups the channels are split into (it must divide the channel count).</summary>
    public int Groups { get; }
    /// <summary>The channel axis; -1 is the last.</summary>
    public int Axis { get; }
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

    /// <summary>The learned scale, one per channel.</summary>
    public Variable? Gamma { get; private set; }
    /// <summary>The learned offset, one per channel.</summary>
    public Variable? Beta { get; private set; }

    /// <summary>Checks the groups against the channel count and creates gamma and beta.</summary>
    public override void Build(Shape inputShape)
    {
        int axis = NormalizationAxes.Resolve(Axis, inputShape, Name, ClassName);
        int dim = inputShape[axis];
        // Keras 3's messages (the second says "multiple" where it means a divisor; kept so that errors match).
        if (dim < Groups)
            throw new InvalidArgumentError($"Number of groups ({Groups}) cannot be more than the number of channels ({dim}).");
        if (dim % Groups != 0)
            throw new InvalidArgumentError($"Number of groups ({Groups}) must be a multiple of the number of channels ({dim}).");
        if (Scale) Gamma = AddWeight("gamma", [dim], GammaInitializer);
        if (Center) Beta = AddWeight("beta", [dim], BetaInitializer);
        _axis = axis;
        InputSpec = new Engine.InputSpec(ndim: inputShape.Rank, axes: new Dictionary<int, int> { [axis] = dim });
    }

    /// <summary>Normalizes each group of each sample, then scales and shifts per channel.</summary>
    public override Tensor Call(Tensor inputs)
    {
        Guard.NotNull(inputs, $"GroupNormalization '{Name}'", "inputs");
        if (!Built)
        {
            Engine.InputCompatibility.Assert(CurrentInputSpecs, inputs, Name);
            EnsureBuilt(inputs.Shape);
        }
        if (inputs.Rank != BuildInputShape!.Value.Rank || inputs.Shape[_axis] != BuildInputShape.Value[_axis])
            Engine.InputCompatibility.Assert(CurrentInputSpecs, inputs, Name);
        var x = inputs.DType.IsFloating ? inputs : tf.Cast(inputs, DType.Float32);
        int dim = x.Shape[_axis];
        // (…, C, …) → (…, groups, C / groups, …): statistics over every axis but the batch and the group axis.
        var dims = x.Shape.ToArray();
        int[] grouped = [.. dims[.._axis], Groups, dim / Groups, .. dims[(_axis + 1)..]];
        var g = tf.Reshape(x, grouped);
        var axes = Enumerable.Range(1, grouped.Length - 1).Where(a => a != _axis).ToArray();
        var (mean, variance) = tf.Moments(g, axes, keepDims: true);
        var normalized = tf.Reshape(tf.Multiply(tf.Subtract(g, mean), tf.Divide(1.0, tf.Sqrt(tf.Add(variance, Epsilon)))), dims);
        var broadcast = Enumerable.Repeat(1, dims.Length).ToArray();
        broadcast[_axis] = dim;
        if (Gamma is not null) normalized = tf.Multiply(normalized, tf.Reshape(Gamma, broadcast));
        if (Beta is not null) normalized = tf.Add(normalized, tf.Reshape(Beta, broadcast));
        return normalized;
    }
}
