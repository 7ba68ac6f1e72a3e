using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pinterest.Conversions.Generators.Parsing;

namespace Pinterest.Conversions.Generators.Analyzers;

/// <summary>The toolkit's attribute symbols, resolved once per compilation; null when the runtime is not referenced.</summary>
internal sealed class PinterestSymbols
{
    private PinterestSymbols(INamedTypeSymbol eventAttribute, INamedTypeSymbol mapToAttribute, INamedTypeSymbol? usesTagAttribute, INamedTypeSymbol? eventNameAttribute)
    {
        EventAttribute = eventAttribute;
        MapToAttribute = mapToAttribute;
        UsesTagAttribute = usesTagAttribute;
        EventNameAttribute = eventNameAttribute;
    }

    public INamedTypeSymbol EventAttribute { get; }
    public INamedTypeSymbol MapToAttribute { get; }
    public INamedTypeSymbol? UsesTagAttribute { get; }

    /// <summary><c>[PinterestEventName]</c>; null with a runtime that predates it.</summary>
    public INamedTypeSymbol? EventNameAttribute { get; }

    public static PinterestSymbols? Resolve(Compilation compilation) =>
        compilation.GetTypeByMetadataName(KnownNames.PinterestEventAttribute) is { } eventAttribute
        && compilation.GetTypeByMetadataName(KnownNames.MapToAttribute) is { } mapTo
            ? new PinterestSymbols(eventAttribute, mapTo, compilation.GetTypeByMetadataName(KnownNames.UsesPinterestTagAttribute),
                compilation.GetTypeByMetadataName(KnownNames.PinterestEventNameAttribute))
            : null;

    /// <summary>
    /// The symbols of the runtime that declares <paramref name="eventAttribute"/>, found in that one assembly (the
    /// generator's path, no search of every reference); null when it is not the runtime (no IPinterestEvent beside it).
    /// </summary>
    public static PinterestSymbols? FromRuntime(INamedTypeSymbol eventAttribute)
    {
        var runtime = eventAttribute.ContainingAssembly;
        return runtime?.GetTypeByMetadataName(KnownNames.PinterestEventInterface) is not null
            && runtime.GetTypeByMetadataName(KnownNames.MapToAttribute) is { } mapTo
            ? new PinterestSymbols(eventAttribute, mapTo, null, runtime.GetTypeByMetadataName(KnownNames.PinterestEventNameAttribute))
            : null;
    }

    /// <summary>The type's single [PinterestEvent], or null.</summary>
    public AttributeData? EventAttributeOf(INamedTypeSymbol type) => MappedMember.FindAttribute(type.GetAttributes(), EventAttribute);

    /// <summary>Where to report on a type: its name in its first declaration.</summary>
    public static Location NameLocation(ISymbol symbol)
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            switch (reference.GetSyntax())
            {
                case BaseTypeDeclarationSyntax type: return type.Identifier.GetLocation();
                case PropertyDeclarationSyntax property: return property.Identifier.GetLocation();
                case VariableDeclaratorSyntax variable: return variable.Identifier.GetLocation();
                case ParameterSyntax parameter: return parameter.Identifier.GetLocation();
            }
        }
        return symbol.Locations.FirstOrDefault() ?? Location.None;
    }

    /// <summary>
    /// <paramref name="location"/> when it lies in a declaration of <paramref name="type"/>, else <paramref name="fallback"/>.
    /// A symbol action's diagnostic outside the symbol's declarations is non-local: IDE live analysis does not show it and
    /// code fixes cannot be offered for it. Inherited members are reported on the event type instead.
    /// </summary>
    public static Location LocalTo(INamedTypeSymbol type, Location location, Location fallback)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == location.SourceTree && reference.Span.Contains(location.SourceSpan)) return location;
        }
        return fallback;
    }

    /// <summary>Where an attribute was applied, or the fallback.</summary>
    public static Location AttributeLocation(AttributeData attribute, Location fallback) =>
        attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? fallback;

    /// <summary>The location of a named argument (<c>EventIdFormat = "..."</c>) or the attribute's first argument.</summary>
    public static Location ArgumentLocation(AttributeData attribute, string? name, Location fallback)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax() is not AttributeSyntax { ArgumentList: { } list } syntax)
            return fallback;
        foreach (var argument in list.Arguments)
        {
            if (name is null && argument.NameEquals is null) return argument.GetLocation();
            if (name is not null && argument.NameEquals?.Name.Identifier.ValueText == name) return argument.GetLocation();
        }
        return syntax.GetLocation();
    }
}
