using Strata.Keras.Layers;

namespace Strata.Keras.Engine;

/// <summary>
/// A symbolic tensor of the functional API (Keras's <c>KerasTensor</c>): it has a shape (the batch dimension
/// is None, -1) and a dtype but no values, and remembers the layer call that produced it, so that
/// <c>new Model(inputs, outputs)</c> can find the graph between them. It is a <see cref="Tensor"/> so that
/// <c>layer.Apply(x)</c> reads the same for symbolic and real inputs; running a tf op on it is an error.
/// </summary>
public sealed class KerasTensor : Tensor
{
    private static int _counter;

    internal KerasTensor(Shape shape, DType dtype, Node? node, string? name = null)
        : base(dtype.NewArray(0), shape, dtype)
    {
        Node = node;
        int n = Interlocked.Increment(ref _counter) - 1;
        Name = name ?? (n == 0 ? "keras_tensor" : $"keras_tensor_{n}");
    }

    /// <summary>The tensor's name: the <c>keras.Input</c>'s name, or <c>keras_tensor</c>, <c>keras_tensor_1</c>, … in
    /// order of creation.</summary>
    public string Name { get; }

    /// <summary>The layer call that produced this tensor (for an input, the InputLayer's node).</summary>
    internal Node? Node { get; }

    /// <summary>The layer that produced this tensor.</summary>
    public Layer? SourceLayer => Node?.Layer;

    /// <summary>As Keras prints it: <c>&lt;KerasTensor shape=(None, 784), dtype=float32, sparse=False, ragged=False, name=keras_tensor&gt;</c>.</summary>
    public override string ToString() =>
        $"<KerasTensor shape={Shape}, dtype={DType.Name()}, sparse=False, ragged=False, name={Name}>";

    /// <summary>Lets <c>new Sequential([keras.Input([784]), new Dense(10)])</c> read as in Keras: an input
    /// tensor stands for its InputLayer.</summary>
    public static implicit operator Layer(KerasTensor t) =>
        t.SourceLayer as InputLayer
        ?? throw new InvalidArgumentError($"Only a tensor made by keras.Input can stand for a layer; {t.Name} was made by '{t.SourceLayer?.Name}'.");
}

/// <summary>One call of a layer on symbolic inputs: the edges of a functional model's graph.</summary>
internal sealed class Node
{
    public Node(Layer layer, IReadOnlyList<KerasTensor> inputs)
    {
        Layer = layer;
        Inputs = inputs;
    }

    public Layer Layer { get; }
    public IReadOnlyList<KerasTensor> Inputs { get; }
    public KerasTensor Output { get; set; } = null!;

    /// <summary>Which call of <see cref="Layer"/> this is (a shared layer has several).</summary>
    public int Index { get; set; }
}
