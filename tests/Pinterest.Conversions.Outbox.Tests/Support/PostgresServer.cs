using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Pinterest.Conversions.Outbox.PostgreSql;

namespace Pinterest.Conversions.Outbox.Tests;

/// <summary>
/// The real PostgreSQL server the tests use: the connection string in <c>PINTEREST_TEST_POSTGRES</c> (.ci/run starts a
/// private cluster and sets it). Without it, a private cluster of the local PostgreSQL binaries is started for this test
/// run; in CI (<c>CI=true</c>) a missing variable fails the tests, never skips them.
/// </summary>
internal static class PostgresServer
{
    public const string Variable = "PINTEREST_TEST_POSTGRES";
    private static readonly Lazy<string> s_connectionString = new(Find, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string ConnectionString => s_connectionString.Value;

    /// <summary>A new schema name no other test uses.</summary>
    public static string NewSchema() => "t_" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>A store on its own schema; <paramref name="time"/> replaces the server's clock (the shared store suite only).</summary>
    public static PostgreSqlOutboxStore Store(string schema, FakeTimeProvider? time = null, bool listen = true) =>
        new(NpgsqlDataSource.Create(ConnectionString), ownsDataSource: true, new PostgreSqlOutboxOptions { Schema = schema, UseListenNotify = listen },
            NullLogger.Instance, time);

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured) return configured;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"{Variable} is not set: in CI the PostgreSQL tests need the cluster .ci/run starts.");
        return PrivateCluster.Start();
    }

    // A cluster in a temp folder on a free loopback port, stopped when the test process exits.
    private static class PrivateCluster
    {
        public static string Start()
        {
            var bin = Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
                : null;
            if (bin is null) throw new InvalidOperationException($"No PostgreSQL found: set {Variable} to a connection string, or install PostgreSQL (apt-get install postgresql).");
            var folder = Directory.CreateTempSubdirectory("pin-pg-").FullName;
            var asRoot = Environment.UserName == "root";
            if (asRoot) Run("chown", "postgres", folder);
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Postgres(asRoot, Path.Combine(bin, "initdb"), "-D", Path.Combine(folder, "data"), "--auth=trust", "-U", "postgres");
            Postgres(asRoot, Path.Combine(bin, "pg_ctl"), "-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "log"), "-w", "-o",
                $"-p {port} -k {folder} -c listen_addresses=127.0.0.1", "start");
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    Postgres(asRoot, Path.Combine(bin, "pg_ctl"), "-D", Path.Combine(folder, "data"), "-m", "immediate", "stop");
                    Directory.Delete(folder, recursive: true);
                }
                catch (InvalidOperationException)
                {
                    // Best effort at exit.
                }
            };
            return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
        }

        private static void Postgres(bool asRoot, string program, params string[] arguments)
        {
            if (asRoot) Run("runuser", ["-u", "postgres", "--", program, .. arguments]);
            else Run(program, arguments);
        }

        private static void Run(string program, params string[] arguments)
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {error}{output.Result}");
        }
    }
}
