using Strata.Rng;

namespace Strata.Keras.Initializers;

/// <summary>
/// The seeds Keras 2.10+ gives its random initializers: after <c>keras.utils.SetRandomSeed(s)</c> each initializer
/// without a seed draws one, <c>randint(1, 10**9)</c>, from Python's <c>random.Random(s)</c> the first time it is
/// called, and then draws statelessly with <c>[seed, 0]</c>. A later <c>tf.random.SetSeed</c> ends this: initializers
/// then draw from tf.random's stateful ops with op seeds, as tf.keras 2.9 and earlier do.
/// </summary>
internal static class KerasSeeds
{
    private static readonly object Lock = new();
    private static PythonRandom? _generator;
    private static int _seedVersion;

    /// <summary>keras.utils.set_random_seed: tf.random's global seed and Keras's own seed generator.</summary>
    public static void Set(long seed)
    {
        lock (Lock)
        {
            tf.random.SetSeed(seed);
            _generator = new PythonRandom(seed);
            _seedVersion = tf.random.SeedVersion;
        }
    }

    /// <summary>The next initializer seed, or null when Keras's seeding is not the latest (then draw statefully).</summary>
    public static long? Next()
    {
        lock (Lock)
            return _generator is not null && _seedVersion == tf.random.SeedVersion ? _generator.RandInt(1, 1_000_000_000) : null;
    }
}
