#pragma warning disable CS8981
using Strata.Rng;

namespace Strata;

public static partial class tf
{
    public static partial class random
    {
        /// <summary>
        /// tf.random.Generator: a random stream with its own state (Philox: a 128-bit counter and a 64-bit key), which
        /// every call reads and then advances by 256 counter blocks per value drawn, as TensorFlow's stateful kernels
        /// do. <see cref="FromSeed"/> gives TensorFlow's numbers for the same seed.
        /// </summary>
        public sealed class Generator
        {
            private readonly object _lock = new();
            private ulong _counterLo, _counterHi, _key;

            private Generator(ulong counterLo, ulong counterHi, ulong key) => (_counterLo, _counterHi, _key) = (counterLo, counterHi, key);

            /// <summary>tf.random.Generator.from_seed: the seed's 64-bit words (two's complement, least significant
            /// first) become the counter and the key.</summary>
            public static Generator FromSeed(long seed)
            {
                ulong sign = seed < 0 ? ulong.MaxValue : 0;
                return new Generator((ulong)seed, sign, sign);
            }

            /// <summary>tf.random.Generator.from_non_deterministic_state: a state from the operating system's entropy.</summary>
            public static Generator FromNonDeterministicState()
            {
                var words = new byte[24];
                System.Security.Cryptography.RandomNumberGenerator.Fill(words);
                return new Generator(BitConverter.ToUInt64(words, 0), BitConverter.ToUInt64(words, 8), BitConverter.ToUInt64(words, 16));
            }

            /// <summary>Generator.reset_from_seed: the state <see cref="FromSeed"/> gives for <paramref name="seed"/>.</summary>
            public void ResetFromSeed(long seed)
            {
                var fresh = FromSeed(seed);
                lock (_lock) (_counterLo, _counterHi, _key) = (fresh._counterLo, fresh._counterHi, fresh._key);
            }

            /// <summary>Generator.reset_from_state / reset: the Philox state [counter low, counter high, key].</summary>
            public void ResetFromState(long[] state)
            {
                var fresh = FromState(state);
                lock (_lock) (_counterLo, _counterHi, _key) = (fresh._counterLo, fresh._counterHi, fresh._key);
            }

            /// <summary>tf.random.Generator.from_state for the Philox algorithm: [counter low, counter high, key].</summary>
            public static Generator FromState(long[] state)
            {
                Guard.NotNull(state, "Generator.FromState", "state");
                if (state.Length != 3)
                    throw new InvalidArgumentError($"Generator.FromState: a Philox state has 3 int64 words, got {state.Length}.");
                return new Generator((ulong)state[0], (ulong)state[1], (ulong)state[2]);
            }

            /// <summary>The state as TensorFlow shows it (<c>g.state</c>): counter low, counter high, key.</summary>
            public long[] State
            {
                get { lock (_lock) return [(long)_counterLo, (long)_counterHi, (long)_key]; }
            }

            /// <summary>Moves the stream on as if <paramref name="delta"/> values had been drawn (Generator.skip).</summary>
            public void Skip(long delta)
            {
                if (delta < 0) throw new InvalidArgumentError($"Generator.Skip: delta must be non-negative, got {delta}.");
                lock (_lock) Advance((ulong)delta * 256);
            }

            /// <summary>Generator.normal: normally distributed values of <paramref name="shape"/> from this generator's stream
            /// (floats only), which moves its state on.</summary>
            public Tensor Normal(Shape shape, double mean = 0, double stddev = 1, DType dtype = DType.Float32)
            {
                int n = CheckFloat(shape, dtype, "Generator.Normal");
                return Sample(Take(n), shape, n, dtype, Distribution.Normal, mean, stddev);
            }

