namespace Strata.Keras.Layers;

/// <summary>
/// Keras's <c>TimeDistributed</c>: applies <see cref="Layer"/> to every time step of a (batch, time, …) input — the
/// same layer, the same weights — by folding time into the batch: (batch·time, …) through the layer, then back to
/// (batch, time, …).
/// </summary>
public sealed class TimeDistributed : Layer
{
    private readonly Layer _layer;

    public TimeDistributed(Layer layer, string? name = null, Shape? inputShape = null) : base(name, inputShape)
    {
        _layer = layer ?? throw Guard.Null("TimeDistributed", "layer");
        SupportsMasking = true;
    }

    /// <summary>The wrapped layer.</summary>
    public Layer Layer => _layer;

    internal override string? KerasAttributeOf(Layer child) => ReferenceEquals(child, _layer) ? "layer" : null;

    public override void Build(Shape inputShape)
    {
        Check(inputShape);
        _layer.EnsureBuilt(Shape.Wrap([-1, .. inputShape.Dims[2..]]));
    }

    public override Tensor Call(Tensor inputs) => Call(inputs, training: null);

    public override Tensor Call(Tensor inputs, bool? training)
    {
        Guard.NotNull(inputs, $"TimeDistributed '{Name}'", "inputs");
        Check(inputs.Shape);
        EnsureBuilt(inputs.Shape);
        int batch = inputs.Shape[0], time = inputs.Shape[1];
        var folded = tf.Reshape(inputs, [batch * time, .. inputs.Shape.Dims[2..]]);
        var y = _layer.Apply(folded, training);
        return tf.Reshape(y, [batch, time, .. y.Shape.Dims[1..]]);
    }

    private void Check(Shape shape)
    {
        if (shape.Rank < 3)
            throw new InvalidArgumentError(
                $"TimeDistributed '{Name}': `TimeDistributed` Layer should be passed an `input_shape` with at least 3 dimensions, received: {shape}");
    }
}
