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
    public Initializer AlphaInitializer { get; }
    public IReadOnlyList<int> SharedAxes { get; }
    public Variable? Alpha { get; private set; }

    public PReLU(Initializer? alphaInitializer = null, int[]? sharedAxes = null, string? name = null, Shape? inputShape = null)
        : base(name, inputShape)
    {
        AlphaInitializer = alphaInitializer ?? new Zeros();
        SharedAxes = sharedAxes ?? [];
    }

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

    public override Tensor Call(Tensor inputs)
    {
        if (Alpha is null) EnsureBuilt(inputs.Shape);
        // Keras: relu(x) - alpha·relu(-x).
        return tf.Relu(inputs) - Alpha! * tf.Relu(-inputs);
    }
}
