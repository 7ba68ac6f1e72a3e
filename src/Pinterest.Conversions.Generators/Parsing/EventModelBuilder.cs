using Microsoft.CodeAnalysis;
using Pinterest.Conversions.Generators.Analyzers;
using Pinterest.Conversions.Generators.Model;

namespace Pinterest.Conversions.Generators.Parsing;

/// <summary>
/// What the builder found about one <c>[PinterestEvent]</c> type. Lives only while a type is parsed or analyzed: it holds
/// symbols, which the generator's pipeline never keeps (only <see cref="Spec"/> goes on).
/// </summary>
internal sealed class EventModel
{
    public EventModel(INamedTypeSymbol type, AttributeData attribute, Location name)
    {
        Type = type;
        Attribute = attribute;
        Name = name;
    }

    public INamedTypeSymbol Type { get; }
    public AttributeData Attribute { get; }

    /// <summary>Where to report on the type: its name (<see cref="Location.None"/> when not diagnosing).</summary>
    public Location Name { get; }

    public DeclaredEvent? Declared { get; set; }

    /// <summary>The <c>[PinterestEventName]</c> member of an event named at run time, when there is exactly one valid one.</summary>
    public MappedMember? EventNameMember { get; set; }

    /// <summary>Every mapped member of the type and its bases, most derived first.</summary>
    public IReadOnlyList<MappedMember> Members { get; set; } = [];

    /// <summary>
    /// The problems this builder reports (the analyzers pass them on): the type not partial (PIN001), the declaration
    /// (PIN008), advertiser names and offline events (PIN013, PIN014), unreadable inherited members (PIN002), the
    /// event_id (PIN003, PIN005) and two sources for one field (PIN004).
    /// </summary>
    public List<Diagnostic> Diagnostics { get; } = [];

    /// <summary>
    /// True when something stops generation: one of <see cref="Diagnostics"/>, a member that MemberMappingAnalyzer
    /// reports where it is written, a non-partial containing type (reported on it), or an error the compiler reports.
    /// </summary>
    public bool IsBlocked { get; set; }

    /// <summary>What the generator emits; null when blocked.</summary>
    public EventSpec? Spec { get; set; }
}

