using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pinterest.Conversions.Sandbox.Endpoint;

namespace Pinterest.Conversions.Sandbox.Hosting;

/// <summary>
/// The standalone sandbox, from the command line to Ctrl+C: the one implementation behind this project's Program.cs
/// (<c>dotnet run</c>) and the <c>pinterest-sandbox</c> .NET tool, so both take the same options and print the same lines.
/// </summary>
internal static class StandaloneHost
{
    /// <summary>The exit code of a command line or option that is wrong (nothing was started).</summary>
    public const int UsageError = 2;

    /// <summary>The exit code when the server could not start (e.g. the port is taken).</summary>
    public const int StartFailed = 1;

    /// <summary>Runs the sandbox until it is stopped; <paramref name="command"/> names it in help and error messages.</summary>
    public static async Task<int> RunAsync(string[] args, string command, TextWriter output, TextWriter error)
    {
        var commandLine = StandaloneCommandLine.Parse(args);
        if (commandLine.Error is { } problem)
        {
            await error.WriteLineAsync($"{command}: {problem}. Run '{command} --help' for the options.");
            return UsageError;
        }
        if (commandLine.ShowHelp)
        {
            await output.WriteAsync(StandaloneCommandLine.Help(command));
            return 0;
        }

        var builder = WebApplication.CreateSlimBuilder([.. commandLine.ConfigurationArguments]);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning); // The sandbox's own lines say what happened.
        // A start that fails (the port is taken) is said below in one line, not as the host's logged stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
            builder.WebHost.UseUrls($"http://127.0.0.1:{StandaloneCommandLine.DefaultPort}"); // Loopback only unless told otherwise.
        try
        {
            builder.Services.AddPinterestSandbox(options => SandboxConfiguration.Bind(builder.Configuration.GetSection(SandboxConfiguration.Section), options));
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            // The messages name the setting and what it must be, never its value.
            await error.WriteLineAsync($"{command}: {e.Message}");
            return UsageError;
        }

        await using var app = builder.Build();
        app.MapSandboxRoutes(); // The standalone host is a sandbox by choice: no environment check, but a warning below.
        app.Lifetime.ApplicationStarted.Register(() => PrintUrls(app, output, error));
        try
        {
            await app.StartAsync();
        }
        catch (IOException e)
        {
            // Kestrel's "Failed to bind to address http://127.0.0.1:5080: address already in use."
            await error.WriteLineAsync($"{command}: {e.Message}");
            return StartFailed;
        }
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static void PrintUrls(WebApplication app, TextWriter output, TextWriter error)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Pinterest.Conversions.Sandbox");
        foreach (var url in app.Urls)
        {
            var root = url.TrimEnd('/');
            if (!CallerAddress.IsLoopbackUrl(root))
            {
                SandboxLog.ListeningBeyondLoopback(logger, root);
                error.WriteLine($"WARNING: the sandbox listens on {root}, beyond loopback: whoever reaches it can send events and " +
                    $"read event ids on the dashboard. Use --port {StandaloneCommandLine.DefaultPort} (loopback) unless that is what you want.");
            }
            output.WriteLine($"Pinterest sandbox listening on {root}");
            output.WriteLine($"  events:    POST {root}{EventsEndpoint.Pattern}");
            output.WriteLine($"  tag:       POST {root}{TagEndpoint.Pattern}");
            output.WriteLine($"  dashboard: {root}{AdminEndpoints.Dashboard}");
            output.WriteLine($"  report:    {root}{AdminEndpoints.Report}");
        }
        output.Flush();
    }
}
