namespace Strata.Keras.Layers;

/// <summary>Keras's <c>ELU</c> layer: x for x &gt; 0, alpha·(e^x - 1) otherwise.</summary>
public sealed class ELU : Layer
{
    /// <summary>The scale of the negative part, alpha·(e^x - 1).</summary>
    public double Alpha { get; }

    /// <summary>An ELU layer (keras.layers.ELU).</summary>
    /// <param name="alpha">Keras's <c>alpha</c>: the scale of the negative part; 1.0 by default.</param>
    /// <param name="name">The layer's name; null for <c>elu</c>, <c>elu_1</c>….</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    public ELU(double alpha = 1.0, string? name = null, Shape? inputShape = null) : base(name, inputShape) => Alpha = alpha;

    /// <inheritdoc/>
    public override Tensor Call(Tensor inputs) => tf.Elu(inputs, Alpha);
}
