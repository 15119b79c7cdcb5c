namespace Strata.Keras.Optimizers;

/// <summary>
/// Adamax, Adam with the infinity norm (Keras 3 defaults: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7):
/// m += (g - m)(1 - β1); u = max(β2·u, |g|); w -= lr·m / ((1 - β1^t)(u + ε)).
/// </summary>
public sealed class Adamax : Optimizer
{
    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Epsilon { get; }

    public Adamax(LearningRateSchedule? learningRate = null, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7,
        double? weightDecay = null, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null, string name = "adamax")
        : base(name, learningRate, 0.001, weightDecay, clipnorm, clipvalue, globalClipnorm)
    {
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    protected override string[] SlotNames => ["m", "u"];

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
