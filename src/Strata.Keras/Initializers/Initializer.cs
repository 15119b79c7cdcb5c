namespace Strata.Keras.Initializers;

/// <summary>Makes a layer weight's first value from its shape (Keras's <c>keras.initializers</c>).
/// Strings convert to it implicitly by Keras name: <c>"glorot_uniform"</c>, <c>"zeros"</c>, ….</summary>
public abstract class Initializer
{
    /// <summary>A new tensor of initial values (Keras's <c>Initializer.__call__</c>).</summary>
    /// <param name="shape">The weight's shape, in Keras's layout (a Dense kernel is <c>[in, units]</c>).</param>
    /// <param name="dtype">The weight's dtype; float32 by default.</param>
    /// <returns>A tensor of <paramref name="shape"/> and <paramref name="dtype"/>.</returns>
    public abstract Tensor Call(Shape shape, DType dtype = DType.Float32);

    /// <summary>Looks up an initializer by Keras name, as <see cref="Get"/> does (<c>kernelInitializer:
    /// "he_normal"</c>).</summary>
    public static implicit operator Initializer(string name) => Get(name);

    /// <summary>keras.initializers.get: an initializer by its Keras name (<c>"glorot_uniform"</c>, <c>"zeros"</c>,
    /// <c>"orthogonal"</c>, …) with Keras 3's defaults and no seed.</summary>
    /// <param name="name">The initializer's Keras name, case-insensitive.</param>
    /// <exception cref="InvalidArgumentError">The name is unknown; the message lists the known ones.</exception>
    public static Initializer Get(string name) => name.ToLowerInvariant() switch
    {
        "glorot_uniform" => new GlorotUniform(),
        "glorot_normal" => new GlorotNormal(),
        "he_uniform" => new HeUniform(),
        "he_normal" => new HeNormal(),
        "lecun_uniform" => new LecunUniform(),
        "lecun_normal" => new LecunNormal(),
        "zeros" => new Zeros(),
        "ones" => new Ones(),
        "random_normal" => new RandomNormal(),
        "random_uniform" => new RandomUniform(),
        "truncated_normal" => new TruncatedNormal(),
        "orthogonal" => new Orthogonal(),
        _ => throw new InvalidArgumentError(
            $"Unknown initializer '{name}'. Known: glorot_uniform, glorot_normal, he_uniform, he_normal, lecun_uniform, " +
            "lecun_normal, zeros, ones, random_normal, random_uniform, truncated_normal, orthogonal."),
    };

    /// <summary>Keras's fan-in and fan-out: for a kernel (…, in, out) the receptive field multiplies both.</summary>
    internal static (double fanIn, double fanOut) Fans(Shape shape)
    {
        if (shape.Rank == 0) return (1, 1);
        if (shape.Rank == 1) return (shape[0], shape[0]);
        if (shape.Rank == 2) return (shape[0], shape[1]);
        double receptive = 1;
        for (int i = 0; i < shape.Rank - 2; i++) receptive *= shape[i];
        return (shape[-2] * receptive, shape[-1] * receptive);
    }
}

/// <summary>keras.initializers.Zeros: every value 0 (Keras's default for biases).</summary>
public sealed class Zeros : Initializer
{
    /// <inheritdoc/>
    public override Tensor Call(Shape shape, DType dtype = DType.Float32) => tf.Zeros(shape, dtype);
}

/// <summary>keras.initializers.Ones: every value 1 (Keras's default for BatchNormalization's gamma).</summary>
public sealed class Ones : Initializer
{
    /// <inheritdoc/>
    public override Tensor Call(Shape shape, DType dtype = DType.Float32) => tf.Ones(shape, dtype);
}

/// <summary>keras.initializers.Constant: every value <paramref name="value"/>.</summary>
/// <param name="value">The value to fill with; Keras 3's default 0.</param>
public sealed class Constant(double value = 0) : Initializer
{
    /// <summary>The value every element is set to.</summary>
    public double Value => value; // read by Saving (get_config)

    /// <inheritdoc/>
    public override Tensor Call(Shape shape, DType dtype = DType.Float32) => tf.Fill(shape, tf.Cast(tf.Constant(value, DType.Float64), dtype));
}

