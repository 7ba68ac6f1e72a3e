namespace Pinterest.Conversions.Sending.Tests;

/// <summary>A purchase: email, IP, user agent, value; the action source is a member so tests can send offline ones.</summary>
[PinterestEvent(EventName.Checkout)]
public partial record Purchase
{
    [MapTo(PinterestField.EventId)] public required string OrderId { get; init; }
    [MapTo(PinterestField.EventTime)] public DateTimeOffset At { get; init; }
    [MapTo(PinterestField.ActionSource)] public ActionSource Source { get; init; } = ActionSource.Web;
    [MapTo(PinterestField.Email)] public string? Email { get; init; }
    [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
    [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
    [MapTo(PinterestField.ExternalId, Hashing = Hashing.PreHashed)] public string? CustomerHash { get; init; }
    [MapTo(PinterestField.Value)] public decimal Total { get; init; }
    [MapTo(PinterestField.Currency)] public string Currency { get; init; } = "USD";
}

/// <summary>A page visit: IP and user agent only, plus the click id.</summary>
[PinterestEvent(EventName.PageVisit)]
public partial record Visit
{
    [MapTo(PinterestField.EventId)] public required string Id { get; init; }
    [MapTo(PinterestField.EventTime)] public DateTimeOffset? At { get; init; } // null means now
    [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
    [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
    [MapTo(PinterestField.ClickId)] public string? ClickId { get; init; }
}

internal static class Make
{
    public const string Email = "John.Doe@Example.com";
    public const string Ip = "216.3.128.12";
    public const string UserAgent = "Mozilla/5.0 (X11; Linux x86_64)";

    public static Purchase Purchase(string id, DateTimeOffset at, ActionSource source = ActionSource.Web, string? email = Email) =>
        new() { OrderId = id, At = at, Source = source, Email = email, Ip = Ip, UserAgent = UserAgent, Total = 72.39m };

    public static Visit Visit(string id, DateTimeOffset at) => new() { Id = id, At = at, Ip = Ip, UserAgent = UserAgent };
}

/// <summary>An in-store sale: offline, so Pinterest never deduplicates it; email only.</summary>
[PinterestEvent(EventName.Lead, ActionSource = ActionSource.Offline)]
public partial record StoreSale
{
    [MapTo(PinterestField.EventId)] public required string Id { get; init; }
    [MapTo(PinterestField.EventTime)] public DateTimeOffset At { get; init; }
    [MapTo(PinterestField.Email)] public string? Email { get; init; }
}

#pragma warning disable PIN013 // named at run time on purpose: a platform's tenants choose the names
/// <summary>A platform's event whose name a tenant configured: named at run time.</summary>
[PinterestEvent]
public partial record TenantEvent
{
    [PinterestEventName] public required string Name { get; init; }
    [MapTo(PinterestField.EventId)] public required string Id { get; init; }
    [MapTo(PinterestField.EventTime)] public DateTimeOffset? At { get; init; }
    [MapTo(PinterestField.Email)] public string? Email { get; init; }
    [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; } = Make.Ip;
    [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; } = Make.UserAgent;
}
#pragma warning restore PIN013
