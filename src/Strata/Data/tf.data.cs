#pragma warning disable CS8981
using Strata.Data;

namespace Strata;

public static partial class tf
{
    /// <summary>TensorFlow's <c>tf.data</c>: input pipelines. <c>tf.data.Dataset.FromTensorSlices((images, labels))
    /// .Shuffle(10_000).Batch(32).Prefetch(tf.data.AUTOTUNE)</c>.</summary>
    public static class data
    {
        /// <summary>The dataset constructors (<c>tf.data.Dataset.FromTensorSlices</c>, <c>Range</c>, <c>FromGenerator</c>…).</summary>
        public static readonly DatasetFactory Dataset = new();

        /// <summary>Let the pipeline choose (parallel calls: the core count; prefetch: 2 elements).</summary>
        public const int AUTOTUNE = -1;

        /// <summary>The cardinality of a dataset that repeats forever.</summary>
        public const long INFINITE_CARDINALITY = -1;

        /// <summary>The cardinality of a dataset whose length is not known without iterating it.</summary>
        public const long UNKNOWN_CARDINALITY = -2;
    }
}
