using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pinterest.Conversions.Generators.Model;

namespace Pinterest.Conversions.Generators.Parsing;

/// <summary>
/// Turns an event type's symbol into an <see cref="EventSpec"/>; the only place that sees symbols. Returns null for a
/// type the generator cannot handle: the analyzers report why, the generator stays silent.
/// </summary>
internal static class EventParser
{
    private static readonly Regex s_customEventName = new("^[A-Za-z0-9_-]{1,100}$", RegexOptions.CultureInvariant);

    public static EventSpec? Parse(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
    {
        var eventAttributeType = compilation.GetTypeByMetadataName(KnownNames.PinterestEventAttribute);
        var mapToType = compilation.GetTypeByMetadataName(KnownNames.MapToAttribute);
        if (eventAttributeType is null || mapToType is null || !IsSupportedDeclaration(type)) return null;
        // The generated code calls the runtime: attributes declared elsewhere (a copy, a look-alike) get nothing.
        if (eventAttributeType.ContainingAssembly.GetTypeByMetadataName(KnownNames.PinterestEventInterface) is null) return null;

        var attributes = type.GetAttributes().Where(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, eventAttributeType)).ToArray();
        if (attributes.Length != 1 || ReadAttribute(attributes[0]) is not { } declared) return null;

        var members = MappedMember.Collect(type, mapToType, compilation, cancellationToken, readFrom: type, through: null);
        if (members.Any(m => !m.IsReadable || m.FieldInfo is not { } info || info.Scope == PinterestFieldScope.ContentsItem || !FieldTypeRules.Accepts(info, m.Shape)))
            return null;
        if (HasConflicts(members, declared)) return null;

        cancellationToken.ThrowIfCancellationRequested();
        var eventId = EventId(type, members, declared.EventIdFormat, compilation);
        if (eventId is null) return null;

        ContentsSpec? contents = null;
        if (members.FirstOrDefault(m => m.Field == PinterestField.Contents) is { } contentsMember)
        {
            contents = Contents(type, contentsMember, mapToType, compilation, cancellationToken);
            if (contents is null) return null;
        }

        var specs = members
            .Where(m => m.Field is not (PinterestField.EventId or PinterestField.EventTime or PinterestField.ActionSource or PinterestField.Contents))
            .OrderBy(m => FieldOrder(m.Field))
            .Select(ToSpec)
            .ToEquatableArray();

        return new EventSpec(
            HintName(type),
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            ContainingTypes(type),
            Declaration(type),
            declared.WireName,
            declared.StandardName,
            declared.ActionSource,
            members.FirstOrDefault(m => m.Field == PinterestField.ActionSource) is { } source ? ToSpec(source) : null,
            eventId,
            members.FirstOrDefault(m => m.Field == PinterestField.EventTime) is { } time ? ToSpec(time) : null,
            specs,
            contents);
    }

    /// <summary>What the attribute says, when every argument is valid.</summary>
    internal sealed class DeclaredEvent
    {
        public string WireName { get; set; } = "";
        public string? StandardName { get; set; }
        public string ActionSource { get; set; } = nameof(Conversions.ActionSource.Web);
        public bool ActionSourceSet { get; set; }
        public string? EventIdFormat { get; set; }
    }

