using Microsoft.CodeAnalysis;
using Pinterest.Conversions.Generators.Model;

namespace Pinterest.Conversions.Generators.Parsing;

/// <summary>What a member's type looks like to the mapping rules: a value kind, maybe a collection of it, maybe nullable.</summary>
internal readonly struct MemberShape
{
    public MemberShape(ValueKind kind, CollectionKind collection, bool isNullable, ITypeSymbol? element)
    {
        Kind = kind;
        Collection = collection;
        IsNullable = isNullable;
        Element = element;
    }

    public ValueKind Kind { get; }
    public CollectionKind Collection { get; }
    public bool IsNullable { get; }

    /// <summary>The element type of a collection of line items (only used while parsing, never stored in the model).</summary>
    public ITypeSymbol? Element { get; }

    public static MemberShape Of(ITypeSymbol type)
    {
        var collection = CollectionOf(type, out var element);
        if (collection != CollectionKind.None)
        {
            var (elementKind, elementNullable) = Scalar(element!);
            return new MemberShape(elementKind, collection, elementNullable, element);
        }
        var (kind, nullable) = Scalar(type);
        return new MemberShape(kind, CollectionKind.None, nullable, null);
    }

    private static (ValueKind Kind, bool IsNullable) Scalar(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            return (ScalarKind(nullable.TypeArguments[0]), true);
        return (ScalarKind(type), false);
    }

    private static ValueKind ScalarKind(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_String: return ValueKind.String;
            case SpecialType.System_Boolean: return ValueKind.Boolean;
            case SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_UInt16
                or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64:
                return ValueKind.Integer;
            case SpecialType.System_Decimal: return ValueKind.Decimal;
            case SpecialType.System_Double: return ValueKind.Double;
            case SpecialType.System_Single: return ValueKind.Single;
            case SpecialType.System_DateTime: return ValueKind.DateTime;
        }
        if (type.TypeKind == TypeKind.Error) return ValueKind.Unsupported;
        var name = FullName(type);
        if (name == "System.DateOnly") return ValueKind.DateOnly;
        if (name == "System.DateTimeOffset") return ValueKind.DateTimeOffset;
        if (name == KnownNames.ActionSource) return ValueKind.ActionSource;
        if (type.AllInterfaces.Any(i => FullName(i) == "System.ISpanFormattable")) return ValueKind.SpanFormattable;
        if (type.TypeKind is TypeKind.Class or TypeKind.Struct && !type.IsStatic && type is INamedTypeSymbol { IsGenericType: false })
            return ValueKind.Element;
        return ValueKind.Object;
    }

    private static CollectionKind CollectionOf(ITypeSymbol type, out ITypeSymbol? element)
    {
        element = null;
        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            element = array.ElementType;
            return CollectionKind.Array;
        }
        if (type is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named) return CollectionKind.None;
        var kind = FullName(named.OriginalDefinition) switch
        {
            "System.Collections.Generic.List`1" => CollectionKind.List,
            "System.Collections.Generic.HashSet`1" => CollectionKind.HashSet,
            "System.Collections.Generic.IReadOnlyList`1" => CollectionKind.ReadOnlyList,
            "System.Collections.Generic.IReadOnlyCollection`1" => CollectionKind.ReadOnlyCollection,
            "System.Collections.Generic.IEnumerable`1" => CollectionKind.Enumerable,
            "System.Collections.Immutable.ImmutableArray`1" => CollectionKind.ImmutableArray,
            _ => CollectionKind.None,
        };
        if (kind != CollectionKind.None) element = named.TypeArguments[0];
        return kind;
    }

    /// <summary>Namespace-qualified metadata name, such as <c>System.Collections.Generic.List`1</c>.</summary>
    public static string FullName(ITypeSymbol type)
    {
        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() + "." : "";
        var outer = type.ContainingType is { } containing ? FullName(containing).Substring(ns.Length) + "+" : "";
        return ns + outer + type.MetadataName;
    }
}