/// <summary>
/// An initializer that draws random values, the way tf.keras draws them so that the same seed gives the same
/// weights as in Python: with a <c>seed</c>, statelessly from <c>[seed, 0]</c> (the same values at every call, as
/// Keras's); without one, after <c>keras.utils.SetRandomSeed</c>, statelessly from a seed drawn from Keras's seed
/// generator at the first call (Keras 2.10+); otherwise from tf.random's stateful ops, whose op seeds follow
/// <c>tf.random.SetSeed</c> (tf.keras 2.9 and earlier).
/// </summary>
/// <param name="seed">A seed for reproducible values (the same values at every call); none by default.</param>
public abstract class RandomInitializer(long? seed) : Initializer
{
    private long? _drawnSeed;

    /// <summary>The seed given at construction; null when the values follow the global seeds.</summary>
    public long? Seed => seed;

    private (long, long)? StatelessSeed()
    {
        if (seed is { } s) return (s, 0);
        _drawnSeed ??= KerasSeeds.Next();
        return _drawnSeed is { } d ? (d, 0) : null;
    }

    /// <summary>Uniform values in [<paramref name="minval"/>, <paramref name="maxval"/>), drawn as tf.keras draws them
    /// (see the class summary).</summary>
    /// <param name="shape">The shape of the result.</param>
    /// <param name="minval">The lower bound, included.</param>
    /// <param name="maxval">The upper bound, excluded.</param>
    /// <param name="dtype">The dtype of the result.</param>
    protected Tensor Uniform(Shape shape, double minval, double maxval, DType dtype) =>
        StatelessSeed() is { } pair ? tf.random.StatelessUniform(shape, pair, minval, maxval, dtype) : tf.random.Uniform(shape, minval, maxval, dtype);

    /// <summary>Normal values with <paramref name="mean"/> and <paramref name="stddev"/>, drawn as tf.keras draws
    /// them.</summary>
    /// <param name="shape">The shape of the result.</param>
    /// <param name="mean">The distribution's mean.</param>
    /// <param name="stddev">The distribution's standard deviation.</param>
    /// <param name="dtype">The dtype of the result.</param>
    protected Tensor Normal(Shape shape, double mean, double stddev, DType dtype) =>
        StatelessSeed() is { } pair ? tf.random.StatelessNormal(shape, pair, mean, stddev, dtype) : tf.random.Normal(shape, mean, stddev, dtype);

    /// <summary>Normal values with <paramref name="mean"/> and <paramref name="stddev"/>, those beyond two standard
    /// deviations redrawn (tf.random.truncated_normal), drawn as tf.keras draws them.</summary>
    /// <param name="shape">The shape of the result.</param>
    /// <param name="mean">The mean of the untruncated distribution.</param>
    /// <param name="stddev">The standard deviation of the untruncated distribution.</param>
    /// <param name="dtype">The dtype of the result.</param>
    protected Tensor TruncatedNormal(Shape shape, double mean, double stddev, DType dtype) =>
        StatelessSeed() is { } pair ? tf.random.StatelessTruncatedNormal(shape, pair, mean, stddev, dtype) : tf.random.TruncatedNormal(shape, mean, stddev, dtype);
}

/// <summary>Normal values, Keras 3 defaults mean 0, stddev 0.05.</summary>
/// <param name="mean">The mean; Keras 3's default 0.</param>
/// <param name="stddev">The standard deviation; default 0.05.</param>
/// <param name="seed">A seed for reproducible values; none by default.</param>
public sealed class RandomNormal(double mean = 0, double stddev = 0.05, long? seed = null) : RandomInitializer(seed)
{
    /// <summary>The mean of the normal distribution.</summary>
    public double Mean => mean;
    /// <summary>The standard deviation of the normal distribution.</summary>
    public double Stddev => stddev;

    /// <inheritdoc/>
    public override Tensor Call(Shape shape, DType dtype = DType.Float32) => Normal(shape, mean, stddev, dtype);
}

/// <summary>Uniform values, Keras 3 defaults [-0.05, 0.05).</summary>
/// <param name="minval">The lower bound, included; Keras 3's default -0.05.</param>
/// <param name="maxval">The upper bound, excluded; default 0.05.</param>
/// <param name="seed">A seed for reproducible values; none by default.</param>
public sealed class RandomUniform(double minval = -0.05, double maxval = 0.05, long? seed = null) : RandomInitializer(seed)
{
    /// <summary>The lower bound of the values, included.</summary>
    public double Minval => minval;
    /// <summary>The upper bound of the values, excluded.</summary>
    public double Maxval => maxval;

