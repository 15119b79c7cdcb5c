namespace Strata.Keras.Optimizers;

/// <summary>
/// FTRL-proximal (McMahan et al., 2013; Keras 3 defaults: learning rate 0.001, learning-rate power −0.5, initial
/// accumulator 0.1, no regularization). With p = −power, per step: g' = g + 2·l2shrink·w; n' = n + g²;
/// z += g' − (n'^p − n^p)/lr·w; w = (clip(z, −l1, l1) − z) / (n'^p/lr + 2·(l2 + β/(2·lr))); n = n'.
/// </summary>
public sealed class Ftrl : Optimizer
{
    /// <summary>The learning-rate power (at most 0).</summary>
    public double LearningRatePower { get; }
    /// <summary>The starting value of the accumulators.</summary>
    public double InitialAccumulatorValue { get; }
    /// <summary>The L1 penalty strength.</summary>
    public double L1RegularizationStrength { get; }
    /// <summary>The L2 (stabilisation) penalty strength.</summary>
    public double L2RegularizationStrength { get; }
    /// <summary>The L2 shrinkage penalty strength, applied to the gradient.</summary>
    public double L2ShrinkageRegularizationStrength { get; }
    /// <summary>The β added to the L2 term as β/(2·lr).</summary>
    public double Beta { get; }

    /// <summary>A keras.optimizers.Ftrl optimizer; every argument defaults as in Keras 3.</summary>
    /// <param name="learningRate">A number or a <see cref="LearningRateSchedule"/>; Keras 3's default 0.001.</param>
    /// <param name="learningRatePower">At most 0: how the learning rate falls as the accumulator grows (0 for a fixed rate);
    /// default -0.5.</param>
    /// <param name="initialAccumulatorValue">At least 0: the starting value of the accumulators; default 0.1.</param>
    /// <param name="l1RegularizationStrength">At least 0: the L1 penalty; default 0.</param>
    /// <param name="l2RegularizationStrength">At least 0: the stabilisation (L2) penalty; default 0.</param>
    /// <param name="l2ShrinkageRegularizationStrength">At least 0: an L2 shrinkage penalty, applied to the gradient rather
    /// than the stabilisation term; default 0.</param>
    /// <param name="beta">Added to the L2 term as β/(2·lr); default 0.</param>
    /// <param name="weightDecay">Decoupled weight decay: each step first does w -= w·weightDecay·lr; default none.</param>
    /// <param name="clipnorm">Each gradient is scaled down so that its L2 norm is at most this; default none.</param>
    /// <param name="clipvalue">Each gradient element is clipped to [-clipvalue, clipvalue]; default none.</param>
    /// <param name="globalClipnorm">All gradients are scaled down together so that their global L2 norm is at most
    /// this; default none. At most one of the three clipping arguments may be set.</param>
    /// <param name="name">The optimizer's name, as saved configs and error messages give it; default <c>"ftrl"</c>.</param>
    /// <exception cref="InvalidArgumentError">An argument is out of range, or several clipping arguments are set.</exception>
    public Ftrl(LearningRateSchedule? learningRate = null, double learningRatePower = -0.5, double initialAccumulatorValue = 0.1,
        double l1RegularizationStrength = 0, double l2RegularizationStrength = 0, double l2ShrinkageRegularizationStrength = 0,
        double beta = 0, double? weightDecay = null, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null,
        string name = "ftrl")
        : base(name, learningRate, 0.001, weightDecay, clipnorm, clipvalue, globalClipnorm)
    {
        // Keras's checks and words.
        if (initialAccumulatorValue < 0)
            throw new InvalidArgumentError($"`initial_accumulator_value` needs to be positive or zero. Received: initial_accumulator_value={initialAccumulatorValue}.");
        if (learningRatePower > 0)
            throw new InvalidArgumentError($"`learning_rate_power` needs to be negative or zero. Received: learning_rate_power={learningRatePower}.");
        if (l1RegularizationStrength < 0)
            throw new InvalidArgumentError($"`l1_regularization_strength` needs to be positive or zero. Received: l1_regularization_strength={l1RegularizationStrength}.");
        if (l2RegularizationStrength < 0)
            throw new InvalidArgumentError($"`l2_regularization_strength` needs to be positive or zero. Received: l2_regularization_strength={l2RegularizationStrength}.");
        if (l2ShrinkageRegularizationStrength < 0)
            throw new InvalidArgumentError(
                $"`l2_shrinkage_regularization_strength` needs to be positive or zero. Received: l2_shrinkage_regularization_strength={l2ShrinkageRegularizationStrength}.");
        LearningRatePower = learningRatePower;
        InitialAccumulatorValue = initialAccumulatorValue;
        L1RegularizationStrength = l1RegularizationStrength;
        L2RegularizationStrength = l2RegularizationStrength;
        L2ShrinkageRegularizationStrength = l2ShrinkageRegularizationStrength;
        Beta = beta;
    }

    /// <inheritdoc/>
    protected override string[] SlotNames => ["accumulator", "linear"];

    /// <inheritdoc/>
    protected override double SlotInitialValue(int slot) => slot == 0 ? InitialAccumulatorValue : 0;

    /// <inheritdoc/>
    protected override void Update<T>(T[] w, T[] g, Array[] slots, double lr, Shape shape)
    {
        T a = C<T>(lr), p = C<T>(-LearningRatePower), l1 = C<T>(L1RegularizationStrength);
        T l2 = C<T>(L2RegularizationStrength + Beta / (2 * lr)), shrink = C<T>(2 * L2ShrinkageRegularizationStrength), two = C<T>(2);
        var accum = (T[])slots[0];
        var linear = (T[])slots[1];
        for (int i = 0; i < w.Length; i++)
        {
            T gradToUse = g[i] + shrink * w[i];
            T newAccum = accum[i] + g[i] * g[i];
            T newPow = T.Pow(newAccum, p);
            linear[i] += gradToUse - (newPow - T.Pow(accum[i], p)) / a * w[i];
            T quadratic = newPow / a + two * l2;
            T clipped = T.Clamp(linear[i], -l1, l1);
            w[i] = (clipped - linear[i]) / quadratic;
            accum[i] = newAccum;
        }
    }
}
