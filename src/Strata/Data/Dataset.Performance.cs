using System.Threading.Channels;

namespace Strata.Data;

public partial class Dataset<T>
{
    /// <summary>
    /// <c>cache()</c>: the first complete iteration keeps the elements in memory and later iterations replay them
    /// (a first iteration stopped early keeps nothing, as in TensorFlow). <c>Cache(filename)</c> is <see cref="DatasetFileCache"/>.
    /// </summary>
    public Dataset<T> Cache(string filename = "")
    {
        if (filename is null) throw new InvalidArgumentError("Cache: filename must be a string (\"\" for memory).");
        if (filename.Length > 0) return DatasetFileCache.Wrap(this, filename);
        List<T>? cached = null;
        var gate = new object();
        return new Dataset<T>(() =>
        {
            lock (gate) if (cached is { } done) return done;
            return FillCache();
        }, Cardinality);

        IEnumerable<T> FillCache()
        {
            var filling = new List<T>();
            foreach (var e in this) { filling.Add(e); yield return e; }
            lock (gate) cached ??= filling;
        }
    }

    /// <summary>
    /// <c>prefetch</c>: a background task produces up to <paramref name="bufferSize"/> elements ahead of the consumer
    /// (<see cref="tf.data.AUTOTUNE"/>: 2). An exception in the pipeline reaches the consumer; a consumer that stops early
    /// stops the producer.
    /// </summary>
    public Dataset<T> Prefetch(int bufferSize)
    {
        int size = bufferSize == tf.data.AUTOTUNE ? 2 : bufferSize > 0 ? bufferSize
            : throw new InvalidArgumentError($"Prefetch: bufferSize must be positive or tf.data.AUTOTUNE, got {bufferSize}.");
        return new Dataset<T>(() => Prefetched(size), Cardinality);
    }

    private IEnumerable<T> Prefetched(int size)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(size) { SingleReader = true, SingleWriter = true });
        using var stop = new CancellationTokenSource();
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var e in this)
                    await channel.Writer.WriteAsync(e, stop.Token).ConfigureAwait(false);
                channel.Writer.Complete();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                channel.Writer.TryComplete();
            }
            catch (Exception e)
            {
                channel.Writer.TryComplete(e);
            }
        });
        try
        {
            var reader = channel.Reader;
            while (true)
            {
                T item;
                try
                {
                    if (!reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult()) break;
                    if (!reader.TryRead(out item!)) continue;
                }
                catch (ChannelClosedException e) when (e.InnerException is not null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                    throw;
                }
                yield return item;
            }
        }
        finally
        {
            stop.Cancel();
            try { producer.Wait(); } catch (AggregateException) { }
        }
    }
}
