namespace Strata.Keras.Optimizers;

/// <summary>
/// A learning rate as a function of the optimizer's step (Keras's <c>LearningRateSchedule</c>). A plain number
/// converts to a constant schedule, so <c>new Adam(learningRate: 0.01)</c> and
/// <c>new Adam(learningRate: new ExponentialDecay(0.1, 1000, 0.96))</c> both read as in Keras.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate at optimizer step <paramref name="step"/> (0 for the first update).</summary>
    public abstract double Call(long step);

    /// <summary>A constant schedule, so a plain number can be passed wherever a schedule is expected.</summary>
    public static implicit operator LearningRateSchedule(double learningRate) => new ConstantLearningRate(learningRate);
}

/// <summary>A fixed learning rate.</summary>
/// <param name="value">The learning rate at every step.</param>
public sealed class ConstantLearningRate(double value) : LearningRateSchedule
{
    /// <summary>The learning rate at every step.</summary>
    public double Value { get; } = value;
    /// <inheritdoc/>
    public override double Call(long step) => Value;
}

/// <summary>keras.optimizers.schedules.ExponentialDecay: initial · rate^(step / decaySteps), the exponent floored when
/// <c>staircase</c>.</summary>
/// <param name="initialLearningRate">The rate at step 0.</param>
/// <param name="decaySteps">The steps over which the rate is multiplied by <paramref name="decayRate"/> once; must be
/// positive.</param>
/// <param name="decayRate">The factor applied every <paramref name="decaySteps"/> steps.</param>
/// <param name="staircase">Whether the rate drops in steps (integer exponent) rather than smoothly; Keras 3's default
/// false.</param>
public sealed class ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate, bool staircase = false) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double Call(long step)
    {
        if (decaySteps <= 0) throw new InvalidArgumentError($"ExponentialDecay: decaySteps must be positive, got {decaySteps}.");
        double p = (double)step / decaySteps;
        if (staircase) p = Math.Floor(p);
        return initialLearningRate * Math.Pow(decayRate, p);
    }
}

/// <summary>keras.optimizers.schedules.PiecewiseConstantDecay: values[0] up to and including boundaries[0], values[i] on
/// (boundaries[i-1], boundaries[i]], the last value after.</summary>
public sealed class PiecewiseConstantDecay : LearningRateSchedule
{
    private readonly long[] _boundaries;
    private readonly double[] _values;

    /// <summary>A schedule that holds <paramref name="values"/>[i] from one of <paramref name="boundaries"/> to the
    /// next.</summary>
    /// <param name="boundaries">The increasing steps at which the rate changes.</param>
    /// <param name="values">The rates: one more than <paramref name="boundaries"/>.</param>
    /// <exception cref="InvalidArgumentError"><paramref name="values"/> does not have one entry more than
    /// <paramref name="boundaries"/>.</exception>
    public PiecewiseConstantDecay(long[] boundaries, double[] values)
    {
        if (values.Length != boundaries.Length + 1)
            throw new InvalidArgumentError(
                $"PiecewiseConstantDecay: values must have one more entry than boundaries, got {values.Length} values and {boundaries.Length} boundaries.");
        _boundaries = (long[])boundaries.Clone();
        _values = (double[])values.Clone();
    }

    /// <inheritdoc/>
    public override double Call(long step)
    {
        for (int i = 0; i < _boundaries.Length; i++)
            if (step <= _boundaries[i]) return _values[i];
        return _values[^1];
    }
}

/// <summary>
/// keras.optimizers.schedules.CosineDecay: cosine decay from the initial rate (or, after an optional linear warmup to
/// <c>warmupTarget</c>, from that) to initial · alpha over <c>decaySteps</c>:
/// decayed = (1 - alpha) · ½(1 + cos(π · min(step, decaySteps) / decaySteps)) + alpha.
/// </summary>
/// <param name="initialLearningRate">The rate at step 0 (the start of the warmup when there is one).</param>
/// <param name="decaySteps">The steps of the cosine decay (after the warmup).</param>
/// <param name="alpha">The floor, as a fraction of the starting rate; Keras 3's default 0.</param>
/// <param name="warmupTarget">The rate the linear warmup reaches, then decayed from; default none (no warmup).</param>
/// <param name="warmupSteps">The steps of the linear warmup; default 0.</param>
public sealed class CosineDecay(double initialLearningRate, long decaySteps, double alpha = 0, double? warmupTarget = null, long warmupSteps = 0)
    : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double Call(long step)
    {
        if (warmupTarget is { } target && step < warmupSteps)
            return initialLearningRate + (target - initialLearningRate) * step / warmupSteps;
        double start = warmupTarget ?? initialLearningRate;
        long s = warmupTarget is null ? step : step - warmupSteps;
        double fraction = Math.Min(s, decaySteps) / (double)decaySteps;
        double cosine = 0.5 * (1 + Math.Cos(Math.PI * fraction));
        return start * ((1 - alpha) * cosine + alpha);
    }
}

