// Tests set tf.random's global seed and expect its sequence: they must not interleave across threads.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
