using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Pinterest.Conversions.Generators.Pipeline;
using Xunit;

namespace Pinterest.Conversions.Generators.Tests.Snapshots;

/// <summary>
/// The generated source of a few representative event types, compared with the expected text in
/// <c>Snapshots/*.g.cs.txt</c> by Microsoft.CodeAnalysis.Testing (which also compiles the result).
/// To regenerate the snapshots after an intended change of the emitter, run
/// <c>UPDATE_SNAPSHOTS=1 dotnet test --filter FullyQualifiedName~SnapshotTests</c>, then review the diff of Snapshots/
/// before committing it.
/// </summary>
public sealed class SnapshotTests
{
    [Fact]
    public Task Checkout_record_with_a_base_record_and_contents() => Verify("Checkout", "Shop.OrderPlaced.PinterestEvent.g.cs", """
        using System;
        using System.Collections.Generic;
        using Pinterest.Conversions;

        namespace Shop;

        public abstract record WebEvent
        {
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
            [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
            [MapTo(PinterestField.ClickId)] public string? ClickId { get; init; }
            [MapTo(PinterestField.EventSourceUrl)] public string? Url { get; init; }
        }

        public sealed record OrderLine(
            [property: MapTo(PinterestField.ItemId)] string Sku,
            [property: MapTo(PinterestField.ItemPrice)] decimal Price,
            [property: MapTo(PinterestField.Quantity)] int Quantity);

        [PinterestEvent(EventName.Checkout)]
        public sealed partial record OrderPlaced : WebEvent
        {
            [MapTo(PinterestField.EventId)] public required string OrderNumber { get; init; }
            [MapTo(PinterestField.EventTime)] public DateTimeOffset PlacedAt { get; init; }
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
            [MapTo(PinterestField.Phone)] public string? Phone { get; init; }
            [MapTo(PinterestField.Value)] public decimal Total { get; init; }
            [MapTo(PinterestField.Currency)] public string Currency { get; init; } = "USD";
            [MapTo(PinterestField.ContentIds)] public IReadOnlyList<string> Skus { get; init; } = [];
            [MapTo(PinterestField.Contents)] public List<OrderLine> Lines { get; init; } = [];
            [MapTo(PinterestField.OrderId)] public string? OrderId => OrderNumber;
        }
        """);

    [Fact]
    public Task Struct_with_an_event_id_format_and_collections() => Verify("PageVisitStruct", "Shop.Web.PageViewed.PinterestEvent.g.cs", """
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using Pinterest.Conversions;

        namespace Shop.Web
        {
            [PinterestEvent(EventName.PageVisit, EventIdFormat = "view-{{{ViewId}}}-{Day}-{Attempt}")]
            public readonly partial struct PageViewed
            {
                public Guid ViewId { get; init; }
                public DateOnly Day { get; init; }
                public int? Attempt { get; init; }
                [MapTo(PinterestField.ActionSource)] public ActionSource? Source { get; init; }
                [MapTo(PinterestField.EventTime)] public DateTime? ViewedAt { get; init; }
                [MapTo(PinterestField.Email)] public ImmutableArray<string> Emails { get; init; }
                [MapTo(PinterestField.MobileAdId, Hashing = Hashing.PreHashed)] public HashSet<string>? AdIds { get; init; }
                [MapTo(PinterestField.ExternalId)] public IReadOnlyList<string>? UserIds { get; init; }
                [MapTo(PinterestField.ContentIds)] public IEnumerable<string>? Skus { get; init; }
                [MapTo(PinterestField.Value)] public double? Price { get; init; }
                [MapTo(PinterestField.OptOut)] public bool? OptOut { get; init; }
            }
        }
        """);

