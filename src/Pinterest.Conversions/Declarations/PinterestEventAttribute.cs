namespace Pinterest.Conversions;

/// <summary>
/// Marks a partial type as a Pinterest conversion event; the source generator implements <c>IPinterestEvent</c> for it.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false, AllowMultiple = false)]
public sealed class PinterestEventAttribute : Attribute
{
    /// <summary>Declares a standard event such as <see cref="EventName.Checkout"/>.</summary>
    public PinterestEventAttribute(EventName name) => Name = name;

    /// <summary>Declares an advertiser-defined event: at most 100 characters of <c>[A-Za-z0-9_-]</c>, exactly as defined in Ads Manager.</summary>
    public PinterestEventAttribute(string name) => CustomName = name;

    /// <summary>
    /// Declares an event whose name is chosen at run time: exactly one <see cref="string"/> member of the type (or a base
    /// type) carries <see cref="PinterestEventNameAttribute"/>, and an invalid value makes the event unsendable.
    /// </summary>
    public PinterestEventAttribute()
    {
    }

    /// <summary>The standard event name, when the first constructor was used.</summary>
    public EventName? Name { get; }

    /// <summary>The advertiser-defined event name, when the second constructor was used.</summary>
    public string? CustomName { get; }

    /// <summary>Where the event took place; <see cref="ActionSource.Web"/> unless set or mapped.</summary>
    public ActionSource ActionSource { get; set; } = ActionSource.Web;

    /// <summary>
    /// Builds event_id from readable members, such as <c>"order-{OrderNumber}-{Line}"</c>; <c>{{</c> and <c>}}</c> escape braces.
    /// </summary>
    public string? EventIdFormat { get; set; }
}
