using System.Numerics;

namespace Strata.Keras.Optimizers;

/// <summary>
/// The Keras optimizer: <see cref="ApplyGradients(IReadOnlyList{Tensor}, IReadOnlyList{Variable})"/> clips the
/// gradients (clipnorm, clipvalue or globalClipnorm), applies decoupled weight decay, runs the subclass's update
/// rule on each variable's buffer in place, and counts <see cref="Iterations"/>. State ("slots": momentums,
/// velocities…) is made per variable on first sight. Strings convert by Keras name (<c>optimizer: "adam"</c>).
/// </summary>
public abstract partial class Optimizer
{
    private LearningRateSchedule _learningRate;
    private readonly Dictionary<Variable, Array[]> _slots = new(ReferenceEqualityComparer.Instance);

    /// <summary>The state every optimizer shares: its name, learning rate, weight decay and gradient clipping.</summary>
    /// <param name="name">The optimizer's name (Keras's <c>name</c>).</param>
    /// <param name="learningRate">A number or a schedule; null for the subclass's default.</param>
    /// <param name="defaultLearningRate">The subclass's Keras 3 default rate, used when <paramref name="learningRate"/> is
    /// null.</param>
    /// <param name="weightDecay">Decoupled weight decay: each step first does w -= w·weightDecay·lr; null for none.</param>
    /// <param name="clipnorm">Each gradient is scaled down so that its L2 norm is at most this; null for none.</param>
    /// <param name="clipvalue">Each gradient element is clipped to [-clipvalue, clipvalue]; null for none.</param>
    /// <param name="globalClipnorm">All gradients are scaled down together so that their global L2 norm is at most
    /// this; null for none.</param>
    /// <exception cref="InvalidArgumentError">More than one of the three clipping arguments is set.</exception>
    protected Optimizer(string name, LearningRateSchedule? learningRate, double defaultLearningRate, double? weightDecay,
        double? clipnorm, double? clipvalue, double? globalClipnorm)
    {
        int clips = (clipnorm is not null ? 1 : 0) + (clipvalue is not null ? 1 : 0) + (globalClipnorm is not null ? 1 : 0);
        if (clips > 1)
            throw new InvalidArgumentError($"{GetType().Name}: only one of clipnorm, clipvalue and globalClipnorm can be set.");
        Name = name;
        _learningRate = learningRate ?? defaultLearningRate;
        WeightDecay = weightDecay;
        Clipnorm = clipnorm;
        Clipvalue = clipvalue;
        GlobalClipnorm = globalClipnorm;
        Strategy = Distribute.DistributionStrategy.Current;
    }

    /// <summary>The distribution strategy this optimizer averages gradients over: the one whose scope it was created
    /// or compiled in (null: none).</summary>
    internal Distribute.DistributionStrategy? Strategy { get; set; }

    /// <summary>The optimizer's name, as saved configs and error messages give it: <c>"adam"</c>, <c>"SGD"</c>, ….</summary>
    public string Name { get; }

    /// <summary>How many times gradients were applied.</summary>
    public long Iterations { get; protected set; }

    /// <summary>The learning rate at the current step (a schedule is evaluated at <see cref="Iterations"/>).
    /// Setting it is for constant rates only (callbacks such as ReduceLROnPlateau do), as in Keras.</summary>
    public double LearningRate
    {
        get => _learningRate.Call(Iterations);
        set
        {
            if (_learningRate is not ConstantLearningRate)
                throw new InvalidArgumentError(
                    $"{Name}: this optimizer was created with a learning-rate schedule ({_learningRate.GetType().Name}); its learning rate cannot be set.");
            _learningRate = value;
        }
    }

    /// <summary>The schedule behind <see cref="LearningRate"/> (a constant one for a plain number).</summary>
    public LearningRateSchedule Schedule => _learningRate;

    /// <summary>The decoupled weight decay factor (each step first does w -= w·weightDecay·lr); null for none.</summary>
    public double? WeightDecay { get; }

    private GradientAccumulation? _accumulation;
    private ExponentialMovingAverage? _ema;

    /// <summary>Keras's <c>gradient_accumulation_steps</c>: update once every this many calls, with the mean of
    /// their gradients (null or 1: every call).</summary>
    public int? GradientAccumulationSteps
    {
        get => _accumulation?.Steps;
        init => _accumulation = value is null or 1 ? null
            : value > 1 ? new GradientAccumulation(value.Value)
            : throw new InvalidArgumentError($"{GetType().Name}: gradientAccumulationSteps must be an integer > 1, got {value}.");
    }

