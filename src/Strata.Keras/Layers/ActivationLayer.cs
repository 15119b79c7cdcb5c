namespace Strata.Keras.Layers;

/// <summary>
/// Keras's <c>Activation</c> layer: applies an activation function. Named <c>ActivationLayer</c> in C# so that it
/// does not clash with <see cref="Keras.Activation"/> (the function object) when both namespaces are imported;
/// it still shows as "Activation" in summaries and is named <c>activation</c>, <c>activation_1</c>, ….
/// </summary>
public sealed class ActivationLayer : Layer
{
    public Keras.Activation Activation { get; }

    public ActivationLayer(Keras.Activation activation, Shape? inputShape = null, string? name = null) : base(name, inputShape)
    {
        SupportsMasking = true;
        Activation = activation;
    }

    public override string ClassName => "Activation";

    public override Tensor Call(Tensor inputs) => Activation.Invoke(inputs);
}