    internal static DeclaredEvent? ReadAttribute(AttributeData attribute)
    {
        if (attribute.AttributeConstructor is null || attribute.ConstructorArguments.Length != 1) return null;
        var declared = new DeclaredEvent();
        var name = attribute.ConstructorArguments[0];
        if (name.Kind == TypedConstantKind.Array) return null;
        if (name.Kind == TypedConstantKind.Enum && name.Value is int id)
        {
            if (PinterestSchema.GetWireName((EventName)id) is not { } wire) return null;
            declared.WireName = wire;
            declared.StandardName = ((EventName)id).ToString();
        }
        else if (name.Value is string custom && IsValidCustomEventName(custom))
        {
            declared.WireName = custom;
        }
        else
        {
            return null;
        }

        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Value.Kind == TypedConstantKind.Array) return null;
            switch (argument.Key)
            {
                case KnownNames.ActionSourceProperty:
                    if (argument.Value.Value is not int source || PinterestSchema.GetWireName((ActionSource)source) is null) return null;
                    declared.ActionSource = ((ActionSource)source).ToString();
                    declared.ActionSourceSet = true;
                    break;
                case KnownNames.EventIdFormat:
                    declared.EventIdFormat = argument.Value.Value as string;
                    break;
            }
        }
        return declared;
    }

    /// <summary>An advertiser-defined event name: at most 100 characters of letters, digits, '_' and '-'.</summary>
    internal static bool IsValidCustomEventName(string name) => s_customEventName.IsMatch(name);

    /// <summary>
    /// Partial all the way out, not generic, not file-local (another file cannot extend it), not a ref struct, not
    /// static or abstract: a type the generated code can extend.
    /// </summary>
    internal static bool IsSupportedDeclaration(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsGenericType || current.IsFileLocal || !IsPartial(current)) return false;
        }
        return type.TypeKind is TypeKind.Class or TypeKind.Struct && !type.IsRefLikeType && !type.IsStatic && !type.IsAbstract;
    }

    internal static bool IsPartial(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Length > 0
        && type.DeclaringSyntaxReferences.All(r => r.GetSyntax() is TypeDeclarationSyntax t && t.Modifiers.Any(m => m.ValueText == "partial"));

    /// <summary>Two sources for one wire path (PIN004). Hashed fields may take several members: they become several values.</summary>
    internal static bool HasConflicts(IReadOnlyList<MappedMember> members, DeclaredEvent declared)
    {
        var singles = members.Where(m => m.FieldInfo is { IsHashed: false }).GroupBy(m => m.Field).Any(g => g.Count() > 1);
        var eventIdTwice = declared.EventIdFormat is not null && members.Any(m => m.Field == PinterestField.EventId);
        var sourceTwice = declared.ActionSourceSet && members.Any(m => m.Field == PinterestField.ActionSource);
        var optOutTwice = members.Count(m => m.Field is PinterestField.OptOutType) > 1;
        return singles || eventIdTwice || sourceTwice || optOutTwice;
    }

    private static EventIdSpec? EventId(INamedTypeSymbol type, List<MappedMember> members, string? format, Compilation compilation)
    {
        if (members.FirstOrDefault(m => m.Field == PinterestField.EventId) is { } member)
            return new EventIdSpec(ToSpec(member), EquatableArray<EventIdPart>.Empty);
        if (format is null || EventIdFormat.TryParse(format, out _) is not { } parts) return null;

        var specs = new List<EventIdPart>();
        foreach (var part in parts)
        {
            if (part.Member is null)
            {
                specs.Add(new EventIdPart(part.Literal, null, ValueKind.String, false));
                continue;
            }
            if (FindReadableMember(type, part.Member, compilation) is not { } memberType || !CanBeFormatted(memberType)) return null;
            var shape = MemberShape.Of(memberType);
            var kind = shape.Collection != CollectionKind.None ? ValueKind.Object
                : shape.Kind is ValueKind.String or ValueKind.SpanFormattable or ValueKind.Integer or ValueKind.Decimal or ValueKind.Double
                    or ValueKind.Single or ValueKind.DateOnly or ValueKind.DateTime or ValueKind.DateTimeOffset or ValueKind.Boolean
                    ? shape.Kind : ValueKind.Object;
            specs.Add(new EventIdPart(null, Access(part.Member), kind, shape.Collection == CollectionKind.None && shape.IsNullable));
        }
        return new EventIdSpec(null, specs.ToEquatableArray());
    }

    /// <summary>The type of a readable instance property or field named <paramref name="name"/>, own or inherited.</summary>
    internal static ITypeSymbol? FindReadableMember(INamedTypeSymbol type, string name, Compilation compilation)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(name))
            {
                switch (member)
                {
                    case IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: { } getter } property
                        when compilation.IsSymbolAccessibleWithin(getter, type) && !MappedMember.IsObsoleteError(property) && !MappedMember.IsObsoleteError(getter):
                        return property.Type;
                    case IFieldSymbol { IsStatic: false } field when compilation.IsSymbolAccessibleWithin(field, type) && !MappedMember.IsObsoleteError(field):
                        return field.Type;
                }
            }
        }
        return null;
    }

    /// <summary>A placeholder value the event_id builder can take: not a pointer, and not a ref struct (it cannot be boxed).</summary>
    internal static bool CanBeFormatted(ITypeSymbol type) =>
        type is not (IPointerTypeSymbol or IFunctionPointerTypeSymbol) && !type.IsRefLikeType;

    private static ContentsSpec? Contents(INamedTypeSymbol eventType, MappedMember collection, INamedTypeSymbol mapToType, Compilation compilation, CancellationToken cancellationToken)
    {
        if (collection.Shape.Element is not INamedTypeSymbol element) return null;
        // The generated code reads each item as __item.@Member from inside the event type.
        var members = MappedMember.Collect(element, mapToType, compilation, cancellationToken, readFrom: eventType, through: element);
        if (members.Count == 0) return null;
        if (members.Any(m => !m.IsReadable || m.FieldInfo is not { Scope: PinterestFieldScope.ContentsItem } info || !FieldTypeRules.Accepts(info, m.Shape)))
            return null;
        if (members.GroupBy(m => m.Field).Any(g => g.Count() > 1)) return null;
        var specs = members.OrderBy(m => FieldOrder(m.Field)).Select(m => ToSpec(m) with { Access = "__item.@" + m.Name }).ToEquatableArray();
        return new ContentsSpec(ToSpec(collection), element.IsReferenceType, specs);
    }

    private static MemberSpec ToSpec(MappedMember member)
    {
        var shape = member.Shape;
        return new MemberSpec((int)member.Field, member.Field.ToString(), Access(member.Name), shape.Kind, shape.Collection, shape.IsNullable, member.IsPreHashed);
    }

    private static string Access(string name) => "this.@" + name;

    private static int FieldOrder(PinterestField field)
    {
        for (var i = 0; i < PinterestSchema.Fields.Count; i++)
        {
            if (PinterestSchema.Fields[i].Field == field) return i;
        }
        return int.MaxValue;
    }

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
        var parts = new List<string> { type.Name };
        for (var current = type.ContainingType; current is not null; current = current.ContainingType) parts.Insert(0, current.Name);
        if (type.ContainingNamespace is { IsGlobalNamespace: false } ns) parts.Insert(0, ns.ToDisplayString());
        var name = string.Join(".", parts);
        return new string(name.Select(c => char.IsLetterOrDigit(c) || c == '.' || c == '_' ? c : '_').ToArray()) + HintNameSuffix;
    }

    internal const string HintNameSuffix = ".PinterestEvent.g.cs";
}
