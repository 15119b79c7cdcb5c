using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Strata.Keras.Constraints;
using Strata.Keras.Engine;
using Strata.Keras.Initializers;
using Strata.Keras.Regularizers;

namespace Strata.Keras.Layers;

/// <summary>
/// The Keras layer: weights made in <see cref="Build(Shape)"/> with <see cref="AddWeight"/>, computation in
/// <see cref="Call(Tensor)"/>. <see cref="Apply(Tensor, bool?)"/> (Python's <c>layer(x)</c>) builds the layer from its first
/// input's shape and then calls it; calling <c>Call</c> directly, as the MIT lab does, works too.
/// Sub-layers and variables kept in fields are tracked automatically, as in Keras.
/// Applied to a symbolic <see cref="KerasTensor"/> (from <c>keras.Input</c>), a layer records the call as a node
/// of a functional graph and returns a symbolic output.
/// </summary>
// Trimming keeps the fields of every layer class (the attribute applies to derived types): FindTracked reads them.
[DynamicallyAccessedMembers(TrackedFields)]
public abstract class Layer
{
    internal const DynamicallyAccessedMemberTypes TrackedFields =
        DynamicallyAccessedMemberTypes.PublicFields | DynamicallyAccessedMemberTypes.NonPublicFields;

    private static readonly Dictionary<string, int> NameCounts = new();
    private readonly List<Variable> _ownWeights = new();

    /// <summary>The weights this layer created itself (not its sub-layers'), in creation order; Saving writes them
    /// as Keras's <c>vars/0, vars/1…</c>.</summary>
    internal IReadOnlyList<Variable> OwnWeights => _ownWeights;
    private readonly List<Node> _inboundNodes = new();

    /// <param name="name">Unique name; by default the snake-cased class name, numbered (<c>dense</c>, <c>dense_1</c>…).</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension). Given to
    /// the first layer of a <c>Sequential</c>, it builds the model at construction.</param>
    protected Layer(string? name = null, Shape? inputShape = null)
    {
        Name = name ?? UniqueName(SnakeCase(ClassName));
        InputShape = inputShape;
    }

    /// <summary>The layer's name (Keras's <c>name</c>): the one given to the constructor, else the snake-cased class name
    /// numbered per process (<c>dense</c>, <c>dense_1</c>…). Summaries show it and saved files key the weights by it.</summary>
    public string Name { get; }

    /// <summary>The Keras class name shown by <c>Summary()</c> (the C# class name unless a layer says otherwise).</summary>
    public virtual string ClassName => GetType().Name;

    /// <summary>The sample shape given as <c>inputShape:</c> (no batch dimension), or null.</summary>
    public Shape? InputShape { get; }

    /// <summary>The shape of the layer's last output with the batch dimension as None (null before the first call).</summary>
    public Shape? OutputShape { get; internal set; }

    /// <summary>The symbolic calls of this layer (one per use in a functional graph).</summary>
    internal IReadOnlyList<Node> InboundNodes => _inboundNodes;

    /// <summary>True once the weights exist (after <see cref="Build(Shape)"/>).</summary>
    public bool Built { get; protected set; }

    private bool _trainable = true;

    /// <summary>When false, the layer's weights are frozen: not trained, listed as non-trainable. As in Keras 3, setting
    /// it sets it on every sub-layer too, so that a frozen model's BatchNormalization layers run in inference mode.</summary>
    public bool Trainable
    {
        get => _trainable;
        set
        {
            _trainable = value;
            foreach (var layer in SubLayers) layer.Trainable = value;
        }
    }

    /// <summary>The input shape the layer was built for (null before building).</summary>
    public Shape? BuildInputShape { get; private set; }

    private InputSpec?[]? _inputSpecs;

    /// <summary>
    /// Keras's <c>input_spec</c> for a layer of one input: what <see cref="Apply(Tensor, bool?)"/> checks the input
    /// against before building or calling the layer (Dense sets <c>minNdim: 2</c>, then <c>axes: {-1: inputDim}</c>
    /// in Build). Null accepts anything.
    /// </summary>
    public InputSpec? InputSpec
    {
        get => InputSpecs is [var spec] ? spec : null;
        set => InputSpecs = value is null ? null : [value];
    }

