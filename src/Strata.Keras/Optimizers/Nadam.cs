namespace Strata.Keras.Optimizers;

/// <summary>
/// Nadam, Adam with Nesterov momentum, as Keras 3 computes it (defaults: learning rate 0.001, beta1 0.9,
/// beta2 0.999, epsilon 1e-7). With μ_t = β1(1 - ½·0.96^t) and the running product Π_t = μ_1…μ_t:
/// m += (g - m)(1 - β1); v += (g² - v)(1 - β2);
/// m̂ = μ_{t+1}·m / (1 - Π_t·μ_{t+1}) + (1 - μ_t)·g / (1 - Π_t); v̂ = v / (1 - β2^t); w -= lr·m̂ / (√v̂ + ε).
/// </summary>
public sealed class Nadam : Optimizer
{
    private double _uProduct = 1;

    /// <summary>The decay rate β1 of the first-moment estimate.</summary>
    public double Beta1 { get; }
    /// <summary>The decay rate β2 of the second-moment estimate.</summary>
    public double Beta2 { get; }
    /// <summary>The constant ε added to the denominator.</summary>
    public double Epsilon { get; }

    /// <summary>A keras.optimizers.Nadam optimizer; every argument defaults as in Keras 3.</summary>
    /// <param name="learningRate">A number or a <see cref="LearningRateSchedule"/>; Keras 3's default 0.001.</param>
    /// <param name="beta1">The decay rate of the first-moment (mean) estimate; default 0.9.</param>
    /// <param name="beta2">The decay rate of the second-moment estimate; default 0.999.</param>
    /// <param name="epsilon">A small constant for numerical stability, added to the denominator; default 1e-7.</param>
    /// <param name="weightDecay">Decoupled weight decay: each step first does w -= w·weightDecay·lr; default none.</param>
    /// <param name="clipnorm">Each gradient is scaled down so that its L2 norm is at most this; default none.</param>
    /// <param name="clipvalue">Each gradient element is clipped to [-clipvalue, clipvalue]; default none.</param>
    /// <param name="globalClipnorm">All gradients are scaled down together so that their global L2 norm is at most
    /// this; default none. At most one of the three clipping arguments may be set.</param>
    /// <param name="name">The optimizer's name, as saved configs and error messages give it; default <c>"nadam"</c>.</param>
    /// <exception cref="InvalidArgumentError">An argument is out of range, or several clipping arguments are set.</exception>
    public Nadam(LearningRateSchedule? learningRate = null, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7,
        double? weightDecay = null, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null, string name = "nadam")
        : base(name, learningRate, 0.001, weightDecay, clipnorm, clipvalue, globalClipnorm)
    {
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <inheritdoc/>
    protected override string[] SlotNames => ["momentum", "velocity"];

    /// <inheritdoc/>
    protected override int ExtraScalars => 1;

    /// <inheritdoc/>
    protected override void BeforeStep() => _uProduct *= Beta1 * (1 - 0.5 * Math.Pow(0.96, Iterations + 1));

    /// <inheritdoc/>
    protected override void Update<T>(T[] w, T[] g, Array[] slots, double lr, Shape shape)
    {
        double t = Iterations + 1;
        double ut = Beta1 * (1 - 0.5 * Math.Pow(0.96, t));
        double ut1 = Beta1 * (1 - 0.5 * Math.Pow(0.96, t + 1));
        T c1 = C<T>(1 - Beta1), c2 = C<T>(1 - Beta2), eps = C<T>(Epsilon), a = C<T>(lr);
        T mCoef = C<T>(ut1 / (1 - _uProduct * ut1)), gCoef = C<T>((1 - ut) / (1 - _uProduct)), vCoef = C<T>(1 / (1 - Math.Pow(Beta2, t)));
        var m = (T[])slots[0];
        var v = (T[])slots[1];
        for (int i = 0; i < w.Length; i++)
        {
            m[i] = Flush(m[i] + (g[i] - m[i]) * c1);
            v[i] = Flush(v[i] + (g[i] * g[i] - v[i]) * c2);
            T mHat = mCoef * m[i] + gCoef * g[i];
            T vHat = v[i] * vCoef;
            w[i] -= mHat * a / (T.Sqrt(vHat) + eps);
        }
    }
}
