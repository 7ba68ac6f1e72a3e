using Xunit;

namespace Pinterest.Conversions.Generators.Tests.CompileAndRun;

/// <summary>event_id from a mapped member or from an EventIdFormat template.</summary>
public sealed class EventIdTests
{
    private static IPinterestEvent Create(string attribute, string members, string initializer, out CompiledEvents compiled) =>
        Create(attribute, members, initializer, "", out compiled);

    private static IPinterestEvent Create(string attribute, string members, string initializer, string declarations, out CompiledEvents compiled)
    {
        var baseList = declarations.Contains("record Base", StringComparison.Ordinal) ? " : Base" : "";
        compiled = CompiledEvents.Compile($$"""
            namespace Shop;

            {{declarations}}

            [PinterestEvent({{attribute}})]
            public partial record Evt{{baseList}}
            {
                [MapTo(PinterestField.Email)] public string? Email { get; init; } = "john.doe@example.com";
            {{members}}
            }

            public static class Sample { public static IPinterestEvent Create() => new Evt { {{initializer}} }; }
            """);
        return compiled.Create("Shop.Sample.Create");
    }

    private static string WrittenId(IPinterestEvent evt)
    {
        using var json = System.Text.Json.JsonDocument.Parse(EventJson.Serialize(evt));
        return json.RootElement.GetProperty("event_id").GetString()!;
    }

    [Theory]
    [InlineData("string", "\"order-1\"", "order-1")]
    [InlineData("string?", "\" order-1 \"", " order-1 ")]
    [InlineData("int", "42", "42")]
    [InlineData("long", "-9000000000L", "-9000000000")]
    [InlineData("int?", "7", "7")]
    [InlineData("Guid", "new Guid(\"EA7583CD-A667-48BC-B806-42ECB2B48606\")", "ea7583cd-a667-48bc-b806-42ecb2b48606")]
    [InlineData("Guid?", "new Guid(\"EA7583CD-A667-48BC-B806-42ECB2B48606\")", "ea7583cd-a667-48bc-b806-42ecb2b48606")]
    public void Mapped_member_is_used_as_is(string type, string value, string expected)
    {
        var evt = Create("EventName.Checkout", $"[MapTo(PinterestField.EventId)] public required {type} Id {{ get; init; }}", $"Id = {value}", out var compiled);
        using var _ = compiled;

        Assert.Equal(expected, WrittenId(evt));
        Assert.Equal(expected, evt.EventId);
    }

    [Theory]
    [InlineData("string?", "null")]
    [InlineData("string?", "\"\"")]
    [InlineData("string", "\" \\t \"")]
    [InlineData("int?", "null")]
    [InlineData("Guid?", "null")]
    public void Missing_mapped_event_id_makes_the_event_unsendable(string type, string value)
    {
        var evt = Create("EventName.Checkout", $"[MapTo(PinterestField.EventId)] public required {type} Id {{ get; init; }}", $"Id = {value}", out var compiled);
        using var _ = compiled;

        var (report, json) = EventJson.Write(evt);
        Assert.Equal(("", PinterestUnsendableReason.MissingEventId), (json, report.UnsendableReason));
        Assert.Equal("", evt.EventId);
        Assert.Throws<PinterestEventException>(() => PinterestJson.Serialize(evt, EventJson.Context));
    }

