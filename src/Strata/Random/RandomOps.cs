#pragma warning disable CS8981
using Strata.Rng;

namespace Strata;

/// <summary>Which random streams <c>tf.random</c> draws (see <see cref="tf.random.Streams"/>).</summary>
public enum RandomStreams
{
    /// <summary>TensorFlow 2's, bit for bit: Philox keyed by TensorFlow's seed pair, op seeds from Python's
    /// <c>random.Random(seed)</c>, TensorFlow's conversions and kernels. The default.</summary>
    TensorFlow,

    /// <summary>Strata's streams before it reproduced TensorFlow's: Philox keyed by (global seed, op counter),
    /// drawn in double precision. Kept so that results computed with earlier versions can be reproduced.</summary>
    StrataClassic,
}

public static partial class tf
{
    /// <summary>TensorFlow's <c>tf.random</c>. With <see cref="SetSeed"/> the whole program draws the same
    /// numbers on every run and machine, and the same numbers TensorFlow draws for the same program; an op's own
    /// <c>seed</c> fixes that op's stream alone.</summary>
    public static partial class random
    {
        // TensorFlow's default graph seed, used when an op seed is given without a global one.
        private const long DefaultGlobalSeed = 87654321;
        private const long MaxInt32 = int.MaxValue; // TensorFlow's _MAXINT32, 2^31 - 1: seeds are taken modulo it
        private static readonly object Lock = new();
        private static long? _globalSeed;
        private static PythonRandom? _opSeeds;  // the eager context's random.Random(global seed)
        private static long _classicCounter;

        // TensorFlow caches a stateful kernel per (op, dtype, seed, seed2): calling an op again with the same seed
        // pair continues its stream. Kernels of drawn op seeds are kept apart and bounded (a training loop draws a
        // new pair per call; a repeat is a 31-bit collision).
        private static readonly Dictionary<(string, DType, long, long), Philox> SeededKernels = new();
        private static readonly Dictionary<(string, DType, long, long), Philox> DrawnKernels = new();
        private const int MaxDrawnKernels = 1 << 16;

        /// <summary>Which streams to draw: TensorFlow's (the default) or Strata's earlier ones.</summary>
        public static RandomStreams Streams { get; set; } = RandomStreams.TensorFlow;

        /// <summary>Counts SetSeed calls, so that Keras can tell whether its own seeding is still the latest.</summary>
        internal static int SeedVersion { get; private set; }

        /// <summary>tf.random.set_seed: fixes the global seed, restarts the sequence of op seeds and forgets every
        /// op's stream.</summary>
        public static void SetSeed(long seed)
        {
            lock (Lock)
            {
                _globalSeed = seed;
                _opSeeds = new PythonRandom(seed);
                _classicCounter = 0;
                SeededKernels.Clear();
                DrawnKernels.Clear();
                SeedVersion++;
            }
        }

        /// <summary>TensorFlow's <c>random_seed.get_seed</c> in eager mode: (global, op) seeds, null when neither is
        /// set (then the op is nondeterministic).</summary>
        private static (long Seed, long Seed2)? SeedPair(long? opSeed)
        {
            (long, long) pair;
            if (_globalSeed is { } g) pair = (Truncate(g), Truncate(opSeed ?? _opSeeds!.RandInt(0, MaxInt32)));
            else if (opSeed is { } s) pair = (DefaultGlobalSeed, Truncate(s));
            else return null;
            return pair == (0, 0) ? (0, MaxInt32) : pair; // (0, 0) would mean "nondeterministic" to the kernel

            static long Truncate(long v) => ((v % MaxInt32) + MaxInt32) % MaxInt32; // Python's %, never negative
        }

        /// <summary>The seed pair of an op with <paramref name="opSeed"/> (TensorFlow's get_seed; drawing the next op seed
        /// when only the global seed is set), or null when the op is nondeterministic: for tf.data's Shuffle.</summary>
        internal static (long Seed, long Seed2)? SeedPairFor(long? opSeed)
        {
            lock (Lock) return SeedPair(opSeed);
        }