    /// <summary>Keras's <c>use_ema</c>: keep an exponential moving average of the trained variables, written into
    /// them every <see cref="EmaOverwriteFrequency"/> steps and by <see cref="FinalizeVariableValues"/> (which
    /// <c>Fit</c> calls at its end).</summary>
    public bool UseEma
    {
        get => _ema is not null;
        init => _ema = value ? new ExponentialMovingAverage() : null;
    }

    private readonly double _emaMomentum = 0.99;

    /// <summary>Keras's <c>ema_momentum</c> (0.99): average = momentum · average + (1 − momentum) · variable.</summary>
    public double EmaMomentum
    {
        get => _emaMomentum;
        init => _emaMomentum = value is >= 0 and <= 1 ? value
            : throw new InvalidArgumentError($"{GetType().Name}: emaMomentum must be in [0, 1], got {value}.");
    }

    private readonly int? _emaOverwriteFrequency;

    /// <summary>Keras's <c>ema_overwrite_frequency</c>: every this many steps the variables take their averages
    /// (null: only at <see cref="FinalizeVariableValues"/>).</summary>
    public int? EmaOverwriteFrequency
    {
        get => _emaOverwriteFrequency;
        init => _emaOverwriteFrequency = value is null or > 0 ? value
            : throw new InvalidArgumentError($"{GetType().Name}: emaOverwriteFrequency must be positive, got {value}.");
    }

    /// <summary>After each call: the EMA, then the step count (Keras's order).</summary>
    private void FinishStep(IReadOnlyList<Variable> vars)
    {
        _ema?.Update(vars, Iterations, EmaMomentum, EmaOverwriteFrequency);
        Iterations++;
    }

    /// <summary>Keras's <c>finalize_variable_values</c>: with <see cref="UseEma"/>, the variables take their moving
    /// averages (Fit calls it when training ends); otherwise nothing.</summary>
    public void FinalizeVariableValues(IReadOnlyList<Variable> vars)
    {
        if (vars is null) throw Guard.Null($"{GetType().Name}.FinalizeVariableValues", "vars");
        _ema?.Overwrite(vars);
    }
    /// <summary>The per-gradient L2 norm limit; null when gradients are not clipped by norm.</summary>
    public double? Clipnorm { get; }
    /// <summary>The per-element limit (elements are clipped to [-clipvalue, clipvalue]); null when not set.</summary>
    public double? Clipvalue { get; }
    /// <summary>The limit of the global L2 norm of all gradients together; null when not set.</summary>
    public double? GlobalClipnorm { get; }

    /// <summary>Applies (gradient, variable) pairs; pairs with a null gradient are skipped, as Keras does.</summary>
    public void ApplyGradients(IEnumerable<(Tensor? grad, Variable var)> gradsAndVars)
    {
        if (gradsAndVars is null) throw Guard.Null($"{GetType().Name}.ApplyGradients", "gradsAndVars");
        var grads = new List<Tensor?>();
        var vars = new List<Variable>();
        foreach (var (g, v) in gradsAndVars) { grads.Add(g); vars.Add(v); }
        ApplyGradients(grads, vars);
    }

    /// <summary>Applies <paramref name="grads"/>[i] to <paramref name="vars"/>[i], in place.</summary>
    public void ApplyGradients(IReadOnlyList<Tensor?> grads, IReadOnlyList<Variable> vars)
    {
        if (grads is null) throw Guard.Null($"{GetType().Name}.ApplyGradients", "grads");
        if (vars is null) throw Guard.Null($"{GetType().Name}.ApplyGradients", "vars");
        if (grads.Count != vars.Count)
            throw new InvalidArgumentError($"{Name}.ApplyGradients: {grads.Count} gradients for {vars.Count} variables.");
        bool any = false;
        for (int i = 0; i < grads.Count; i++)
        {
            var (g, v) = (grads[i], vars[i]);
            if (g is null) continue;
            any = true;
            if (g.Shape != v.Shape || g.DType != v.DType)
                throw new InvalidArgumentError(
                    $"{Name}.ApplyGradients: gradient {i} has shape {g.Shape} {g.DType.Name()}, its variable '{v.Name}' has {v.Shape} {v.DType.Name()}.");
            if (!v.DType.IsFloating)
                throw new InvalidArgumentError($"{Name}.ApplyGradients: variable '{v.Name}' is {v.DType.Name()}; only float variables are trained.");
        }
        if (!any)
            throw new InvalidArgumentError(
                $"{Name}.ApplyGradients: no gradients provided for any variable ({string.Join(", ", vars.Select(v => v.Name))}).");

        // Under a multi-replica strategy every replica applies the same, averaged gradients (tf's apply_gradients
        // aggregates across replicas), so the replicas' weights stay equal.
        if (Strategy is { NumReplicasInSync: > 1 } strategy)
        {
            var (weight, uniform) = strategy.TakeGradientWeight();
            var averaged = Distribute.GradientReduction.Reduce(strategy, grads, weight, uniform, $"{Name}.ApplyGradients");
            try
            {
                Apply(averaged, vars);
            }
            finally
            {
                Kernels.BufferPool.Return(averaged); // made for this call: dead once applied
            }
            return;
        }
        Apply(grads, vars);
    }

