using Strata.Distributed.Mpi;
using Strata.Keras.Distribute;
using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

namespace Strata.Distributed.Tests;

/// <summary>What needs no MPI job: the split of a global batch, the one-process strategy, the missing-library error,
/// and the checks made before training.</summary>
public sealed class InProcessTests
{
    /// <summary>A replica of a job of <paramref name="replicas"/> whose collectives see only itself: enough to check the
    /// arithmetic and the errors that come before any collective.</summary>
    private sealed class LoneReplica(int replicas, int id) : DistributionStrategy
    {
        public override int NumReplicasInSync => replicas;
        public override int ReplicaId => id;
        protected override void AllReduceSum(Span<float> values) { }
        protected override void AllReduceSum(Span<double> values) { }
        protected override void Broadcast(Span<byte> bytes, int root) { }
    }

    [Theory]
    [InlineData(32, 2, new[] { 0, 16, 16, 16 })]
    [InlineData(11, 2, new[] { 0, 6, 6, 5 })]
    [InlineData(1, 2, new[] { 0, 1, 1, 0 })]
    [InlineData(10, 3, new[] { 0, 4, 4, 3, 7, 3 })]
    public void A_global_batch_is_split_as_evenly_as_possible_in_rank_order(int rows, int replicas, int[] expected)
    {
        var got = Enumerable.Range(0, replicas).SelectMany(r =>
        {
            var (start, count) = new LoneReplica(replicas, r).ShardOf(rows);
            return new[] { start, count };
        }).ToArray();
        Assert.Equal(expected, got);
    }

    [Fact]
    public void MirroredStrategy_trains_exactly_as_no_strategy()
    {
        static float[] Train(DistributionStrategy? strategy)
        {
            tf.random.SetSeed(3);
            var x = tf.random.Normal([96, 4]);
            var y = tf.ReduceSum(x, axis: 1, keepDims: true);
            using var scope = strategy?.Scope();
            var model = new Sequential([new Dense(8, activation: "tanh", inputShape: [4]), new Dense(1)]);
            model.Compile(optimizer: new Adam(), loss: "mse");
            model.Fit(x, y, batchSize: 16, epochs: 2, verbose: 0);
            return model.Weights.SelectMany(w => w.ToArray<float>()).ToArray();
        }
        Assert.Equal(Train(null), Train(tf.distribute.MirroredStrategy()));
    }

    [Fact]
    public void The_scope_sets_the_current_strategy_and_restores_the_outer_one()
    {
        var outer = tf.distribute.MirroredStrategy();
        var inner = new LoneReplica(2, 1);
        Assert.False(tf.distribute.HasStrategy());
        using (outer.Scope())
        {
            using (inner.Scope()) Assert.Same(inner, tf.distribute.GetStrategy());
            Assert.Same(outer, tf.distribute.GetStrategy());
        }
        Assert.Null(tf.distribute.GetStrategy());
        Assert.False(inner.IsChief);
    }

    [Fact]
    public void A_metric_without_an_additive_state_is_refused_before_training()
    {
        var strategy = new LoneReplica(2, 0);
        Sequential model;
        using (strategy.Scope())
        {
            model = new Sequential([new Dense(3, inputShape: [4])]);
            model.Compile(optimizer: new SGD(), loss: new Strata.Keras.Losses.CategoricalCrossentropy(fromLogits: true), metrics: ["f1_score"]);
        }
        var e = Assert.Throws<InvalidArgumentError>(() => model.Fit(tf.Ones([8, 4]), tf.OneHot(tf.Constant(new[] { 0, 1, 2, 0, 1, 2, 0, 1 }), 3), verbose: 0));
        Assert.Contains("metric 'f1_score' (F1Score) cannot be combined across the 2 replicas", e.Message);
    }

    [Fact]
    public void A_missing_MPI_library_names_what_to_install()
    {
        var e = Assert.Throws<DllNotFoundException>(() => MpiLibrary.Load("/nonexistent/libmpi.so.40"));
        Assert.Contains("no MPI library could be loaded; tried /nonexistent/libmpi.so.40", e.Message);
        Assert.Contains("apt-get install openmpi-bin libopenmpi-dev", e.Message);
        Assert.Contains("STRATA_MPI_LIBRARY", e.Message);
    }

    [Fact]
    public void A_library_that_is_not_MPI_is_refused_by_name()
    {
        var e = Assert.Throws<DllNotFoundException>(() => MpiLibrary.Load("libz.so.1"));
        Assert.Contains("libz.so.1 (loaded, but it is neither Open MPI nor MPICH", e.Message);
    }

    [Fact]
    public void AllReduce_of_non_float_tensors_is_an_error_naming_the_tensor()
    {
        var strategy = new LoneReplica(2, 0);
        var e = Assert.Throws<InvalidArgumentError>(() => strategy.AllReduce([tf.Constant(new[] { 1.0f }), tf.Constant(new[] { 1, 2 })]));
        Assert.Contains("tensor 1 is int32 (shape (2,)); only float32 and float64 tensors are reduced", e.Message);
    }

    [Fact]
    public void AllReduce_scales_by_the_replica_count_for_a_mean_and_keeps_nulls()
    {
        var strategy = new LoneReplica(4, 0); // its "sum" is its own value: the mean is a quarter of it
        var big = tf.Ones([(1 << 20) + 3]);
        var r = strategy.AllReduce([tf.Constant(new[] { 8f, 4f }), null, big, tf.Constant(new[] { 2.0 }, dtype: DType.Float64)]);
        Assert.Equal(new[] { 2f, 1f }, r[0]!.ToArray<float>());
        Assert.Null(r[1]);
        Assert.All(r[2]!.ToArray<float>(), v => Assert.Equal(0.25f, v));
        Assert.Equal(new[] { 0.5 }, r[3]!.ToArray<double>());
        Assert.Equal(new[] { 8f, 4f }, strategy.AllReduce([tf.Constant(new[] { 8f, 4f })], ReduceOp.Sum)[0]!.ToArray<float>());
    }
}