        /// <summary>The generator a stateful op of <paramref name="outputs"/> values starts from; the op's stream then
        /// moves on by 256 blocks per value, as TensorFlow's kernel reserves them.</summary>
        private static Philox Reserve(string op, DType dtype, long? opSeed, long outputs)
        {
            lock (Lock)
            {
                if (SeedPair(opSeed) is not { } pair)
                    return new Philox(NondeterministicSeed(), NondeterministicSeed());
                var kernels = opSeed is null ? DrawnKernels : SeededKernels;
                var key = (op, dtype, pair.Seed, pair.Seed2);
                if (!kernels.TryGetValue(key, out var gen))
                {
                    if (kernels == DrawnKernels && DrawnKernels.Count >= MaxDrawnKernels) DrawnKernels.Clear();
                    gen = new Philox((ulong)pair.Seed, (ulong)pair.Seed2);
                }
                var start = gen;
                gen.Skip((ulong)outputs * 256);
                kernels[key] = gen;
                return start;
            }
        }

        private static ulong NondeterministicSeed() => (ulong)System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue) + 1;

        // ----- stateful ops -----

        /// <summary>tf.random.normal: normally distributed floats of <paramref name="shape"/> with <paramref name="mean"/> and
        /// <paramref name="stddev"/>; reproducible with <see cref="SetSeed"/> or the op's own <paramref name="seed"/>.</summary>
        public static Tensor Normal(Shape shape, double mean = 0, double stddev = 1, DType dtype = DType.Float32, long? seed = null)
        {
            int n = CheckFloat(shape, dtype, "Normal");
            if (Streams == RandomStreams.StrataClassic)
                return Classic(shape, dtype, seed, n, static (p, v, _) => p.FillNormal(v), mean, stddev);
            return Sample(Reserve("RandomStandardNormal", dtype, seed, n), shape, n, dtype, Distribution.Normal, mean, stddev);
        }

        /// <summary>tf.random.uniform. Floats lie in [minval, maxval) (computed as TensorFlow does, rnd * (max - min)
        /// + min in the dtype); int32 and int64 in [minval, maxval), which must then be whole numbers with minval &lt; maxval.</summary>
        public static Tensor Uniform(Shape shape, double minval = 0, double maxval = 1, DType dtype = DType.Float32, long? seed = null)
        {
            Guard.Known(dtype, "Uniform");
            if (dtype is DType.Int32 or DType.Int64) return UniformInt(shape, minval, maxval, dtype, seed);
            int n = CheckFloat(shape, dtype, "Uniform");
            if (double.IsNaN(minval) || double.IsNaN(maxval))
                throw new InvalidArgumentError($"Uniform: minval {minval} and maxval {maxval} must not be NaN.");
            if (Streams == RandomStreams.StrataClassic)
            {
                if (!(maxval > minval))
                    throw new InvalidArgumentError($"Uniform: need minval < maxval, got minval {minval}, maxval {maxval}.");
                return Classic(shape, dtype, seed, n, static (p, v, dbl) => p.FillUniform(v, dbl), minval, maxval - minval, uniform: true);
            }
            return Sample(Reserve("RandomUniform", dtype, seed, n), shape, n, dtype, Distribution.Uniform, minval, maxval);
        }

        /// <summary>tf.random.truncated_normal: normal floats of <paramref name="shape"/> with those beyond two standard
        /// deviations from <paramref name="mean"/> drawn again; reproducible as <see cref="Normal"/> is.</summary>
        public static Tensor TruncatedNormal(Shape shape, double mean = 0, double stddev = 1, DType dtype = DType.Float32, long? seed = null)
        {
            int n = CheckFloat(shape, dtype, "TruncatedNormal");
            if (Streams == RandomStreams.StrataClassic)
                return Classic(shape, dtype, seed, n, static (p, v, _) => p.FillTruncatedNormal(v), mean, stddev);
            return Sample(Reserve("TruncatedNormal", dtype, seed, n), shape, n, dtype, Distribution.TruncatedNormal, mean, stddev);
        }

