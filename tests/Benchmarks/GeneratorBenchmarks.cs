using System.Reflection;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Pinterest.Conversions.Generators.Pipeline;

namespace Pinterest.Conversions.Benchmarks;

/// <summary>
/// (c) The generator itself over compilations of 20 and 200 event types (one file each, as in a real project), side by
/// side with the System.Text.Json source generator (the one the .NET 10 SDK ships) over as many equivalent
/// [JsonSerializable] types. Each cold run is a new driver; the incremental run edits one event type under a driver that
/// has already run over the project, as the IDE and the compiler server do on each keystroke or build.
/// The real build's figures come from tests/Benchmarks/RealBuild/measure-generators.sh.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    [Params(20, 200)]
    public int TypeCount { get; set; }

    private CSharpCompilation _eventsCompilation = null!;
    private CSharpCompilation _jsonCompilation = null!;
    private IIncrementalGenerator _jsonGenerator = null!;
    private GeneratorDriver _warmEventsDriver = null!;
    private CSharpCompilation _editedCompilation = null!;

    [GlobalSetup]
    public void Setup()
    {
        var references = Basic.Reference.Assemblies.Net100.References.All
            .Append(MetadataReference.CreateFromFile(typeof(PinterestEventAttribute).Assembly.Location))
            .ToArray();
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        _eventsCompilation = CSharpCompilation.Create("Events",
            Enumerable.Range(0, TypeCount).Select(i => CSharpSyntaxTree.ParseText(EventSource(i), parse, path: $"Event{i}.cs")), references, options);
        _jsonCompilation = CSharpCompilation.Create("Json",
            Enumerable.Range(0, TypeCount).Select(i => CSharpSyntaxTree.ParseText(JsonSource(i), parse, path: $"Event{i}.cs"))
                .Append(CSharpSyntaxTree.ParseText(JsonContextSource(TypeCount), parse, path: "BenchContext.cs")), references, options);
        _jsonGenerator = LoadJsonSourceGenerator();

        _warmEventsDriver = CSharpGeneratorDriver.Create([new EventGenerator().AsSourceGenerator()], parseOptions: parse).RunGenerators(_eventsCompilation);
        // The edit: one more mapped member in the middle of the project, which changes that event's generated file.
        var editedEvent = CSharpSyntaxTree.ParseText(EventSource(TypeCount / 2).Replace(
            "    [MapTo(PinterestField.NumItems)]", "    [MapTo(PinterestField.City)] public string? City { get; init; }\n    [MapTo(PinterestField.NumItems)]"),
            parse, path: $"Event{TypeCount / 2}.cs");
        // Made once: the compiler binds the edited compilation for itself anyway; what is measured is the generator's
        // work under a driver that has seen the project before the edit (as the cold rows run on a bound compilation too).
        _editedCompilation = _eventsCompilation.ReplaceSyntaxTree(_eventsCompilation.SyntaxTrees[TypeCount / 2], editedEvent);
        if (IncrementalEdit() != TypeCount) throw new InvalidOperationException("The edit must keep every generated file.");
    }

    [Benchmark(Baseline = true, Description = "System.Text.Json generator, cold")]
    public int SystemTextJsonGenerator() => Run(_jsonGenerator, _jsonCompilation);

    [Benchmark(Description = "Pinterest.Conversions generator, cold")]
    public int PinterestGenerator() => Run(new EventGenerator(), _eventsCompilation);

    [Benchmark(Description = "Pinterest.Conversions generator, one event type edited (warm driver)")]
    public int IncrementalEdit()
    {
        var result = _warmEventsDriver.RunGenerators(_editedCompilation).GetRunResult();
        if (result.Results[0].Exception is { } exception) throw exception;
        return result.GeneratedTrees.Length;
    }

    private static int Run(IIncrementalGenerator generator, CSharpCompilation compilation)
    {
        var driver = CSharpGeneratorDriver.Create([generator.AsSourceGenerator()], parseOptions: (CSharpParseOptions)compilation.SyntaxTrees[0].Options);
        var result = driver.RunGenerators(compilation).GetRunResult();
        if (result.Results[0].Exception is { } exception) throw exception;
        return result.GeneratedTrees.Length;
    }

    private static string EventSource(int i) => $$"""
        using Pinterest.Conversions;
        namespace Bench;
        [PinterestEvent(EventName.Checkout)]
        public partial record Event{{i}}
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.EventTime)] public System.DateTimeOffset At { get; init; }
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
            [MapTo(PinterestField.Phone)] public string? Phone { get; init; }
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
            [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
            [MapTo(PinterestField.Currency)] public string? Currency { get; init; }
            [MapTo(PinterestField.Value)] public decimal Total { get; init; }
            [MapTo(PinterestField.ContentIds)] public string[] Skus { get; init; } = [];
            [MapTo(PinterestField.NumItems)] public int Count { get; init; }
        }
        """;

    private static string JsonSource(int i) => $$"""
        using System.Text.Json.Serialization;
        namespace Bench;
        public record Event{{i}}
        {
            [JsonPropertyName("event_id")] public string Id { get; init; } = "";
            [JsonPropertyName("event_time")] public System.DateTimeOffset At { get; init; }
            [JsonPropertyName("em")] public string? Email { get; init; }
            [JsonPropertyName("ph")] public string? Phone { get; init; }
            [JsonPropertyName("client_ip_address")] public string? Ip { get; init; }
            [JsonPropertyName("client_user_agent")] public string? UserAgent { get; init; }
            [JsonPropertyName("currency")] public string? Currency { get; init; }
            [JsonPropertyName("value")] public decimal Total { get; init; }
            [JsonPropertyName("content_ids")] public string[] Skus { get; init; } = [];
            [JsonPropertyName("num_items")] public int Count { get; init; }
        }
        """;

    private static string JsonContextSource(int count)
    {
        var source = new StringBuilder("using System.Text.Json.Serialization;\nnamespace Bench;\n");
        source.Append("[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]\n");
        for (var i = 0; i < count; i++) source.Append($"[JsonSerializable(typeof(Event{i}))]\n");
        source.Append("public partial class BenchContext : JsonSerializerContext;\n");
        return source.ToString();
    }

    /// <summary>The System.Text.Json source generator of the installed .NET 10 targeting pack.</summary>
    private static IIncrementalGenerator LoadJsonSourceGenerator()
    {
        var dotnetRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var version = Directory.GetDirectories(packs).Select(Path.GetFileName).Where(v => v!.StartsWith("10.", StringComparison.Ordinal))
            .OrderBy(v => Version.Parse(v!.Split('-')[0])).Last();
        var path = Path.Combine(packs, version!, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll");
        var type = Assembly.LoadFrom(path).GetTypes().Single(t => typeof(IIncrementalGenerator).IsAssignableFrom(t) && !t.IsAbstract);
        return (IIncrementalGenerator)Activator.CreateInstance(type)!;
    }
}
