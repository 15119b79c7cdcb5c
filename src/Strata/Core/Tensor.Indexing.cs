namespace Strata;

public partial class Tensor
{
    /// <summary>
    /// Python's <c>x[…]</c> with TensorFlow's strided_slice semantics and gradient: <c>x[0]</c>, <c>x[^1]</c>,
    /// <c>x[.., 1..3]</c>, <c>x[TensorIndex.Slice(null, null, -1)]</c> (<c>x[::-1]</c>), <c>x[tf.newaxis, ..]</c>,
    /// <c>x[tf.ellipsis, 0]</c>. Negative ints count from the end; ranges clamp to the dimension.
    /// </summary>
    // Named so as not to clash with Item<T>() in the compiled name (an indexer is "Item" by default).
    [System.Runtime.CompilerServices.IndexerName("Slice")]
    public Tensor this[params TensorIndex[] indices] => tf.GetItem(this, indices);
}
