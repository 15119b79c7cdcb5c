namespace Strata.Keras.Optimizers;

/// <summary>
/// FTRL-proximal (McMahan et al., 2013; Keras 3 defaults: learning rate 0.001, learning-rate power −0.5, initial
/// accumulator 0.1, no regularization). With p = −power, per step: g' = g + 2·l2shrink·w; n' = n + g²;
/// z += g' − (n'^p − n^p)/lr·w; w = (clip(z, −l1, l1) − z) / (n'^p/lr + 2·(l2 + β/(2·lr))); n = n'.
/// </summary>
public sealed class Ftrl : Optimizer
{
    public double LearningRatePower { get; }
    public double InitialAccumulatorValue { get; }
    public double L1RegularizationStrength { get; }
    public double L2RegularizationStrength { get; }
    public double L2ShrinkageRegularizationStrength { get; }
    public double Beta { get; }

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

    protected override string[] SlotNames => ["accumulator", "linear"];

    protected override double SlotInitialValue(int slot) => slot == 0 ? InitialAccumulatorValue : 0;

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
