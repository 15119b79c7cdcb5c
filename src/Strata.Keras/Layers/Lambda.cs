namespace Strata.Keras.Layers;

/// <summary>
/// Keras's <c>Lambda</c>: wraps a function of tensors as a layer (<c>new Lambda(x =&gt; tf.Square(x))</c>), for a
/// small step of a Sequential or functional model. It has no weights; a function that needs some belongs in a
/// Layer subclass, as Keras advises. (Saving a Lambda stores no code: loading one needs the function again.)
/// </summary>
public sealed class Lambda : Layer
{
    private readonly Func<Tensor, Tensor> _function;

    /// <summary>A Lambda layer (keras.layers.Lambda) calling <paramref name="function"/>.</summary>
    /// <param name="function">Keras's <c>function</c>: the computation, from the input tensor to the output tensor; not null.</param>
    /// <param name="name">The layer's name; null for <c>lambda</c>, <c>lambda_1</c>….</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    public Lambda(Func<Tensor, Tensor> function, string? name = null, Shape? inputShape = null) : base(name, inputShape)
    {
        _function = function ?? throw Guard.Null("Lambda", "function");
    }

    /// <summary>The function applied to <paramref name="inputs"/>; a null result is an <see cref="InvalidArgumentError"/>.</summary>
    /// <param name="inputs">The input tensor.</param>
    public override Tensor Call(Tensor inputs) =>
        _function(inputs) ?? throw new InvalidArgumentError($"Lambda '{Name}': the function returned null for input shape {inputs.Shape}.");
}
