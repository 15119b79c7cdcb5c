namespace Strata.Keras.Layers;

/// <summary>Keras's <c>ELU</c> layer: x for x &gt; 0, alpha·(e^x - 1) otherwise.</summary>
public sealed class ELU : Layer
{
    public double Alpha { get; }

    public ELU(double alpha = 1.0, string? name = null, Shape? inputShape = null) : base(name, inputShape) => Alpha = alpha;

    public override Tensor Call(Tensor inputs) => tf.Elu(inputs, Alpha);
}
