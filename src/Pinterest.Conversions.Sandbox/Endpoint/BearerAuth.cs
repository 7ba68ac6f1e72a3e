using System.Security.Cryptography;
using System.Text;

namespace Pinterest.Conversions.Sandbox.Endpoint;

/// <summary>Why a request was or was not authenticated; never carries the token.</summary>
internal enum AuthResult
{
    Ok,
    Missing,
    NotBearer,
    WrongToken,
}

/// <summary><c>Authorization: Bearer &lt;token&gt;</c> (docs/pinterest-api.md §1): any non-empty token, or the configured one.</summary>
internal static class BearerAuth
{
    public static AuthResult Check(string? authorization, string? configuredToken)
    {
        if (string.IsNullOrWhiteSpace(authorization)) return AuthResult.Missing;
        const string scheme = "Bearer ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return AuthResult.NotBearer;
        var token = authorization.AsSpan(scheme.Length).Trim();
        if (token.IsEmpty) return AuthResult.Missing;
        if (configuredToken is null) return AuthResult.Ok;

        // Constant time, so that the sandbox does not teach a timing attack by example.
        var given = Encoding.UTF8.GetBytes(token.ToString());
        var expected = Encoding.UTF8.GetBytes(configuredToken);
        return CryptographicOperations.FixedTimeEquals(given, expected) ? AuthResult.Ok : AuthResult.WrongToken;
    }

    /// <summary>A token that can travel in a header: non-empty, no whitespace or control characters.</summary>
    public static bool IsWellFormedToken(string token) =>
        token.Length > 0 && !token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
}
