using System.Runtime.Intrinsics;
using Xunit;

namespace Pinterest.Conversions.Tests.Hashing;

/// <summary>
/// The reruns of the hashing tests on the software fallbacks (CI sets these knobs) really run without the instruction sets
/// they turn off: a knob that the runtime ignores would quietly test the accelerated paths again. The AVX-512 knob is
/// named <c>DOTNET_EnableAVX512F</c> on .NET 8 and <c>DOTNET_EnableAVX512</c> on .NET 10, each runtime ignoring the other.
/// </summary>
public class InstructionSetKnobTests
{
#if NET10_0_OR_GREATER
    private const string Avx512Knob = "DOTNET_EnableAVX512";
#else
    private const string Avx512Knob = "DOTNET_EnableAVX512F";
#endif

    [Fact]
    public void A_disabled_AVX512_knob_takes_effect()
    {
        if (Environment.GetEnvironmentVariable(Avx512Knob) != "0") return;
        Assert.False(Vector512.IsHardwareAccelerated, $"{Avx512Knob}=0 but Vector512 is accelerated");
    }

    [Fact]
    public void A_disabled_hardware_intrinsics_knob_takes_effect()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_EnableHWIntrinsic") != "0") return;
        Assert.False(Vector512.IsHardwareAccelerated, "DOTNET_EnableHWIntrinsic=0 but Vector512 is accelerated");
        Assert.False(Vector256.IsHardwareAccelerated, "DOTNET_EnableHWIntrinsic=0 but Vector256 is accelerated");
        Assert.False(Vector128.IsHardwareAccelerated, "DOTNET_EnableHWIntrinsic=0 but Vector128 is accelerated");
    }

    [Fact]
    public void The_AVX512_knob_of_the_other_runtime_is_not_set_alone()
    {
        // DOTNET_EnableAVX512=0 alone on .NET 8 (or DOTNET_EnableAVX512F=0 alone on .NET 10) turns nothing off.
#if NET10_0_OR_GREATER
        const string other = "DOTNET_EnableAVX512F";
#else
        const string other = "DOTNET_EnableAVX512";
#endif
        if (Environment.GetEnvironmentVariable(other) != "0") return;
        Assert.True(Environment.GetEnvironmentVariable(Avx512Knob) == "0",
            $"{other}=0 is ignored by .NET {Environment.Version.Major}: set {Avx512Knob}=0 as well");
    }
}
