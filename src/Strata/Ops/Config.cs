#pragma warning disable CS8981
namespace Strata;

public static partial class tf
{
    /// <summary>TensorFlow's <c>tf.config</c>: engine-wide settings.</summary>
    public static class config
    {
        /// <summary>How many threads kernels may use (GEMM and large elementwise ops). Default: the core count.</summary>
        public static void SetNumThreads(int threads) => Kernels.Parallelism.MaxThreads = threads;

        /// <summary>How many threads kernels may use, as <see cref="SetNumThreads"/> left it (TensorFlow's
        /// <c>tf.config.threading.get_intra_op_parallelism_threads</c>); the core count by default.</summary>
        public static int GetNumThreads() => Kernels.Parallelism.MaxThreads;
    }
}
