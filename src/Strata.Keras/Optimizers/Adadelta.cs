namespace Strata.Keras.Optimizers;

/// <summary>
/// Adadelta (Keras 3 defaults: learning rate 0.001, rho 0.95, epsilon 1e-7):
/// G = ρG + (1−ρ)g²; Δ = −√(D + ε)·g / √(G + ε); D = ρD + (1−ρ)Δ²; w += lr·Δ.
/// </summary>
public sealed class Adadelta : Optimizer
{
    /// <summary>The decay rate ρ of the running averages.</summary>
    public double Rho { get; }
    /// <summary>The constant ε added under the square roots.</summary>
    public double Epsilon { get; }

    /// <summary>A keras.optimizers.Adadelta optimizer; every argument defaults as in Keras 3.</summary>
    /// <param name="learningRate">A number or a <see cref="LearningRateSchedule"/>; Keras 3's default 0.001.</param>
    /// <param name="rho">The decay rate of the running averages of squared gradients and squared updates; default
    /// 0.95.</param>
    /// <param name="epsilon">A small constant for numerical stability, added to the denominator; default 1e-7.</param>
    /// <param name="weightDecay">Decoupled weight decay: each step first does w -= w·weightDecay·lr; default none.</param>
    /// <param name="clipnorm">Each gradient is scaled down so that its L2 norm is at most this; default none.</param>
    /// <param name="clipvalue">Each gradient element is clipped to [-clipvalue, clipvalue]; default none.</param>
    /// <param name="globalClipnorm">All gradients are scaled down together so that their global L2 norm is at most
    /// this; default none. At most one of the three clipping arguments may be set.</param>
    /// <param name="name">The optimizer's name, as saved configs and error messages give it; default
    /// <c>"adadelta"</c>.</param>
    /// <exception cref="InvalidArgumentError">An argument is out of range, or several clipping arguments are set.</exception>
    public Adadelta(LearningRateSchedule? learningRate = null, double rho = 0.95, double epsilon = 1e-7,
        double? weightDecay = null, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null, string name = "adadelta")
        : base(name, learningRate, 0.001, weightDecay, clipnorm, clipvalue, globalClipnorm)
    {
        Rho = rho;
        Epsilon = epsilon;
    }

    /// <inheritdoc/>
    protected override string[] SlotNames => ["accumulated_grad", "accumulated_delta_var"];

    /// <inheritdoc/>
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
