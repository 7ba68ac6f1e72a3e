using System.Text.Json;
using System.Text.Json.Nodes;
using Pinterest.Conversions.SchemaCodegen;
using Pinterest.Conversions.Testing;
using Xunit;

namespace Pinterest.Conversions.Tests.Schema;

/// <summary>The schema file is valid, complete against Pinterest's request schema, and its ids never change.</summary>
public class SchemaFileTests
{
    private static readonly SchemaDocument Schema = SchemaDocument.Parse(TestFiles.ReadSchema("pinterest-conversions.json"));

    [Fact]
    public void Schema_file_validates_against_its_JSON_Schema()
    {
        var meta = TestFiles.Load("pinterest-conversions.schema.json");
        Assert.Empty(TestFiles.Validate(meta, TestFiles.ReadSchema("pinterest-conversions.json")));
    }

    [Fact]
    public void JSON_Schema_rejects_a_hashed_field_without_normalization()
    {
        var meta = TestFiles.Load("pinterest-conversions.schema.json");
        var doc = JsonNode.Parse(TestFiles.ReadSchema("pinterest-conversions.json"))!;
        var email = doc["fields"]!.AsArray().First(f => (string?)f!["name"] == "Email")!.AsObject();
        email.Remove("normalization");
        Assert.NotEmpty(TestFiles.Validate(meta, doc.ToJsonString()));
    }

