using System.Text.Json;

namespace Pinterest.Conversions.Sandbox.Validation;

/// <summary>
/// One JSON Schema (draft 2020-12) node, compiled from the subset of keywords that Pinterest's request schema uses.
/// A keyword outside that subset fails the compile: a new schema must not be validated half-way without anyone noticing.
/// </summary>
internal sealed class SchemaNode
{
    // Keywords that only annotate; they never change whether an instance is valid.
    private static readonly HashSet<string> s_annotations = new(StringComparer.Ordinal)
    {
        "$schema", "$comment", "title", "description", "format", "example", "examples", "default", "deprecated", "readOnly", "writeOnly",
    };

    public IReadOnlyList<string>? Types { get; private set; }
    public IReadOnlyDictionary<string, SchemaNode>? Properties { get; private set; }

    /// <summary>False when <c>additionalProperties: false</c>; other forms are not used by the schema.</summary>
    public bool AdditionalPropertiesAllowed { get; private set; } = true;

    public IReadOnlyList<string>? Required { get; private set; }
    public SchemaNode? Items { get; private set; }
    public int? MinItems { get; private set; }
    public int? MaxItems { get; private set; }
    public int? MaxLength { get; private set; }
    public decimal? Minimum { get; private set; }
    public decimal? Maximum { get; private set; }
    public IReadOnlyList<string>? Enum { get; private set; }
    public IReadOnlyList<SchemaNode>? AllOf { get; private set; }
    public IReadOnlyList<SchemaNode>? AnyOf { get; private set; }

    /// <summary>The target of a local <c>$ref</c>, resolved after every definition is compiled.</summary>
    public SchemaNode? Reference { get; private set; }

    /// <summary>Compiles a root schema whose <c>$ref</c>s point into its own <c>$defs</c>.</summary>
    public static SchemaNode Compile(JsonElement root)
    {
        var definitions = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
        var pending = new List<(SchemaNode Node, string Ref)>();
        if (root.TryGetProperty("$defs", out var defs))
        {
            // Create every definition first so that references can point at them in any order.
            foreach (var def in defs.EnumerateObject())
                definitions["#/$defs/" + def.Name] = new SchemaNode();
            foreach (var def in defs.EnumerateObject())
                definitions["#/$defs/" + def.Name].Fill(def.Value, pending, "#/$defs/" + def.Name);
        }

        var node = new SchemaNode();
        node.Fill(root, pending, "#");
        foreach (var (from, target) in pending)
        {
            from.Reference = definitions.TryGetValue(target, out var resolved)
                ? resolved
                : throw new NotSupportedException($"Schema reference '{target}' is not a local definition.");
        }
        return node;
    }

    private void Fill(JsonElement schema, List<(SchemaNode, string)> pending, string at)
    {
        if (schema.ValueKind != JsonValueKind.Object)
            throw new NotSupportedException($"Schema at '{at}' is not an object.");

        foreach (var keyword in schema.EnumerateObject())
        {
            var value = keyword.Value;
            var here = at + "/" + keyword.Name;
            switch (keyword.Name)
            {
                case "$defs":
                    if (at != "#") throw new NotSupportedException($"Nested $defs at '{at}'.");
                    break;
                case "$ref":
                    pending.Add((this, value.GetString()!));
                    break;
                case "type":
                    Types = value.ValueKind == JsonValueKind.Array
                        ? value.EnumerateArray().Select(t => t.GetString()!).ToArray()
                        : [value.GetString()!];
                    break;
                case "properties":
                    Properties = value.EnumerateObject().ToDictionary(
                        p => p.Name, p => Child(p.Value, pending, here + "/" + p.Name), StringComparer.Ordinal);
                    break;
                case "additionalProperties":
                    AdditionalPropertiesAllowed = value.ValueKind switch
                    {
                        JsonValueKind.False => false,
                        JsonValueKind.True => true,
                        _ => throw new NotSupportedException($"Only boolean additionalProperties is supported ('{here}')."),
                    };
                    break;
                case "required":
                    Required = value.EnumerateArray().Select(r => r.GetString()!).ToArray();
                    break;
                case "items":
                    Items = Child(value, pending, here);
                    break;
                case "minItems": MinItems = value.GetInt32(); break;
                case "maxItems": MaxItems = value.GetInt32(); break;
                case "maxLength": MaxLength = value.GetInt32(); break;
                case "minimum": Minimum = value.GetDecimal(); break;
                case "maximum": Maximum = value.GetDecimal(); break;
                case "enum":
                    Enum = value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String
                        ? e.GetString()!
                        : throw new NotSupportedException($"Only string enums are supported ('{here}').")).ToArray();
                    break;
                case "allOf":
                    AllOf = value.EnumerateArray().Select((s, i) => Child(s, pending, here + "/" + i)).ToArray();
                    break;
                case "anyOf":
                    AnyOf = value.EnumerateArray().Select((s, i) => Child(s, pending, here + "/" + i)).ToArray();
                    break;
                default:
                    if (!s_annotations.Contains(keyword.Name))
                        throw new NotSupportedException($"JSON Schema keyword '{keyword.Name}' at '{at}' is not supported by the sandbox's validator.");
                    break;
            }
        }
    }

    private static SchemaNode Child(JsonElement schema, List<(SchemaNode, string)> pending, string at)
    {
        var node = new SchemaNode();
        node.Fill(schema, pending, at);
        return node;
    }
}
