using Strata.Keras.Optimizers;
using Strata.Keras.Saving.Hdf5;

namespace Strata.Keras.Saving;

/// <summary>
/// An optimizer's variables in Keras 3's order: <c>iteration</c> (int64), <c>learning_rate</c> (float32), then its
/// slots as Keras's <c>build</c> creates them — per variable for one call of <c>add_optimizer_variables</c> with
/// several names (Adam's momentum, velocity interleaved), slot kind after slot kind for separate calls (RMSprop's
/// velocities, then momentums; Adam's velocity_hat after all momentum/velocity pairs). An optimizer that has not
/// stepped yet has only the two scalars, as in Keras.
/// </summary>
internal static class OptimizerWeights
{
    /// <summary>Slot indices grouped as Keras's build calls create them.</summary>
    private static int[][] Groups(Optimizer opt, string where)
    {
        if (opt.ExtraScalarCount != 0 || opt is Adafactor)
            throw new ModelFileError(where, $"the state of {opt.GetType().Name} cannot be saved yet (its extra variables have no Keras layout here); use SaveWeights.");
        if (opt.UseEma || opt.GradientAccumulationSteps is not null)
            throw new ModelFileError(where, $"optimizer '{opt.Name}' uses EMA or gradient accumulation, whose state is not saved yet.");
        var names = opt.SlotNamesForSaving;
        int Index(string n) => Array.IndexOf(names, n);
        return opt switch
        {
            Adam when names.Length == 3 => [[Index("momentum"), Index("velocity")], [Index("velocity_hat")]],
            RMSprop => names.Select((_, i) => new[] { i }).ToArray(),
            _ => names.Length == 0 ? [] : [Enumerable.Range(0, names.Length).ToArray()],
        };
    }

    private static IEnumerable<(Variable Var, int Slot)> Order(Optimizer opt, IReadOnlyList<Variable> vars, string where)
    {
        foreach (var group in Groups(opt, where))
            foreach (var v in vars)
                foreach (var s in group)
                    yield return (v, s);
    }

    public static List<Hdf5Data> Export(Optimizer opt, IReadOnlyList<Variable> vars, string where)
    {
        var order = Order(opt, vars, where).ToList();
        var list = new List<Hdf5Data> { Hdf5Data.Scalar(opt.IterationsForSaving), Hdf5Data.Scalar((float)opt.LearningRate) };
        if (!opt.Built) return list;
        foreach (var (v, s) in order)
        {
            int size = opt.SlotSizeForSaving(v.Shape, s);
            var dims = v.Shape.ToArray().Select(d => (long)d).ToArray();
            // A variable the optimizer has not updated yet has zero state, as Keras's freshly built slots.
            Array values = opt.SlotsOf(v) is { } slots ? (Array)slots[s].Clone() : Tensor.AllocBuffer(v.DType, size);
            list.Add(new Hdf5Data(values, dims));
        }
        return list;
    }

    /// <summary>Checks <c>/optimizer/vars</c> against the compiled optimizer and queues its restoration.</summary>
    public static void Read(IHdf5Reader file, Optimizer opt, IReadOnlyList<Variable> vars, PendingAssignments pending)
    {
        const string path = "/optimizer/vars";
        if (!file.IsGroup(path)) return; // saved before compiling: a fresh optimizer, as Keras
        string where = $"{file.Where}, group {path}";
        var paths = Enumerable.Range(0, file.Children(path).Count).Select(i => $"{path}/{i}").ToList();
        ReadList(file, where, paths, hasLearningRate: true, Order(opt, vars, where).ToList(), opt, vars.Count, strict: true, pending);
    }

    /// <summary>
    /// A legacy .h5 file's <c>optimizer_weights</c>, listed by its <c>weight_names</c>: Keras 3 writes its own order
    /// (<c>adam/iteration</c>, <c>adam/learning_rate</c>, then the slots as above); Keras 2 (TF2's OptimizerV2) writes
    /// <c>Adam/iter:0</c> then each slot kind for every variable in turn (all <c>m</c>, then all <c>v</c>). A list
    /// that does not fit the compiled optimizer is ignored, as Keras's loader does: the model gets a fresh optimizer.
    /// </summary>
    public static void ReadLegacy(IHdf5Reader file, Optimizer opt, IReadOnlyList<Variable> vars, PendingAssignments pending)
    {
        const string group = "/optimizer_weights";
        if (!file.IsGroup(group) || file.StringListAttribute(group, "weight_names") is not { Length: > 0 } names) return;
        string where = $"{file.Where}, group {group}";
        bool keras3 = names.Length >= 2 && names[1].EndsWith("learning_rate", StringComparison.Ordinal);
        List<(Variable, int)> order;
        try
        {
            order = keras3 ? Order(opt, vars, where).ToList()
                : Enumerable.Range(0, opt.SlotNamesForSaving.Length).SelectMany(s => vars.Select(v => (v, s))).ToList();
        }
        catch (ModelFileError)
        {
            return; // an optimizer whose state has no layout here starts fresh
        }
        ReadList(file, where, names.Select(n => $"{group}/{n}").ToList(), keras3, order, opt, vars.Count, strict: false, pending);
    }

    private static void ReadList(IHdf5Reader file, string where, List<string> paths, bool hasLearningRate,
        List<(Variable Var, int Slot)> order, Optimizer opt, int varCount, bool strict, PendingAssignments pending)
    {
        int scalars = hasLearningRate ? 2 : 1;
        int count = paths.Count;
        if (count != scalars && count != scalars + order.Count)
        {
            if (!strict) return;
            throw new ModelFileError(where,
                $"holds {count} optimizer variables; {opt.GetType().Name} over {varCount} trainable weights has {scalars} (before its first step) or {scalars + order.Count}.");
        }
        long iterations = Convert.ToInt64(Scalar(file, paths[0]), System.Globalization.CultureInfo.InvariantCulture);
        double? lr = hasLearningRate ? Convert.ToDouble(Scalar(file, paths[1]), System.Globalization.CultureInfo.InvariantCulture) : null;
        var slotValues = new List<(Variable, int, Tensor)>();
        for (int i = 0; i < order.Count && count > scalars; i++)
        {
            var (v, s) = order[i];
            string ds = paths[i + scalars];
            var t = file.ReadTensor(ds);
            if (t.Size != opt.SlotSizeForSaving(v.Shape, s) || t.DType != v.DType)
            {
                if (!strict) return;
                throw new ModelFileError($"{file.Where}, dataset {ds}",
                    $"has shape {t.Shape} {t.DType.Name()}; slot '{opt.SlotNamesForSaving[s]}' of '{v.Name}' needs {v.Shape} {v.DType.Name()}.");
            }
            slotValues.Add((v, s, t));
        }
        pending.Add(() =>
        {
            opt.IterationsForSaving = iterations;
            // Keras keeps the rate in float32; set it only if it changed, so 0.001 stays exactly 0.001.
            if (lr is { } rate && opt.Schedule is ConstantLearningRate && (float)opt.LearningRate != (float)rate) opt.LearningRate = rate;
            foreach (var (v, s, t) in slotValues) Array.Copy(t.Buffer, opt.EnsureSlots(v)[s], t.Size);
        });
    }

    private static object Scalar(IHdf5Reader file, string path)
    {
        var t = file.ReadTensor(path);
        if (t.Size != 1) throw new ModelFileError($"{file.Where}, dataset {path}", $"has shape {t.Shape}; expected a scalar.");
        return t.Buffer.GetValue(0)!;
    }
}
