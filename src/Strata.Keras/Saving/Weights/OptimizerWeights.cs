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
        var order = Order(opt, vars, where).ToList();
        int count = file.Children(path).Count;
        if (count != 2 && count != 2 + order.Count)
            throw new ModelFileError(where,
                $"holds {count} optimizer variables; {opt.GetType().Name} over {vars.Count} trainable weights has 2 (before its first step) or {2 + order.Count}.");
        long iterations = Convert.ToInt64(Scalar(file, $"{path}/0"), System.Globalization.CultureInfo.InvariantCulture);
        double lr = Convert.ToDouble(Scalar(file, $"{path}/1"), System.Globalization.CultureInfo.InvariantCulture);
        var slotValues = new List<(Variable, int, Tensor)>();
        for (int i = 0; i < order.Count && count > 2; i++)
        {
            var (v, s) = order[i];
            string ds = $"{path}/{i + 2}";
            var t = file.ReadTensor(ds);
            if (t.Size != opt.SlotSizeForSaving(v.Shape, s) || t.DType != v.DType)
                throw new ModelFileError($"{file.Where}, dataset {ds}",
                    $"has shape {t.Shape} {t.DType.Name()}; slot '{opt.SlotNamesForSaving[s]}' of '{v.Name}' needs {v.Shape} {v.DType.Name()}.");
            slotValues.Add((v, s, t));
        }
        pending.Add(() =>
        {
            opt.IterationsForSaving = iterations;
            // Keras keeps the rate in float32; set it only if it changed, so 0.001 stays exactly 0.001.
            if (opt.Schedule is ConstantLearningRate && (float)opt.LearningRate != (float)lr) opt.LearningRate = lr;
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
