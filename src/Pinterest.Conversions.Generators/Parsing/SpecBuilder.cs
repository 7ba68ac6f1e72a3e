using Microsoft.CodeAnalysis;
using Pinterest.Conversions.Generators.Model;

namespace Pinterest.Conversions.Generators.Parsing;

/// <summary>
/// Turns a type the builder found no problem with into its <see cref="EventSpec"/>: each mapped field with the rule that
/// writes it, its wire name, its object and its limits, in wire order; everything taken from the schema here, once.
/// </summary>
internal static class SpecBuilder
{
    public static EventSpec Build(
        INamedTypeSymbol type, DeclaredEvent declared, MappedMember? eventNameMember, IReadOnlyList<MappedMember> members,
        IReadOnlyList<EventIdFormat.Part>? format, List<MappedMember>? items)
    {
        var fields = new List<FieldSpec>();
        var tagFields = new List<FieldSpec>();
        ValueSpec? actionSource = null, eventTime = null, eventId = null;
        var mergedPaths = new HashSet<string>(StringComparer.Ordinal);
        // Every edit anywhere runs this again for every event type (the attribute's transform is semantic): the members
        // are grouped once here rather than searched for each of the schema's fields.
        var byField = GroupByField(members);

        foreach (var info in PinterestSchema.Fields)
        {
            var mapped = byField.TryGetValue(info.Field, out var found) ? found : s_none;
            switch (info.Type)
            {
                case PinterestFieldType.ActionSource:
                    actionSource = mapped.Count > 0 ? Value(mapped[0]) : null;
                    continue;
                case PinterestFieldType.Timestamp:
                    eventTime = mapped.Count > 0 ? Value(mapped[0]) : null;
                    continue;
            }
            if (info.Field == PinterestField.EventId)
            {
                eventId = mapped.Count > 0 ? Value(mapped[0]) : null;
                continue;
            }
            if (info.Scope == PinterestFieldScope.ContentsItem) continue;

            FieldSpec? field;
            if (SharesPathWithLimitedDataProcessing(info))
            {
                // opt_out_type and Limited Data Processing write one property: the first of them in wire order writes both.
                if (!mergedPaths.Add(info.Path)) continue;
                var values = PinterestSchema.Fields.Where(f => f.Path == info.Path)
                    .SelectMany(f => byField.TryGetValue(f.Field, out var m) ? m : s_none).Select(Value).ToArray();
                field = values.Length == 0 ? null : Field(FieldWrite.OptOutType, info, values);
                // The Tag takes the same merged value (docs/pinterest-api.md §5.5), by the same writer rule.
                if (field is not null && info.TagParameter is { } optOutTag) tagFields.Add(field with { WireName = optOutTag, Container = null });
            }
            else if (mapped.Count == 0)
            {
                continue;
            }
            else if (info.Type == PinterestFieldType.Contents)
            {
                field = Contents(info, mapped[0], items!, forTag: false);
                if (info.TagParameter is not null) tagFields.Add(Contents(info, mapped[0], items!, forTag: true));
            }
            else
            {
                field = Field(WriteOf(info), info, mapped.Select(Value).ToArray());
                if (info.TagParameter is { } tag) tagFields.Add(field with { WireName = tag, Container = null });
            }
            if (field is not null) fields.Add(field);
        }

        var eventIdInfo = PinterestSchema.GetField(PinterestField.EventId)!;
        var actionSourceInfo = PinterestSchema.GetField(PinterestField.ActionSource)!;
        return new EventSpec(
            HintName(type),
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            ContainingTypes(type),
            Declaration(type),
            PinterestSchema.EventNameProperty,
            declared.IsNamedAtRunTime ? null : declared.WireName,
            declared.IsNamedAtRunTime && eventNameMember is not null ? Value(eventNameMember) : null,
            new ActionSourceSpec(actionSourceInfo.WireName, declared.ActionSource.ToString(), PinterestSchema.GetWireName(declared.ActionSource)!, actionSource),
            new EventTimeSpec(PinterestSchema.GetField(PinterestField.EventTime)!.WireName, eventTime),
            new EventIdSpec(eventIdInfo.WireName, eventIdInfo.TagParameter, eventId, eventId is null && format is not null ? Parts(type, format) : EquatableArray<EventIdPart>.Empty),
            !byField.ContainsKey(PinterestField.PartnerName),
            fields.ToEquatableArray(),
            tagFields.ToEquatableArray());
    }

