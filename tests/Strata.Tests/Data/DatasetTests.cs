namespace Strata.Tests.Data;

/// <summary>tf.data pipelines. Expected sequences are those of TensorFlow's docstrings for each transformation
/// (cited per test) or follow from the definition by hand.</summary>
public class DatasetTests
{
    private static long[] Longs(IEnumerable<Tensor> ds) => ds.Select(t => t.Item<long>()).ToArray();

    [Fact]
    public void RangeAsPython()
    {
        Assert.Equal([0L, 1, 2, 3, 4], Longs(tf.data.Dataset.Range(5)));
        Assert.Equal([2L, 3, 4], Longs(tf.data.Dataset.Range(2, 5)));
        Assert.Equal([1L, 3], Longs(tf.data.Dataset.Range(1, 5, 2)));
        Assert.Equal([5L, 3], Longs(tf.data.Dataset.Range(5, 1, -2)));
        Assert.Empty(Longs(tf.data.Dataset.Range(5, 1)));
        Assert.Equal(2, tf.data.Dataset.Range(1, 5, 2).Cardinality);
        Assert.Throws<InvalidArgumentError>(() => tf.data.Dataset.Range(0, 5, 0));
    }

    [Fact]
    public void FromTensorSlicesOfTuplesAndDictionaries()
    {
        var x = tf.Constant(new float[] { 1, 2, 3, 4, 5, 6 }, shape: new Shape(3, 2));
        var y = tf.Constant(new long[] { 7, 8, 9 });
        var pairs = tf.data.Dataset.FromTensorSlices((x, y)).ToList();
        Assert.Equal(3, pairs.Count);
        Assert.Equal(new float[] { 3, 4 }, pairs[1].Item1.ToArray<float>());
        Assert.Equal(8, pairs[1].Item2.Item<long>());
        var dict = tf.data.Dataset.FromTensorSlices(new Dictionary<string, Tensor> { ["a"] = y, ["b"] = x }).ToList();
        Assert.Equal(9, dict[2]["a"].Item<long>());
        Assert.Equal(new Shape(2), dict[2]["b"].Shape);
        var e = Assert.Throws<InvalidArgumentError>(() => tf.data.Dataset.FromTensorSlices((x, tf.Constant(new long[] { 1, 2 }))));
        Assert.Contains("same size in the 0th dimension", e.Message);
        Assert.Throws<InvalidArgumentError>(() => tf.data.Dataset.FromTensorSlices(tf.Constant(1f)));
    }

