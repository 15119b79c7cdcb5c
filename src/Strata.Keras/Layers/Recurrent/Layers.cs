using Strata.Keras.Initializers;

namespace Strata.Keras.Layers;

/// <summary>Keras's <c>SimpleRNN</c>: a fully connected recurrent layer, h = tanh(x·W + h·U + b).</summary>
/// <param name="units">Keras's <c>units</c>: the size of the state and of each output, positive.</param>
/// <param name="activation">Keras's <c>activation</c>; null for tanh.</param>
/// <param name="useBias">Keras's <c>use_bias</c>: whether to add a bias; true by default.</param>
/// <param name="kernelInitializer">Keras's <c>kernel_initializer</c>; null for glorot_uniform.</param>
/// <param name="recurrentInitializer">Keras's <c>recurrent_initializer</c>; null for orthogonal.</param>
/// <param name="biasInitializer">Keras's <c>bias_initializer</c>; null for zeros.</param>
/// <param name="dropout">Keras's <c>dropout</c>: the fraction of the inputs dropped in training, in [0, 1]; 0 by default.</param>
/// <param name="recurrentDropout">Keras's <c>recurrent_dropout</c>: the fraction of the recurrent state dropped in training, in
/// [0, 1]; 0 by default.</param>
/// <param name="returnSequences">Keras's <c>return_sequences</c>: return every step's output; false by default.</param>
/// <param name="returnState">Keras's <c>return_state</c>: recorded for the configuration (call <see cref="RNN.CallWithStates"/>
/// for the states); false by default.</param>
/// <param name="goBackwards">Keras's <c>go_backwards</c>: read the sequence in reverse; false by default.</param>
/// <param name="stateful">Keras's <c>stateful</c>: carry the final states to the next batch; false by default.</param>
/// <param name="seed">Keras's <c>seed</c> for the dropout masks (stateless, repeatable draws); null (the global stream) by
/// default.</param>
/// <param name="dtype">The dtype of the weights and states; float32 by default.</param>
/// <param name="name">The layer's name; null for <c>simple_rnn</c>, <c>simple_rnn_1</c>….</param>
/// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample, (time, features); null by default.</param>
public sealed class SimpleRNN(int units, Activation? activation = null, bool useBias = true, Initializer? kernelInitializer = null,
    Initializer? recurrentInitializer = null, Initializer? biasInitializer = null, double dropout = 0, double recurrentDropout = 0,
    bool returnSequences = false, bool returnState = false, bool goBackwards = false, bool stateful = false, long? seed = null,
    DType dtype = DType.Float32, string? name = null, Shape? inputShape = null)
    : RNN(new SimpleRNNCell(units, activation, useBias, kernelInitializer, recurrentInitializer, biasInitializer, dropout, recurrentDropout, seed, dtype),
        returnSequences, returnState, goBackwards, stateful, name, inputShape)
{
    /// <summary>The size of the state and of each output step.</summary>
    public int Units => ((BuiltinCell)Cell).Units;

    internal override RNN CopyReading(bool backwards, string copyName)
    {
        var c = (SimpleRNNCell)Cell;
        return new SimpleRNN(c.Units, c.Activation, c.UseBias, c.KernelInitializer, c.RecurrentInitializer, c.BiasInitializer, c.Dropout,
            c.RecurrentDropout, ReturnSequences, ReturnState, backwards, Stateful, c.Seed, c.DType, copyName);
    }
}

