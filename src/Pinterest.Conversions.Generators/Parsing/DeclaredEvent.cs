using Microsoft.CodeAnalysis;

namespace Pinterest.Conversions.Generators.Parsing;

/// <summary>What a <c>[PinterestEvent]</c> attribute says, when every argument is valid.</summary>
internal sealed class DeclaredEvent
{
    /// <summary>The wire event name; null when the name is chosen at run time (<see cref="IsNamedAtRunTime"/>).</summary>
    public string? WireName { get; private set; }
    public string? StandardName { get; private set; }

    /// <summary><c>[PinterestEvent]</c> with no name: a <c>[PinterestEventName]</c> member holds it (docs/generator.md, "Event names chosen at run time").</summary>
    public bool IsNamedAtRunTime { get; private set; }
    public ActionSource ActionSource { get; private set; } = ActionSource.Web;
    public bool ActionSourceSet { get; private set; }
    public string? EventIdFormat { get; private set; }

    /// <summary>The declaration, or null when an argument is missing, undefined, invalid or of another shape (a look-alike attribute).</summary>
    public static DeclaredEvent? Read(AttributeData attribute)
    {
        if (attribute.AttributeConstructor is null || attribute.ConstructorArguments.Length > 1) return null;
        var declared = new DeclaredEvent();
        if (attribute.ConstructorArguments.Length == 0)
        {
            declared.IsNamedAtRunTime = true;
            return ReadNamedArguments(attribute, declared);
        }
        var name = attribute.ConstructorArguments[0];
        if (name.Kind == TypedConstantKind.Array) return null;
        if (name.Kind == TypedConstantKind.Enum && name.Value is int id)
        {
            if (PinterestSchema.GetWireName((EventName)id) is not { } wire) return null;
            declared.WireName = wire;
            declared.StandardName = ((EventName)id).ToString();
        }
        else if (name.Value is string custom && IsValidCustomName(custom))
        {
            declared.WireName = custom;
        }
        else
        {
            return null;
        }
        return ReadNamedArguments(attribute, declared);
    }

    private static DeclaredEvent? ReadNamedArguments(AttributeData attribute, DeclaredEvent declared)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Value.Kind == TypedConstantKind.Array) return null;
            switch (argument.Key)
            {
                case KnownNames.ActionSourceProperty:
                    if (argument.Value.Value is not int source || PinterestSchema.GetWireName((ActionSource)source) is null) return null;
                    declared.ActionSource = (ActionSource)source;
                    declared.ActionSourceSet = true;
                    break;
                case KnownNames.EventIdFormat:
                    declared.EventIdFormat = argument.Value.Value as string;
                    break;
            }
        }
        return declared;
    }

    /// <summary>An advertiser-defined event name: the runtime's rule (linked source), which also checks run-time names.</summary>
    public static bool IsValidCustomName(string name) => PinterestEventNames.IsValidAdvertiserDefined(name);
}
