using static Strata.Tests.GradientCheck;

namespace Strata.Tests.Autodiff;

public class GradientTapeTests
{
    private static Variable V64(params double[] values) => tf.Variable(F64(values, values.Length));

    [Fact]
    public void TrainableVariablesAreWatchedAutomatically()
    {
        var v = V64(1, 2);
        using var tape = new GradientTape();
        var y = v * v;
        Assert.Equal([2.0, 4.0], tape.Gradient(y, v)!.ToArray<double>());
        Assert.Contains(v, tape.WatchedVariables());
    }

    [Fact]
    public void NonTrainableVariablesAndConstantsAreNotWatched()
    {
        var n = tf.Variable(F64([3], 1), trainable: false);
        var c = F64([4], 1);
        using var tape = new GradientTape(persistent: true);
        var y = n * c;
        Assert.Null(tape.Gradient(y, n));
        Assert.Null(tape.Gradient(y, c));
        Assert.Empty(tape.WatchedVariables());
    }

    [Fact]
    public void WatchMakesAConstantOrNonTrainableVariableDifferentiable()
    {
        var n = tf.Variable(F64([3], 1), trainable: false);
        var c = F64([4], 1);
        using var tape = new GradientTape(persistent: true);
        tape.Watch(n);
        tape.Watch(c);
        var y = n * c * c;
        Assert.Equal([16.0], tape.Gradient(y, n)!.ToArray<double>());
        Assert.Equal([24.0], tape.Gradient(y, c)!.ToArray<double>());
    }

    [Fact]
    public void WatchAccessedVariablesFalseWatchesOnlyWhatIsWatched()
    {
        var a = V64(2);
        var b = V64(5);
        using var tape = new GradientTape(watchAccessedVariables: false);
        tape.Watch(b);
        var y = a * b;
        var g = tape.Gradient(y, [a, b]);
        Assert.Null(g[0]);
        Assert.Equal([2.0], g[1]!.ToArray<double>());
    }

    [Fact]
    public void PersistentTapeAnswersSeveralGradientCalls()
    {
        var x = V64(3);
        using var tape = new GradientTape(persistent: true);
        var y = x * x;
        var z = y * y; // x^4
        Assert.Equal([6.0], tape.Gradient(y, x)!.ToArray<double>());
        Assert.Equal([108.0], tape.Gradient(z, x)!.ToArray<double>());
        Assert.Equal([6.0], tape.Gradient(y, x)!.ToArray<double>());
        Assert.Equal([18.0], tape.Gradient(z, y)!.ToArray<double>()); // dz/dy = 2y
    }

    [Fact]
    public void PersistentTapeKeepsRecordingAfterAGradientCall()
    {
        var x = V64(3);
        using var tape = new GradientTape(persistent: true);
        var y = x * x;
        Assert.Equal([6.0], tape.Gradient(y, x)!.ToArray<double>());
        var z = y * x; // recorded after the first Gradient call
        Assert.Equal([27.0], tape.Gradient(z, x)!.ToArray<double>());
    }

    [Fact]
    public void SecondGradientOnNonPersistentTapeThrows()
    {
        var x = V64(3);
        using var tape = new GradientTape();
        var y = x * x;
        Assert.NotNull(tape.Gradient(y, x));
        var e = Assert.Throws<FailedPreconditionError>(() => tape.Gradient(y, x));
        Assert.Contains("non-persistent", e.Message);
        Assert.Throws<FailedPreconditionError>(() => tape.Jacobian(y, x));
    }

    [Fact]
    public void NestedTapesGiveSecondDerivative()
    {
        // y = x^3: dy/dx = 3x^2 = 12 and d2y/dx2 = 6x = 12 at x = 2.
        var x = tf.Constant(2.0, dtype: DType.Float64);
        Tensor dy, d2;
        using (var outer = new GradientTape())
        {
            outer.Watch(x);
            using (var inner = new GradientTape())
            {
                inner.Watch(x);
                var y = x * x * x;
                dy = inner.Gradient(y, x)!;
            }
            d2 = outer.Gradient(dy, x)!;
        }
        Assert.Equal(12.0, dy.Item<double>(), 12);
        Assert.Equal(12.0, d2.Item<double>(), 12);
    }

