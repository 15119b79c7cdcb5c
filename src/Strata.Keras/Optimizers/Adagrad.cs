namespace Strata.Keras.Optimizers;

/// <summary>
/// Adagrad (Keras 3 defaults: learning rate 0.001, initial accumulator 0.1, epsilon 1e-7):
/// acc += g²; w -= lr·g / √(acc + ε).
/// </summary>
public sealed class Adagrad : Optimizer
{
    /// <summary>The starting value of the accumulators of squared gradients.</summary>
    public double InitialAccumulatorValue { get; }
    /// <summary>The constant ε added under the square root.</summary>
    public double Epsilon { get; }

    /// <summary>A keras.optimizers.Adagrad optimizer; every argument defaults as in Keras 3.</summary>
    /// <param name="learningRate">A number or a <see cref="LearningRateSchedule"/>; Keras 3's default 0.001.</param>
    /// <param name="initialAccumulatorValue">The starting value of the per-parameter accumulators of squared gradients;
    /// default 0.1.</param>
    /// <param name="epsilon">A small constant for numerical stability, added to the denominator; default 1e-7.</param>
    /// <param name="weightDecay">Decoupled weight decay: each step first does w -= w·weightDecay·lr; default none.</param>
    /// <param name="clipnorm">Each gradient is scaled down so that its L2 norm is at most this; default none.</param>
    /// <param name="clipvalue">Each gradient element is clipped to [-clipvalue, clipvalue]; default none.</param>
    /// <param name="globalClipnorm">All gradients are scaled down together so that their global L2 norm is at most
    /// this; default none. At most one of the three clipping arguments may be set.</param>
    /// <param name="name">The optimizer's name, as saved configs and error messages give it; default
    /// <c>"adagrad"</c>.</param>
    /// <exception cref="InvalidArgumentError">An argument is out of range, or several clipping arguments are set.</exception>
    public Adagrad(LearningRateSchedule? learningRate = null, double initialAccumulatorValue = 0.1, double epsilon = 1e-7,
        double? weightDecay = null, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null, string name = "adagrad")
        : base(name, learningRate, 0.001, weightDecay, clipnorm, clipvalue, globalClipnorm)
    {
        InitialAccumulatorValue = initialAccumulatorValue;
        Epsilon = epsilon;
    }

    /// <inheritdoc/>
    protected override string[] SlotNames => ["accumulator"];

    /// <inheritdoc/>
    protected override double SlotInitialValue(int slot) => InitialAccumulatorValue;

    /// <inheritdoc/>
    protected override void Update<T>(T[] w, T[] g, Array[] slots, double lr, Shape shape)
    {
        T a = C<T>(lr), eps = C<T>(Epsilon);
        var acc = (T[])slots[0];
        for (int i = 0; i < w.Length; i++)
        {
            acc[i] += g[i] * g[i];
            w[i] -= a * g[i] / T.Sqrt(acc[i] + eps);
        }
    }
}
