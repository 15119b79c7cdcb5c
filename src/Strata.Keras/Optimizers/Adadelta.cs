namespace Strata.Keras.Optimizers;

/// <summary>
/// Adadelta (Keras 3 defaults: learning rate 0.001, rho 0.95, epsilon 1e-7):
/// G = ρG + (1−ρ)g²; Δ = −√(D + ε)·g / √(G + ε); D = ρD + (1−ρ)Δ²; w += lr·Δ.
/// </summary>
public sealed class Adadelta : Optimizer
{
    public double Rho { get; }
    public double Epsilon { get; }

    public Adadelta(LearningRateSchedule? learningRate = null, double rho = 0.95, double epsilon = 1e-7,
        double? weightDecay = null, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null, string name = "adadelta")
        : base(name, learningRate, 0.001, weightDecay, clipnorm, clipvalue, globalClipnorm)
    {
        Rho = rho;
        Epsilon = epsilon;
    }

    protected override string[] SlotNames => ["accumulated_grad", "accumulated_delta_var"];

    protected override void Update<T>(T[] w, T[] g, Array[] slots, double lr, Shape shape)
    {
        T rho = C<T>(Rho), keep = C<T>(1 - Rho), eps = C<T>(Epsilon), a = C<T>(lr);
        var grad2 = (T[])slots[0];
        var delta2 = (T[])slots[1];
        for (int i = 0; i < w.Length; i++)
        {
            grad2[i] = Flush(rho * grad2[i] + keep * g[i] * g[i]);
            T delta = -(T.Sqrt(delta2[i] + eps) * g[i]) / T.Sqrt(grad2[i] + eps);
            delta2[i] = Flush(rho * delta2[i] + keep * delta * delta);
            w[i] += a * delta;
        }
    }
}
