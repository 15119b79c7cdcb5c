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
    [Fact]
    public void AdadeltaRule()
    {
        double[] acc = new double[3], delta2 = new double[3];
        Expect(new Adadelta(learningRate: 0.5), (_, w, g) =>
        {
            for (int i = 0; i < w.Length; i++)
            {
                acc[i] = 0.95 * acc[i] + 0.05 * g[i] * g[i];
                double d = -Math.Sqrt(delta2[i] + 1e-7) * g[i] / Math.Sqrt(acc[i] + 1e-7);
                delta2[i] = 0.95 * delta2[i] + 0.05 * d * d;
                w[i] += 0.5 * d;
            }
        });
    }

    [Fact]
    public void LionRule()
    {
        var m = new double[3];
        Expect(new Lion(learningRate: 0.1), (_, w, g) =>
        {
            for (int i = 0; i < w.Length; i++)
            {
                w[i] -= 0.1 * Math.Sign(0.9 * m[i] + 0.1 * g[i]);
                m[i] = 0.99 * m[i] + 0.01 * g[i];
            }
        });
        var e = Assert.Throws<InvalidArgumentError>(() => new Lion(beta1: 0));
        Assert.Contains("degenerates to SignSGD", e.Message);
    }

    [Fact]
    public void FtrlRuleWithRegularization()
    {
        double[] n = [0.1, 0.1, 0.1], z = new double[3];
        const double lr = 0.2, l1 = 0.05, l2 = 0.1, shrink = 0.02, beta = 0.3;
        Expect(new Ftrl(learningRate: lr, l1RegularizationStrength: l1, l2RegularizationStrength: l2,
            l2ShrinkageRegularizationStrength: shrink, beta: beta), (_, w, g) =>
        {
            for (int i = 0; i < w.Length; i++)
            {
                double gs = g[i] + 2 * shrink * w[i], n2 = n[i] + g[i] * g[i];
                z[i] += gs - (Math.Sqrt(n2) - Math.Sqrt(n[i])) / lr * w[i];
                double quadratic = Math.Sqrt(n2) / lr + 2 * (l2 + beta / (2 * lr));
                w[i] = (Math.Clamp(z[i], -l1, l1) - z[i]) / quadratic;
                n[i] = n2;
            }
        });
        Assert.Throws<InvalidArgumentError>(() => new Ftrl(initialAccumulatorValue: -1));
        Assert.Throws<InvalidArgumentError>(() => new Ftrl(learningRatePower: 0.5));
        Assert.Throws<InvalidArgumentError>(() => new Ftrl(l1RegularizationStrength: -1));
    }

    [Fact]
    public void AdafactorRuleOnAVector()
    {
        var v = new double[3];
        Expect(new Adafactor(learningRate: 0.3), (t, w, g) =>
        {
            double lr = Math.Min(0.3, 1 / Math.Sqrt(t));   // relative step: 0.3 until 1/√t is smaller
            double rms = Math.Sqrt(w.Sum(x => x * x) / 3);
            double alpha = Math.Max(1e-3, rms) * lr;
            double b = 1 - Math.Pow(t, -0.8);
            for (int i = 0; i < 3; i++) v[i] = b * v[i] + (1 - b) * (g[i] * g[i] + 1e-30);
            var u = g.Select((x, i) => x / Math.Sqrt(v[i])).ToArray();
            double uRms = Math.Sqrt(u.Sum(x => x * x) / 3);
            for (int i = 0; i < 3; i++) w[i] -= alpha * u[i] / Math.Max(1, uRms);
        });
    }

    /// <summary>A 2 × 3 variable: the second moment is kept as a row mean r (2) and a column mean c (3).</summary>
    [Fact]
    public void AdafactorFactorsAMatrix()
    {
        double[] w0 = [0.5, -1, 2, 1.5, 0.25, -0.75], g0 = [0.1, -0.4, 0.3, 0.2, 0.5, -0.6];
        var w = new Variable(tf.Constant(w0.Select(x => (float)x).ToArray(), shape: new Shape(2, 3)));
        var opt = new Adafactor(learningRate: 0.01);
        opt.ApplyGradients([tf.Constant(g0.Select(x => (float)x).ToArray(), shape: new Shape(2, 3))], [w]);
        // Step 1: beta2 = 1 - 1^-0.8 = 0, so r and c are the plain means of g² (+1e-30).
        double[] r = [(0.01 + 0.16 + 0.09) / 3, (0.04 + 0.25 + 0.36) / 3];
        double[] c = [(0.01 + 0.04) / 2, (0.16 + 0.25) / 2, (0.09 + 0.36) / 2];
        double rMean = (r[0] + r[1]) / 2;
        var u = new double[6];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) u[i * 3 + j] = g0[i * 3 + j] / Math.Sqrt(r[i] / rMean * c[j]);
        double uRms = Math.Sqrt(u.Sum(x => x * x) / 6);
        double alpha = Math.Max(1e-3, Math.Sqrt(w0.Sum(x => x * x) / 6)) * 0.01;
        var expected = w0.Select((x, k) => x - alpha * u[k] / Math.Max(1, uRms)).ToArray();
        Check.Close(expected, Check.Values(w), 1e-6);
        Assert.Equal(new Shape(2, 3), w.Shape);
        Assert.Equal(2, opt.GetSlot(w, "r")!.Size);
        Assert.Equal(3, opt.GetSlot(w, "c")!.Size);
    }

    [Fact]
    public void GradientAccumulationUpdatesEveryNthCallWithTheMean()
    {
        var v = new Variable(tf.Constant(new float[] { 1 }));
        var sgd = new SGD(learningRate: 0.1) { GradientAccumulationSteps = 2 };
        sgd.ApplyGradients([tf.Constant(new float[] { 2 })], [v]);
        Check.Close(1, Check.Values(v)[0]);                  // first call only accumulates
        Assert.Equal(1, sgd.Iterations);                     // but counts, as Keras's iterations do
        sgd.ApplyGradients([tf.Constant(new float[] { 4 })], [v]);
        Check.Close(1 - 0.1 * (2 + 4) / 2, Check.Values(v)[0]);
        sgd.ApplyGradients([tf.Constant(new float[] { 1 })], [v]);
        sgd.ApplyGradients([tf.Constant(new float[] { 1 })], [v]);
        Check.Close(0.7 - 0.1, Check.Values(v)[0]);          // the sums restarted after the update
        Assert.Throws<InvalidArgumentError>(() => new SGD { GradientAccumulationSteps = 0 });
    }

    [Fact]
    public void EmaAveragesAndOverwritesEveryNSteps()
    {
        var v = new Variable(tf.Constant(new float[] { 0 }));
        var sgd = new SGD(learningRate: 1) { UseEma = true, EmaMomentum = 0.5, EmaOverwriteFrequency = 3 };
        var g = tf.Constant(new float[] { -1 });              // each step adds 1 to w
        sgd.ApplyGradients([g], [v]);                         // w 1; average = w (first step) = 1
        sgd.ApplyGradients([g], [v]);                         // w 2; average 0.5·1 + 0.5·2 = 1.5
        Check.Close(2, Check.Values(v)[0]);
        sgd.ApplyGradients([g], [v]);                         // w 3; average 2.25; third step: w takes it
        Check.Close(2.25, Check.Values(v)[0]);
        sgd.ApplyGradients([g], [v]);                         // w 3.25; average 0.5·2.25 + 0.5·3.25 = 2.75
        sgd.FinalizeVariableValues([v]);
        Check.Close(2.75, Check.Values(v)[0]);
        Assert.Throws<InvalidArgumentError>(() => new SGD { EmaMomentum = 1.5 });
        Assert.Throws<InvalidArgumentError>(() => new SGD { EmaOverwriteFrequency = 0 });
    }

    [Fact]
    public void FitEndsWithTheEmaWeights()
    {
        // Momentum 1 keeps the average at the weights after the first step: Fit must end on those.
        Strata.Keras.Models.Model Build()
        {
            tf.random.SetSeed(3);
            var m = new Strata.Keras.Models.Sequential([new Strata.Keras.Layers.Dense(1, inputShape: [2])]);
            return m;
        }
        var x = tf.Constant(new float[] { 1, 2, 3, 4, 5, 6, 7, 8 }, shape: new Shape(4, 2));
        var y = tf.Constant(new float[] { 1, 0, 1, 0 }, shape: new Shape(4, 1));
        var oneStep = Build();
        oneStep.Compile(optimizer: new SGD(learningRate: 0.01), loss: "mse");
        oneStep.Fit(x, y, batchSize: 4, epochs: 1, verbose: 0, shuffle: false);
        var ema = Build();
        ema.Compile(optimizer: new SGD(learningRate: 0.01) { UseEma = true, EmaMomentum = 1 }, loss: "mse");
        ema.Fit(x, y, batchSize: 4, epochs: 5, verbose: 0, shuffle: false);
        Check.Close(Check.Values(oneStep.Weights[0]), Check.Values(ema.Weights[0]), 1e-6);
    }

    [Fact]
    public void NewOptimizersByName()
    {
        Assert.IsType<Adadelta>(Optimizer.Get("adadelta"));
        Assert.IsType<Ftrl>(Optimizer.Get("Ftrl"));
        Assert.IsType<Lion>(Optimizer.Get("lion"));
        Assert.IsType<Adafactor>(Optimizer.Get("adafactor"));
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

    [Fact]
    public void InverseTimeAndPolynomialDecay()
    {
        Check.Close(0.05, new InverseTimeDecay(0.1, 10, 0.5).Call(20));
        Check.Close(0.1 / 1.5, new InverseTimeDecay(0.1, 10, 0.5, staircase: true).Call(15));
        var poly = new PolynomialDecay(0.1, 100, endLearningRate: 0.01, power: 2);
        Check.Close(0.09 * 0.25 + 0.01, poly.Call(50));
        Check.Close(0.01, poly.Call(200));
        // cycle: at 150 the period is 200, (1 - 150/200)² = 0.0625
        Check.Close(0.09 * 0.0625 + 0.01, new PolynomialDecay(0.1, 100, 0.01, 2, cycle: true).Call(150));
        Check.Close(0.1, new PolynomialDecay(0.1, 100, 0.01, 2, cycle: true).Call(0));
        Assert.Throws<InvalidArgumentError>(() => new InverseTimeDecay(0.1, 0, 0.5).Call(1));
        Assert.Throws<InvalidArgumentError>(() => new PolynomialDecay(0.1, 0).Call(1));
    }

    [Fact]
    public void CosineDecayRestartsPeriodsAndHeights()
    {
        var s = new CosineDecayRestarts(1.0, 10, tMul: 2, mMul: 0.5);
        Check.Close(1.0, s.Call(0));
        Check.Close(0.5, s.Call(5));           // half way down the first cosine
        Check.Close(0.5, s.Call(10));          // restart 1 (period 20) at half height
        Check.Close(0.25, s.Call(20));         // half way through it: 0.5 · ½(1 + cos(π/2))
        Check.Close(0.25, s.Call(30));         // restart 2 (period 40) at a quarter height
        Check.Close(0.25, new CosineDecayRestarts(1.0, 10, tMul: 1, mMul: 0.5).Call(15));
        Check.Close(0.1 + 0.9 * 0.5, new CosineDecayRestarts(1.0, 10, alpha: 0.1).Call(5));
        Assert.Throws<InvalidArgumentError>(() => new CosineDecayRestarts(1.0, 0).Call(1));
    }
}