            /// <summary>Generator.uniform: values of <paramref name="shape"/> in [minval, maxval) from this generator's stream,
            /// floats or int32/int64 (whole bounds, minval &lt; maxval), which moves its state on.</summary>
            public Tensor Uniform(Shape shape, double minval = 0, double maxval = 1, DType dtype = DType.Float32)
            {
                Guard.Known(dtype, "Generator.Uniform");
                if (dtype is DType.Int32 or DType.Int64)
                {
                    var (lo, hi) = IntegerBounds(minval, maxval, dtype, "Generator.Uniform");
                    int count = shape.CheckedSize("Generator.Uniform");
                    return IntegersFrom(Take(count), shape, count, lo, hi, dtype);
                }
                int n = CheckFloat(shape, dtype, "Generator.Uniform");
                return Sample(Take(n), shape, n, dtype, Distribution.Uniform, minval, maxval);
            }

            /// <summary>Generator.truncated_normal: normal values of <paramref name="shape"/> with those beyond two standard
            /// deviations from the mean drawn again, from this generator's stream (floats only).</summary>
            public Tensor TruncatedNormal(Shape shape, double mean = 0, double stddev = 1, DType dtype = DType.Float32)
            {
                int n = CheckFloat(shape, dtype, "Generator.TruncatedNormal");
                return Sample(Take(n), shape, n, dtype, Distribution.TruncatedNormal, mean, stddev);
            }

            /// <summary>Generator.uniform_full_int: integers over the dtype's whole range (int32 or int64), one Philox
            /// output word per int32 and two (low word first) per int64, as TensorFlow's UniformFullIntDistribution.</summary>
            public Tensor UniformFullInt(Shape shape, DType dtype = DType.Int64)
            {
                if (dtype is not (DType.Int32 or DType.Int64))
                    throw new InvalidArgumentError($"Generator.UniformFullInt: dtype must be int32 or int64, got {dtype.Name()}.");
                int n = shape.CheckedSize("Generator.UniformFullInt");
                var gen = Take(n);
                if (dtype == DType.Int32)
                {
                    var v = new int[n];
                    TfDistributions.FullInt32(gen, v);
                    return Tensor.FromBuffer(v, shape, dtype);
                }
                var w = new long[n];
                TfDistributions.FullInt64(gen, w);
                return Tensor.FromBuffer(w, shape, dtype);
            }

            /// <summary>Generator.make_seeds: <paramref name="count"/> seed pairs for the stateless ops, an int64 tensor of
            /// shape (2, count) whose first row is fresh 64-bit keys from this stream and whose second row is zeros
            /// (<c>seeds[:, i]</c> is the i-th seed).</summary>
            public Tensor MakeSeeds(int count = 1)
            {
                if (count < 0) throw new InvalidArgumentError($"Generator.MakeSeeds: count must be non-negative, got {count}.");
                var keys = UniformFullInt([count], DType.Int64).ToArray<long>();
                var seeds = new long[2 * count];
                keys.CopyTo(seeds, 0);
                return Tensor.FromBuffer(seeds, [2, count], DType.Int64);
            }

            /// <summary>Generator.split: <paramref name="count"/> new, independent generators, each with a fresh 64-bit key
            /// from this stream and a zero counter (state [0, 0, key]); this generator's state moves on, so two splits
            /// give different generators.</summary>
            public Generator[] Split(int count = 1)
            {
                if (count < 0) throw new InvalidArgumentError($"Generator.Split: count must be non-negative, got {count}.");
                var keys = UniformFullInt([count], DType.Int64).ToArray<long>();
                return keys.Select(key => new Generator(0, 0, (ulong)key)).ToArray();
            }

            /// <summary>The Philox generator at the current state; the state then moves on by 256 blocks per value.</summary>
            private Philox Take(int values)
            {
                lock (_lock)
                {
                    var gen = new Philox((uint)_counterLo, (uint)(_counterLo >> 32), (uint)_counterHi, (uint)(_counterHi >> 32), (uint)_key, (uint)(_key >> 32));
                    Advance((ulong)values * 256);
                    return gen;
                }
            }

            private void Advance(ulong blocks)
            {
                ulong lo = _counterLo + blocks;
                if (lo < _counterLo) _counterHi++;
                _counterLo = lo;
            }
        }
    }
}
