namespace Strata.Keras.Layers;

/// <summary>
/// The random draws of a layer that takes a <c>seed</c> (Dropout's rule, shared by the noise and augmentation
/// layers): with a seed, stateless draws from (seed, 0), (seed, 1), … as Keras 3's SeedGenerator advances, so the
/// same seed gives the same sequence of masks or transformations; without one, stateful tf.random draws that
/// follow <c>tf.random.SetSeed</c>.
/// </summary>
internal sealed class SeedStream(long? seed)
{
    private long _calls;

    public long? Seed { get; } = seed;

    public Tensor Uniform(Shape shape, double minval = 0, double maxval = 1, DType dtype = DType.Float32)
    {
        // An empty range (a factor of 0) is that one value; the draw is still counted, so that the draws after it
        // do not depend on whether a range happened to be empty.
        if (maxval == minval)
        {
            _calls++;
            return tf.Fill(shape, Tensor.Scalar(minval, dtype));
        }
        return Seed is { } s
            ? tf.random.StatelessUniform(shape, (s, _calls++), minval, maxval, dtype)
            : tf.random.Uniform(shape, minval, maxval, dtype);
    }

    public Tensor Normal(Shape shape, double mean = 0, double stddev = 1, DType dtype = DType.Float32) =>
        Seed is { } s
            ? tf.random.StatelessNormal(shape, (s, _calls++), mean, stddev, dtype)
            : tf.random.Normal(shape, mean, stddev, dtype);
}
