using System.Runtime.CompilerServices;

namespace Strata.Kernels;

/// <summary>
/// The strided box behind <c>strided_slice</c>: per dimension of a source of <c>dims</c>, <c>count[d]</c> positions
/// starting at <c>begin[d]</c>, <c>stride[d]</c> apart (negative strides walk backwards). <see cref="Gather"/> copies
/// the box out densely; <see cref="Scatter"/> writes a dense box back into it (the slice's gradient and a
/// variable's sliced assignment). Raw element widths, as <see cref="ArrayKernels"/>.
/// </summary>
internal static class StridedKernels
{
    public static void Gather(Array src, int[] dims, int[] begin, int[] stride, int[] count, Array dst) =>
        Move(src, dims, begin, stride, count, dst, gather: true);

    public static void Scatter(Array dense, int[] dims, int[] begin, int[] stride, int[] count, Array dst) =>
        Move(dst, dims, begin, stride, count, dense, gather: false);

    private static void Move(Array strided, int[] dims, int[] begin, int[] stride, int[] count, Array dense, bool gather)
    {
        switch (strided)
        {
            case float[] or int[]: Move(Unsafe.As<int[]>(strided), dims, begin, stride, count, Unsafe.As<int[]>(dense), gather); break;
            case double[] or long[]: Move(Unsafe.As<long[]>(strided), dims, begin, stride, count, Unsafe.As<long[]>(dense), gather); break;
            default: Move(Unsafe.As<byte[]>(strided), dims, begin, stride, count, Unsafe.As<byte[]>(dense), gather); break;
        }
    }

    private static void Move<T>(T[] strided, int[] dims, int[] begin, int[] stride, int[] count, T[] dense, bool gather) where T : unmanaged
    {
        if (dense.Length == 0) return;
        int r = dims.Length;
        if (r == 0) { if (gather) dense[0] = strided[0]; else strided[0] = dense[0]; return; }
        var inStrides = ArrayKernels.Strides(dims);
        int start = 0;
        var step = new int[r];
        for (int d = 0; d < r; d++)
        {
            start += begin[d] * inStrides[d];
            // A dimension of one position never steps: its stride (which may be huge) is left out of the arithmetic.
            step[d] = count[d] > 1 ? stride[d] * inStrides[d] : 0;
        }
        int run = count[r - 1];
        int rows = dense.Length / run;
        var zeros = new int[r - 1];
        var at = new Odometer(count.AsSpan(0, r - 1), step.AsSpan(0, r - 1), zeros, stackalloc int[r - 1]);
        int innerStep = step[r - 1];
        for (int row = 0, o = 0; row < rows; row++, at.Next(), o += run)
        {
            int s = start + at.A;
            if (innerStep == 1 || run == 1)
            {
                if (gather) Array.Copy(strided, s, dense, o, run);
                else Array.Copy(dense, o, strided, s, run);
            }
            else if (gather)
                for (int j = 0; j < run; j++, s += innerStep) dense[o + j] = strided[s];
            else
                for (int j = 0; j < run; j++, s += innerStep) strided[s] = dense[o + j];
        }
    }
}
