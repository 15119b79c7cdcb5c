using Strata.Keras.Engine;
using Strata.Keras.Initializers;

namespace Strata.Keras.Layers;

/// <summary>
/// Keras's <c>PReLU</c>: x for x &gt; 0, alpha·x otherwise, with a learned alpha per input position (the input's
/// shape without its batch axis; <see cref="SharedAxes"/> — 1-based, as Keras counts them after the batch — share one
/// alpha along those axes). Alpha starts at zeros, so the layer starts as a relu.
/// </summary>
public sealed class PReLU : Layer
{
    /// <summary>The initializer of <see cref="Alpha"/> (zeros by default).</summary>
    public Initializer AlphaInitializer { get; }
    /// <summary>The axes (1-based, counted after the batch axis) along which one alpha is shared; empty when none are.</summary>
    public IReadOnlyList<int> SharedAxes { get; }
    /// <summary>The learned slopes, shaped like one sample with the <see cref="SharedAxes"/> set to 1; null before Build.</summary>
    public Variable? Alpha { get; private set; }

    /// <summary>A PReLU layer (keras.layers.PReLU).</summary>
    /// <param name="alphaInitializer">Keras's <c>alpha_initializer</c>: how the slopes start; null for zeros, Keras's
    /// default, so the layer starts as a relu.</param>
    /// <param name="sharedAxes">Keras's <c>shared_axes</c>: axes (1-based, after the batch) sharing one alpha, e.g.
    /// <c>[1, 2]</c> for one slope per channel of a (batch, height, width, channels) image; null shares none.</param>
    /// <param name="name">The layer's name; null for <c>p_re_lu</c>, <c>p_re_lu_1</c>….</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    public PReLU(Initializer? alphaInitializer = null, int[]? sharedAxes = null, string? name = null, Shape? inputShape = null)
        : base(name, inputShape)
    {
        AlphaInitializer = alphaInitializer ?? new Zeros();
        SharedAxes = sharedAxes ?? [];
    }

    /// <summary>Creates <see cref="Alpha"/> for inputs of <paramref name="inputShape"/> (rank 2 or more, each axis that is
    /// not shared known).</summary>
    /// <param name="inputShape">The input's shape, batch first.</param>
    public override void Build(Shape inputShape)
    {
        if (inputShape.Rank < 2)
            throw new InvalidArgumentError($"PReLU '{Name}': expected an input of rank >= 2 (batch, ...), got shape {inputShape}.");
        var paramShape = inputShape.Dims[1..].ToArray();
        foreach (int axis in SharedAxes)
        {
            if (axis < 1 || axis >= inputShape.Rank)
                throw new InvalidArgumentError(
                    $"PReLU '{Name}': shared axis {axis} is out of range for input shape {inputShape} (axes 1 to {inputShape.Rank - 1}).");
            paramShape[axis - 1] = 1;
        }
        var axes = new Dictionary<int, int>();
        for (int i = 1; i < inputShape.Rank; i++)
        {
            if (paramShape[i - 1] < 0)
                throw new InvalidArgumentError($"PReLU '{Name}': axis {i} of input shape {inputShape} must be known (or shared).");
            if (!SharedAxes.Contains(i)) axes[i] = inputShape[i];
        }
        Alpha = AddWeight("alpha", paramShape, AlphaInitializer);
        InputSpec = new InputSpec(ndim: inputShape.Rank, axes: axes);
    }

    /// <inheritdoc/>
    public override Tensor Call(Tensor inputs)
    {
        if (Alpha is null) EnsureBuilt(inputs.Shape);
        // Keras: relu(x) - alpha·relu(-x).
        return tf.Relu(inputs) - Alpha! * tf.Relu(-inputs);
    }
}