/// <summary>Keras's <c>LSTM</c> (Hochreiter and Schmidhuber, 1997), with Keras 3's defaults: tanh, sigmoid gates,
/// glorot_uniform kernel, orthogonal recurrent kernel, zero bias with the forget gate's at 1.</summary>
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
/// <param name="returnSequences">Keras's <c>return_sequences</c>: return every step's output; false by default.</param>
/// <param name="returnState">Keras's <c>return_state</c>: recorded for the configuration (call <see cref="RNN.CallWithStates"/>
/// for the states); false by default.</param>
/// <param name="goBackwards">Keras's <c>go_backwards</c>: read the sequence in reverse; false by default.</param>
/// <param name="stateful">Keras's <c>stateful</c>: carry the final states to the next batch; false by default.</param>
/// <param name="seed">Keras's <c>seed</c> for the dropout masks (stateless, repeatable draws); null (the global stream) by
/// default.</param>
/// <param name="dtype">The dtype of the weights and states; float32 by default.</param>
/// <param name="name">The layer's name; null for <c>lstm</c>, <c>lstm_1</c>….</param>
/// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample, (time, features); null by default.</param>
public sealed class LSTM(int units, Activation? activation = null, Activation? recurrentActivation = null, bool useBias = true,
    Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null,
    bool unitForgetBias = true, double dropout = 0, double recurrentDropout = 0, bool returnSequences = false, bool returnState = false,
    bool goBackwards = false, bool stateful = false, long? seed = null, DType dtype = DType.Float32, string? name = null, Shape? inputShape = null)
    : RNN(new LSTMCell(units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer,
        unitForgetBias, dropout, recurrentDropout, seed, dtype), returnSequences, returnState, goBackwards, stateful, name, inputShape)
{
    /// <summary>The size of the states h and c and of each output step.</summary>
    public int Units => ((BuiltinCell)Cell).Units;

    /// <summary>Keras's LSTM runs its cuDNN kernel when the cell allows it; this one the fused <c>tf.LstmSequence</c>
    /// (default activations, no mask, no recurrent dropout), else the cell step by step.</summary>
    private protected override bool FusesSteps => true;

    internal override RNN CopyReading(bool backwards, string copyName)
    {
        var c = (LSTMCell)Cell;
        return new LSTM(c.Units, c.Activation, c.RecurrentActivation, c.UseBias, c.KernelInitializer, c.RecurrentInitializer, c.BiasInitializer,
            c.UnitForgetBias, c.Dropout, c.RecurrentDropout, ReturnSequences, ReturnState, backwards, Stateful, c.Seed, c.DType, copyName);
    }
}

/// <summary>Keras's <c>GRU</c> (Cho et al., 2014), with Keras 3's defaults (reset_after, the cuDNN-compatible form).</summary>
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
/// <param name="returnSequences">Keras's <c>return_sequences</c>: return every step's output; false by default.</param>
/// <param name="returnState">Keras's <c>return_state</c>: recorded for the configuration (call <see cref="RNN.CallWithStates"/>
/// for the states); false by default.</param>
/// <param name="goBackwards">Keras's <c>go_backwards</c>: read the sequence in reverse; false by default.</param>
/// <param name="stateful">Keras's <c>stateful</c>: carry the final states to the next batch; false by default.</param>
/// <param name="resetAfter">Keras's <c>reset_after</c>: apply the reset gate after the recurrent product (Keras 3's and
/// cuDNN's form); true by default.</param>
/// <param name="seed">Keras's <c>seed</c> for the dropout masks (stateless, repeatable draws); null (the global stream) by
/// default.</param>
/// <param name="dtype">The dtype of the weights and states; float32 by default.</param>
/// <param name="name">The layer's name; null for <c>gru</c>, <c>gru_1</c>….</param>
/// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample, (time, features); null by default.</param>
public sealed class GRU(int units, Activation? activation = null, Activation? recurrentActivation = null, bool useBias = true,
    Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null,
    double dropout = 0, double recurrentDropout = 0, bool returnSequences = false, bool returnState = false, bool goBackwards = false,
    bool stateful = false, bool resetAfter = true, long? seed = null, DType dtype = DType.Float32, string? name = null, Shape? inputShape = null)
    : RNN(new GRUCell(units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer,
        dropout, recurrentDropout, resetAfter, seed, dtype), returnSequences, returnState, goBackwards, stateful, name, inputShape)
{
    /// <summary>The size of the state and of each output step.</summary>
    public int Units => ((BuiltinCell)Cell).Units;

    internal override RNN CopyReading(bool backwards, string copyName)
    {
        var c = (GRUCell)Cell;
        return new GRU(c.Units, c.Activation, c.RecurrentActivation, c.UseBias, c.KernelInitializer, c.RecurrentInitializer, c.BiasInitializer,
            c.Dropout, c.RecurrentDropout, ReturnSequences, ReturnState, backwards, Stateful, c.ResetAfter, c.Seed, c.DType, copyName);
    }
}
