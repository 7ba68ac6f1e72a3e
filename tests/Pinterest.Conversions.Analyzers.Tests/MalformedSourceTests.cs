using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;
using Pinterest.Conversions.Analyzers.Tests.Verifiers;
using Pinterest.Conversions.CodeFixes;

namespace Pinterest.Conversions.Analyzers.Tests;

/// <summary>
/// Broken code is what an IDE analyzes most of the time: no analyzer may throw (AD0001) and no code fix may fail on
/// syntax errors, missing types, wrong attribute arguments or odd declarations.
/// </summary>
public class MalformedSourceTests
{
    private const string Usings = "using System; using System.Collections.Generic; using Pinterest.Conversions;\n";

    public static TheoryData<string, string> Sources { get; } = new()
    {
        { "unclosed type", "[PinterestEvent(EventName.Checkout)] public record Order { [MapTo(PinterestField.EventId)] public string Id { get; init; }" },
        { "unclosed attribute", "[PinterestEvent(EventName.Checkout public partial record Order;" },
        { "attribute without arguments", "[PinterestEvent] public partial record Order { [MapTo] public string? Ip { get; init; } }" },
        { "attribute on nothing", "[PinterestEvent(EventName.Lead)]" },
        { "attribute with too many arguments", "[PinterestEvent(EventName.Lead, \"x\")] public partial record Order([MapTo(PinterestField.Email, PinterestField.Phone)] string? Email);" },
        { "wrong argument types", "[PinterestEvent(42, ActionSource = \"web\", EventIdFormat = 5)] public partial class Order { [MapTo(\"Email\")] public string? Email; [MapTo(PinterestField.Email, Hashing = true)] public string? Other; }" },
        { "undefined enum members", "[PinterestEvent(EventName.Nope, ActionSource = ActionSource.Mars)] public partial record Order { [MapTo(PinterestField.Nope)] public string? X { get; init; } }" },
        { "null arguments", "[PinterestEvent(null, EventIdFormat = null)] public partial record Order { [MapTo(default)] public string? X { get; init; } }" },
        { "missing member types", "[PinterestEvent(EventName.Checkout)] public partial record Order { [MapTo(PinterestField.Email)] public Missing? Email { get; init; } [MapTo(PinterestField.Contents)] public List<Missing> Lines { get; init; } [MapTo(PinterestField.Value)] public Missing.Money Total; }" },
        { "missing base type", "[PinterestEvent(EventName.Checkout)] public partial record Order : MissingBase { [MapTo(PinterestField.EventId)] public string Id { get; init; } = \"\"; }" },
        { "circular base types", "public abstract class A : B { [MapTo(PinterestField.Email)] public string? Email { get; set; } } [PinterestEvent(EventName.Lead)] public partial class B : A { [MapTo(PinterestField.ClientIpAddress)] public string? Ip; }" },
        { "duplicate attributes", "[PinterestEvent(EventName.Lead)][PinterestEvent(EventName.Signup)] public partial record Order { [MapTo(PinterestField.Email)][MapTo(PinterestField.Phone)] public string? Contact { get; init; } }" },
        { "attribute on wrong targets", "[PinterestEvent(EventName.Lead)] public interface IEvent { [MapTo(PinterestField.Email)] string? Email { get; } } [PinterestEvent(EventName.Lead)] public enum Kind { A } [PinterestEvent(EventName.Lead)] public delegate void D();" },
        { "duplicate type names", "[PinterestEvent(EventName.Lead)] public partial record Order { } public class Order { [MapTo(PinterestField.Email)] public string? Email; }" },
        { "partial in one declaration only", "[PinterestEvent(EventName.Lead)] public partial record Order { } public record Order { public string? Ip { get; init; } }" },
        { "indexers, methods, events and static members", "[PinterestEvent(EventName.Lead)] public partial class Order { [MapTo(PinterestField.Email)] public string this[int i] => \"\"; [MapTo(PinterestField.Phone)] public static string? Phone; public event EventHandler? Changed; [return: MapTo(PinterestField.City)] public string M() => \"\"; }" },
        { "bad positional parameters", "[PinterestEvent(EventName.Lead)] public partial record Order([MapTo(PinterestField.EventId)] string Id = 5, [MapTo(PinterestField.Email)] params string[] Emails, [MapTo(PinterestField.Phone)] ref string Phone);" },
        { "recursive contents", "public class Line { [MapTo(PinterestField.Contents)] public List<Line> Children { get; } = new(); [MapTo(PinterestField.ItemId)] public string? Id; } [PinterestEvent(EventName.Checkout)] public partial record Order { [MapTo(PinterestField.Contents)] public Line[] Lines { get; init; } = []; [MapTo(PinterestField.Contents)] public Line[,] Grid { get; init; } }" },
        { "generic and nested oddities", "public partial class Outer<T> where T : Outer<T> { [PinterestEvent(EventName.Lead)] public partial record Inner<U>([MapTo(PinterestField.Email)] U Email) where U : class; }" },
        { "weird formats", "[PinterestEvent(EventName.Lead, EventIdFormat = \"{{{Id}}}{\\u0000}{Id{Id}}{\")] public partial record Order(string Id);" },
        { "tag attribute abuse", "[assembly: UsesPinterestTag(\"checkout\")] [assembly: UsesPinterestTag(null)] [assembly: UsesPinterestTag(EventName.Nope, (EventName)(-1))] [assembly: UsesPinterestTag(new EventName[] { default })]" },
        { "tag attribute without events", "[assembly: UsesPinterestTag] [PinterestEvent(EventName.Checkout)] public record Order([MapTo(PinterestField.Email)] string? Email);" },
        { "ref struct and static", "[PinterestEvent(EventName.Lead)] public ref struct R { [MapTo(PinterestField.Email)] public Span<char> Email; } [PinterestEvent(EventName.Lead)] public static class S { [MapTo(PinterestField.Email)] public static string? Email; }" },
        { "local and file types", "file partial record Hidden { } [PinterestEvent(EventName.Lead)] file partial record Order([MapTo(PinterestField.EventId)] string Id, string? Ip, string? UserAgent, [MapTo(PinterestField.Email)] string? Email);" },
        { "only trivia", "// nothing here\n#if DEBUG\n[PinterestEvent(EventName.Lead)]\n#endif\n" },
        { "run-time name markers, broken", "[PinterestEvent] public partial record Order([PinterestEventName] Missing Name, [PinterestEventName(\"x\")] string Other) { [PinterestEventName] public string this[int i] => \"\"; [PinterestEventName] public string M() => \"\"; }" },
        { "run-time name marker on a non-event and a named event", "public class Plain { [PinterestEventName] public string? Name; } [PinterestEvent(EventName.Lead)] public partial class Order : Plain { [PinterestEventName] public static int Other; }" },
        { "fixable but broken", "public class Outer { [PinterestEvent(EventName.Checkout)] public record Order(string? Ip, string? UserAgent, [MapTo(PinterestField.Email)] string? Email, [MapTo(PinterestField.EventId)] string Id) : Missing { public string? Ip { get; init; } = Ip; } }" },
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task No_analyzer_throws(string name, string source)
    {
        _ = name;
        foreach (var version in new[] { LanguageVersion.Latest, LanguageVersion.CSharp7_3 })
        {
            var compilation = AllAnalyzers.Compile([Usings + source], version);
            var (_, diagnostics, exceptions) = await AllAnalyzers.RunAsync(compilation);
            Assert.Empty(exceptions);
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        }
    }

    [Fact]
    public async Task No_analyzer_throws_on_all_of_them_at_once_nor_without_the_runtime()
    {
        var all = Sources.Select(row => Usings + (string)row[1]).ToArray();
        var (_, diagnostics, exceptions) = await AllAnalyzers.RunAsync(AllAnalyzers.Compile(all));
        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");

        // Without the runtime reference, the analyzers stay silent.
        var bare = AllAnalyzers.Compile(all, references: Basic.Reference.Assemblies.Net100.References.All);
        var (_, none, bareExceptions) = await AllAnalyzers.RunAsync(bare);
        Assert.Empty(bareExceptions);
        Assert.Empty(none);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task No_code_fix_throws(string name, string source)
    {
        _ = name;
        _ = await ApplyEveryFixAsync(source);
    }

    [Theory]
    [InlineData("unclosed type", 1)]
    [InlineData("fixable but broken", 3)]
    public async Task Fixes_are_offered_on_broken_code(string name, int expected)
    {
        // The fixes above really ran: PIN001 (and PIN011 where Ip and UserAgent exist) are fixable here.
        var source = (string)Sources.Single(row => (string)row[0] == name)[1];
        Assert.Equal(expected, await ApplyEveryFixAsync(source));
    }

    /// <summary>Registers and computes every code action for the source's fixable diagnostics, then Fix All; returns the number of actions.</summary>
    private static async Task<int> ApplyEveryFixAsync(string source)
    {
        var count = 0;
        using var workspace = new AdhocWorkspace(MefHostServices.DefaultHost);
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Consumer", "Consumer", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                metadataReferences: TestSetup.References))
            .AddDocument(documentId, "Order.cs", SourceText.From(Usings + source));
        var document = solution.GetDocument(documentId)!;
        var compilation = (await document.Project.GetCompilationAsync())!;
        var (_, diagnostics, exceptions) = await AllAnalyzers.RunAsync(compilation);
        Assert.Empty(exceptions);

        CodeFixProvider[] providers = [new MakePartialCodeFixProvider(), new MapMembersCodeFixProvider()];
        foreach (var provider in providers)
        {
            var fixable = diagnostics.Where(d => provider.FixableDiagnosticIds.Contains(d.Id) && d.Location.IsInSource).ToImmutableArray();
            foreach (var diagnostic in fixable)
            {
                var actions = new List<CodeAction>();
                await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
                foreach (var action in actions)
                {
                    count++;
                    var operations = await action.GetOperationsAsync(CancellationToken.None);
                    var changed = Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
                    Assert.NotNull(await changed.GetDocument(documentId)!.GetSyntaxRootAsync());
                }
            }

            if (fixable.Length > 0 && provider.GetFixAllProvider() is { } fixAll)
            {
                var context = new FixAllContext(document, provider, FixAllScope.Document, null!, provider.FixableDiagnosticIds,
                    new FixedDiagnostics(fixable), CancellationToken.None);
                _ = await fixAll.GetFixAsync(context);
            }
        }
        return count;
    }

    private sealed class FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>([]);
    }
}
