using System.Numerics;

namespace Strata.Keras.Optimizers;

/// <summary>
/// Adafactor (Shazeer and Stern, 2018; Keras 3 defaults: learning rate 0.001, beta2 decay −0.8, ε1 1e-30,
/// ε2 1e-3, clip threshold 1, relative step). For a variable of rank ≥ 2 the second moment is kept factored over
/// its last two axes (a row mean r and a column mean c instead of a full matrix); per step t (from 1):
/// ρ = min(lr, 1/√t) (lr itself also capped so for a constant rate with relativeStep); α = max(ε2, rms(w))·ρ;
/// β2 = 1 − t^decay; r, c (or v) move towards the means of g² + ε1; v = r/mean(r) ⊗ c; u = g/√v;
/// w −= α · u / max(1, rms(u)/threshold).
/// </summary>
public sealed class Adafactor : Optimizer
{
    /// <summary>The exponent of the second-moment decay, β2 = 1 - t^decay.</summary>
    public double Beta2Decay { get; }
    /// <summary>The ε1 added to the squared gradients.</summary>
    public double Epsilon1 { get; }
    /// <summary>The floor ε2 of the parameter scale.</summary>
    public double Epsilon2 { get; }
    /// <summary>The RMS above which the update is scaled down.</summary>
    public double ClipThreshold { get; }
    /// <summary>Whether a constant learning rate is capped by 1/√t.</summary>
    public bool RelativeStep { get; }

    /// <summary>A keras.optimizers.Adafactor optimizer; every argument defaults as in Keras 3.</summary>
    /// <param name="learningRate">A number or a <see cref="LearningRateSchedule"/>; Keras 3's default 0.001.</param>
    /// <param name="beta2Decay">The exponent of the second-moment decay, β2 = 1 - t^beta2Decay; default -0.8.</param>
    /// <param name="epsilon1">Added to the squared gradients before they are averaged; default 1e-30.</param>
    /// <param name="epsilon2">The floor of the parameter scale rms(w); default 1e-3.</param>
    /// <param name="clipThreshold">The update is scaled down when its RMS exceeds this; default 1.0.</param>
    /// <param name="relativeStep">Whether a constant learning rate is capped by 1/√t; default true.</param>
    /// <param name="weightDecay">Decoupled weight decay: each step first does w -= w·weightDecay·lr; default none.</param>
    /// <param name="clipnorm">Each gradient is scaled down so that its L2 norm is at most this; default none.</param>
    /// <param name="clipvalue">Each gradient element is clipped to [-clipvalue, clipvalue]; default none.</param>
    /// <param name="globalClipnorm">All gradients are scaled down together so that their global L2 norm is at most
    /// this; default none. At most one of the three clipping arguments may be set.</param>
    /// <param name="name">The optimizer's name, as saved configs and error messages give it; default
    /// <c>"adafactor"</c>.</param>
    /// <exception cref="InvalidArgumentError">An argument is out of range, or several clipping arguments are set.</exception>
    public Adafactor(LearningRateSchedule? learningRate = null, double beta2Decay = -0.8, double epsilon1 = 1e-30, double epsilon2 = 1e-3,
        double clipThreshold = 1.0, bool relativeStep = true, double? weightDecay = null, double? clipnorm = null, double? clipvalue = null,
        double? globalClipnorm = null, string name = "adafactor")
        : base(name, learningRate, 0.001, weightDecay, clipnorm, clipvalue, globalClipnorm)
    {
        Beta2Decay = beta2Decay;
        Epsilon1 = epsilon1;
        Epsilon2 = epsilon2;
        ClipThreshold = clipThreshold;
        RelativeStep = relativeStep;
    }

    // r and c are placeholders of one element for variables of rank < 2, as Keras's dummy variables.
    /// <inheritdoc/>
    protected override string[] SlotNames => ["r", "c", "velocity"];

    /// <inheritdoc/>
    protected override int SlotSize(Shape shape, int slot) => (slot, shape.Rank) switch
    {
        (2, _) => shape.Size,
        (_, < 2) => 1,
        (0, _) => shape.Size / shape[-1],                 // shape[:-1]
        _ => shape.Size / shape[-2],                      // shape[:-2] + shape[-1:]
    };

    /// <inheritdoc/>
    protected override void Update<T>(T[] w, T[] g, Array[] slots, double lr, Shape shape)
    {
        double t = Iterations + 1;
        // A schedule is callable in Keras, so only a constant rate is capped by the relative step.
        if (RelativeStep && Schedule is ConstantLearningRate) lr = Math.Min(lr, 1 / Math.Sqrt(t));
        double rho = Math.Min(lr, 1 / Math.Sqrt(t));
        double alpha = Math.Max(Epsilon2, Rms(w)) * rho;
        double beta2 = 1 - Math.Pow(t, Beta2Decay);
        T b = C<T>(beta2), keep = C<T>(1 - beta2), eps1 = C<T>(Epsilon1);
        var r = (T[])slots[0];
        var c = (T[])slots[1];
        var v = (T[])slots[2];
        if (shape.Rank >= 2)
        {
            int cols = shape[-1], rows = shape[-2], batches = w.Length / (rows * cols);
            for (int bIdx = 0; bIdx < batches; bIdx++)
            {
                int off = bIdx * rows * cols;
                var rb = r.AsSpan(bIdx * rows, rows);
                var cb = c.AsSpan(bIdx * cols, cols);
                // Means of g² + ε1 over each row (for r) and each column (for c).
                for (int i = 0; i < rows; i++)
                {
                    T sum = T.Zero;
                    for (int j = 0; j < cols; j++) { T x = g[off + i * cols + j]; sum += x * x + eps1; }
                    rb[i] = b * rb[i] + keep * (sum / T.CreateChecked(cols));
                }
                for (int j = 0; j < cols; j++)
                {
                    T sum = T.Zero;
                    for (int i = 0; i < rows; i++) { T x = g[off + i * cols + j]; sum += x * x + eps1; }
                    cb[j] = b * cb[j] + keep * (sum / T.CreateChecked(rows));
                }
                T rMean = T.Zero;
                foreach (var x in rb) rMean += x;
                rMean /= T.CreateChecked(rows);
                for (int i = 0; i < rows; i++)
                    for (int j = 0; j < cols; j++)
                        v[off + i * cols + j] = rb[i] / rMean * cb[j];
            }
        }
        else
            for (int i = 0; i < w.Length; i++) v[i] = b * v[i] + keep * (g[i] * g[i] + eps1);

        // u = g/√v, scaled down when its root mean square exceeds the threshold.
        double sq = 0;
        for (int i = 0; i < w.Length; i++) { double u = double.CreateChecked(g[i] / T.Sqrt(v[i])); sq += u * u; }
        double scale = alpha / Math.Max(1, Math.Sqrt(sq / Math.Max(1, w.Length)) / ClipThreshold);
        T s = C<T>(scale);
        for (int i = 0; i < w.Length; i++) w[i] -= s * (g[i] / T.Sqrt(v[i]));
    }

    private static double Rms<T>(T[] x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double sq = 0;
        foreach (var e in x) { double d = double.CreateChecked(e); sq += d * d; }
        return x.Length == 0 ? 0 : Math.Sqrt(sq / x.Length);
    }
}
