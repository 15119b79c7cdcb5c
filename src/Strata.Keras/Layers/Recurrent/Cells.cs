using Strata.Keras.Initializers;

namespace Strata.Keras.Layers;

/// <summary>What the three built-in cells share: units, activations, initializers, dropout, their kernels.</summary>
public abstract class BuiltinCell : RecurrentCell, IProjectingCell
{
    private protected BuiltinCell(int units, Activation? activation, Activation? recurrentActivation, bool useBias,
        Initializer? kernelInitializer, Initializer? recurrentInitializer, Initializer? biasInitializer,
        double dropout, double recurrentDropout, long? seed, DType dtype, string? name) : base(name)
    {
        if (units <= 0) throw new InvalidArgumentError($"Received an invalid value for argument `units`, expected a positive integer, got {units}.");
        if (!(dropout >= 0 && dropout <= 1)) throw new InvalidArgumentError($"{GetType().Name}: dropout must be in [0, 1], got {dropout}.");
        if (!(recurrentDropout >= 0 && recurrentDropout <= 1))
            throw new InvalidArgumentError($"{GetType().Name}: recurrentDropout must be in [0, 1], got {recurrentDropout}.");
        Units = units;
        Activation = activation ?? Activation.Get("tanh");
        RecurrentActivation = recurrentActivation ?? Activation.Get("sigmoid");
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? new GlorotUniform();
        RecurrentInitializer = recurrentInitializer ?? new Orthogonal();
        BiasInitializer = biasInitializer ?? new Zeros();
        Dropout = dropout;
        RecurrentDropout = recurrentDropout;
        Seed = seed;
        DType = dtype;
    }

    /// <summary>The size of the state and of each step's output.</summary>
    public int Units { get; }
    /// <summary>The activation of the output (SimpleRNN) or of the candidate and cell state (LSTM, GRU); tanh by default.</summary>
    public Activation Activation { get; }
    /// <summary>The activation of the LSTM's and GRU's gates (sigmoid by default); SimpleRNN has none.</summary>
    public Activation RecurrentActivation { get; }
    /// <summary>Whether the cell adds <see cref="Bias"/>.</summary>
    public bool UseBias { get; }
    /// <summary>The initializer of <see cref="Kernel"/> (glorot_uniform by default).</summary>
    public Initializer KernelInitializer { get; }
    /// <summary>The initializer of <see cref="RecurrentKernel"/> (orthogonal by default).</summary>
    public Initializer RecurrentInitializer { get; }
    /// <summary>The initializer of <see cref="Bias"/> (zeros by default).</summary>
    public Initializer BiasInitializer { get; }
    /// <summary>The fraction of the inputs dropped in training: one mask for every time step, applied by the
    /// <see cref="RNN"/> layer that runs the cell.</summary>
    public double Dropout { get; }
    /// <summary>The fraction of the recurrent state dropped in training: one mask for every time step, applied by the
    /// <see cref="RNN"/> layer that runs the cell.</summary>
    public double RecurrentDropout { get; }
    /// <summary>The seed of the dropout masks, or null to draw them from tf.random's global stream.</summary>
    public long? Seed { get; }
    /// <summary>The dtype of the weights and the states (float32 by default).</summary>
    public DType DType { get; }

    /// <summary>The input kernel, shape (features, gates·units) (gates: SimpleRNN 1, GRU 3, LSTM 4); null before Build.</summary>
    public Variable? Kernel { get; private protected set; }
    /// <summary>The recurrent kernel, shape (units, gates·units); null before Build.</summary>
    public Variable? RecurrentKernel { get; private protected set; }
    /// <summary>The bias, shape (gates·units), or (2, 3·units) for a GRU with reset_after (input half, recurrent half); null
    /// before Build or without <see cref="UseBias"/>.</summary>
    public Variable? Bias { get; private protected set; }

    /// <inheritdoc/>
    public override int OutputSize => Units;
    internal override DType StateDType => DType;

    /// <summary>Gates in the kernels (SimpleRNN 1, GRU 3, LSTM 4).</summary>
    private protected abstract int Gates { get; }

    /// <summary>Creates <see cref="Kernel"/>, <see cref="RecurrentKernel"/> and <see cref="Bias"/> from the features of one
    /// step's input.</summary>
    /// <param name="inputShape">The shape of one step's input, (batch, features).</param>
    public override void Build(Shape inputShape)
    {
        int features = inputShape[-1];
        Kernel = AddWeight("kernel", [features, Gates * Units], KernelInitializer, dtype: DType);
        RecurrentKernel = AddWeight("recurrent_kernel", [Units, Gates * Units], RecurrentInitializer, dtype: DType);
        if (UseBias) Bias = AddWeight("bias", BiasShape, BiasInitializerForBuild(), dtype: DType);
    }

