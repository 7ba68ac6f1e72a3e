using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Pinterest.Conversions.Generators.Pipeline;
using Xunit;
using Xunit.Sdk;

namespace Pinterest.Conversions.Generators.Tests.Incremental;

/// <summary>
/// Edits a compilation the way an IDE does and checks what the generator re-does: nothing for unrelated edits, only
/// the edited event for an edit of one event. Named steps come from <see cref="TrackingNames"/>.
/// </summary>
public sealed class IncrementalCachingTests
{
    private const string OrderSource = """
        namespace Shop;

        public abstract record WebEvent
        {
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
            [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
        }

        [PinterestEvent(EventName.Checkout)]
        public sealed partial record OrderPlaced : WebEvent
        {
            [MapTo(PinterestField.EventId)] public string? OrderNumber { get; init; }
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
            [MapTo(PinterestField.Value)] public decimal Total { get; init; }
            [MapTo(PinterestField.Contents)] public List<Line> Lines { get; init; } = [];
        }

        public sealed class Line { [MapTo(PinterestField.ItemId)] public string? Sku { get; init; } }
        """;

    private const string SignupSource = """
        namespace Shop;

        [PinterestEvent(EventName.Signup, EventIdFormat = "signup-{UserId}")]
        public partial struct SignedUp
        {
            public Guid UserId { get; init; }
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
        }
        """;

    private const string ServiceSource = """
        namespace Shop;

        public sealed class PriceService
        {
            public decimal Price(int quantity) => quantity * 2m;
        }
        """;

    private sealed class Session
    {
        private GeneratorDriver _driver;

        public Session(params string[] sources)
        {
            Compilation = GeneratorHarness.CreateCompilation(sources);
            _driver = GeneratorHarness.CreateDriver((CSharpParseOptions)Compilation.SyntaxTrees.First().Options);
            First = Run();
        }

        public CSharpCompilation Compilation { get; private set; }

        public GeneratorDriverRunResult First { get; }

        public GeneratorDriverRunResult Run()
        {
            _driver = _driver.RunGeneratorsAndUpdateCompilation(Compilation, out _, out var diagnostics);
            var result = _driver.GetRunResult();
            GeneratorHarness.AssertNoGeneratorFailure(result, diagnostics);
            return result;
        }

