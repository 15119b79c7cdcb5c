#pragma warning disable CS8981 // `keras` is lower-case on purpose: code reads like Keras's Python.
using Strata.Keras.Engine;
using Strata.Keras.Layers;

namespace Strata;

/// <summary>
/// Keras's top-level conveniences: <c>keras.Input([784])</c> starts a functional model, as
/// <c>keras.Input(shape=(784,))</c> does in Python.
/// </summary>
public static partial class keras
{
    /// <summary>A symbolic input of samples of <paramref name="shape"/> (the batch dimension is None).</summary>
    public static KerasTensor Input(Shape shape, string? name = null, DType dtype = DType.Float32, int? batchSize = null) =>
        new InputLayer(shape, name, dtype, batchSize).Output;

    /// <summary>keras.utils.set_random_seed (see <see cref="utils.SetRandomSeed"/>).</summary>
    public static void SetRandomSeed(long seed) => utils.SetRandomSeed(seed);

    /// <summary>Keras's <c>keras.models</c>: loading saved models.</summary>
    public static class models
    {
        /// <summary>keras.models.load_model: a .keras file or a legacy .h5 model file, built fresh from its config,
        /// with its weights and (when <paramref name="compile"/>) its compile settings and optimizer state. Only the
        /// layer classes in <see cref="Strata.Keras.Saving.SerializationRegistry"/> can be loaded.</summary>
        [System.Diagnostics.CodeAnalysis.RequiresDynamicCode(Strata.Keras.Models.Model.Hdf5NotAot)]
        [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(Strata.Keras.Models.Model.Hdf5NotAot)]
        public static Strata.Keras.Models.Model LoadModel(string path, bool compile = true) =>
            Strata.Keras.Saving.ModelLoader.LoadModel(path, compile);

        /// <summary>keras.models.model_from_json: a fresh, uncompiled model from <c>model.ToJson()</c>'s text.</summary>
        public static Strata.Keras.Models.Model ModelFromJson(string json) => Strata.Keras.Saving.ModelLoader.FromJson(json);
    }

    /// <summary>Keras's <c>keras.utils</c>.</summary>
    public static partial class utils
    {
        /// <summary>keras.utils.set_random_seed: seeds tf.random (dropout, shuffling, tf.random ops) and Keras's own
        /// seed generator, from which initializers without a seed draw theirs as Keras 2.10+ does; the same program
        /// then starts from the same weights as in Python. (tf.random.SetSeed alone gives tf.keras 2.9's weights.)</summary>
        public static void SetRandomSeed(long seed) => Strata.Keras.Initializers.KerasSeeds.Set(seed);
    }
}