    /// <summary>Accumulation, clipping and the update rule, on checked gradients.</summary>
    private void Apply(IReadOnlyList<Tensor?> grads, IReadOnlyList<Variable> vars)
    {

        // With gradient accumulation, only every n-th call updates (with the mean of the n gradients); the others
        // add to the accumulators. Iterations counts every call, as Keras's does.
        if (_accumulation is { } accumulation)
        {
            if (!accumulation.Add(grads, vars, Iterations))
            {
                FinishStep(vars);
                return;
            }
            grads = accumulation.TakeMean(grads, vars);
        }
        var clipped = Clip(grads);
        double lr = LearningRate;
        BeforeStep();
        for (int i = 0; i < clipped.Count; i++)
        {
            var g = clipped[i];
            if (g is null) continue;
            var v = vars[i];
            if (!_slots.TryGetValue(v, out var slots)) _slots[v] = slots = MakeSlots(v);
            // Through WritableBuffer: a tape still holding this buffer keeps its copy (see Variable.Snapshot).
            if (v.DType == DType.Float32) Step<float>((float[])v.WritableBuffer(), g.Data<float>(), slots, lr, v.Shape);
            else Step<double>((double[])v.WritableBuffer(), g.Data<double>(), slots, lr, v.Shape);
            // Keras applies a weight's constraint right after its update.
            if (Constraints.Constraint.Of(v) is { } constraint)
                using (GradientTape.PauseAll()) v.Assign(constraint.Call(v));
        }
        FinishStep(vars);
    }

    private void Step<T>(T[] w, T[] g, Array[] slots, double lr, Shape shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (WeightDecay is { } wd && wd != 0)
            System.Numerics.Tensors.TensorPrimitives.Multiply(w, T.CreateChecked(1 - wd * lr), w); // w -= w * wd * lr
        Update(w, g, slots, lr, shape);
    }

    /// <summary>The update rule: changes <paramref name="w"/> (of <paramref name="shape"/>) in place from the
    /// gradient and the slots.</summary>
    protected abstract void Update<T>(T[] w, T[] g, Array[] slots, double lr, Shape shape) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The number of elements of slot <paramref name="slot"/> for a variable of <paramref name="shape"/>:
    /// the variable's own size unless an optimizer keeps less (Adafactor's factored moments).</summary>
    protected virtual int SlotSize(Shape shape, int slot) => shape.Size;

    /// <summary>Names of the per-variable slots, in order (e.g. "momentum", "velocity").</summary>
    protected abstract string[] SlotNames { get; }

    /// <summary>The first value of slot <paramref name="slot"/> (zeros unless an optimizer says otherwise).</summary>
    protected virtual double SlotInitialValue(int slot) => 0;

    /// <summary>Called once per step before the variables are updated (Nadam keeps a running product).</summary>
    protected virtual void BeforeStep()
    {
    }

    /// <summary>Optimizer-wide scalar variables besides iterations and learning rate (Nadam's u_product).</summary>
    protected virtual int ExtraScalars => 0;

    private Array[] MakeSlots(Variable v)
    {
        var names = SlotNames;
        var slots = new Array[names.Length];
        for (int s = 0; s < slots.Length; s++)
        {
            var a = Tensor.AllocBuffer(v.DType, SlotSize(v.Shape, s));
            double init = SlotInitialValue(s);
            if (v.DType == DType.Float32) Array.Fill((float[])a, (float)init);
            else Array.Fill((double[])a, init);
            slots[s] = a;
        }
        return slots;
    }

    /// <summary>The value of slot <paramref name="name"/> for <paramref name="variable"/> (null before its first step).</summary>
    public Tensor? GetSlot(Variable variable, string name)
    {
        int s = Array.IndexOf(SlotNames, name);
        if (s < 0) throw new InvalidArgumentError($"{Name}: no slot '{name}'. Slots: {string.Join(", ", SlotNames)}.");
        return _slots.TryGetValue(variable, out var slots) ? Tensor.FromBuffer((Array)slots[s].Clone(), variable.Shape, variable.DType) : null;
    }

