using System.Net;

namespace Pinterest.Conversions.Sandbox.Endpoint;

/// <summary>Where a request or a listening address is: on this machine's loopback, or reachable from elsewhere.</summary>
internal static class CallerAddress
{
    /// <summary>
    /// True for a loopback remote address (IPv4-mapped too). Null (no connection address, as over an in-memory test
    /// server) is not loopback: the admin routes stay shut when the sandbox cannot tell.
    /// </summary>
    public static bool IsLoopback(IPAddress? remote) =>
        remote is not null && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);

    /// <summary>True when a listening URL such as <c>http://127.0.0.1:5080</c> or <c>http://localhost:5080</c> serves loopback only.</summary>
    public static bool IsLoopbackUrl(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback;
}
