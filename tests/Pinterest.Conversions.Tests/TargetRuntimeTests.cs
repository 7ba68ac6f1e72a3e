using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Xunit;

namespace Pinterest.Conversions.Tests;

/// <summary>
/// Each target framework's tests run the library build of that framework on that runtime: the net8.0 tests must not
/// roll forward to .NET 10 (the only one installed), or the library's .NET 8 code paths would go untested unnoticed.
/// </summary>
public class TargetRuntimeTests
{
#if NET10_0_OR_GREATER
    private const int ExpectedMajor = 10;
#else
    private const int ExpectedMajor = 8;
#endif

    [Fact]
    public void The_tests_run_on_the_runtime_of_their_target_framework()
    {
        Assert.Equal(ExpectedMajor, Environment.Version.Major);
        Assert.StartsWith($".NET {ExpectedMajor}.", RuntimeInformation.FrameworkDescription, StringComparison.Ordinal);
    }

    [Fact]
    public void The_library_under_test_is_the_build_for_that_framework()
    {
        var framework = typeof(PinterestHash).Assembly.GetCustomAttribute<TargetFrameworkAttribute>();
        Assert.Equal($".NETCoreApp,Version=v{ExpectedMajor}.0", framework?.FrameworkName);
    }

#if !NET10_0_OR_GREATER
    [Fact]
    public void The_net8_runtime_is_the_self_contained_one_beside_the_tests()
    {
        // The runtime pack restored from the feed, copied to the output: not a shared runtime installed on the machine.
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        Assert.Equal(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory), Path.TrimEndingDirectorySeparator(runtimeDirectory));
    }
#endif
}
