namespace Strata.Keras.Optimizers;

/// <summary>
/// RMSprop (Keras 3 defaults: learning rate 0.001, rho 0.9, momentum 0, epsilon 1e-7, not centered):
/// v = ρv + (1 - ρ)g²; (centered: a = ρa + (1 - ρ)g, denominator v - a² + ε, else v + ε);
/// increment = lr·g / √denominator; with momentum: m = μm + increment, w -= m; else w -= increment.
/// </summary>
public sealed class RMSprop : Optimizer
{
    public double Rho { get; }
    public double Momentum { get; }
    public double Epsilon { get; }
    public bool Centered { get; }

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

    protected override string[] SlotNames => (Momentum > 0, Centered) switch
    {
        (true, true) => ["velocity", "momentum", "average_gradient"],
        (true, false) => ["velocity", "momentum"],
        (false, true) => ["velocity", "average_gradient"],
        _ => ["velocity"],
    };

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
