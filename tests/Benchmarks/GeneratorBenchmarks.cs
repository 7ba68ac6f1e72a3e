using System.Reflection;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Pinterest.Conversions.Generators.Pipeline;

namespace Pinterest.Conversions.Benchmarks;

/// <summary>
/// (c) The generator itself over a compilation of 200 event types, side by side with the System.Text.Json source
/// generator (the one the .NET 10 SDK ships) over 200 equivalent [JsonSerializable] types. Each run is a cold driver.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private const int TypeCount = 200;
    private CSharpCompilation _eventsCompilation = null!;
    private CSharpCompilation _jsonCompilation = null!;
    private IIncrementalGenerator _jsonGenerator = null!;

    [GlobalSetup]
    public void Setup()
    {
        var references = Basic.Reference.Assemblies.Net100.References.All
            .Append(MetadataReference.CreateFromFile(typeof(PinterestEventAttribute).Assembly.Location))
            .ToArray();
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        _eventsCompilation = CSharpCompilation.Create("Events", [CSharpSyntaxTree.ParseText(EventsSource(), parse)], references, options);
        _jsonCompilation = CSharpCompilation.Create("Json", [CSharpSyntaxTree.ParseText(JsonSource(), parse)], references, options);
        _jsonGenerator = LoadJsonSourceGenerator();
    }

    [Benchmark(Baseline = true, Description = "System.Text.Json generator, 200 types")]
    public int SystemTextJsonGenerator() => Run(_jsonGenerator, _jsonCompilation);

    [Benchmark(Description = "Pinterest.Conversions generator, 200 event types")]
    public int PinterestGenerator() => Run(new EventGenerator(), _eventsCompilation);

    private static int Run(IIncrementalGenerator generator, CSharpCompilation compilation)
    {
        var driver = CSharpGeneratorDriver.Create([generator.AsSourceGenerator()], parseOptions: (CSharpParseOptions)compilation.SyntaxTrees[0].Options);
        var result = driver.RunGenerators(compilation).GetRunResult();
        if (result.Results[0].Exception is { } exception) throw exception;
        return result.GeneratedTrees.Length;
    }

    private static string EventsSource()
    {
        var source = new StringBuilder("using Pinterest.Conversions;\nnamespace Bench;\n");
        for (var i = 0; i < TypeCount; i++)
        {
            source.Append($$"""
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

                """);
        }
        return source.ToString();
    }

    private static string JsonSource()
    {
        var source = new StringBuilder("using System.Text.Json.Serialization;\nnamespace Bench;\n");
        for (var i = 0; i < TypeCount; i++)
        {
            source.Append($$"""
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

                """);
        }
        source.Append("[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]\n");
        for (var i = 0; i < TypeCount; i++) source.Append($"[JsonSerializable(typeof(Event{i}))]\n");
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