/// <summary>keras.optimizers.schedules.InverseTimeDecay: initial / (1 + rate · step / decaySteps), the quotient floored
/// when <c>staircase</c>.</summary>
/// <param name="initialLearningRate">The rate at step 0.</param>
/// <param name="decaySteps">The steps per unit of decay; must be positive.</param>
/// <param name="decayRate">How fast the rate falls.</param>
/// <param name="staircase">Whether the quotient is floored (the rate drops in steps); Keras 3's default false.</param>
public sealed class InverseTimeDecay(double initialLearningRate, long decaySteps, double decayRate, bool staircase = false) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double Call(long step)
    {
        if (decaySteps <= 0) throw new InvalidArgumentError($"InverseTimeDecay: decaySteps must be positive, got {decaySteps}.");
        double p = (double)step / decaySteps;
        if (staircase) p = Math.Floor(p);
        return initialLearningRate / (1 + decayRate * p);
    }
}

/// <summary>
/// keras.optimizers.schedules.PolynomialDecay: (initial − end) · (1 − step/decaySteps)^power + end, with step held at
/// decaySteps afterwards; with <c>cycle</c>, decaySteps grows to the next multiple of itself past the step instead (a
/// restart from a lower rate).
/// </summary>
/// <param name="initialLearningRate">The rate at step 0.</param>
/// <param name="decaySteps">The steps over which the rate falls to <paramref name="endLearningRate"/>; must be
/// positive.</param>
/// <param name="endLearningRate">The final rate; Keras 3's default 0.0001.</param>
/// <param name="power">The polynomial's power; default 1.0 (linear).</param>
/// <param name="cycle">Whether to start over (from a lower rate) past <paramref name="decaySteps"/>; default false.</param>
public sealed class PolynomialDecay(double initialLearningRate, long decaySteps, double endLearningRate = 0.0001, double power = 1.0,
    bool cycle = false) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double Call(long step)
    {
        if (decaySteps <= 0) throw new InvalidArgumentError($"PolynomialDecay: decaySteps must be positive, got {decaySteps}.");
        double s = step, steps = decaySteps;
        if (cycle) steps *= step == 0 ? 1 : Math.Ceiling(s / decaySteps);   // Keras: a multiplier of 1 at step 0
        else s = Math.Min(s, steps);
        return (initialLearningRate - endLearningRate) * Math.Pow(1 - s / steps, power) + endLearningRate;
    }
}

/// <summary>
/// keras.optimizers.schedules.CosineDecayRestarts: cosine decay with warm restarts (SGDR, Loshchilov and Hutter,
/// 2017): a cosine from the initial rate over firstDecaySteps, then again over periods tMul times longer each, each
/// restart's height mMul times the last one's; alpha is the floor as a fraction of the rate.
/// </summary>
/// <param name="initialLearningRate">The rate at step 0.</param>
/// <param name="firstDecaySteps">The steps of the first cosine period; must be positive.</param>
/// <param name="tMul">The factor by which each period is longer than the last; Keras 3's default 2.0.</param>
/// <param name="mMul">The factor by which each restart's starting rate is the last one's; default 1.0.</param>
/// <param name="alpha">The floor, as a fraction of the initial rate; default 0.</param>
public sealed class CosineDecayRestarts(double initialLearningRate, long firstDecaySteps, double tMul = 2.0, double mMul = 1.0, double alpha = 0.0)
    : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double Call(long step)
    {
        if (firstDecaySteps <= 0) throw new InvalidArgumentError($"CosineDecayRestarts: firstDecaySteps must be positive, got {firstDecaySteps}.");
        double fraction = (double)step / firstDecaySteps;
        double restart;
        if (tMul == 1.0)
        {
            restart = Math.Floor(fraction);
            fraction -= restart;
        }
        else
        {
            // Periods 1, t, t², …: the restart whose period holds the step, and how far into it the step is.
            restart = Math.Floor(Math.Log(1 - fraction * (1 - tMul)) / Math.Log(tMul));
            double before = (1 - Math.Pow(tMul, restart)) / (1 - tMul);
            fraction = (fraction - before) / Math.Pow(tMul, restart);
        }
        double cosine = 0.5 * Math.Pow(mMul, restart) * (1 + Math.Cos(Math.PI * fraction));
        return initialLearningRate * ((1 - alpha) * cosine + alpha);
    }
}