    [Fact]
    public void NestedTapesOnVariablesGiveThirdDerivative()
    {
        // y = x^3 with x a variable: third derivative is 6.
        var x = tf.Variable(2.0f);
        Tensor d3;
        using (var t3 = new GradientTape())
        {
            Tensor d2;
            using (var t2 = new GradientTape())
            {
                Tensor d1;
                using (var t1 = new GradientTape())
                {
                    var y = tf.Pow(x, 3);
                    d1 = t1.Gradient(y, x)!;
                }
                d2 = t2.Gradient(d1, x)!;
            }
            Assert.Equal(12f, d2.Item<float>(), 4);
            d3 = t3.Gradient(d2, x)!;
        }
        Assert.Equal(6f, d3.Item<float>(), 4);
    }

    [Fact]
    public void StopRecordingHidesOpsFromTheTape()
    {
        var x = V64(3);
        using var tape = new GradientTape(persistent: true);
        var y = x * x;
        Tensor z;
        using (tape.StopRecording())
        {
            z = x * 10;
        }
        var w = y + z; // z is a constant to the tape
        Assert.Null(tape.Gradient(z, x));
        Assert.Equal([6.0], tape.Gradient(w, x)!.ToArray<double>());
        // Recording resumed after the scope.
        var u = x * 4;
        Assert.Equal([4.0], tape.Gradient(u, x)!.ToArray<double>());
    }

    [Fact]
    public void GradientOfNonScalarTargetIsGradientOfItsSum()
    {
        var x = V64(1, 2, 3);
        using var tape = new GradientTape(persistent: true);
        var y = tf.Stack([x * x, x * 3]); // (2, 3)
        var g = tape.Gradient(y, x)!;
        var gs = tape.Gradient(tf.ReduceSum(y), x)!;
        Assert.Equal([5.0, 7.0, 9.0], g.ToArray<double>());
        Assert.Equal(gs.ToArray<double>(), g.ToArray<double>());
    }

    [Fact]
    public void OutputGradientWeightsTheTarget()
    {
        var x = V64(1, 2);
        using var tape = new GradientTape();
        var y = x * x;
        var g = tape.Gradient(y, [x], outputGradient: F64([10, 100], 2));
        Assert.Equal([20.0, 400.0], g[0]!.ToArray<double>());
    }

    [Fact]
    public void UnconnectedSourceGivesNullOrZeros()
    {
        var x = V64(1, 2);
        var u = V64(5, 6, 7);
        using var tape = new GradientTape(persistent: true);
        var y = x * 2;
        var unused = u * 2; // watched and recorded, but y does not depend on it
        Assert.Null(tape.Gradient(y, u));
        var z = tape.Gradient(y, u, UnconnectedGradients.Zero)!;
        Assert.Equal(new Shape(3), z.Shape);
        Assert.Equal(DType.Float64, z.DType);
        Assert.Equal([0.0, 0.0, 0.0], z.ToArray<double>());
        var both = tape.Gradient(y, [x, u], UnconnectedGradients.Zero);
        Assert.Equal([2.0, 2.0], both[0]!.ToArray<double>());
        Assert.Equal([0.0, 0.0, 0.0], both[1]!.ToArray<double>());
    }

    [Fact]
    public void BroadcastAddGradientSumsOverRows()
    {
        var a = tf.Variable(tf.Zeros([2, 3], DType.Float64));
        var b = tf.Variable(tf.Zeros([3], DType.Float64));
        using var tape = new GradientTape();
        var y = a + b;
        var g = tape.Gradient(y, [a, b]);
        Assert.Equal(new Shape(2, 3), g[0]!.Shape);
        Assert.Equal(Enumerable.Repeat(1.0, 6), g[0]!.ToArray<double>());
        Assert.Equal(new Shape(3), g[1]!.Shape);
        Assert.Equal([2.0, 2.0, 2.0], g[1]!.ToArray<double>());
    }

    [Fact]
    public void StopGradientBlocks()
    {
        var x = V64(3);
        using var tape = new GradientTape(persistent: true);
        var y = x * tf.StopGradient(x); // d/dx = stop(x) = 3, not 2x = 6
        Assert.Equal([3.0], tape.Gradient(y, x)!.ToArray<double>());
        Assert.Null(tape.Gradient(tf.StopGradient(y), x));
    }

    [Fact]
    public void NothingIsRecordedWithoutAnActiveTape()
    {
        Assert.False(GradientTape.IsRecording);
        var x = V64(3);
        var outside = x * x; // no tape: not recorded anywhere
        GradientTape tape;
        using (tape = new GradientTape(persistent: true))
        {
            Assert.True(GradientTape.IsRecording);
            var inside = outside * 2;
            Assert.Null(tape.Gradient(inside, x)); // the path to x ran before the tape existed
        }
        Assert.False(GradientTape.IsRecording);
        var after = x * 5; // the tape is closed
        Assert.Null(tape.Gradient(after, x));
    }

