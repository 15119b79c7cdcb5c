namespace Strata.Keras.Layers;

/// <summary>
/// Keras's <c>Softmax</c> layer along <see cref="Axis"/>. With a mask (bool, or numbers where &gt; 0.5 keeps a position),
/// masked positions get Keras's large negative number (-1e9) before the softmax and 0 after it, so a fully masked row
/// gives zeros rather than a uniform distribution.
/// </summary>
public sealed class Softmax : Layer
{
    /// <summary>Keras's _large_negative_number for float32 and float64.</summary>
    private const double LargeNegative = -1e9;

    /// <summary>The axis the softmax normalizes along (-1, the last, by default).</summary>
    public int Axis { get; }

    /// <summary>A Softmax layer (keras.layers.Softmax).</summary>
    /// <param name="axis">Keras's <c>axis</c>: the axis to normalize along; -1 (the last) by default.</param>
    /// <param name="name">The layer's name; null for <c>softmax</c>, <c>softmax_1</c>….</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    public Softmax(int axis = -1, string? name = null, Shape? inputShape = null) : base(name, inputShape) => Axis = axis;

    /// <inheritdoc/>
    public override Tensor Call(Tensor inputs) => tf.Softmax(inputs, Axis);

    /// <summary>The softmax of <paramref name="inputs"/> with <paramref name="mask"/> (broadcastable to it) applied.</summary>
    public Tensor Call(Tensor inputs, Tensor? mask)
    {
        if (mask is null) return Call(inputs);
        var keep = mask.DType == DType.Bool ? mask : tf.Greater(mask, 0.5);
        var outputs = tf.Softmax(tf.Where(keep, inputs, LargeNegative), Axis);
        return outputs * tf.Cast(keep, outputs.DType);
    }
}
