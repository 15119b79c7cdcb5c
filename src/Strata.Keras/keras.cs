#pragma warning disable CS8981 // `keras` is lower-case on purpose: code reads like Keras's Python.
using Strata.Keras.Engine;
using Strata.Keras.Layers;

namespace Strata;

/// <summary>
/// Keras's top-level conveniences: <c>keras.Input([784])</c> starts a functional model, as
/// <c>keras.Input(shape=(784,))</c> does in Python.
/// </summary>
public static class keras
{
    /// <summary>A symbolic input of samples of <paramref name="shape"/> (the batch dimension is None).</summary>
    public static KerasTensor Input(Shape shape, string? name = null, DType dtype = DType.Float32, int? batchSize = null) =>
        new InputLayer(shape, name, dtype, batchSize).Output;

    /// <summary>Seeds everything Keras draws from (initializers, dropout, shuffling): tf.random.SetSeed.</summary>
    public static void SetRandomSeed(long seed) => tf.random.SetSeed(seed);
}
