namespace Strata.Keras.Layers;

/// <summary>
/// Keras's <c>Activation</c> layer: applies an activation function. Named <c>ActivationLayer</c> in C# so that it
/// does not clash with <see cref="Keras.Activation"/> (the function object) when both namespaces are imported;
/// it still shows as "Activation" in summaries and is named <c>activation</c>, <c>activation_1</c>, ….
/// </summary>
public sealed class ActivationLayer : Layer
{
    /// <summary>The activation function the layer applies elementwise.</summary>
    public Keras.Activation Activation { get; }

    /// <summary>An <c>Activation</c> layer (keras.layers.Activation) applying <paramref name="activation"/>; the output has
    /// the input's shape, and a mask passes through.</summary>
    /// <param name="activation">The function: a name such as <c>"relu"</c> or <c>"softmax"</c>, a
    /// <c>Func&lt;Tensor, Tensor&gt;</c>, or an <see cref="Keras.Activation"/>.</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension), for the first
    /// layer of a <c>Sequential</c>; null by default.</param>
    /// <param name="name">The layer's name; null for <c>activation</c>, <c>activation_1</c>….</param>
    public ActivationLayer(Keras.Activation activation, Shape? inputShape = null, string? name = null) : base(name, inputShape)
    {
        SupportsMasking = true;
        Activation = activation;
    }

    /// <summary>"Activation", Keras's class name, whatever the C# class is called.</summary>
    public override string ClassName => "Activation";

    /// <inheritdoc/>
    public override Tensor Call(Tensor inputs) => Activation.Invoke(inputs);
}
