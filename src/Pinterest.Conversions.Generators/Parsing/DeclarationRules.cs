using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pinterest.Conversions.Generators.Analyzers;

namespace Pinterest.Conversions.Generators.Parsing;

/// <summary>Which <c>[PinterestEvent]</c> declarations generated code can complete: one rule for the builder and PIN001/PIN008.</summary>
internal static class DeclarationRules
{
    /// <summary>Every declaration of the type carries <c>partial</c> (a type from metadata has none to check).</summary>
    public static bool IsPartial(INamedTypeSymbol type)
    {
        var references = type.DeclaringSyntaxReferences;
        if (references.Length == 0) return false;
        foreach (var reference in references)
        {
            if (reference.GetSyntax() is not TypeDeclarationSyntax declaration || !HasPartial(declaration.Modifiers)) return false;
        }
        return true;
    }

    /// <summary>True when every type containing <paramref name="type"/> is partial (PIN001 is reported on the container).</summary>
    public static bool ContainersArePartial(INamedTypeSymbol type)
    {
        for (var current = type.ContainingType; current is not null; current = current.ContainingType)
        {
            if (!IsPartial(current)) return false;
        }
        return true;
    }

    /// <summary>Why the declaration is not supported (PIN008), with where to say it; empty when it is.</summary>
    public static List<(string Text, Location Location)> UnsupportedReasons(
        INamedTypeSymbol type, AttributeData attribute, LanguageVersion? languageTooOld, Location name)
    {
        var reasons = new List<(string, Location)>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            // Arity, not IsGenericType: IsGenericType is also true for a type nested in a generic one.
            if (current.Arity > 0)
            {
                reasons.Add((SymbolEqualityComparer.Default.Equals(current, type) ? "generic event types are not supported" : $"it is nested in the generic type '{current.Name}'", name));
                break;
            }
        }
        for (var container = type.ContainingType; container is not null; container = container.ContainingType)
        {
            if (container.IsFileLocal) reasons.Add(($"it is nested in the file-local type '{container.Name}', which generated code in another file cannot complete", name));
        }
        if (type.IsRefLikeType) reasons.Add(("a ref struct cannot implement IPinterestEvent", name));
        if (type.IsFileLocal) reasons.Add(("a file-local type cannot be completed by generated code, which lives in another file", name));
        if (type.IsStatic) reasons.Add(("a static class has no instances to send", name));
        else if (type.IsAbstract) reasons.Add(("an abstract type has no instances to send: put [PinterestEvent] on the concrete type and keep shared members on the abstract base", name));
        if (languageTooOld is { } version)
            reasons.Add(($"the generated code needs C# {KnownNames.MinimumLanguageVersion} or later, and this project uses C# {version.ToDisplayString()}", name));

        if (attribute.ConstructorArguments.Length == 1)
        {
            var argument = attribute.ConstructorArguments[0];
            var location = PinterestSymbols.ArgumentLocation(attribute, null, name);
            if (argument.Kind == TypedConstantKind.Enum && argument.Value is int id && PinterestSchema.GetWireName((EventName)id) is null)
                reasons.Add(($"EventName {id} is not a defined event name", location));
            else if (argument.Value is string custom && !DeclaredEvent.IsValidCustomName(custom))
                reasons.Add(($"\"{custom}\" is not a valid advertiser-defined event name (1 to 100 letters, digits, '_' or '-')", location));
            else if (argument.Value is null && argument.Kind != TypedConstantKind.Error)
                reasons.Add(("the event name is null", location));
        }
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == KnownNames.ActionSourceProperty && named.Value.Value is int source && PinterestSchema.GetWireName((ActionSource)source) is null)
                reasons.Add(($"ActionSource {source} is not a defined action source", PinterestSymbols.ArgumentLocation(attribute, named.Key, name)));
        }
        return reasons;
    }

    /// <summary>The C# version when it is older than the generated code needs, else null.</summary>
    public static LanguageVersion? LanguageTooOld(Compilation compilation) =>
        compilation is CSharpCompilation { LanguageVersion: var version } && (int)version < KnownNames.MinimumLanguageVersion * 100 ? version : null;

    private static bool HasPartial(SyntaxTokenList modifiers)
    {
        foreach (var modifier in modifiers)
        {
            if (modifier.IsKind(SyntaxKind.PartialKeyword)) return true;
        }
        return false;
    }
}
