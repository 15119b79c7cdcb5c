namespace Strata.Keras.Optimizers;

/// <summary>
/// Lion (Chen et al., 2023; Keras 3 defaults: learning rate 0.001, beta1 0.9, beta2 0.99):
/// w −= lr·sign(β1·m + (1−β1)·g); m = β2·m + (1−β2)·g.
/// </summary>
public sealed class Lion : Optimizer
{
    public double Beta1 { get; }
    public double Beta2 { get; }

    public Lion(LearningRateSchedule? learningRate = null, double beta1 = 0.9, double beta2 = 0.99,
        double? weightDecay = null, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null, string name = "lion")
        : base(name, learningRate, 0.001, weightDecay, clipnorm, clipvalue, globalClipnorm)
    {
        // Keras's check and words: beta1 = 0 would make it SignSGD.
        if (!(beta1 > 0 && beta1 <= 1))
            throw new InvalidArgumentError(
                $"Argument `beta_1` must be in the [0, 1] range. Otherwise, the optimizer degenerates to SignSGD. Received: beta_1={beta1}.");
        Beta1 = beta1;
        Beta2 = beta2;
    }

    protected override string[] SlotNames => ["momentum"];

    protected override void Update<T>(T[] w, T[] g, Array[] slots, double lr, Shape shape)
    {
        T b1 = C<T>(Beta1), c1 = C<T>(1 - Beta1), b2 = C<T>(Beta2), c2 = C<T>(1 - Beta2), a = C<T>(lr);
        var m = (T[])slots[0];
        for (int i = 0; i < w.Length; i++)
        {
            T direction = m[i] * b1 + g[i] * c1;
            // sign: −1, 0 or 1 (0 stays 0, as ops.sign does); NaN passes through.
            T sign = T.IsNaN(direction) ? direction : T.CreateChecked(T.Sign(direction));
            w[i] -= a * sign;
            m[i] = Flush(m[i] * b2 + g[i] * c2);
        }
    }
}