    [Fact]
    public void BatchAndUnbatch()
    {
        var batches = tf.data.Dataset.Range(8).Batch(3).ToList();
        Assert.Equal([[0L, 1, 2], [3L, 4, 5], [6L, 7]], batches.Select(b => b.ToArray<long>()).ToArray());
        Assert.Equal(3, tf.data.Dataset.Range(8).Batch(3).Cardinality);
        Assert.Equal(2, tf.data.Dataset.Range(8).Batch(3, dropRemainder: true).ToList().Count);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (long)i), Longs(tf.data.Dataset.Range(8).Batch(3).Unbatch()));
        var e = Assert.Throws<InvalidArgumentError>(() =>
            tf.data.Dataset.FromGenerator(() => new[] { tf.Zeros([2]), tf.Zeros([3]) }).Batch(2).ToList());
        Assert.Contains("different shapes", e.Message);
    }

    [Fact]
    public void PaddedBatchAsTheDocstring()
    {
        // A = Dataset.range(1, 5).map(lambda x: tf.fill([x], x)); A.padded_batch(2) -> [[1 0] [2 2]], [[3 3 3 0] [4 4 4 4]]
        var a = tf.data.Dataset.Range(1, 5).Map(x => tf.Fill([(int)x.Item<long>()], x));
        var b = a.PaddedBatch(2).ToList();
        Assert.Equal(new long[] { 1, 0, 2, 2 }, b[0].ToArray<long>());
        Assert.Equal(new long[] { 3, 3, 3, 0, 4, 4, 4, 4 }, b[1].ToArray<long>());
        var wide = a.PaddedBatch(2, paddedShapes: [new Shape(5)], paddingValue: -1).ToList();
        Assert.Equal(new long[] { 1, -1, -1, -1, -1, 2, 2, -1, -1, -1 }, wide[0].ToArray<long>());
        Assert.Throws<InvalidArgumentError>(() => a.PaddedBatch(2, paddedShapes: [new Shape(3)]).ToList());
    }

    [Fact]
    public void RepeatTakeSkipConcatenateZipEnumerate()
    {
        var r = tf.data.Dataset.Range(3);
        Assert.Equal([0L, 1, 2, 0, 1, 2], Longs(r.Repeat(2)));
        Assert.Equal(tf.data.INFINITE_CARDINALITY, r.Repeat().Cardinality);
        Assert.Equal([0L, 1, 2, 0, 1], Longs(r.Repeat().Take(5)));
        Assert.Equal(5, r.Repeat().Take(5).Cardinality);
        Assert.Equal([2L], Longs(r.Skip(2)));
        Assert.Empty(Longs(r.Skip(-1)));
        Assert.Equal([0L, 1, 2, 10, 11], Longs(r.Concatenate(tf.data.Dataset.Range(10, 12))));
        var zipped = r.Zip(tf.data.Dataset.Range(10, 20)).ToList();
        Assert.Equal(3, zipped.Count);
        Assert.Equal(12, zipped[2].Item2.Item<long>());
        var numbered = tf.data.Dataset.Range(5, 8).Enumerate(start: 1).ToList();
        Assert.Equal(3, numbered[2].Index.Item<long>());
        Assert.Equal(7, numbered[2].Element.Item<long>());
        Assert.Empty(Longs(tf.data.Dataset.Range(0).Repeat()));   // empty forever is empty, not a hang
    }

    [Fact]
    public void FilterAndTakeWhile()
    {
        var r = tf.data.Dataset.Range(10);
        Assert.Equal([0L, 3, 6, 9], Longs(r.Filter(x => x.Item<long>() % 3 == 0)));
        Assert.Equal([0L, 1, 2], Longs(r.Filter(x => tf.Less(x, tf.Constant(3L)))));
        Assert.Equal(tf.data.UNKNOWN_CARDINALITY, r.Filter(x => true).Cardinality);
        Assert.Equal([0L, 1, 2, 3], Longs(r.TakeWhile(x => tf.Less(x, tf.Constant(4L)))));
        Assert.Throws<InvalidArgumentError>(() => r.Filter(x => x).ToList());   // not a bool
    }

    [Fact]
    public void WindowAsTheDocstring()
    {
        // range(7).window(3, shift=2, stride=1): [0 1 2] [2 3 4] [4 5 6] [6]
        var w = tf.data.Dataset.Range(7).Window(3, shift: 2).ToList().Select(d => Longs(d)).ToArray();
        Assert.Equal([[0L, 1, 2], [2L, 3, 4], [4L, 5, 6], [6L]], w);
        // range(7).window(3, shift=1, stride=2, drop_remainder=True): [0 2 4] [1 3 5] [2 4 6]
        var s = tf.data.Dataset.Range(7).Window(3, shift: 1, stride: 2, dropRemainder: true).ToList().Select(d => Longs(d)).ToArray();
        Assert.Equal([[0L, 2, 4], [1L, 3, 5], [2L, 4, 6]], s);
        var flat = tf.data.Dataset.Range(7).Window(3, shift: 2, dropRemainder: true).FlatMap(d => d.Batch(3)).ToList();
        Assert.Equal(3, flat.Count);
        Assert.Equal(new long[] { 4, 5, 6 }, flat[2].ToArray<long>());
    }

    [Fact]
    public void InterleaveAsTheDocstring()
    {
        // Dataset.range(1, 6).interleave(lambda x: Dataset.from_tensors(x).repeat(6), cycle_length=2, block_length=4)
        var d = tf.data.Dataset.Range(1, 6).Interleave(x => tf.data.Dataset.FromTensors(x).Repeat(6), cycleLength: 2, blockLength: 4);
        Assert.Equal([1L, 1, 1, 1, 2, 2, 2, 2, 1, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 3, 3, 4, 4, 5, 5, 5, 5, 5, 5], Longs(d));
    }

    [Fact]
    public void ShuffleIsAPermutationReproducibleWithASeed()
    {
        var r = tf.data.Dataset.Range(20);
        var once = Longs(r.Shuffle(20, seed: 7));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), once.Order());
        Assert.NotEqual(Enumerable.Range(0, 20).Select(i => (long)i), once);
        Assert.Equal(once, Longs(r.Shuffle(20, seed: 7)));
        var reshuffled = r.Shuffle(20, seed: 7);
        Assert.NotEqual(Longs(reshuffled), Longs(reshuffled));                    // a new order each iteration
        var fixedOrder = r.Shuffle(20, seed: 7, reshuffleEachIteration: false);
        Assert.Equal(Longs(fixedOrder), Longs(fixedOrder));
        // A buffer of 1 does not shuffle; a small buffer only moves elements forward by less than its size... at most.
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), Longs(r.Shuffle(1, seed: 3)));
        var small = Longs(r.Shuffle(3, seed: 3));
        for (int i = 0; i < small.Length; i++) Assert.True(small[i] <= i + 2, $"element {small[i]} at {i} came from beyond the buffer");
    }

    [Fact]
    public void ParallelMapKeepsOrderAndRethrows()
    {
        var r = tf.data.Dataset.Range(50);
        Assert.Equal(Longs(r.Map(x => x * 2L)), Longs(r.Map(x => x * 2L, numParallelCalls: tf.data.AUTOTUNE)));
        var bad = r.Map<Tensor>(x => x.Item<long>() == 7 ? throw new InvalidArgumentError("seven") : x, numParallelCalls: 4);
        Assert.Equal("seven", Assert.Throws<InvalidArgumentError>(() => bad.ToList()).Message);
        Assert.Throws<InvalidArgumentError>(() => r.Map(x => x, numParallelCalls: 0));
    }

    [Theory]
    [InlineData(10, 4, 3, false)]    // the buffer fills, then drains; a remainder of 1
    [InlineData(10, 4, 3, true)]
    [InlineData(10, 4, 32, false)]   // one batch, opened before the buffer drains, trimmed to 10
    [InlineData(5, 50, 2, false)]    // the buffer never fills
    [InlineData(12, 12, 4, true)]
    public void ShuffleThenBatchGivesTheBatchesOfTheShuffledOrder(int n, int buffer, int batch, bool drop)
    {
        // Batch right after Shuffle stacks straight from the shuffle's buffer; a Map in between takes the plain path.
        var images = tf.Reshape(tf.Range(0, n * 6, dtype: DType.Float32), [n, 2, 3]);
        var labels = tf.Range(0, n, dtype: DType.Int32);
        // One shuffle with one order for every iteration: both pipelines draw the same order.
        var shuffled = tf.data.Dataset.FromTensorSlices((images, labels)).Shuffle(buffer, seed: 5, reshuffleEachIteration: false);
        var fused = shuffled.Batch(batch, drop).ToList();
        var plain = shuffled.Map(e => e).Batch(batch, drop).ToList();
        Assert.Equal(plain.Count, fused.Count);
        for (int i = 0; i < plain.Count; i++)
        {
            Assert.Equal(plain[i].Item1.Shape, fused[i].Item1.Shape);
            Assert.Equal(plain[i].Item1.ToArray<float>(), fused[i].Item1.ToArray<float>());
            Assert.Equal(plain[i].Item2.ToArray<int>(), fused[i].Item2.ToArray<int>());
        }
        Assert.Equal(drop ? n / batch : (n + batch - 1) / batch, fused.Count);
    }

    /// <summary>A shuffle's passes reuse the slot arrays the previous pass dropped (see PackedSlots): every pass, interleaved
    /// with another, still gives each element's own values, whole, in elements whose sizes change from pass to pass.</summary>
    [Fact]
    public void ShufflePassesThatRecycleSlotsKeepEveryElementIntact()
    {
        long pass = 0;
        // Element i holds the value i, (i + pass) % 3 + 1 times: the sizes of a slot's element change between passes.
        var ds = tf.data.Dataset.Range(25)
            .Map(i => { long v = i.Item<long>(); return tf.Fill([(int)((v + Interlocked.Read(ref pass)) % 3 + 1)], (float)v); })
            .Shuffle(7, seed: 3);
        for (; pass < 4; pass++)
        {
            using var other = ds.GetEnumerator();   // a second pass of the same shuffle, in step with this one
            var seen = new List<long>();
            foreach (var t in ds)
            {
                var values = t.ToArray<float>();
                long v = (long)values[0];
                Assert.Equal((v + pass) % 3 + 1, values.Length);
                Assert.All(values, x => Assert.Equal(v, x));
                seen.Add(v);
                Assert.True(other.MoveNext());
                var o = other.Current.ToArray<float>();
                Assert.All(o, x => Assert.Equal(o[0], x));
            }
            Assert.Equal(Enumerable.Range(0, 25).Select(i => (long)i), seen.Order());
        }
    }

    [Fact]
    public void ShuffleThenBatchRefusesElementsOfDifferentShapes()
    {
        var ragged = tf.data.Dataset.FromGenerator(() => new[] { tf.Zeros([2]), tf.Zeros([3]), tf.Zeros([2]) });
        var e = Assert.Throws<InvalidArgumentError>(() => ragged.Shuffle(2, seed: 1).Batch(3).ToList());
        Assert.Contains("cannot batch tensors with different shapes", e.Message);
    }

    [Fact]
    public void AutotunedMapStaysInlineForACheapFunctionAndSpreadsASlowOne()
    {
        var r = tf.data.Dataset.Range(200);
        int consumer = Environment.CurrentManagedThreadId;
        var cheapThreads = new System.Collections.Concurrent.ConcurrentBag<int>();
        var cheap = r.Map(x => { cheapThreads.Add(Environment.CurrentManagedThreadId); return x * 2L; }, numParallelCalls: tf.data.AUTOTUNE);
        Assert.Equal(Longs(r.Map(x => x * 2L)), Longs(cheap));
        Assert.All(cheapThreads, id => Assert.Equal(consumer, id));   // a multiplication: the hand-offs would cost more
        var slowThreads = new System.Collections.Concurrent.ConcurrentBag<int>();
        var slow = r.Map(x => { slowThreads.Add(Environment.CurrentManagedThreadId); Thread.Sleep(1); return x + 1L; }, numParallelCalls: tf.data.AUTOTUNE);
        Assert.Equal(Longs(r.Map(x => x + 1L)), Longs(slow));          // the order is kept
        Assert.Contains(slowThreads, id => id != consumer);             // after the probe, pool threads map
    }

    [Fact]
    public void CacheInMemoryRunsThePipelineOnce()
    {
        int calls = 0;
        var d = tf.data.Dataset.FromGenerator(() => Counted()).Cache();
        IEnumerable<Tensor> Counted() { calls++; for (long i = 0; i < 3; i++) yield return tf.Constant(i); }
        Assert.Equal([0L, 1, 2], Longs(d));
        Assert.Equal([0L, 1, 2], Longs(d));
        Assert.Equal(1, calls);
        // A first pass stopped early keeps nothing.
        int partial = 0;
        var p = tf.data.Dataset.FromGenerator(() => { partial++; return Enumerable.Range(0, 3).Select(i => tf.Constant((long)i)); }).Cache();
        _ = p.Take(1).ToList();
        _ = p.ToList();
        _ = p.ToList();
        Assert.Equal(2, partial);
    }

    [Fact]
    public void CacheToAFileIsReadByAnotherPipeline()
    {
        string path = Path.Combine(Path.GetTempPath(), $"strata-cache-{Guid.NewGuid():N}.bin");
        try
        {
            var x = tf.Constant(new float[] { 1, 2, 3, 4 }, shape: new Shape(2, 2));
            var y = tf.Constant(new[] { true, false });
            var first = tf.data.Dataset.FromTensorSlices((x, y)).Cache(path).ToList();
            Assert.True(File.Exists(path));
            // Another dataset with the same cache file replays the file, not its own (different) source.
            var other = tf.data.Dataset.FromTensorSlices((tf.Zeros([2, 2]), tf.Constant(new[] { false, false }))).Cache(path).ToList();
            Assert.Equal(new float[] { 3, 4 }, other[1].Item1.ToArray<float>());
            Assert.True(other[0].Item2.Item<bool>());
            File.WriteAllBytes(path, [1, 2, 3, 4, 5]);
            Assert.Throws<DataLossError>(() => tf.data.Dataset.Range(2).Cache(path).ToList());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void CacheFileTruncatedIsDataLoss()
    {
        string path = Path.Combine(Path.GetTempPath(), $"strata-cache-{Guid.NewGuid():N}.bin");
        try
        {
            _ = tf.data.Dataset.Range(4).Cache(path).ToList();
            var bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes[..(bytes.Length - 5)]);
            var e = Assert.Throws<DataLossError>(() => tf.data.Dataset.Range(4).Cache(path).ToList());
            Assert.Contains("truncated", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void PrefetchKeepsOrderRethrowsAndStops()
    {
        var r = tf.data.Dataset.Range(100);
        Assert.Equal(Longs(r), Longs(r.Prefetch(tf.data.AUTOTUNE)));
        var bad = tf.data.Dataset.FromGenerator(() => Failing()).Prefetch(2);
        static IEnumerable<Tensor> Failing() { yield return tf.Constant(1L); throw new InvalidArgumentError("broken source"); }
        Assert.Equal("broken source", Assert.Throws<InvalidArgumentError>(() => bad.ToList()).Message);
        // A consumer that stops early: an infinite producer must stop too (the test would hang otherwise).
        Assert.Equal([0L, 1, 2], Longs(r.Repeat().Prefetch(4).Take(3)));
        Assert.Throws<InvalidArgumentError>(() => r.Prefetch(0));
    }

    [Fact]
    public void ToListRefusesAnInfiniteDataset() =>
        Assert.Throws<InvalidArgumentError>(() => tf.data.Dataset.Range(2).Repeat().ToList());
}

/// <summary>A seeded Shuffle's order across processes. In the tf.random collection: the order depends on the global seed
/// too (as TensorFlow's op seed pairs do), which other tests set.</summary>
[Collection("tf.random")]
public class SeededShuffleOrderTests
{
    [Fact]
    public void ASeededShuffleGivesTheSameOrderInEveryProcess()
    {
        // Strata's own stream (not TensorFlow's), pinned: the order printed by one process must be every process's, so
        // that runs repeat and MPI ranks agree. It once hashed the seed with HashCode.Combine, randomised per process.
        tf.random.SetSeed(1);
        var order = tf.data.Dataset.Range(10).Shuffle(10, seed: 7).Select(t => t.Item<long>()).ToArray();
        Assert.Equal([2L, 3, 0, 4, 8, 1, 9, 6, 5, 7], order);
    }
}
