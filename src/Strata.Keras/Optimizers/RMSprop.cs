namespace Strata.Keras.Optimizers;

/// <summary>
/// RMSprop (Keras 3 defaults: learning rate 0.001, rho 0.9, momentum 0, epsilon 1e-7, not centered):
/// v = ρv + (1 - ρ)g²; (centered: a = ρa + (1 - ρ)g, denominator v - a² + ε, else v + ε);
/// increment = lr·g / √denominator; with momentum: m = μm + increment, w -= m; else w -= increment.
/// </summary>
public sealed class RMSprop : Optimizer
{
    /// <summary>The discounting factor ρ of the running average of squared gradients.</summary>
    public double Rho { get; }
    /// <summary>The momentum factor μ; 0 for none.</summary>
    public double Momentum { get; }
    /// <summary>The constant ε added to the denominator.</summary>
    public double Epsilon { get; }
    /// <summary>Whether gradients are normalised by their estimated variance (centered RMSprop).</summary>
    public bool Centered { get; }

    /// <summary>A keras.optimizers.RMSprop optimizer; every argument defaults as in Keras 3.</summary>
    /// <param name="learningRate">A number or a <see cref="LearningRateSchedule"/>; Keras 3's default 0.001.</param>
    /// <param name="rho">The discounting factor of the running average of squared gradients; default 0.9.</param>
    /// <param name="momentum">The momentum factor; default 0 (no momentum slot).</param>
    /// <param name="epsilon">A small constant for numerical stability, added to the denominator; default 1e-7.</param>
    /// <param name="centered">Whether to normalise by the estimated variance of the gradient rather than its second moment;
    /// slower but may help training. Default false.</param>
    /// <param name="weightDecay">Decoupled weight decay: each step first does w -= w·weightDecay·lr; default none.</param>
    /// <param name="clipnorm">Each gradient is scaled down so that its L2 norm is at most this; default none.</param>
    /// <param name="clipvalue">Each gradient element is clipped to [-clipvalue, clipvalue]; default none.</param>
    /// <param name="globalClipnorm">All gradients are scaled down together so that their global L2 norm is at most
    /// this; default none. At most one of the three clipping arguments may be set.</param>
    /// <param name="name">The optimizer's name, as saved configs and error messages give it; default
    /// <c>"rmsprop"</c>.</param>
    /// <exception cref="InvalidArgumentError">An argument is out of range, or several clipping arguments are set.</exception>
    public RMSprop(LearningRateSchedule? learningRate = null, double rho = 0.9, double momentum = 0, double epsilon = 1e-7,
        bool centered = false, double? weightDecay = null, double? clipnorm = null, double? clipvalue = null,
        double? globalClipnorm = null, string name = "rmsprop")
        : base(name, learningRate, 0.001, weightDecay, clipnorm, clipvalue, globalClipnorm)
    {
        Rho = rho;
        Momentum = momentum;
        Epsilon = epsilon;
        Centered = centered;
    }

    /// <inheritdoc/>
    protected override string[] SlotNames => (Momentum > 0, Centered) switch
    {
        (true, true) => ["velocity", "momentum", "average_gradient"],
        (true, false) => ["velocity", "momentum"],
        (false, true) => ["velocity", "average_gradient"],
        _ => ["velocity"],
    };

    /// <inheritdoc/>
    protected override void Update<T>(T[] w, T[] g, Array[] slots, double lr, Shape shape)
    {
        T rho = C<T>(Rho), rho1 = C<T>(1 - Rho), eps = C<T>(Epsilon), mu = C<T>(Momentum), a = C<T>(lr);
        var v = (T[])slots[0];
        var m = Momentum > 0 ? (T[])slots[1] : null;
        var avg = Centered ? (T[])slots[^1] : null;
        for (int i = 0; i < w.Length; i++)
        {
            v[i] = Flush(rho * v[i] + rho1 * g[i] * g[i]);
            T denom;
            if (avg is not null)
            {
                avg[i] = Flush(rho * avg[i] + rho1 * g[i]);
                denom = v[i] - avg[i] * avg[i] + eps;
            }
            else denom = v[i] + eps;
            T increment = a * g[i] / T.Sqrt(denom);
            if (m is not null)
            {
                m[i] = Flush(mu * m[i] + increment);
                w[i] -= m[i];
            }
            else w[i] -= increment;
        }
    }
}
