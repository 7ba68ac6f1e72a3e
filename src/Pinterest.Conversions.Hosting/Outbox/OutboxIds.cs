using System.Globalization;

namespace Pinterest.Conversions.Hosting.Outbox;

/// <summary>The public form of a store's row id (<see cref="PinterestParkedEvent.Id"/>, paging): invariant decimal digits.</summary>
public static class OutboxIds
{
    /// <summary>The id as text.</summary>
    public static string Format(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The id of <paramref name="text"/>; 0 for null (before every id).</summary>
    /// <exception cref="ArgumentException">The text is not an id of this outbox.</exception>
    public static long Parse(string? text)
    {
        if (text is null) return 0;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 0)
            throw new ArgumentException("Not an outbox event id (expected the Id of a PinterestParkedEvent).", nameof(text));
        return id;
    }
}