    /// <summary>One spec per input (a functional model has one per <c>keras.Input</c>); null accepts anything.</summary>
    public IReadOnlyList<InputSpec?>? InputSpecs
    {
        get => CurrentInputSpecs;
        set => _inputSpecs = value?.ToArray();
    }

    /// <summary>The specs set by hand (or by the layer's Build).</summary>
    private protected InputSpec?[]? ManualInputSpecs => _inputSpecs;

    /// <summary>The specs in force, as an array: read on every eager call, where an interface's Count and indexer
    /// cost more than the check itself.</summary>
    internal virtual InputSpec?[]? CurrentInputSpecs => _inputSpecs;

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

    /// <summary>Creates the weights for a layer of several inputs (Add, Concatenate…). By default a layer of one
    /// input builds from that input's shape.</summary>
    public virtual void Build(IReadOnlyList<Shape> inputShapes)
    {
        if (inputShapes.Count == 1) Build(inputShapes[0]);
    }

    /// <summary>The forward computation of a layer of several inputs. Override it in merge layers; the default
    /// accepts exactly one input.</summary>
    public virtual Tensor Call(IReadOnlyList<Tensor> inputs, bool? training)
    {
        if (inputs.Count != 1)
            throw new InvalidArgumentError($"Layer '{Name}' ({ClassName}) takes one input, got {inputs.Count}.");
        return Call(inputs[0], training);
    }

    // Keras's call context: a training flag given to an outer call reaches the layers it calls without being
    // passed by hand (a subclassed model whose Call(Tensor) applies a Dropout still trains with dropout in Fit).
    [ThreadStatic] private static bool? _training;

    /// <summary>Python's <c>layer(inputs)</c>: builds on first use, then calls. On a symbolic tensor it adds a
    /// node to the functional graph instead. <paramref name="training"/> left null takes the enclosing call's.</summary>
    public Tensor Apply(Tensor inputs, bool? training = null)
    {
        if (inputs is null) throw Guard.Null($"Layer \"{Name}\"", "inputs");
        training ??= _training;
        if (inputs is KerasTensor kt) return ApplySymbolic([kt], training);
        // Keras checks the input spec before building, so a wrong input is named as such, not as a bad weight.
        InputCompatibility.Assert(CurrentInputSpecs, inputs, Name);
        EnsureBuilt(inputs.Shape);
        return CallInContext(inputs, null, training);
    }

    /// <summary><c>layer([a, b])</c> for layers of several inputs (Add, Concatenate, or your own).</summary>
    public Tensor Apply(IReadOnlyList<Tensor> inputs, bool? training = null)
    {
        if (inputs is null) throw Guard.Null($"Layer \"{Name}\"", "inputs");
        if (inputs.Count == 0) throw new InvalidArgumentError($"Layer '{Name}': needs at least one input.");
        if (inputs[0] is KerasTensor)
        {
            var symbolic = new KerasTensor[inputs.Count];
            for (int i = 0; i < inputs.Count; i++)
                symbolic[i] = inputs[i] as KerasTensor
                    ?? throw new InvalidArgumentError($"Layer '{Name}': inputs mix symbolic (keras.Input) and real tensors; input {i} is real.");
            return ApplySymbolic(symbolic, training);
        }
        if (inputs.Count == 1) return Apply(inputs[0], training);
        InputCompatibility.Assert(CurrentInputSpecs, inputs, Name);
        if (!Built)
        {
            var shapes = new Shape[inputs.Count];
            for (int i = 0; i < shapes.Length; i++) shapes[i] = inputs[i].Shape;
            EnsureBuilt(shapes);
        }
        return CallInContext(null, inputs, training ?? _training);
    }

    /// <summary>Calls the layer (on one input or several) with <paramref name="training"/> as the context of the
    /// layers it calls in turn, and notes the output shape on the first call.</summary>
    private Tensor CallInContext(Tensor? input, IReadOnlyList<Tensor>? inputs, bool? training)
    {
        var outer = _training;
        _training = training;
        // The outermost call starts afresh the losses its layers add (Keras clears them at the entry layer).
        using var entry = EnterCall();
        try
        {
            var y = input is not null ? Call(input, training) : Call(inputs!, training);
            if (SupportsMasking && (KerasMasks.Any || ComputesOwnMask)) PropagateMask(input, inputs, y);
            if (OutputShape is null) RecordOutputShape(y);
            if (ActivityRegularizer is { } activity) AddLoss(activity.Call(y));   // Keras 3: after every call, not divided by the batch
            return y;
        }
        finally
        {
            _training = outer;
        }
    }

