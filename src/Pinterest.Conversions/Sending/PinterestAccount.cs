using System.Text.Json.Serialization;

namespace Pinterest.Conversions;

/// <summary>
/// An ad account and the conversion access token that may send events to it. <see cref="ToString"/> never shows the
/// token, so an account is safe to log.
/// </summary>
public sealed class PinterestAccount : IEquatable<PinterestAccount>
{
    /// <summary>Creates an account; the id must be 1 to 18 digits and the token non-empty, without whitespace.</summary>
    /// <exception cref="ArgumentException">The id or the token is malformed; the message never holds the token.</exception>
    public PinterestAccount(string adAccountId, string accessToken)
    {
        if (!IsValidAdAccountId(adAccountId))
            throw new ArgumentException("The ad account id must be 1 to 18 ASCII digits.", nameof(adAccountId));
        if (!IsValidAccessToken(accessToken))
            throw new ArgumentException("The access token must be non-empty and hold no whitespace or control character.", nameof(accessToken));
        AdAccountId = adAccountId;
        AccessToken = accessToken;
    }

    /// <summary>The ad account id, digits only.</summary>
    public string AdAccountId { get; }

    /// <summary>The bearer token sent in the Authorization header. Never logged, never serialized.</summary>
    [JsonIgnore]
    public string AccessToken { get; }

    /// <summary>True when <paramref name="value"/> is 1 to 18 ASCII digits (the spec's <c>^\d+$</c>, <c>maxLength 18</c>).</summary>
    public static bool IsValidAdAccountId(string? value)
    {
        if (value is null || value.Length is 0 or > 18) return false;
        foreach (var c in value)
        {
            if (c is < '0' or > '9') return false;
        }
        return true;
    }

    /// <summary>True when <paramref name="value"/> can be sent as a bearer token: non-empty, no whitespace or control character.</summary>
    public static bool IsValidAccessToken(string? value)
    {
        if (string.IsNullOrEmpty(value)) return false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c)) return false;
        }
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(PinterestAccount? other) =>
        other is not null && AdAccountId == other.AdAccountId && string.Equals(AccessToken, other.AccessToken, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PinterestAccount);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(AdAccountId);

    /// <summary>The ad account id and a mask in place of the token.</summary>
    public override string ToString() => $"ad account {AdAccountId} (token hidden)";
}
