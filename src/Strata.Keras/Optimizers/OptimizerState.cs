using System.Numerics.Tensors;

namespace Strata.Keras.Optimizers;

/// <summary>Keras's gradient accumulation: per variable, the sum of the gradients since the last update.</summary>
internal sealed class GradientAccumulation(int steps)
{
    private readonly Dictionary<Variable, Array> _sums = new(ReferenceEqualityComparer.Instance);

    public int Steps { get; } = steps;

    /// <summary>Adds this call's gradients unless it is an update call ((iterations + 1) % steps == 0), which
    /// returns true and leaves the sums for <see cref="TakeMean"/>.</summary>
    public bool Add(IReadOnlyList<Tensor?> grads, IReadOnlyList<Variable> vars, long iterations)
    {
        if ((iterations + 1) % Steps == 0) return true;
        for (int i = 0; i < grads.Count; i++)
        {
            if (grads[i] is not { } g) continue;
            var sum = Sum(vars[i]);
            if (g.DType == DType.Float32) TensorPrimitives.Add((float[])sum, g.Data<float>(), (float[])sum);
            else TensorPrimitives.Add((double[])sum, g.Data<double>(), (double[])sum);
        }
        return false;
    }

    /// <summary>(gradient + sum) / steps for each variable, and the sums back to zero.</summary>
    public Tensor?[] TakeMean(IReadOnlyList<Tensor?> grads, IReadOnlyList<Variable> vars)
    {
        var mean = new Tensor?[grads.Count];
        for (int i = 0; i < grads.Count; i++)
        {
            if (grads[i] is not { } g) continue;
            var sum = Sum(vars[i]);
            var total = Tensor.FromBuffer((Array)sum.Clone(), g.Shape, g.DType);
            mean[i] = (g + total) / (double)Steps;
            Array.Clear(sum);
        }
        return mean;
    }

    private Array Sum(Variable v)
    {
        if (!_sums.TryGetValue(v, out var sum)) _sums[v] = sum = Tensor.AllocBuffer(v.DType, v.Size);
        return sum;
    }
}

/// <summary>Keras's <c>use_ema</c>: per trained variable, its exponential moving average.</summary>
internal sealed class ExponentialMovingAverage
{
    private readonly Dictionary<Variable, Array> _averages = new(ReferenceEqualityComparer.Instance);

    /// <summary>average = m · average + (1 − m) · variable, with m = 0 at the first step (the average starts as the
    /// variable); then, every <paramref name="overwriteFrequency"/> steps, the variables take their averages.</summary>
    public void Update(IReadOnlyList<Variable> vars, long iterations, double momentum, int? overwriteFrequency)
    {
        double m = iterations == 0 ? 0 : momentum;
        foreach (var v in vars)
        {
            if (!v.DType.IsFloating) continue;
            if (!_averages.TryGetValue(v, out var avg)) _averages[v] = avg = Tensor.AllocBuffer(v.DType, v.Size);
            if (v.DType == DType.Float32)
            {
                var a = (float[])avg;
                TensorPrimitives.Multiply(a, (float)m, a);
                TensorPrimitives.MultiplyAdd(v.Data<float>(), (float)(1 - m), a, a);
            }
            else
            {
                var a = (double[])avg;
                TensorPrimitives.Multiply(a, m, a);
                TensorPrimitives.MultiplyAdd(v.Data<double>(), 1 - m, a, a);
            }
        }
        if (overwriteFrequency is { } f && (iterations + 1) % f == 0) Overwrite(vars);
    }

    /// <summary>The variables take their averages (those never averaged keep their values).</summary>
    public void Overwrite(IReadOnlyList<Variable> vars)
    {
        foreach (var v in vars)
            if (_averages.TryGetValue(v, out var avg))
                Array.Copy(avg, v.WritableBuffer(), v.Size);
    }
}