    // ----- masks (Keras 3's supports_masking / compute_mask; the masks ride on tensors, see KerasMasks)

    /// <summary>Keras's <c>supports_masking</c>: whether the mask of this layer's (first) input is passed on to its
    /// output through <see cref="ComputeMask(Tensor, Tensor?)"/>. When false, the output carries no mask.</summary>
    public bool SupportsMasking { get; protected set; }

    /// <summary>Keras's <c>compute_mask(inputs, previous_mask)</c>: the mask of the output. The default passes the
    /// input's mask on unchanged.</summary>
    public virtual Tensor? ComputeMask(Tensor inputs, Tensor? previousMask) => previousMask;

    /// <summary>The output mask of a layer of several inputs (merge layers combine them); by default the first's.</summary>
    public virtual Tensor? ComputeMask(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> previousMasks) =>
        previousMasks.Count > 0 ? previousMasks[0] : null;

    private void PropagateMask(Tensor? input, IReadOnlyList<Tensor>? inputs, Tensor y)
    {
        Tensor? mask;
        if (input is not null) mask = ComputeMask(input, KerasMasks.Get(input));
        else
        {
            var masks = new Tensor?[inputs!.Count];
            for (int i = 0; i < masks.Length; i++) masks[i] = KerasMasks.Get(inputs[i]);
            if (Array.TrueForAll(masks, m => m is null) && !ComputesOwnMask) return;
            mask = ComputeMask(inputs, masks);
        }
        if (mask is not null) KerasMasks.Set(y, mask);
    }

    /// <summary>True for a layer whose <see cref="ComputeMask(Tensor, Tensor?)"/> makes a mask from nothing (Embedding).</summary>
    private protected virtual bool ComputesOwnMask => false;

    // ----- losses added in Call (AddLoss, activity regularizers) and weight regularizers

    [ThreadStatic] private static int _callDepth;

    /// <summary>Set once anything in the process adds a loss or a regularizer: until then Fit never walks the layers
    /// for losses (the walk is reflection, too slow for every step of every model).</summary>
    internal static volatile bool AnyAddedLosses;

    private List<Tensor>? _callLosses;
    private Regularizer? _activityRegularizer;

    /// <summary>Keras's <c>activity_regularizer</c>: a penalty on the layer's output, added by every call.</summary>
    public Regularizer? ActivityRegularizer
    {
        get => _activityRegularizer;
        set
        {
            if (value is not null) AnyAddedLosses = true;
            _activityRegularizer = value;
        }
    }
    private Dictionary<Variable, Regularizer>? _regularizers;

    /// <summary>Marks a call of this layer; the outermost one clears the losses added by earlier calls.</summary>
    internal CallScope EnterCall()
    {
        if (_callDepth == 0 && AnyAddedLosses) ClearLosses();
        _callDepth++;
        return default;
    }

    internal readonly struct CallScope : IDisposable
    {
        public void Dispose() => _callDepth--;
    }

    private void ClearLosses()
    {
        _callLosses?.Clear();
        foreach (var l in SubLayers) l.ClearLosses();
    }

    /// <summary>Keras's <c>add_loss</c>: inside <see cref="Call(Tensor)"/>, adds a term (summed if not a scalar) to the
    /// loss Fit minimises; it lasts until the next outermost call.</summary>
    public void AddLoss(Tensor loss)
    {
        if (loss is null) throw Guard.Null($"Layer \"{Name}\".AddLoss", "loss");
        AnyAddedLosses = true;
        (_callLosses ??= []).Add(loss);
    }

    // ----- config (Keras's get_config / from_config)

    /// <summary>
    /// Keras's <c>layer.get_config()</c>. A built-in layer gives the config a .keras file stores for it: name,
    /// trainable, dtype, then its constructor arguments in snake_case (<c>{"name": "dense", …, "units": 10,
    /// "activation": "relu", …}</c>). The base gives name, trainable and dtype; a custom layer (see
    /// <see cref="Saving.IKerasSerializable{TSelf}"/>) overrides this to add its own arguments, as Keras's
    /// <c>config = super().get_config(); config.update(…)</c>.
    /// </summary>
    public virtual System.Text.Json.Nodes.JsonObject GetConfig() => Saving.SerializationRegistry.ConfigOf(this);

