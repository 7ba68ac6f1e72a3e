using System.Globalization;

namespace Pinterest.Conversions.Sandbox.Tests.Support;

/// <summary>Request bodies written by hand as JSON text: the tests depend on no generated code.</summary>
internal static class Bodies
{
    /// <summary>SHA-256 examples from Pinterest's spec (docs/pinterest-api.md §5.1).</summary>
    public const string EmailHash = "411e44ce1261728ffd2c0686e44e3fffe413c0e2c5adc498bc7da883d476b9c8";
    public const string MaidHash = "0192518eb84137ccfe82c8b6322d29631dae7e28ed9d0f6dd5f245d73a58c5f1";
    public const string PhoneHash = "45df139772a81b6011bdc1c9cc3d1cb408fc0b10ec0c5cb9d4d4e107f0ddc49d";
    public const string OtherHash = "7e546b3aa43f989dd359672e6c3409d4f9d4e8f155ae1e9b90ee060985468c19";

    public const string Ip = "\"client_ip_address\":\"216.3.128.12\"";
    public const string UserAgent = "\"client_user_agent\":\"Mozilla/5.0 (X11; Linux x86_64)\"";
    public const string Email = "\"em\":[\"" + EmailHash + "\"]";

    /// <summary>Email, IP and user agent: Good, not Great.</summary>
    public const string WebUser = "{" + Email + "," + Ip + "," + UserAgent + "}";

    /// <summary>Every weighted signal: Great.</summary>
    public const string FullUser = "{" + Email + ",\"hashed_maids\":[\"" + MaidHash + "\"]," + Ip + "," + UserAgent +
        ",\"external_id\":[\"" + OtherHash + "\"],\"fn\":[\"" + OtherHash + "\"],\"ln\":[\"" + OtherHash + "\"]" +
        ",\"click_id\":\"dj0yJnU9b2JD\",\"ph\":[\"" + PhoneHash + "\"],\"ge\":[\"" + OtherHash + "\"],\"db\":[\"" + OtherHash + "\"]" +
        ",\"ct\":[\"" + OtherHash + "\"],\"st\":[\"" + OtherHash + "\"],\"zp\":[\"" + OtherHash + "\"],\"country\":[\"" + OtherHash + "\"]}";

    public static string Request(params string[] events) => "{\"data\":[" + string.Join(",", events) + "]}";

    public static string Request(IEnumerable<string> events) => Request(events.ToArray());

    public static string Event(
        long eventTime, string name = "checkout", string id = "order-1", string source = "web",
        string userData = WebUser, string extra = "") =>
        string.Create(CultureInfo.InvariantCulture,
            $"{{\"event_name\":\"{name}\",\"action_source\":\"{source}\",\"event_time\":{eventTime},\"event_id\":\"{id}\",\"user_data\":{userData}{extra}}}");

    public static string Tag(string name, string id, long? eventTime = null, string? source = null) =>
        "{\"event_name\":\"" + name + "\",\"event_id\":\"" + id + "\"" +
        (eventTime is { } t ? ",\"event_time\":" + t.ToString(CultureInfo.InvariantCulture) : "") +
        (source is null ? "" : ",\"action_source\":\"" + source + "\"") +
        ",\"value\":\"72.39\",\"currency\":\"USD\"}";
}