    [Fact]
    public void ReadingAVariableWithValueIsRecorded()
    {
        // TensorFlow's v.value() inside a tape is a watched read.
        var v = V64(3);
        using var tape = new GradientTape();
        var y = v.Value() * v;
        Assert.Equal([6.0], tape.Gradient(y, v)!.ToArray<double>());
    }

    [Fact]
    public void GradientUsesTheVariableValuesOfTheForwardPass()
    {
        // As in TensorFlow, an op reads a variable's value when it runs; assigning afterwards (an optimizer step
        // between two Gradient calls on a persistent tape) does not change what was recorded.
        var v = V64(3);
        var n = tf.Variable(F64([2], 1), trainable: false);
        using var tape = new GradientTape(persistent: true);
        var y = v * v;
        var z = v * n;
        var m = tf.MatMul(tf.Reshape(v, [1, 1]), tf.Reshape(v * v, [1, 1])); // v^3, through a copy and a read
        v.Assign(F64([10], 1));
        n.Assign(F64([100], 1));
        Assert.Equal([6.0], tape.Gradient(y, v)!.ToArray<double>());
        Assert.Equal([2.0], tape.Gradient(z, v)!.ToArray<double>());
        Assert.Equal([27.0], tape.Gradient(m, v)!.ToArray<double>());
        Assert.Equal([8.0], tape.Gradient(y + z, v)!.ToArray<double>());
    }

    [Fact]
    public void SecondOrderThroughAVariableMatchesAWatchedConstant()
    {
        var x0 = Rand(221, [2, 2]);
        var w = Rand(222, [2, 2]);
        Tensor F(Tensor x) => tf.ReduceSum(tf.Multiply(tf.Softmax(tf.MatMul(x, x)), w));
        double[] SecondOrder(Tensor x, bool watch)
        {
            using var outer = new GradientTape();
            if (watch) outer.Watch(x);
            Tensor g;
            using (var inner = new GradientTape())
            {
                if (watch) inner.Watch(x);
                g = inner.Gradient(F(x), x)!;
            }
            return outer.Gradient(tf.ReduceSum(tf.Square(g)), x)!.ToArray<double>();
        }
        var viaConstant = SecondOrder(x0, watch: true);
        var viaVariable = SecondOrder(tf.Variable(x0), watch: false);
        Expect.Close(viaConstant, viaVariable, 1e-12);
        Assert.Contains(viaConstant, d => Math.Abs(d) > 1e-3); // not trivially zero
    }

    [Fact]
    public void GradientsAccumulateOverEveryUse()
    {
        var x = V64(2);
        using var tape = new GradientTape();
        var y = x * x + x * 3 + x; // 2x + 4
        Assert.Equal([8.0], tape.Gradient(y, x)!.ToArray<double>());
    }

    [Fact]
    public void GradientWithRespectToAnIntermediate()
    {
        var x = V64(2);
        using var tape = new GradientTape();
        var h = x * 3;
        var y = h * h;
        var g = tape.Gradient(y, [h, x]);
        Assert.Equal([12.0], g[0]!.ToArray<double>());
        Assert.Equal([36.0], g[1]!.ToArray<double>());
    }

    [Fact]
    public void GradientsThroughIntegerOpsAreNull()
    {
        var x = V64(1.5, 2.5);
        using var tape = new GradientTape();
        var idx = tf.ArgMax(x);
        var y = tf.Cast(idx, DType.Float64) * 2;
        Assert.Null(tape.Gradient(y, x));
    }

    [Fact]
    public void JacobianOfSmallVectorFunction()
    {
        // f(x) = [x0 x1, x0 + 2 x1, x1^2] at (2, 3): J = [[3, 2], [1, 2], [0, 6]].
        var x = V64(2, 3);
        using var tape = new GradientTape();
        var parts = tf.Unstack(x);
        var y = tf.Stack([parts[0] * parts[1], parts[0] + parts[1] * 2, tf.Square(parts[1])]);
        var j = tape.Jacobian(y, x)!;
        Assert.Equal(new Shape(3, 2), j.Shape);
        Assert.Equal([3.0, 2.0, 1.0, 2.0, 0.0, 6.0], j.ToArray<double>());
    }

