using Strata.Formatting;
using Xunit;

namespace Strata.Tests.Formatting;

/// <summary>
/// Expected strings are NumPy's own: most are copied from NumPy's test suite
/// (numpy/_core/tests/test_arrayprint.py, test_scalarprint.py) or docs, the rest are real
/// NumPy/TensorFlow output or follow directly from arrayprint.py's rules (noted where so).
/// </summary>
public class NumpyFormatTests
{
    private static Shape Sh(params int[] dims) => new(dims);

    private static string Repr(float[] a) => NumpyFormat.Repr(a, Sh(a.Length), DType.Float32);
    private static string Repr(double[] a) => NumpyFormat.Repr(a, Sh(a.Length), DType.Float64);

    private static string Str1(float[] a) => NumpyFormat.Str(a, Sh(a.Length), DType.Float32);
    private static string Str1(double[] a) => NumpyFormat.Str(a, Sh(a.Length), DType.Float64);

    private static long[] ArangeL(int n) => Enumerable.Range(0, n).Select(i => (long)i).ToArray();
    private static int[] ArangeI(int n) => Enumerable.Range(0, n).ToArray();
    private static double[] ArangeD(int n) => Enumerable.Range(0, n).Select(i => (double)i).ToArray();


    // ---------------------------------------------------------------- floats, positional

    [Fact] // real TensorFlow output (float32)
    public void Float32_UniqueDigitsAndPadding()
    {
        Assert.Equal("[[0.24258928 0.8098861  0.9044685 ]]",
            NumpyFormat.Str(new[] { 0.24258928f, 0.8098861f, 0.9044685f }, Sh(1, 3), DType.Float32));
        Assert.Equal("[-1.1771784]", Str1(new[] { -1.1771784f }));
        Assert.Equal("[0.7611146]", Str1(new[] { 0.7611146f }));
    }

    [Fact]
    public void Float_TrailingPointAndRightPadding()
    {
        Assert.Equal("[1.5 2. ]", Str1(new[] { 1.5f, 2f }));
        Assert.Equal("[[1. 2.]]", NumpyFormat.Str(new[] { 1f, 2f }, Sh(1, 2), DType.Float32));
        Assert.Equal("array([[1., 2.]], dtype=float32)", NumpyFormat.Repr(new[] { 1f, 2f }, Sh(1, 2), DType.Float32));
    }

    [Fact] // test_arrayprint.py TestPrintOptions.test_basic
    public void Float64_MaxprecPadsToWidestFraction() =>
        Assert.Equal("array([1.5       , 0.        , 1.23456789])", Repr(new[] { 1.5, 0, 1.234567890 }));

    [Fact] // test_arrayprint.py test_float_spacing
    public void Float64_SignAndLeftPadding()
    {
        Assert.Equal("array([1., 2., 3.])", Repr(new[] { 1.0, 2, 3 }));
        Assert.Equal("array([  1.,   2., -10.])", Repr(new[] { 1.0, 2, -10 }));
        Assert.Equal("array([100.,   2.,  -1.])", Repr(new[] { 100.0, 2, -1 }));
        Assert.Equal("array([-100.,    2.,    1.])", Repr(new[] { -100.0, 2, 1 }));
    }

    [Fact] // test_arrayprint.py test_float_spacing / test_sign_spacing (0-d repr)
    public void ZeroDim_Repr_Float64()
    {
        Assert.Equal("array(1.)", NumpyFormat.Repr(new[] { 1.0 }, Shape.Scalar, DType.Float64));
        Assert.Equal("array(-10.)", NumpyFormat.Repr(new[] { -10.0 }, Shape.Scalar, DType.Float64));
    }

    [Fact] // brief: numpy's repr of a float32 0-d array
    public void ZeroDim_Repr_Float32() =>
        Assert.Equal("array(6., dtype=float32)", NumpyFormat.Repr(new[] { 6f }, Shape.Scalar, DType.Float32));

