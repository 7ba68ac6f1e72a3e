// Standalone sandbox: dotnet run --project src/Pinterest.Conversions.Sandbox -f net10.0 -- --port 5080
// The same host as the pinterest-sandbox .NET tool (StandaloneHost); --help lists the options (docs/sandbox.md).
using Pinterest.Conversions.Sandbox.Hosting;

return await StandaloneHost.RunAsync(args, "Pinterest.Conversions.Sandbox", Console.Out, Console.Error);

/// <summary>The standalone host. Internal: the assembly is also a library, and Program is not its API.</summary>
internal sealed partial class Program;
