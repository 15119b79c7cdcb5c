using System.Diagnostics.CodeAnalysis;

namespace Strata.Data;

/// <summary>
/// Makes a value tuple of a dataset element's structure (<c>(x, y)</c>, <c>(x, (y, w))</c> …) from its parts, for
/// tf.nest's pack. The common pairs and triples of tensors are built directly; other tuples go through their
/// constructor by reflection, whose constructors trimming keeps (the DynamicDependency attributes below: the element
/// types of a tuple of tensors, arrays, dictionaries or tuples are all reference types or tuples, and NativeAOT makes the
/// instantiation from the kept definition).
/// </summary>
internal static class Tuples
{
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(ValueTuple<>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(ValueTuple<,>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(ValueTuple<,,>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(ValueTuple<,,,>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(ValueTuple<,,,,>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(ValueTuple<,,,,,>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(ValueTuple<,,,,,,>))]
    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "The ValueTuple constructors are kept by the DynamicDependency attributes.")]
    public static object Create(Type type, object[] parts)
    {
        if (type == typeof((Tensor, Tensor))) return ((Tensor)parts[0], (Tensor)parts[1]);
        if (type == typeof((Tensor, Tensor, Tensor))) return ((Tensor)parts[0], (Tensor)parts[1], (Tensor)parts[2]);
        if (type == typeof(ValueTuple<Tensor>)) return new ValueTuple<Tensor>((Tensor)parts[0]);
        return Activator.CreateInstance(type, parts)!;
    }
}
