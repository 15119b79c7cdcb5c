using Strata.Keras.Engine;

namespace Strata.Keras.Layers;

/// <summary>Keras's RepeatVector: (batch, features) → (batch, n, features), each vector repeated n times.</summary>
public sealed class RepeatVector : Layer
{
    /// <summary>How many times each vector is repeated.</summary>
    public int N { get; }

    /// <summary>A RepeatVector layer (keras.layers.RepeatVector).</summary>
    /// <param name="n">Keras's <c>n</c>: the number of repetitions, non-negative.</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    /// <param name="name">The layer's name; null for <c>repeat_vector</c>, <c>repeat_vector_1</c>….</param>
    public RepeatVector(int n, Shape? inputShape = null, string? name = null) : base(name, inputShape)
    {
        if (n < 0) throw new InvalidArgumentError($"RepeatVector: n must be a non-negative integer, got {n}.");
        N = n;
        InputSpec = new InputSpec(ndim: 2);
    }

    /// <inheritdoc/>
    public override Tensor Call(Tensor inputs)
    {
        InputCompatibility.Assert(CurrentInputSpecs, inputs, Name);
        // A broadcast of the (batch, 1, features) view: its gradient sums the n copies back.
        return tf.BroadcastTo(tf.ExpandDims(inputs, 1), [inputs.Shape[0], N, inputs.Shape[1]]);
    }
}
