using System.Text.Json;

namespace Pinterest.Conversions.Sandbox.Validation;

/// <summary>
/// Validates a JSON instance against a <see cref="SchemaNode"/> with JSON Schema's semantics for the keywords it holds.
/// Tests hold it to the same verdicts as a full validator (JsonSchema.Net) on valid and invalid requests.
/// </summary>
internal static class SchemaValidator
{
    /// <summary>Every violation, in document order; empty when the instance is valid.</summary>
    public static IReadOnlyList<SchemaError> Validate(SchemaNode schema, JsonElement instance)
    {
        var errors = new List<SchemaError>();
        Check(schema, instance, JsonPath.Root, errors);
        return errors.Count < 2 ? errors : errors.DistinctBy(e => e.Message).ToList();
    }

    private static void Check(SchemaNode schema, JsonElement value, JsonPath path, List<SchemaError> errors)
    {
        if (schema.Reference is { } target)
            Check(target, value, path, errors);

        if (schema.Types is { } types && !types.Any(t => IsOfType(value, t)))
        {
            // The other keywords of this node apply to other types: one clear error is enough.
            errors.Add(new SchemaError(path, SchemaErrorKind.Type, $"{Describe(types)}, not {KindOf(value)}"));
            return;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                CheckObject(schema, value, path, errors);
                break;
            case JsonValueKind.Array:
                CheckArray(schema, value, path, errors);
                break;
            case JsonValueKind.String:
                if (schema.MaxLength is { } maxLength && CodePoints(value.GetString()!) > maxLength)
                    errors.Add(new SchemaError(path, SchemaErrorKind.MaxLength, maxLength.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                break;
            case JsonValueKind.Number:
                CheckNumber(schema, value, path, errors);
                break;
        }

        if (schema.Enum is { } allowed && (value.ValueKind != JsonValueKind.String || !allowed.Contains(value.GetString()!, StringComparer.Ordinal)))
            errors.Add(new SchemaError(path, SchemaErrorKind.Enum, string.Join(", ", allowed)));

        if (schema.AllOf is { } all)
        {
            foreach (var part in all)
                Check(part, value, path, errors);
        }

        if (schema.AnyOf is { } any)
            CheckAnyOf(any, value, path, errors);
    }

    private static void CheckObject(SchemaNode schema, JsonElement value, JsonPath path, List<SchemaError> errors)
    {
        if (schema.Required is { } required)
        {
            foreach (var name in required)
            {
                if (!value.TryGetProperty(name, out _))
                    errors.Add(new SchemaError(path.Property(name), SchemaErrorKind.Required, name));
            }
        }

        foreach (var property in value.EnumerateObject())
        {
            if (schema.Properties is { } properties && properties.TryGetValue(property.Name, out var child))
                Check(child, property.Value, path.Property(property.Name), errors);
            else if (!schema.AdditionalPropertiesAllowed)
                errors.Add(new SchemaError(path.Property(property.Name), SchemaErrorKind.AdditionalProperty, ""));
        }
    }

    private static void CheckArray(SchemaNode schema, JsonElement value, JsonPath path, List<SchemaError> errors)
    {
        var length = value.GetArrayLength();
        if (schema.MinItems is { } min && length < min)
            errors.Add(new SchemaError(path, SchemaErrorKind.MinItems, Items(min)));
        if (schema.MaxItems is { } max && length > max)
            errors.Add(new SchemaError(path, SchemaErrorKind.MaxItems, Items(max)));
        if (schema.Items is { } items)
        {
            var i = 0;
            foreach (var element in value.EnumerateArray())
                Check(items, element, path.Index(i++), errors);
        }
    }

    private static void CheckNumber(SchemaNode schema, JsonElement value, JsonPath path, List<SchemaError> errors)
    {
        if (schema.Minimum is null && schema.Maximum is null) return;
        var number = AsDouble(value);
        if (schema.Minimum is { } minimum && number < (double)minimum)
            errors.Add(new SchemaError(path, SchemaErrorKind.Minimum, minimum.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (schema.Maximum is { } maximum && number > (double)maximum)
            errors.Add(new SchemaError(path, SchemaErrorKind.Maximum, maximum.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// anyOf passes when one branch does. When all fail only for missing properties (user_data's "em, hashed_maids, or
    /// IP and user agent"), one error lists the alternatives; otherwise the branch with the fewest deeper errors speaks.
    /// </summary>
    private static void CheckAnyOf(IReadOnlyList<SchemaNode> branches, JsonElement value, JsonPath path, List<SchemaError> errors)
    {
        var failures = new List<List<SchemaError>>(branches.Count);
        foreach (var branch in branches)
        {
            var branchErrors = new List<SchemaError>();
            Check(branch, value, path, branchErrors);
            if (branchErrors.Count == 0) return;
            failures.Add(branchErrors);
        }

        bool OnlyMissing(List<SchemaError> e) => e.TrueForAll(x => x.Kind == SchemaErrorKind.Required && x.Path.Depth == path.Depth + 1);
        if (failures.TrueForAll(OnlyMissing))
        {
            var alternatives = failures.Select(f => string.Join(" and ", f.Select(x => x.Detail))).Distinct().ToArray();
            errors.Add(new SchemaError(path, SchemaErrorKind.AnyOf, JoinAlternatives(alternatives)));
            return;
        }

        var best = failures.Where(f => !OnlyMissing(f)).MinBy(f => f.Count)!;
        errors.AddRange(best);
    }

    /// <summary>JSON Schema's types; an integer is any number without a fractional part (1.0 included).</summary>
    internal static bool IsOfType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && IsIntegral(value),
        _ => throw new NotSupportedException($"JSON Schema type '{type}'."),
    };

    // Numbers beyond double's range (1e400) have no fractional part: integral, and infinite for comparisons.
    private static bool IsIntegral(JsonElement number) =>
        number.TryGetInt64(out _)
        || (number.TryGetDecimal(out var d) ? decimal.Truncate(d) == d
            : !number.TryGetDouble(out var x) || Math.Floor(x) == x);

    private static double AsDouble(JsonElement number) =>
        number.TryGetDecimal(out var d) ? (double)d
        : number.TryGetDouble(out var x) ? x
        : number.GetRawText().StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;

    private static string KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => IsIntegral(value) ? "an integer" : "a number with a fraction",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "undefined",
    };

    private static string Describe(IReadOnlyList<string> types) =>
        string.Join(" or ", types.Select(t => t switch
        {
            "object" => "an object",
            "array" => "an array",
            "string" => "a string",
            "boolean" => "a boolean",
            "null" => "null",
            "number" => "a number",
            "integer" => "an integer",
            _ => t,
        }));

    private static string Items(int n) => n == 1 ? "1 item" : $"{n} items";

    private static string JoinAlternatives(string[] alternatives) => alternatives.Length switch
    {
        1 => alternatives[0],
        2 => $"{alternatives[0]} or {alternatives[1]}",
        _ => string.Join(", ", alternatives[..^1]) + ", or " + alternatives[^1],
    };

    // maxLength counts Unicode code points, not UTF-16 units.
    private static int CodePoints(string s)
    {
        var count = 0;
        foreach (var _ in s.EnumerateRunes()) count++;
        return count;
    }
}
