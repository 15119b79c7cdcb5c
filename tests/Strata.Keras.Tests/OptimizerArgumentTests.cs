using Strata.Keras.Optimizers;

namespace Strata.Keras.Tests;

/// <summary>Optimizer arguments and state beyond the update rules: float64 variables, Nesterov on whole vectors,
/// slots, schedules after warmup, what Summary counts, and the errors for gradients that do not fit.</summary>
public class OptimizerArgumentTests
{
    [Fact]
    public void GradientsThatDoNotFitTheirVariablesAreNamed()
    {
        var v = new Variable(tf.Zeros([3]), name: "w");
        var sgd = new SGD();
        Assert.Equal("SGD.ApplyGradients: 1 gradients for 2 variables.",
            Assert.Throws<InvalidArgumentError>(() => sgd.ApplyGradients([tf.Zeros([3])], [v, v])).Message);
        Assert.Equal("SGD.ApplyGradients: gradient 0 has shape (2,) float32, its variable 'w' has (3,) float32.",
            Assert.Throws<InvalidArgumentError>(() => sgd.ApplyGradients([tf.Zeros([2])], [v])).Message);
        Assert.Equal("SGD.ApplyGradients: gradient 0 has shape (3,) float64, its variable 'w' has (3,) float32.",
            Assert.Throws<InvalidArgumentError>(() => sgd.ApplyGradients([tf.Zeros([3], DType.Float64)], [v])).Message);
        var counter = new Variable(tf.Zeros([2], DType.Int32), name: "steps");
        Assert.Equal("SGD.ApplyGradients: variable 'steps' is int32; only float variables are trained.",
            Assert.Throws<InvalidArgumentError>(() => sgd.ApplyGradients([tf.Zeros([2], DType.Int32)], [counter])).Message);
        Assert.Equal(0, sgd.Iterations);
        Assert.StartsWith("SGD.ApplyGradients: argument 'vars' is null.",
            Assert.Throws<ArgumentNullException>(() => sgd.ApplyGradients([tf.Zeros([3])], null!)).Message);
        Assert.StartsWith("SGD.ApplyGradients: argument 'gradsAndVars' is null.",
            Assert.Throws<ArgumentNullException>(() => sgd.ApplyGradients((IEnumerable<(Tensor?, Variable)>)null!)).Message);
    }

    [Fact]
    public void Float64VariablesAreTrainedInFloat64()
    {
        // Keras 3's Adam, first step: w -= lr·√(1-β2)/(1-β1) · m / (√v + ε) with m = 0.1·g, v = 0.001·g², i.e.
        // lr·√v / (√v + ε); float32 arithmetic would be off by 1e-8. Adagrad: lr·g / √(0.1 + g²).
        var w = new Variable(tf.Constant(new double[] { 1, 2 }, DType.Float64));
        new Adam(learningRate: 0.1).ApplyGradients([tf.Constant(new double[] { 3, -1 }, DType.Float64)], [w]);
        Assert.Equal(DType.Float64, w.DType);
        var values = w.ToArray<double>();
        Assert.Equal(1 - 0.1 * Math.Sqrt(0.009) / (Math.Sqrt(0.009) + 1e-7), values[0], 1e-12);
        Assert.Equal(2 + 0.1 * Math.Sqrt(0.001) / (Math.Sqrt(0.001) + 1e-7), values[1], 1e-12);

        var u = new Variable(tf.Constant(new double[] { 0 }, DType.Float64));
        var adagrad = new Adagrad(learningRate: 1);
        adagrad.ApplyGradients([tf.Constant(new double[] { 2 }, DType.Float64)], [u]);
        Assert.Equal(-2 / Math.Sqrt(4.1 + 1e-7), u.ToArray<double>()[0], 1e-12);
        Assert.Equal(4.1, adagrad.GetSlot(u, "accumulator")!.ToArray<double>()[0], 1e-12); // 0.1 + g², in float64
    }

