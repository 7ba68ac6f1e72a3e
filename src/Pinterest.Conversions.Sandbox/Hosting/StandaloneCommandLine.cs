using System.Globalization;
using System.Text;

namespace Pinterest.Conversions.Sandbox.Hosting;

/// <summary>
/// The standalone sandbox's command line, one table for both hosts (<c>dotnet run</c> and the <c>pinterest-sandbox</c>
/// tool): it parses the options, writes <c>--help</c>, and turns the arguments into configuration for the host builder.
/// An option it does not know is an error, not a silently ignored configuration key (<c>--Sandbox:AcessToken</c> would
/// otherwise leave every token accepted).
/// </summary>
internal sealed class StandaloneCommandLine
{
    public const int DefaultPort = 5080;

    private const string LoggingPrefix = "--Logging:";

    private static readonly Option[] s_options =
    [
        new("--port", "<port>", $"listen on http://127.0.0.1:<port>, loopback only (default {DefaultPort}; 0 picks a free port)"),
        new("--urls", "<urls>", "listen on these URLs instead, ';' between them; beyond loopback (http://0.0.0.0:5080) it warns"),
        .. SandboxConfiguration.Settings.Select(setting => new Option($"--{SandboxConfiguration.Section}:{setting.Key}", setting.Value, setting.Meaning)),
        new(LoggingPrefix + "<key>", "<value>", "ASP.NET Core logging, e.g. --Logging:LogLevel:Default=Warning"),
        new("--help", "", "show this help (also -h, -?)"),
    ];

    private StandaloneCommandLine(bool showHelp, string? error, IReadOnlyList<string> configurationArguments)
    {
        ShowHelp = showHelp;
        Error = error;
        ConfigurationArguments = configurationArguments;
    }

    public bool ShowHelp { get; }

    /// <summary>What is wrong with the command line, or null. Names the option, never repeats its value (it may be the token).</summary>
    public string? Error { get; }

    /// <summary>The arguments for the host builder's configuration, each as <c>--key=value</c>; <c>--port</c> became <c>--urls</c>.</summary>
    public IReadOnlyList<string> ConfigurationArguments { get; }

    public static StandaloneCommandLine Parse(IReadOnlyList<string> args)
    {
        // Help wins wherever it is: whoever asks for it is likely unsure of the rest.
        if (args.Any(a => a is "--help" or "-h" or "-?")) return new(showHelp: true, null, []);

        var configuration = new List<string>();
        string? port = null, urls = null;
        for (var i = 0; i < args.Count; i++)
        {
            var argument = args[i];
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? argument : argument[..equals];
            var option = KnownName(name);
            if (option is null) return Failed($"unknown option '{name}'");

            string value;
            if (equals >= 0) value = argument[(equals + 1)..];
            else if (i + 1 < args.Count) value = args[++i];
            else return Failed($"{option} needs a value");

            if (option == "--port") port = value;
            else if (option == "--urls") urls = value;
            else configuration.Add($"{option}={value}");
        }

        if (port is not null && urls is not null) return Failed("--port and --urls cannot be used together");
        if (port is not null)
        {
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 65535)
                return Failed("--port must be a number from 0 to 65535");
            urls = $"http://127.0.0.1:{number}";
        }
        if (urls is not null) configuration.Add($"--urls={urls}");
        return new(showHelp: false, null, configuration);
    }

    /// <summary>The help text; <paramref name="command"/> is how the user started the sandbox.</summary>
    public static string Help(string command)
    {
        var text = new StringBuilder();
        text.AppendLine("The Pinterest Conversions sandbox: a local emulator of POST /v5/ad_accounts/{ad_account_id}/events.");
        text.AppendLine();
        text.AppendLine($"Usage: {command} [options]");
        text.AppendLine();
        text.AppendLine("Options (--name value or --name=value):");
        var width = s_options.Max(o => o.Name.Length + 1 + o.Value.Length);
        foreach (var option in s_options)
            text.AppendLine($"  {(option.Name + " " + option.Value).PadRight(width)}  {option.Meaning}");
        text.AppendLine();
        text.AppendLine($"Without --port or --urls it listens on http://127.0.0.1:{DefaultPort}, loopback only.");
        text.AppendLine("The Sandbox options can also come from the environment (Sandbox__AdAccountId=...) or from an");
        text.AppendLine("appsettings.json in the current directory (section \"Sandbox\"). Stop it with Ctrl+C.");
        return text.ToString();
    }

    /// <summary>The option's canonical spelling (configuration keys are case-insensitive), or null.</summary>
    private static string? KnownName(string name)
    {
        if (name.StartsWith(LoggingPrefix, StringComparison.OrdinalIgnoreCase) && name.Length > LoggingPrefix.Length) return name;
        return s_options.Select(o => o.Name)
            .FirstOrDefault(known => !known.StartsWith(LoggingPrefix, StringComparison.Ordinal) && known != "--help"
                && string.Equals(known, name, StringComparison.OrdinalIgnoreCase));
    }

    private static StandaloneCommandLine Failed(string error) => new(showHelp: false, error, []);

    private sealed record Option(string Name, string Value, string Meaning);
}
