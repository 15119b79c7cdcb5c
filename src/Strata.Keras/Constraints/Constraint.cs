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

    public abstract Tensor Call(Tensor w);

    public static implicit operator Constraint(string name) => Get(name);

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
public sealed class MaxNorm(double maxValue = 2, int axis = 0) : Constraint
{
    public double MaxValue { get; } = maxValue;
    public int Axis { get; } = axis;

    public override Tensor Call(Tensor w)
    {
        var norms = Norms(w, Axis);
        var desired = tf.ClipByValue(norms, 0, MaxValue);
        return w * (desired / (norms + Epsilon));
    }
}

/// <summary>Moves each slice's norm into [minValue, maxValue] (Keras defaults 0 and 1), by the fraction <c>rate</c> per step.</summary>
public sealed class MinMaxNorm(double minValue = 0, double maxValue = 1, double rate = 1, int axis = 0) : Constraint
{
    public double MinValue { get; } = minValue;
    public double MaxValue { get; } = maxValue;
    public double Rate { get; } = rate;
    public int Axis { get; } = axis;

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
    public override Tensor Call(Tensor w) => w * tf.Cast(tf.GreaterEqual(w, Tensor.Scalar(0.0, w.DType)), w.DType);
}

/// <summary>Each slice along <c>axis</c> (default 0) scaled to unit norm.</summary>
public sealed class UnitNorm(int axis = 0) : Constraint
{
    public int Axis { get; } = axis;

    public override Tensor Call(Tensor w) => w / (Norms(w, Axis) + Epsilon);
}
