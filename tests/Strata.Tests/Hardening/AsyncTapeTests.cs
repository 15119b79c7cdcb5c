// These tests bound every wait with their own time limit (WaitAsync); the runner's cancellation token adds nothing.
#pragma warning disable xUnit1051
namespace Strata.Tests.Hardening;

/// <summary>A tape belongs to the code that opened it, not to a thread: it records across an await, wherever the
/// code resumes; it is disposed safely on any thread; it never records the ops of unrelated threads or tasks, and
/// it leaves no trace on the pool threads it passed through.</summary>
public class AsyncTapeTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private static async Task<double> GradientAcrossAwaits(double start)
    {
        var w = tf.Variable(tf.Constant(new[] { start }, DType.Float64));
        using var tape = new GradientTape();
        await Task.Yield();                         // resumes on a pool thread
        var y = tf.Square(w);
        await Task.Delay(1).ConfigureAwait(false);  // and maybe on another one
        var loss = tf.ReduceSum(y * 3.0);
        await Task.Yield();
        var g = tape.Gradient(loss, w);
        Assert.NotNull(g);
        return g!.ToArray<double>()[0];
    }

    [Fact]
    public async Task ATapeRecordsTheOpsAfterAnAwait()
    {
        var results = await Task.WhenAll(Enumerable.Range(1, 64).Select(i => GradientAcrossAwaits(i))).WaitAsync(Limit);
        for (int i = 0; i < results.Length; i++) Assert.Equal(6.0 * (i + 1), results[i]); // d(3w²)/dw = 6w
    }

    [Fact]
    public async Task PoolThreadsRecordNormallyAfterTapesSpannedAwaitsOnThem()
    {
        // Before, a tape that spanned an await stayed on the first thread's stack and was disposed on another, so
        // later tapes on those pool threads recorded nothing.
        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => GradientAcrossAwaits(i))).WaitAsync(Limit);
        var grads = await Task.WhenAll(Enumerable.Range(0, 256).Select(i => Task.Run(() =>
        {
            var v = tf.Variable(tf.Constant(new[] { (double)i }, DType.Float64));
            using var tape = new GradientTape();
            return tape.Gradient(tf.ReduceSum(tf.Square(v)), v)?.ToArray<double>()[0];
        }))).WaitAsync(Limit);
        for (int i = 0; i < grads.Length; i++) Assert.Equal(2.0 * i, grads[i]);
    }

    [Fact]
    public async Task ATapeDisposedOnAnotherThreadLeavesBothThreadsWorking()
    {
        GradientTape? tape = null;
        Variable? w = null;
        Tensor? y = null;
        await RunOnNewThread(() =>
        {
            w = tf.Variable(tf.Constant(new[] { 2.0 }, DType.Float64));
            tape = new GradientTape(persistent: true);
            y = tf.Square(w);
        });
        await RunOnNewThread(() => tape!.Dispose()); // another thread
        Assert.Equal([4.0], tape!.Gradient(y!, w!)!.ToArray<double>());
        await RunOnNewThread(() =>
        {
            var v = tf.Variable(tf.Constant(new[] { 3.0 }, DType.Float64));
            using var t = new GradientTape();
            Assert.Equal([6.0], t.Gradient(tf.Square(v), v)!.ToArray<double>());
        });
        // After the dispose the tape records nothing more, in any flow.
        var z = tf.Square(w!);
        Assert.Null(tape.Gradient(z, w!));
    }

    [Fact]
    public async Task ATapeIgnoresTasksThatWereNotStartedInItsScope()
    {
        var w = tf.Variable(tf.Constant(new[] { 2.0 }, DType.Float64));
        var go = new TaskCompletionSource();
        // Started before the tape: its flow never had the tape, even though it runs while the tape is open.
        var unrelated = Task.Run(async () => { await go.Task; return tf.Square(w); });
        using var tape = new GradientTape(persistent: true);
        go.SetResult();
        var fromUnrelated = await unrelated.WaitAsync(Limit);
        // Started inside the scope: the task is part of the code that opened the tape, so it is recorded.
        var fromChild = await Task.Run(() => tf.Square(w)).WaitAsync(Limit);
        Assert.Null(tape.Gradient(fromUnrelated, w));
        Assert.Equal([4.0], tape.Gradient(fromChild, w)!.ToArray<double>());
    }

    [Fact]
    public async Task TasksSharingATapeRecordSafelyAtTheSameTime()
    {
        var w = tf.Variable(tf.Constant(new[] { 1.5 }, DType.Float64));
        using var tape = new GradientTape(persistent: true);
        var parts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            Tensor acc = tf.Square(w);
            for (int i = 0; i < 200; i++) acc = acc + tf.Square(w);
            return acc;
        }))).WaitAsync(Limit);
        var total = parts.Aggregate((a, b) => a + b);
        // 8 tasks x 201 squares: d/dw = 8 * 201 * 2w.
        Assert.Equal([8 * 201 * 2 * 1.5], tape.Gradient(total, w)!.ToArray<double>());
    }

    [Fact]
    public async Task NestedTapesAcrossAwaitsGiveSecondDerivatives() => await SecondDerivativeAcrossAwaits().WaitAsync(Limit);

    private static async Task SecondDerivativeAcrossAwaits()
    {
        var x = tf.Variable(tf.Constant(new[] { 3.0 }, DType.Float64));
        using var outer = new GradientTape();
        await Task.Yield();
        Tensor? dy;
        using (var inner = new GradientTape())
        {
            var y = tf.Pow(x, 3);
            await Task.Delay(1).ConfigureAwait(false);
            dy = inner.Gradient(y, x); // 3x² = 27
        }
        await Task.Yield();
        var d2 = outer.Gradient(dy!, x); // 6x = 18
        Assert.Equal([27.0], dy!.ToArray<double>());
        Assert.Equal([18.0], d2!.ToArray<double>());
    }

    private static Task RunOnNewThread(Action action)
    {
        var done = new TaskCompletionSource();
        var thread = new Thread(() =>
        {
            try { action(); done.SetResult(); }
            catch (Exception e) { done.SetException(e); }
        }) { IsBackground = true };
        thread.Start();
        return done.Task.WaitAsync(Limit);
    }
}
