namespace Pinterest.Conversions;

/// <summary>
/// Declares that the site also fires these events with the Pinterest Tag (no arguments: the site runs the Tag),
/// so the analyzers can check that every lower-funnel Tag event is also sent through the API.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class UsesPinterestTagAttribute : Attribute
{
    /// <summary>Declares the Tag events the site fires.</summary>
    public UsesPinterestTagAttribute(params EventName[] tagEvents) => TagEvents = tagEvents ?? [];

    /// <summary>The events the site fires with the Tag; empty when not listed.</summary>
    public IReadOnlyList<EventName> TagEvents { get; }
}
