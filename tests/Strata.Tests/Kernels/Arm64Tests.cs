using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using Strata.Kernels;

namespace Strata.Tests.Kernels;

/// <summary>On Arm64 (scripts/test-arm64.sh runs this suite under qemu-aarch64) the engine must take its NEON
/// kernels, not fall back to scalar code: AdvSimd is Arm64's baseline, so Vector128 is accelerated and GEMM picks
/// its Vector128 path. Skipped on other architectures. The script prints the line this test writes, so a run says
/// which architecture it ran on.</summary>
[Collection(GemmSettingsCollection.Name)] // reads Gemm.Path, which the GEMM tests change while they run
public class Arm64Tests(ITestOutputHelper output)
{
    [Fact]
    public void Arm64_runs_the_AdvSimd_Vector128_kernels()
    {
        var arch = RuntimeInformation.ProcessArchitecture;
        Assert.SkipUnless(arch == Architecture.Arm64, $"an Arm64 check; this process is {arch} (scripts/test-arm64.sh runs the suite as Arm64 under qemu)");
        output.WriteLine($"arm64-platform: ProcessArchitecture={arch} Vector128.IsHardwareAccelerated={Vector128.IsHardwareAccelerated} " +
            $"AdvSimd={AdvSimd.IsSupported} AdvSimd.Arm64={AdvSimd.Arm64.IsSupported} Vector256.IsHardwareAccelerated={Vector256.IsHardwareAccelerated} " +
            $"Vector<float>.Count={Vector<float>.Count} GemmPath={Gemm.Path} OS={RuntimeInformation.OSDescription}");
        Assert.True(AdvSimd.IsSupported && AdvSimd.Arm64.IsSupported, "AdvSimd (NEON) is Arm64's baseline but reports unsupported (DOTNET_EnableHWIntrinsic=0?)");
        Assert.True(Vector128.IsHardwareAccelerated, "Vector128 is not hardware accelerated on Arm64");
        Assert.Equal(Gemm.Isa.Vector128, Gemm.Path);
    }
}
