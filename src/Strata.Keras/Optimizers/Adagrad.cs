namespace Strata.Keras.Optimizers;

/// <summary>
/// Adagrad (Keras 3 defaults: learning rate 0.001, initial accumulator 0.1, epsilon 1e-7):
/// acc += g²; w -= lr·g / √(acc + ε).
/// </summary>
public sealed class Adagrad : Optimizer
{
    public double InitialAccumulatorValue { get; }
    public double Epsilon { get; }

    public Adagrad(LearningRateSchedule? learningRate = null, double initialAccumulatorValue = 0.1, double epsilon = 1e-7,
        double? weightDecay = null, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null, string name = "adagrad")
        : base(name, learningRate, 0.001, weightDecay, clipnorm, clipvalue, globalClipnorm)
    {
        InitialAccumulatorValue = initialAccumulatorValue;
        Epsilon = epsilon;
    }

    protected override string[] SlotNames => ["accumulator"];

    protected override double SlotInitialValue(int slot) => InitialAccumulatorValue;

    protected override void Update<T>(T[] w, T[] g, Array[] slots, double lr, Shape shape)
    {
        T a = C<T>(lr), eps = C<T>(Epsilon);
        var acc = (T[])slots[0];
        for (int i = 0; i < w.Length; i++)
        {
            acc[i] += g[i] * g[i];
            w[i] -= a * g[i] / T.Sqrt(acc[i] + eps);
        }
    }
}
