using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Pinterest.Conversions.Generators.Tests;

/// <summary>
/// A test source compiled with the generator (nullable on, warnings as errors, no diagnostic allowed), emitted and
/// loaded into a collectible load context. The runtime library resolves to the test's own copy, so the events cast
/// to <see cref="IPinterestEvent"/>. Test sources create their events in static factory methods.
/// </summary>
internal sealed class CompiledEvents : IDisposable
{
    private readonly AssemblyLoadContext _context;

    private CompiledEvents(GeneratorRun run, Assembly assembly, AssemblyLoadContext context)
    {
        Run = run;
        Assembly = assembly;
        _context = context;
    }

    public GeneratorRun Run { get; }

    public Assembly Assembly { get; }

    /// <summary>Compiles <paramref name="sources"/> with the generator; fails on any diagnostic, the generated code's or the test's.</summary>
    public static CompiledEvents Compile(params string[] sources)
    {
        var run = GeneratorHarness.Run(sources);
        var diagnostics = run.CompilationDiagnostics;
        Assert.True(diagnostics.Count == 0, Describe(run, diagnostics));

        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, Describe(run, emitted.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Hidden).ToArray()));
        image.Position = 0;
        var context = new AssemblyLoadContext(run.Output.AssemblyName, isCollectible: true);
        return new CompiledEvents(run, context.LoadFromStream(image), context);
    }

    /// <summary>The generated source whose hint name contains <paramref name="typeName"/>.</summary>
    public string GeneratedSourceOf(string typeName) => Run.Sources.Single(s => s.HintName.Contains(typeName, StringComparison.Ordinal)).Text;

    /// <summary>Calls a public static factory, such as <c>"Sample.Create"</c>, and returns its event.</summary>
    public IPinterestEvent Create(string factory = "Sample.Create", params object?[] arguments) =>
        Assert.IsAssignableFrom<IPinterestEvent>(Invoke(factory, arguments));

    /// <summary>Calls a public static method <c>Type.Method</c> (type name with its namespace, nested types with '+').</summary>
    public object? Invoke(string method, params object?[] arguments)
    {
        var dot = method.LastIndexOf('.');
        var type = Assembly.GetType(method[..dot], throwOnError: true)!;
        var target = type.GetMethod(method[(dot + 1)..], BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"No public static method {method}");
        try
        {
            return target.Invoke(null, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    public void Dispose() => _context.Unload();

    private static string Describe(GeneratorRun run, IReadOnlyList<Diagnostic> diagnostics) =>
        "Expected no diagnostics:\n" + string.Join("\n", diagnostics.Select(d => d.ToString()))
        + "\n\nGenerated:\n" + string.Join("\n", run.Sources.Select(s => $"// ---- {s.HintName}\n{s.Text}"));
}
