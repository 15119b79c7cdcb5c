namespace Strata.Keras.Initializers;

/// <summary>Makes a layer weight's first value from its shape (Keras's <c>keras.initializers</c>).
/// Strings convert to it implicitly by Keras name: <c>"glorot_uniform"</c>, <c>"zeros"</c>, ….</summary>
public abstract class Initializer
{
    public abstract Tensor Call(Shape shape, DType dtype = DType.Float32);

    public static implicit operator Initializer(string name) => Get(name);

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

public sealed class Zeros : Initializer
{
    public override Tensor Call(Shape shape, DType dtype = DType.Float32) => tf.Zeros(shape, dtype);
}

public sealed class Ones : Initializer
{
    public override Tensor Call(Shape shape, DType dtype = DType.Float32) => tf.Ones(shape, dtype);
}

public sealed class Constant(double value = 0) : Initializer
{
    public double Value => value; // read by Saving (get_config)

    public override Tensor Call(Shape shape, DType dtype = DType.Float32) => tf.Fill(shape, tf.Cast(tf.Constant(value, DType.Float64), dtype));
}

/// <summary>
/// An initializer that draws random values, the way tf.keras draws them so that the same seed gives the same
/// weights as in Python: with a <c>seed</c>, statelessly from <c>[seed, 0]</c> (the same values at every call, as
/// Keras's); without one, after <c>keras.utils.SetRandomSeed</c>, statelessly from a seed drawn from Keras's seed
/// generator at the first call (Keras 2.10+); otherwise from tf.random's stateful ops, whose op seeds follow
/// <c>tf.random.SetSeed</c> (tf.keras 2.9 and earlier).
/// </summary>
public abstract class RandomInitializer(long? seed) : Initializer
{
    private long? _drawnSeed;

    public long? Seed => seed;

    private (long, long)? StatelessSeed()
    {
        if (seed is { } s) return (s, 0);
        _drawnSeed ??= KerasSeeds.Next();
        return _drawnSeed is { } d ? (d, 0) : null;
    }

    protected Tensor Uniform(Shape shape, double minval, double maxval, DType dtype) =>
        StatelessSeed() is { } pair ? tf.random.StatelessUniform(shape, pair, minval, maxval, dtype) : tf.random.Uniform(shape, minval, maxval, dtype);

    protected Tensor Normal(Shape shape, double mean, double stddev, DType dtype) =>
        StatelessSeed() is { } pair ? tf.random.StatelessNormal(shape, pair, mean, stddev, dtype) : tf.random.Normal(shape, mean, stddev, dtype);

    protected Tensor TruncatedNormal(Shape shape, double mean, double stddev, DType dtype) =>
        StatelessSeed() is { } pair ? tf.random.StatelessTruncatedNormal(shape, pair, mean, stddev, dtype) : tf.random.TruncatedNormal(shape, mean, stddev, dtype);
}

/// <summary>Normal values, Keras 3 defaults mean 0, stddev 0.05.</summary>
public sealed class RandomNormal(double mean = 0, double stddev = 0.05, long? seed = null) : RandomInitializer(seed)
{
    public double Mean => mean;
    public double Stddev => stddev;

    public override Tensor Call(Shape shape, DType dtype = DType.Float32) => Normal(shape, mean, stddev, dtype);
}

/// <summary>Uniform values, Keras 3 defaults [-0.05, 0.05).</summary>
public sealed class RandomUniform(double minval = -0.05, double maxval = 0.05, long? seed = null) : RandomInitializer(seed)
{
    public double Minval => minval;
    public double Maxval => maxval;

    public override Tensor Call(Shape shape, DType dtype = DType.Float32) => Uniform(shape, minval, maxval, dtype);
}

/// <summary>Normal values redrawn beyond two standard deviations; Keras 3 defaults mean 0, stddev 0.05.</summary>
public sealed class TruncatedNormal(double mean = 0, double stddev = 0.05, long? seed = null) : RandomInitializer(seed)
{
    public double Mean => mean;
    public double Stddev => stddev;

    public override Tensor Call(Shape shape, DType dtype = DType.Float32) => TruncatedNormal(shape, mean, stddev, dtype);
}

/// <summary>Keras's VarianceScaling: variance scale / n, n = fan_in, fan_out or their mean.</summary>
public class VarianceScaling(double scale = 1.0, string mode = "fan_in", string distribution = "truncated_normal", long? seed = null) : RandomInitializer(seed)
{
    public double Scale => scale;
    public string Mode => mode;
    public string Distribution => distribution;

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

public sealed class GlorotUniform(long? seed = null) : VarianceScaling(1.0, "fan_avg", "uniform", seed);
public sealed class GlorotNormal(long? seed = null) : VarianceScaling(1.0, "fan_avg", "truncated_normal", seed);
public sealed class HeUniform(long? seed = null) : VarianceScaling(2.0, "fan_in", "uniform", seed);
public sealed class HeNormal(long? seed = null) : VarianceScaling(2.0, "fan_in", "truncated_normal", seed);
public sealed class LecunUniform(long? seed = null) : VarianceScaling(1.0, "fan_in", "uniform", seed);
public sealed class LecunNormal(long? seed = null) : VarianceScaling(1.0, "fan_in", "truncated_normal", seed);

/// <summary>A (semi-)orthogonal matrix from the QR decomposition of a normal matrix, times <paramref name="gain"/>.</summary>
public sealed class Orthogonal(double gain = 1.0, long? seed = null) : RandomInitializer(seed)
{
    public double Gain => gain;

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
