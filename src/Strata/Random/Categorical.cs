#pragma warning disable CS8981
using Strata.Rng;

namespace Strata;

public static partial class tf
{
    public static partial class random
    {
        /// <summary>
        /// <c>tf.random.categorical</c>: <paramref name="numSamples"/> class indices per row of <paramref name="logits"/>
        /// (batch, classes), drawn with probabilities softmax(logits); non-finite logits (−inf) are never drawn.
        /// TensorFlow's Multinomial CPU kernel, stream for stream: one Philox double per sample against the row's
        /// cumulative exp(logit − max).
        /// </summary>
        public static Tensor Categorical(Tensor logits, int numSamples, DType dtype = DType.Int64, long? seed = null) =>
            CategoricalCore("Categorical", logits, numSamples, dtype, blocks => Reserve("Multinomial", logits.DType, seed, blocks));

        /// <summary>tf.random.stateless_categorical: as <see cref="Categorical"/>, a pure function of <paramref name="seed"/>
        /// (TensorFlow's StatelessMultinomial: the same sampling from the stateless ops' Philox key and counter).</summary>
        public static Tensor StatelessCategorical(Tensor logits, int numSamples, (long, long) seed, DType dtype = DType.Int64) =>
            CategoricalCore("StatelessCategorical", logits, numSamples, dtype, _ => StatelessGenerator(seed));

        private static Tensor CategoricalCore(string op, Tensor logits, int numSamples, DType dtype, Func<long, Philox> generator)
        {
            Guard.NotNull(logits, op, "logits");
            if (logits.Rank != 2)
                throw new InvalidArgumentError($"{op}: logits should be a matrix, got shape {logits.Shape}.");
            if (!logits.DType.IsFloating)
                throw new UnsupportedDTypeError($"{op}: logits must be float32 or float64, got {logits.DType.Name()}.");
            if (numSamples < 0) throw new InvalidArgumentError($"{op}: num_samples should be nonnegative, got {numSamples}.");
            if (dtype is not (DType.Int32 or DType.Int64))
                throw new UnsupportedDTypeError($"{op}: dtype must be int32 or int64, got {dtype.Name()}.");
            int batch = logits.Shape[0], classes = logits.Shape[1];
            if (classes <= 0) throw new InvalidArgumentError($"{op}: num_classes should be positive, got {classes}.");
            var samples = new long[(long)batch * numSamples];
            if (samples.Length > 0)
            {
                // The kernel reserves 2 (doubles) × numSamples rounded up to 4, per row; each row then skips ahead
                // (numSamples + 3) / 4 blocks per row before it, as TensorFlow's does.
                long ceil4 = (numSamples + 3L) / 4 * 4 * 2;
                var gen = generator(batch * ceil4);
                var values = logits.DType == DType.Float32
                    ? Array.ConvertAll(logits.ToArray<float>(), v => (double)v) : logits.ToArray<double>();
                var cdf = new double[classes];
                for (int b = 0; b < batch; b++)
                {
                    var rowGen = gen;
                    rowGen.Skip((ulong)(b * ((numSamples + 3L) / 4)));
                    var single = new SingleSample(rowGen);
                    var row = values.AsSpan(b * classes, classes);
                    double max = logits.DType == DType.Float32 ? float.MinValue : double.MinValue;
                    foreach (var v in row) if (double.IsFinite(v)) max = Math.Max(max, v);
                    double total = 0;
                    for (int j = 0; j < classes; j++)
                    {
                        if (double.IsFinite(row[j])) total += Math.Exp(row[j] - max);
                        cdf[j] = total;
                    }
                    for (int s = 0; s < numSamples; s++)
                    {
                        double toFind = single.NextDouble() * total;
                        samples[(long)b * numSamples + s] = UpperBound(cdf, toFind);
                    }
                }
            }
            var result = tf.Constant(samples, shape: new Shape(batch, numSamples));
            return dtype == DType.Int64 ? result : tf.Cast(result, DType.Int32);
        }

        /// <summary>The first index whose value is greater than <paramref name="x"/> (std::upper_bound).</summary>
        private static int UpperBound(double[] sorted, double x)
        {
            int lo = 0, hi = sorted.Length;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] <= x) lo = mid + 1; else hi = mid;
            }
            return lo;
        }

        /// <summary>TensorFlow's SimplePhilox over a SingleSampleAdapter: 32-bit values one at a time from Philox blocks;
        /// a double from two of them (Uint64ToDouble).</summary>
        private struct SingleSample(Philox gen)
        {
            private Philox _gen = gen;
            private (uint, uint, uint, uint) _block;
            private int _used = 4;

            private uint NextUInt()
            {
                if (_used == 4) { _block = _gen.Next(); _used = 0; }
                return _used++ switch { 0 => _block.Item1, 1 => _block.Item2, 2 => _block.Item3, _ => _block.Item4 };
            }

            public double NextDouble()
            {
                uint x0 = NextUInt(), x1 = NextUInt();
                return Philox.ToDouble(x0, x1);
            }
        }
    }
}
