using System.Text.Json;

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
}