    private protected virtual Shape BiasShape => [Gates * Units];

    private protected virtual Initializer BiasInitializerForBuild() => BiasInitializer;

    /// <summary>The input projection of a whole sequence in one matrix product, x·W plus the input bias:
    /// (batch, time, features) → (batch, time, gates·units). <see cref="RNN"/> runs it before the time loop, then
    /// <see cref="StepProjected"/> for each step.</summary>
    /// <param name="sequence">The input sequence, (batch, time, features).</param>
    public Tensor ProjectInputs(Tensor sequence)
    {
        int batch = sequence.Shape[0], time = sequence.Shape[1], features = sequence.Shape[2];
        var flat = tf.Reshape(Cast(sequence), [batch * time, features]);
        var z = tf.MatMul(flat, Kernel!);
        if (InputBias is { } b) z = tf.BiasAdd(z, b);
        return tf.Reshape(z, [batch, time, Gates * Units]);
    }

    /// <summary>The bias added to the input projection (all of it, but GRU's recurrent half with reset_after).</summary>
    private protected virtual Tensor? InputBias => Bias;

    /// <inheritdoc/>
    public override (Tensor Output, Tensor[] States) Step(Tensor input, IReadOnlyList<Tensor> states, bool? training)
    {
        if (Kernel is null) EnsureBuilt(input.Shape);
        var z = tf.MatMul(Cast(input), Kernel!);
        if (InputBias is { } b) z = tf.BiasAdd(z, b);
        return StepProjected(z, states, null);
    }

    /// <summary>One step from an input already projected by <see cref="ProjectInputs"/>: the output and the new states.</summary>
    /// <param name="projected">The step's projected input, (batch, gates·units).</param>
    /// <param name="states">The states, each (batch, size) as <see cref="RecurrentCell.StateSize"/> lists them.</param>
    /// <param name="recurrentMask">The recurrent dropout mask multiplied into h, (batch, units); null outside training.</param>
    public abstract (Tensor Output, Tensor[] States) StepProjected(Tensor projected, IReadOnlyList<Tensor> states, Tensor? recurrentMask);

    private protected Tensor Cast(Tensor x) => x.DType == DType ? x : tf.Cast(x, DType);

    /// <summary>Columns [gate·units, (gate + 1)·units) of a (batch, gates·units) tensor.</summary>
    private protected Tensor Gate(Tensor z, int gate) => z[.., (gate * Units)..((gate + 1) * Units)];
}

/// <summary>Keras's SimpleRNNCell: h = activation(x·W + b + h·U).</summary>
/// <param name="units">Keras's <c>units</c>: the size of the state and of each output, positive.</param>
/// <param name="activation">Keras's <c>activation</c>; null for tanh.</param>
/// <param name="useBias">Keras's <c>use_bias</c>: whether to add a bias; true by default.</param>
/// <param name="kernelInitializer">Keras's <c>kernel_initializer</c>; null for glorot_uniform.</param>
/// <param name="recurrentInitializer">Keras's <c>recurrent_initializer</c>; null for orthogonal.</param>
/// <param name="biasInitializer">Keras's <c>bias_initializer</c>; null for zeros.</param>
/// <param name="dropout">Keras's <c>dropout</c>: the fraction of the inputs dropped in training, in [0, 1]; 0 by default.</param>
/// <param name="recurrentDropout">Keras's <c>recurrent_dropout</c>: the fraction of the recurrent state dropped in training, in
/// [0, 1]; 0 by default.</param>
/// <param name="seed">Keras's <c>seed</c> for the dropout masks (stateless, repeatable draws); null (the global stream) by
/// default.</param>
/// <param name="dtype">The dtype of the weights and states; float32 by default.</param>
/// <param name="name">The layer's name; null for <c>simple_rnn_cell</c>, <c>simple_rnn_cell_1</c>….</param>
public sealed class SimpleRNNCell(int units, Activation? activation = null, bool useBias = true, Initializer? kernelInitializer = null,
    Initializer? recurrentInitializer = null, Initializer? biasInitializer = null, double dropout = 0, double recurrentDropout = 0,
    long? seed = null, DType dtype = DType.Float32, string? name = null)
    : BuiltinCell(units, activation, null, useBias, kernelInitializer, recurrentInitializer, biasInitializer, dropout, recurrentDropout, seed, dtype, name)
{
    /// <inheritdoc/>
    public override int[] StateSize => [Units];
    private protected override int Gates => 1;

    /// <inheritdoc/>
    public override (Tensor Output, Tensor[] States) StepProjected(Tensor projected, IReadOnlyList<Tensor> states, Tensor? recurrentMask)
    {
        var h = recurrentMask is null ? states[0] : states[0] * recurrentMask;
        var output = Activation.Invoke(projected + tf.MatMul(h, RecurrentKernel!));
        return (output, [output]);
    }
}