    [Fact]
    public void NesterovMomentumOnAVectorLongerThanOneRegister()
    {
        // Keras 3's SGD: m = μ·m - lr·g; w += μ·m - lr·g (Nesterov). Two steps with g = 1, lr 0.1, μ 0.9:
        // m1 = -0.1, w1 = 1 - 0.09 - 0.1 = 0.81; m2 = -0.19, w2 = 0.81 - 0.171 - 0.1 = 0.539. 35 elements cover
        // the vector loop and its scalar tail.
        var w = new Variable(tf.Ones([35]));
        var sgd = new SGD(learningRate: 0.1, momentum: 0.9, nesterov: true);
        sgd.ApplyGradients([tf.Ones([35])], [w]);
        Assert.All(w.ToArray<float>(), x => Assert.Equal(0.81f, x, 1e-6f));
        sgd.ApplyGradients([tf.Ones([35])], [w]);
        Assert.All(w.ToArray<float>(), x => Assert.Equal(0.539f, x, 1e-6f));
        Assert.All(sgd.GetSlot(w, "momentum")!.ToArray<float>(), m => Assert.Equal(-0.19f, m, 1e-6f));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void SgdMomentumOutsideZeroToOneIsRefused(double momentum) =>
        Assert.Equal($"SGD: momentum must be in [0, 1], got {momentum}.",
            Assert.Throws<InvalidArgumentError>(() => new SGD(momentum: momentum)).Message);

    [Fact]
    public void OnlyOneKindOfClippingAtATime() =>
        Assert.Equal("Adam: only one of clipnorm, clipvalue and globalClipnorm can be set.",
            Assert.Throws<InvalidArgumentError>(() => new Adam(clipvalue: 1, globalClipnorm: 2)).Message);

    [Fact]
    public void AnUnknownSlotListsTheSlots()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => new Adam().GetSlot(new Variable(tf.Zeros([1])), "moment"));
        Assert.Equal("adam: no slot 'moment'. Slots: momentum, velocity.", e.Message);
    }

    [Fact]
    public void AScheduledLearningRateIsReadAtTheIterationButCannotBeSet()
    {
        var schedule = new ExponentialDecay(0.1, 2, 0.5);
        var sgd = new SGD(learningRate: schedule);
        Assert.Same(schedule, sgd.Schedule);
        Check.Close(0.1, sgd.LearningRate);
        sgd.ApplyGradients([tf.Zeros([1])], [new Variable(tf.Zeros([1]))]);
        sgd.ApplyGradients([tf.Zeros([1])], [new Variable(tf.Zeros([1]))]);
        Check.Close(0.05, sgd.LearningRate); // 0.1 · 0.5^(2/2)
        var e = Assert.Throws<InvalidArgumentError>(() => sgd.LearningRate = 0.01);
        Assert.Equal("SGD: this optimizer was created with a learning-rate schedule (ExponentialDecay); its learning rate cannot be set.", e.Message);

        var constant = new SGD(learningRate: 0.3);
        Assert.Equal(0.3, Assert.IsType<ConstantLearningRate>(constant.Schedule).Value);
        constant.LearningRate = 0.2;
        Assert.Equal(0.2, constant.LearningRate);
    }

    [Fact]
    public void ExponentialDecayNeedsPositiveDecaySteps() =>
        Assert.Equal("ExponentialDecay: decaySteps must be positive, got 0.",
            Assert.Throws<InvalidArgumentError>(() => new ExponentialDecay(0.1, 0, 0.5).Call(1)).Message);

    [Fact]
    public void CosineDecayAfterWarmupDecaysFromTheTarget()
    {
        // Keras 3: after warmup_steps the cosine runs from warmup_target over decay_steps, then stays at alpha·target.
        var s = new CosineDecay(0, 10, alpha: 0.2, warmupTarget: 2, warmupSteps: 4);
        Check.Close(1.0, s.Call(2)); // halfway up the warmup
        Check.Close(2.0, s.Call(4)); // the target
        Check.Close(2 * (0.8 * 0.5 + 0.2), s.Call(9)); // half the decay: cos term ½
        Check.Close(0.4, s.Call(14));
        Check.Close(0.4, s.Call(1000));
    }

    [Fact]
    public void OptimizerVariablesAreCountedAsKerasCountsThem()
    {
        // iterations (int64) + learning rate (float32) + Nadam's u_product (float32) + momentum and velocity per weight.
        var w32 = new Variable(tf.Zeros([3]));
        var nadam = new Nadam();
        nadam.ApplyGradients([tf.Ones([3])], [w32]);
        Assert.Equal((3 + 2 * 3L, 8 + 4 + 4 + 2 * 3 * 4L), nadam.VariableFootprint());

        var w64 = new Variable(tf.Zeros([3], DType.Float64));
        var adam = new Adam();
        Assert.Equal((2L, 12L), adam.VariableFootprint());
        adam.ApplyGradients([tf.Ones([3], DType.Float64)], [w64]);
        Assert.True(adam.Built);
        Assert.Equal((2 + 2 * 3L, 12 + 2 * 3 * 8L), adam.VariableFootprint()); // float64 slots take 8 bytes each
    }
}
