namespace Strata.Keras.Optimizers;

/// <summary>
/// Lion (Chen et al., 2023; Keras 3 defaults: learning rate 0.001, beta1 0.9, beta2 0.99):
/// w −= lr·sign(β1·m + (1−β1)·g); m = β2·m + (1−β2)·g.
/// </summary>
public sealed class Lion : Optimizer
{
    /// <summary>The weight β1 of the momentum in the update direction.</summary>
    public double Beta1 { get; }
    /// <summary>The decay rate β2 of the momentum.</summary>
    public double Beta2 { get; }

    /// <summary>A keras.optimizers.Lion optimizer; every argument defaults as in Keras 3.</summary>
    /// <param name="learningRate">A number or a <see cref="LearningRateSchedule"/>; Keras 3's default 0.001.</param>
    /// <param name="beta1">In (0, 1]: the weight of the momentum in the update direction; default 0.9.</param>
    /// <param name="beta2">The decay rate of the momentum; default 0.99.</param>
    /// <param name="weightDecay">Decoupled weight decay: each step first does w -= w·weightDecay·lr; default none.</param>
    /// <param name="clipnorm">Each gradient is scaled down so that its L2 norm is at most this; default none.</param>
    /// <param name="clipvalue">Each gradient element is clipped to [-clipvalue, clipvalue]; default none.</param>
    /// <param name="globalClipnorm">All gradients are scaled down together so that their global L2 norm is at most
    /// this; default none. At most one of the three clipping arguments may be set.</param>
    /// <param name="name">The optimizer's name, as saved configs and error messages give it; default <c>"lion"</c>.</param>
    /// <exception cref="InvalidArgumentError">An argument is out of range, or several clipping arguments are set.</exception>
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

    /// <inheritdoc/>
    protected override string[] SlotNames => ["momentum"];

    /// <inheritdoc/>
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