        public GeneratorDriverRunResult Edit(string path, Func<string, string> edit)
        {
            var tree = Compilation.SyntaxTrees.Single(t => t.FilePath == path);
            var text = tree.GetText().ToString();
            var edited = edit(text);
            Assert.NotEqual(text, edited);
            Compilation = Compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(edited)));
            return Run();
        }

        public GeneratorDriverRunResult Add(string source)
        {
            Compilation = Compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, (CSharpParseOptions)Compilation.SyntaxTrees.First().Options, path: $"Added{Compilation.SyntaxTrees.Count()}.cs"));
            return Run();
        }
    }

    /// <summary>The reasons of a step's outputs, by the hint name of the model they carry.</summary>
    private static Dictionary<string, IncrementalStepRunReason> Reasons(GeneratorDriverRunResult result, string step) =>
        result.Results.Single().TrackedSteps[step]
            .SelectMany(s => s.Outputs)
            .Where(o => o.Value is not null)
            .ToDictionary(o => HintName(o.Value), o => o.Reason);

    private static string HintName(object model) =>
        (string)model.GetType().GetProperty("HintName")!.GetValue(model)!;

    private static Dictionary<string, string> Sources(GeneratorDriverRunResult result) =>
        result.Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    private static void AssertAllCached(GeneratorDriverRunResult result, GeneratorDriverRunResult before)
    {
        foreach (var step in new[] { TrackingNames.EventSpecs, TrackingNames.EmittableSpecs })
        {
            var outputs = result.Results.Single().TrackedSteps[step].SelectMany(s => s.Outputs).ToArray();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }
        Assert.All(result.Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Equal(Sources(before), Sources(result));
    }

    [Fact]
    public void The_pipeline_tracks_its_named_steps()
    {
        var session = new Session(OrderSource, SignupSource);

        var steps = session.First.Results.Single().TrackedSteps;
        Assert.Equal(2, steps[TrackingNames.EventSpecs].SelectMany(s => s.Outputs).Count(o => o.Value is not null));
        Assert.Equal(2, steps[TrackingNames.EmittableSpecs].SelectMany(s => s.Outputs).Count());
        Assert.Equal(["Shop.OrderPlaced.PinterestEvent.g.cs", "Shop.SignedUp.PinterestEvent.g.cs"], Sources(session.First).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Adding_an_unrelated_file_reuses_every_model_and_output()
    {
        var session = new Session(OrderSource, SignupSource, ServiceSource);

        var second = session.Add("namespace Shop; public static class Unrelated { public static int Answer => 42; }");

        AssertAllCached(second, session.First);
    }

    [Fact]
    public void Editing_an_unrelated_method_body_reuses_every_model_and_output()
    {
        var session = new Session(OrderSource, SignupSource, ServiceSource);

        var second = session.Edit("Source2.cs", text => text.Replace("quantity * 2m", "quantity * 3m + 1m"));

        AssertAllCached(second, session.First);
    }

    [Fact]
    public void Editing_a_method_body_in_the_event_file_reuses_the_output()
    {
        var session = new Session(OrderSource + "\npublic static class Helpers { public static int Twice(int x) => x * 2; }", SignupSource);

        var second = session.Edit("Source0.cs", text => text.Replace("x * 2", "x + x"));

        AssertAllCached(second, session.First);
    }

    [Fact]
    public void Adding_an_unmapped_member_to_an_event_reuses_the_output()
    {
        var session = new Session(OrderSource, SignupSource);

        var second = session.Edit("Source1.cs", text => text.Replace("public Guid UserId { get; init; }", "public Guid UserId { get; init; }\n    public string? Note { get; init; }"));

        AssertAllCached(second, session.First);
    }

    [Fact]
    public void Editing_one_event_regenerates_only_that_event()
    {
        var session = new Session(OrderSource, SignupSource, ServiceSource);

        var second = session.Edit("Source1.cs", text => text.Replace(
            "[MapTo(PinterestField.Email)] public string? Email { get; init; }",
            "[MapTo(PinterestField.Email)] public string? Email { get; init; }\n    [MapTo(PinterestField.Phone)] public string? Phone { get; init; }"));

        const string signup = "Shop.SignedUp.PinterestEvent.g.cs", order = "Shop.OrderPlaced.PinterestEvent.g.cs";
        foreach (var step in new[] { TrackingNames.EventSpecs, TrackingNames.EmittableSpecs })
        {
            var reasons = Reasons(second, step);
            Assert.Equal(IncrementalStepRunReason.Modified, reasons[signup]);
            Assert.True(reasons[order] is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reasons[order]}");
        }
        var before = Sources(session.First);
        var after = Sources(second);
        Assert.Equal(before[order], after[order]);
        Assert.NotEqual(before[signup], after[signup]);
        Assert.Contains("PinterestField.Phone", after[signup], StringComparison.Ordinal);
        var outputs = second.Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
        Assert.Equal(1, outputs.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(1, outputs.Count(r => r == IncrementalStepRunReason.Cached));
    }

    [Fact]
    public void Editing_a_base_type_in_another_file_regenerates_the_derived_event()
    {
        var session = new Session(
            OrderSource.Replace("public abstract record WebEvent", "public abstract record WebEventUnused"),
            SignupSource,
            """
            namespace Shop;
            public abstract record WebEvent
            {
                [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
                [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
            }
            """);

        var second = session.Edit("Source2.cs", text => text.Replace(
            "public string? UserAgent { get; init; }",
            "public string? UserAgent { get; init; }\n    [MapTo(PinterestField.ClickId)] public string? ClickId { get; init; }"));

        var reasons = Reasons(second, TrackingNames.EventSpecs);
        Assert.Equal(IncrementalStepRunReason.Modified, reasons["Shop.OrderPlaced.PinterestEvent.g.cs"]);
        Assert.True(reasons["Shop.SignedUp.PinterestEvent.g.cs"] is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        Assert.Contains("this.@ClickId", Sources(second)["Shop.OrderPlaced.PinterestEvent.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_the_attribute_removes_the_output()
    {
        var session = new Session(OrderSource, SignupSource);

        var second = session.Edit("Source1.cs", text => text.Replace("[PinterestEvent(EventName.Signup, EventIdFormat = \"signup-{UserId}\")]", ""));

        Assert.Equal(["Shop.OrderPlaced.PinterestEvent.g.cs"], Sources(second).Keys);
        Assert.Equal(Sources(session.First)["Shop.OrderPlaced.PinterestEvent.g.cs"], Sources(second)["Shop.OrderPlaced.PinterestEvent.g.cs"]);
    }

    [Fact]
    public void Lowering_the_language_version_removes_every_output_and_raising_it_restores_them()
    {
        var session = new Session(OrderSource, SignupSource);
        var parse = (CSharpParseOptions)session.Compilation.SyntaxTrees.First().Options;

        var driver = GeneratorHarness.CreateDriver(parse.WithLanguageVersion(LanguageVersion.CSharp10));
        var old = session.Compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(
            session.Compilation.SyntaxTrees.Select(t => t.WithRootAndOptions(t.GetRoot(), parse.WithLanguageVersion(LanguageVersion.CSharp10))));
        driver = driver.RunGenerators(old);
        Assert.Empty(driver.GetRunResult().GeneratedTrees);

        driver = driver.RunGenerators(session.Compilation);
        Assert.Equal(Sources(session.First), Sources(driver.GetRunResult()));
    }

    [Fact]
    public void Models_hold_no_symbol_syntax_node_semantic_model_or_compilation()
    {
        var session = new Session(OrderSource, SignupSource, """
            namespace Shop;
            public partial class Outer
            {
                [PinterestEvent("my_custom-event", ActionSource = ActionSource.AppIos, EventIdFormat = "{{x}}-{Id}-{Day}")]
                public readonly partial record struct Custom(
                    [MapTo(PinterestField.MobileAdId)] ImmutableArray<string> AdIds,
                    [MapTo(PinterestField.DateOfBirth)] DateOnly? Birthday,
                    [MapTo(PinterestField.Contents)] IReadOnlyList<Item> Items,
                    [MapTo(PinterestField.LimitedDataProcessing)] bool? Ldp,
                    [MapTo(PinterestField.EventTime)] long At,
                    int Id,
                    DateOnly Day);
            }
            public readonly record struct Item([property: MapTo(PinterestField.ItemPrice)] double Price, [property: MapTo(PinterestField.Quantity)] int Quantity);
            """);

        var walked = 0;
        foreach (var (name, steps) in GeneratorHarness.TrackedSteps(session.First))
        {
            foreach (var output in steps.SelectMany(s => s.Outputs))
            {
                GeneratorHarness.AssertHoldsNoCompilationObjects(output.Value, name);
                walked++;
            }
        }
        Assert.True(walked >= 6, $"walked {walked} outputs");
        Assert.Equal(3, session.First.GeneratedTrees.Length);
    }

    [Fact]
    public void The_model_walk_finds_a_symbol_wherever_it_hides()
    {
        var compilation = GeneratorHarness.CreateCompilation("public class C { }");
        var symbol = compilation.GetTypeByMetadataName("C")!;
        var node = compilation.SyntaxTrees.First().GetRoot();

        Assert.ThrowsAny<XunitException>(() => GeneratorHarness.AssertHoldsNoCompilationObjects(symbol, "direct"));
        Assert.ThrowsAny<XunitException>(() => GeneratorHarness.AssertHoldsNoCompilationObjects((1, ("a", new object[] { node })), "nested in a tuple and an array"));
        Assert.ThrowsAny<XunitException>(() => GeneratorHarness.AssertHoldsNoCompilationObjects(new Holder(ImmutableArray.Create<object>(compilation)), "in a property"));
        Assert.ThrowsAny<XunitException>(() => GeneratorHarness.AssertHoldsNoCompilationObjects(new Holder(ImmutableArray.Create<object>(compilation.GetSemanticModel(compilation.SyntaxTrees.First()))), "semantic model"));
        GeneratorHarness.AssertHoldsNoCompilationObjects(new Holder(ImmutableArray.Create<object>("text", 1, (2, "x"))), "clean");
    }

    private sealed record Holder(ImmutableArray<object> Items);
}
