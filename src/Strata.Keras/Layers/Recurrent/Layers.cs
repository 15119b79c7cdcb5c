using Strata.Keras.Initializers;

namespace Strata.Keras.Layers;

/// <summary>Keras's <c>SimpleRNN</c>: a fully connected recurrent layer, h = tanh(x·W + h·U + b).</summary>
public sealed class SimpleRNN(int units, Activation? activation = null, bool useBias = true, Initializer? kernelInitializer = null,
    Initializer? recurrentInitializer = null, Initializer? biasInitializer = null, double dropout = 0, double recurrentDropout = 0,
    bool returnSequences = false, bool returnState = false, bool goBackwards = false, bool stateful = false, long? seed = null,
    DType dtype = DType.Float32, string? name = null, Shape? inputShape = null)
    : RNN(new SimpleRNNCell(units, activation, useBias, kernelInitializer, recurrentInitializer, biasInitializer, dropout, recurrentDropout, seed, dtype),
        returnSequences, returnState, goBackwards, stateful, name, inputShape)
{
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
public sealed class LSTM(int units, Activation? activation = null, Activation? recurrentActivation = null, bool useBias = true,
    Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null,
    bool unitForgetBias = true, double dropout = 0, double recurrentDropout = 0, bool returnSequences = false, bool returnState = false,
    bool goBackwards = false, bool stateful = false, long? seed = null, DType dtype = DType.Float32, string? name = null, Shape? inputShape = null)
    : RNN(new LSTMCell(units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer,
        unitForgetBias, dropout, recurrentDropout, seed, dtype), returnSequences, returnState, goBackwards, stateful, name, inputShape)
{
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
public sealed class GRU(int units, Activation? activation = null, Activation? recurrentActivation = null, bool useBias = true,
    Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null,
    double dropout = 0, double recurrentDropout = 0, bool returnSequences = false, bool returnState = false, bool goBackwards = false,
    bool stateful = false, bool resetAfter = true, long? seed = null, DType dtype = DType.Float32, string? name = null, Shape? inputShape = null)
    : RNN(new GRUCell(units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer,
        dropout, recurrentDropout, resetAfter, seed, dtype), returnSequences, returnState, goBackwards, stateful, name, inputShape)
{
    public int Units => ((BuiltinCell)Cell).Units;

    internal override RNN CopyReading(bool backwards, string copyName)
    {
        var c = (GRUCell)Cell;
        return new GRU(c.Units, c.Activation, c.RecurrentActivation, c.UseBias, c.KernelInitializer, c.RecurrentInitializer, c.BiasInitializer,
            c.Dropout, c.RecurrentDropout, ReturnSequences, ReturnState, backwards, Stateful, c.ResetAfter, c.Seed, c.DType, copyName);
    }
}
