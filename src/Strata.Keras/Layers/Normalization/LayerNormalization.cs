using Strata.Keras.Initializers;

namespace Strata.Keras.Layers;

/// <summary>
/// Keras 3's LayerNormalization: each sample normalized over <see cref="Axes"/> (default the last) with its own
/// mean and biased variance, <c>(x - mean) / sqrt(var + epsilon) · gamma + beta</c>, gamma and beta shaped like those
/// axes. The same in training and inference.
/// </summary>
public sealed class LayerNormalization : Layer
{
    private int[]? _axes;
    private int[]? _broadcast;

    /// <summary>A LayerNormalization layer (keras.layers.LayerNormalization) over one axis; the output has the input's
    /// shape.</summary>
    /// <param name="axis">Keras's <c>axis</c>: the axis each sample is normalized over; -1 (the last) by default.</param>
    /// <param name="epsilon">Keras's <c>epsilon</c>: added to the variance before its square root, non-negative; 1e-3 by
    /// default.</param>
    /// <param name="center">Keras's <c>center</c>: learn and add an offset beta; true by default.</param>
    /// <param name="scale">Keras's <c>scale</c>: learn and multiply by a scale gamma; true by default.</param>
    /// <param name="betaInitializer">Keras's <c>beta_initializer</c>; null for zeros.</param>
    /// <param name="gammaInitializer">Keras's <c>gamma_initializer</c>; null for ones.</param>
    /// <param name="name">The layer's name; null for <c>layer_normalization</c>, <c>layer_normalization_1</c>….</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    public LayerNormalization(int axis = -1, double epsilon = 1e-3, bool center = true, bool scale = true,
        Initializer? betaInitializer = null, Initializer? gammaInitializer = null, string? name = null, Shape? inputShape = null)
        : this([axis], epsilon, center, scale, betaInitializer, gammaInitializer, name, inputShape)
    {
    }

    /// <summary>Normalizes over several axes (Keras's <c>axis=[1, 2]</c>).</summary>
    public LayerNormalization(int[] axis, double epsilon = 1e-3, bool center = true, bool scale = true,
        Initializer? betaInitializer = null, Initializer? gammaInitializer = null, string? name = null, Shape? inputShape = null)
        : base(name, inputShape)
    {
        if (axis is null || axis.Length == 0) throw new InvalidArgumentError("LayerNormalization: axis must name at least one axis.");
        if (!(epsilon >= 0)) throw new InvalidArgumentError($"LayerNormalization: epsilon must be >= 0, got {epsilon}.");
        Axes = (int[])axis.Clone();
        SupportsMasking = true;
        Epsilon = epsilon;
        Center = center;
        Scale = scale;
        BetaInitializer = betaInitializer ?? new Zeros();
        GammaInitializer = gammaInitializer ?? new Ones();
    }

    /// <summary>The axes each sample is normalized over.</summary>
    public IReadOnlyList<int> Axes { get; }
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

    /// <summary>The learned scale, shaped like the normalized axes.</summary>
    public Variable? Gamma { get; private set; }
    /// <summary>The learned offset, shaped like the normalized axes.</summary>
    public Variable? Beta { get; private set; }

    /// <summary>Creates gamma and beta for the sizes of the normalized axes.</summary>
    public override void Build(Shape inputShape)
    {
        var axes = Axes.Select(a => NormalizationAxes.Resolve(a, inputShape, Name, ClassName)).ToArray();
        if (axes.Distinct().Count() != axes.Length)
            throw new InvalidArgumentError($"LayerNormalization '{Name}': axis [{string.Join(", ", Axes)}] names an axis twice.");
        int[] paramShape = axes.Select(a => inputShape[a]).ToArray();
        if (Scale) Gamma = AddWeight("gamma", paramShape, GammaInitializer);
        if (Center) Beta = AddWeight("beta", paramShape, BetaInitializer);
        _axes = axes;
        _broadcast = Enumerable.Repeat(1, inputShape.Rank).ToArray();
        foreach (var a in axes) _broadcast[a] = inputShape[a];
        InputSpec = new Engine.InputSpec(ndim: inputShape.Rank, axes: axes.ToDictionary(a => a, a => inputShape[a]));
    }

    /// <summary>Normalizes each sample over the axes, then scales and shifts.</summary>
    public override Tensor Call(Tensor inputs)
    {
        Guard.NotNull(inputs, $"LayerNormalization '{Name}'", "inputs");
        if (_axes is null)
        {
            Engine.InputCompatibility.Assert(CurrentInputSpecs, inputs, Name);
            EnsureBuilt(inputs.Shape);
        }
        if (inputs.Rank != _broadcast!.Length) Engine.InputCompatibility.Assert(CurrentInputSpecs, inputs, Name);
        var x = inputs.DType.IsFloating ? inputs : tf.Cast(inputs, DType.Float32);
        var (mean, variance) = tf.Moments(x, _axes!, keepDims: true);
        // Keras's arrangement: inv = rsqrt(var + eps) · gamma; y = x · inv + (beta - mean · inv).
        var inv = tf.Divide(1.0, tf.Sqrt(tf.Add(variance, Epsilon)));
        if (Gamma is not null) inv = tf.Multiply(inv, tf.Reshape(Gamma, _broadcast));
        var shift = tf.Negative(tf.Multiply(mean, inv));
        if (Beta is not null) shift = tf.Add(shift, tf.Reshape(Beta, _broadcast));
        return tf.Add(tf.Multiply(x, inv), shift);
    }
}
