namespace Strata.Keras.Layers;

/// <summary>Keras's Rescaling: <c>inputs * scale + offset</c> (e.g. scale 1/255 to bring [0, 255] pixels to [0, 1],
/// or scale 1/127.5 and offset -1 for [-1, 1]). Integer inputs give float32.</summary>
public sealed class Rescaling : Layer
{
    public double Scale { get; }
    public double Offset { get; }

    public Rescaling(double scale, double offset = 0, Shape? inputShape = null, string? name = null) : base(name, inputShape)
    {
        Scale = scale;
        Offset = offset;
    }

    public override Tensor Call(Tensor inputs)
    {
        var x = ImageInput.ToFloat(inputs);
        var y = x * Scale;
        return Offset == 0 ? y : y + Offset;
    }
}
