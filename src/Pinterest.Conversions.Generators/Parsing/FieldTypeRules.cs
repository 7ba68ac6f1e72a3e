using Pinterest.Conversions.Generators.Model;

namespace Pinterest.Conversions.Generators.Parsing;

/// <summary>
/// Which member types can carry which field, from the field's schema type. One rule for the generator (which skips a
/// type that breaks it) and PIN002 (which reports it with <see cref="AcceptedTypes"/>).
/// </summary>
internal static class FieldTypeRules
{
    public static bool Accepts(PinterestFieldInfo field, MemberShape shape)
    {
        var scalar = shape.Collection == CollectionKind.None;
        if (field.Field == PinterestField.EventId)
            return scalar && shape.Kind is ValueKind.String or ValueKind.SpanFormattable or ValueKind.Integer;

        if (field.IsHashed)
        {
            if (shape.Kind == ValueKind.String) return true;
            return field.Rule == NormalizationRule.DateOfBirth && scalar
                && shape.Kind is ValueKind.DateOnly or ValueKind.DateTime or ValueKind.DateTimeOffset;
        }

        return field.Type switch
        {
            PinterestFieldType.String when field.IsArray => !scalar && shape.Kind == ValueKind.String,
            PinterestFieldType.String or PinterestFieldType.IpAddress => scalar && shape.Kind == ValueKind.String,
            PinterestFieldType.Integer => scalar && shape.Kind == ValueKind.Integer,
            PinterestFieldType.Boolean or PinterestFieldType.LimitedDataProcessing => scalar && shape.Kind == ValueKind.Boolean,
            PinterestFieldType.Money => scalar && shape.Kind is ValueKind.Decimal or ValueKind.Double or ValueKind.Single or ValueKind.Integer,
            PinterestFieldType.Timestamp => scalar && (shape.Kind is ValueKind.DateTimeOffset or ValueKind.DateTime
                || (shape.Kind == ValueKind.Integer)),
            PinterestFieldType.ActionSource => scalar && shape.Kind == ValueKind.ActionSource,
            PinterestFieldType.Contents => !scalar && shape.Kind == ValueKind.Element,
            _ => false,
        };
    }

    /// <summary>The accepted member types, for the PIN002 message.</summary>
    public static string AcceptedTypes(PinterestFieldInfo field)
    {
        const string collections = "an array, List<T>, IReadOnlyList<T>, IReadOnlyCollection<T>, IEnumerable<T>, ImmutableArray<T> or HashSet<T>";
        if (field.Field == PinterestField.EventId) return "string, or a formattable value such as Guid, int or long";
        if (field.IsHashed)
        {
            return field.Rule == NormalizationRule.DateOfBirth
                ? $"string, DateOnly, DateTime or DateTimeOffset (nullable or not), or {collections} of string"
                : $"string, or {collections} of string";
        }
        return field.Type switch
        {
            PinterestFieldType.String when field.IsArray => $"{collections} of string",
            PinterestFieldType.String or PinterestFieldType.IpAddress => "string",
            PinterestFieldType.Integer => "int or long (nullable or not)",
            PinterestFieldType.Boolean or PinterestFieldType.LimitedDataProcessing => "bool or bool?",
            PinterestFieldType.Money => "decimal, double, float, int or long (nullable or not)",
            PinterestFieldType.Timestamp => "DateTimeOffset, DateTime or long Unix seconds (nullable or not)",
            PinterestFieldType.ActionSource => "ActionSource or ActionSource?",
            PinterestFieldType.Contents => $"{collections} of a class or struct whose members map the Item fields",
            _ => "no member type",
        };
    }
}
