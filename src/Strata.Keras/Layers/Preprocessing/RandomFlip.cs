namespace Strata.Keras.Layers;

/// <summary>
/// Keras's RandomFlip: each image flipped left-right (<c>"horizontal"</c>), top-bottom (<c>"vertical"</c>) or both
/// (<c>"horizontal_and_vertical"</c>, the default) with probability 1/2, in training. As in Keras 3, one draw per
/// image decides: in "horizontal_and_vertical" an image is flipped both ways or not at all.
/// </summary>
public sealed class RandomFlip : RandomImageLayer
{
    /// <summary>Which flips are drawn: <c>"horizontal"</c>, <c>"vertical"</c> or <c>"horizontal_and_vertical"</c>.</summary>
    public string Mode { get; }

    /// <summary>A RandomFlip layer (keras.layers.RandomFlip); the output has the input's shape.</summary>
    /// <param name="mode">Keras's <c>mode</c>: <c>"horizontal"</c>, <c>"vertical"</c> or <c>"horizontal_and_vertical"</c>
    /// (the default).</param>
    /// <param name="seed">Keras's <c>seed</c>: stateless, repeatable draws; null (the global stream) by default.</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    /// <param name="name">The layer's name; null for <c>random_flip</c>, <c>random_flip_1</c>….</param>
    public RandomFlip(string mode = "horizontal_and_vertical", long? seed = null, Shape? inputShape = null, string? name = null)
        : base(seed, inputShape, name)
    {
        if (mode is not ("horizontal" or "vertical" or "horizontal_and_vertical"))
            throw new InvalidArgumentError(
                $"RandomFlip: RandomFlip layer {Name} received an unknown mode argument {mode}");
        Mode = mode;
    }

    private protected override Tensor Augment(Tensor batch)
    {
        // Flip where uniform <= 0.5, Keras's rule; Where and Gather carry the gradient.
        var flips = tf.LessEqual(Random.Uniform([batch.Shape[0], 1, 1, 1]), Tensor.Scalar(0.5, DType.Float32));
        var y = batch;
        if (Mode != "vertical") y = tf.Where(flips, Reverse(y, 2), y);
        if (Mode != "horizontal") y = tf.Where(flips, Reverse(y, 1), y);
        return y;
    }

    private static Tensor Reverse(Tensor x, int axis)
    {
        int n = x.Shape[axis];
        var idx = new long[n];
        for (int i = 0; i < n; i++) idx[i] = n - 1 - i;
        return tf.Gather(x, tf.Constant(idx), axis);
    }
}
