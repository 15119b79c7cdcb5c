#pragma warning disable CS8981
using Strata.Rng;

namespace Strata;

public static partial class tf
{
    /// <summary>TensorFlow's <c>tf.random</c>. With <see cref="SetSeed"/> the whole program draws the same
    /// numbers on every run and machine; an op's own <c>seed</c> fixes that op alone.</summary>
    public static class random
    {
        // TensorFlow's default graph seed, used when an op seed is given without a global one.
        private const long DefaultGlobalSeed = 87654321;
        private static long? _globalSeed;
        private static long _opCounter;
        private static readonly object Lock = new();

        /// <summary>tf.random.set_seed: fixes the global seed and restarts the sequence of op seeds.</summary>
        public static void SetSeed(long seed)
        {
            lock (Lock)
            {
                _globalSeed = seed;
                _opCounter = 0;
            }
        }

        /// <summary>Seeds for the next random op: (global, op), following TensorFlow's rules.</summary>
        internal static (ulong, ulong) NextSeeds(long? opSeed)
        {
            lock (Lock)
            {
                if (_globalSeed is { } g) return ((ulong)g, (ulong)(opSeed ?? ++_opCounter));
                if (opSeed is { } s) return (DefaultGlobalSeed, (ulong)s);
                return ((ulong)System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue),
                        (ulong)System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue));
            }
        }

        public static Tensor Normal(Shape shape, double mean = 0, double stddev = 1, DType dtype = DType.Float32, long? seed = null)
        {
            var values = Draw(shape, dtype, seed, "Normal", static (p, v, _) => p.FillNormal(v));
            for (int i = 0; i < values.Length; i++) values[i] = values[i] * stddev + mean;
            return Make(values, shape, dtype);
        }

        public static Tensor Uniform(Shape shape, double minval = 0, double maxval = 1, DType dtype = DType.Float32, long? seed = null)
        {
            if (!(maxval > minval))
                throw new InvalidArgumentError($"Uniform: need minval < maxval, got minval {minval}, maxval {maxval}.");
            var values = Draw(shape, dtype, seed, "Uniform", static (p, v, dbl) => p.FillUniform(v, dbl));
            for (int i = 0; i < values.Length; i++) values[i] = minval + values[i] * (maxval - minval);
            return Make(values, shape, dtype);
        }

        public static Tensor TruncatedNormal(Shape shape, double mean = 0, double stddev = 1, DType dtype = DType.Float32, long? seed = null)
        {
            var values = Draw(shape, dtype, seed, "TruncatedNormal", static (p, v, _) => p.FillTruncatedNormal(v));
            for (int i = 0; i < values.Length; i++) values[i] = values[i] * stddev + mean;
            return Make(values, shape, dtype);
        }

        private delegate void Filler(Philox philox, Span<double> values, bool doublePrecision);

        private static double[] Draw(Shape shape, DType dtype, long? seed, string op, Filler fill)
        {
            if (!Guard.Known(dtype, op).IsFloating)
                throw new UnsupportedDTypeError($"{op}: dtype must be float32 or float64, got {dtype.Name()}.");
            int size = shape.CheckedSize(op);
            var (s1, s2) = NextSeeds(seed);
            var values = new double[size];
            fill(new Philox(s1, s2), values, dtype == DType.Float64);
            return values;
        }

        private static Tensor Make(double[] values, Shape shape, DType dtype) =>
            Cast(Tensor.FromBuffer(values, shape, DType.Float64), dtype);
    }
}
