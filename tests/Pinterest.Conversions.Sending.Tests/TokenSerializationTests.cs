using System.Text.Json;
using Pinterest.Conversions.Hosting;
using Xunit;

namespace Pinterest.Conversions.Sending.Tests;

/// <summary>
/// A structured logger that destructures an account or the options serializes them: the token must not come out, neither
/// through System.Text.Json nor through ToString.
/// </summary>
public class TokenSerializationTests
{
    private const string Token = "pina_SECRET-token-4711";

    public static TheoryData<string, object> Holders() => new()
    {
        { nameof(PinterestAccount), new PinterestAccount("549755885175", Token) },
        { nameof(PinterestConversionsClientOptions), new PinterestConversionsClientOptions { AdAccountId = "549755885175", AccessToken = Token } },
        { nameof(PinterestConversionsOptions), HostingOptions() },
        { nameof(PinterestAccountOptions), new PinterestAccountOptions { AdAccountId = "1", AccessToken = Token } },
    };

    [Theory]
    [MemberData(nameof(Holders))]
    public void The_token_is_in_no_serialization_and_no_ToString(string name, object holder)
    {
        var json = JsonSerializer.Serialize(holder, holder.GetType(), new JsonSerializerOptions { WriteIndented = true });
        Assert.DoesNotContain(Token, json);
        Assert.DoesNotContain("AccessToken", json);
        Assert.Contains("AdAccountId", json); // the rest is still serialized: the test looks at a real serialization
        Assert.DoesNotContain(Token, holder.ToString() ?? "");
        Assert.False(string.IsNullOrEmpty(name));
    }

    private static PinterestConversionsOptions HostingOptions()
    {
        var options = new PinterestConversionsOptions { AdAccountId = "549755885175", AccessToken = Token };
        options.Accounts["eu"] = new PinterestAccountOptions { AdAccountId = "2", AccessToken = Token };
        return options;
    }
}
