namespace Strata.Keras.Layers;

/// <summary>
/// Keras's <c>Lambda</c>: wraps a function of tensors as a layer (<c>new Lambda(x =&gt; tf.Square(x))</c>), for a
/// small step of a Sequential or functional model. It has no weights; a function that needs some belongs in a
/// Layer subclass, as Keras advises. (Saving a Lambda stores no code: loading one needs the function again.)
/// </summary>
public sealed class Lambda : Layer
{
    private readonly Func<Tensor, Tensor> _function;

    public Lambda(Func<Tensor, Tensor> function, string? name = null, Shape? inputShape = null) : base(name, inputShape)
    {
        _function = function ?? throw Guard.Null("Lambda", "function");
    }

    public override Tensor Call(Tensor inputs) =>
        _function(inputs) ?? throw new InvalidArgumentError($"Lambda '{Name}': the function returned null for input shape {inputs.Shape}.");
}
