using System.Numerics;

namespace Strata.Keras.Optimizers;

/// <summary>
/// Adam (Keras 3 defaults: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7). Per step t (from 1):
/// m += (g - m)(1 - β1); v += (g² - v)(1 - β2); α = lr·√(1 - β2^t) / (1 - β1^t); w -= m·α / (√v + ε).
/// With <c>amsgrad</c>, v is replaced by the running maximum of v.
/// </summary>
public class Adam : Optimizer
{
    /// <summary>The decay rate β1 of the first-moment estimate.</summary>
    public double Beta1 { get; }
    /// <summary>The decay rate β2 of the second-moment estimate.</summary>
    public double Beta2 { get; }
    /// <summary>The constant ε added to the denominator.</summary>
    public double Epsilon { get; }
    /// <summary>Whether the AMSGrad variant is used.</summary>
    public bool Amsgrad { get; }

    /// <summary>A keras.optimizers.Adam optimizer; every argument defaults as in Keras 3.</summary>
    /// <param name="learningRate">A number or a <see cref="LearningRateSchedule"/>; Keras 3's default 0.001.</param>
    /// <param name="beta1">The decay rate of the first-moment (mean) estimate; default 0.9.</param>
    /// <param name="beta2">The decay rate of the second-moment estimate; default 0.999.</param>
    /// <param name="epsilon">A small constant for numerical stability, added to the denominator; default 1e-7.</param>
    /// <param name="amsgrad">Whether to use the AMSGrad variant (the running maximum of the second moment); default
    /// false.</param>
    /// <param name="weightDecay">Decoupled weight decay: each step first does w -= w·weightDecay·lr; default none.</param>
    /// <param name="clipnorm">Each gradient is scaled down so that its L2 norm is at most this; default none.</param>
    /// <param name="clipvalue">Each gradient element is clipped to [-clipvalue, clipvalue]; default none.</param>
    /// <param name="globalClipnorm">All gradients are scaled down together so that their global L2 norm is at most
    /// this; default none. At most one of the three clipping arguments may be set.</param>
    /// <param name="name">The optimizer's name, as saved configs and error messages give it; default <c>"adam"</c>.</param>
    /// <exception cref="InvalidArgumentError">An argument is out of range, or several clipping arguments are set.</exception>
    public Adam(LearningRateSchedule? learningRate = null, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7,
        bool amsgrad = false, double? weightDecay = null, double? clipnorm = null, double? clipvalue = null,
        double? globalClipnorm = null, string name = "adam")
        : base(name, learningRate, 0.001, weightDecay, clipnorm, clipvalue, globalClipnorm)
    {
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        Amsgrad = amsgrad;
    }

    /// <inheritdoc/>
    protected override string[] SlotNames => Amsgrad ? ["momentum", "velocity", "velocity_hat"] : ["momentum", "velocity"];

    /// <summary>Variables at least this large are updated on several threads (the 784×128 kernel of the Fashion-MNIST
    /// MLP: 100K weights, ~30 µs a step alone, about a fifth of an epoch's non-GEMM time).</summary>
    internal const int ParallelMinElements = 1 << 15;

    /// <inheritdoc/>
    protected override void Update<T>(T[] w, T[] g, Array[] slots, double lr, Shape shape)
    {
        double t = Iterations + 1;
        var alpha = C<T>(lr * Math.Sqrt(1 - Math.Pow(Beta2, t)) / (1 - Math.Pow(Beta1, t)));
        var m = (T[])slots[0];
        var v = (T[])slots[1];
        var vhat = Amsgrad ? (T[])slots[2] : null;
        if (w.Length < ParallelMinElements) UpdateRange(w, g, m, v, vhat, alpha, 0, w.Length);
        else Strata.Kernels.Parallelism.ForRanges(w.Length, ParallelMinElements / 2, (from, to) => UpdateRange(w, g, m, v, vhat, alpha, from, to));
    }

    /// <summary>Elements [from, to) of one variable: m += (g - m)(1 - β1); v += (g² - v)(1 - β2); w -= m·α / (√v + ε).</summary>
    private void UpdateRange<T>(T[] w, T[] g, T[] m, T[] v, T[]? vhat, T alpha, int from, int to) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T c1 = C<T>(1 - Beta1), c2 = C<T>(1 - Beta2), eps = C<T>(Epsilon);
        int i = from;
        if (Vector.IsHardwareAccelerated && vhat is null)
        {
            // One fused pass: read g, m, v, w once, write m, v, w once.
            Vector<T> vc1 = new(c1), vc2 = new(c2), va = new(alpha), ve = new(eps);
            for (; i <= to - Vector<T>.Count; i += Vector<T>.Count)
            {
                var gi = new Vector<T>(g, i);
                var mi = new Vector<T>(m, i);
                var vi = new Vector<T>(v, i);
                mi = Flush(mi + (gi - mi) * vc1);
                vi = Flush(vi + (gi * gi - vi) * vc2);
                mi.CopyTo(m, i);
                vi.CopyTo(v, i);
                (new Vector<T>(w, i) - mi * va / (Vector.SquareRoot(vi) + ve)).CopyTo(w, i);
            }
        }
        for (; i < to; i++)
        {
            m[i] = Flush(m[i] + (g[i] - m[i]) * c1);
            v[i] = Flush(v[i] + (g[i] * g[i] - v[i]) * c2);
            T denom = v[i];
            if (vhat is not null) denom = vhat[i] = T.Max(vhat[i], v[i]);
            w[i] -= m[i] * alpha / (T.Sqrt(denom) + eps);
        }
    }
}

/// <summary>Adam with decoupled weight decay (Keras 3 default weight decay 0.004): w -= w·wd·lr before each Adam step.</summary>
/// <param name="learningRate">A number or a <see cref="LearningRateSchedule"/>; Keras 3's default 0.001.</param>
/// <param name="weightDecay">The decoupled weight decay factor; default 0.004.</param>
/// <param name="beta1">The decay rate of the first-moment (mean) estimate; default 0.9.</param>
/// <param name="beta2">The decay rate of the second-moment estimate; default 0.999.</param>
/// <param name="epsilon">A small constant for numerical stability, added to the denominator; default 1e-7.</param>
/// <param name="amsgrad">Whether to use the AMSGrad variant (the running maximum of the second moment); default
/// false.</param>
/// <param name="clipnorm">Each gradient is scaled down so that its L2 norm is at most this; default none.</param>
/// <param name="clipvalue">Each gradient element is clipped to [-clipvalue, clipvalue]; default none.</param>
/// <param name="globalClipnorm">All gradients are scaled down together so that their global L2 norm is at most this; default
/// none. At most one of the three clipping arguments may be set.</param>
/// <param name="name">The optimizer's name, as saved configs and error messages give it; default <c>"adamw"</c>.</param>
public sealed class AdamW(LearningRateSchedule? learningRate = null, double weightDecay = 0.004, double beta1 = 0.9, double beta2 = 0.999,
    double epsilon = 1e-7, bool amsgrad = false, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null,
    string name = "adamw")
    : Adam(learningRate, beta1, beta2, epsilon, amsgrad, weightDecay, clipnorm, clipvalue, globalClipnorm, name);
