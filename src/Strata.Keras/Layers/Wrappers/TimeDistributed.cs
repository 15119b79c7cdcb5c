namespace Strata.Keras.Layers;

/// <summary>
/// Keras's <c>TimeDistributed</c>: applies <see cref="Layer"/> to every time step of a (batch, time, …) input — the
/// same layer, the same weights — by folding time into the batch: (batch·time, …) through the layer, then back to
/// (batch, time, …).
/// </summary>
public sealed class TimeDistributed : Layer
{
    private readonly Layer _layer;

    /// <summary>A TimeDistributed layer (keras.layers.TimeDistributed) around <paramref name="layer"/>.</summary>
    /// <param name="layer">Keras's <c>layer</c>: the layer applied to each time step, e.g. a <see cref="Dense"/>; not null.</param>
    /// <param name="name">The layer's name; null for <c>time_distributed</c>, <c>time_distributed_1</c>….</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample, (time, …); null by default.</param>
    public TimeDistributed(Layer layer, string? name = null, Shape? inputShape = null) : base(name, inputShape)
    {
        _layer = layer ?? throw Guard.Null("TimeDistributed", "layer");
        SupportsMasking = true;
    }

    /// <summary>The wrapped layer.</summary>
    public Layer Layer => _layer;

    internal override string? KerasAttributeOf(Layer child) => ReferenceEquals(child, _layer) ? "layer" : null;

    /// <summary>Builds the wrapped layer for one time step's shape, (batch, …).</summary>
    /// <param name="inputShape">The input's shape, (batch, time, …), rank 3 or more.</param>
    public override void Build(Shape inputShape)
    {
        Check(inputShape);
        _layer.EnsureBuilt(Shape.Wrap([-1, .. inputShape.Dims[2..]]));
    }

    /// <summary>The wrapped layer applied to every step, with <c>training</c> not given.</summary>
    /// <param name="inputs">The input, (batch, time, …).</param>
    public override Tensor Call(Tensor inputs) => Call(inputs, training: null);

    /// <summary>The wrapped layer applied to every step: (batch, time, …) → (batch, time, …output).</summary>
    /// <param name="inputs">The input, (batch, time, …).</param>
    /// <param name="training">Passed on to the wrapped layer.</param>
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