/// <summary>
/// The one model builder: the generator asks it for the <see cref="EventSpec"/> of a type, the analyzers ask it for the
/// problems, and a type gets a generated file exactly when the builder finds no problem. Without diagnosing it stops at
/// the first problem (the generator's fast path).
/// </summary>
internal static class EventModelBuilder
{
    /// <summary>The generator's entry: the spec of the matched type, or null (the analyzers say why).</summary>
    public static EventSpec? BuildSpec(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.Attributes.Length != 1) return null;
        var attribute = context.Attributes[0];
        // The generated code calls the runtime: attributes declared elsewhere (a copy, a look-alike) get nothing.
        if (attribute.AttributeClass is not { } attributeClass || PinterestSymbols.FromRuntime(attributeClass) is not { } symbols) return null;
        return Build(type, attribute, symbols, context.SemanticModel.Compilation, diagnose: false, cancellationToken).Spec;
    }

    /// <summary>Builds the model of <paramref name="type"/>; with <paramref name="diagnose"/>, collects every problem instead of stopping at the first.</summary>
    public static EventModel Build(
        INamedTypeSymbol type, AttributeData attribute, PinterestSymbols symbols, Compilation compilation, bool diagnose, CancellationToken cancellationToken)
    {
        var name = diagnose ? PinterestSymbols.NameLocation(type) : Location.None;
        var model = new EventModel(type, attribute, name);

        CheckDeclaration(model, symbols, compilation, diagnose);
        if (model.IsBlocked && !diagnose) return model;
        cancellationToken.ThrowIfCancellationRequested();
        model.EventNameMember = CheckEventName(model, symbols, compilation, diagnose, cancellationToken);
        if (model.IsBlocked && !diagnose) return model;

        cancellationToken.ThrowIfCancellationRequested();
        var members = MappedMember.Collect(type, symbols.MapToAttribute, compilation, cancellationToken);
        model.Members = members;
        CheckMembers(model, members, symbols, compilation, diagnose, cancellationToken);
        if (model.IsBlocked && !diagnose) return model;

        CheckSources(model, members, diagnose);
        if (model.IsBlocked && !diagnose) return model;
        var format = CheckEventId(model, members, compilation, diagnose);
        if (model.IsBlocked && !diagnose) return model;
        var items = CheckContents(model, members, symbols, compilation, diagnose, cancellationToken);

        if (!model.IsBlocked && model.Declared is { } declared)
            model.Spec = SpecBuilder.Build(type, declared, model.EventNameMember, members, format, items);
        return model;
    }

    private static void CheckDeclaration(EventModel model, PinterestSymbols symbols, Compilation compilation, bool diagnose)
    {
        var type = model.Type;
        if (!DeclarationRules.IsPartial(type))
            Problem(model, diagnose, () => Diagnostic.Create(DiagnosticDescriptors.NotPartial, model.Name, type.Name, type.Name));
        if (!DeclarationRules.ContainersArePartial(type) || type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || CountEventAttributes(type, symbols) != 1)
            model.IsBlocked = true; // reported on the container, or by the compiler (CS0592, CS0579)
        if (model.IsBlocked && !diagnose) return;

        foreach (var (text, location) in DeclarationRules.UnsupportedReasons(type, model.Attribute, DeclarationRules.LanguageTooOld(compilation), model.Name))
            Problem(model, diagnose, () => Diagnostic.Create(DiagnosticDescriptors.UnsupportedDeclaration, location, type.Name, text));

        model.Declared = DeclaredEvent.Read(model.Attribute);
        if (model.Declared is null) model.IsBlocked = true; // an undefined or invalid argument is PIN008 above; another shape is the compiler's
        if (!diagnose) return;

        var attribute = model.Attribute;
        if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string custom && DeclaredEvent.IsValidCustomName(custom))
            model.Diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CustomEventName, PinterestSymbols.ArgumentLocation(attribute, null, model.Name),
                $"'{custom}' is an advertiser-defined event name"));
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == KnownNames.ActionSourceProperty && named.Value.Value is int source && source == (int)ActionSource.Offline)
                model.Diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.OfflineEvent, model.Name, type.Name));
        }
    }

    /// <summary>
    /// The event name chosen at run time (docs/generator.md): with <c>[PinterestEvent]</c> and no name, exactly one readable
    /// string member carries <c>[PinterestEventName]</c> (PIN017, PIN018, PIN019); with a name, none does (PIN020). Such
    /// an event is treated as custom-named (PIN013). Returns the member when it is the one valid marker.
    /// </summary>
    private static MappedMember? CheckEventName(EventModel model, PinterestSymbols symbols, Compilation compilation, bool diagnose, CancellationToken cancellationToken)
    {
        var type = model.Type;
        var attribute = model.Attribute;
        // Markers are collected like [MapTo] members: own and inherited, record parameters mapping their properties.
        var markers = symbols.EventNameAttribute is { } marker
            ? MappedMember.Collect(type, marker, compilation, cancellationToken)
            : [];
        if (attribute.AttributeConstructor is null) return null; // the compiler reports the attribute
        if (attribute.ConstructorArguments.Length != 0)
        {
            var named = attribute.ConstructorArguments[0] is { Kind: TypedConstantKind.Enum, Value: int id } ? "EventName." + (EventName)id
                : attribute.ConstructorArguments[0].Value is string custom ? "\"" + custom + "\"" : "...";
            foreach (var stray in markers)
                Problem(model, diagnose, () => Diagnostic.Create(DiagnosticDescriptors.EventNameDeclaredTwice, MarkerLocation(model, stray), stray.Name, named, type.Name));
            return null;
        }

        if (markers.Count == 0)
        {
            Problem(model, diagnose, () => Diagnostic.Create(DiagnosticDescriptors.MissingEventNameMember, model.Name, type.Name));
            return null;
        }
        var valid = true;
        if (markers.Count > 1)
        {
            valid = false;
            Problem(model, diagnose, () => Diagnostic.Create(DiagnosticDescriptors.DuplicateEventNameMember, MarkerLocation(model, markers[1]),
                type.Name, string.Join(", ", markers.Select(m => "'" + m.Name + "'"))));
        }
        foreach (var member in markers)
        {
            if (member.IsReadable && member.Type.SpecialType == SpecialType.System_String) continue;
            valid = false;
            Problem(model, diagnose, () => Diagnostic.Create(DiagnosticDescriptors.InvalidEventNameMember, MarkerLocation(model, member),
                member.Name, member.Type.ToDisplayString(), type.Name));
        }
        if (!valid) return null;

        var name = markers[0];
        if (diagnose)
            model.Diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CustomEventName, PinterestSymbols.AttributeLocation(attribute, model.Name),
                $"'{type.Name}' takes its event name at run time from '{name.Name}', and a name that is not a standard one is advertiser-defined"));
        return name;
    }

    /// <summary>Where to report on a marker: the member, when it is declared in the event type; the event's name otherwise.</summary>
    private static Location MarkerLocation(EventModel model, MappedMember member) =>
        PinterestSymbols.LocalTo(model.Type, PinterestSymbols.NameLocation(member.Symbol), model.Name);

    /// <summary>
    /// Each member must be writable (MemberRules) and belong on an event. Own members, and those of base types in this
    /// compilation, are reported where they are written (MemberMappingAnalyzer); an unreadable inherited member, or one
    /// of a base type from another assembly, is reported here on the event (PIN002, PIN006).
    /// </summary>
    private static void CheckMembers(EventModel model, List<MappedMember> members, PinterestSymbols symbols, Compilation compilation, bool diagnose, CancellationToken cancellationToken)
    {
        foreach (var member in members)
        {
            var declaringType = member.DeclaringType;
            var own = SymbolEqualityComparer.Default.Equals(declaringType, model.Type);
            if (!own && !member.IsReadable)
            {
                Problem(model, diagnose, () => Diagnostic.Create(DiagnosticDescriptors.UnsupportedMemberType, model.Name,
                    $"{declaringType?.Name}.{member.Name}", member.Type.ToDisplayString(), "PinterestField." + member.Field,
                    $"a member '{model.Type.Name}' can read (it is not accessible from the event type)"));
                continue;
            }
            var reportedElsewhere = own || declaringType?.DeclaringSyntaxReferences.Length > 0;
            if (!MemberRules.IsWritable(member, symbols.MapToAttribute, compilation, cancellationToken))
            {
                model.IsBlocked = true;
                if (diagnose && !reportedElsewhere && MemberRules.Check(member, symbols.MapToAttribute, compilation, model.Name, cancellationToken) is { } problem)
                    model.Diagnostics.Add(problem);
            }
            else if (member.FieldInfo!.Scope == PinterestFieldScope.ContentsItem)
            {
                model.IsBlocked = true;
                if (diagnose && !reportedElsewhere)
                    model.Diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.MisplacedField, model.Name, "PinterestField." + member.Field, declaringType?.Name,
                        "line-item fields belong on the element type of the Contents collection, not on a base type of an event"));
            }
            if (model.IsBlocked && !diagnose) return;
        }
    }

    /// <summary>One source per wire path (PIN004): a single-valued field mapped twice, EventId and EventIdFormat, ActionSource mapped and set.</summary>
    private static void CheckSources(EventModel model, List<MappedMember> members, bool diagnose)
    {
        var attribute = model.Attribute;
        if (attribute.NamedArguments.Any(a => a.Key == KnownNames.ActionSourceProperty)
            && members.FirstOrDefault(m => m.Field == PinterestField.ActionSource) is { } sourceMember)
        {
            Problem(model, diagnose, () => Diagnostic.Create(DiagnosticDescriptors.DuplicateSource,
                PinterestSymbols.ArgumentLocation(attribute, KnownNames.ActionSourceProperty, model.Name),
                "action_source", model.Type.Name, $"'{sourceMember.Name}' is mapped to ActionSource and the attribute sets ActionSource"));
        }
        // Hashed fields take several members (each adds values); every other field takes one.
        ReportDuplicates(model, members, model.Type, model.Name, diagnose);
    }

    /// <summary>The event_id: a mapped member or a well-formed EventIdFormat (PIN003, PIN004, PIN005); returns the format's parts.</summary>
    private static IReadOnlyList<EventIdFormat.Part>? CheckEventId(EventModel model, List<MappedMember> members, Compilation compilation, bool diagnose)
    {
        var attribute = model.Attribute;
        var format = attribute.NamedArguments.FirstOrDefault(a => a.Key == KnownNames.EventIdFormat).Value.Value as string;
        var eventIdMember = members.FirstOrDefault(m => m.Field == PinterestField.EventId);
        if (format is null)
        {
            if (eventIdMember is null)
                Problem(model, diagnose, () => Diagnostic.Create(DiagnosticDescriptors.MissingEventId, model.Name, model.Type.Name));
            return null;
        }

        var formatLocation = diagnose ? PinterestSymbols.ArgumentLocation(attribute, KnownNames.EventIdFormat, model.Name) : Location.None;
        if (eventIdMember is not null)
        {
            Problem(model, diagnose, () => Diagnostic.Create(DiagnosticDescriptors.DuplicateSource, formatLocation,
                "event_id", model.Type.Name, $"'{eventIdMember.Name}' is mapped to EventId and EventIdFormat is set"));
        }
        if (EventIdFormat.TryParse(format, out var error) is not { } parts)
        {
            Problem(model, diagnose, () => Diagnostic.Create(DiagnosticDescriptors.InvalidEventIdFormat, formatLocation, format, error));
            return null;
        }
        foreach (var placeholder in parts)
        {
            if (placeholder.Member is null) continue;
            var memberType = FindReadableMember(model.Type, placeholder.Member, compilation);
            var problem = memberType is null ? $"'{placeholder.Member}' is not a readable property or field of '{model.Type.Name}' or its base types"
                : !CanBeFormatted(memberType) ? $"'{placeholder.Member}' is a {memberType.ToDisplayString()}, which cannot be formatted into an event_id"
                : null;
            if (problem is not null)
                Problem(model, diagnose, () => Diagnostic.Create(DiagnosticDescriptors.InvalidEventIdFormat, formatLocation, format, problem));
        }
        return parts;
    }

    /// <summary>
    /// The line items' fields, each once on the element type (PIN004). Their other problems are reported on the element
    /// type by MemberMappingAnalyzer; they only block here.
    /// </summary>
    private static List<MappedMember>? CheckContents(
        EventModel model, List<MappedMember> members, PinterestSymbols symbols, Compilation compilation, bool diagnose, CancellationToken cancellationToken)
    {
        List<MappedMember>? result = null;
        foreach (var contents in members)
        {
            if (contents.Field != PinterestField.Contents || contents.Shape.Element is not INamedTypeSymbol element) continue;
            var all = MappedMember.Collect(element, symbols.MapToAttribute, compilation, cancellationToken, readFrom: model.Type, through: element);
            var itemFields = new List<MappedMember>();
            var items = new List<MappedMember>();
            foreach (var item in all)
            {
                if (item.FieldInfo is not { Scope: PinterestFieldScope.ContentsItem } info)
                {
                    model.IsBlocked = true;
                    continue;
                }
                itemFields.Add(item);
                if (item.IsReadable && FieldTypeRules.Accepts(info, item.Shape)) items.Add(item);
                else model.IsBlocked = true;
            }
            if (items.Count == 0) model.IsBlocked = true;
            var location = diagnose ? PinterestSymbols.LocalTo(model.Type, PinterestSymbols.NameLocation(contents.Symbol), model.Name) : Location.None;
            ReportDuplicates(model, itemFields, element, location, diagnose);
            result ??= items;
        }
        return result;
    }

    /// <summary>PIN004 for single-valued fields mapped more than once among <paramref name="members"/> of <paramref name="owner"/>.</summary>
    private static void ReportDuplicates(EventModel model, IReadOnlyList<MappedMember> members, INamedTypeSymbol owner, Location name, bool diagnose)
    {
        for (var i = 0; i < members.Count; i++)
        {
            var again = members[i];
            if (again.FieldInfo is not { IsHashed: false } info) continue;
            MappedMember? first = null;
            for (var j = 0; j < i && first is null; j++)
            {
                if (members[j].Field == again.Field) first = members[j];
            }
            if (first is null) continue;
            // A duplicate inherited from a base type is reported on the event type (a local diagnostic).
            Problem(model, diagnose, () => Diagnostic.Create(DiagnosticDescriptors.DuplicateSource,
                PinterestSymbols.LocalTo(model.Type, PinterestSymbols.AttributeLocation(again.Attribute, PinterestSymbols.NameLocation(again.Symbol)), name),
                info.Path, owner.Name, $"'{first.Name}' and '{again.Name}' are both mapped to {again.Field}"));
        }
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

    private static int CountEventAttributes(INamedTypeSymbol type, PinterestSymbols symbols)
    {
        var count = 0;
        foreach (var attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.EventAttribute)) count++;
        }
        return count;
    }

    /// <summary>Records a blocking problem; the diagnostic is only made when diagnosing.</summary>
    private static void Problem(EventModel model, bool diagnose, Func<Diagnostic> diagnostic)
    {
        model.IsBlocked = true;
        if (diagnose) model.Diagnostics.Add(diagnostic());
    }
}
