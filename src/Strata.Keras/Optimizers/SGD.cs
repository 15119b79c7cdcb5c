using System.Numerics;

namespace Strata.Keras.Optimizers;

/// <summary>
/// Gradient descent with optional momentum (Keras 3 defaults: learning rate 0.01, momentum 0, no Nesterov):
/// without momentum w -= lr·g; with it m = momentum·m - lr·g, then w += m, or w += momentum·m - lr·g (Nesterov).
/// </summary>
public sealed class SGD : Optimizer
{
    /// <summary>The momentum factor in [0, 1]; 0 for plain gradient descent.</summary>
    public double Momentum { get; }
    /// <summary>Whether the step uses Nesterov momentum.</summary>
    public bool Nesterov { get; }

    /// <summary>A keras.optimizers.SGD optimizer; every argument defaults as in Keras 3.</summary>
    /// <param name="learningRate">A number or a <see cref="LearningRateSchedule"/>; Keras 3's default 0.01.</param>
    /// <param name="momentum">In [0, 1]: how much of the previous step is kept, accelerating descent along consistent
    /// directions and damping oscillation; default 0 (plain gradient descent).</param>
    /// <param name="nesterov">Whether to apply Nesterov momentum; default false.</param>
    /// <param name="weightDecay">Decoupled weight decay: each step first does w -= w·weightDecay·lr; default none.</param>
    /// <param name="clipnorm">Each gradient is scaled down so that its L2 norm is at most this; default none.</param>
    /// <param name="clipvalue">Each gradient element is clipped to [-clipvalue, clipvalue]; default none.</param>
    /// <param name="globalClipnorm">All gradients are scaled down together so that their global L2 norm is at most
    /// this; default none. At most one of the three clipping arguments may be set.</param>
    /// <param name="name">The optimizer's name, as saved configs and error messages give it; default <c>"SGD"</c>.</param>
    /// <exception cref="InvalidArgumentError">An argument is out of range, or several clipping arguments are set.</exception>
    public SGD(LearningRateSchedule? learningRate = null, double momentum = 0, bool nesterov = false, double? weightDecay = null,
        double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null, string name = "SGD")
        : base(name, learningRate, 0.01, weightDecay, clipnorm, clipvalue, globalClipnorm)
    {
        if (momentum < 0 || momentum > 1) throw new InvalidArgumentError($"SGD: momentum must be in [0, 1], got {momentum}.");
        Momentum = momentum;
        Nesterov = nesterov;
    }

    /// <inheritdoc/>
    protected override string[] SlotNames => Momentum > 0 ? ["momentum"] : [];

    /// <inheritdoc/>
    protected override void Update<T>(T[] w, T[] g, Array[] slots, double lr, Shape shape)
    {
        T a = C<T>(-lr);
        if (Momentum == 0)
        {
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(g, a, w, w); // w += -lr·g
            return;
        }
        var m = (T[])slots[0];
        T mu = C<T>(Momentum);
        int i = 0, n = w.Length;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<T>(a);
            var vmu = new Vector<T>(mu);
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                var gi = new Vector<T>(g, i);
                var mi = Flush(gi * va + new Vector<T>(m, i) * vmu);
                mi.CopyTo(m, i);
                var step = Nesterov ? gi * va + mi * vmu : mi;
                (new Vector<T>(w, i) + step).CopyTo(w, i);
            }
        }
        for (; i < n; i++)
        {
            m[i] = Flush(g[i] * a + m[i] * mu);
            w[i] += Nesterov ? g[i] * a + m[i] * mu : m[i];
        }
    }
}
