using System.Runtime.CompilerServices;

namespace Strata.Keras.Constraints;

/// <summary>
/// A projection applied to a weight after each optimizer update (Keras's <c>keras.constraints</c>): the weight takes
/// <see cref="Call"/> of its new value. Strings convert by Keras name: <c>kernelConstraint: "non_neg"</c>.
/// </summary>
public abstract class Constraint
{
    /// <summary>Keras's backend epsilon, in the norms' denominators.</summary>
    private protected const double Epsilon = 1e-7;

    /// <summary>The projection of <paramref name="w"/> (Keras's <c>Constraint.__call__</c>), run on the weight's new value
    /// after each optimizer update.</summary>
    /// <param name="w">The weight's value after the update.</param>
    /// <returns>The value the weight takes, of <paramref name="w"/>'s shape and dtype.</returns>
    public abstract Tensor Call(Tensor w);

    /// <summary>Looks up a constraint by Keras name, as <see cref="Get"/> does (<c>kernelConstraint:
    /// "max_norm"</c>).</summary>
    public static implicit operator Constraint(string name) => Get(name);

    /// <summary>keras.constraints.get: <c>"max_norm"</c>, <c>"min_max_norm"</c>, <c>"non_neg"</c> or <c>"unit_norm"</c>
    /// (the Keras 2 spellings without underscores too), with Keras 3's defaults.</summary>
    /// <param name="name">The constraint's Keras name, case-insensitive.</param>
    /// <exception cref="InvalidArgumentError">The name is unknown.</exception>
    public static Constraint Get(string name) => (name ?? throw new ArgumentNullException(nameof(name))).ToLowerInvariant() switch
    {
        "max_norm" or "maxnorm" => new MaxNorm(),
        "min_max_norm" or "minmaxnorm" => new MinMaxNorm(),
        "non_neg" or "nonneg" => new NonNeg(),
        "unit_norm" or "unitnorm" => new UnitNorm(),
        _ => throw new InvalidArgumentError($"Unknown constraint '{name}'. Known: max_norm, min_max_norm, non_neg, unit_norm."),
    };

    // The constraint of each variable that has one (set by Layer.AddWeight, read by the optimizers).
    private static readonly ConditionalWeakTable<Variable, Constraint> Attached = new();

    internal static void Attach(Variable v, Constraint c) => Attached.AddOrUpdate(v, c);

    internal static Constraint? Of(Variable v) => Attached.TryGetValue(v, out var c) ? c : null;

    /// <summary>The Euclidean norm along <paramref name="axis"/>, kept as a dimension of size 1.</summary>
    private protected static Tensor Norms(Tensor w, int axis) => tf.Sqrt(tf.ReduceSum(tf.Square(w), [axis], keepDims: true));
}

/// <summary>Scales each slice along <c>axis</c> (default 0: each input's weights into a unit of a Dense kernel) down to
/// a norm of at most <c>maxValue</c> (Keras default 2).</summary>
/// <param name="maxValue">The largest norm a slice may have; Keras 3's default 2.</param>
/// <param name="axis">The axis the norms are taken along; default 0.</param>
public sealed class MaxNorm(double maxValue = 2, int axis = 0) : Constraint
{
    /// <summary>The largest norm a slice may keep.</summary>
    public double MaxValue { get; } = maxValue;
    /// <summary>The axis along which slice norms are taken (0: the norm of each output unit's incoming weights in a Dense
    /// kernel).</summary>
    public int Axis { get; } = axis;

    /// <summary>Scales every slice whose norm exceeds <see cref="MaxValue"/> down to that norm.</summary>
    /// <inheritdoc/>
    public override Tensor Call(Tensor w)
    {
        var norms = Norms(w, Axis);
        var desired = tf.ClipByValue(norms, 0, MaxValue);
        return w * (desired / (norms + Epsilon));
    }
}

/// <summary>Moves each slice's norm into [minValue, maxValue] (Keras defaults 0 and 1), by the fraction <c>rate</c> per step.</summary>
/// <param name="minValue">The smallest norm a slice may have; Keras 3's default 0.</param>
/// <param name="maxValue">The largest norm a slice may have; default 1.</param>
/// <param name="rate">The fraction of the way to the clipped norm taken per step (1, the default, goes all the way):
/// norm·(1 - rate) + rate·clip(norm, minValue, maxValue).</param>
/// <param name="axis">The axis the norms are taken along; default 0.</param>
public sealed class MinMaxNorm(double minValue = 0, double maxValue = 1, double rate = 1, int axis = 0) : Constraint
{
    /// <summary>The smallest norm a slice is moved towards.</summary>
    public double MinValue { get; } = minValue;
    /// <summary>The largest norm a slice is moved towards.</summary>
    public double MaxValue { get; } = maxValue;
    /// <summary>The fraction of the way to the clipped norm taken at each step.</summary>
    public double Rate { get; } = rate;
    /// <summary>The axis along which slice norms are taken.</summary>
    public int Axis { get; } = axis;

    /// <summary>Moves every slice's norm towards [<see cref="MinValue"/>, <see cref="MaxValue"/>] by
    /// <see cref="Rate"/>.</summary>
    /// <inheritdoc/>
    public override Tensor Call(Tensor w)
    {
        var norms = Norms(w, Axis);
        var desired = tf.ClipByValue(norms, MinValue, MaxValue) * Rate + norms * (1 - Rate);
        return w * (desired / (norms + Epsilon));
    }
}

/// <summary>Negative weights become 0.</summary>
public sealed class NonNeg : Constraint
{
    /// <summary>Sets negative entries to 0 and keeps the others.</summary>
    /// <inheritdoc/>
    public override Tensor Call(Tensor w) => w * tf.Cast(tf.GreaterEqual(w, Tensor.Scalar(0.0, w.DType)), w.DType);
}

/// <summary>Each slice along <c>axis</c> (default 0) scaled to unit norm.</summary>
/// <param name="axis">The axis the norms are taken along; Keras 3's default 0.</param>
public sealed class UnitNorm(int axis = 0) : Constraint
{
    /// <summary>The axis along which slice norms are taken.</summary>
    public int Axis { get; } = axis;

    /// <summary>Divides every slice by its norm.</summary>
    /// <inheritdoc/>
    public override Tensor Call(Tensor w) => w / (Norms(w, Axis) + Epsilon);
}