/// <summary>
/// Keras's LSTMCell (gates i, f, c, o in the kernels' columns): z = x·W + h·U + b; i = σ(z_i), f = σ(z_f),
/// c = f·c + i·tanh(z_c), o = σ(z_o), h = o·tanh(c). <c>unitForgetBias</c> (default) starts the forget gate's bias at 1.
/// </summary>
/// <param name="units">Keras's <c>units</c>: the size of the state and of each output, positive.</param>
/// <param name="activation">Keras's <c>activation</c>; null for tanh.</param>
/// <param name="recurrentActivation">Keras's <c>recurrent_activation</c>, of the gates; null for sigmoid.</param>
/// <param name="useBias">Keras's <c>use_bias</c>: whether to add a bias; true by default.</param>
/// <param name="kernelInitializer">Keras's <c>kernel_initializer</c>; null for glorot_uniform.</param>
/// <param name="recurrentInitializer">Keras's <c>recurrent_initializer</c>; null for orthogonal.</param>
/// <param name="biasInitializer">Keras's <c>bias_initializer</c>; null for zeros.</param>
/// <param name="unitForgetBias">Keras's <c>unit_forget_bias</c>: start the forget gate's bias at 1; true by default.</param>
/// <param name="dropout">Keras's <c>dropout</c>: the fraction of the inputs dropped in training, in [0, 1]; 0 by default.</param>
/// <param name="recurrentDropout">Keras's <c>recurrent_dropout</c>: the fraction of the recurrent state dropped in training, in
/// [0, 1]; 0 by default.</param>
/// <param name="seed">Keras's <c>seed</c> for the dropout masks (stateless, repeatable draws); null (the global stream) by
/// default.</param>
/// <param name="dtype">The dtype of the weights and states; float32 by default.</param>
/// <param name="name">The layer's name; null for <c>lstm_cell</c>, <c>lstm_cell_1</c>….</param>
public sealed class LSTMCell(int units, Activation? activation = null, Activation? recurrentActivation = null, bool useBias = true,
    Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null,
    bool unitForgetBias = true, double dropout = 0, double recurrentDropout = 0, long? seed = null, DType dtype = DType.Float32, string? name = null)
    : BuiltinCell(units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer,
        dropout, recurrentDropout, seed, dtype, name)
{
    /// <summary>Whether the forget gate's bias starts at 1 (Keras's <c>unit_forget_bias</c>, true by default).</summary>
    public bool UnitForgetBias { get; } = unitForgetBias;
    /// <inheritdoc/>
    public override int[] StateSize => [Units, Units];
    private protected override int Gates => 4;

    private protected override Initializer BiasInitializerForBuild() => UnitForgetBias ? new ForgetBiasInitializer(BiasInitializer, Units) : BiasInitializer;

    /// <inheritdoc/>
    public override (Tensor Output, Tensor[] States) StepProjected(Tensor projected, IReadOnlyList<Tensor> states, Tensor? recurrentMask)
    {
        var h = recurrentMask is null ? states[0] : states[0] * recurrentMask;
        var z = projected + tf.MatMul(h, RecurrentKernel!);
        var i = RecurrentActivation.Invoke(Gate(z, 0));
        var f = RecurrentActivation.Invoke(Gate(z, 1));
        var c = f * states[1] + i * Activation.Invoke(Gate(z, 2));
        var o = RecurrentActivation.Invoke(Gate(z, 3));
        var hNew = o * Activation.Invoke(c);
        return (hNew, [hNew, c]);
    }

    /// <summary>True when <see cref="tf.LstmSequence"/> computes exactly this cell: Keras's tanh and sigmoid (the
    /// built-in ones), float32.</summary>
    internal bool HasFusedKernel =>
        Activation.Fused == FusedActivation.Tanh && RecurrentActivation.Fused == FusedActivation.Sigmoid && DType == DType.Float32;

    /// <summary>The whole sequence through the fused kernel: every step's h (batch, time, units) in processing order,
    /// and the final [h, c].</summary>
    internal (Tensor Outputs, Tensor[] States) RunFused(Tensor projected, IReadOnlyList<Tensor> states, bool reverse)
    {
        var hc = tf.LstmSequence(projected, RecurrentKernel!, states[0], states[1], reverse);
        var last = hc[.., ^1];
        return (hc[.., .., ..Units], [last[.., ..Units], last[.., Units..]]);
    }

    /// <summary>Keras's bias for unit_forget_bias: the initializer's values, with ones for the forget gate.</summary>
    private sealed class ForgetBiasInitializer(Initializer inner, int units) : Initializer
    {
        public override Tensor Call(Shape shape, DType dtype = DType.Float32) => tf.Concat(
            [inner.Call([units], dtype), tf.Ones([units], dtype), inner.Call([2 * units], dtype)], 0);
    }
}

