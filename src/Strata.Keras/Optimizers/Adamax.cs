namespace Strata.Keras.Optimizers;

/// <summary>
/// Adamax, Adam with the infinity norm (Keras 3 defaults: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7):
/// m += (g - m)(1 - β1); u = max(β2·u, |g|); w -= lr·m / ((1 - β1^t)(u + ε)).
/// </summary>
public sealed class Adamax : Optimizer
{
    /// <summary>The decay rate β1 of the first-moment estimate.</summary>
    public double Beta1 { get; }
    /// <summary>The decay rate β2 of the weighted infinity norm u.</summary>
    public double Beta2 { get; }
    /// <summary>The constant ε added to the denominator.</summary>
    public double Epsilon { get; }

    /// <summary>A keras.optimizers.Adamax optimizer; every argument defaults as in Keras 3.</summary>
    /// <param name="learningRate">A number or a <see cref="LearningRateSchedule"/>; Keras 3's default 0.001.</param>
    /// <param name="beta1">The decay rate of the first-moment (mean) estimate; default 0.9.</param>
    /// <param name="beta2">The decay rate of the exponentially weighted infinity norm; default 0.999.</param>
    /// <param name="epsilon">A small constant for numerical stability, added to the denominator; default 1e-7.</param>
    /// <param name="weightDecay">Decoupled weight decay: each step first does w -= w·weightDecay·lr; default none.</param>
    /// <param name="clipnorm">Each gradient is scaled down so that its L2 norm is at most this; default none.</param>
    /// <param name="clipvalue">Each gradient element is clipped to [-clipvalue, clipvalue]; default none.</param>
    /// <param name="globalClipnorm">All gradients are scaled down together so that their global L2 norm is at most
    /// this; default none. At most one of the three clipping arguments may be set.</param>
    /// <param name="name">The optimizer's name, as saved configs and error messages give it; default
    /// <c>"adamax"</c>.</param>
    /// <exception cref="InvalidArgumentError">An argument is out of range, or several clipping arguments are set.</exception>
    public Adamax(LearningRateSchedule? learningRate = null, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7,
        double? weightDecay = null, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null, string name = "adamax")
        : base(name, learningRate, 0.001, weightDecay, clipnorm, clipvalue, globalClipnorm)
    {
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <inheritdoc/>
    protected override string[] SlotNames => ["m", "u"];

    /// <inheritdoc/>
    protected override void Update<T>(T[] w, T[] g, Array[] slots, double lr, Shape shape)
    {
        double t = Iterations + 1;
        T c1 = C<T>(1 - Beta1), b2 = C<T>(Beta2), eps = C<T>(Epsilon), a = C<T>(lr), bias = C<T>(1 - Math.Pow(Beta1, t));
        var m = (T[])slots[0];
        var u = (T[])slots[1];
        for (int i = 0; i < w.Length; i++)
        {
            m[i] = Flush(m[i] + (g[i] - m[i]) * c1);
            u[i] = Flush(T.Max(b2 * u[i], T.Abs(g[i])));
            w[i] -= a * m[i] / (bias * (u[i] + eps));
        }
    }
}
