using System.Text.Json;
using Pinterest.Conversions.Serialization;

namespace Pinterest.Conversions.Sandbox.Validation;

/// <summary>
/// A Pinterest Tag event as the sandbox takes it at <c>POST /sandbox/tag</c>: <c>event_name</c> (the API's wire name or
/// the Tag's, such as <c>add_to_cart</c> or <c>AddToCart</c>), <c>event_id</c>, optional <c>action_source</c> (web) and
/// <c>event_time</c> (now). Other properties, the Tag's event data, are ignored.
/// </summary>
internal static class TagEventRules
{
    public static EventOutcome? Read(JsonElement tag, EventRuleSettings settings, out string? error)
    {
        error = null;
        if (tag.ValueKind != JsonValueKind.Object) return Fail("The body must be a JSON object.", out error);

        if (!tag.TryGetProperty("event_name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
            return Fail("'event_name' is required and must be a string.", out error);
        var name = nameElement.GetString()!;
        EventName? standard = WireVocabulary.TagEventNames.TryGetValue(name, out var n) ? n : null;
        if (standard is { } s)
            name = PinterestJsonNames.Of(s).Value; // Deduplicated against the API under the API's name.
        else if (!settings.AdvertiserDefinedEvents.Contains(name))
            return Fail("'event_name' is neither a standard event name nor an advertiser-defined event.", out error);

        if (!tag.TryGetProperty("event_id", out var idElement) || idElement.ValueKind != JsonValueKind.String || idElement.GetString()!.Length == 0)
            return Fail("'event_id' is required and must be a non-empty string: the Tag and the API deduplicate on it.", out error);

        var source = ActionSource.Web;
        if (tag.TryGetProperty("action_source", out var sourceElement))
        {
            if (sourceElement.ValueKind != JsonValueKind.String || !WireVocabulary.ActionSources.TryGetValue(sourceElement.GetString()!, out source))
                return Fail($"'action_source' must be one of {WireVocabulary.ActionSourceList}.", out error);
        }

        var eventTime = settings.Now.ToUnixTimeSeconds();
        if (tag.TryGetProperty("event_time", out var timeElement))
        {
            if (EventRules.UnixSeconds(timeElement) is not { } given)
                return Fail("'event_time' must be an integer (Unix seconds).", out error);
            eventTime = given;
        }
        if (EventRules.CheckEventTime(eventTime, settings) is { } timeError)
            return Fail(timeError, out error);

        return new EventOutcome(name, standard, true, idElement.GetString()!, source, eventTime, PinterestSignals.None, null, null);
    }

    private static EventOutcome? Fail(string message, out string? error)
    {
        error = message;
        return null;
    }
}
