// Tests set tf.random's global seed and expect its sequence: they must not interleave across threads.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