    [Fact]
    public void JacobianOfMatrixFunctionHasTargetThenSourceShape()
    {
        var x = F64([1, 2, 3, 4], 2, 2);
        using var tape = new GradientTape();
        tape.Watch(x);
        var y = tf.ReduceSum(tf.Square(x), 1); // (2,), y_i = sum_j x_ij^2
        var j = tape.Jacobian(y, x)!;
        Assert.Equal(new Shape(2, 2, 2), j.Shape);
        Assert.Equal([2.0, 4.0, 0.0, 0.0, 0.0, 0.0, 6.0, 8.0], j.ToArray<double>());
    }

    [Fact]
    public void JacobianOfAnUnconnectedSourceIsNullOrZeros()
    {
        var x = F64([1, 2], 2);
        var other = F64([3, 4, 5], 3);
        using var tape = new GradientTape(persistent: true);
        tape.Watch(x);
        tape.Watch(other);
        var y = tf.Square(x);
        Assert.Null(tape.Jacobian(y, other));
        var zeros = tape.Jacobian(y, other, UnconnectedGradients.Zero)!;
        Assert.Equal(new Shape(2, 3), zeros.Shape);
        Assert.All(zeros.ToArray<double>(), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void GradientOfTheSourceItselfIsOnes()
    {
        var x = F64([1, 2], 2);
        using var tape = new GradientTape();
        tape.Watch(x);
        var y = tf.Identity(x);
        Assert.Equal([1.0, 1.0], tape.Gradient(y, x)!.ToArray<double>());
    }

    [Fact]
    public void TapeGradientsMatchFiniteDifferencesForAComposite()
    {
        // A small network-like composite: softmax(relu(x W + b)) with a log-likelihood.
        var w = Rand(201, [3, 4]);
        var b = Rand(202, [4]);
        Check(p => tf.ReduceSum(tf.Multiply(tf.LogSoftmax(tf.Tanh(tf.Add(tf.MatMul(p[0], p[1]), p[2]))), F64([1, 0, 0, 0, 0, 0, 1, 0], 2, 4))),
            Rand(203, [2, 3]), w, b);
    }

    // ----- the checker itself must be able to fail -----

    /// <summary>Square with a hand-made backward rule, recorded the way ops record themselves.</summary>
    private static Tensor SquareWithRule(Tensor x, BackwardFunction backward)
    {
        var y = tf.StopGradient(tf.Square(x)); // the value, cut off from the tape
        if (GradientTape.IsRecording) GradientTape.Record("TestSquare", y, [x], backward);
        return y;
    }

    [Fact]
    public void GradientCheckAcceptsACorrectRule()
    {
        Check((Tensor[] x) => SquareWithRule(x[0], static (dy, i, _) => [tf.Multiply(dy, tf.Multiply(i[0], 2))]), Rand(211, [4]));
        CheckSecondOrder(x => SquareWithRule(x, static (dy, i, _) => [tf.Multiply(dy, tf.Multiply(i[0], 2))]), Rand(212, [4]));
    }

    [Fact]
    public void GradientCheckCatchesAWrongFactor()
    {
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() =>
            Check((Tensor[] x) => SquareWithRule(x[0], static (dy, i, _) => [tf.Multiply(dy, i[0])]), Rand(213, [4])));
    }

    [Fact]
    public void GradientCheckCatchesARuleThatIgnoresTheUpstreamGradient()
    {
        // Right for an upstream gradient of ones, wrong otherwise: the checker's random weights catch it.
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() =>
            Check((Tensor[] x) => SquareWithRule(x[0], static (dy, i, _) => [tf.Multiply(i[0], 2)]), Rand(214, [4])));
    }