/// <summary>
/// Keras's GRUCell (gates z, r, h), by default with <c>resetAfter</c> (Keras 3 and cuDNN's form): the bias is
/// (2, 3·units), an input and a recurrent half; z = σ(x_z + u_z), r = σ(x_r + u_r), ĥ = tanh(x_h + r·u_h),
/// h = z·h + (1 − z)·ĥ, where x = x·W + b_in and u = h·U + b_rec. Without resetAfter: ĥ = tanh(x_h + (r·h)·U_h).
/// </summary>
/// <param name="units">Keras's <c>units</c>: the size of the state and of each output, positive.</param>
/// <param name="activation">Keras's <c>activation</c>; null for tanh.</param>
/// <param name="recurrentActivation">Keras's <c>recurrent_activation</c>, of the gates; null for sigmoid.</param>
/// <param name="useBias">Keras's <c>use_bias</c>: whether to add a bias; true by default.</param>
/// <param name="kernelInitializer">Keras's <c>kernel_initializer</c>; null for glorot_uniform.</param>
/// <param name="recurrentInitializer">Keras's <c>recurrent_initializer</c>; null for orthogonal.</param>
/// <param name="biasInitializer">Keras's <c>bias_initializer</c>; null for zeros.</param>
/// <param name="dropout">Keras's <c>dropout</c>: the fraction of the inputs dropped in training, in [0, 1]; 0 by default.</param>
/// <param name="recurrentDropout">Keras's <c>recurrent_dropout</c>: the fraction of the recurrent state dropped in training, in
/// [0, 1]; 0 by default.</param>
/// <param name="resetAfter">Keras's <c>reset_after</c>: apply the reset gate after the recurrent product (Keras 3's and
/// cuDNN's form); true by default.</param>
/// <param name="seed">Keras's <c>seed</c> for the dropout masks (stateless, repeatable draws); null (the global stream) by
/// default.</param>
/// <param name="dtype">The dtype of the weights and states; float32 by default.</param>
/// <param name="name">The layer's name; null for <c>gru_cell</c>, <c>gru_cell_1</c>….</param>
public sealed class GRUCell(int units, Activation? activation = null, Activation? recurrentActivation = null, bool useBias = true,
    Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null,
    double dropout = 0, double recurrentDropout = 0, bool resetAfter = true, long? seed = null, DType dtype = DType.Float32, string? name = null)
    : BuiltinCell(units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer,
        dropout, recurrentDropout, seed, dtype, name)
{
    /// <summary>Whether the reset gate is applied after the recurrent product (Keras 3's and cuDNN's form, true by default)
    /// rather than before it.</summary>
    public bool ResetAfter { get; } = resetAfter;
    /// <inheritdoc/>
    public override int[] StateSize => [Units];
    private protected override int Gates => 3;

    private protected override Shape BiasShape => ResetAfter ? [2, 3 * Units] : [3 * Units];

    private protected override Tensor? InputBias => Bias is null ? null : ResetAfter ? Bias[0] : Bias;

    /// <inheritdoc/>
    public override (Tensor Output, Tensor[] States) StepProjected(Tensor projected, IReadOnlyList<Tensor> states, Tensor? recurrentMask)
    {
        var hPrev = states[0];
        var h = recurrentMask is null ? hPrev : hPrev * recurrentMask;
        Tensor z, r, candidate;
        if (ResetAfter)
        {
            var inner = tf.MatMul(h, RecurrentKernel!);
            if (Bias is not null) inner = tf.BiasAdd(inner, Bias[1]);
            z = RecurrentActivation.Invoke(Gate(projected, 0) + Gate(inner, 0));
            r = RecurrentActivation.Invoke(Gate(projected, 1) + Gate(inner, 1));
            candidate = Activation.Invoke(Gate(projected, 2) + r * Gate(inner, 2));
        }
        else
        {
            var zr = tf.MatMul(h, RecurrentKernel![.., ..(2 * Units)]);
            z = RecurrentActivation.Invoke(Gate(projected, 0) + zr[.., ..Units]);
            r = RecurrentActivation.Invoke(Gate(projected, 1) + zr[.., Units..]);
            candidate = Activation.Invoke(Gate(projected, 2) + tf.MatMul(r * h, RecurrentKernel![.., (2 * Units)..]));
        }
        var hNew = z * hPrev + (1.0 - z) * candidate;
        return (hNew, [hNew]);
    }
}
