using System.Text.Json;
using Xunit;

namespace Pinterest.Conversions.Generators.Tests.CompileAndRun;

/// <summary>Every collection kind a mapped member may have, for a hashed field, for content_ids and for contents.</summary>
public sealed class CollectionTests
{
    /// <summary>Collection type (with {0} for the element type) and an expression building it from an array named {0}.</summary>
    public static TheoryData<string, string, string> Kinds => new()
    {
        { "array", "{0}[]", "{1}" },
        { "List<T>", "List<{0}>", "new List<{0}>({1})" },
        { "IReadOnlyList<T> over an array", "IReadOnlyList<{0}>", "{1}" },
        { "IReadOnlyList<T> over a List", "IReadOnlyList<{0}>", "new List<{0}>({1})" },
        { "IReadOnlyCollection<T>", "IReadOnlyCollection<{0}>", "new Queue<{0}>({1})" },
        { "IEnumerable<T> (lazy)", "IEnumerable<{0}>", "{1}.Select(x => x)" },
        { "IEnumerable<T> over a List", "IEnumerable<{0}>", "new List<{0}>({1})" },
        { "ImmutableArray<T>", "ImmutableArray<{0}>", "ImmutableArray.Create({1})" },
        { "HashSet<T>", "HashSet<{0}>", "new HashSet<{0}>({1})" },
    };

    private static string Type(string pattern, string element) => string.Format(pattern, element, "");

