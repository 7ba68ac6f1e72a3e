namespace Pinterest.Conversions.AspNetCore;

/// <summary>How <c>MapPinterestOutbox</c> maps the outbox page.</summary>
public sealed class PinterestOutboxPageOptions
{
    /// <summary>The longest page of parked events.</summary>
    public const int MaxParkedPageSize = 1000;

    /// <summary>
    /// The name of the app's authorization policy that may see the page and redrive or purge (required outside the
    /// Development environment). The app defines it, for example
    /// <c>services.AddAuthorizationBuilder().AddPolicy("PinterestOps", p => p.RequireRole("ops"))</c>.
    /// </summary>
    public string? AuthorizationPolicy { get; set; }

    /// <summary>The page's title and heading; "Pinterest outbox" by default.</summary>
    public string Title { get; set; } = "Pinterest outbox";

    /// <summary>How many parked events one page shows (1 to <see cref="MaxParkedPageSize"/>); 100 by default.</summary>
    public int ParkedPageSize { get; set; } = 100;
}
