using Strata.Keras.Optimizers;

namespace Strata.Keras.Tests;

/// <summary>
/// Each optimizer's first three steps on f(w) = ½‖w - t‖² (gradient w - t) against the published update rule
/// evaluated here in double precision.
/// </summary>
public class OptimizerTests
{
    private static readonly double[] W0 = [1.0, -2.0, 0.25];
    private static readonly double[] Target = [0.5, 0.5, 0.5];

    /// <summary>Runs the optimizer for three steps and returns w after each.</summary>
    private static double[][] Run(Optimizer opt)
    {
        var v = new Variable(tf.Constant(W0.Select(x => (float)x).ToArray()));
        var steps = new double[3][];
        for (int s = 0; s < 3; s++)
        {
            var g = tf.Subtract(v, tf.Constant(Target.Select(x => (float)x).ToArray()));
            opt.ApplyGradients([g], [v]);
            steps[s] = Check.Values(v);
        }
        Assert.Equal(3, opt.Iterations);
        return steps;
    }

    /// <summary>The expected three steps: <paramref name="rule"/>(step t from 1, w, g) updates w in place.</summary>
    private static void Expect(Optimizer opt, Action<int, double[], double[]> rule)
    {
        var actual = Run(opt);
        var w = (double[])W0.Clone();
        for (int t = 1; t <= 3; t++)
        {
            var g = w.Select((x, i) => x - Target[i]).ToArray();
            rule(t, w, g);
            Check.Close(w, actual[t - 1], 2e-6, $"{opt.Name} step {t}");
        }
    }

    [Fact]
    public void SgdDefaults()
    {
        var sgd = new SGD();
        Assert.Equal(0.01, sgd.LearningRate);
        Expect(sgd, (_, w, g) => { for (int i = 0; i < w.Length; i++) w[i] -= 0.01 * g[i]; });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SgdMomentum(bool nesterov)
    {
        var m = new double[3];
        Expect(new SGD(learningRate: 0.1, momentum: 0.9, nesterov: nesterov), (_, w, g) =>
        {
            for (int i = 0; i < w.Length; i++)
            {
                m[i] = 0.9 * m[i] - 0.1 * g[i];
                w[i] += nesterov ? 0.9 * m[i] - 0.1 * g[i] : m[i];
            }
        });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Adam(bool amsgrad)
    {
        var opt = new Adam(learningRate: 0.1, amsgrad: amsgrad);
        Assert.Equal((0.9, 0.999, 1e-7), (opt.Beta1, opt.Beta2, opt.Epsilon));
        Assert.Equal(0.001, new Adam().LearningRate);
        double[] m = new double[3], v = new double[3], vhat = new double[3];
        Expect(opt, (t, w, g) =>
        {
            double alpha = 0.1 * Math.Sqrt(1 - Math.Pow(0.999, t)) / (1 - Math.Pow(0.9, t));
            for (int i = 0; i < w.Length; i++)
            {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                vhat[i] = Math.Max(vhat[i], v[i]);
                w[i] -= m[i] * alpha / (Math.Sqrt(amsgrad ? vhat[i] : v[i]) + 1e-7);
            }
        });
    }

    [Fact]
    public void AdamWDecaysWeightsBeforeTheAdamStep()
    {
        var opt = new AdamW(learningRate: 0.1);
        Assert.Equal(0.004, opt.WeightDecay);
        double[] m = new double[3], v = new double[3];
        Expect(opt, (t, w, g) =>
        {
            double alpha = 0.1 * Math.Sqrt(1 - Math.Pow(0.999, t)) / (1 - Math.Pow(0.9, t));
            for (int i = 0; i < w.Length; i++)
            {
                w[i] -= w[i] * 0.004 * 0.1;
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                w[i] -= m[i] * alpha / (Math.Sqrt(v[i]) + 1e-7);
            }
        });
    }

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.5, false)]
    [InlineData(0.0, true)]
    [InlineData(0.5, true)]
    public void RMSprop(double momentum, bool centered)
    {
        var opt = new RMSprop(learningRate: 0.01, momentum: momentum, centered: centered);
        Assert.Equal((0.9, 1e-7), (opt.Rho, opt.Epsilon));
        double[] v = new double[3], a = new double[3], mo = new double[3];
        Expect(opt, (_, w, g) =>
        {
            for (int i = 0; i < w.Length; i++)
            {
                v[i] = 0.9 * v[i] + 0.1 * g[i] * g[i];
                a[i] = 0.9 * a[i] + 0.1 * g[i];
                double denom = centered ? v[i] - a[i] * a[i] + 1e-7 : v[i] + 1e-7;
                double inc = 0.01 * g[i] / Math.Sqrt(denom);
                if (momentum > 0) { mo[i] = momentum * mo[i] + inc; w[i] -= mo[i]; }
                else w[i] -= inc;
            }
        });
    }