    [Fact]
    public void SecondOrderCheckCatchesARuleThatIsNotDifferentiable()
    {
        // Right first derivative, but computed off the tape, so its own derivative is lost.
        BackwardFunction offTape = static (dy, i, _) => [tf.Multiply(dy, tf.StopGradient(tf.Multiply(i[0], 2)))];
        Check((Tensor[] x) => SquareWithRule(x[0], offTape), Rand(215, [4]));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => CheckSecondOrder(x => SquareWithRule(x, offTape), Rand(216, [4])));
    }

    // ----- more tape edge cases -----

    [Fact]
    public void NonPersistentTapeStopsRecordingAfterItsGradient()
    {
        var x = V64(3);
        using var outer = new GradientTape();
        using var inner = new GradientTape();
        var y = x * x;
        var dy = inner.Gradient(y, x)!; // recorded on the outer tape only
        var z = dy * x;                 // 2x * x = 2x^2 for the outer tape
        Assert.Equal([12.0], outer.Gradient(z, x)!.ToArray<double>());
    }

    [Fact]
    public void StopRecordingOnANonRecordingTapeThrows()
    {
        var tape = new GradientTape();
        tape.Dispose();
        Assert.Throws<FailedPreconditionError>(() => tape.StopRecording());
    }

    [Fact]
    public void StopRecordingOnOneTapeLeavesAnotherRecording()
    {
        var x = V64(2);
        using var a = new GradientTape();
        using var b = new GradientTape();
        Tensor y;
        using (a.StopRecording())
            y = x * x;
        Assert.Equal([4.0], b.Gradient(y, x)!.ToArray<double>());
        Assert.Null(a.Gradient(y, x));
    }

    [Fact]
    public void WatchIgnoresIntegerTensors()
    {
        var i = tf.Constant(new[] { 1, 2 });
        using var tape = new GradientTape();
        tape.Watch(i);
        var y = tf.Cast(i, DType.Float64) * 2;
        Assert.Null(tape.Gradient(y, i));
    }

    [Fact]
    public void GradientOfAFloat32VariableIsFloat32()
    {
        var w = tf.Variable(tf.Constant(new float[] { 1, -2 }));
        using var tape = new GradientTape();
        var loss = tf.ReduceMean(tf.Square(w - 4f));
        var g = tape.Gradient(loss, w)!;
        Assert.Equal(DType.Float32, g.DType);
        Expect.Close([-3, -6], Expect.Doubles(g)); // (w - 4) for a mean of two
    }

    [Fact]
    public void ATapeStillAbleToAnswerKeepsItsVariablesWhenALaterTapeUsesThem()
    {
        // Tapes mark what they watch on the tensor itself; a later tape must not take a variable away from one
        // that can still answer (here a persistent one, and a non-persistent one not yet asked).
        var v = V64(3);
        var persistent = new GradientTape(persistent: true);
        var y1 = v * v;
        persistent.Dispose();
        var pending = new GradientTape();
        var y2 = v * v * v;
        pending.Dispose();
        using (var later = new GradientTape())
        {
            var y3 = v * 2.0;
            Assert.Equal([2.0], later.Gradient(y3, v)!.ToArray<double>());
        }
        Assert.Equal([27.0], pending.Gradient(y2, v)!.ToArray<double>());
        Assert.Equal([6.0], persistent.Gradient(y1, v)!.ToArray<double>());
        Assert.Equal([6.0], persistent.Gradient(y1, v)!.ToArray<double>());
        Assert.Equal([v], persistent.WatchedVariables());
    }

    /// <summary>Two threads, each with its own tape, record products of the same variable at the same time
    /// (a barrier lines their 200 steps up) and each gets its own gradient. Tasks on dedicated threads: an
    /// exception fails this test by name, and a thread that dies or stalls makes the other's barrier wait time
    /// out rather than hang the run.</summary>
    [Fact]
    public async Task AVariableWatchedOnTwoThreadsAtOnceGetsBothGradients()
    {
        var v = V64(2);
        using var ready = new Barrier(2);
        var stepTimeout = TimeSpan.FromSeconds(30);
        (int Thread, List<string> Wrong, double Last) Run(int t)
        {
            var wrong = new List<string>();
            double last = double.NaN;
            try
            {
                for (int i = 0; i < 200; i++)
                {
                    using var tape = new GradientTape();
                    if (!ready.SignalAndWait(stepTimeout))
                        throw new TimeoutException($"thread {t}, step {i}: the other thread did not reach the barrier within {stepTimeout}");
                    var y = v * (t + 1.0);
                    last = tape.Gradient(y, v)?.ToArray<double>()[0] ?? double.NaN;
                    if (last != t + 1.0) wrong.Add($"thread {t}, step {i}: dy/dv = {last}, expected {t + 1.0}");
                }
            }
            catch
            {
                ready.RemoveParticipant();   // let the other thread finish alone instead of waiting for this one
                throw;
            }
            return (Environment.CurrentManagedThreadId, wrong, last);
        }
        var tasks = Enumerable.Range(0, 2)
            .Select(t => Task.Factory.StartNew(() => Run(t), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        var results = await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        Assert.NotEqual(results[0].Thread, results[1].Thread);
        Assert.Empty(results.SelectMany(r => r.Wrong));
        Assert.Equal([1.0, 2.0], results.Select(r => r.Last));
    }
}
