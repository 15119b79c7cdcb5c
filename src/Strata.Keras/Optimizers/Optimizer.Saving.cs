namespace Strata.Keras.Optimizers;

/// <summary>What Saving reads and restores of an optimizer's state: the step count and each variable's slots.</summary>
public abstract partial class Optimizer
{
    internal string[] SlotNamesForSaving => SlotNames;

    /// <summary>Scalars beyond iterations and learning rate (Nadam's momentum product): their state is not saved yet.</summary>
    internal int ExtraScalarCount => ExtraScalars;

    internal long IterationsForSaving
    {
        get => Iterations;
        set => Iterations = value;
    }

    /// <summary>The slots of <paramref name="variable"/> (null before its first update), the live buffers.</summary>
    internal Array[]? SlotsOf(Variable variable) => _slots.GetValueOrDefault(variable);

    /// <summary>The slots of <paramref name="variable"/>, made as its first update would make them.</summary>
    internal Array[] EnsureSlots(Variable variable)
    {
        if (!_slots.TryGetValue(variable, out var slots)) _slots[variable] = slots = MakeSlots(variable);
        return slots;
    }

    /// <summary>The size of slot <paramref name="slot"/> for a variable of <paramref name="shape"/>.</summary>
    internal int SlotSizeForSaving(Shape shape, int slot) => SlotSize(shape, slot);
}
