namespace Pinterest.Conversions.Sandbox.Json;

/// <summary>Pinterest's error codes and messages (docs/pinterest-api.md §3.2), in one place.</summary>
internal static class PinterestErrors
{
    /// <summary>400: the request does not match the spec.</summary>
    public static PinterestError Invalid(string detail) => new() { Code = 4196, Message = "The request was invalid. " + detail };

    /// <summary>
    /// 413: the body is larger than the sandbox takes. Pinterest documents no size limit and no 413 body; the sandbox
    /// answers with Pinterest's Error shape and its invalid-request code, so a client reads it like a 400.
    /// </summary>
    public static PinterestError TooLarge(int limit) => new()
    {
        Code = 4196,
        Message = $"The request was invalid. The body is larger than {limit} bytes: send fewer events per request.",
    };

    /// <summary>401: no token, or not the one configured.</summary>
    public static PinterestError AuthenticationFailed { get; } = new() { Code = 2, Message = "Authentication failed." };

    /// <summary>403: the token may not send for this ad account.</summary>
    public static PinterestError Forbidden { get; } = new() { Code = 29, Message = "You are not permitted to access that resource." };

    /// <summary>429: rate limited.</summary>
    public static PinterestError RateLimited { get; } = new() { Code = 8, Message = "This request exceeded a rate limit." };

    /// <summary>503: the endpoint is ramped down.</summary>
    public static PinterestError RampedDown { get; } = new()
    {
        Code = 4197, Message = "The endpoint has been ramped down and is currently not accepting any traffic.",
    };

    /// <summary>500: the spec gives no body; the sandbox answers with an Error so that clients can parse it if they try.</summary>
    public static PinterestError Unexpected { get; } = new() { Code = 1, Message = "Unexpected error." };

    /// <summary>422: some or all events failed (the body Pinterest returned for a stale event, docs/pinterest-api.md §3.2).</summary>
    public static PinterestDetailedError NotAllProcessed(ConversionApiResponse details) => new()
    {
        Code = 953,
        Message = "The action could not be processed properly due to some or all data provided being invalid.",
        Details = details,
    };
}