    [Fact]
    public void Adagrad()
    {
        var acc = new double[] { 0.1, 0.1, 0.1 };
        Expect(new Adagrad(learningRate: 0.1), (_, w, g) =>
        {
            for (int i = 0; i < w.Length; i++)
            {
                acc[i] += g[i] * g[i];
                w[i] -= 0.1 * g[i] / Math.Sqrt(acc[i] + 1e-7);
            }
        });
    }

    [Fact]
    public void Adamax()
    {
        double[] m = new double[3], u = new double[3];
        Expect(new Adamax(learningRate: 0.1), (t, w, g) =>
        {
            for (int i = 0; i < w.Length; i++)
            {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                u[i] = Math.Max(0.999 * u[i], Math.Abs(g[i]));
                w[i] -= 0.1 * m[i] / ((1 - Math.Pow(0.9, t)) * (u[i] + 1e-7));
            }
        });
    }

    [Fact]
    public void Nadam()
    {
        double[] m = new double[3], v = new double[3];
        double product = 1;
        Expect(new Nadam(learningRate: 0.1), (t, w, g) =>
        {
            double ut = 0.9 * (1 - 0.5 * Math.Pow(0.96, t)), ut1 = 0.9 * (1 - 0.5 * Math.Pow(0.96, t + 1));
            product *= ut;
            for (int i = 0; i < w.Length; i++)
            {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                double mHat = ut1 * m[i] / (1 - product * ut1) + (1 - ut) * g[i] / (1 - product);
                double vHat = v[i] / (1 - Math.Pow(0.999, t));
                w[i] -= mHat * 0.1 / (Math.Sqrt(vHat) + 1e-7);
            }
        });
    }

    [Fact]
    public void Clipping()
    {
        var g = tf.Constant(new float[] { 3, 4 });
        var v = new Variable(tf.Zeros([2]));
        new SGD(learningRate: 1, clipnorm: 1).ApplyGradients([g], [v]);
        Check.Close([-0.6, -0.8], Check.Values(v));
        v.Assign(tf.Zeros([2]));
        new SGD(learningRate: 1, clipvalue: 3.5).ApplyGradients([g], [v]);
        Check.Close([-3, -3.5], Check.Values(v));
        var a = new Variable(tf.Zeros([1]));
        var b = new Variable(tf.Zeros([1]));
        new SGD(learningRate: 1, globalClipnorm: 1).ApplyGradients([tf.Constant(new float[] { 3 }), tf.Constant(new float[] { 4 })], [a, b]);
        Check.Close([-0.6, -0.8], [Check.Values(a)[0], Check.Values(b)[0]]);
        Assert.Throws<InvalidArgumentError>(() => new SGD(clipnorm: 1, clipvalue: 1));
    }

