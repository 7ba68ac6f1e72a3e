using System.ComponentModel;
using System.Text.Json;
using Pinterest.Conversions.Serialization;

namespace Pinterest.Conversions;

/// <summary>
/// A conversion event that can write itself as Pinterest JSON. The source generator implements it, explicitly, for every
/// <see cref="PinterestEventAttribute"/> type; hand-written implementations are possible but lose the compile-time checks.
/// </summary>
public interface IPinterestEvent
{
    /// <summary>The wire event name, such as <c>checkout</c>.</summary>
    string EventName { get; }

    /// <summary>The event_id shared with the Pinterest Tag; empty when the event has none (it cannot be sent).</summary>
    string EventId { get; }

    /// <summary>
    /// Normalizes and hashes the event's identity values, then writes one event object. Writes nothing when the event cannot
    /// be sent; the report says why and lists every dropped field.
    /// </summary>
    PinterestEventReport WriteTo(Utf8JsonWriter writer, PinterestWriteContext context);

    /// <summary>Writes the Pinterest Tag's event data for the same event (event_id, value, currency, line_items, ...) as one object.</summary>
    void WriteTagData(Utf8JsonWriter writer, PinterestWriteContext context);

    /// <summary>
    /// The first step of writing, for the runtime's event writer: decides whether the event can be sent and normalizes its
    /// identity values, hashing nothing yet. Generated code implements it; a hand-written event is written by its WriteTo.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    bool Prepare(ref PinterestEventWriter writer) => writer.PrepareWithWriteTo(this);

    /// <summary>The second step, once the identity values are hashed: writes the event object. Generated code implements it.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    void Write(ref PinterestEventWriter writer) => writer.WriteWrittenTo();
}