    /// <summary>Keras's <c>cls.from_config(config)</c>: a fresh, unbuilt <typeparamref name="T"/> made from a config that
    /// <see cref="GetConfig"/> wrote (a built-in layer, or a registered custom one).</summary>
    public static T FromConfig<T>(System.Text.Json.Nodes.JsonObject config) where T : Layer
    {
        Guard.NotNull(config, $"Layer.FromConfig<{typeof(T).Name}>", "config");
        return Saving.SerializationRegistry.FromConfigOf<T>(config);
    }

    // ----- metrics added in Call (AddMetric)

    /// <summary>How many metrics the layers of this process have added (a new name in some layer's AddMetric): the logs
    /// walk a model's layers for them again only when it changes, and never while it is 0.</summary>
    internal static int AddedMetricsVersion => Volatile.Read(ref _addedMetricsVersion);

    private static int _addedMetricsVersion;

    private Dictionary<string, Metrics.Mean>? _addedMetrics;

    /// <summary>
    /// tf.keras's <c>add_metric(value, name, aggregation="mean")</c> (Keras 3 dropped it; a custom <c>TrainStep</c> is its
    /// replacement there): inside <see cref="Call(Tensor)"/>, tracks the running mean of <paramref name="value"/> under
    /// <paramref name="name"/>. Fit and Evaluate reset it with the other metrics and log it after them. Under a
    /// multi-process strategy each process logs its own mean.
    /// </summary>
    public void AddMetric(Tensor value, string name, string? aggregation = "mean")
    {
        if (value is null) throw Guard.Null($"Layer \"{Name}\".AddMetric", "value");
        if (string.IsNullOrEmpty(name))
            throw new InvalidArgumentError(
                $"Layer \"{Name}\".AddMetric: please provide a name for your metric, like AddMetric(tf.ReduceSum(inputs), name: \"mean_activation\").");
        if (aggregation is not (null or "mean"))
            throw new InvalidArgumentError(
                $"Layer \"{Name}\".AddMetric: we currently support only `mean` sample-wise metric aggregation. You provided aggregation=`{aggregation}` for metric `{name}`.");
        if (Probing) return;   // a shape probe on stand-in zeros is not data
        _addedMetrics ??= [];
        if (!_addedMetrics.TryGetValue(name, out var metric))
        {
            _addedMetrics[name] = metric = new Metrics.Mean(name);
            Interlocked.Increment(ref _addedMetricsVersion);   // after the insertion, so that a walk that sees it finds it
        }
        metric.UpdateState(value);
    }

    /// <summary>The metrics added by <see cref="AddMetric"/> in this layer and its sub-layers, in the order first added.</summary>
    internal IReadOnlyList<Metrics.Mean> AddedMetrics
    {
        get
        {
            var list = new List<Metrics.Mean>();
            CollectAddedMetrics(list, new HashSet<Layer>(ReferenceEqualityComparer.Instance));
            return list;
        }
    }

    private void CollectAddedMetrics(List<Metrics.Mean> list, HashSet<Layer> seen)
    {
        if (!seen.Add(this)) return;
        if (_addedMetrics is not null) list.AddRange(_addedMetrics.Values);
        foreach (var l in SubLayers) l.CollectAddedMetrics(list, seen);
    }

    /// <summary>Keras's <c>layer.losses</c>: the losses added by the last call, then the regularization penalties of the
    /// trainable weights, of this layer and its sub-layers (computed now, so on the tape when one records).</summary>
    public IReadOnlyList<Tensor> Losses
    {
        get
        {
            var list = new List<Tensor>();
            CollectLosses(list, new HashSet<Layer>(ReferenceEqualityComparer.Instance));
            return list;
        }
    }

