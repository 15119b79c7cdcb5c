namespace Strata.Kernels;

/// <summary>
/// Steps a multi-index through <c>dims</c> in row-major order while keeping two element offsets, each moving by
/// its own stride per dimension (0 where that side broadcasts). The one loop behind broadcasting, batched
/// MatMul, transposes and box copies: <see cref="Next"/> costs one increment in the common case.
/// </summary>
internal ref struct Odometer
{
    private readonly ReadOnlySpan<int> _dims;
    private readonly ReadOnlySpan<int> _strideA;
    private readonly ReadOnlySpan<int> _strideB;
    private readonly Span<int> _index;

    /// <summary>The offsets at the current index.</summary>
    public int A, B;

    /// <param name="dims">The extent of each dimension, stepped through in row-major order.</param>
    /// <param name="strideA">How far offset <see cref="A"/> moves per step of each dimension.</param>
    /// <param name="strideB">How far offset <see cref="B"/> moves per step of each dimension.</param>
    /// <param name="index">Scratch of at least dims.Length ints (stackalloc), cleared here.</param>
    public Odometer(ReadOnlySpan<int> dims, ReadOnlySpan<int> strideA, ReadOnlySpan<int> strideB, Span<int> index)
    {
        _dims = dims;
        _strideA = strideA;
        _strideB = strideB;
        _index = index[..dims.Length];
        _index.Clear();
        A = 0;
        B = 0;
    }

    public void Next()
    {
        for (int d = _dims.Length - 1; d >= 0; d--)
        {
            _index[d]++;
            A += _strideA[d];
            B += _strideB[d];
            if (_index[d] < _dims[d]) return;
            A -= _strideA[d] * _dims[d];
            B -= _strideB[d] * _dims[d];
            _index[d] = 0;
        }
    }
}
