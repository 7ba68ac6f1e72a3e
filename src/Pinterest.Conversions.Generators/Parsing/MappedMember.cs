using Microsoft.CodeAnalysis;

namespace Pinterest.Conversions.Generators.Parsing;

/// <summary>A member carrying <c>[MapTo]</c>, as found on a type or its bases. Lives only during parsing and analysis.</summary>
internal sealed class MappedMember
{
    public MappedMember(ISymbol symbol, string name, ITypeSymbol type, PinterestField field, bool isPreHashed, bool isReadable, AttributeData attribute)
    {
        Symbol = symbol;
        Name = name;
        Type = type;
        Field = field;
        IsPreHashed = isPreHashed;
        IsReadable = isReadable;
        Attribute = attribute;
    }

    /// <summary>The property, field or record parameter carrying the attribute.</summary>
    public ISymbol Symbol { get; }

    /// <summary>The name of the member read at run time (for a record parameter, its property).</summary>
    public string Name { get; }

    public ITypeSymbol Type { get; }

    /// <summary>The mapped field; may be an undefined value when the attribute argument is wrong.</summary>
    public PinterestField Field { get; }

    public bool IsPreHashed { get; }

    /// <summary>
    /// Readable by the generated code: an instance member with a getter accessible from the event type, not an explicit
    /// interface implementation, not obsolete as an error.
    /// </summary>
    public bool IsReadable { get; }

    public AttributeData Attribute { get; }

    /// <summary>The type that declares the member (a record's type for a positional parameter).</summary>
    public INamedTypeSymbol? DeclaringType => Symbol.ContainingType;

    public PinterestFieldInfo? FieldInfo => PinterestSchema.GetField(Field);

    public MemberShape Shape => MemberShape.Of(Type);

    /// <summary>
    /// Every mapped member of <paramref name="type"/> and its base types, most derived first; an overridden or hidden
    /// member counts once. Record primary-constructor parameters map their generated properties. Readability is judged
    /// from <paramref name="readFrom"/> (the event type; by default <paramref name="type"/>) reading through an
    /// instance of <paramref name="through"/> (null: through <c>this</c>).
    /// </summary>
    public static List<MappedMember> Collect(
        INamedTypeSymbol type, INamedTypeSymbol mapToAttribute, Compilation compilation, CancellationToken cancellationToken,
        INamedTypeSymbol? readFrom = null, INamedTypeSymbol? through = null)
    {
        var within = readFrom ?? type;
        var members = new List<MappedMember>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = type; current is not null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); current = current.BaseType)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var member in current.GetMembers())
            {
                if (member is not (IPropertySymbol or IFieldSymbol) || member.IsImplicitlyDeclared && member is IFieldSymbol) continue;
                if (FindAttribute(member.GetAttributes(), mapToAttribute) is not { } attribute) continue;
                if (!seen.Add(member.Name)) continue;
                var memberType = member is IPropertySymbol p ? p.Type : ((IFieldSymbol)member).Type;
                members.Add(Create(member, member.Name, memberType, attribute, CanRead(member, within, through, compilation)));
            }

            foreach (var parameter in PrimaryConstructorParameters(current))
            {
                if (FindAttribute(parameter.GetAttributes(), mapToAttribute) is not { } attribute) continue;
                if (!seen.Add(parameter.Name)) continue;
                var property = current.GetMembers(parameter.Name).OfType<IPropertySymbol>().FirstOrDefault();
                var readable = property is not null && CanRead(property, within, through, compilation);
                members.Add(Create(parameter, parameter.Name, parameter.Type, attribute, readable));
            }
        }
        return members;
    }

    public static AttributeData? FindAttribute(IEnumerable<AttributeData> attributes, INamedTypeSymbol attributeType) =>
        attributes.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType));

    private static MappedMember Create(ISymbol symbol, string name, ITypeSymbol type, AttributeData attribute, bool readable)
    {
        // An array-valued constant (a look-alike attribute) maps nothing: field 0 is undefined.
        var field = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0] is { Kind: not TypedConstantKind.Array, Value: int id }
            ? (PinterestField)id : 0;
        var preHashed = attribute.NamedArguments.Any(a => a.Key == KnownNames.HashingProperty && a.Value is { Kind: not TypedConstantKind.Array, Value: 1 });
        return new MappedMember(symbol, name, type, field, preHashed, readable, attribute);
    }

    private static bool CanRead(ISymbol member, INamedTypeSymbol within, INamedTypeSymbol? through, Compilation compilation)
    {
        if (member.IsStatic || IsObsoleteError(member)) return false;
        if (member is IPropertySymbol property)
        {
            if (property.IsIndexer || property.GetMethod is null || !property.ExplicitInterfaceImplementations.IsEmpty || IsObsoleteError(property.GetMethod))
                return false;
            return compilation.IsSymbolAccessibleWithin(property.GetMethod, within, through);
        }
        return compilation.IsSymbolAccessibleWithin(member, within, through);
    }

    /// <summary>[Obsolete(..., error: true)]: reading the member does not compile (warnings are suppressed, errors cannot be).</summary>
    internal static bool IsObsoleteError(ISymbol symbol) =>
        symbol.GetAttributes().Any(a =>
            a.AttributeClass is { Name: "ObsoleteAttribute", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } }
            && a.ConstructorArguments.Length == 2 && a.ConstructorArguments[1] is { Kind: TypedConstantKind.Primitive, Value: true });

    /// <summary>A record's positional parameters: those of the constructor whose parameters all have same-named properties.</summary>
    private static IEnumerable<IParameterSymbol> PrimaryConstructorParameters(INamedTypeSymbol type)
    {
        if (!type.IsRecord) return Enumerable.Empty<IParameterSymbol>();
        foreach (var ctor in type.InstanceConstructors)
        {
            if (ctor.Parameters.Length == 0) continue;
            // The copy constructor takes the record itself.
            if (ctor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(ctor.Parameters[0].Type, type)) continue;
            var isPrimary = ctor.DeclaringSyntaxReferences.Length > 0
                ? ctor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.RecordDeclarationSyntax)
                : ctor.Parameters.All(p => type.GetMembers(p.Name).OfType<IPropertySymbol>().Any(m => SymbolEqualityComparer.Default.Equals(m.Type, p.Type)));
            if (isPrimary) return ctor.Parameters;
        }
        return Enumerable.Empty<IParameterSymbol>();
    }
}
