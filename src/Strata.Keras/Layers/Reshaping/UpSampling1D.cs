using Strata.Keras.Engine;

namespace Strata.Keras.Layers;

/// <summary>Keras's UpSampling1D: repeats each step <see cref="Size"/> times, (batch, steps, features) →
/// (batch, steps · size, features).</summary>
public sealed class UpSampling1D : Layer
{
    /// <summary>How many times each step is repeated.</summary>
    public int Size { get; }

    /// <summary>An UpSampling1D layer (keras.layers.UpSampling1D).</summary>
    /// <param name="size">Keras's <c>size</c>: the repetitions of each step, positive; 2 by default.</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    /// <param name="name">The layer's name; null for <c>up_sampling1d</c>, <c>up_sampling1d_1</c>….</param>
    public UpSampling1D(int size = 2, Shape? inputShape = null, string? name = null) : base(name, inputShape)
    {
        if (size <= 0) throw new InvalidArgumentError($"UpSampling1D: size must be a positive integer, got {size}.");
        Size = size;
        InputSpec = new InputSpec(ndim: 3);
    }

    /// <inheritdoc/>
    public override Tensor Call(Tensor inputs)
    {
        InputCompatibility.Assert(CurrentInputSpecs, inputs, Name);
        return Repeat(inputs, 1, Size);
    }

    /// <summary>np.repeat along <paramref name="axis"/>: a Gather of 0,0,…,1,1,… (Gather carries the gradient).</summary>
    internal static Tensor Repeat(Tensor x, int axis, int times)
    {
        if (times == 1) return x;
        int n = x.Shape[axis];
        var idx = new long[(long)n * times];
        for (int i = 0; i < idx.Length; i++) idx[i] = i / times;
        return tf.Gather(x, tf.Constant(idx), axis);
    }
}
