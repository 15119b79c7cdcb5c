using System.Reflection;
using Strata.Keras.Initializers;

namespace Strata.Keras.Layers;

/// <summary>
/// The Keras layer: weights made in <see cref="Build"/> with <see cref="AddWeight"/>, computation in
/// <see cref="Call(Tensor)"/>. <see cref="Apply"/> (Python's <c>layer(x)</c>) builds the layer from its first
/// input's shape and then calls it; calling <c>Call</c> directly, as the MIT lab does, works too.
/// Sub-layers and variables kept in fields are tracked automatically, as in Keras.
/// </summary>
public abstract class Layer
{
    private static readonly Dictionary<string, int> NameCounts = new();
    private readonly List<Variable> _ownWeights = new();

    protected Layer(string? name = null)
    {
        Name = name ?? UniqueName(SnakeCase(GetType().Name));
    }

    public string Name { get; }

    /// <summary>True once the weights exist (after <see cref="Build"/>).</summary>
    public bool Built { get; protected set; }

    /// <summary>When false, the layer's weights are frozen: not trained, listed as non-trainable.</summary>
    public bool Trainable { get; set; } = true;

    /// <summary>The input shape the layer was built for (null before building).</summary>
    public Shape? BuildInputShape { get; private set; }

    /// <summary>Creates the weights for inputs of <paramref name="inputShape"/>. Override it; the base does nothing.</summary>
    public virtual void Build(Shape inputShape)
    {
    }

    /// <summary>The forward computation. Override this (or <see cref="Call(Tensor, bool?)"/> for layers that
    /// behave differently in training).</summary>
    public virtual Tensor Call(Tensor inputs) =>
        throw new NotImplementedException($"Layer '{Name}' ({GetType().Name}) must override Call(Tensor).");

    /// <summary>The forward computation knowing whether it runs in training (Dropout and friends).</summary>
    public virtual Tensor Call(Tensor inputs, bool? training) => Call(inputs);

    /// <summary>Python's <c>layer(inputs)</c>: builds on first use, then calls.</summary>
    public Tensor Apply(Tensor inputs, bool? training = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        EnsureBuilt(inputs.Shape);
        return Call(inputs, training);
    }

    /// <summary>Builds from <paramref name="inputShape"/> unless already built.</summary>
    public void EnsureBuilt(Shape inputShape)
    {
        if (Built) return;
        // A layer whose Build was called directly (as in the MIT lab) already has its weights.
        if (_ownWeights.Count == 0) Build(inputShape);
        BuildInputShape = inputShape;
        Built = true;
    }

    /// <summary>Creates a weight (a <see cref="Variable"/>) owned by this layer.</summary>
    public Variable AddWeight(string name, Shape shape, Initializer? initializer = null, bool trainable = true, DType dtype = DType.Float32)
    {
        if (!shape.IsFullyDefined)
            throw new InvalidArgumentError($"{Name}.AddWeight('{name}'): shape {shape} must be fully defined.");
        initializer ??= dtype.IsFloating ? new GlorotUniform() : new Zeros();
        var value = initializer.Call(shape, dtype);
        if (value.Shape != shape)
            throw new InvalidArgumentError($"{Name}.AddWeight('{name}'): the initializer gave shape {value.Shape}, expected {shape}.");
        var v = new Variable(value, trainable, $"{Name}/{name}");
        _ownWeights.Add(v);
        return v;
    }

    /// <summary>Sub-layers held in fields (directly or in collections), in declaration order.</summary>
    public virtual IReadOnlyList<Layer> SubLayers => FindTracked<Layer>();

    public IReadOnlyList<Variable> Weights => TrainableWeights.Concat(NonTrainableWeights).ToList();

    public IReadOnlyList<Variable> TrainableWeights =>
        Trainable ? AllWeights().Where(v => v.Trainable && IsTrainableOwner(v)).ToList() : [];

    public IReadOnlyList<Variable> NonTrainableWeights =>
        AllWeights().Where(v => !Trainable || !v.Trainable || !IsTrainableOwner(v)).ToList();

    // A weight of a frozen sub-layer is non-trainable even if this layer is trainable.
    private bool IsTrainableOwner(Variable v) => !FrozenWeights().Contains(v);

    private HashSet<Variable> FrozenWeights()
    {
        var frozen = new HashSet<Variable>(ReferenceEqualityComparer.Instance);
        foreach (var l in SubLayers)
            if (!l.Trainable) foreach (var w in l.AllWeights()) frozen.Add(w);
            else foreach (var w in l.NonTrainableWeights) frozen.Add(w);
        return frozen;
    }

    internal IEnumerable<Variable> AllWeights()
    {
        var seen = new HashSet<Variable>(ReferenceEqualityComparer.Instance);
        foreach (var v in _ownWeights.Concat(FindTracked<Variable>()))
            if (seen.Add(v)) yield return v;
        foreach (var layer in SubLayers)
            foreach (var v in layer.AllWeights())
                if (seen.Add(v)) yield return v;
    }

    /// <summary>Number of scalars in the weights.</summary>
    public int CountParams() => Weights.Sum(w => w.Size);

    private List<T> FindTracked<T>() where T : class
    {
        var found = new List<T>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance) { this };
        for (var type = GetType(); type is not null && type != typeof(Layer); type = type.BaseType)
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                var value = field.GetValue(this);
                if (value is T item) { if (seen.Add(item)) found.Add(item); }
                else if (value is System.Collections.IEnumerable items and not string and not Tensor)
                    foreach (var e in items)
                        if (e is T it && seen.Add(it)) found.Add(it);
            }
        return found;
    }

    private static string UniqueName(string baseName)
    {
        lock (NameCounts)
        {
            NameCounts.TryGetValue(baseName, out int n);
            NameCounts[baseName] = n + 1;
            return n == 0 ? baseName : $"{baseName}_{n}";
        }
    }

    private static string SnakeCase(string name)
    {
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    public override string ToString() => $"<{GetType().Name} name={Name}, built={Built}>";
}