    /// <summary>Which writer rule a field takes, from its schema type and constraints.</summary>
    private static FieldWrite WriteOf(PinterestFieldInfo info) => info switch
    {
        { IsHashed: true } => FieldWrite.Hashes,
        { Type: PinterestFieldType.IpAddress } => FieldWrite.IpAddress,
        { Type: PinterestFieldType.String, IsArray: true } => FieldWrite.Strings,
        { Type: PinterestFieldType.String, AllowedValues: not null } => FieldWrite.Choice,
        { Type: PinterestFieldType.Boolean } => FieldWrite.Boolean,
        { Type: PinterestFieldType.Integer } => FieldWrite.Integer,
        { Type: PinterestFieldType.Money } => FieldWrite.Money,
        _ => FieldWrite.String,
    };

    private static FieldSpec Field(FieldWrite write, PinterestFieldInfo info, ValueSpec[] values) => new(
        write,
        info.Field.ToString(),
        info.WireName,
        ContainerOf(info),
        values.ToEquatableArray(),
        info.Signal == PinterestSignals.None ? null : info.Signal.ToString(),
        info.IsHashed ? info.Rule.ToString() : null,
        info.Minimum,
        info.Maximum,
        info.MaxLength,
        info.MaxItems,
        null);

    private static FieldSpec Contents(PinterestFieldInfo info, MappedMember collection, List<MappedMember> items, bool forTag)
    {
        var itemFields = new List<FieldSpec>();
        var itemsByField = GroupByField(items);
        foreach (var itemInfo in PinterestSchema.Fields)
        {
            if (itemInfo.Scope != PinterestFieldScope.ContentsItem || forTag && itemInfo.TagParameter is null) continue;
            var mapped = itemsByField.TryGetValue(itemInfo.Field, out var found) ? found : s_none;
            if (mapped.Count == 0) continue;
            var item = Field(WriteOf(itemInfo), itemInfo, [Value(mapped[0])]) with { Container = null };
            itemFields.Add(forTag ? item with { WireName = itemInfo.TagParameter! } : item);
        }
        var element = collection.Shape.Element!;
        return Field(FieldWrite.Contents, info, [Value(collection)]) with
        {
            WireName = forTag ? info.TagParameter! : info.WireName,
            Container = forTag ? null : ContainerOf(info),
            Contents = new ContentsSpec(Value(collection), element.IsReferenceType, itemFields.ToEquatableArray()),
        };
    }

    private static EquatableArray<EventIdPart> Parts(INamedTypeSymbol type, IReadOnlyList<EventIdFormat.Part> format)
    {
        var parts = new EventIdPart[format.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = format[i];
            if (part.Member is null)
            {
                parts[i] = new EventIdPart(part.Literal, null);
                continue;
            }
            // The builder checked that the member exists and can be formatted.
            var shape = MemberShape.Of(FindPlaceholderType(type, part.Member));
            var kind = shape.Collection != CollectionKind.None ? ValueKind.Object
                : shape.Kind is ValueKind.String or ValueKind.SpanFormattable or ValueKind.Integer or ValueKind.Decimal or ValueKind.Double
                    or ValueKind.Single or ValueKind.DateOnly or ValueKind.DateTime or ValueKind.DateTimeOffset or ValueKind.Boolean
                    ? shape.Kind : ValueKind.Object;
            parts[i] = new EventIdPart(null, new ValueSpec(part.Member, kind, CollectionKind.None, shape.Collection == CollectionKind.None && shape.IsNullable, false));
        }
        return new EquatableArray<EventIdPart>(parts);
    }

