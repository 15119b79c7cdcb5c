#pragma warning disable CS8981
namespace Strata;

// The logical ops beyond and/or/not (ComparisonOps.cs).
public static partial class tf
{
    /// <summary>tf.math.logical_xor: true where exactly one of x and y is true (bool tensors, broadcasting).</summary>
    public static Tensor LogicalXor(Tensor x, Tensor y) => Logical(x, y, "LogicalXor", static (a, b) => a != b);
}