    [Fact]
    public void Format_with_placeholders_of_several_types()
    {
        var evt = Create(
            "EventName.Checkout, EventIdFormat = \"order-{Number}-{Line}-{Session}-{Day}-{Region}-{Amount}-{Count}\"",
            """
                public string Number { get; init; } = "";
                public int Line { get; init; }
                public Guid Session { get; init; }
                public DateOnly Day { get; init; }
                public Region Region { get; init; }
                public decimal Amount { get; init; }
                public long? Count { get; init; }
            """,
            """Number = "A17", Line = 3, Session = new Guid("EA7583CD-A667-48BC-B806-42ECB2B48606"), Day = new DateOnly(2026, 1, 31), Region = Region.Europe, Amount = 1.5m, Count = 9""",
            "public enum Region { America, Europe }",
            out var compiled);
        using var _ = compiled;

        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("fr-FR");
        try
        {
            const string expected = "order-A17-3-ea7583cd-a667-48bc-b806-42ecb2b48606-01/31/2026-Europe-1.5-9";
            Assert.Equal(expected, WrittenId(evt));
            Assert.Equal(expected, evt.EventId);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Format_escapes_braces_and_keeps_any_literal_text()
    {
        var evt = Create(
            "EventName.Checkout, EventIdFormat = \"{{x}}\\\"\\\\é {Number}}}{{{Line}\"",
            """
                public string Number { get; init; } = "";
                public int Line { get; init; }
            """,
            """Number = "A", Line = 2""",
            out var compiled);
        using var _ = compiled;

        Assert.Equal("{x}\"\\é A}{2", WrittenId(evt));
        Assert.Equal("{x}\"\\é A}{2", evt.EventId);
    }

    [Fact]
    public void Format_reads_inherited_members_fields_and_keyword_names()
    {
        var evt = Create(
            "EventName.Checkout, EventIdFormat = \"{Tenant}/{class}/{Order}\"",
            "public int Order;",
            "Order = 12",
            "public abstract record Base { protected string Tenant => \"acme\"; public string @class { get; init; } = \"web\"; }",
            out var compiled);
        using var _ = compiled;

        Assert.Equal("acme/web/12", evt.EventId);
        Assert.Equal("acme/web/12", WrittenId(evt));
    }

    [Fact]
    public void Format_builds_long_ids_beyond_the_stack_buffer()
    {
        var evt = Create(
            "EventName.Checkout, EventIdFormat = \"{A}:{B}:{C}\"",
            """
                public string A { get; init; } = "";
                public string B { get; init; } = "";
                public Guid C { get; init; }
            """,
            """A = new string('a', 100), B = new string('b', 118), C = new Guid("EA7583CD-A667-48BC-B806-42ECB2B48606")""",
            out var compiled);
        using var _ = compiled;

        var expected = new string('a', 100) + ":" + new string('b', 118) + ":ea7583cd-a667-48bc-b806-42ecb2b48606"; // 256: the most sent
        Assert.Equal(expected, evt.EventId);
        Assert.Equal(expected, WrittenId(evt));
    }

    [Theory]
    [InlineData("string?", "null")]
    [InlineData("string?", "\"\"")]
    [InlineData("string?", "\"  \"")]
    [InlineData("int?", "null")]
    [InlineData("Guid?", "null")]
    [InlineData("object?", "null")]
    [InlineData("bool?", "null")]
    public void Format_with_a_null_or_empty_placeholder_makes_the_event_unsendable(string type, string value)
    {
        var evt = Create(
            "EventName.Checkout, EventIdFormat = \"order-{Number}-{Part}\"",
            $"public string Number {{ get; init; }} = \"1\";\npublic {type} Part {{ get; init; }}",
            $"Part = {value}",
            out var compiled);
        using var _ = compiled;

        var (report, json) = EventJson.Write(evt);
        Assert.Equal(PinterestUnsendableReason.MissingEventId, report.UnsendableReason);
        Assert.Equal("", json);
        Assert.Equal("", evt.EventId);
        var exception = Assert.Throws<PinterestEventException>(() => PinterestJson.Serialize(evt, EventJson.Context));
        Assert.Contains("event_id", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_with_bool_and_object_placeholders()
    {
        var evt = Create(
            "EventName.Checkout, EventIdFormat = \"{Flag}-{Thing}-{Letter}\"",
            """
                public bool Flag { get; init; }
                public object? Thing { get; init; }
                public char Letter { get; init; }
            """,
            """Flag = true, Thing = 2.5, Letter = 'z'""",
            out var compiled);
        using var _ = compiled;

        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Assert.Equal("True-2.5-z", evt.EventId);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }
}