    [Fact] // test_arrayprint.py test_sign_spacing
    public void NegativeZero()
    {
        Assert.Equal("array([ 0., -0.])", Repr(new[] { 0.0, -0.0 }));
        Assert.Equal("array([0.])", Repr(new[] { 0.0 }));
        Assert.Equal("[-0.]", Str1(new[] { -0.0f }));
    }

    [Fact] // test_arrayprint.py test_floatmode, maxprec with precision=8 (the defaults)
    public void Float64_RoundsToEightDigitsAndWrapsRepr()
    {
        var y = new[]
        {
            0.2918820979355541, 0.5064172631089138, 0.2848750619642916, 0.4342965294660567,
            0.7326538397312751, 0.3459503329096204, 0.0862072768214508, 0.39112753029631175,
        };
        Assert.Equal("array([0.2918821 , 0.50641726, 0.28487506, 0.43429653, 0.73265384,\n" +
                     "       0.34595033, 0.08620728, 0.39112753])", Repr(y));
    }

    [Fact] // float32 1/3 is 0.333333343267..., shortest float32 repr 0.33333334; float64 is cut at 8 digits
    public void Float_PrecisionIsPerDType()
    {
        Assert.Equal("[0.33333334]", Str1(new[] { 1f / 3f }));
        Assert.Equal("[0.33333333]", Str1(new[] { 1.0 / 3.0 }));
        Assert.Equal("array([0.66666667])", Repr(new[] { 2.0 / 3.0 }));
        Assert.Equal("array([0.1, 0.2, 0.3])", Repr(new[] { 0.1, 0.2, 0.30000000000000004 }));
    }

    [Fact] // test_arrayprint.py test_dtype_linewidth_wrapping
    public void Float32_ReprDTypeGoesToNewLineWhenTooLong()
    {
        float[] a = Enumerable.Range(10, 10).Select(i => (float)i).ToArray();
        Assert.Equal("array([10., 11., 12., 13., 14., 15., 16., 17., 18., 19.], dtype=float32)", Repr(a));
        float[] b = Enumerable.Range(10, 13).Select(i => (float)i).ToArray();
        Assert.Equal("array([10., 11., 12., 13., 14., 15., 16., 17., 18., 19., 20., 21., 22.],\n" +
                     "      dtype=float32)", Repr(b));
    }

    [Fact] // derived from _formatArray: elements " 0." (width 3) + sep, 18 fit before column 74
    public void Float64_StrWrapsAt75Columns() =>
        Assert.Equal("[ 0.  1.  2.  3.  4.  5.  6.  7.  8.  9. 10. 11. 12. 13. 14. 15. 16. 17.\n" +
                     " 18. 19. 20. 21. 22. 23. 24. 25. 26. 27. 28. 29.]", Str1(ArangeD(30)));

    // ---------------------------------------------------------------- floats, scientific

    [Fact] // test_arrayprint.py test_sign_spacing / test_floatmode
    public void Scientific_Float64()
    {
        Assert.Equal("array([1.234e+09])", Repr(new[] { 1.234e9 }));
        Assert.Equal("array([1.e+00, 1.e+05, 1.e+10, 1.e+15, 1.e+20])", Repr(new[] { 1e0, 1e5, 1e10, 1e15, 1e20 }));
        Assert.Equal("array([1.234e+001, 1.000e+002, 1.000e+123])", Repr(new[] { 1.234e1, 1e2, 1e123 }));
    }

