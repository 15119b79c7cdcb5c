namespace Strata.Keras.Layers;

/// <summary>Keras's Rescaling: <c>inputs * scale + offset</c> (e.g. scale 1/255 to bring [0, 255] pixels to [0, 1],
/// or scale 1/127.5 and offset -1 for [-1, 1]). Integer inputs give float32.</summary>
public sealed class Rescaling : Layer
{
    /// <summary>The factor the inputs are multiplied by.</summary>
    public double Scale { get; }
    /// <summary>The value added after scaling.</summary>
    public double Offset { get; }

    /// <summary>A Rescaling layer (keras.layers.Rescaling); the output has the input's shape.</summary>
    /// <param name="scale">Keras's <c>scale</c>: the multiplier, e.g. <c>1 / 255.0</c>.</param>
    /// <param name="offset">Keras's <c>offset</c>: added after scaling; 0 by default.</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    /// <param name="name">The layer's name; null for <c>rescaling</c>, <c>rescaling_1</c>….</param>
    public Rescaling(double scale, double offset = 0, Shape? inputShape = null, string? name = null) : base(name, inputShape)
    {
        Scale = scale;
        Offset = offset;
    }

    /// <inheritdoc/>
    public override Tensor Call(Tensor inputs)
    {
        var x = ImageInput.ToFloat(inputs);
        var y = x * Scale;
        return Offset == 0 ? y : y + Offset;
    }
}