    private static string Build(string pattern, string element, string array) => string.Format(pattern, element, array);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Hashed_field_writes_each_value_once(string kind, string type, string build)
    {
        _ = kind;
        var emails = """new string?[] { "  John.Doe@Example.COM ", "jane@example.com", null, "   ", "john.doe@example.com", "JANE@example.com" }""";
        var (compiled, evt) = TestEvents.Create(
            $"[MapTo(PinterestField.Email)] public required {Type(type, "string?")} Emails {{ get; init; }}",
            $"Emails = {Build(build, "string?", emails)}");
        using var loaded = compiled;

        Assert.Equal(
            TestEvents.Head + "\"user_data\":{\"em\":[\"" + EventJson.JohnDoeEmailHash
                + "\",\"8c87b489ce35cf2e2f39f80e282cb2e804932a56a213983eeeb428407d43b52d\"],\"client_ip_address\":\"203.0.113.7\",\"client_user_agent\":\"UA/1.0\"}}",
            EventJson.Serialize(evt));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Hashed_field_with_an_empty_or_null_collection_is_omitted(string kind, string type, string build)
    {
        _ = kind;
        var nullable = type.StartsWith("ImmutableArray", StringComparison.Ordinal) ? "" : "?";
        var (compiled, evt) = TestEvents.Create(
            $$"""
            [MapTo(PinterestField.Email)] public {{Type(type, "string")}}{{nullable}} Empty { get; init; }
            [MapTo(PinterestField.ExternalId)] public {{Type(type, "string")}}{{nullable}} Unset { get; init; }
            """,
            $"Empty = {Build(build, "string", "new string[0]")}");
        using var loaded = compiled;

        Assert.Equal(TestEvents.Head + TestEvents.UserData + "}", EventJson.Serialize(evt));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Content_ids_are_trimmed_and_de_duplicated(string kind, string type, string build)
    {
        _ = kind;
        var (compiled, evt) = TestEvents.Create(
            $"[MapTo(PinterestField.ContentIds)] public required {Type(type, "string?")} Skus {{ get; init; }}",
            "Skus = " + Build(build, "string?", """new string?[] { "sku-1", " sku-1 ", null, "", "sku-2", "sku-1" }"""));
        using var loaded = compiled;

        Assert.Equal("""{"content_ids":["sku-1","sku-2"]}""", TestEvents.Property(EventJson.Serialize(evt), "custom_data"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Content_ids_empty_or_null_are_omitted(string kind, string type, string build)
    {
        _ = kind;
        var nullable = type.StartsWith("ImmutableArray", StringComparison.Ordinal) ? "" : "?";
        var (compiled, evt) = TestEvents.Create(
            $$"""
            [MapTo(PinterestField.ContentIds)] public {{Type(type, "string")}}{{nullable}} Skus { get; init; }
            [MapTo(PinterestField.DeviceInfoLanguages)] public {{Type(type, "string")}}{{nullable}} Languages { get; init; }
            """,
            "Skus = " + Build(build, "string", """new string[] { " ", "" }"""));
        using var loaded = compiled;

        Assert.Equal(TestEvents.Head + TestEvents.UserData + "}", EventJson.Serialize(evt));
    }

    [Fact]
    public void Default_immutable_array_is_omitted()
    {
        var (compiled, evt) = TestEvents.Create("""
                [MapTo(PinterestField.Email)] public ImmutableArray<string> Emails { get; init; }
                [MapTo(PinterestField.ContentIds)] public ImmutableArray<string> Skus { get; init; }
                [MapTo(PinterestField.Contents)] public ImmutableArray<Line> Lines { get; init; }
            """, "Emails = default, Skus = default, Lines = default", declarations: "public sealed record Line([property: MapTo(PinterestField.ItemId)] string Id);");
        using var loaded = compiled;

        Assert.Equal(TestEvents.Head + TestEvents.UserData + "}", EventJson.Serialize(evt));
    }

    [Fact]
    public void Several_members_of_one_hashed_field_become_one_array()
    {
        var (compiled, evt) = TestEvents.Create("""
                [MapTo(PinterestField.Email)] public string? Primary { get; init; } = "  John.Doe@Example.COM ";
                [MapTo(PinterestField.Email)] public string[] Others { get; init; } = ["jane@example.com", "john.doe@example.com"];
                [MapTo(PinterestField.Email)] public string? Again { get; init; } = "JANE@EXAMPLE.COM";
            """);
        using var loaded = compiled;

        using var json = JsonDocument.Parse(EventJson.Serialize(evt));
        var em = json.RootElement.GetProperty("user_data").GetProperty("em").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal([EventJson.JohnDoeEmailHash, "8c87b489ce35cf2e2f39f80e282cb2e804932a56a213983eeeb428407d43b52d"], em);
    }

    public static TheoryData<string, string, string> ContentsKinds => new()
    {
        { "array", "{0}[]", "{1}" },
        { "List<T>", "List<{0}>", "new List<{0}>({1})" },
        { "IReadOnlyList<T>", "IReadOnlyList<{0}>", "{1}" },
        { "IReadOnlyCollection<T>", "IReadOnlyCollection<{0}>", "new Queue<{0}>({1})" },
        { "IEnumerable<T> (lazy)", "IEnumerable<{0}>", "{1}.Select(x => x)" },
        { "ImmutableArray<T>", "ImmutableArray<{0}>", "ImmutableArray.Create({1})" },
        { "HashSet<T>", "HashSet<{0}>", "new HashSet<{0}>({1}, ReferenceEqualityComparer.Instance)" },
    };

    private const string LineClass = """
        public sealed class Line
        {
            [MapTo(PinterestField.ItemId)] public string? Sku { get; init; }
            [MapTo(PinterestField.ItemPrice)] public decimal Price { get; init; }
            [MapTo(PinterestField.Quantity)] public int Quantity { get; init; }
            [MapTo(PinterestField.ItemName)] public string? Name { get; init; }
            [MapTo(PinterestField.ItemCategory)] public string? Category { get; init; }
            [MapTo(PinterestField.ItemBrand)] public string? Brand { get; init; }
        }
        """;

    private const string Lines = """
        new Line?[]
        {
            new Line { Sku = "sku-1", Price = 14.99m, Quantity = 3, Name = " Mug ", Category = "Kitchen", Brand = "Acme" },
            null,
            new Line { Sku = "sku-2", Price = 13.71m, Quantity = 2 },
        }
        """;

    private const string ExpectedContents =
        """[{"id":"sku-1","item_price":"14.99","quantity":3,"item_name":"Mug","item_category":"Kitchen","item_brand":"Acme"},{"id":"sku-2","item_price":"13.71","quantity":2}]""";

    [Theory]
    [MemberData(nameof(ContentsKinds))]
    public void Contents_of_a_class_skip_null_elements(string kind, string type, string build)
    {
        _ = kind;
        var (compiled, evt) = TestEvents.Create(
            $"[MapTo(PinterestField.Contents)] public required {Type(type, "Line?")} Lines {{ get; init; }}",
            $"Lines = {Build(build, "Line?", Lines)}",
            declarations: LineClass);
        using var loaded = compiled;

        Assert.Equal("{\"contents\":" + ExpectedContents + "}", TestEvents.Property(EventJson.Serialize(evt), "custom_data"));
    }

    [Theory]
    [MemberData(nameof(ContentsKinds))]
    public void Contents_of_a_struct(string kind, string type, string build)
    {
        _ = kind;
        var (compiled, evt) = TestEvents.Create(
            $"[MapTo(PinterestField.Contents)] public required {Type(type, "Line")} Lines {{ get; init; }}",
            "Lines = " + Build(build.Replace(", ReferenceEqualityComparer.Instance", ""), "Line", """new Line[] { new("sku-1", 14.99, 3), new("sku-2", 13.71f, null) }"""),
            declarations: """
                public readonly record struct Line(
                    [property: MapTo(PinterestField.ItemId)] string Sku,
                    [property: MapTo(PinterestField.ItemPrice)] double Price,
                    [property: MapTo(PinterestField.Quantity)] long? Quantity);
                """);
        using var loaded = compiled;

        Assert.Equal(
            """{"contents":[{"id":"sku-1","item_price":"14.99","quantity":3},{"id":"sku-2","item_price":"13.710000038146973"}]}""",
            TestEvents.Property(EventJson.Serialize(evt), "custom_data"));
    }

    [Theory]
    [MemberData(nameof(ContentsKinds))]
    public void Contents_empty_null_or_only_null_elements_are_omitted(string kind, string type, string build)
    {
        _ = kind;
        var nullable = type.StartsWith("ImmutableArray", StringComparison.Ordinal) ? "" : "?";
        var (compiled, evt) = TestEvents.Create(
            $$"""
            [MapTo(PinterestField.Contents)] public {{Type(type, "Line?")}}{{nullable}} Lines { get; init; }
            """,
            $"Lines = {Build(build, "Line?", "new Line?[] { null, null }")}",
            declarations: LineClass);
        using var loaded = compiled;

        Assert.Equal(TestEvents.Head + TestEvents.UserData + "}", EventJson.Serialize(evt));
    }

    [Fact]
    public void Contents_element_members_inherited_and_with_every_money_type()
    {
        var (compiled, evt) = TestEvents.Create(
            "[MapTo(PinterestField.Contents)] public List<Line> Lines { get; init; } = [];",
            """Lines = [new Line { Sku = "a", Price = 1.25f }, new Line { Sku = " ", Price = float.NaN }]""",
            declarations: """
                public abstract class LineBase
                {
                    [MapTo(PinterestField.ItemId)] public string? Sku { get; init; }
                }
                public sealed class Line : LineBase
                {
                    [MapTo(PinterestField.ItemPrice)] public float Price { get; init; }
                }
                """);
        using var loaded = compiled;

        var (report, json) = EventJson.Write(evt);
        Assert.Equal("""{"contents":[{"id":"a","item_price":"1.25"},{}]}""", TestEvents.Property(json, "custom_data"));
        Assert.Equal(PinterestHashStatus.Invalid, report.GetDropReason(PinterestField.ItemPrice));
    }
}