    /// <summary>True once the optimizer has state (after its first step).</summary>
    public bool Built => _slots.Count > 0;

    /// <summary>Keras's optimizer variables for Summary: iterations (int64), learning rate (float32), extra scalars
    /// and the slots: their count and size in bytes.</summary>
    internal (long count, long bytes) VariableFootprint()
    {
        long count = 2 + ExtraScalars, bytes = 8 + 4 + 4L * ExtraScalars;
        foreach (var (v, slots) in _slots)
        {
            count += (long)v.Size * slots.Length;
            bytes += (long)v.Size * slots.Length * (v.DType == DType.Float32 ? 4 : 8);
        }
        return (count, bytes);
    }

    /// <summary>Keras's gradient clipping: by each gradient's norm, by the global norm, or by value.</summary>
    private IReadOnlyList<Tensor?> Clip(IReadOnlyList<Tensor?> grads)
    {
        if (Clipnorm is { } cn && cn > 0)
            return grads.Select(g => g is null ? null : Scale(g, cn / Math.Max(Norm(g), cn))).ToArray();
        if (GlobalClipnorm is { } gcn && gcn > 0)
        {
            double sq = 0;
            foreach (var g in grads) if (g is not null) { double n = Norm(g); sq += n * n; }
            double scale = gcn / Math.Max(Math.Sqrt(sq), gcn);
            return grads.Select(g => g is null ? null : Scale(g, scale)).ToArray();
        }
        if (Clipvalue is { } cv && cv > 0)
            return grads.Select(g => g is null ? null : tf.ClipByValue(g, -cv, cv)).ToArray();
        return grads;
    }

    private static double Norm(Tensor g) => g.DType == DType.Float32
        ? System.Numerics.Tensors.TensorPrimitives.Norm<float>(g.Data<float>())
        : System.Numerics.Tensors.TensorPrimitives.Norm<double>(g.Data<double>());

    private static Tensor Scale(Tensor g, double s) => s == 1 ? g : g * s;

    /// <summary>Looks up an optimizer by Keras name, as <see cref="Get"/> does (<c>optimizer: "adam"</c>).</summary>
    public static implicit operator Optimizer(string name) => Get(name);

    /// <summary>The optimizer names <see cref="Get"/> accepts, in the order an unknown name lists them.</summary>
    public static readonly string[] KnownNames = ["sgd", "adam", "adamw", "rmsprop", "adagrad", "adamax", "nadam", "adadelta", "ftrl", "lion", "adafactor"];

    /// <summary>An optimizer with Keras defaults by name; unknown names are an error listing the known ones.</summary>
    public static Optimizer Get(string name) => (name ?? throw new ArgumentNullException(nameof(name))).ToLowerInvariant() switch
    {
        "sgd" => new SGD(),
        "adam" => new Adam(),
        "adamw" => new AdamW(),
        "rmsprop" => new RMSprop(),
        "adagrad" => new Adagrad(),
        "adamax" => new Adamax(),
        "nadam" => new Nadam(),
        "adadelta" => new Adadelta(),
        "ftrl" => new Ftrl(),
        "lion" => new Lion(),
        "adafactor" => new Adafactor(),
        _ => throw new InvalidArgumentError($"Unknown optimizer '{name}'. Known: {string.Join(", ", KnownNames)}."),
    };

    /// <summary>Shorthand for a constant of the variable's type.</summary>
    protected static T C<T>(double v) where T : unmanaged, IFloatingPointIeee754<T> => T.CreateChecked(v);

    // Optimizer state that decays under zero gradients (momentum of a dead ReLU unit: m *= 0.9 each step)
    // sinks into subnormal numbers, which x86 computes about 20x slower. TensorFlow runs its CPU kernels with
    // flush-to-zero; these flush the stored state the same way.

    /// <summary>0 for a subnormal <paramref name="x"/>, else <paramref name="x"/>: flush-to-zero for stored state.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="x">A slot value about to be stored.</param>
    protected static T Flush<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> =>
        T.Abs(x) < MinNormal<T>() ? T.Zero : x;

    /// <summary>The lanes of <paramref name="x"/> with subnormal values set to 0 (flush-to-zero for stored state).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="x">Slot values about to be stored.</param>
    protected static Vector<T> Flush<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(x), new Vector<T>(MinNormal<T>())), Vector<T>.Zero, x);

    private static T MinNormal<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? T.CreateChecked(1.17549435E-38f) : T.CreateChecked(2.2250738585072014E-308);
}