        private static Tensor UniformInt(Shape shape, double minval, double maxval, DType dtype, long? seed)
        {
            var (lo, hi) = IntegerBounds(minval, maxval, dtype, "Uniform");
            int n = shape.CheckedSize("Uniform");
            if (Streams == RandomStreams.StrataClassic)
                throw new UnsupportedDTypeError($"Uniform: integer dtypes need tf.random.Streams = RandomStreams.TensorFlow, got {dtype.Name()}.");
            return IntegersFrom(Reserve("RandomUniformInt", dtype, seed, n), shape, n, lo, hi, dtype);
        }

        // ----- stateless ops: the same numbers for the same seed, whatever ran before -----

        /// <summary>tf.random.stateless_uniform: a pure function of <paramref name="seed"/> and the shape.</summary>
        public static Tensor StatelessUniform(Shape shape, (long, long) seed, double minval = 0, double maxval = 1, DType dtype = DType.Float32)
        {
            Guard.Known(dtype, "StatelessUniform");
            var gen = StatelessGenerator(seed);
            if (dtype is DType.Int32 or DType.Int64)
            {
                var (lo, hi) = IntegerBounds(minval, maxval, dtype, "StatelessUniform");
                return IntegersFrom(gen, shape, shape.CheckedSize("StatelessUniform"), lo, hi, dtype);
            }
            int n = CheckFloat(shape, dtype, "StatelessUniform");
            return Sample(gen, shape, n, dtype, Distribution.Uniform, minval, maxval);
        }

        /// <summary>tf.random.stateless_normal.</summary>
        public static Tensor StatelessNormal(Shape shape, (long, long) seed, double mean = 0, double stddev = 1, DType dtype = DType.Float32)
        {
            int n = CheckFloat(shape, dtype, "StatelessNormal");
            return Sample(StatelessGenerator(seed), shape, n, dtype, Distribution.Normal, mean, stddev);
        }

        /// <summary>tf.random.stateless_truncated_normal.</summary>
        public static Tensor StatelessTruncatedNormal(Shape shape, (long, long) seed, double mean = 0, double stddev = 1, DType dtype = DType.Float32)
        {
            int n = CheckFloat(shape, dtype, "StatelessTruncatedNormal");
            return Sample(StatelessGenerator(seed), shape, n, dtype, Distribution.TruncatedNormal, mean, stddev);
        }

        /// <summary>TensorFlow's GenerateKey: the seed pair is scrambled by one Philox block under a fixed key, so that
        /// neither half of the seed needs to be strong.</summary>
        private static Philox StatelessGenerator((long, long) seed)
        {
            ulong s0 = (ulong)seed.Item1, s1 = (ulong)seed.Item2;
            var mix = new Philox((uint)s0, (uint)(s0 >> 32), (uint)s1, (uint)(s1 >> 32), 0x3ec8f720, 0x02461e29).Next();
            return new Philox(0, 0, mix.Item3, mix.Item4, mix.Item1, mix.Item2);
        }

        // ----- shared pieces -----

        private static int CheckFloat(Shape shape, DType dtype, string op)
        {
            if (!Guard.Known(dtype, op).IsFloating)
                throw new UnsupportedDTypeError($"{op}: dtype must be float32 or float64, got {dtype.Name()}.");
            return shape.CheckedSize(op);
        }

        private static (long Lo, long Hi) IntegerBounds(double minval, double maxval, DType dtype, string op)
        {
            foreach (var (name, v) in new[] { ("minval", minval), ("maxval", maxval) })
                if (!ValueConversion.IsExactInteger(v, dtype))
                    throw new TypeError($"{op}: cannot convert {name} {v} to EagerTensor of dtype {dtype.Name()}.");
            if (!(minval < maxval))
                throw new InvalidArgumentError($"{op}: need minval < maxval: {minval} >= {maxval}.");
            return ((long)minval, (long)maxval);
        }

