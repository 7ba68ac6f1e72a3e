namespace Pinterest.Conversions.Generators.Model;

// The generator's model: plain, value-equatable data. No ISymbol, SyntaxNode or Compilation may appear here
// (a test walks these types and fails if one does), so the pipeline caches across unrelated edits.

/// <summary>Everything needed to emit one event type.</summary>
internal sealed record EventSpec(
    string HintName,
    string? Namespace,
    EquatableArray<TypeDeclarationSpec> ContainingTypes,
    TypeDeclarationSpec Type,
    string WireEventName,
    string? StandardEventName,
    string DefaultActionSource,
    MemberSpec? ActionSourceMember,
    EventIdSpec EventId,
    MemberSpec? EventTime,
    EquatableArray<MemberSpec> Members,
    ContentsSpec? Contents);

/// <summary>An event to emit under a hint name that is unique in the compilation (ignoring case, as Roslyn compares them).</summary>
internal sealed record EmittableEvent(EventSpec Spec, string HintName);

/// <summary>How to re-declare a type as partial: its keywords (e.g. <c>readonly partial record struct</c>) and name.</summary>
internal sealed record TypeDeclarationSpec(string Keywords, string Name);

/// <summary>A mapped member: the field it writes, how to read it, and its shape.</summary>
internal sealed record MemberSpec(
    int FieldId,
    string FieldName,
    string Access,
    ValueKind Kind,
    CollectionKind Collection,
    bool IsNullable,
    bool IsPreHashed);

/// <summary>The event_id: a mapped member, or the parts of an <c>EventIdFormat</c> template.</summary>
internal sealed record EventIdSpec(MemberSpec? Member, EquatableArray<EventIdPart> Parts);

/// <summary>One part of an <c>EventIdFormat</c>: literal text, or a member to format.</summary>
internal sealed record EventIdPart(string? Literal, string? Access, ValueKind Kind, bool IsNullable);

/// <summary>The line items: the collection member and the element's mapped members.</summary>
internal sealed record ContentsSpec(MemberSpec Collection, bool ElementIsReferenceType, EquatableArray<MemberSpec> ElementMembers);

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

/// <summary>The collection kinds the contract accepts.</summary>
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