    private static ITypeSymbol FindPlaceholderType(INamedTypeSymbol type, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(name))
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false } property) return property.Type;
                if (member is IFieldSymbol { IsStatic: false } field) return field.Type;
            }
        }
        throw new InvalidOperationException($"EventIdFormat names '{name}', which the model builder found readable."); // unreachable
    }

    private static readonly List<MappedMember> s_none = [];

    // The paths Limited Data Processing writes to, found once: asked for every field of every event type.
    private static readonly HashSet<string> s_limitedDataProcessingPaths = new(
        PinterestSchema.Fields.Where(f => f.Type == PinterestFieldType.LimitedDataProcessing).Select(f => f.Path), StringComparer.Ordinal);

    private static bool SharesPathWithLimitedDataProcessing(PinterestFieldInfo info) => s_limitedDataProcessingPaths.Contains(info.Path);

    /// <summary>The members mapped to each field, in declaration order (several when a field takes many values).</summary>
    private static Dictionary<PinterestField, List<MappedMember>> GroupByField(IReadOnlyList<MappedMember> members)
    {
        var byField = new Dictionary<PinterestField, List<MappedMember>>(members.Count);
        foreach (var member in members)
        {
            if (!byField.TryGetValue(member.Field, out var list)) byField[member.Field] = list = [];
            list.Add(member);
        }
        return byField;
    }

    private static ValueSpec Value(MappedMember member)
    {
        var shape = member.Shape;
        return new ValueSpec(member.Name, shape.Kind, shape.Collection, shape.IsNullable, member.IsPreHashed);
    }

    /// <summary>The object a field is written in, by the wire name of its path's first part; null for the event object.</summary>
    private static string? ContainerOf(PinterestFieldInfo info) =>
        info.Scope is PinterestFieldScope.Event or PinterestFieldScope.ContentsItem ? null : info.Path.Substring(0, info.Path.IndexOf('.'));

    private static EquatableArray<TypeDeclarationSpec> ContainingTypes(INamedTypeSymbol type)
    {
        var chain = new List<TypeDeclarationSpec>();
        for (var current = type.ContainingType; current is not null; current = current.ContainingType)
            chain.Insert(0, Declaration(current));
        return chain.ToEquatableArray();
    }

    private static TypeDeclarationSpec Declaration(INamedTypeSymbol type)
    {
        var kind = type switch
        {
            { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
            { IsRecord: true } => "record",
            { TypeKind: TypeKind.Struct } => "struct",
            { TypeKind: TypeKind.Interface } => "interface",
            _ => "class",
        };
        var readOnly = type.TypeKind == TypeKind.Struct && type.IsReadOnly ? "readonly " : "";
        return new TypeDeclarationSpec(readOnly + "partial " + kind, type.Name);
    }

    /// <summary>
    /// The type's full name (raw names, no <c>@</c>, nesting with '.') with any character a file name should not hold
    /// replaced by '_'. Not unique on its own (Roslyn compares hint names ignoring case): the pipeline makes it unique.
    /// </summary>
    private static string HintName(INamedTypeSymbol type)
    {
        var name = new System.Text.StringBuilder(type.Name);
        for (var current = type.ContainingType; current is not null; current = current.ContainingType) name.Insert(0, current.Name + ".");
        if (type.ContainingNamespace is { IsGlobalNamespace: false } ns) name.Insert(0, ns.ToDisplayString() + ".");
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!(char.IsLetterOrDigit(c) || c == '.' || c == '_')) name[i] = '_';
        }
        return name.Append(HintNameSuffix).ToString();
    }

    internal const string HintNameSuffix = ".PinterestEvent.g.cs";
}