        internal static Tensor IntegersFrom(Philox gen, Shape shape, int n, long lo, long hi, DType dtype)
        {
            if (dtype == DType.Int32)
            {
                var v = new int[n];
                TfDistributions.UniformInt32(gen, v, (int)lo, (uint)(hi - lo));
                return Tensor.FromBuffer(v, shape, dtype);
            }
            var w = new long[n];
            TfDistributions.UniformInt64(gen, w, lo, (ulong)(hi - lo));
            return Tensor.FromBuffer(w, shape, dtype);
        }

        internal enum Distribution { Uniform, Normal, TruncatedNormal }

        /// <summary>
        /// <paramref name="n"/> values of a TensorFlow distribution from <paramref name="gen"/>, then scaled as
        /// TensorFlow's Python wrappers scale them, in the dtype (two roundings): uniform rnd * (b - a) + a over
        /// [a = minval, b = maxval), normals rnd * b + a with a = mean, b = stddev.
        /// </summary>
        internal static Tensor Sample(Philox gen, Shape shape, int n, DType dtype, Distribution kind, double a, double b)
        {
            if (dtype == DType.Float32)
            {
                var v = (float[])Tensor.AllocBuffer(DType.Float32, n);
                switch (kind)
                {
                    case Distribution.Uniform: TfDistributions.UniformFloat(gen, v); break;
                    case Distribution.Normal: TfDistributions.NormalFloat(gen, v); break;
                    default: TfDistributions.TruncatedNormalFloat(gen, v); break;
                }
                // float32(maxval) - float32(minval), as the wrapper subtracts the converted tensors.
                float scale = kind == Distribution.Uniform ? (float)b - (float)a : (float)b, offset = (float)a;
                if (scale != 1f || offset != 0f)
                    for (int i = 0; i < v.Length; i++) v[i] = v[i] * scale + offset;
                return Tensor.FromBuffer(v, shape, DType.Float32);
            }
            var w = (double[])Tensor.AllocBuffer(DType.Float64, n);
            switch (kind)
            {
                case Distribution.Uniform: TfDistributions.UniformDouble(gen, w); break;
                case Distribution.Normal: TfDistributions.NormalDouble(gen, w); break;
                default: TfDistributions.TruncatedNormalDouble(gen, w); break;
            }
            double dScale = kind == Distribution.Uniform ? b - a : b;
            if (dScale != 1 || a != 0)
                for (int i = 0; i < w.Length; i++) w[i] = w[i] * dScale + a;
            return Tensor.FromBuffer(w, shape, DType.Float64);
        }

        // ----- Strata's classic streams (RandomStreams.StrataClassic) -----

        private delegate void ClassicFiller(Philox philox, Span<double> values, bool doublePrecision);

        private static Tensor Classic(Shape shape, DType dtype, long? seed, int n, ClassicFiller fill, double a, double b, bool uniform = false)
        {
            (ulong, ulong) seeds;
            lock (Lock)
            {
                if (_globalSeed is { } g) seeds = ((ulong)g, (ulong)(seed ?? ++_classicCounter));
                else if (seed is { } s) seeds = (DefaultGlobalSeed, (ulong)s);
                else seeds = (NondeterministicSeed(), NondeterministicSeed());
            }
            var values = new double[n];
            fill(new Philox(seeds.Item1, seeds.Item2), values, dtype == DType.Float64);
            // uniform: minval + u * (maxval - minval); normals: u * stddev + mean.
            for (int i = 0; i < values.Length; i++) values[i] = uniform ? a + values[i] * b : values[i] * b + a;
            return Cast(Tensor.FromBuffer(values, shape, DType.Float64), dtype);
        }
    }
}
