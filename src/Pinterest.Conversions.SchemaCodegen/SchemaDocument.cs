using System.Text.Json;

namespace Pinterest.Conversions.SchemaCodegen;

/// <summary>The schema file read into plain records, validated for the invariants JSON Schema cannot express.</summary>
public sealed record SchemaDocument(
    string ApiVersion,
    int MaxEventsPerRequest,
    int MaxHashedInputLength,
    int MaxEventNameLength,
    string DataProperty,
    string EventNameProperty,
    IReadOnlyList<EventNameEntry> EventNames,
    IReadOnlyList<ActionSourceEntry> ActionSources,
    IReadOnlyList<FieldEntry> Fields)
{
    /// <summary>Reads and validates a schema file.</summary>
    public static SchemaDocument Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>Parses and validates schema JSON.</summary>
    public static SchemaDocument Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var limits = root.GetProperty("limits");

        var events = root.GetProperty("eventNames").EnumerateArray().Select(e => new EventNameEntry(
            e.GetProperty("id").GetInt32(),
            e.GetProperty("name").GetString()!,
            e.GetProperty("wire").GetString()!,
            e.TryGetProperty("tag", out var tag) ? tag.GetString() : null,
            e.TryGetProperty("lowerFunnel", out var lf) && lf.GetBoolean())).ToArray();

        var sources = root.GetProperty("actionSources").EnumerateArray().Select(e => new ActionSourceEntry(
            e.GetProperty("id").GetInt32(),
            e.GetProperty("name").GetString()!,
            e.GetProperty("wire").GetString()!)).ToArray();

        var fields = root.GetProperty("fields").EnumerateArray().Select(ReadField).ToArray();

        var schema = new SchemaDocument(
            root.GetProperty("apiVersion").GetString()!,
            limits.GetProperty("maxEventsPerRequest").GetInt32(),
            limits.GetProperty("maxHashedInputLength").GetInt32(),
            limits.GetProperty("maxEventNameLength").GetInt32(),
            root.GetProperty("envelope").GetProperty("data").GetString()!,
            root.GetProperty("envelope").GetProperty("eventName").GetString()!,
            events, sources, fields);
        schema.Validate();
        return schema;
    }

    private static FieldEntry ReadField(JsonElement e)
    {
        string? Str(string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;
        bool Bool(string name) => e.TryGetProperty(name, out var v) && v.GetBoolean();

        var c = e.TryGetProperty("constraints", out var cs) ? cs : default;
        long? Num(string name) => c.ValueKind == JsonValueKind.Object && c.TryGetProperty(name, out var v) ? v.GetInt64() : null;
        var allowed = c.ValueKind == JsonValueKind.Object && c.TryGetProperty("enum", out var en)
            ? en.EnumerateArray().Select(x => x.GetString()!).ToArray()
            : null;

        return new FieldEntry(
            e.GetProperty("id").GetInt32(),
            e.GetProperty("name").GetString()!,
            e.GetProperty("path").GetString()!,
            e.GetProperty("type").GetString()!,
            Bool("array"),
            Bool("hashed"),
            Str("normalization"),
            Str("weight"),
            e.TryGetProperty("signal", out var s) ? s.GetInt32() : null,
            Str("tag"),
            c.ValueKind == JsonValueKind.Object && c.TryGetProperty("required", out var r) && r.GetBoolean(),
            (int?)Num("maxLength"),
            Num("minimum"),
            Num("maximum"),
            (int?)Num("maxItems"),
            allowed,
            e.GetProperty("description").GetString()!);
    }

    /// <summary>Throws <see cref="SchemaException"/> on duplicated ids, names, wire paths or signal bits.</summary>
    public void Validate()
    {
        Unique("event name id", EventNames.Select(e => e.Id.ToString()));
        Unique("event name", EventNames.Select(e => e.Name));
        Unique("event wire name", EventNames.Select(e => e.Wire));
        Unique("action source id", ActionSources.Select(e => e.Id.ToString()));
        Unique("action source", ActionSources.Select(e => e.Name));
        Unique("field id", Fields.Select(f => f.Id.ToString()));
        Unique("field name", Fields.Select(f => f.Name));
        // LimitedDataProcessing shares opt_out_type with OptOutType by design: the two merge on the wire.
        Unique("field path", Fields.Where(f => f.Type != "limitedDataProcessing").Select(f => f.Path));
        Unique("signal bit", Fields.Where(f => f.Signal is not null).Select(f => f.Signal!.Value.ToString()));
        foreach (var f in Fields)
        {
            if (f.Hashed && (f.Normalization is null || !f.IsArray))
                throw new SchemaException($"Field {f.Name} is hashed, so it needs a normalization rule and must be an array.");
            if ((f.Weight is null) != (f.Signal is null))
                throw new SchemaException($"Field {f.Name} must have both a weight and a signal bit, or neither.");
        }
    }

    private static void Unique(string what, IEnumerable<string> values)
    {
        var duplicate = values.GroupBy(v => v, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new SchemaException($"The {what} '{duplicate.Key}' appears more than once in the schema.");
    }
}

/// <summary>One event name: C# member, wire name, Tag name, and whether it is lower funnel.</summary>
public sealed record EventNameEntry(int Id, string Name, string Wire, string? Tag, bool LowerFunnel);

/// <summary>One action source.</summary>
public sealed record ActionSourceEntry(int Id, string Name, string Wire);

/// <summary>One field of the request.</summary>
public sealed record FieldEntry(
    int Id, string Name, string Path, string Type, bool IsArray, bool Hashed, string? Normalization,
    string? Weight, int? Signal, string? Tag, bool Required, int? MaxLength, long? Minimum, long? Maximum,
    int? MaxItems, IReadOnlyList<string>? AllowedValues, string Description);

/// <summary>The schema breaks an invariant; the build stops with this message.</summary>
public sealed class SchemaException(string message) : Exception(message);
