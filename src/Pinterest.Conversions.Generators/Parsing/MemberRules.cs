using Microsoft.CodeAnalysis;
using Pinterest.Conversions.Generators.Analyzers;

namespace Pinterest.Conversions.Generators.Parsing;

/// <summary>
/// Whether one mapped member can be written: a defined field (PIN008), a readable member (PIN002) of a type that can
/// carry the field (PIN002). One rule for the model builder, which skips an event with such a member, and for
/// MemberMappingAnalyzer, which reports it where the member is written.
/// </summary>
internal static class MemberRules
{
    /// <summary>The problem with <paramref name="member"/>, reported at <paramref name="location"/>, or null when it is fine.</summary>
    public static Diagnostic? Check(MappedMember member, INamedTypeSymbol mapToAttribute, Compilation compilation, Location location, CancellationToken cancellationToken)
    {
        if (member.FieldInfo is not { } info)
        {
            return Diagnostic.Create(DiagnosticDescriptors.UnsupportedDeclaration,
                PinterestSymbols.AttributeLocation(member.Attribute, location), member.Name, $"PinterestField {(int)member.Field} is not a defined field");
        }
        if (!member.IsReadable)
        {
            return Diagnostic.Create(DiagnosticDescriptors.UnsupportedMemberType, location,
                member.Name, member.Type.ToDisplayString(), "PinterestField." + member.Field, "a readable instance property or field (an accessible getter)");
        }
        if (!FieldTypeRules.Accepts(info, member.Shape)
            || info.Field == PinterestField.Contents && !MapsItemFields(member.Shape.Element, mapToAttribute, compilation, cancellationToken))
        {
            return Diagnostic.Create(DiagnosticDescriptors.UnsupportedMemberType, location,
                member.Name, member.Type.ToDisplayString(), "PinterestField." + member.Field, FieldTypeRules.AcceptedTypes(info));
        }
        return null;
    }

    /// <summary>True when the member can be written (what <see cref="Check"/> says, without making a diagnostic).</summary>
    public static bool IsWritable(MappedMember member, INamedTypeSymbol mapToAttribute, Compilation compilation, CancellationToken cancellationToken) =>
        member.FieldInfo is { } info && member.IsReadable && FieldTypeRules.Accepts(info, member.Shape)
        && (info.Field != PinterestField.Contents || MapsItemFields(member.Shape.Element, mapToAttribute, compilation, cancellationToken));

    /// <summary>Whether the element type of a Contents collection maps at least one Item field (the generator needs one).</summary>
    private static bool MapsItemFields(ITypeSymbol? element, INamedTypeSymbol mapToAttribute, Compilation compilation, CancellationToken cancellationToken)
    {
        if (element is not INamedTypeSymbol named) return false;
        foreach (var member in MappedMember.Collect(named, mapToAttribute, compilation, cancellationToken))
        {
            if (member.FieldInfo?.Scope == PinterestFieldScope.ContentsItem) return true;
        }
        return false;
    }
}