    [Fact] // test_arrayprint.py test_floatmode (w = 1e0..1e24, maxprec as unique here)
    public void Scientific_WrapsLikeNumpy()
    {
        double[] w = Enumerable.Range(0, 25).Select(i => double.Parse($"1e{i}", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal("array([1.e+00, 1.e+01, 1.e+02, 1.e+03, 1.e+04, 1.e+05, 1.e+06, 1.e+07,\n" +
                     "       1.e+08, 1.e+09, 1.e+10, 1.e+11, 1.e+12, 1.e+13, 1.e+14, 1.e+15,\n" +
                     "       1.e+16, 1.e+17, 1.e+18, 1.e+19, 1.e+20, 1.e+21, 1.e+22, 1.e+23,\n" +
                     "       1.e+24])", Repr(w));
    }

    [Fact] // small values and large ratios switch to scientific (FloatingFormat.fillFormat)
    public void Scientific_Float32_SmallAndRatio()
    {
        Assert.Equal("[1.e-05 1.e+00]", Str1(new[] { 1e-5f, 1f }));
        Assert.Equal("[1.0e-05 2.5e+00]", Str1(new[] { 1e-5f, 2.5f }));
        Assert.Equal("[1.e+00 1.e+04]", Str1(new[] { 1f, 1e4f }));    // ratio 1e4 > 1e3
        Assert.Equal("[   1. 1000.]", Str1(new[] { 1f, 1000f }));     // ratio exactly 1e3 stays positional
    }

    [Fact] // test_arrayprint.py test_legacy_2_2_mode (the <= 2.2 float32 cutoff of 1e8)
    public void Float32_LargeValues_Numpy2_0()
    {
        Assert.Equal("[ 1000000. 10000000.]", Str1(new[] { 1e6f, 1e7f }));
        Assert.Equal("[1.e+07 1.e+08]", Str1(new[] { 1e7f, 1e8f }));
    }

    [Fact] // test_arrayprint.py test_gh_28679 (NumPy >= 2.3 cuts float32 at 1e6)
    public void Float32_LargeValues_Numpy2_3()
    {
        Assert.Equal("[999999. 999999.]", NumpyFormat.Str(new[] { 999999f, 999999f }, Sh(2), DType.Float32, NumpyPrintVersion.V2_3));
        Assert.Equal("[ 9.99999e+05 -1.00000e+06]",
            NumpyFormat.Str(new[] { 999999f, -1000000f }, Sh(2), DType.Float32, NumpyPrintVersion.V2_3));
    }

    [Fact] // float32(1e-4) = 9.99999975e-05: NEP 50 compares it with 1e-4 in float32, NumPy 1.x in float64
    public void Float32_ExactlyOneE4Boundary()
    {
        Assert.Equal("[0.0001]", Str1(new[] { 1e-4f }));
        Assert.Equal("[1.e-04]", NumpyFormat.Str(new[] { 1e-4f }, Sh(1), DType.Float32, NumpyPrintVersion.V1_26));
    }

    // ---------------------------------------------------------------- nan / inf

    [Fact] // test_arrayprint.py TestArrayRepr.test_nan_inf / test_float_spacing
    public void NanAndInf()
    {
        Assert.Equal("array([nan, inf])", Repr(new[] { double.NaN, double.PositiveInfinity }));
        Assert.Equal("array([ nan, -inf])", Repr(new[] { double.NaN, double.NegativeInfinity }));
        Assert.Equal("array([1.5, nan])", Repr(new[] { 1.5, double.NaN }));
        // "-inf" needs 3 places left of the (virtual) point, so finite values pad to 3 as well
        Assert.Equal("[  1. -inf]", Str1(new[] { 1f, float.NegativeInfinity }));
    }

    // ---------------------------------------------------------------- 0-d str (numpy scalar str)

    [Fact] // brief + test_scalarprint.py test_str
    public void ZeroDim_Str_Float32()
    {
        string S(float x) => NumpyFormat.Str(new[] { x }, Shape.Scalar, DType.Float32);
        Assert.Equal("6.0", S(6f));
        Assert.Equal("0.1", S(0.1f));
        Assert.Equal("0.7611146", S(0.7611146f));
        Assert.Equal("1e+20", S(1e20f));
        Assert.Equal("1e-05", S(1e-5f));
        Assert.Equal("0.0", S(0f));
        Assert.Equal("-0.0", S(-0f));
        Assert.Equal("-1.0", S(-1f));
        Assert.Equal("inf", S(float.PositiveInfinity));
        Assert.Equal("-inf", S(float.NegativeInfinity));
        Assert.Equal("nan", S(float.NaN));
    }

    [Fact] // test_scalarprint.py test_gh_28679 / test_legacy_2_2_mode
    public void ZeroDim_Str_Float32_Cutoffs()
    {
        string S(float x) => NumpyFormat.Str(new[] { x }, Shape.Scalar, DType.Float32);
        Assert.Equal("9.9e-05", S(0.000099f));
        Assert.Equal("-0.000100001", S(-0.000100001f));
        Assert.Equal("999999.0", S(999999f));
        Assert.Equal("1000000000000000.0", S(1e15f));
        Assert.Equal("1e+16", S(1e16f));
        Assert.Equal("-1e+06", NumpyFormat.Str(new[] { -1000000f }, Shape.Scalar, DType.Float32, NumpyPrintVersion.V2_3));
        Assert.Equal("999999.0", NumpyFormat.Str(new[] { 999999f }, Shape.Scalar, DType.Float32, NumpyPrintVersion.V2_3));
    }

    [Fact] // test_scalarprint.py test_scalar_cutoffs: float64 str == Python's repr
    public void ZeroDim_Str_Float64()
    {
        string S(double x) => NumpyFormat.Str(new[] { x }, Shape.Scalar, DType.Float64);
        Assert.Equal("1.1234567890123457", S(1.12345678901234567890));
        Assert.Equal("0.011234567890123457", S(0.0112345678901234567890));
        Assert.Equal("1e-05", S(1e-5));
        Assert.Equal("0.0001", S(1e-4));
        Assert.Equal("1000000000000000.0", S(1e15));
        Assert.Equal("1e+16", S(1e16));
        Assert.Equal("0.30000000000000004", S(0.1 + 0.2));
    }

    [Fact]
    public void ZeroDim_IntsAndBools()
    {
        Assert.Equal("3", NumpyFormat.Str(new[] { 3 }, Shape.Scalar, DType.Int32));
        Assert.Equal("-7", NumpyFormat.Str(new[] { -7L }, Shape.Scalar, DType.Int64));
        Assert.Equal("True", NumpyFormat.Str(new[] { true }, Shape.Scalar, DType.Bool));
        Assert.Equal("False", NumpyFormat.Str(new[] { false }, Shape.Scalar, DType.Bool));
        Assert.Equal("array(3)", NumpyFormat.Repr(new[] { 3L }, Shape.Scalar, DType.Int64));
        Assert.Equal("array(3, dtype=int32)", NumpyFormat.Repr(new[] { 3 }, Shape.Scalar, DType.Int32));
        // test_arrayprint.py test_bool_spacing
        Assert.Equal("array(True)", NumpyFormat.Repr(new[] { true }, Shape.Scalar, DType.Bool));
        Assert.Equal("array(False)", NumpyFormat.Repr(new[] { false }, Shape.Scalar, DType.Bool));
    }

    // ---------------------------------------------------------------- ints and bools

    [Fact]
    public void Ints_RightAligned()
    {
        Assert.Equal("[  1  -2 100]", NumpyFormat.Str(new[] { 1, -2, 100 }, Sh(3), DType.Int32));
        Assert.Equal("array([  1,  -2, 100], dtype=int32)", NumpyFormat.Repr(new[] { 1, -2, 100 }, Sh(3), DType.Int32));
        Assert.Equal("array([1, 2])", NumpyFormat.Repr(new[] { 1L, 2L }, Sh(2), DType.Int64)); // np.array_repr docs
        Assert.Equal("array([  1,   2, 255], dtype=uint8)", NumpyFormat.Repr(new byte[] { 1, 2, 255 }, Sh(3), DType.UInt8));
    }

    [Fact] // test_arrayprint.py test_with_sign (sign='-', the default)
    public void Ints_2D()
    {
        Assert.Equal("[[10 -1  1  1]\n [10 10 10 10]]",
            NumpyFormat.Str(new long[] { 10, -1, 1, 1, 10, 10, 10, 10 }, Sh(2, 4), DType.Int64));
        Assert.Equal("[[-10  -1  -1  -1]\n [-10 -10 -10 -10]]",
            NumpyFormat.Str(new long[] { -10, -1, -1, -1, -10, -10, -10, -10 }, Sh(2, 4), DType.Int64));
    }

    [Fact] // test_arrayprint.py test_bool_spacing
    public void Bools()
    {
        Assert.Equal("array([ True,  True])", NumpyFormat.Repr(new[] { true, true }, Sh(2), DType.Bool));
        Assert.Equal("array([ True, False])", NumpyFormat.Repr(new[] { true, false }, Sh(2), DType.Bool));
        Assert.Equal("array([ True])", NumpyFormat.Repr(new[] { true }, Sh(1), DType.Bool));
        Assert.Equal("[ True False]", NumpyFormat.Str(new[] { true, false }, Sh(2), DType.Bool));
    }

    // ---------------------------------------------------------------- multi-dimensional

    [Fact] // TestArrayRepr.test_subclass (with "array" for "sub") and the standard 3-D layout
    public void MultiDimensionalSeparators()
    {
        Assert.Equal("array([[1, 2],\n       [3, 4]])", NumpyFormat.Repr(new long[] { 1, 2, 3, 4 }, Sh(2, 2), DType.Int64));
        Assert.Equal("[[[0 1]\n  [2 3]]\n\n [[4 5]\n  [6 7]]]", NumpyFormat.Str(ArangeL(8), Sh(2, 2, 2), DType.Int64));
        Assert.Equal("array([[[0, 1],\n        [2, 3]],\n\n       [[4, 5],\n        [6, 7]]])",
            NumpyFormat.Repr(ArangeL(8), Sh(2, 2, 2), DType.Int64));
        Assert.Equal("[[1. 2.]\n [3. 4.]]", NumpyFormat.Str(new[] { 1f, 2f, 3f, 4f }, Sh(2, 2), DType.Float32));
    }

    // ---------------------------------------------------------------- empty

    [Fact] // np.array_repr docs; array_repr's "shape unless (0,)" rule
    public void EmptyArrays()
    {
        Assert.Equal("array([], dtype=int32)", NumpyFormat.Repr(Array.Empty<int>(), Sh(0), DType.Int32));
        Assert.Equal("array([], dtype=float64)", NumpyFormat.Repr(Array.Empty<double>(), Sh(0), DType.Float64));
        Assert.Equal("array([], shape=(2, 0), dtype=float32)", NumpyFormat.Repr(Array.Empty<float>(), Sh(2, 0), DType.Float32));
        Assert.Equal("[]", NumpyFormat.Str(Array.Empty<float>(), Sh(0), DType.Float32));
        Assert.Equal("[]", NumpyFormat.Str(Array.Empty<float>(), Sh(2, 0), DType.Float32));
        Assert.Equal("[]", NumpyFormat.Str(Array.Empty<long>(), Sh(0, 3, 2), DType.Int64));
    }

    // ---------------------------------------------------------------- summarisation

    [Fact] // test_arrayprint.py test_summarize_1d, test_legacy_stray_comma
    public void Summarize1D()
    {
        Assert.Equal("[   0    1    2 ...  998  999 1000]", NumpyFormat.Str(ArangeL(1001), Sh(1001), DType.Int64));
        Assert.Equal("[   0    1    2 ... 9997 9998 9999]", NumpyFormat.Str(ArangeL(10000), Sh(10000), DType.Int64));
        Assert.Equal("[   0    1    2 ... 1997 1998 1999]", NumpyFormat.Str(ArangeI(2000), Sh(2000), DType.Int32));
        Assert.Equal("array([   0,    1,    2, ...,  998,  999, 1000])", NumpyFormat.Repr(ArangeL(1001), Sh(1001), DType.Int64));
        Assert.Equal("array([   0,    1,    2, ...,  998,  999, 1000], shape=(1001,))",
            NumpyFormat.Repr(ArangeL(1001), Sh(1001), DType.Int64, NumpyPrintVersion.V2_2));
        // exactly 1000 elements are not summarised
        Assert.DoesNotContain("...", NumpyFormat.Str(ArangeL(1000), Sh(1000), DType.Int64));
    }

    [Fact] // test_arrayprint.py test_summarize_2d / test_summarize_2d_dtype (int16 there, same widths)
    public void Summarize2D()
    {
        Assert.Equal("[[   0    1    2 ...  498  499  500]\n [ 501  502  503 ...  999 1000 1001]]",
            NumpyFormat.Str(ArangeL(1002), Sh(2, 501), DType.Int64));
        Assert.Equal("array([[   0,    1,    2, ...,  498,  499,  500],\n       [ 501,  502,  503, ...,  999, 1000, 1001]])",
            NumpyFormat.Repr(ArangeL(1002), Sh(2, 501), DType.Int64));
        Assert.Equal("array([[   0,    1,    2, ...,  498,  499,  500],\n" +
                     "       [ 501,  502,  503, ...,  999, 1000, 1001]],\n" +
                     "      shape=(2, 501), dtype=int32)",
            NumpyFormat.Repr(ArangeI(1002), Sh(2, 501), DType.Int32, NumpyPrintVersion.V2_2));
        Assert.Equal("array([[   0,    1,    2, ...,  498,  499,  500],\n" +
                     "       [ 501,  502,  503, ...,  999, 1000, 1001]], dtype=int32)",
            NumpyFormat.Repr(ArangeI(1002), Sh(2, 501), DType.Int32));
    }

    [Fact] // rows elided with a "..." line; widths from the displayed corners only
    public void Summarize2D_Rows()
    {
        Assert.Equal("[[   0    1    2 ...   97   98   99]\n" +
                     " [ 100  101  102 ...  197  198  199]\n" +
                     " [ 200  201  202 ...  297  298  299]\n" +
                     " ...\n" +
                     " [9700 9701 9702 ... 9797 9798 9799]\n" +
                     " [9800 9801 9802 ... 9897 9898 9899]\n" +
                     " [9900 9901 9902 ... 9997 9998 9999]]",
            NumpyFormat.Str(ArangeL(10000), Sh(100, 100), DType.Int64));
        // the middle values (up to 10^6 - 1) are not displayed, so do not widen the columns
        long[] big = ArangeL(2000);
        big[1000] = 123456789;
        Assert.Equal("[   0    1    2 ... 1997 1998 1999]", NumpyFormat.Str(big, Sh(2000), DType.Int64));
    }

    [Fact] // _formatArray: the "..." row of a 3-D array sits between blank lines, like the blocks
    public void Summarize3D()
    {
        string str = NumpyFormat.Str(ArangeL(1100), Sh(10, 10, 11), DType.Int64);
        Assert.StartsWith("[[[   0    1    2 ...    8    9   10]\n  [  11   12   13 ...   19   20   21]\n", str);
        Assert.Contains("  [ 319  320  321 ...  327  328  329]]\n\n ...\n\n [[ 770  771  772 ...  778  779  780]\n", str);
        Assert.EndsWith("  ...\n  [1067 1068 1069 ... 1075 1076 1077]\n  [1078 1079 1080 ... 1086 1087 1088]\n" +
                        "  [1089 1090 1091 ... 1097 1098 1099]]]", str);
        string repr = NumpyFormat.Repr(ArangeL(1100), Sh(10, 10, 11), DType.Int64);
        Assert.Contains("        [ 319,  320,  321, ...,  327,  328,  329]],\n\n       ...,\n\n       [[ 770,", repr);
        Assert.EndsWith("        [1089, 1090, 1091, ..., 1097, 1098, 1099]]])", repr);
    }

    [Fact] // derived from FloatingFormat: max/min of the shown values decides the notation
    public void Summarize_Floats()
    {
        double[] a = Enumerable.Range(1000, 2000).Select(i => (double)i).ToArray();
        Assert.Equal("[1000. 1001. 1002. ... 2997. 2998. 2999.]", Str1(a));
        // np.arange(2000.): 1999 / 1 > 1e3, so scientific with the longest mantissa (3 digits)
        Assert.Equal("array([0.000e+00, 1.000e+00, 2.000e+00, ..., 1.997e+03, 1.998e+03,\n" +
                     "       1.999e+03])", Repr(ArangeD(2000)));
    }

    // ---------------------------------------------------------------- Dragon4 (np.format_float_*)

    [Fact] // test_scalarprint.py test_dragon4, unique mode
    public void Dragon4_Unique()
    {
        static Dragon4.Bits F32(float x) => Dragon4.Bits.FromSingle(x);
        static Dragon4.Bits F64(double x) => Dragon4.Bits.FromDouble(x);
        Assert.Equal("1.", Dragon4.Positional(F32(1.0f)));
        Assert.Equal("1.e+00", Dragon4.Scientific(F32(1.0f)));
        Assert.Equal("10.234", Dragon4.Positional(F32(10.234f)));
        Assert.Equal("-10.234", Dragon4.Positional(F32(-10.234f)));
        Assert.Equal("1.0234e+01", Dragon4.Scientific(F32(10.234f)));
        Assert.Equal("-1.0234e+01", Dragon4.Scientific(F32(-10.234f)));
        Assert.Equal("1000.", Dragon4.Positional(F32(1000.0f)));
        Assert.Equal("10.", Dragon4.Positional(F32(10.234f), precision: 0));
        Assert.Equal("-1.e+01", Dragon4.Scientific(F32(-10.234f), precision: 0));
        Assert.Equal("10.23", Dragon4.Positional(F32(10.234f), precision: 2));
        Assert.Equal("-1.02e+01", Dragon4.Scientific(F32(-10.234f), precision: 2));
        Assert.Equal("3.141592653589793", Dragon4.Positional(F64(Math.PI)));
        Assert.Equal("340282350000000000000000000000000000000.", Dragon4.Positional(F32(float.MaxValue)));
        Assert.Equal("340282346638528859811704183484516925440.0000", Dragon4.Positional(F32(float.MaxValue), minDigits: 4));
        Assert.Equal("340300000000000000000000000000000000000.", Dragon4.Positional(F32(float.MaxValue), fractional: false, precision: 4));
        Assert.Equal("340282346638528859810000000000000000000.", Dragon4.Positional(F32(float.MaxValue), fractional: false, minDigits: 20));
        // gh-18609: -1p-97
        double a = -Math.ScaleB(1.0, -97);
        Assert.Equal("-6.310887241768095e-30", Dragon4.Scientific(F64(a)));
        Assert.Equal("-6.31088724176809e-30", Dragon4.Scientific(F64(a), precision: 14));
        Assert.Equal("-6.3108872417680944e-30", Dragon4.Scientific(F64(a), minDigits: 16));
        Assert.Equal("1.000e+120", Dragon4.Scientific(F64(1e120), minDigits: 3));
        Assert.Equal("1.000e+100", Dragon4.Scientific(F64(1e100), minDigits: 3));
    }

    [Fact] // test_scalarprint.py test_dragon4 (exact mode) and the padding / trim interface tests
    public void Dragon4_ExactPaddingTrim()
    {
        static Dragon4.Bits F32(float x) => Dragon4.Bits.FromSingle(x);
        static Dragon4.Bits F64(double x) => Dragon4.Bits.FromDouble(x);
        Assert.Equal("3.1415927410", Dragon4.Positional(F32((float)Math.PI), unique: false, precision: 10));
        Assert.Equal("3.1415926536", Dragon4.Positional(F64(Math.PI), unique: false, precision: 10));
        Assert.Equal("299792448.00000", Dragon4.Positional(F32(299792458f), unique: false, precision: 5));
        Assert.Equal("2.99792e+08", Dragon4.Scientific(F32(299792458f), unique: false, precision: 5));
        Assert.Equal("3.1415927410125732421875000", Dragon4.Positional(F32((float)Math.PI), unique: false, precision: 25));
        Assert.Equal("3.14159265358979311599796346854418516159057617187500", Dragon4.Positional(F64(Math.PI), unique: false, precision: 50));
        Assert.Equal("9.9999999999999995e-08", Dragon4.Scientific(F64(9.9999999999999995e-08), unique: false, precision: 16));
        Assert.Equal("9.8813129168249309e-324", Dragon4.Scientific(F64(9.8813129168249309e-324), unique: false, precision: 16));
        Assert.Equal("-6.310887241768094e-30", Dragon4.Scientific(F64(-Math.ScaleB(1.0, -97)), unique: false, precision: 15));
        Assert.Equal("324.00", Dragon4.Positional(F64(324), unique: false, precision: 5, fractional: false));
        Assert.Equal("1.500e+00", Dragon4.Scientific(F32(1.5f), unique: false, precision: 3));
        Assert.Equal("   1.    ", Dragon4.Positional(F64(1.0), padLeft: 4, padRight: 4));
        Assert.Equal("  -1.    ", Dragon4.Positional(F64(-1.0), padLeft: 4, padRight: 4));
        Assert.Equal(" -10.2   ", Dragon4.Positional(F64(-10.2), padLeft: 4, padRight: 4));
        Assert.Equal("1.", Dragon4.Positional(F64(1.0), unique: false, precision: 4, trim: Dragon4.Trim.Zeros));
        Assert.Equal("1.0", Dragon4.Positional(F64(1.0), unique: false, precision: 4, trim: Dragon4.Trim.LeaveOneZero));
        Assert.Equal("1", Dragon4.Positional(F64(1.0), unique: false, precision: 4, trim: Dragon4.Trim.DptZeros));
        Assert.Equal("1", Dragon4.Positional(F64(1.001), precision: 1, trim: Dragon4.Trim.DptZeros));
        Assert.Equal("1.2", Dragon4.Positional(F32(1.2f), unique: false, precision: 4, trim: Dragon4.Trim.Zeros));
    }

    [Fact] // the largest/smallest values print digit-exact (test_scalarprint.py test_dragon4)
    public void Dragon4_Extremes()
    {
        Assert.Equal("340282346638528859811704183484516925440.",
            Dragon4.Positional(Dragon4.Bits.FromSingle(float.MaxValue), unique: false, precision: 0));
        string tiny = Dragon4.Positional(Dragon4.Bits.FromSingle(float.Epsilon), unique: false, precision: 149);
        Assert.Equal("0.00000000000000000000000000000000000000000000140129846432" +
                     "4817070923729583289916131280261941876515771757068283889791" +
                     "08268586060148663818836212158203125", tiny);
    }
    [Fact] // Dragon4's unique mode is the shortest round-trip string, as .NET's "R" format is
    public void Dragon4_UniqueMatchesShortestRoundTrip()
    {
        var rng = new Random(1234);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        static string Mantissa(string r)
        {
            // significant digits of .NET's "R" output ("1.2345E-05", "123.45")
            int e = r.IndexOfAny(['E', 'e']);
            string m = (e >= 0 ? r[..e] : r).TrimStart('-').Replace(".", "").TrimStart('0');
            return m.TrimEnd('0');
        }
        for (int k = 0; k < 4000; k++)
        {
            double d = BitConverter.Int64BitsToDouble(rng.NextInt64());
            if (!double.IsFinite(d) || d == 0) continue;
            string sd = Dragon4.Scientific(Dragon4.Bits.FromDouble(d), trim: Dragon4.Trim.DptZeros);
            Assert.Equal(d, double.Parse(sd, inv));
            Assert.Equal(Mantissa(d.ToString("R", inv)), Mantissa(sd));

            float f = BitConverter.Int32BitsToSingle(rng.Next() ^ (rng.Next(2) << 31));
            if (!float.IsFinite(f) || f == 0) continue;
            string sf = Dragon4.Scientific(Dragon4.Bits.FromSingle(f), trim: Dragon4.Trim.DptZeros);
            Assert.Equal(f, float.Parse(sf, inv));
            Assert.Equal(Mantissa(f.ToString("R", inv)), Mantissa(sf));
        }
    }
}
