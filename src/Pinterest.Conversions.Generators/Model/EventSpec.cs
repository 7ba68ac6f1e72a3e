namespace Pinterest.Conversions.Generators.Model;

// The generator's model: plain, value-equatable data, everything decided at build time. No ISymbol, SyntaxNode or
// Compilation may appear here (a test walks these types and fails if one does), so the pipeline caches across unrelated
// edits; and no C# text either: the emitter alone decides how a member is read and a call is spelled.

/// <summary>
/// Everything needed to emit one event type. The event name is a constant (<see cref="WireEventName"/>) or, for an event
/// named at run time, the <c>[PinterestEventName]</c> member (<see cref="EventNameMember"/>); exactly one is set.
/// <see cref="WritesDefaultPartnerName"/>: the type maps no PartnerName, so the context's default is written.
/// </summary>
internal sealed record EventSpec(
    string HintName,
    string? Namespace,
    EquatableArray<TypeDeclarationSpec> ContainingTypes,
    TypeDeclarationSpec Type,
    string EventNameProperty,
    string? WireEventName,
    ValueSpec? EventNameMember,
    ActionSourceSpec ActionSource,
    EventTimeSpec EventTime,
    EventIdSpec EventId,
    bool WritesDefaultPartnerName,
    EquatableArray<FieldSpec> Fields,
    EquatableArray<FieldSpec> TagFields);

/// <summary>An event to emit under a hint name that is unique in the compilation (ignoring case, as Roslyn compares them).</summary>
internal sealed record EmittableEvent(EventSpec Spec, string HintName);

/// <summary>How to re-declare a type as partial: its keywords (e.g. <c>readonly partial record struct</c>) and name.</summary>
internal sealed record TypeDeclarationSpec(string Keywords, string Name);

/// <summary>A member read at run time: its name (on the event, or on a line item), and the shape of its value.</summary>
internal sealed record ValueSpec(string Member, ValueKind Kind, CollectionKind Collection, bool IsNullable, bool IsPreHashed);

/// <summary>The action source: the attribute's (<see cref="Default"/>, an ActionSource member name), or a mapped member.</summary>
internal sealed record ActionSourceSpec(string WireName, string Default, string DefaultWireValue, ValueSpec? Member);

/// <summary>The event time: a mapped member, or (null) the context's clock.</summary>
internal sealed record EventTimeSpec(string WireName, ValueSpec? Member);

/// <summary>The event_id (and its Tag parameter): a mapped member, or the parts of an <c>EventIdFormat</c> template.</summary>
internal sealed record EventIdSpec(string WireName, string? TagName, ValueSpec? Member, EquatableArray<EventIdPart> Parts);

/// <summary>One part of an <c>EventIdFormat</c>: literal text, or a member to format.</summary>
internal sealed record EventIdPart(string? Literal, ValueSpec? Member);

/// <summary>
/// One property as it is written: by which rule (<see cref="Write"/>), under which wire name, in which lazily opened
/// object (<see cref="Container"/>; null is the event object), from which members, within which limits. The fields of an
/// event come in wire order.
/// </summary>
internal sealed record FieldSpec(
    FieldWrite Write,
    string Field,
    string WireName,
    string? Container,
    EquatableArray<ValueSpec> Values,
    string? Signal,
    string? Rule,
    long? Minimum,
    long? Maximum,
    int? MaxLength,
    int? MaxItems,
    ContentsSpec? Contents);

/// <summary>The line items: the collection member, whether its elements can be null, and the fields of each item.</summary>
internal sealed record ContentsSpec(ValueSpec Collection, bool ElementIsReferenceType, EquatableArray<FieldSpec> Items);

/// <summary>Which rule of the event writer writes a field.</summary>
internal enum FieldWrite
{
    /// <summary>A hashed field: values normalized in the prepare step, their hashes written as an array.</summary>
    Hashes,
    /// <summary>A trimmed string, within a maximum length when the schema gives one.</summary>
    String,
    /// <summary>A trimmed string that must be one of the schema's values.</summary>
    Choice,
    /// <summary>IPv4 or IPv6 text, checked in the prepare step.</summary>
    IpAddress,
    /// <summary>A boolean.</summary>
    Boolean,
    /// <summary>An integer, within the schema's range when it gives one.</summary>
    Integer,
    /// <summary>Money, within the schema's range: a string for the API, a number for the Tag.</summary>
    Money,
    /// <summary>Distinct trimmed strings, at most the schema's maxItems.</summary>
    Strings,
    /// <summary>opt_out_type with Limited Data Processing merged in (a string value and a boolean value).</summary>
    OptOutType,
    /// <summary>The line items, at most the schema's maxItems.</summary>
    Contents,
}

/// <summary>The shape of a member's value (or of a collection's element).</summary>
internal enum ValueKind
{
    Unsupported,
    String,
    Boolean,
    Integer,
    Decimal,
    Double,
    Single,
    DateOnly,
    DateTime,
    DateTimeOffset,
    ActionSource,
    SpanFormattable,
    Object,
    Element,
}

/// <summary>The collection kinds a mapped member may have (docs/generator.md).</summary>
internal enum CollectionKind
{
    None,
    Array,
    List,
    ReadOnlyList,
    ReadOnlyCollection,
    Enumerable,
    ImmutableArray,
    HashSet,
}
