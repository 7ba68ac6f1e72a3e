using System.Text.Json;
using Pinterest.Conversions.SchemaCodegen;
using Pinterest.Conversions.Testing;
using Xunit;

namespace Pinterest.Conversions.Tests.Schema;

/// <summary>The build-time code generation: invariants enforced, output deterministic, compiled enums equal to the schema.</summary>
public class SchemaCodegenTests
{
    private static readonly string Json = TestFiles.ReadSchema("pinterest-conversions.json");
    private static readonly SchemaDocument Schema = SchemaDocument.Parse(Json);

    [Theory]
    [InlineData("\"id\": 11,\n      \"name\": \"MobileAdId\"", "\"id\": 10,\n      \"name\": \"MobileAdId\"", "field id '10'")]
    [InlineData("\"name\": \"MobileAdId\"", "\"name\": \"Email\"", "field name 'Email'")]
    [InlineData("\"path\": \"user_data.hashed_maids\"", "\"path\": \"user_data.em\"", "field path 'user_data.em'")]
    [InlineData("\"signal\": 1,", "\"signal\": 0,", "signal bit '0'")]
    [InlineData("\"wire\": \"add_to_cart\"", "\"wire\": \"checkout\"", "event wire name 'checkout'")]
    public void Broken_invariants_stop_the_build_with_a_clear_message(string from, string to, string expected)
    {
        var broken = ReplaceFirst(Json, from, to);
        var ex = Assert.Throws<SchemaException>(() => SchemaDocument.Parse(broken));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Emitting_is_deterministic()
    {
        Assert.Equal(SchemaCodeEmitter.Emit(Schema, CodegenTarget.Runtime), SchemaCodeEmitter.Emit(SchemaDocument.Parse(Json), CodegenTarget.Runtime));
    }

    [Fact]
    public void Generator_copy_keeps_the_enums_internal()
    {
        var code = SchemaCodeEmitter.Emit(Schema, CodegenTarget.Generator);
        Assert.Contains("internal enum PinterestField", code, StringComparison.Ordinal);
        Assert.DoesNotContain("public enum", code, StringComparison.Ordinal);
        Assert.Contains("public enum PinterestField", SchemaCodeEmitter.Emit(Schema, CodegenTarget.Runtime), StringComparison.Ordinal);
    }

    [Fact]
    public void Compiled_enums_equal_the_schema()
    {
        Assert.Equal(Schema.Fields.Select(f => (f.Name, f.Id)), Enum.GetValues<PinterestField>().Select(v => (v.ToString(), (int)v)));
        Assert.Equal(Schema.EventNames.Select(e => (e.Name, e.Id)), Enum.GetValues<EventName>().Select(v => (v.ToString(), (int)v)));
        Assert.Equal(Schema.ActionSources.Select(e => (e.Name, e.Id)), Enum.GetValues<ActionSource>().Select(v => (v.ToString(), (int)v)));
        Assert.Equal(
            Schema.Fields.Where(f => f.Signal is not null).OrderBy(f => f.Signal).Select(f => (f.Name, 1 << f.Signal!.Value)),
            Enum.GetValues<PinterestSignals>().Where(v => v != PinterestSignals.None).Select(v => (v.ToString(), (int)v)));
    }

    [Fact]
    public void Compiled_tables_equal_the_schema()
    {
        Assert.Equal(Schema.Fields.Count, PinterestSchema.Fields.Count);
        foreach (var (entry, info) in Schema.Fields.Zip(PinterestSchema.Fields))
        {
            Assert.Equal(entry.Name, info.Field.ToString());
            Assert.Equal(entry.Path, info.Path);
            Assert.Equal(entry.Hashed, info.IsHashed);
            Assert.Equal(entry.IsArray, info.IsArray);
            Assert.Equal(entry.Tag, info.TagParameter);
            Assert.Equal(entry.MaxLength, info.MaxLength);
            Assert.Same(info, PinterestSchema.GetField(info.Field));
        }
        foreach (var e in Schema.EventNames)
        {
            var name = Enum.Parse<EventName>(e.Name);
            Assert.Equal(e.Wire, PinterestSchema.GetWireName(name));
            Assert.Equal(e.Tag, PinterestSchema.GetTagName(name));
            Assert.Equal(e.LowerFunnel, PinterestSchema.IsLowerFunnel(name));
            Assert.Equal(name, PinterestSchema.FindEventName(e.Wire));
        }
        Assert.Null(PinterestSchema.GetWireName((EventName)999));
        Assert.Null(PinterestSchema.FindEventName("Checkout"));
    }

    [Fact]
    public void Vocabulary_enums_match_the_JSON_Schema()
    {
        using var doc = JsonDocument.Parse(TestFiles.ReadSchema("pinterest-conversions.schema.json"));
        var props = doc.RootElement.GetProperty("$defs").GetProperty("field").GetProperty("properties");
        string[] Words(string name) => props.GetProperty(name).GetProperty("enum").EnumerateArray()
            .Select(v => char.ToUpperInvariant(v.GetString()![0]) + v.GetString()![1..]).ToArray();

        Assert.Equal(Words("type"), Enum.GetNames<PinterestFieldType>());
        Assert.Equal(Words("normalization"), Enum.GetNames<NormalizationRule>().Where(n => n != "None"));
        Assert.Equal(Words("weight").Order(), Enum.GetNames<SignalWeight>().Where(n => n != "None").Order());
    }

    [Fact]
    public void Public_API_lines_cover_every_generated_enum_member()
    {
        var lines = SchemaCodeEmitter.PublicApiLines(Schema).ToArray();
        Assert.Contains("Pinterest.Conversions.EventName.Checkout = 6 -> Pinterest.Conversions.EventName", lines);
        Assert.Contains("Pinterest.Conversions.PinterestSignals.Email = 1 -> Pinterest.Conversions.PinterestSignals", lines);
        Assert.Equal(4 + Schema.EventNames.Count + Schema.ActionSources.Count + Schema.Fields.Count + 1 + Schema.Fields.Count(f => f.Signal is not null), lines.Length);
    }

    private static string ReplaceFirst(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{from}' not found in the schema");
        return string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length));
    }
}