    [Fact]
    public Task Nested_keyword_named_app_event() => Verify("NestedAppEvent", "Shop.Apps.class.Installed.PinterestEvent.g.cs", """
        using System;
        using Pinterest.Conversions;

        namespace Shop.Apps;

        public static partial class @class
        {
            [PinterestEvent(EventName.AppInstall, ActionSource = ActionSource.AppAndroid)]
            internal readonly partial record struct Installed(
                [MapTo(PinterestField.EventId)] long InstallId,
                [MapTo(PinterestField.MobileAdId)] string? AdId,
                [MapTo(PinterestField.DateOfBirth)] DateOnly Birthday,
                [MapTo(PinterestField.OptOutType)] string? OptOutType,
                [MapTo(PinterestField.LimitedDataProcessing)] bool Ldp,
                [MapTo(PinterestField.State)] string? State,
                [MapTo(PinterestField.Country)] string? Country,
                [MapTo(PinterestField.AppId)] string? AppId,
                [MapTo(PinterestField.Wifi)] bool Wifi,
                [MapTo(PinterestField.AppInfoWindowHeight)] int? Height,
                [MapTo(PinterestField.DeviceInfoLanguages)] string[]? Languages,
                [MapTo(PinterestField.DeviceInfoBatteryLevel)] byte Battery);
        }
        """);

    [Fact]
    public Task Custom_event_in_the_global_namespace_with_struct_line_items() => Verify("CustomGlobal", "Signup.PinterestEvent.g.cs", """
        using System.Collections.Generic;
        using Pinterest.Conversions;

        public readonly record struct Plan(
            [property: MapTo(PinterestField.ItemId)] string Id,
            [property: MapTo(PinterestField.ItemPrice)] float Price,
            [property: MapTo(PinterestField.ItemName)] string? Name);

        [PinterestEvent("trial_signup-v2")]
        public partial class Signup
        {
            [MapTo(PinterestField.EventId)] public string? writer;
            [MapTo(PinterestField.ClientIpAddress)] public string? context { get; set; }
            [MapTo(PinterestField.ClientUserAgent)] public string? @event { get; set; }
            [MapTo(PinterestField.Contents)] public IEnumerable<Plan> Plans { get; set; } = [];
            [MapTo(PinterestField.NumItems)] public int Count { get; set; }
            [MapTo(PinterestField.PredictedLtv)] public long Ltv { get; set; }
        }
        """);

    [Fact]
    public Task Event_named_at_run_time_by_an_inherited_member() => Verify("RunTimeName", "Platform.TenantConversion.PinterestEvent.g.cs", """
        using Pinterest.Conversions;

        namespace Platform;

        public abstract record TenantEvent
        {
            [PinterestEventName] public required string Name { get; init; }
        }

        [PinterestEvent(EventIdFormat = "{Tenant}-{Id}")]
        public sealed partial record TenantConversion : TenantEvent
        {
            public required string Tenant { get; init; }
            public required string Id { get; init; }
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
            [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
            [MapTo(PinterestField.Value)] public decimal? Value { get; init; }
            [MapTo(PinterestField.LimitedDataProcessing)] public bool Ldp { get; init; }
        }
        """);

    private static async Task Verify(string snapshot, string hintName, string source, [CallerFilePath] string thisFile = "")
    {
        source = "#nullable enable\n" + source;
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            var run = GeneratorHarness.Run(source);
            var actual = Assert.Single(run.Sources, s => s.HintName == hintName).Text;
            await File.WriteAllTextAsync(Path.Combine(Path.GetDirectoryName(thisFile)!, snapshot + ".g.cs.txt"), actual);
            Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "Snapshots"));
            await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Snapshots", snapshot + ".g.cs.txt"), actual);
        }

        var expected = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Snapshots", snapshot + ".g.cs.txt"));
        var test = new CSharpSourceGeneratorTest<EventGenerator, DefaultVerifier>
        {
            // No reference-assembly package (offline): the .NET 10 references come from Basic.Reference.Assemblies.
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
            TestState =
            {
                Sources = { source },
                GeneratedSources = { (typeof(EventGenerator), hintName, SourceText.From(expected, Encoding.UTF8)) },
            },
        };
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(IPinterestEvent).Assembly.Location));
        await test.RunAsync();
    }
}