    /// <inheritdoc/>
    public override Tensor Call(Shape shape, DType dtype = DType.Float32) => Uniform(shape, minval, maxval, dtype);
}

/// <summary>Normal values redrawn beyond two standard deviations; Keras 3 defaults mean 0, stddev 0.05.</summary>
/// <param name="mean">The mean; Keras 3's default 0.</param>
/// <param name="stddev">The standard deviation before truncation; default 0.05.</param>
/// <param name="seed">A seed for reproducible values; none by default.</param>
public sealed class TruncatedNormal(double mean = 0, double stddev = 0.05, long? seed = null) : RandomInitializer(seed)
{
    /// <summary>The mean of the distribution.</summary>
    public double Mean => mean;
    /// <summary>The standard deviation of the distribution before truncation.</summary>
    public double Stddev => stddev;

    /// <inheritdoc/>
    public override Tensor Call(Shape shape, DType dtype = DType.Float32) => TruncatedNormal(shape, mean, stddev, dtype);
}

/// <summary>Keras's VarianceScaling: variance scale / n, n = fan_in, fan_out or their mean.</summary>
/// <param name="scale">The variance's numerator; Keras 3's default 1.0.</param>
/// <param name="mode"><c>"fan_in"</c> (the default), <c>"fan_out"</c> or <c>"fan_avg"</c>: the n divided by.</param>
/// <param name="distribution"><c>"truncated_normal"</c> (the default: stddev √(scale/n) after truncation at two standard
/// deviations), <c>"untruncated_normal"</c>, or <c>"uniform"</c> (within ±√(3·scale/n)).</param>
/// <param name="seed">A seed for reproducible values; none by default.</param>
public class VarianceScaling(double scale = 1.0, string mode = "fan_in", string distribution = "truncated_normal", long? seed = null) : RandomInitializer(seed)
{
    /// <summary>The variance's numerator: the values' variance is scale / n.</summary>
    public double Scale => scale;
    /// <summary>Which n the scale is divided by: <c>"fan_in"</c>, <c>"fan_out"</c> or <c>"fan_avg"</c>.</summary>
    public string Mode => mode;
    /// <summary>The distribution drawn from: <c>"truncated_normal"</c>, <c>"untruncated_normal"</c> or
    /// <c>"uniform"</c>.</summary>
    public string Distribution => distribution;

    /// <summary>Values of variance scale / n for the fans of <paramref name="shape"/> (for a kernel (…, in, out) the
    /// receptive field multiplies both fans).</summary>
    /// <inheritdoc/>
    /// <exception cref="InvalidArgumentError">The mode or the distribution is not one Keras knows.</exception>
    public override Tensor Call(Shape shape, DType dtype = DType.Float32)
    {
        var (fanIn, fanOut) = Fans(shape);
        double n = mode switch
        {
            "fan_in" => fanIn,
            "fan_out" => fanOut,
            "fan_avg" => (fanIn + fanOut) / 2,
            _ => throw new InvalidArgumentError($"VarianceScaling: mode must be fan_in, fan_out or fan_avg, got '{mode}'."),
        };
        double s = scale / Math.Max(1.0, n);
        switch (distribution)
        {
            case "truncated_normal":
                // Divided by the stddev of a standard normal truncated to [-2, 2], so the result has variance s.
                return TruncatedNormal(shape, 0, Math.Sqrt(s) / 0.87962566103423978, dtype);
            case "untruncated_normal":
                return Normal(shape, 0, Math.Sqrt(s), dtype);
            case "uniform":
                double limit = Math.Sqrt(3.0 * s);
                return Uniform(shape, -limit, limit, dtype);
            default:
                throw new InvalidArgumentError($"VarianceScaling: distribution must be truncated_normal, untruncated_normal or uniform, got '{distribution}'.");
        }
    }
}

