#pragma warning disable CS8981
using Strata.Rng;

namespace Strata;

public static partial class tf
{
    public static partial class random
    {
        /// <summary>
        /// tf.random.shuffle: the slices of <paramref name="value"/> along its first dimension in a random order (any
        /// dtype; a scalar comes back unchanged). The algorithm of TensorFlow's RandomShuffle kernel: a Fisher–Yates
        /// pass swapping i with i + (u mod (n - i)), u the next 32-bit Philox value, from a stream that reserves
        /// ⌈(n - 1) / 4⌉ blocks per call. Seeds as the other stateful ops (global and op seed).
        /// </summary>
        public static Tensor Shuffle(Tensor value, long? seed = null)
        {
            Guard.NotNull(value, "Shuffle", "value");
            if (value.Rank == 0) return tf.Identity(value);
            int n = value.Shape[0];
            if (n <= 1) return tf.Identity(value);
            var perm = new long[n];
            for (int i = 0; i < n; i++) perm[i] = i;
            var gen = ReserveBlocks("RandomShuffle", value.DType, seed, (ulong)((n - 1 + 3L) / 4));
            (uint, uint, uint, uint) block = default;
            int used = 4;
            for (int i = 0; i < n - 1; i++)
            {
                if (used == 4) { block = gen.Next(); used = 0; }
                uint u = used++ switch { 0 => block.Item1, 1 => block.Item2, 2 => block.Item3, _ => block.Item4 };
                int j = i + (int)(u % (uint)(n - i));
                (perm[i], perm[j]) = (perm[j], perm[i]);
            }
            using (GradientTape.PauseAll())
                return tf.Gather(value, tf.Constant(perm), 0);
        }

        /// <summary>Like the sampling ops' reservation, for kernels that reserve a count of Philox blocks.</summary>
        private static Philox ReserveBlocks(string op, DType dtype, long? opSeed, ulong blocks)
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
                gen.Skip(blocks);
                kernels[key] = gen;
                return start;
            }
        }
    }
}