    [Fact]
    public void PairsApiAndNullGradients()
    {
        var a = new Variable(tf.Constant(new float[] { 1 }));
        var b = new Variable(tf.Constant(new float[] { 1 }));
        var sgd = new SGD(learningRate: 0.5);
        sgd.ApplyGradients([(tf.Constant(new float[] { 1 }), a), ((Tensor?)null, b)]);
        Check.Close([0.5, 1], [Check.Values(a)[0], Check.Values(b)[0]]);
        var e = Assert.Throws<InvalidArgumentError>(() => sgd.ApplyGradients([(Tensor?)null], [a]));
        Assert.Contains("no gradients", e.Message);
    }

    [Fact]
    public void StringNames()
    {
        Assert.IsType<Adam>(Optimizer.Get("adam"));
        Assert.IsType<SGD>((Optimizer)"sgd");
        Assert.IsType<RMSprop>(Optimizer.Get("rmsprop"));
        var e = Assert.Throws<InvalidArgumentError>(() => Optimizer.Get("adamm"));
        Assert.Contains("Known: sgd, adam", e.Message);
    }

    [Fact]
    public void SlotsAreReadable()
    {
        var v = new Variable(tf.Constant(new float[] { 1 }));
        var adam = new Adam();
        Assert.Null(adam.GetSlot(v, "momentum"));
        adam.ApplyGradients([tf.Constant(new float[] { 2 })], [v]);
        Check.Close(0.2, Check.Values(adam.GetSlot(v, "momentum")!)[0]);
    }

    [Fact]
    public void SubnormalStateIsFlushedToZero()
    {
        // A momentum that decays under zero gradients ends at exactly 0 instead of lingering as subnormals.
        var v = new Variable(tf.Constant(new float[] { 1 }));
        var sgd = new SGD(momentum: 0.5);
        sgd.ApplyGradients([tf.Constant(new float[] { 1 })], [v]);
        for (int i = 0; i < 200; i++) sgd.ApplyGradients([tf.Constant(new float[] { 0 })], [v]);
        Assert.Equal(0f, sgd.GetSlot(v, "momentum")!.ToArray<float>()[0]);
    }
}

public class ScheduleTests
{
    [Fact]
    public void ExponentialDecay()
    {
        Check.Close(0.1 * Math.Pow(0.5, 0.5), new ExponentialDecay(0.1, 10, 0.5).Call(5));
        Check.Close(0.05, new ExponentialDecay(0.1, 10, 0.5, staircase: true).Call(15));
    }

    [Fact]
    public void PiecewiseConstantDecay()
    {
        var s = new PiecewiseConstantDecay([10, 20], [1.0, 0.5, 0.1]);
        Assert.Equal([1.0, 1.0, 0.5, 0.5, 0.1], new long[] { 0, 10, 11, 20, 21 }.Select(s.Call));
        Assert.Throws<InvalidArgumentError>(() => new PiecewiseConstantDecay([10], [1.0]));
    }

    [Fact]
    public void CosineDecay()
    {
        Check.Close(0.5, new CosineDecay(1, 10).Call(5));
        Check.Close(0, new CosineDecay(1, 10).Call(10));
        Check.Close(0.1, new CosineDecay(1, 10, alpha: 0.1).Call(50));
        Check.Close(0.5, new CosineDecay(0, 10, warmupTarget: 1, warmupSteps: 4).Call(2));
    }

    [Fact]
    public void OptimizerEvaluatesTheScheduleAtItsIteration()
    {
        var v = new Variable(tf.Constant(new float[] { 0 }));
        var sgd = new SGD(learningRate: new PiecewiseConstantDecay([0], [1.0, 0.1]));
        sgd.ApplyGradients([tf.Constant(new float[] { 1 })], [v]); // step 0: lr 1
        sgd.ApplyGradients([tf.Constant(new float[] { 1 })], [v]); // step 1: lr 0.1
        Check.Close(-1.1, Check.Values(v)[0]);
        Assert.Throws<InvalidArgumentError>(() => sgd.LearningRate = 0.5);
    }
}