    private void CollectLosses(List<Tensor> list, HashSet<Layer> seen)
    {
        if (!seen.Add(this)) return;
        if (_callLosses is not null) list.AddRange(_callLosses);
        if (_regularizers is not null && Trainable)
            foreach (var (v, r) in _regularizers)
                if (v.Trainable) list.Add(r.Call(v));
        foreach (var l in SubLayers) l.CollectLosses(list, seen);
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

    /// <summary>Builds from several input shapes unless already built.</summary>
    public void EnsureBuilt(IReadOnlyList<Shape> inputShapes)
    {
        if (Built) return;
        if (_ownWeights.Count == 0) Build(inputShapes);
        BuildInputShape = inputShapes[0];
        Built = true;
    }

    /// <summary>
    /// A call on symbolic tensors: the input spec is checked and the layer built on the symbolic shapes (None
    /// stays None, as in Keras: a Dense on an unknown last axis fails instead of getting a kernel of width 1);
    /// then the layer runs once on zeros of the same shape (None dimensions as 1), which gives the output's shape
    /// and dtype; the call becomes a node of the graph.
    /// </summary>
    private KerasTensor ApplySymbolic(KerasTensor[] inputs, bool? training)
    {
        training ??= _training;
        InputCompatibility.Assert(InputSpecs, inputs, Name);
        if (inputs.Length == 1) EnsureBuilt(inputs[0].Shape);
        else EnsureBuilt(Array.ConvertAll(inputs, t => t.Shape));
        var y = Probe(inputs, 1, training)!;
        var outDims = y.Shape.ToArray();
        if (outDims.Length > 0 && inputs[0].Rank > 0 && inputs[0].Shape[0] < 0) outDims[0] = -1;
        // A None inside a sample may reach the output (Flatten of (None, None, 3) is (None, None), and the Dense
        // after it must then refuse to build): a second run with None as 2 shows which output dimensions follow it.
        // A layer that cannot run so says nothing more.
        if (inputs.Any(t => t.Shape.Dims[Math.Min(1, t.Rank)..].Contains(-1)) && Probe(inputs, 2, training) is { } y2
            && y2.Rank == outDims.Length)
            for (int d = 0; d < outDims.Length; d++)
                if (y2.Shape[d] != outDims[d]) outDims[d] = -1;
        var node = new Node(this, inputs) { Index = _inboundNodes.Count };
        node.Output = new KerasTensor(outDims, y.DType, node);
        _inboundNodes.Add(node);
        OutputShape = node.Output.Shape;
        return node.Output;
    }

    /// <summary>Runs the layer on zeros shaped like <paramref name="inputs"/>, each None as <paramref name="unknown"/>.
    /// The first run (1) must succeed; a later one returns null when the layer refuses those sizes.</summary>
    private Tensor? Probe(KerasTensor[] inputs, int unknown, bool? training)
    {
        var concrete = new Tensor[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            var dims = inputs[i].Shape.ToArray();
            for (int d = 0; d < dims.Length; d++) if (dims[d] < 0) dims[d] = unknown;
            concrete[i] = tf.Zeros(dims, inputs[i].DType);
        }
        // The zeros stand in for the symbolic inputs, whose spec was checked: a None taken as 1 must not fail it
        // (a layer that wants a last axis of 784 accepts (None, None)), so the layer is called without Apply.
        bool outer = t_probing;
        t_probing = true;
        try
        {
            using (GradientTape.PauseAll())
                return concrete.Length == 1 ? CallInContext(concrete[0], null, training) : CallInContext(null, concrete, training);
        }
        catch (InvalidArgumentError) when (unknown != 1)
        {
            return null;
        }
        finally
        {
            t_probing = outer;
        }
    }

    [ThreadStatic] private static bool t_probing;

    /// <summary>True while a layer runs on stand-in zeros to learn a symbolic call's output shape: a layer with state
    /// that its calls update (BatchNormalization's moving statistics, even with <c>training: true</c>) leaves it alone.</summary>
    internal static bool Probing => t_probing;

    /// <summary>The first input layer's node: an input tensor is its own producer.</summary>
    internal KerasTensor AddInputNode(Shape shape, DType dtype, string? name)
    {
        var node = new Node(this, []) { Index = _inboundNodes.Count };
        node.Output = new KerasTensor(shape, dtype, node, name);
        _inboundNodes.Add(node);
        OutputShape = shape;
        return node.Output;
    }


    private void RecordOutputShape(Tensor y)
    {
        if (y.Rank > 0) OutputShape = y.Shape.With(0, -1);
    }

    /// <summary>Creates a weight (a <see cref="Variable"/>) owned by this layer.</summary>
    public Variable AddWeight(string name, Shape shape, Initializer? initializer = null, bool trainable = true, DType dtype = DType.Float32,
        Regularizer? regularizer = null, Constraint? constraint = null)
    {
        // Keras's message: a Dense built on an input whose last axis is None ends here, naming its kernel.
        if (!shape.IsFullyDefined)
            throw new InvalidArgumentError(
                $"Shapes used to initialize variables must be fully-defined (no `None` dimensions). Received: shape={shape} for variable path='{Name}/{name}'");
        initializer ??= dtype.IsFloating ? new GlorotUniform() : new Zeros();
        var value = initializer.Call(shape, dtype);
        if (value.Shape != shape)
            throw new InvalidArgumentError($"{Name}.AddWeight('{name}'): the initializer gave shape {value.Shape}, expected {shape}.");
        var v = new Variable(value, trainable, $"{Name}/{name}");
        _ownWeights.Add(v);
        if (regularizer is not null)
        {
            AnyAddedLosses = true;
            (_regularizers ??= new(ReferenceEqualityComparer.Instance))[v] = regularizer;
        }
        if (constraint is not null) Constraint.Attach(v, constraint);
        return v;
    }

    /// <summary>Sub-layers held in fields (directly or in collections), in declaration order.</summary>
    public virtual IReadOnlyList<Layer> SubLayers => FindTracked<Layer>();

    /// <summary>The Python attribute a sub-layer is held in, when Keras saves it under that name rather than under
    /// <c>layers/</c> (an RNN's <c>cell</c>, a wrapper's <c>layer</c>); null for the others.</summary>
    internal virtual string? KerasAttributeOf(Layer child) => null;

    /// <summary>All the layer's weights, its own and its sub-layers': <see cref="TrainableWeights"/> first, then
    /// <see cref="NonTrainableWeights"/>, as Keras orders <c>weights</c>. <see cref="GetWeights"/> and
    /// <see cref="SetWeights"/> use this order.</summary>
    public IReadOnlyList<Variable> Weights => TrainableWeights.Concat(NonTrainableWeights).ToList();

    /// <summary>The weights training updates: empty when <see cref="Trainable"/> is false; otherwise the trainable variables
    /// of this layer and of its trainable sub-layers (a frozen sub-layer's weights are left out).</summary>
    public IReadOnlyList<Variable> TrainableWeights =>
        Trainable ? AllWeights().Where(v => v.Trainable && IsTrainableOwner(v)).ToList() : [];

    /// <summary>The weights training leaves alone: every weight when <see cref="Trainable"/> is false; otherwise the
    /// non-trainable variables (BatchNormalization's moving mean and variance) and the weights of frozen sub-layers.</summary>
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

    /// <summary>Copies of the weights' values (Keras's <c>get_weights()</c>), in <see cref="Weights"/> order.</summary>
    public Tensor[] GetWeights() => Weights.Select(w => w.Value()).ToArray();

    /// <summary>Sets the weights from values in <see cref="Weights"/> order (Keras's <c>set_weights()</c>).</summary>
    public void SetWeights(IReadOnlyList<Tensor> values)
    {
        var weights = Weights;
        if (values.Count != weights.Count)
            throw new InvalidArgumentError($"SetWeights: layer '{Name}' has {weights.Count} weights, got {values.Count} values.");
        for (int i = 0; i < weights.Count; i++) weights[i].Assign(values[i]);
    }

    // Every type the loop visits derives from Layer (it stops there), and Layer's [DynamicallyAccessedMembers] applies
    // to each derived type, so each one's own fields are kept; the analyzer cannot see that through BaseType.
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Each type below Layer carries Layer's TrackedFields annotation.")]
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

    /// <summary>A name unique in this process: <paramref name="baseName"/> the first time it is asked for, then
    /// <c>baseName_1</c>, <c>baseName_2</c>… (how layers get their default <see cref="Name"/>).</summary>
    /// <param name="baseName">The name to number, usually the snake-cased class name.</param>
    protected static string UniqueName(string baseName)
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

    /// <summary>A one-line description with the Keras class name, the name and whether the layer is built, e.g.
    /// <c>&lt;Dense name=dense, built=True&gt;</c>.</summary>
    public override string ToString() => $"<{ClassName} name={Name}, built={Built}>";
}