/// <summary>keras.initializers.GlorotUniform (Keras's default kernel initializer): uniform within ±√(6 / (fan_in +
/// fan_out)), which is VarianceScaling(1.0, "fan_avg", "uniform").</summary>
/// <param name="seed">A seed for reproducible values; none by default.</param>
public sealed class GlorotUniform(long? seed = null) : VarianceScaling(1.0, "fan_avg", "uniform", seed);
/// <summary>keras.initializers.GlorotNormal: truncated normal with stddev √(2 / (fan_in + fan_out)), which is
/// VarianceScaling(1.0, "fan_avg", "truncated_normal").</summary>
/// <param name="seed">A seed for reproducible values; none by default.</param>
public sealed class GlorotNormal(long? seed = null) : VarianceScaling(1.0, "fan_avg", "truncated_normal", seed);
/// <summary>keras.initializers.HeUniform: uniform within ±√(6 / fan_in), which is VarianceScaling(2.0, "fan_in",
/// "uniform"); suited to relu layers.</summary>
/// <param name="seed">A seed for reproducible values; none by default.</param>
public sealed class HeUniform(long? seed = null) : VarianceScaling(2.0, "fan_in", "uniform", seed);
/// <summary>keras.initializers.HeNormal: truncated normal with stddev √(2 / fan_in), which is VarianceScaling(2.0,
/// "fan_in", "truncated_normal"); suited to relu layers.</summary>
/// <param name="seed">A seed for reproducible values; none by default.</param>
public sealed class HeNormal(long? seed = null) : VarianceScaling(2.0, "fan_in", "truncated_normal", seed);
/// <summary>keras.initializers.LecunUniform: uniform within ±√(3 / fan_in), which is VarianceScaling(1.0, "fan_in",
/// "uniform").</summary>
/// <param name="seed">A seed for reproducible values; none by default.</param>
public sealed class LecunUniform(long? seed = null) : VarianceScaling(1.0, "fan_in", "uniform", seed);
/// <summary>keras.initializers.LecunNormal: truncated normal with stddev √(1 / fan_in), which is VarianceScaling(1.0,
/// "fan_in", "truncated_normal"); the initializer selu expects.</summary>
/// <param name="seed">A seed for reproducible values; none by default.</param>
public sealed class LecunNormal(long? seed = null) : VarianceScaling(1.0, "fan_in", "truncated_normal", seed);

/// <summary>A (semi-)orthogonal matrix from the QR decomposition of a normal matrix, times <paramref name="gain"/>.</summary>
/// <param name="gain">The factor the orthogonal matrix is multiplied by; Keras 3's default 1.0.</param>
/// <param name="seed">A seed for reproducible values; none by default.</param>
public sealed class Orthogonal(double gain = 1.0, long? seed = null) : RandomInitializer(seed)
{
    /// <summary>The factor the orthogonal matrix is multiplied by.</summary>
    public double Gain => gain;

    /// <summary>A (semi-)orthogonal matrix of (product of the leading dimensions) × (last dimension), times
    /// <see cref="Gain"/>, reshaped to <paramref name="shape"/>.</summary>
    /// <inheritdoc/>
    /// <exception cref="InvalidArgumentError"><paramref name="shape"/> has rank below 2.</exception>
    public override Tensor Call(Shape shape, DType dtype = DType.Float32)
    {
        if (shape.Rank < 2)
            throw new InvalidArgumentError($"Orthogonal: the shape must have rank >= 2, got {shape}.");
        int cols = shape[-1];
        int rows = shape.Size / Math.Max(cols, 1);
        int r = Math.Max(rows, cols), c = Math.Min(rows, cols);
        var a = Normal([r, c], 0, 1, DType.Float64).ToArray<double>();
        // Modified Gram-Schmidt on the columns of a (r x c), then sign-correct as QR with positive diagonal R.
        for (int j = 0; j < c; j++)
        {
            for (int k = 0; k < j; k++)
            {
                double dot = 0;
                for (int i = 0; i < r; i++) dot += a[i * c + j] * a[i * c + k];
                for (int i = 0; i < r; i++) a[i * c + j] -= dot * a[i * c + k];
            }
            double norm = 0;
            for (int i = 0; i < r; i++) norm += a[i * c + j] * a[i * c + j];
            norm = Math.Sqrt(norm);
            for (int i = 0; i < r; i++) a[i * c + j] /= norm == 0 ? 1 : norm;
        }
        var q = tf.Constant(a, DType.Float64, [r, c]);
        if (rows < cols) q = tf.Transpose(q);
        return tf.Cast(tf.Reshape(q * gain, shape), dtype);
    }
}
