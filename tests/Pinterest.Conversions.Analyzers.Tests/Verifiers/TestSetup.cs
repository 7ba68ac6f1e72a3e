using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Testing;

namespace Pinterest.Conversions.Analyzers.Tests.Verifiers;

/// <summary>
/// What every analyzer and code-fix test compiles against: .NET 10 reference assemblies from Basic.Reference.Assemblies
/// (no package download, so the tests run offline) and the runtime assembly with the attributes.
/// </summary>
internal static class TestSetup
{
    /// <summary>No package: the references come from <see cref="Basic.Reference.Assemblies.Net100"/> below.</summary>
    public static ReferenceAssemblies ReferenceAssemblies { get; } = new("net10.0");

    /// <summary>The runtime assembly: attributes, enums and the resilience model.</summary>
    public static MetadataReference Runtime { get; } = MetadataReference.CreateFromFile(typeof(PinterestEventAttribute).Assembly.Location);

    public static IEnumerable<MetadataReference> References => Basic.Reference.Assemblies.Net100.References.All.Append(Runtime);

    public static void AddReferences(SolutionState state) => state.AdditionalReferences.AddRange(References);

    public static CompilationOptions WithNullable(CompilationOptions options) =>
        ((CSharpCompilationOptions)options).WithNullableContextOptions(NullableContextOptions.Enable);

    /// <summary>
    /// The testing framework enables every supported diagnostic with <see cref="ReportDiagnostic.Default"/> in the
    /// compilation options. The compiler reads that like <c>/warnaserror-:PINxxx</c>: it keeps .editorconfig from raising
    /// a warning to an error and hides category-wide entries. The PIN diagnostics are all enabled by default, so those
    /// entries are dropped and .editorconfig acts as in a real build.
    /// </summary>
    public static Project WithoutForcedDefaults(Project project)
    {
        var options = project.CompilationOptions!;
        var forced = options.SpecificDiagnosticOptions
            .Where(o => o.Key.StartsWith("PIN", StringComparison.Ordinal) && o.Value == ReportDiagnostic.Default)
            .Select(o => o.Key);
        return project.WithCompilationOptions(options.WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions.RemoveRange(forced)));
    }

    /// <summary>
    /// Compiles <paramref name="source"/> into an in-memory assembly against the runtime, for tests that need a
    /// referenced assembly holding [PinterestEvent] types (PIN016 looks into references).
    /// </summary>
    public static MetadataReference CompileReference(string assemblyName, string source)
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        EmitResult result = compilation.Emit(stream);
        if (!result.Success)
            throw new InvalidOperationException("The referenced test assembly does not compile:\n" + string.Join("\n", result.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}