    [Fact]
    public void Every_field_of_Pinterests_request_schema_has_a_row()
    {
        var pinterest = PinterestRequestPaths();
        var ours = Schema.Fields.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var missing = pinterest.Where(p => p != "event_name" && !ours.Contains(p)).ToArray();
        Assert.True(missing.Length == 0, "Missing from schema/pinterest-conversions.json: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_row_is_a_field_of_Pinterests_request_schema()
    {
        var pinterest = PinterestRequestPaths().ToHashSet(StringComparer.Ordinal);
        var unknown = Schema.Fields.Select(f => f.Path).Where(p => !pinterest.Contains(p)).ToArray();
        Assert.True(unknown.Length == 0, "Not in Pinterest's schema: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Hashed_fields_are_exactly_the_string_arrays_of_user_data()
    {
        var pinterestHashed = PinterestRequestPaths(includeArrayOfStringsInUserData: true)
            .Where(p => p.StartsWith("user_data.", StringComparison.Ordinal) && p.EndsWith("[]", StringComparison.Ordinal))
            .Select(p => p[..^2])
            .Order()
            .ToArray();
        var oursHashed = Schema.Fields.Where(f => f.Hashed).Select(f => f.Path).Order().ToArray();
        Assert.Equal(pinterestHashed, oursHashed);
    }

    [Fact]
    public void Ids_and_signal_bits_match_the_lock_file_and_every_entry_is_locked()
    {
        var locked = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Schema", "schema-ids.lock.txt"))
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split(' '))
            .Select(p => (Kind: p[0], Name: p[1], Id: int.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();

        var current = CurrentIds().ToArray();
        var problems = new List<string>();
        foreach (var kind in current.Select(c => c.Kind).Distinct())
        {
            var lockedOfKind = locked.Where(l => l.Kind == kind).ToArray();
            foreach (var (_, name, id) in current.Where(c => c.Kind == kind))
            {
                var byName = lockedOfKind.FirstOrDefault(l => l.Name == name);
                if (byName.Name is null)
                    problems.Add($"{kind} {name} {id} is not in schema-ids.lock.txt: append it");
                else if (byName.Id != id)
                    problems.Add($"{kind} {name} changed id from {byName.Id} to {id}: ids are fixed forever");
                var owner = lockedOfKind.FirstOrDefault(l => l.Id == id && l.Name != name);
                if (owner.Name is not null)
                    problems.Add($"{kind} {name} reuses id {id} of {owner.Name}");
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Lock_check_catches_a_changed_id()
    {
        // The lock test above is only worth something if a changed id is visible in CurrentIds.
        var json = TestFiles.ReadSchema("pinterest-conversions.json").Replace("\"id\": 10,", "\"id\": 999,", StringComparison.Ordinal);
        var changed = SchemaDocument.Parse(json);
        Assert.Equal(999, changed.Fields.Single(f => f.Name == "Email").Id);
    }

    [Fact]
    public void Weights_follow_the_help_articles_table()
    {
        // Article: hashed_maid, em, client_ip_address + client_user_agent High; external_id, fn+ln Medium;
        // click_id, ph, ge, db, ct, st, zp, country Low.
        var weights = Schema.Fields.Where(f => f.Weight is not null).ToDictionary(f => f.Path, f => f.Weight);
        Assert.Equal(new Dictionary<string, string?>
        {
            ["user_data.hashed_maids"] = "high", ["user_data.em"] = "high",
            ["user_data.client_ip_address"] = "high", ["user_data.client_user_agent"] = "high",
            ["user_data.external_id"] = "medium", ["user_data.fn"] = "medium", ["user_data.ln"] = "medium",
            ["user_data.click_id"] = "low", ["user_data.ph"] = "low", ["user_data.ge"] = "low", ["user_data.db"] = "low",
            ["user_data.ct"] = "low", ["user_data.st"] = "low", ["user_data.zp"] = "low", ["user_data.country"] = "low",
        }.OrderBy(p => p.Key), weights.OrderBy(p => p.Key));
    }

    [Fact]
    public void Event_names_cover_the_22_standard_names_and_the_specs_15()
    {
        string[] spec = ["add_payment_info", "add_to_cart", "add_to_wishlist", "app_install", "checkout", "custom",
            "initiate_checkout", "lead", "page_visit", "search", "signup", "subscribe", "view_category", "view_content", "watch_video"];
        var wires = Schema.EventNames.Select(e => e.Wire).ToHashSet();
        Assert.Equal(22, wires.Count);
        Assert.All(spec, s => Assert.Contains(s, wires));
        Assert.Equal(["add_to_cart", "checkout", "lead", "signup"], Schema.EventNames.Where(e => e.LowerFunnel).Select(e => e.Wire).Order());
    }

    private static IEnumerable<(string Kind, string Name, int Id)> CurrentIds() =>
        Schema.EventNames.Select(e => ("event", e.Name, e.Id))
            .Concat(Schema.ActionSources.Select(s => ("source", s.Name, s.Id)))
            .Concat(Schema.Fields.Select(f => ("field", f.Name, f.Id)))
            .Concat(Schema.Fields.Where(f => f.Signal is not null).Select(f => ("signal", f.Name, f.Signal!.Value)));

    /// <summary>Wire paths of Pinterest's request schema, in our notation (contents[] for line items).</summary>
    private static List<string> PinterestRequestPaths(bool includeArrayOfStringsInUserData = false)
    {
        using var doc = JsonDocument.Parse(TestFiles.ReadSchema("pinterest/openapi-conversion-events.schema.json"));
        var defs = doc.RootElement.GetProperty("$defs");
        var evt = defs.GetProperty("ConversionEvents").GetProperty("properties").GetProperty("data").GetProperty("items");
        var paths = new List<string>();

        void Walk(JsonElement obj, string prefix)
        {
            if (obj.TryGetProperty("$ref", out var r))
            {
                var name = r.GetString()!.Split('/').Last();
                obj = defs.GetProperty(name);
                if (obj.TryGetProperty("anyOf", out var anyOf))
                {
                    // user_data: every anyOf branch is allOf [the same properties object, a required list].
                    obj = defs.GetProperty(anyOf[0].GetProperty("allOf")[0].GetProperty("$ref").GetString()!.Split('/').Last());
                }
            }
            foreach (var p in obj.GetProperty("properties").EnumerateObject())
            {
                var path = prefix + p.Name;
                var isArray = p.Value.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "array";
                if (isArray && p.Value.GetProperty("items").TryGetProperty("properties", out _))
                {
                    paths.Add(path);
                    Walk(p.Value.GetProperty("items"), path + "[].");
                }
                else if (p.Value.TryGetProperty("$ref", out _) || p.Value.TryGetProperty("properties", out _))
                {
                    Walk(p.Value, path + ".");
                }
                else
                {
                    paths.Add(includeArrayOfStringsInUserData && isArray ? path + "[]" : path);
                }
            }
        }

        Walk(evt, "");
        return paths;
    }
}
