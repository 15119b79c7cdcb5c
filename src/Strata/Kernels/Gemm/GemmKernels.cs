// Register-blocked SGEMM micro-kernels. Hand-unrolled so that the JIT keeps every accumulator in a
// register (checked with DOTNET_JitDisasm: no spills). Each computes an MR x NR block of C from a packed
// A micro-panel ([p][r], MR floats per k step) and a B micro-panel (NR floats per k step, k stride given,
// so that B can be read in place when it is row-major and not transposed).
// The Vector512 kernels map to AVX-512; the Vector256 one to AVX2/FMA3; the Vector128 one to Arm64 AdvSimd (or SSE+FMA).
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Strata.Kernels;

internal static unsafe class GemmKernels
{
    /// <summary>14x32 block of C (+)= A-panel (kc x 14, packed [p][r]) * B-panel (kc x 32, k stride <paramref name="bStride"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel512x14(int kc, float* a, float* b, nint bStride, float* c, nint ldc, bool accumulate)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default, c80 = default, c81 = default, c90 = default, c91 = default, c100 = default, c101 = default, c110 = default, c111 = default, c120 = default, c121 = default, c130 = default, c131 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b), b1 = Vector512.Load(b + 16), av;
            av = Vector512.Create(a[0]); c00 = Vector512.FusedMultiplyAdd(av, b0, c00); c01 = Vector512.FusedMultiplyAdd(av, b1, c01);
            av = Vector512.Create(a[1]); c10 = Vector512.FusedMultiplyAdd(av, b0, c10); c11 = Vector512.FusedMultiplyAdd(av, b1, c11);
            av = Vector512.Create(a[2]); c20 = Vector512.FusedMultiplyAdd(av, b0, c20); c21 = Vector512.FusedMultiplyAdd(av, b1, c21);
            av = Vector512.Create(a[3]); c30 = Vector512.FusedMultiplyAdd(av, b0, c30); c31 = Vector512.FusedMultiplyAdd(av, b1, c31);
            av = Vector512.Create(a[4]); c40 = Vector512.FusedMultiplyAdd(av, b0, c40); c41 = Vector512.FusedMultiplyAdd(av, b1, c41);
            av = Vector512.Create(a[5]); c50 = Vector512.FusedMultiplyAdd(av, b0, c50); c51 = Vector512.FusedMultiplyAdd(av, b1, c51);
            av = Vector512.Create(a[6]); c60 = Vector512.FusedMultiplyAdd(av, b0, c60); c61 = Vector512.FusedMultiplyAdd(av, b1, c61);
            av = Vector512.Create(a[7]); c70 = Vector512.FusedMultiplyAdd(av, b0, c70); c71 = Vector512.FusedMultiplyAdd(av, b1, c71);
            av = Vector512.Create(a[8]); c80 = Vector512.FusedMultiplyAdd(av, b0, c80); c81 = Vector512.FusedMultiplyAdd(av, b1, c81);
            av = Vector512.Create(a[9]); c90 = Vector512.FusedMultiplyAdd(av, b0, c90); c91 = Vector512.FusedMultiplyAdd(av, b1, c91);
            av = Vector512.Create(a[10]); c100 = Vector512.FusedMultiplyAdd(av, b0, c100); c101 = Vector512.FusedMultiplyAdd(av, b1, c101);
            av = Vector512.Create(a[11]); c110 = Vector512.FusedMultiplyAdd(av, b0, c110); c111 = Vector512.FusedMultiplyAdd(av, b1, c111);
            av = Vector512.Create(a[12]); c120 = Vector512.FusedMultiplyAdd(av, b0, c120); c121 = Vector512.FusedMultiplyAdd(av, b1, c121);
            av = Vector512.Create(a[13]); c130 = Vector512.FusedMultiplyAdd(av, b0, c130); c131 = Vector512.FusedMultiplyAdd(av, b1, c131);
            a += 14;
            b += bStride;
        }
        if (accumulate)
        {
            (c00 + Vector512.Load(c)).Store(c); (c01 + Vector512.Load(c + 16)).Store(c + 16); c += ldc;
            (c10 + Vector512.Load(c)).Store(c); (c11 + Vector512.Load(c + 16)).Store(c + 16); c += ldc;
            (c20 + Vector512.Load(c)).Store(c); (c21 + Vector512.Load(c + 16)).Store(c + 16); c += ldc;
            (c30 + Vector512.Load(c)).Store(c); (c31 + Vector512.Load(c + 16)).Store(c + 16); c += ldc;
            (c40 + Vector512.Load(c)).Store(c); (c41 + Vector512.Load(c + 16)).Store(c + 16); c += ldc;
            (c50 + Vector512.Load(c)).Store(c); (c51 + Vector512.Load(c + 16)).Store(c + 16); c += ldc;
            (c60 + Vector512.Load(c)).Store(c); (c61 + Vector512.Load(c + 16)).Store(c + 16); c += ldc;
            (c70 + Vector512.Load(c)).Store(c); (c71 + Vector512.Load(c + 16)).Store(c + 16); c += ldc;
            (c80 + Vector512.Load(c)).Store(c); (c81 + Vector512.Load(c + 16)).Store(c + 16); c += ldc;
            (c90 + Vector512.Load(c)).Store(c); (c91 + Vector512.Load(c + 16)).Store(c + 16); c += ldc;
            (c100 + Vector512.Load(c)).Store(c); (c101 + Vector512.Load(c + 16)).Store(c + 16); c += ldc;
            (c110 + Vector512.Load(c)).Store(c); (c111 + Vector512.Load(c + 16)).Store(c + 16); c += ldc;
            (c120 + Vector512.Load(c)).Store(c); (c121 + Vector512.Load(c + 16)).Store(c + 16); c += ldc;
            (c130 + Vector512.Load(c)).Store(c); (c131 + Vector512.Load(c + 16)).Store(c + 16);
        }
        else
        {
            c00.Store(c); c01.Store(c + 16); c += ldc;
            c10.Store(c); c11.Store(c + 16); c += ldc;
            c20.Store(c); c21.Store(c + 16); c += ldc;
            c30.Store(c); c31.Store(c + 16); c += ldc;
            c40.Store(c); c41.Store(c + 16); c += ldc;
            c50.Store(c); c51.Store(c + 16); c += ldc;
            c60.Store(c); c61.Store(c + 16); c += ldc;
            c70.Store(c); c71.Store(c + 16); c += ldc;
            c80.Store(c); c81.Store(c + 16); c += ldc;
            c90.Store(c); c91.Store(c + 16); c += ldc;
            c100.Store(c); c101.Store(c + 16); c += ldc;
            c110.Store(c); c111.Store(c + 16); c += ldc;
            c120.Store(c); c121.Store(c + 16); c += ldc;
            c130.Store(c); c131.Store(c + 16);
        }
    }

    /// <summary>8x32 block of C (+)= A-panel (kc x 8, packed [p][r]) * B-panel (kc x 32, k stride <paramref name="bStride"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel512x8(int kc, float* a, float* b, nint bStride, float* c, nint ldc, bool accumulate)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b), b1 = Vector512.Load(b + 16), av;
            av = Vector512.Create(a[0]); c00 = Vector512.FusedMultiplyAdd(av, b0, c00); c01 = Vector512.FusedMultiplyAdd(av, b1, c01);
            av = Vector512.Create(a[1]); c10 = Vector512.FusedMultiplyAdd(av, b0, c10); c11 = Vector512.FusedMultiplyAdd(av, b1, c11);
            av = Vector512.Create(a[2]); c20 = Vector512.FusedMultiplyAdd(av, b0, c20); c21 = Vector512.FusedMultiplyAdd(av, b1, c21);
            av = Vector512.Create(a[3]); c30 = Vector512.FusedMultiplyAdd(av, b0, c30); c31 = Vector512.FusedMultiplyAdd(av, b1, c31);
            av = Vector512.Create(a[4]); c40 = Vector512.FusedMultiplyAdd(av, b0, c40); c41 = Vector512.FusedMultiplyAdd(av, b1, c41);
            av = Vector512.Create(a[5]); c50 = Vector512.FusedMultiplyAdd(av, b0, c50); c51 = Vector512.FusedMultiplyAdd(av, b1, c51);
            av = Vector512.Create(a[6]); c60 = Vector512.FusedMultiplyAdd(av, b0, c60); c61 = Vector512.FusedMultiplyAdd(av, b1, c61);
            av = Vector512.Create(a[7]); c70 = Vector512.FusedMultiplyAdd(av, b0, c70); c71 = Vector512.FusedMultiplyAdd(av, b1, c71);
            a += 8;
            b += bStride;
        }
        if (accumulate)
        {
            (c00 + Vector512.Load(c)).Store(c); (c01 + Vector512.Load(c + 16)).Store(c + 16); c += ldc;
            (c10 + Vector512.Load(c)).Store(c); (c11 + Vector512.Load(c + 16)).Store(c + 16); c += ldc;
            (c20 + Vector512.Load(c)).Store(c); (c21 + Vector512.Load(c + 16)).Store(c + 16); c += ldc;
            (c30 + Vector512.Load(c)).Store(c); (c31 + Vector512.Load(c + 16)).Store(c + 16); c += ldc;
            (c40 + Vector512.Load(c)).Store(c); (c41 + Vector512.Load(c + 16)).Store(c + 16); c += ldc;
            (c50 + Vector512.Load(c)).Store(c); (c51 + Vector512.Load(c + 16)).Store(c + 16); c += ldc;
            (c60 + Vector512.Load(c)).Store(c); (c61 + Vector512.Load(c + 16)).Store(c + 16); c += ldc;
            (c70 + Vector512.Load(c)).Store(c); (c71 + Vector512.Load(c + 16)).Store(c + 16);
        }
        else
        {
            c00.Store(c); c01.Store(c + 16); c += ldc;
            c10.Store(c); c11.Store(c + 16); c += ldc;
            c20.Store(c); c21.Store(c + 16); c += ldc;
            c30.Store(c); c31.Store(c + 16); c += ldc;
            c40.Store(c); c41.Store(c + 16); c += ldc;
            c50.Store(c); c51.Store(c + 16); c += ldc;
            c60.Store(c); c61.Store(c + 16); c += ldc;
            c70.Store(c); c71.Store(c + 16);
        }
    }

    /// <summary>14x16 block, for products with at most 16 columns (one vector per row of C).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel512x14n16(int kc, float* a, float* b, nint bStride, float* c, nint ldc, bool accumulate)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, c6 = default, c7 = default, c8 = default, c9 = default, c10 = default, c11 = default, c12 = default, c13 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b);
            c0 = Vector512.FusedMultiplyAdd(Vector512.Create(a[0]), b0, c0);
            c1 = Vector512.FusedMultiplyAdd(Vector512.Create(a[1]), b0, c1);
            c2 = Vector512.FusedMultiplyAdd(Vector512.Create(a[2]), b0, c2);
            c3 = Vector512.FusedMultiplyAdd(Vector512.Create(a[3]), b0, c3);
            c4 = Vector512.FusedMultiplyAdd(Vector512.Create(a[4]), b0, c4);
            c5 = Vector512.FusedMultiplyAdd(Vector512.Create(a[5]), b0, c5);
            c6 = Vector512.FusedMultiplyAdd(Vector512.Create(a[6]), b0, c6);
            c7 = Vector512.FusedMultiplyAdd(Vector512.Create(a[7]), b0, c7);
            c8 = Vector512.FusedMultiplyAdd(Vector512.Create(a[8]), b0, c8);
            c9 = Vector512.FusedMultiplyAdd(Vector512.Create(a[9]), b0, c9);
            c10 = Vector512.FusedMultiplyAdd(Vector512.Create(a[10]), b0, c10);
            c11 = Vector512.FusedMultiplyAdd(Vector512.Create(a[11]), b0, c11);
            c12 = Vector512.FusedMultiplyAdd(Vector512.Create(a[12]), b0, c12);
            c13 = Vector512.FusedMultiplyAdd(Vector512.Create(a[13]), b0, c13);
            a += 14;
            b += bStride;
        }
        if (accumulate)
        {
            (c0 + Vector512.Load(c)).Store(c); c += ldc;
            (c1 + Vector512.Load(c)).Store(c); c += ldc;
            (c2 + Vector512.Load(c)).Store(c); c += ldc;
            (c3 + Vector512.Load(c)).Store(c); c += ldc;
            (c4 + Vector512.Load(c)).Store(c); c += ldc;
            (c5 + Vector512.Load(c)).Store(c); c += ldc;
            (c6 + Vector512.Load(c)).Store(c); c += ldc;
            (c7 + Vector512.Load(c)).Store(c); c += ldc;
            (c8 + Vector512.Load(c)).Store(c); c += ldc;
            (c9 + Vector512.Load(c)).Store(c); c += ldc;
            (c10 + Vector512.Load(c)).Store(c); c += ldc;
            (c11 + Vector512.Load(c)).Store(c); c += ldc;
            (c12 + Vector512.Load(c)).Store(c); c += ldc;
            (c13 + Vector512.Load(c)).Store(c);
        }
        else
        {
            c0.Store(c); c += ldc;
            c1.Store(c); c += ldc;
            c2.Store(c); c += ldc;
            c3.Store(c); c += ldc;
            c4.Store(c); c += ldc;
            c5.Store(c); c += ldc;
            c6.Store(c); c += ldc;
            c7.Store(c); c += ldc;
            c8.Store(c); c += ldc;
            c9.Store(c); c += ldc;
            c10.Store(c); c += ldc;
            c11.Store(c); c += ldc;
            c12.Store(c); c += ldc;
            c13.Store(c);
        }
    }

    /// <summary>8x16 block, for products with at most 16 columns (one vector per row of C).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel512x8n16(int kc, float* a, float* b, nint bStride, float* c, nint ldc, bool accumulate)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, c6 = default, c7 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b);
            c0 = Vector512.FusedMultiplyAdd(Vector512.Create(a[0]), b0, c0);
            c1 = Vector512.FusedMultiplyAdd(Vector512.Create(a[1]), b0, c1);
            c2 = Vector512.FusedMultiplyAdd(Vector512.Create(a[2]), b0, c2);
            c3 = Vector512.FusedMultiplyAdd(Vector512.Create(a[3]), b0, c3);
            c4 = Vector512.FusedMultiplyAdd(Vector512.Create(a[4]), b0, c4);
            c5 = Vector512.FusedMultiplyAdd(Vector512.Create(a[5]), b0, c5);
            c6 = Vector512.FusedMultiplyAdd(Vector512.Create(a[6]), b0, c6);
            c7 = Vector512.FusedMultiplyAdd(Vector512.Create(a[7]), b0, c7);
            a += 8;
            b += bStride;
        }
        if (accumulate)
        {
            (c0 + Vector512.Load(c)).Store(c); c += ldc;
            (c1 + Vector512.Load(c)).Store(c); c += ldc;
            (c2 + Vector512.Load(c)).Store(c); c += ldc;
            (c3 + Vector512.Load(c)).Store(c); c += ldc;
            (c4 + Vector512.Load(c)).Store(c); c += ldc;
            (c5 + Vector512.Load(c)).Store(c); c += ldc;
            (c6 + Vector512.Load(c)).Store(c); c += ldc;
            (c7 + Vector512.Load(c)).Store(c);
        }
        else
        {
            c0.Store(c); c += ldc;
            c1.Store(c); c += ldc;
            c2.Store(c); c += ldc;
            c3.Store(c); c += ldc;
            c4.Store(c); c += ldc;
            c5.Store(c); c += ldc;
            c6.Store(c); c += ldc;
            c7.Store(c);
        }
    }

    /// <summary>6x16 block (Vector256 path, 16 registers on AVX2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel256x6(int kc, float* a, float* b, nint bStride, float* c, nint ldc, bool accumulate)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.Load(b), b1 = Vector256.Load(b + 8), av;
            av = Vector256.Create(a[0]); c00 = Vector256.FusedMultiplyAdd(av, b0, c00); c01 = Vector256.FusedMultiplyAdd(av, b1, c01);
            av = Vector256.Create(a[1]); c10 = Vector256.FusedMultiplyAdd(av, b0, c10); c11 = Vector256.FusedMultiplyAdd(av, b1, c11);
            av = Vector256.Create(a[2]); c20 = Vector256.FusedMultiplyAdd(av, b0, c20); c21 = Vector256.FusedMultiplyAdd(av, b1, c21);
            av = Vector256.Create(a[3]); c30 = Vector256.FusedMultiplyAdd(av, b0, c30); c31 = Vector256.FusedMultiplyAdd(av, b1, c31);
            av = Vector256.Create(a[4]); c40 = Vector256.FusedMultiplyAdd(av, b0, c40); c41 = Vector256.FusedMultiplyAdd(av, b1, c41);
            av = Vector256.Create(a[5]); c50 = Vector256.FusedMultiplyAdd(av, b0, c50); c51 = Vector256.FusedMultiplyAdd(av, b1, c51);
            a += 6;
            b += bStride;
        }
        if (accumulate)
        {
            (c00 + Vector256.Load(c)).Store(c); (c01 + Vector256.Load(c + 8)).Store(c + 8); c += ldc;
            (c10 + Vector256.Load(c)).Store(c); (c11 + Vector256.Load(c + 8)).Store(c + 8); c += ldc;
            (c20 + Vector256.Load(c)).Store(c); (c21 + Vector256.Load(c + 8)).Store(c + 8); c += ldc;
            (c30 + Vector256.Load(c)).Store(c); (c31 + Vector256.Load(c + 8)).Store(c + 8); c += ldc;
            (c40 + Vector256.Load(c)).Store(c); (c41 + Vector256.Load(c + 8)).Store(c + 8); c += ldc;
            (c50 + Vector256.Load(c)).Store(c); (c51 + Vector256.Load(c + 8)).Store(c + 8);
        }
        else
        {
            c00.Store(c); c01.Store(c + 8); c += ldc;
            c10.Store(c); c11.Store(c + 8); c += ldc;
            c20.Store(c); c21.Store(c + 8); c += ldc;
            c30.Store(c); c31.Store(c + 8); c += ldc;
            c40.Store(c); c41.Store(c + 8); c += ldc;
            c50.Store(c); c51.Store(c + 8);
        }
    }

    /// <summary>6x8 block (Vector128 path: Arm64 AdvSimd, or x86 with FMA but no 256-bit vectors).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel128x6(int kc, float* a, float* b, nint bStride, float* c, nint ldc, bool accumulate)
    {
        Vector128<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector128<float> b0 = Vector128.Load(b), b1 = Vector128.Load(b + 4), av;
            av = Vector128.Create(a[0]); c00 = Vector128.FusedMultiplyAdd(av, b0, c00); c01 = Vector128.FusedMultiplyAdd(av, b1, c01);
            av = Vector128.Create(a[1]); c10 = Vector128.FusedMultiplyAdd(av, b0, c10); c11 = Vector128.FusedMultiplyAdd(av, b1, c11);
            av = Vector128.Create(a[2]); c20 = Vector128.FusedMultiplyAdd(av, b0, c20); c21 = Vector128.FusedMultiplyAdd(av, b1, c21);
            av = Vector128.Create(a[3]); c30 = Vector128.FusedMultiplyAdd(av, b0, c30); c31 = Vector128.FusedMultiplyAdd(av, b1, c31);
            av = Vector128.Create(a[4]); c40 = Vector128.FusedMultiplyAdd(av, b0, c40); c41 = Vector128.FusedMultiplyAdd(av, b1, c41);
            av = Vector128.Create(a[5]); c50 = Vector128.FusedMultiplyAdd(av, b0, c50); c51 = Vector128.FusedMultiplyAdd(av, b1, c51);
            a += 6;
            b += bStride;
        }
        if (accumulate)
        {
            (c00 + Vector128.Load(c)).Store(c); (c01 + Vector128.Load(c + 4)).Store(c + 4); c += ldc;
            (c10 + Vector128.Load(c)).Store(c); (c11 + Vector128.Load(c + 4)).Store(c + 4); c += ldc;
            (c20 + Vector128.Load(c)).Store(c); (c21 + Vector128.Load(c + 4)).Store(c + 4); c += ldc;
            (c30 + Vector128.Load(c)).Store(c); (c31 + Vector128.Load(c + 4)).Store(c + 4); c += ldc;
            (c40 + Vector128.Load(c)).Store(c); (c41 + Vector128.Load(c + 4)).Store(c + 4); c += ldc;
            (c50 + Vector128.Load(c)).Store(c); (c51 + Vector128.Load(c + 4)).Store(c + 4);
        }
        else
        {
            c00.Store(c); c01.Store(c + 4); c += ldc;
            c10.Store(c); c11.Store(c + 4); c += ldc;
            c20.Store(c); c21.Store(c + 4); c += ldc;
            c30.Store(c); c31.Store(c + 4); c += ldc;
            c40.Store(c); c41.Store(c + 4); c += ldc;
            c50.Store(c); c51.Store(c + 4);
        }
    }
}
