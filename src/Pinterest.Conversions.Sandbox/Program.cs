// Standalone sandbox: dotnet run --project src/Pinterest.Conversions.Sandbox -f net10.0 -- --urls http://127.0.0.1:5080
// Options come from configuration section "Sandbox" (see docs/sandbox.md); the token is best given by environment.
using Pinterest.Conversions.Sandbox.Endpoint;
using Pinterest.Conversions.Sandbox.Hosting;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning); // The sandbox's own lines say what happened.
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
    builder.WebHost.UseUrls("http://127.0.0.1:5080"); // Loopback only unless told otherwise.
builder.Services.AddPinterestSandbox(options => SandboxConfiguration.Bind(builder.Configuration.GetSection(SandboxConfiguration.Section), options));

var app = builder.Build();
app.MapSandboxRoutes(); // The standalone host is a sandbox by choice: no environment check, but a warning below.
app.Lifetime.ApplicationStarted.Register(() =>
{
    var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Pinterest.Conversions.Sandbox");
    foreach (var url in app.Urls)
    {
        var root = url.TrimEnd('/');
        if (!CallerAddress.IsLoopbackUrl(root))
        {
            SandboxLog.ListeningBeyondLoopback(logger, root);
            Console.Error.WriteLine($"WARNING: the sandbox listens on {root}, beyond loopback: whoever reaches it can send events and " +
                "read event ids on the dashboard. Use --urls http://127.0.0.1:5080 unless that is what you want.");
        }
        Console.WriteLine($"Pinterest sandbox listening on {root}");
        Console.WriteLine($"  events:    POST {root}{EventsEndpoint.Pattern}");
        Console.WriteLine($"  tag:       POST {root}{TagEndpoint.Pattern}");
        Console.WriteLine($"  dashboard: {root}{AdminEndpoints.Dashboard}");
        Console.WriteLine($"  report:    {root}{AdminEndpoints.Report}");
    }
});
app.Run();

/// <summary>The standalone host. Internal: the assembly is also a library, and Program is not its API.</summary>
internal sealed partial class Program;
